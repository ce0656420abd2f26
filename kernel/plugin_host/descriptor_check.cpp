#include "plugin_host/descriptor_check.h"

#include <cinttypes>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <set>
#include <string_view>

namespace taskweave::plugin_host {
namespace {

// Sizes of the structs as ABI 1.0 defined them: the smallest a 1.x plugin may declare.
constexpr size_t kDescriptorSize10 =
    offsetof(tw_plugin_descriptor, init) + sizeof(tw_plugin_descriptor::init);
constexpr size_t kTaskTypeSize10 = offsetof(tw_task_type, destroy) + sizeof(tw_task_type::destroy);
// The version fields every ABI major keeps at the front of the descriptor.
constexpr size_t kVersionFieldsSize =
    offsetof(tw_plugin_descriptor, abi_hash) + sizeof(tw_plugin_descriptor::abi_hash);
// More task types than any real plugin declares: a larger count means a corrupt descriptor.
constexpr size_t kMaxTaskTypes = 1024;

constexpr uint64_t kHashesByMinor[] = {TW_ABI_HASH};  // index = minor
static_assert(std::size(kHashesByMinor) == TW_ABI_MINOR + 1,
              "append the new TW_ABI_HASH to kHashesByMinor when bumping TW_ABI_MINOR");

std::string version(uint32_t major, uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string hex(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%016" PRIx64, value);
  return text;
}

DescriptorVerdict bad(std::string message) {
  return {LoadStatus::BadDescriptor, std::move(message)};
}

DescriptorVerdict check_version(const tw_plugin_descriptor& d, const HostAbi& host) {
  const std::string plugin = version(d.abi_major, d.abi_minor);
  const std::string ours = version(host.major, host.minor);
  if (d.abi_major < host.major)
    return {LoadStatus::AbiTooOld, "built for plugin ABI " + plugin +
                                       ", older than this host's ABI " + ours +
                                       " (a new major is incompatible): rebuild the plugin "
                                       "against this taskweave's SDK"};
  if (d.abi_major > host.major || d.abi_minor > host.minor)
    return {LoadStatus::AbiTooNew, "built for plugin ABI " + plugin +
                                       ", newer than this host's ABI " + ours +
                                       ": upgrade taskweave, or rebuild the plugin against "
                                       "the SDK of ABI " +
                                       ours};
  if (d.abi_minor < host.hashes_by_minor.size() && d.abi_hash != host.hashes_by_minor[d.abi_minor])
    return {LoadStatus::AbiHashMismatch,
            "built against an abi.h with hash " + hex(d.abi_hash) + ", but ABI " + plugin +
                " has hash " + hex(host.hashes_by_minor[d.abi_minor]) +
                ": the plugin used a modified or pre-release SDK header; rebuild it against the "
                "released SDK"};
  return {};
}

DescriptorVerdict check_task_type(const tw_task_type& t, size_t index, size_t stride) {
  const std::string field = "task_types[" + std::to_string(index) + "]";
  if (t.struct_size != stride)
    return bad(field + ".struct_size is " + std::to_string(t.struct_size) + ", but task_types[0]" +
               " says " + std::to_string(stride) + " (all entries must have the same size)");
  if (!t.name) return bad(field + ".name is NULL");
  if (!is_valid_name(t.name))
    return bad(field + ".name '" + std::string(t.name, strnlen(t.name, 200)) +
               "' is not a valid task type name (letters, digits, '.', '_', '-'; 1-128 chars)");
  const std::string named = field + " ('" + t.name + "')";
  if (!t.create) return bad(named + ".create is NULL");
  if (!t.run) return bad(named + ".run is NULL");
  if (!t.destroy) return bad(named + ".destroy is NULL");
  return {};
}

}  // namespace

HostAbi this_host_abi() { return HostAbi{TW_ABI_MAJOR, TW_ABI_MINOR, kHashesByMinor}; }

bool is_valid_name(const char* name) {
  size_t n = strnlen(name, 129);
  if (n == 0 || n > 128) return false;
  for (size_t i = 0; i < n; ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

DescriptorVerdict check_descriptor(const tw_plugin_descriptor* d, const HostAbi& host) {
  if (!d)
    return bad("the entry point returned NULL: the plugin declined this host (ABI " +
               version(host.major, host.minor) + ")");
  if (d->struct_size < kVersionFieldsSize)
    return bad("struct_size is " + std::to_string(d->struct_size) +
               ", too small to hold even the ABI version fields");
  if (DescriptorVerdict v = check_version(*d, host); v.status != LoadStatus::Loaded) return v;
  if (d->struct_size < kDescriptorSize10)
    return bad("struct_size is " + std::to_string(d->struct_size) + ", smaller than the " +
               std::to_string(kDescriptorSize10) + " bytes of an ABI 1.0 descriptor");
  if (!d->name) return bad("name is NULL");
  if (!is_valid_name(d->name))
    return bad("name '" + std::string(d->name, strnlen(d->name, 200)) +
               "' is not a valid plugin name (letters, digits, '.', '_', '-'; 1-128 chars)");
  if (!d->version) return bad("version is NULL");
  if (!d->vendor) return bad("vendor is NULL");
  if (d->task_type_count == 0) return bad("task_type_count is 0: the plugin provides no task type");
  if (d->task_type_count > kMaxTaskTypes)
    return bad("task_type_count is " + std::to_string(d->task_type_count) +
               ", more than the limit of " + std::to_string(kMaxTaskTypes));
  if (!d->task_types) return bad("task_types is NULL");
  const size_t stride = d->task_types[0].struct_size;
  if (stride < kTaskTypeSize10)
    return bad("task_types[0].struct_size is " + std::to_string(stride) + ", smaller than the " +
               std::to_string(kTaskTypeSize10) + " bytes of an ABI 1.0 task type");
  std::set<std::string_view> names;
  const auto types = task_types_of(*d);
  for (size_t i = 0; i < types.size(); ++i) {
    if (DescriptorVerdict v = check_task_type(*types[i], i, stride); v.status != LoadStatus::Loaded)
      return v;
    if (!names.insert(types[i]->name).second)
      return bad("task_types[" + std::to_string(i) + "] repeats the task type name '" +
                 types[i]->name + "'");
  }
  return {};
}

std::vector<const tw_task_type*> task_types_of(const tw_plugin_descriptor& d) {
  std::vector<const tw_task_type*> out;
  const auto* base = reinterpret_cast<const unsigned char*>(d.task_types);
  const size_t stride = d.task_types[0].struct_size;
  for (size_t i = 0; i < d.task_type_count; ++i)
    out.push_back(reinterpret_cast<const tw_task_type*>(base + i * stride));
  return out;
}

}  // namespace taskweave::plugin_host
