// Starts tests/plugins/email/smtp_server.py (a real aiosmtpd SMTP server) on a free port of
// 127.0.0.1 with a certificate made for this test, and reads back what it received.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.h"  // read_file()

namespace taskweave::testing {

class SmtpTestServer {
 public:
  enum class Mode { kStartTls, kSmtps, kPlain };

  // Makes a certificate (unless kPlain) in `dir` and starts the server, which writes the mail
  // it receives under dir/mail. Returns "" or why the server could not start.
  std::string start(Mode mode, const std::filesystem::path& dir, const std::string& user,
                    const std::string& password);
  // Closes the server's stdin (it exits on end of file), then kills it if it has not exited
  // within a few seconds.
  ~SmtpTestServer();

  int port() const { return port_; }
  std::filesystem::path certificate() const { return dir_ / "cert.pem"; }
  // The directories of the messages received so far, oldest first.
  std::vector<std::filesystem::path> messages() const;
  // The server's stderr, for failure messages.
  std::string log() const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
};

// A port on 127.0.0.1 that nothing listens on (bound, then released).
int unused_port();

}  // namespace taskweave::testing
