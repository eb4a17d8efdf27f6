// monitor::load: the ok fixture reads back, and every bad fixture (a copy of
// tests/data/monitor/ok_minimal with one defect) is reported with its code, file, line
// and field; bad_multi reports all of its defects at once.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "corridor/monitor.hpp"

namespace corridor::monitor {
namespace {

const std::string kDir = std::string(CORRIDOR_TEST_DATA) + "/monitor/";

std::vector<Diagnostic> errors_of(const std::string& fixture) {
  try {
    (void)load(kDir + fixture);
  } catch (const InputError& e) {
    std::vector<Diagnostic> out;
    for (const auto& d : e.diagnostics())
      if (d.severity == Severity::kError) out.push_back(d);
    return out;
  }
  return {};
}

TEST(MonitorLoad, OkMinimalReadsEveryTable) {
  const Monitor m = load(kDir + "ok_minimal");
  EXPECT_EQ(m.name, "ok_minimal");
  EXPECT_EQ(m.agreements.size(), 1U);
  EXPECT_EQ(m.commitments.size(), 5U);
  EXPECT_EQ(m.indicators.size(), 5U);
  EXPECT_EQ(m.targets.size(), 4U);
  EXPECT_EQ(m.observations.size(), 7U);
  EXPECT_EQ(m.evidence.size(), 2U);
  EXPECT_TRUE(m.warnings.empty());
  EXPECT_EQ(m.agreements[0].title_ru, "Третий железнодорожный переход");
  EXPECT_EQ(m.agreements[0].in_force->text, "2025-06-01");
  EXPECT_EQ(m.commitments[1].depends_on, std::vector<std::string>{"C_RAIL"});
  EXPECT_EQ(m.commitments[2].text, "1,000 trucks a day at Nur Zholy");
  EXPECT_EQ(m.indicators[4].direction, Direction::kBand);
  EXPECT_DOUBLE_EQ(*m.indicators[4].low, 0.3);
  EXPECT_EQ(m.observations[2].supersedes, "O2");
  EXPECT_EQ(m.observations[2].reason, "500 was a typo");
  EXPECT_EQ(summary_line(m),
            "monitor ok_minimal: 1 agreements, 5 commitments, 5 indicators, 4 targets, 7 "
            "observations, 2 evidence");
}

TEST(MonitorLoad, ParseDate) {
  EXPECT_EQ(parse_date("1970-01-01")->days, 0);
  EXPECT_EQ(parse_date("2026-03-02")->days - parse_date("2026-01-01")->days, 60);
  EXPECT_EQ(parse_date("2024-03-01")->days - parse_date("2024-02-28")->days, 2);  // leap
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("2026-1-01"));
  EXPECT_FALSE(parse_date("today"));
}

struct BadCase {
  const char* fixture;
  ErrorCode code;
  const char* file;
  int line;
  const char* field;
};

class MonitorBadFixture : public ::testing::TestWithParam<BadCase> {};

TEST_P(MonitorBadFixture, ReportsOneErrorWithCodeFileLineAndField) {
  const BadCase& c = GetParam();
  const auto errors = errors_of(c.fixture);
  ASSERT_EQ(errors.size(), 1U) << c.fixture << ": "
                               << (errors.empty() ? "no error" : errors[1].to_string());
  const Diagnostic& d = errors[0];
  EXPECT_EQ(d.code, c.code) << d.to_string();
  EXPECT_EQ(d.file, kDir + c.fixture + "/" + c.file) << d.to_string();
  EXPECT_EQ(d.line, c.line) << d.to_string();
  EXPECT_EQ(d.field, c.field) << d.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures,
    MonitorBadFixture,
    ::testing::Values(
        BadCase{"bad_missing_file", ErrorCode::kMissingFile, "evidence.csv", 0, ""},
        BadCase{"bad_csv_field_count", ErrorCode::kMalformedCsv, "observations.csv", 2, ""},
        BadCase{
            "bad_missing_column", ErrorCode::kMissingColumn, "indicators.csv", 1, "frequency_days"},
        BadCase{"bad_wrong_type", ErrorCode::kWrongType, "observations.csv", 2, "value"},
        BadCase{"bad_invalid_utf8", ErrorCode::kWrongType, "observations.csv", 7, "entered_by"},
        BadCase{"bad_enum", ErrorCode::kBadEnum, "commitments.csv", 5, "kind"},
        BadCase{"bad_empty_required", ErrorCode::kEmptyRequired, "agreements.csv", 2, "source"},
        BadCase{"bad_date", ErrorCode::kBadDate, "targets.csv", 2, "date"},
        BadCase{"bad_duplicate_id", ErrorCode::kDuplicateId, "observations.csv", 4, "id"},
        BadCase{"bad_unknown_reference",
                ErrorCode::kUnknownReference,
                "observations.csv",
                6,
                "indicator"},
        BadCase{"bad_milestone_value", ErrorCode::kOutOfRange, "observations.csv", 5, "value"},
        BadCase{
            "bad_dates_out_of_order", ErrorCode::kDatesOutOfOrder, "agreements.csv", 2, "in_force"},
        BadCase{"bad_target_before_baseline",
                ErrorCode::kTargetBeforeBaseline,
                "targets.csv",
                4,
                "date"},
        BadCase{"bad_supersedes_nothing",
                ErrorCode::kSupersedesNothing,
                "observations.csv",
                5,
                "supersedes"},
        BadCase{"bad_supersedes_loop",
                ErrorCode::kSupersedesNothing,
                "observations.csv",
                3,
                "supersedes"},
        BadCase{
            "bad_band_without_bounds", ErrorCode::kBandWithoutBounds, "indicators.csv", 6, "high"},
        BadCase{"bad_conflicting_observations",
                ErrorCode::kConflictingObservations,
                "observations.csv",
                4,
                "date"},
        BadCase{"bad_no_target", ErrorCode::kNoTarget, "indicators.csv", 5, "id"},
        BadCase{"bad_model_path", ErrorCode::kModelPathNamesNothing, "indicators.csv", 6, "path"},
        BadCase{"bad_conflicting_overrides",
                ErrorCode::kConflictingOverrides,
                "overrides.csv",
                3,
                "date"},
        BadCase{"bad_link", ErrorCode::kBadLink, "commitments.csv", 2, "link"}),
    [](const ::testing::TestParamInfo<BadCase>& p) { return std::string(p.param.fixture); });

TEST(MonitorLoad, MissingColumnAlsoWarnsAboutTheUnknownOne) {
  try {
    (void)load(kDir + "bad_missing_column");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    bool warned = false;
    for (const auto& d : e.diagnostics())
      if (d.severity == Severity::kWarning && d.code == ErrorCode::kUnknownColumn &&
          d.field == "frequency")
        warned = true;
    EXPECT_TRUE(warned);
  }
}

TEST(MonitorLoad, MultiReportsEveryDefectAtOnce) {
  const auto errors = errors_of("bad_multi");
  ASSERT_EQ(errors.size(), 4U);
  auto has = [&](ErrorCode code, const std::string& file, int line, const std::string& field) {
    for (const auto& d : errors)
      if (d.code == code && d.file == kDir + "bad_multi/" + file && d.line == line &&
          d.field == field)
        return true;
    return false;
  };
  EXPECT_TRUE(has(ErrorCode::kWrongType, "observations.csv", 2, "value"));
  EXPECT_TRUE(has(ErrorCode::kUnknownReference, "observations.csv", 6, "indicator"));
  EXPECT_TRUE(has(ErrorCode::kBadDate, "targets.csv", 2, "date"));
  EXPECT_TRUE(has(ErrorCode::kBandWithoutBounds, "indicators.csv", 6, "high"));
}

}  // namespace
}  // namespace corridor::monitor
