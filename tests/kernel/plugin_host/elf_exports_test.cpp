#include "plugin_host/elf_exports.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "fixtures.h"
#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::plugin_host {
namespace {

using taskweave::testing::read_file;
using taskweave::testing::TempDir;
using taskweave::testing::write_file;
using namespace taskweave::plugin_host::testing;

TEST(ElfExports, APluginExportsExactlyItsEntryPoint) {
  ElfExports e = read_elf_exports(fixture("good"));
  EXPECT_EQ(e.error, "");
  EXPECT_EQ(e.symbols, std::vector<std::string>{"tw_plugin_entry_v1"});
}

TEST(ElfExports, ALibraryWithoutTheEntryListsWhatItExports) {
  ElfExports e = read_elf_exports(fixture("no-entry"));
  EXPECT_EQ(e.error, "");
  EXPECT_NE(std::find(e.symbols.begin(), e.symbols.end(), "fixture_not_an_entry_point"),
            e.symbols.end());
}

TEST(ElfExports, StrippedLibrariesStillShowTheirExports) {
  TempDir dir;
  auto copy = copy_fixture("good", dir.path(), "stripped.so");
  auto strip = taskweave::testing::run_process({"strip", "--strip-all", copy.string()});
  if (!strip.spawn_error.empty()) GTEST_SKIP() << strip.spawn_error;
  ASSERT_EQ(strip.exit_code, 0) << strip.err;
  ElfExports e = read_elf_exports(copy);
  EXPECT_EQ(e.error, "");
  EXPECT_EQ(e.symbols, std::vector<std::string>{"tw_plugin_entry_v1"});
}

TEST(ElfExports, TextEmptyAndMissingFilesAreErrorsNotCrashes) {
  EXPECT_NE(read_elf_exports(fixture("not-elf")).error.find("not an ELF shared library"),
            std::string::npos);
  TempDir dir;
  write_file(dir.path() / "empty.so", "");
  EXPECT_NE(read_elf_exports(dir.path() / "empty.so").error.find("empty file"), std::string::npos);
  write_file(dir.path() / "magic.so",
             "\x7f"
             "ELF");
  EXPECT_NE(read_elf_exports(dir.path() / "magic.so").error.find("truncated"), std::string::npos);
  EXPECT_NE(read_elf_exports(dir.path() / "absent.so").error.find("cannot read the file"),
            std::string::npos);
}

TEST(ElfExports, EveryTruncationIsReportedAsAnError) {
  const std::string bytes = read_file(fixture("good"));
  ASSERT_GT(bytes.size(), 1000u);
  TempDir dir;
  const auto file = dir.path() / "cut.so";
  // The section header table sits at the end of the file, so every prefix loses it.
  for (size_t size = 0; size < bytes.size(); size += 1 + size / 8) {
    write_file(file, bytes.substr(0, size));
    EXPECT_NE(read_elf_exports(file).error, "") << "prefix of " << size << " bytes";
  }
}

TEST(ElfExports, CorruptHeadersNeverCrashTheReader) {
  const std::string bytes = read_file(fixture("good"));
  TempDir dir;
  const auto file = dir.path() / "corrupt.so";
  std::mt19937 random(12345);  // fixed seed: the same corruptions on every run
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 300; ++round) {
    std::string damaged = bytes;
    // Corrupt the ELF header, the section header table and the dynamic symbols, where a
    // careless reader takes offsets and sizes from.
    for (int i = 0; i < 8; ++i) {
      const size_t region = static_cast<size_t>(random() % 3);
      const size_t at = region == 0   ? random() % 64
                        : region == 1 ? damaged.size() - 1 - random() % 2048
                                      : random() % damaged.size();
      damaged[at] = static_cast<char>(byte(random));
    }
    write_file(file, damaged);
    // It must return (ASan builds also prove it reads nothing out of bounds), and whatever it
    // reports comes from inside the file.
    ElfExports e = read_elf_exports(file);
    for (const auto& name : e.symbols) EXPECT_LT(name.size(), damaged.size());
  }
}

TEST(ElfExports, A32BitObjectIsNamedAsSuch) {
  std::string bytes = read_file(fixture("good"));
  bytes[4] = 1;  // EI_CLASS = ELFCLASS32
  TempDir dir;
  write_file(dir.path() / "elf32.so", bytes);
  EXPECT_NE(read_elf_exports(dir.path() / "elf32.so").error.find("32-bit"), std::string::npos);
}

}  // namespace
}  // namespace taskweave::plugin_host
