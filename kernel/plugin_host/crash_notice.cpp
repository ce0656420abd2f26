#include "plugin_host/crash_notice.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <mutex>
#include <string>

namespace taskweave::plugin_host {
namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
constexpr const char* kNames[] = {"SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT"};
static_assert(std::size(kSignals) == std::size(kNames));

// Written before the plugin's code runs, read only by the handler: no allocation there.
std::mutex active;
char before_signal[2048];
char after_signal[512];

void write_all(const char* text) {
  for (std::size_t left = std::strlen(text); left > 0;) {
    const ssize_t n = ::write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<std::size_t>(n);
  }
}

void on_fatal_signal(int sig) {
  write_all(before_signal);
  for (std::size_t i = 0; i < std::size(kSignals); ++i)
    if (kSignals[i] == sig) write_all(kNames[i]);
  write_all(after_signal);
  // SA_RESETHAND made the action the default again: the signal, raised again (or delivered
  // again by the faulting instruction), ends the process as it would have.
  ::raise(sig);
}

void copy_text(char* out, std::size_t capacity, const std::string& text) {
  const std::size_t n = std::min(text.size(), capacity - 1);
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

}  // namespace

CrashNotice::CrashNotice(const std::filesystem::path& plugin, const char* stage) {
  active.lock();
  copy_text(before_signal, sizeof before_signal,
            "taskweave: the plugin " + plugin.string() + " crashed in " + stage + " (");
  copy_text(after_signal, sizeof after_signal,
            "). taskweave cannot go on: move the file out of " + plugin.parent_path().string() +
                " or get a fixed build from its vendor.\n");
  struct sigaction action {};
  action.sa_handler = on_fatal_signal;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < std::size(kSignals); ++i)
    ::sigaction(kSignals[i], &action, &previous_[i]);
}

CrashNotice::~CrashNotice() {
  for (std::size_t i = 0; i < std::size(kSignals); ++i)
    ::sigaction(kSignals[i], &previous_[i], nullptr);
  active.unlock();
}

}  // namespace taskweave::plugin_host
