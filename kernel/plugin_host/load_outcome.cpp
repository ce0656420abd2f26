#include "plugin_host/load_outcome.h"

namespace taskweave::plugin_host {

std::string_view status_name(LoadStatus status) {
  switch (status) {
    case LoadStatus::Loaded:
      return "loaded";
    case LoadStatus::NotAPlugin:
      return "not_a_plugin";
    case LoadStatus::CannotOpen:
      return "cannot_open";
    case LoadStatus::Insecure:
      return "insecure";
    case LoadStatus::AbiTooOld:
      return "abi_too_old";
    case LoadStatus::AbiTooNew:
      return "abi_too_new";
    case LoadStatus::AbiHashMismatch:
      return "abi_hash_mismatch";
    case LoadStatus::BadDescriptor:
      return "bad_descriptor";
    case LoadStatus::DuplicatePlugin:
      return "duplicate_plugin";
    case LoadStatus::DuplicateTaskType:
      return "duplicate_task_type";
    case LoadStatus::InitFailed:
      return "init_failed";
  }
  return "unknown";
}

std::string_view status_label(LoadStatus status) {
  switch (status) {
    case LoadStatus::Loaded:
      return "loaded";
    case LoadStatus::NotAPlugin:
      return "not a plugin";
    case LoadStatus::CannotOpen:
      return "cannot open";
    case LoadStatus::Insecure:
      return "insecure";
    case LoadStatus::AbiTooOld:
      return "ABI too old";
    case LoadStatus::AbiTooNew:
      return "ABI too new";
    case LoadStatus::AbiHashMismatch:
      return "ABI hash mismatch";
    case LoadStatus::BadDescriptor:
      return "bad descriptor";
    case LoadStatus::DuplicatePlugin:
      return "duplicate plugin";
    case LoadStatus::DuplicateTaskType:
      return "duplicate task type";
    case LoadStatus::InitFailed:
      return "init failed";
  }
  return "unknown";
}

}  // namespace taskweave::plugin_host
