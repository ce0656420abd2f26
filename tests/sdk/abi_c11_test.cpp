// abi.h compiles as strict C11 (abi_c11.c), C and C++ agree on every struct's layout, and a
// descriptor written in C passes the host's checks and runs.
#include "abi_c11.h"

#include <gtest/gtest.h>

#include <cstddef>

#include "plugin_host/descriptor_check.h"

namespace {

TEST(AbiInC, CAndCxxAgreeOnTheLayout) {
  const size_t cxx_layout[TW_C_LAYOUT_COUNT] = TW_LAYOUT_ENTRIES;
  for (size_t i = 0; i < TW_C_LAYOUT_COUNT; ++i)
    EXPECT_EQ(tw_c_layout[i], cxx_layout[i]) << "layout entry " << i << " of abi_c11.c";
}

TEST(AbiInC, ADescriptorWrittenInCPassesTheHostChecksAndRuns) {
  const tw_plugin_descriptor* d = tw_c_descriptor();
  auto verdict = taskweave::plugin_host::check_descriptor(d);
  EXPECT_EQ(verdict.status, taskweave::plugin_host::LoadStatus::Loaded) << verdict.message;
  ASSERT_EQ(d->task_type_count, 1u);
  void* task = d->task_types[0].create(nullptr, nullptr, nullptr);
  EXPECT_EQ(d->task_types[0].run(task), TW_RUN_SUCCEEDED);
  EXPECT_EQ(*static_cast<int*>(task), 1);
  d->task_types[0].destroy(task);
}

}  // namespace
