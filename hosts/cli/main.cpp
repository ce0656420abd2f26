// Entry point of the `taskweave` command: picks the subcommand from the first argument and runs
// it as its own Poco::Util::Application, so every subcommand gets Poco's option parsing
// ("--name value", "--name=value") and its own --help.
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "subcommand.h"
#include "version.h"

namespace taskweave::cli {
namespace {

std::filesystem::path executable_dir(const char* argv0) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) self = std::filesystem::absolute(argv0);
  return self.parent_path();
}

class SubcommandApp : public Poco::Util::Application {
 public:
  SubcommandApp(const Subcommand& command, std::filesystem::path exe_dir)
      : command_(command), invocation_{{}, {}, std::cout, std::cerr, std::move(exe_dir)} {
    setUnixOptions(true);
  }

  bool help_requested() const { return help_; }
  void print_help() {
    Poco::Util::HelpFormatter formatter(options());
    formatter.setUnixStyle(true);
    formatter.setCommand(std::string("taskweave ") + command_.name);
    formatter.setUsage(command_.usage);
    formatter.setHeader(command_.summary);
    formatter.format(std::cout);
  }

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    options.addOption(Poco::Util::Option("help", "h", "Show this help and exit."));
    if (command_.define_options) command_.define_options(options);
  }
  void handleOption(const std::string& name, const std::string& value) override {
    if (name == "help") {
      help_ = true;
      stopOptionsProcessing();
      return;
    }
    invocation_.options.emplace(name, value);
  }
  int main(const std::vector<std::string>& args) override {
    if (help_) {
      print_help();
      return kExitOk;
    }
    invocation_.positional = args;
    return command_.run(invocation_);
  }

 private:
  const Subcommand& command_;
  Invocation invocation_;
  bool help_ = false;
};

void print_overview(std::ostream& out) {
  out << "taskweave " << kVersion
      << ": runs Informatica PowerCenter workflow exports without PowerCenter.\n\n"
         "usage: taskweave <command> [options] [args]\n\ncommands:\n";
  for (const auto& c : subcommands()) {
    std::string name = c.name;
    out << "  " << name << std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') << c.summary
        << "\n";
  }
  out << "\n'taskweave <command> --help' shows a command's options. 'taskweave --version' prints "
         "the version.\n";
}

int run(int argc, char** argv) {
  if (argc < 2) {
    print_overview(std::cerr);
    return kExitUsage;
  }
  std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_overview(std::cout);
    return kExitOk;
  }
  if (first == "--version" || first == "version") {
    std::cout << "taskweave " << kVersion << " (plugin ABI " << kAbiVersion << ")\n";
    return kExitOk;
  }
  const Subcommand* command = nullptr;
  for (const auto& c : subcommands())
    if (first == c.name) command = &c;
  if (!command) {
    std::cerr << "taskweave: unknown command '" << first
              << "' (run 'taskweave --help' for the list)\n";
    return kExitUsage;
  }

  SubcommandApp app(*command, executable_dir(argv[0]));
  try {
    // Poco sees "taskweave-<name> args...": argv[0] names the program, the rest are options.
    std::vector<std::string> args;
    args.emplace_back(std::string("taskweave ") + command->name);
    for (int i = 2; i < argc; ++i) args.emplace_back(argv[i]);
    app.init(args);
  } catch (const Poco::Util::OptionException& e) {
    std::cerr << "taskweave " << command->name << ": " << e.displayText() << " (see 'taskweave "
              << command->name << " --help')\n";
    return kExitUsage;
  }
  return app.run();
}

}  // namespace
}  // namespace taskweave::cli

int main(int argc, char** argv) { return taskweave::cli::run(argc, argv); }
