#include "plugin_host/type_binding.h"

#include <gtest/gtest.h>

namespace taskweave::plugin_host {
namespace {

TEST(ParseTypeBinding, SplitsTypeAndPlugin) {
  ParsedBinding p = parse_type_binding("Session=acme-session");
  ASSERT_TRUE(p.binding) << p.error;
  EXPECT_EQ(p.binding->type, "Session");
  EXPECT_EQ(p.binding->plugin, "acme-session");
}

TEST(ParseTypeBinding, ExplainsWhatIsWrong) {
  EXPECT_EQ(parse_type_binding("Session").error,
            "expected TYPE=PLUGIN (e.g. Session=acme-session), got 'Session'");
  EXPECT_NE(parse_type_binding("=acme").error.find("not a valid task type name"),
            std::string::npos);
  EXPECT_NE(parse_type_binding("Session=").error.find("'' in 'Session=' is not a valid plugin"),
            std::string::npos);
  EXPECT_NE(parse_type_binding("Session=a=b").error.find("not a valid plugin name"),
            std::string::npos);
}

}  // namespace
}  // namespace taskweave::plugin_host
