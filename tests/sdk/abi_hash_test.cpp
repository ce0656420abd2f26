// TW_ABI_HASH must match abi.h: any edit to the ABI header forces a deliberate hash (and
// version) update. The hash is computed exactly as scripts/abi-hash.py does, and the script
// itself is run to make sure the two agree.
#include <gtest/gtest.h>
#include <taskweave/abi.h>

#include <cinttypes>
#include <cstdio>
#include <string>
#include <string_view>

#include "run_process.h"
#include "temp_dir.h"

namespace {

const std::string kHeader = TW_SOURCE_DIR "/sdk/include/taskweave/abi.h";

// FNV-1a 64 over every line (with its line ending) except the `#define TW_ABI_HASH` line.
// Lines end at \n, \r\n or \r, like Python's bytes.splitlines(keepends=True).
uint64_t abi_hash(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos)
      end = text.size();
    else
      end += (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1;
    std::string_view line = text.substr(start, end - start);
    if (!line.starts_with("#define TW_ABI_HASH"))
      for (unsigned char byte : line) h = (h ^ byte) * 0x100000001b3ULL;
    start = end;
  }
  return h;
}

std::string hex(uint64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%016" PRIx64 "ULL", value);
  return text;
}

TEST(AbiHash, TheHeaderMatchesItsDeclaredHash) {
  const std::string text = taskweave::testing::read_file(kHeader);
  ASSERT_FALSE(text.empty()) << "cannot read " << kHeader;
  EXPECT_EQ(hex(abi_hash(text)), hex(TW_ABI_HASH))
      << "abi.h changed: run scripts/abi-hash.py, paste the value into TW_ABI_HASH, and bump "
         "TW_ABI_MINOR (append-only change) or TW_ABI_MAJOR";
}

TEST(AbiHash, TheScriptComputesTheSameHash) {
  auto result =
      taskweave::testing::run_process({"python3", TW_SOURCE_DIR "/scripts/abi-hash.py", kHeader});
  if (!result.spawn_error.empty()) GTEST_SKIP() << result.spawn_error;
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, hex(abi_hash(taskweave::testing::read_file(kHeader))) + "\n");
}

TEST(AbiHash, AnyEditChangesTheHashButTheHashLineDoesNot) {
  const std::string text = taskweave::testing::read_file(kHeader);
  EXPECT_NE(abi_hash(text + "/* even a comment is an edit */\n"), abi_hash(text));
  std::string rehashed = text;
  rehashed.insert(rehashed.find("#define TW_ABI_HASH ") + 20, "0x0 /* */ ");
  EXPECT_EQ(abi_hash(rehashed), abi_hash(text));
}

}  // namespace
