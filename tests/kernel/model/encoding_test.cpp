#include "model/encoding.h"

#include <gtest/gtest.h>

#include "model_test_support.h"

namespace taskweave::model {
namespace {

TEST(Encoding, DeclaredNames) {
  EXPECT_EQ(declared_encoding("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>").encoding,
            Encoding::Latin1);
  EXPECT_EQ(declared_encoding("<?xml version='1.0' encoding='windows-1252'?>").encoding,
            Encoding::Windows1252);
  EXPECT_EQ(declared_encoding("<?xml version=\"1.0\"?>").encoding, Encoding::Utf8);
  EXPECT_EQ(declared_encoding("<POWERMART/>").encoding, Encoding::Utf8);
  const DeclaredEncoding odd = declared_encoding("<?xml version=\"1.0\" encoding=\"KOI8-R\"?>");
  EXPECT_FALSE(odd.encoding.has_value());
  EXPECT_EQ(odd.declared_name, "KOI8-R");
  EXPECT_EQ(encoding_from_name("MS1252"), Encoding::Windows1252);
  EXPECT_EQ(encoding_from_name("Latin1"), Encoding::Latin1);
}

TEST(Encoding, TranscodesToUtf8) {
  EXPECT_EQ(to_utf8("In\xED"
                    "cio",
                    Encoding::Latin1),
            "In\xC3\xAD"
            "cio");
  EXPECT_EQ(to_utf8("\x93quoted\x94 \x80", Encoding::Windows1252),
            "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC");
  EXPECT_EQ(to_utf8("plain", Encoding::Latin1), "plain");
}

TEST(Encoding, Latin1ExportComesOutAsUtf8WithOriginalColumns) {
  const std::string instance =
      "<TASKINSTANCE NAME=\"In\xED"
      "cio\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>";
  const std::string xml =
      testing::export_xml("<WORKFLOW NAME=\"wf\">\n<TASK NAME=\"Start\" TYPE=\"Start\"/>\n" +
                              instance + "\n</WORKFLOW>\n",
                          "ISO-8859-1");
  LoadResult r = testing::load_text(xml);
  ASSERT_EQ(r.workflows.size(), 1u);
  const Workflow& wf = *r.workflows[0];
  const TaskInstance& start = wf.root.tasks.at(wf.root.start);
  EXPECT_EQ(start.name,
            "In\xC3\xAD"
            "cio");
  // Columns are those of the original (one byte per character) file.
  EXPECT_EQ(wf.position(start.xml.attribute("TASKNAME")),
            (SourcePos{7, testing::column_of(instance, "TASKNAME")}));
}

TEST(Encoding, Windows1252Export) {
  const std::string xml = testing::export_xml(
      "<WORKFLOW NAME=\"wf\" DESCRIPTION=\"\x93"
      "daily\x94\">\n"
      "<TASKINSTANCE NAME=\"S\" TASKNAME=\"S\" TASKTYPE=\"Start\"/>\n</WORKFLOW>\n",
      "Windows-1252");
  LoadResult r = testing::load_text(xml);
  ASSERT_EQ(r.workflows.size(), 1u);
  EXPECT_EQ(r.workflows[0]->description,
            "\xE2\x80\x9C"
            "daily\xE2\x80\x9D");
}

}  // namespace
}  // namespace taskweave::model
