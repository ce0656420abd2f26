#include "cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace taskweave::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tw-run-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

int spawn_cli(const std::vector<std::string>& args, const std::string& out_path,
              const std::string& err_path) {
  std::vector<std::string> argv_storage{TW_CLI};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int reap(int pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

CliResult run_cli(const std::vector<std::string>& args) {
  TempDir capture;
  const std::string out_path = (capture / "out").string(), err_path = (capture / "err").string();
  CliResult result;
  const int pid = spawn_cli(args, out_path, err_path);
  if (pid > 0) result.exit_code = reap(pid);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

BackgroundCli::BackgroundCli(const std::vector<std::string>& args)
    : pid_(spawn_cli(args, (capture_ / "out").string(), (capture_ / "err").string())) {}

BackgroundCli::~BackgroundCli() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    reap(pid_);
  }
}

void BackgroundCli::signal(int sig) const {
  if (pid_ > 0 && !reaped_) ::kill(pid_, sig);
}

int BackgroundCli::wait() {
  if (!reaped_ && pid_ > 0) {
    code_ = reap(pid_);
    reaped_ = true;
  }
  return code_;
}

std::string BackgroundCli::err() const { return read_file(capture_ / "err"); }

bool wait_for_text(const std::filesystem::path& file, const std::string& needle, int timeout_ms) {
  for (int waited = 0; waited < timeout_ms; waited += 5) {
    if (read_file(file).find(needle) != std::string::npos) return true;
    usleep(5000);
  }
  return false;
}

std::string json_field(const std::string& line, const std::string& key) {
  const std::string quoted = "\"" + key + "\":";
  auto at = line.find(quoted);
  if (at == std::string::npos) return "";
  at += quoted.size();
  if (at < line.size() && line[at] == '"') {
    std::string value;
    for (++at; at < line.size() && line[at] != '"'; ++at) {
      if (line[at] == '\\' && at + 1 < line.size()) ++at;
      value += line[at];
    }
    return value;
  }
  const auto end = line.find_first_of(",}", at);
  return line.substr(at, end - at);
}

int Events::index_of(const std::string& event, const std::string& task) const {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (json_field(lines[i], "event") == event && json_field(lines[i], "task") == task)
      return static_cast<int>(i);
  return -1;
}

Events read_events(const std::filesystem::path& file) {
  Events events;
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    events.lines.push_back(line);
    const std::string event = json_field(line, "event");
    const std::string task = json_field(line, "task");
    if (event == "task_finished") {
      events.status[task] = json_field(line, "status");
      ++events.endings[task];
    } else if (event == "task_did_not_run") {
      events.status[task] = "DID_NOT_RUN";
      ++events.endings[task];
    } else if (event == "run_finished") {
      events.run_status = json_field(line, "status");
    }
  }
  return events;
}

std::string testkit_dir() { return TW_TESTKIT_DIR; }

}  // namespace taskweave::testing
