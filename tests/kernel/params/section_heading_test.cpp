#include "params/section_heading.h"

#include <gtest/gtest.h>

namespace taskweave::params {
namespace {

using Kind = SectionHeading::Kind;

TEST(SectionHeading, Global) {
  auto h = parse_section_heading("Global");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->kind, Kind::Global);
  EXPECT_EQ(parse_section_heading(" gLoBaL ")->kind, Kind::Global);
}

TEST(SectionHeading, BareSessionName) {
  auto h = parse_section_heading("s_m_load");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->kind, Kind::Session);
  EXPECT_EQ(h->session, "s_m_load");
}

TEST(SectionHeading, Service) {
  auto h = parse_section_heading("Service:IS_PROD");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->kind, Kind::Service);
  EXPECT_EQ(h->service, "IS_PROD");
  auto node = parse_section_heading("service:IS_PROD.ND:node01");
  ASSERT_TRUE(node.ok()) << node.error();
  EXPECT_EQ(node->node, "node01");
}

TEST(SectionHeading, WorkflowWorkletAndSessionPath) {
  auto h = parse_section_heading("SALES.WF:wf_daily.WT:WKL_A.wt:WKL_B.ST:s_load");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->kind, Kind::Workflow);
  EXPECT_EQ(h->folder, "SALES");
  EXPECT_EQ(h->workflow, "wf_daily");
  EXPECT_EQ(h->worklets, (std::vector<std::string>{"WKL_A", "WKL_B"}));
  EXPECT_EQ(h->session, "s_load");
}

TEST(SectionHeading, FolderSession) {
  auto h = parse_section_heading("SALES.ST:s_load");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->kind, Kind::FolderSession);
  EXPECT_EQ(h->folder, "SALES");
  EXPECT_EQ(h->session, "s_load");
}

TEST(SectionHeading, FolderNameMayContainDots) {
  auto h = parse_section_heading("SALES.EU.WF:wf_daily");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->folder, "SALES.EU");
}

TEST(SectionHeading, MalformedHeadingsAreErrors) {
  for (const char* text : {"", "  ", "SALES.WF:", ".WF:wf", "SALES.WT:wkl", "SALES.WF:wf.ST:s.WT:w",
                           "SALES.WF:wf.ST:a.ST:b", "SALES.ST:s.WF:w", "Foo:bar", "SALES.WF:wf:x",
                           "Service:", "Service:IS.WF:wf", "SALES.ND:n"}) {
    auto h = parse_section_heading(text);
    EXPECT_FALSE(h.ok()) << "[" << text << "] parsed";
    if (!h.ok()) {
      EXPECT_NE(h.error().find("malformed section heading"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace taskweave::params
