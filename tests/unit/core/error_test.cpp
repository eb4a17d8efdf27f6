#include "corridor/error.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(Diagnostic, FormatsLocationFieldMessageAndCode) {
  Diagnostic d{ErrorCode::kOutOfRange,
               Severity::kError,
               "crossings.csv",
               7,
               12,
               "capacity_per_day",
               "must be >= 0 (got -5)"};
  EXPECT_EQ(d.to_string(), "crossings.csv:7:12: capacity_per_day: must be >= 0 (got -5) [E203]");
}

TEST(DiagnosticSink, CollectsAllAndThrowsOnlyOnErrors) {
  DiagnosticSink sink;
  sink.warning(ErrorCode::kUnknownColumn, "a.csv", 1, 3, "colour", "unknown column ignored");
  EXPECT_NO_THROW(sink.throw_if_errors());
  sink.error(ErrorCode::kDuplicateId, "a.csv", 3, 1, "id", "duplicate id X");
  sink.error(ErrorCode::kWrongType, "a.csv", 4, 5, "lat", "not a number");
  try {
    sink.throw_if_errors();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 3u);
    EXPECT_EQ(e.code(), ErrorCode::kDuplicateId);
    EXPECT_NE(std::string(e.what()).find("a.csv:4:5: lat"), std::string::npos);
  }
}

}  // namespace
}  // namespace corridor
