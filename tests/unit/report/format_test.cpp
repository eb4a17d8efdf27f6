#include "format.hpp"

#include <gtest/gtest.h>

namespace corridor::report {
namespace {

TEST(ReportFormat, ThousandsSeparators) {
  EXPECT_EQ(fmt_int(0), "0");
  EXPECT_EQ(fmt_int(999.4), "999");
  EXPECT_EQ(fmt_int(1000), "1,000");
  EXPECT_EQ(fmt_int(1234567.4), "1,234,567");
  EXPECT_EQ(fmt_int(-1234.6), "-1,235");
  EXPECT_EQ(fmt_int(-0.4), "0");
  EXPECT_EQ(fmt_num(12345.678, 2), "12,345.68");
}

TEST(ReportFormat, MoneyAndUnits) {
  EXPECT_EQ(fmt_money(1234567, "USD"), "1,234,567 USD");
  EXPECT_EQ(fmt_money_unit(2.468, "USD"), "2.47 USD");
  EXPECT_EQ(fmt_money_compact(12345678, "USD"), "12.3 M USD");
  EXPECT_EQ(fmt_money_compact(345678901, "KZT"), "346 M KZT");
  EXPECT_EQ(fmt_money_compact(2.5e9, "KZT"), "2.50 bn KZT");
  EXPECT_EQ(fmt_money_compact(84500, "USD"), "85 k USD");
  EXPECT_EQ(fmt_money_compact(950, "USD"), "950 USD");
  EXPECT_EQ(fmt_pct(0.875), "87.5 %");
  EXPECT_EQ(fmt_days(3.25), "3.3 d");
}

TEST(ReportFormat, SignedDeltas) {
  EXPECT_EQ(fmt_delta(1234, 0), "+1,234");
  EXPECT_EQ(fmt_delta(-3, 0), "\u22123");
  EXPECT_EQ(fmt_delta(0.004, 2), "0.00");
  EXPECT_EQ(fmt_delta(-0.2, 0), "0");
}

TEST(ReportFormat, HtmlEscape) {
  EXPECT_EQ(html_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(html_escape("Алматы 乌鲁木齐"), "Алматы 乌鲁木齐");
}

}  // namespace
}  // namespace corridor::report
