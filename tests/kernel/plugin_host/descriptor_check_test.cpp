#include "plugin_host/descriptor_check.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace taskweave::plugin_host {
namespace {

void* create(const tw_host_api*, tw_task_ctx*, tw_error_buf*) { return nullptr; }
tw_run_result run(void*) { return TW_RUN_SUCCEEDED; }
void destroy(void*) {}

// A valid descriptor with two task types, which each test breaks in one way.
struct Fixture : ::testing::Test {
  tw_task_type types[2] = {{sizeof(tw_task_type), "acme.one", "first", &create, &run, &destroy},
                           {sizeof(tw_task_type), "acme.two", "second", &create, &run, &destroy}};
  tw_plugin_descriptor d = {sizeof(tw_plugin_descriptor),
                            TW_ABI_MAJOR,
                            TW_ABI_MINOR,
                            TW_ABI_HASH,
                            "acme",
                            "1.0.0",
                            "Acme",
                            2,
                            types,
                            nullptr};

  DescriptorVerdict check() const { return check_descriptor(&d); }
  void expect_bad(const std::string& fragment) const {
    DescriptorVerdict v = check();
    EXPECT_EQ(v.status, LoadStatus::BadDescriptor) << v.message;
    EXPECT_NE(v.message.find(fragment), std::string::npos) << v.message;
  }
};

TEST_F(Fixture, AcceptsAValidDescriptor) {
  DescriptorVerdict v = check();
  EXPECT_EQ(v.status, LoadStatus::Loaded) << v.message;
  EXPECT_TRUE(v.message.empty());
}

TEST_F(Fixture, NullDescriptorMeansThePluginDeclinedThisHost) {
  DescriptorVerdict v = check_descriptor(nullptr);
  EXPECT_EQ(v.status, LoadStatus::BadDescriptor);
  EXPECT_NE(v.message.find("returned NULL"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("ABI 1.0"), std::string::npos) << v.message;
}

TEST_F(Fixture, OlderMajorIsTooOldAndNamesBothVersions) {
  d.abi_major = TW_ABI_MAJOR - 1;
  d.abi_minor = 4;
  DescriptorVerdict v = check();
  EXPECT_EQ(v.status, LoadStatus::AbiTooOld);
  EXPECT_NE(v.message.find("plugin ABI 0.4"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("host's ABI 1.0"), std::string::npos) << v.message;
}

TEST_F(Fixture, NewerMajorIsTooNewAndNamesBothVersions) {
  d.abi_major = TW_ABI_MAJOR + 1;
  DescriptorVerdict v = check();
  EXPECT_EQ(v.status, LoadStatus::AbiTooNew);
  EXPECT_NE(v.message.find("plugin ABI 2.0"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("host's ABI 1.0"), std::string::npos) << v.message;
}

TEST_F(Fixture, NewerMinorIsTooNew) {
  d.abi_minor = TW_ABI_MINOR + 1;
  DescriptorVerdict v = check();
  EXPECT_EQ(v.status, LoadStatus::AbiTooNew);
  EXPECT_NE(v.message.find("plugin ABI 1.1"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("upgrade taskweave"), std::string::npos) << v.message;
}

TEST_F(Fixture, HashMismatchNamesBothHashes) {
  d.abi_hash = 0xfeedULL;
  DescriptorVerdict v = check();
  EXPECT_EQ(v.status, LoadStatus::AbiHashMismatch);
  EXPECT_NE(v.message.find("0x000000000000feed"), std::string::npos) << v.message;
  char expected[24];
  std::snprintf(expected, sizeof expected, "0x%016llx",
                static_cast<unsigned long long>(TW_ABI_HASH));
  EXPECT_NE(v.message.find(expected), std::string::npos) << v.message;
}

TEST_F(Fixture, AnOlderMinorIsCheckedAgainstThatMinorsHash) {
  const uint64_t hashes[] = {0x1111, 0x2222};
  HostAbi host{TW_ABI_MAJOR, 1, hashes};
  d.abi_minor = 0;
  d.abi_hash = 0x1111;
  EXPECT_EQ(check_descriptor(&d, host).status, LoadStatus::Loaded);
  d.abi_hash = 0x2222;  // minor 1's hash on a minor-0 plugin
  EXPECT_EQ(check_descriptor(&d, host).status, LoadStatus::AbiHashMismatch);
}

TEST_F(Fixture, StructSizeTooSmall) {
  d.struct_size = 8;
  expect_bad("too small to hold even the ABI version fields");
  d.struct_size = sizeof(tw_plugin_descriptor) - 8;
  expect_bad("struct_size is");
}

TEST_F(Fixture, NamesTheMissingOrMalformedField) {
  d.name = nullptr;
  expect_bad("name is NULL");
  d.name = "has space";
  expect_bad("name 'has space' is not a valid plugin name");
  d.name = "acme";
  d.version = nullptr;
  expect_bad("version is NULL");
  d.version = "1";
  d.vendor = nullptr;
  expect_bad("vendor is NULL");
}

TEST_F(Fixture, TaskTypeListProblems) {
  d.task_type_count = 0;
  expect_bad("task_type_count is 0");
  d.task_type_count = 100000;
  expect_bad("more than the limit");
  d.task_type_count = 2;
  d.task_types = nullptr;
  expect_bad("task_types is NULL");
}

TEST_F(Fixture, TaskTypeFieldProblemsNameTheEntry) {
  types[1].run = nullptr;
  expect_bad("task_types[1] ('acme.two').run is NULL");
  types[1].run = &run;
  types[0].create = nullptr;
  expect_bad("task_types[0] ('acme.one').create is NULL");
  types[0].create = &create;
  types[1].destroy = nullptr;
  expect_bad("task_types[1] ('acme.two').destroy is NULL");
  types[1].destroy = &destroy;
  types[1].name = nullptr;
  expect_bad("task_types[1].name is NULL");
  types[1].name = "acme.one";
  expect_bad("task_types[1] repeats the task type name 'acme.one'");
  types[1].name = "bad=name";
  expect_bad("'bad=name' is not a valid task type name");
}

TEST_F(Fixture, TaskTypeSizesMustBeLargeEnoughAndConsistent) {
  types[0].struct_size = 8;
  expect_bad("task_types[0].struct_size is 8");
  types[0].struct_size = sizeof(tw_task_type);
  types[1].struct_size = sizeof(tw_task_type) + 8;
  expect_bad("task_types[1].struct_size");
}

// A plugin whose tw_task_type is larger than ours (a struct grown by a later minor, seen by a
// host that reads only what it knows): the array must be walked with the plugin's stride.
TEST(TaskTypesOf, WalksTheArrayWithThePluginsStride) {
  struct Grown {
    tw_task_type base;
    uint64_t appended_field;
  };
  Grown grown[2] = {{{sizeof(Grown), "g.one", "", &create, &run, &destroy}, 1},
                    {{sizeof(Grown), "g.two", "", &create, &run, &destroy}, 2}};
  tw_plugin_descriptor d = {sizeof(tw_plugin_descriptor),
                            TW_ABI_MAJOR,
                            TW_ABI_MINOR,
                            TW_ABI_HASH,
                            "g",
                            "1",
                            "v",
                            2,
                            &grown[0].base,
                            nullptr};
  EXPECT_EQ(check_descriptor(&d).status, LoadStatus::Loaded);
  auto types = task_types_of(d);
  ASSERT_EQ(types.size(), 2u);
  EXPECT_STREQ(types[1]->name, "g.two");
}

TEST(IsValidName, AcceptsTheNamesTaskTypesUse) {
  for (const char* ok : {"Command", "Event-Wait", "acme.http_get", "a", "x1"})
    EXPECT_TRUE(is_valid_name(ok)) << ok;
  for (const char* bad : {"", "a b", "a=b", "a/b", "ü"}) EXPECT_FALSE(is_valid_name(bad)) << bad;
  EXPECT_TRUE(is_valid_name(std::string(128, 'a').c_str()));
  EXPECT_FALSE(is_valid_name(std::string(129, 'a').c_str()));
}

}  // namespace
}  // namespace taskweave::plugin_host
