#include <gtest/gtest.h>

#include "expr/expr.h"

TEST(ExprSmoke, Parses) { EXPECT_TRUE(taskweave::expr::parse("1 + 1").expr); }
