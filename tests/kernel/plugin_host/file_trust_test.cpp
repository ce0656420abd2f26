#include "plugin_host/file_trust.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "fixtures.h"
#include "temp_dir.h"

namespace taskweave::plugin_host {
namespace {

namespace fs = std::filesystem;
using taskweave::testing::TempDir;
using namespace taskweave::plugin_host::testing;

struct FileTrust : ::testing::Test {
  TempDir dir;
  fs::path file;
  void SetUp() override {
    fs::permissions(dir.path(), fs::perms(0755));
    file = copy_fixture("good", dir.path(), "taskweave-plugin-x.so");
  }
  std::string reason() const { return untrusted_reason(file, dir.path()); }
};

TEST_F(FileTrust, APrivateFileInAPrivateDirectoryIsTrusted) { EXPECT_EQ(reason(), ""); }

TEST_F(FileTrust, AGroupWritableFileIsRefusedWithTheFix) {
  fs::permissions(file, fs::perms(0775));
  std::string r = reason();
  EXPECT_NE(r.find("writable by its group (mode 0775)"), std::string::npos) << r;
  EXPECT_NE(r.find("chmod go-w '" + fs::canonical(file).string() + "'"), std::string::npos) << r;
}

TEST_F(FileTrust, AWorldWritableFileIsRefused) {
  fs::permissions(file, fs::perms(0757));
  EXPECT_NE(reason().find("writable by other users"), std::string::npos) << reason();
}

TEST_F(FileTrust, AWorldWritableDirectoryIsRefused) {
  fs::permissions(dir.path(), fs::perms(0777));
  std::string r = reason();
  EXPECT_NE(r.find("the directory '" + dir.path().string() + "' is writable by other users"),
            std::string::npos)
      << r;
  EXPECT_NE(r.find("chmod go-w"), std::string::npos) << r;
}

TEST_F(FileTrust, ASymlinkIntoAnUnsafeDirectoryIsRefused) {
  TempDir unsafe;
  fs::permissions(unsafe.path(), fs::perms(0777));
  auto real = copy_fixture("good", unsafe.path(), "real.so");
  auto link = dir.path() / "taskweave-plugin-link.so";
  fs::create_symlink(real, link);
  std::string r = untrusted_reason(link, dir.path());
  EXPECT_NE(r.find(unsafe.path().string()), std::string::npos) << r;
}

TEST_F(FileTrust, AFileOwnedByAnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
  ASSERT_EQ(::chown(file.c_str(), 65534, static_cast<gid_t>(-1)), 0);
  std::string r = reason();
  EXPECT_NE(r.find("owned by uid 65534"), std::string::npos) << r;
}

}  // namespace
}  // namespace taskweave::plugin_host
