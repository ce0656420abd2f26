#include "common/process/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/process/environment.h"

extern char** environ;

namespace taskweave::plugins::process {
namespace {

constexpr const char* kShell = "/bin/sh";

// posix_spawn's two argument structs, destroyed on every path out of spawn_shell().
class SpawnSetup {
 public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions_);
    posix_spawnattr_init(&attributes_);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions_);
    posix_spawnattr_destroy(&attributes_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  // Returns 0 or an errno value.
  int prepare(int pipe_write_end, const std::string& working_dir) {
    int rc = posix_spawn_file_actions_addopen(&actions_, 0, "/dev/null", O_RDONLY, 0);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions_, pipe_write_end, 1);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions_, pipe_write_end, 2);
    // Descriptors the host opened without O_CLOEXEC (sockets, the state database) stay out.
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions_, 3);
    if (rc == 0 && !working_dir.empty())
      rc = posix_spawn_file_actions_addchdir_np(&actions_, working_dir.c_str());
    if (rc != 0) return rc;

    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    rc = posix_spawnattr_setflags(
        &attributes_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (rc == 0) rc = posix_spawnattr_setpgroup(&attributes_, 0);  // group id = child's pid
    if (rc == 0) rc = posix_spawnattr_setsigmask(&attributes_, &none);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(&attributes_, &all);
    return rc;
  }

  const posix_spawn_file_actions_t* actions() const { return &actions_; }
  const posix_spawnattr_t* attributes() const { return &attributes_; }

 private:
  posix_spawn_file_actions_t actions_;
  posix_spawnattr_t attributes_;
};

std::string errno_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

}  // namespace

sdk::Expected<Spawned> spawn_shell(const Command& command) {
  using Result = sdk::Expected<Spawned>;
  // posix_spawn reports a failed chdir and a failed exec with the same errno; look first so
  // the message can say which.
  if (!command.working_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(command.working_dir, ec))
      return Result::failure("working directory " + command.working_dir +
                             " does not exist or is not a directory");
  }

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0)
    return Result::failure("cannot create the output pipe: " + errno_text(errno));

  SpawnSetup setup;
  int rc = setup.prepare(pipe_fds[1], command.working_dir);
  if (rc != 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return Result::failure("cannot prepare the child process: " + errno_text(rc));
  }

  std::vector<std::string> env_entries = merged_environment(environ, command.environment);
  std::vector<char*> envp;
  envp.reserve(env_entries.size() + 1);
  for (auto& entry : env_entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::string shell_text = command.shell_text;
  char arg0[] = "sh";
  char arg1[] = "-c";
  char* argv[] = {arg0, arg1, shell_text.data(), nullptr};

  pid_t pid = -1;
  rc = posix_spawn(&pid, kShell, setup.actions(), setup.attributes(), argv, envp.data());
  close(pipe_fds[1]);  // the child holds its own copy; EOF comes when every holder closes it
  if (rc != 0) {
    close(pipe_fds[0]);
    return Result::failure(std::string("cannot start ") + kShell + ": " + errno_text(rc));
  }
  fcntl(pipe_fds[0], F_SETFL, fcntl(pipe_fds[0], F_GETFL) | O_NONBLOCK);

  Spawned child;
  child.pid = pid;
  child.output_fd = pipe_fds[0];
  // glibc 2.36's <sys/pidfd.h> lacks extern "C", hence the raw system call. The descriptor is
  // close-on-exec; -1 (a kernel or sandbox without pidfd) means the exit is polled for instead.
  child.pid_fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  return child;
}

}  // namespace taskweave::plugins::process
