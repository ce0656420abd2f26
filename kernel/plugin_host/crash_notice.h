// A plugin's own code runs while taskweave loads it: its static constructors (in dlopen), its
// entry point and its init(). If that code crashes, taskweave cannot go on (the process is
// taken down with it), but it must not end with a bare "Segmentation fault" either. While a
// CrashNotice lives, a fatal signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) first writes a
// line naming the plugin file, the stage and what to do, then takes its normal course: the
// exit status still says which signal it was.
//
//   { CrashNotice notice(file, "init()"); descriptor->init(host, &err); }
//
// One notice at a time in the process (a second one waits); the handlers before it are put
// back when it ends.
#pragma once

#include <signal.h>

#include <filesystem>

namespace taskweave::plugin_host {

class CrashNotice {
 public:
  CrashNotice(const std::filesystem::path& plugin, const char* stage);
  ~CrashNotice();
  CrashNotice(const CrashNotice&) = delete;
  CrashNotice& operator=(const CrashNotice&) = delete;

 private:
  struct sigaction previous_[5];
};

}  // namespace taskweave::plugin_host
