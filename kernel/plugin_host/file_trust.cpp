#include "plugin_host/file_trust.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace taskweave::plugin_host {
namespace {

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// `what` is "file" or "directory"; returns "" when `path` is safe.
std::string check_one(const std::filesystem::path& path, const char* what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return std::string("cannot check the ") + what + " '" + path.string() +
           "': " + std::strerror(errno);
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    return std::string("the ") + what + " '" + path.string() + "' is writable by " +
           ((st.st_mode & S_IWOTH) ? "other users" : "its group") + " (mode " +
           octal_mode(st.st_mode) +
           "), so someone else could replace the code taskweave would run; fix it with: "
           "chmod go-w '" +
           path.string() + "'";
  const uid_t me = ::geteuid();
  if (st.st_uid != me && st.st_uid != 0)
    return std::string("the ") + what + " '" + path.string() + "' is owned by uid " +
           std::to_string(st.st_uid) + ", neither the current user (uid " + std::to_string(me) +
           ") nor root, so that user could replace the code taskweave would run; fix it with: "
           "chown " +
           std::to_string(me) + " '" + path.string() + "'";
  return "";
}

}  // namespace

std::string untrusted_reason(const std::filesystem::path& file, const std::filesystem::path& dir) {
  std::error_code ec;
  const auto real_file = std::filesystem::canonical(file, ec);
  if (ec) return "cannot resolve '" + file.string() + "': " + ec.message();
  for (const auto& [path, what] : {std::pair{real_file, "file"}, std::pair{dir, "directory"},
                                   std::pair{real_file.parent_path(), "directory"}}) {
    if (std::string reason = check_one(path, what); !reason.empty()) return reason;
  }
  return "";
}

}  // namespace taskweave::plugin_host
