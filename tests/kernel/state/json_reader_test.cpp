#include "state/json_reader.h"

#include <gtest/gtest.h>

namespace taskweave::state {
namespace {

TEST(JsonReader, StringsWithEscapes) {
  JsonReader in(R"( "a\"b\\c\/\n\r\t\b\f" "\u00e9\u20ac" "\ud83d\ude00" "\u0001" )");
  EXPECT_EQ(in.string(), "a\"b\\c/\n\r\t\b\f");
  EXPECT_EQ(in.string(), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(in.string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(in.string(), "\x01");
  EXPECT_TRUE(in.at_end());
  EXPECT_FALSE(in.failed());
}

TEST(JsonReader, NumbersLiteralsAndStructure) {
  JsonReader in(R"([-12, 0.5, 1e300, true, null])");
  EXPECT_TRUE(in.consume('['));
  EXPECT_EQ(in.number(), "-12");
  EXPECT_TRUE(in.consume(','));
  EXPECT_EQ(in.number(), "0.5");
  EXPECT_TRUE(in.consume(','));
  EXPECT_EQ(in.number(), "1e300");
  EXPECT_TRUE(in.consume(','));
  EXPECT_TRUE(in.literal("true"));
  EXPECT_TRUE(in.consume(','));
  EXPECT_FALSE(in.literal("true"));
  EXPECT_TRUE(in.literal("null"));
  EXPECT_TRUE(in.consume(']'));
  EXPECT_TRUE(in.at_end());
}

TEST(JsonReader, SkipsNestedValues) {
  JsonReader in(R"({"a": [1, {"b": "x]"}, []], "c": {}} 7)");
  EXPECT_TRUE(in.skip_value());
  EXPECT_EQ(in.number(), "7");
}

TEST(JsonReader, MalformedInputFailsWithoutCrashing) {
  for (const char* text : {R"("unterminated)", R"("bad \q escape")", R"("\u12")", R"(x)", "",
                           R"({"a" 1})", R"([1, 2)", R"("trailing backslash \)"}) {
    JsonReader in(text);
    bool ok = in.skip_value() && in.at_end();
    EXPECT_FALSE(ok) << text;
  }
}

}  // namespace
}  // namespace taskweave::state
