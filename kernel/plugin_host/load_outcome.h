// What happened to one candidate plugin file: every file the loader looks at yields exactly one
// LoadOutcome, so `taskweave plugins` can say for each file why it was or was not loaded.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace taskweave::plugin_host {

enum class LoadStatus {
  Loaded,
  NotAPlugin,         // not an ELF shared object, truncated, or no entry symbol
  CannotOpen,         // unreadable directory or file, or dlopen() failed (dlerror text)
  Insecure,           // writable by group/others or owned by another user
  AbiTooOld,          // built for an older ABI major than this host supports
  AbiTooNew,          // built for a newer ABI major, or a newer minor of ours
  AbiHashMismatch,    // same version, different abi.h (modified or pre-release header)
  BadDescriptor,      // a descriptor field is missing or malformed (the field is named)
  DuplicatePlugin,    // another file already loaded a plugin with the same name
  DuplicateTaskType,  // another plugin already serves a task type, and no binding decides
  InitFailed,         // the plugin's init() refused (its message is kept)
};

// Stable lower_snake_case name, used in `taskweave plugins --json` ("abi_hash_mismatch").
std::string_view status_name(LoadStatus status);
// Short human label, used as the prefix of the text output ("ABI hash mismatch").
std::string_view status_label(LoadStatus status);

struct LoadOutcome {
  std::filesystem::path path;  // the candidate file (or a search directory that failed)
  LoadStatus status = LoadStatus::Loaded;
  std::string message;      // why, for every status but Loaded
  std::string plugin_name;  // from the descriptor when the loader got that far, else ""
};

}  // namespace taskweave::plugin_host
