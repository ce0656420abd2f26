// Refuses plugin files that someone other than the user running taskweave (or root) could have
// replaced, the way ssh treats authorized_keys and sudo its plugins: loading a plugin runs its
// code with our privileges, so a group- or world-writable file or directory is a hole.
#pragma once

#include <filesystem>
#include <string>

namespace taskweave::plugin_host {

// Returns why `file` (found in the search directory `dir`) must not be loaded, or "" when it
// is trusted. Checks the file and its directory (after resolving symlinks, both the directory
// it was found in and the one it really lives in): each must not be writable by group or
// others and must be owned by the current user or root. The message says how to fix it.
std::string untrusted_reason(const std::filesystem::path& file, const std::filesystem::path& dir);

}  // namespace taskweave::plugin_host
