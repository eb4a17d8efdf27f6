#include "corridor/core/text.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace corridor::core {
namespace {

TEST(Grouped, ThousandsSeparatorsAndRounding) {
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(1000), "1,000");
  EXPECT_EQ(grouped(12345678.9), "12,345,679");
  EXPECT_EQ(grouped(-1234567), "-1,234,567");
  EXPECT_EQ(grouped(-0.4), "0");
  EXPECT_EQ(grouped(1234.567, 2), "1,234.57");
  EXPECT_EQ(grouped(-999.996, 2), "-1,000.00");
  EXPECT_EQ(grouped(1e18), "1,000,000,000,000,000,000");
  EXPECT_EQ(grouped(std::numeric_limits<double>::infinity()), "inf");
}

}  // namespace
}  // namespace corridor::core
