#include "util/json_writer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace taskweave::util {
namespace {

TEST(JsonWriter, CompactNesting) {
  std::ostringstream out;
  JsonWriter w(out);
  w.begin_object().key("a").value(1).key("b").begin_array().value(true).null().value("x");
  w.end_array().key("c").begin_object().end_object().key("d").value(0.1).end_object();
  EXPECT_EQ(out.str(), R"({"a":1,"b":[true,null,"x"],"c":{},"d":0.1})");
}

TEST(JsonWriter, PrettyPrinting) {
  std::ostringstream out;
  JsonWriter w(out, 2);
  w.begin_object().key("a").begin_array().value(1).value(2).end_array().key("e").begin_array();
  w.end_array().end_object();
  EXPECT_EQ(out.str(), "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": []\n}");
}

TEST(JsonString, Escapes) {
  EXPECT_EQ(json_string("a\"b\\c\r\n\t\x01"), R"("a\"b\\c\r\n\t\u0001")");
  EXPECT_EQ(json_string("In\xC3\xAD"
                        "cio \xE2\x82\xAC"),
            "\"In\xC3\xAD"
            "cio \xE2\x82\xAC\"");
  // Invalid UTF-8 (a Latin-1 byte, a truncated sequence, an overlong form) never leaks out.
  EXPECT_EQ(json_string("In\xED"
                        "cio"),
            R"("In\ufffdcio")");
  EXPECT_EQ(json_string("\xE2\x82"), R"("\ufffd\ufffd")");
  EXPECT_EQ(json_string("\xC0\xAF"), R"("\ufffd\ufffd")");
}

TEST(JsonWriter, NonFiniteNumbersAreNull) {
  std::ostringstream out;
  JsonWriter w(out);
  w.begin_array().value(1.0 / 0.0).value(static_cast<std::int64_t>(-5)).end_array();
  EXPECT_EQ(out.str(), "[null,-5]");
}

}  // namespace
}  // namespace taskweave::util
