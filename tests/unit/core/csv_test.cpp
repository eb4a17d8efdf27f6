#include "corridor/core/csv.hpp"

#include <gtest/gtest.h>

namespace corridor::core {
namespace {

TEST(Csv, BomCrlfAndQuotedFields) {
  DiagnosticSink sink;
  auto t = parse_csv(
      "\xEF\xBB\xBFid,name\r\nA,\"Almaty, \"\"south\"\"\"\r\n\r\nB,Алматы\r\n", "x.csv", sink);
  ASSERT_FALSE(sink.has_errors());
  ASSERT_EQ(t.header.fields.size(), 2u);
  EXPECT_EQ(t.header.fields[0].text, "id");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1].text, "Almaty, \"south\"");
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].line, 4);  // the blank line still counts
  EXPECT_EQ(t.rows[1].fields[1].text, "Алматы");
  EXPECT_EQ(t.rows[1].fields[1].column, 3);
}

TEST(Csv, QuotedLineBreakKeepsPhysicalLines) {
  DiagnosticSink sink;
  auto t = parse_csv("a,b\n\"x\ny\",2\nz,3\n", "x.csv", sink);
  ASSERT_FALSE(sink.has_errors());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[0].text, "x\ny");
  EXPECT_EQ(t.rows[1].line, 4);
}

TEST(Csv, UnterminatedQuoteIsReportedWithPosition) {
  DiagnosticSink sink;
  parse_csv("a,b\n1,\"oops\n", "bad.csv", sink);
  ASSERT_TRUE(sink.has_errors());
  const auto& d = sink.items().front();
  EXPECT_EQ(d.code, ErrorCode::kMalformedCsv);
  EXPECT_EQ(d.file, "bad.csv");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 3);
}

TEST(Csv, NoTrailingNewlineAndEmptyFields) {
  DiagnosticSink sink;
  auto t = parse_csv("a,b,c\n1,,3", "x.csv", sink);
  ASSERT_EQ(t.rows.size(), 1u);
  ASSERT_EQ(t.rows[0].fields.size(), 3u);
  EXPECT_EQ(t.rows[0].fields[1].text, "");
  EXPECT_EQ(t.rows[0].fields[2].column, 4);
}

}  // namespace
}  // namespace corridor::core
