#include "run/simulation.h"

#include <gtest/gtest.h>

namespace taskweave::run {
namespace {

TEST(Simulations, ParsesStatusAndRows) {
  Simulations s;
  EXPECT_FALSE(s.add("WKL_A.s_load=failed:rows=3"));
  EXPECT_FALSE(s.add("s_next=SUCCEEDED"));
  const Simulation* load = s.find("wkl_a.S_LOAD");
  ASSERT_NE(load, nullptr);
  EXPECT_EQ(load->status, expr::Status::Failed);
  EXPECT_EQ(load->rows, 3);
  ASSERT_NE(s.find("s_next"), nullptr);
  EXPECT_FALSE(s.find("s_next")->rows);
  EXPECT_EQ(s.find("other"), nullptr);
}

TEST(Simulations, RejectsBadSpecsWithAReason) {
  Simulations s;
  EXPECT_NE(s.add("no_equals")->find("PATH=STATUS"), std::string::npos);
  EXPECT_NE(s.add("t=RUNNING")->find("SUCCEEDED, FAILED"), std::string::npos);
  EXPECT_NE(s.add("t=FAILED:rows=-1")->find("whole number"), std::string::npos);
  EXPECT_NE(s.add("t=FAILED:speed=3")->find("unknown option"), std::string::npos);
  EXPECT_TRUE(s.empty());
}

}  // namespace
}  // namespace taskweave::run
