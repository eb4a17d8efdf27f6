#include "corridor/units.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace corridor {
namespace {

template <typename A, typename B>
concept Addable = requires(A a, B b) {
  a + b;
};

TEST(Units, SameUnitArithmetic) {
  Money a(10.0), b(2.5);
  EXPECT_DOUBLE_EQ((a + b).value(), 12.5);
  EXPECT_DOUBLE_EQ((a * 3.0).value(), 30.0);
  EXPECT_DOUBLE_EQ(a / b, 4.0);
  EXPECT_DOUBLE_EQ(days(2).value(), 48.0);
  EXPECT_LT(b, a);
}

TEST(Units, MixingUnitsDoesNotCompile) {
  static_assert(Addable<Money, Money>);
  static_assert(!Addable<Money, Hours>);
  static_assert(!Addable<Km, double>);
  SUCCEED();
}

}  // namespace
}  // namespace corridor
