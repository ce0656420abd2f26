#include "smtp_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

extern char** environ;

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Waits for `pid` up to `timeout`; true when it exited (its status in *status).
bool wait_for(pid_t pid, std::chrono::milliseconds timeout, int* status) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    if (waitpid(pid, status, WNOHANG) == pid) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Runs argv with stdout and stderr to `log`; "" when it exits 0 within the timeout.
std::string run(const std::vector<std::string>& argv, const fs::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return argv[0] + ": cannot start: " + std::strerror(rc);
  int status = 0;
  if (!wait_for(pid, std::chrono::seconds(30), &status)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return argv[0] + " did not finish within 30 s";
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return argv[0] + " failed: " + read_file(log);
  return {};
}

}  // namespace

int unused_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

std::string SmtpTestServer::start(Mode mode, const fs::path& dir, const std::string& user,
                                  const std::string& password) {
  dir_ = dir;
  fs::create_directories(dir_ / "mail");
  if (mode != Mode::kPlain) {
    std::string error = run(
        {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", (dir_ / "key.pem").string(), "-out", (dir_ / "cert.pem").string()},
        dir_ / "openssl.log");
    if (!error.empty()) return error;
  }

  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) return "pipe failed";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, (dir_ / "server.log").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // Debian's interpreter, where python3-aiosmtpd is installed (not a pyenv one on PATH).
  std::vector<std::string> argv = {
      "/usr/bin/python3",
      std::string(TW_SOURCE_DIR) + "/tests/plugins/email/smtp_server.py",
      "--dir",
      (dir_ / "mail").string(),
      "--mode",
      mode == Mode::kStartTls ? "starttls"
      : mode == Mode::kSmtps  ? "smtps"
                              : "plain",
      "--user",
      user};
  if (mode != Mode::kPlain)
    argv.insert(argv.end(),
                {"--cert", (dir_ / "cert.pem").string(), "--key", (dir_ / "key.pem").string()});
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = {"SMTP_TEST_PASSWORD=" + password};
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("SMTP_TEST_PASSWORD=", 0) != 0) env_strings.emplace_back(*e);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  stdin_fd_ = in_pipe[1];
  if (rc != 0) {
    close(out_pipe[0]);
    pid_ = -1;
    return std::string("cannot start /usr/bin/python3: ") + std::strerror(rc);
  }

  // The server prints its port once it listens; a slow start is bounded, not waited out.
  std::string line;
  auto deadline = Clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
    pollfd p{out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buffer[64];
    ssize_t n = read(out_pipe[0], buffer, sizeof(buffer));
    if (n <= 0) break;
    line.append(buffer, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  port_ = std::atoi(line.c_str());
  if (port_ <= 0)
    return "the SMTP test server did not start (is python3-aiosmtpd installed? see "
           "scripts/install-deps.sh): " +
           log();
  return {};
}

SmtpTestServer::~SmtpTestServer() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ <= 0) return;
  int status = 0;
  if (!wait_for(pid_, std::chrono::seconds(5), &status)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
}

std::vector<fs::path> SmtpTestServer::messages() const {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir_ / "mail"))
    if (entry.path().filename().string().front() != '.') out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string SmtpTestServer::log() const { return read_file(dir_ / "server.log"); }

}  // namespace taskweave::testing
