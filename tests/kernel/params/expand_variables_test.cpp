#include "params/expand_variables.h"

#include <gtest/gtest.h>

#include <map>

namespace taskweave::params {
namespace {

VariableLookup table(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ExpandVariables, ReplacesDollarAndDoubleDollarNames) {
  auto lookup = table({{"$PMRootDir", "/opt/infa"}, {"$$ENV", "prod"}});
  auto r = expand_variables("$PMRootDir/params/$$ENV/daily.par", lookup);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, "/opt/infa/params/prod/daily.par");
}

TEST(ExpandVariables, TextWithoutReferencesIsUnchanged) {
  auto r = expand_variables("/batch/configuration/daily.conf", table({}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "/batch/configuration/daily.conf");
}

TEST(ExpandVariables, LoneDollarSignsStay) {
  auto r = expand_variables("cost$ $5 $$ end$", table({}));
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, "cost$ $5 $$ end$");
}

TEST(ExpandVariables, ValuesAreNotExpandedAgain) {
  auto r = expand_variables("$A", table({{"$A", "$B"}, {"$B", "no"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "$B");
}

TEST(ExpandVariables, UnknownNameIsAnErrorNamingIt) {
  auto r = expand_variables("$PMRootDri/x.par", table({{"$PMRootDir", "/opt"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("$PMRootDri"), std::string::npos) << r.error();
}

TEST(ExpandVariables, UnknownNamesCanBeKeptAsWritten) {
  auto r = expand_variables("echo $$N $HOME", table({{"$$N", "7"}}), UnknownVariable::Keep);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, "echo 7 $HOME");
}

}  // namespace
}  // namespace taskweave::params
