// Decides whether the descriptor a plugin's entry point returned can be used by this host:
// the ABI version rule (same major, plugin minor <= host minor), the abi.h hash, and every
// field the host relies on. A pure function over the struct, so each rule is unit-tested
// without building a plugin for it.
#pragma once

#include <taskweave/abi.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "plugin_host/load_outcome.h"

namespace taskweave::plugin_host {

struct HostAbi {
  uint32_t major = TW_ABI_MAJOR;
  uint32_t minor = TW_ABI_MINOR;
  // TW_ABI_HASH of every released minor of this major, indexed by minor: a plugin built for
  // minor m must carry hashes_by_minor[m]. Append the new hash when TW_ABI_MINOR is bumped.
  std::span<const uint64_t> hashes_by_minor;
};

// The ABI this host was built with.
HostAbi this_host_abi();

struct DescriptorVerdict {
  LoadStatus status = LoadStatus::Loaded;  // Loaded: acceptable
  std::string message;
};

DescriptorVerdict check_descriptor(const tw_plugin_descriptor* descriptor,
                                   const HostAbi& host = this_host_abi());

// The task types of an accepted descriptor. The array is walked with the plugin's own
// tw_task_type size as the stride, so a plugin built for an older minor (smaller struct)
// is read correctly by a newer host.
std::vector<const tw_task_type*> task_types_of(const tw_plugin_descriptor& descriptor);

// Plugin and task type names are used on command lines (`--plugin TYPE=PLUGIN`): letters,
// digits, '.', '_' and '-', at most 128 characters.
bool is_valid_name(const char* name);

}  // namespace taskweave::plugin_host
