// One fixture folder per defect (tests/data/bad_*, generated from ok_minimal by
// make_fixtures.py): each must fail with the expected code, at the expected file,
// line and field. Line numbers are read off ok_minimal by hand.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario.hpp"

namespace corridor::scenario {
namespace {

struct BadCase {
  const char* fixture;
  const char* variant;
  ErrorCode code;
  const char* file;  // base name
  int line;
  const char* field;
};

std::ostream& operator<<(std::ostream& os, const BadCase& c) { return os << c.fixture; }

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<Diagnostic> load_errors(const std::string& fixture, const std::string& variant) {
  try {
    load(std::string(CORRIDOR_TEST_DATA) + "/" + fixture, variant);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << fixture << " loaded without errors";
  return {};
}

class BadFixture : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadFixture, ReportsCodeFileLineField) {
  const BadCase& c = GetParam();
  const auto diags = load_errors(c.fixture, c.variant);
  std::string all;
  bool found = false;
  for (const auto& d : diags) {
    all += d.to_string() + "\n";
    if (d.severity == Severity::kError && d.code == c.code && base_name(d.file) == c.file &&
        d.line == c.line && d.field == c.field)
      found = true;
  }
  EXPECT_TRUE(found) << "expected " << error_code_name(c.code) << " at " << c.file << ":" << c.line
                     << " field '" << c.field << "'; got:\n"
                     << all;
}

constexpr const char* kOverride0 = "variants.demand-plus-40.overrides[0]";

// clang-format off
const BadCase kCases[] = {
    // 1xx files and syntax
    {"bad_missing_manifest", "", ErrorCode::kMissingFile, "scenario.yaml", 0, ""},
    {"bad_missing_table_file", "", ErrorCode::kMissingFile, "scenario.yaml", 32, "tables.zones"},
    {"bad_unreadable_table", "", ErrorCode::kUnreadableFile, "scenario.yaml", 30, "tables.hubs"},
    {"bad_malformed_yaml", "", ErrorCode::kMalformedYaml, "scenario.yaml", 15, ""},
    {"bad_yaml_not_mapping", "", ErrorCode::kMalformedYaml, "scenario.yaml", 1, ""},
    {"bad_yaml_duplicate_key", "", ErrorCode::kMalformedYaml, "scenario.yaml", 8, "currency"},
    {"bad_csv_unterminated_quote", "", ErrorCode::kMalformedCsv, "links.csv", 4, ""},
    {"bad_csv_field_count", "", ErrorCode::kMalformedCsv, "nodes.csv", 3, ""},
    {"bad_empty_table", "", ErrorCode::kEmptyTable, "hubs.csv", 1, ""},
    {"bad_empty_file", "", ErrorCode::kEmptyTable, "calendars.csv", 0, ""},
    {"bad_missing_column", "", ErrorCode::kMissingColumn, "crossings.csv", 1, "servers"},
    {"bad_duplicate_column", "", ErrorCode::kDuplicateColumn, "zones.csv", 1, "node"},
    {"bad_missing_manifest_field", "", ErrorCode::kMissingManifestField, "scenario.yaml", 3, "parcels_per_truck"},
    // 2xx values
    {"bad_wrong_type_number", "", ErrorCode::kWrongType, "crossings.csv", 2, "capacity_per_day"},
    {"bad_servers_not_integer", "", ErrorCode::kWrongType, "crossings.csv", 2, "servers"},
    {"bad_boolean", "", ErrorCode::kWrongType, "crossings.csv", 2, "gauge_change"},
    {"bad_yaml_wrong_type", "", ErrorCode::kWrongType, "scenario.yaml", 9, "parcels_per_container"},
    {"bad_currency", "", ErrorCode::kWrongType, "scenario.yaml", 5, "currency"},
    {"bad_invalid_utf8", "", ErrorCode::kWrongType, "nodes.csv", 12, "name"},
    {"bad_non_finite", "", ErrorCode::kNonFinite, "links.csv", 5, "distance_km"},
    {"bad_negative_capacity", "", ErrorCode::kOutOfRange, "crossings.csv", 3, "capacity_per_day"},
    {"bad_latitude_range", "", ErrorCode::kOutOfRange, "nodes.csv", 9, "lat"},
    {"bad_background_share", "", ErrorCode::kOutOfRange, "crossings.csv", 2, "background_share"},
    {"bad_planning_days", "", ErrorCode::kOutOfRange, "scenario.yaml", 8, "planning_days_per_year"},
    {"bad_calendar_hours", "", ErrorCode::kOutOfRange, "calendars.csv", 3, "close_hour"},
    {"bad_growth", "", ErrorCode::kOutOfRange, "zones.csv", 3, "growth_per_year"},
    {"bad_event_date_order", "", ErrorCode::kOutOfRange, "events.csv", 3, "date_to"},
    {"bad_mode_enum", "", ErrorCode::kBadEnum, "crossings.csv", 3, "mode"},
    {"bad_country_enum", "", ErrorCode::kBadEnum, "nodes.csv", 11, "country"},
    {"bad_calendar_days", "", ErrorCode::kBadEnum, "calendars.csv", 3, "days"},
    {"bad_empty_required", "", ErrorCode::kEmptyRequired, "zones.csv", 3, "node"},
    {"bad_empty_source", "", ErrorCode::kEmptyRequired, "hubs.csv", 3, "source"},
    {"bad_date", "", ErrorCode::kBadDate, "events.csv", 4, "date_from"},
    {"bad_units_yaml", "", ErrorCode::kInconsistentUnits, "scenario.yaml", 13, "units.distance"},
    {"bad_unit_mode_mismatch", "", ErrorCode::kInconsistentUnits, "crossings.csv", 2, "unit"},
    // 3xx references and structure
    {"bad_duplicate_id", "", ErrorCode::kDuplicateId, "links.csv", 6, "id"},
    {"bad_duplicate_site_size", "", ErrorCode::kDuplicateId, "warehouse_sites.csv", 3, "size"},
    {"bad_unknown_node", "", ErrorCode::kUnknownReference, "links.csv", 6, "from"},
    {"bad_unknown_calendar", "", ErrorCode::kUnknownReference, "crossings.csv", 3, "calendar"},
    {"bad_unknown_event_target", "", ErrorCode::kUnknownReference, "events.csv", 4, "target"},
    {"bad_same_country_crossing", "", ErrorCode::kSameCountryCrossing, "crossings.csv", 3, "kz_node"},
    {"bad_no_supply_path", "", ErrorCode::kNoSupplyPath, "zones.csv", 4, "id"},
    {"bad_all_crossings_closed", "", ErrorCode::kNoSupplyPath, "zones.csv", 2, "id"},
    {"bad_hub_wrong_country", "", ErrorCode::kWrongCountry, "hubs.csv", 3, "node"},
    {"bad_link_crosses_border", "", ErrorCode::kWrongCountry, "links.csv", 3, "to"},
    {"bad_site_existing_conflict", "", ErrorCode::kForcedOpenConflict, "warehouse_sites.csv", 3, "existing"},
    // 4xx variants
    {"ok_minimal", "no-such-variant", ErrorCode::kUnknownVariant, "scenario.yaml", 34, "variants"},
    {"bad_override_unknown_id", "", ErrorCode::kOverrideTargetMissing, "scenario.yaml", 38, "variants.demand-plus-40.overrides[0].id"},
    {"bad_override_unknown_field", "demand-plus-40", ErrorCode::kOverrideTargetMissing, "scenario.yaml", 38, "variants.demand-plus-40.overrides[0].field"},
    {"bad_override_unknown_table", "", ErrorCode::kOverrideTargetMissing, "scenario.yaml", 38, "variants.demand-plus-40.overrides[0].table"},
    {"bad_override_two_ops", "", ErrorCode::kBadOverride, "scenario.yaml", 38, kOverride0},
    {"bad_override_bad_value", "open-khorgos-rail", ErrorCode::kBadEnum, "scenario.yaml", 41, "status"},
    // several defects at once: one of them here, all of them in MultiDefect below
    {"bad_multi", "", ErrorCode::kOutOfRange, "crossings.csv", 3, "capacity_per_day"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Scenario,
                         BadFixture,
                         ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<BadCase>& p) {
                           std::string n =
                               std::string(p.param.fixture) + "_" + error_code_name(p.param.code);
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

TEST(BadFixture, EveryBadFolderIsListed) {
  // A fixture folder without a row in kCases would go untested.
  std::set<std::string> listed;
  for (const auto& c : kCases) listed.insert(c.fixture);
  int folders = 0;
  for (const auto& entry : std::filesystem::directory_iterator(CORRIDOR_TEST_DATA)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("bad_", 0) != 0) continue;
    ++folders;
    EXPECT_EQ(listed.count(name), 1u) << name << " has no expected diagnostic in kCases";
  }
  EXPECT_GE(folders, 30);
}

TEST(BadFixture, MultiDefectReportsEverythingAtOnce) {
  const auto diags = load_errors("bad_multi", "");
  auto has = [&](ErrorCode code, const char* file, int line, const char* field, Severity sev) {
    for (const auto& d : diags)
      if (d.code == code && base_name(d.file) == file && d.line == line && d.field == field &&
          d.severity == sev)
        return true;
    return false;
  };
  EXPECT_TRUE(
      has(ErrorCode::kOutOfRange, "scenario.yaml", 8, "planning_days_per_year", Severity::kError));
  EXPECT_TRUE(
      has(ErrorCode::kOutOfRange, "crossings.csv", 3, "capacity_per_day", Severity::kError));
  EXPECT_TRUE(has(ErrorCode::kUnknownReference, "links.csv", 6, "from", Severity::kError));
  EXPECT_TRUE(has(ErrorCode::kWrongType, "zones.csv", 3, "parcels_per_day", Severity::kError));
  EXPECT_TRUE(has(ErrorCode::kUnknownColumn, "hubs.csv", 1, "colour", Severity::kWarning));
  std::size_t errors = 0;
  for (const auto& d : diags) errors += d.severity == Severity::kError ? 1 : 0;
  EXPECT_EQ(errors, 4u);  // exactly the four defects: no cascade
}

TEST(BadFixture, DiagnosticTextHasFileLineColumnFieldGotExpected) {
  const auto diags = load_errors("bad_negative_capacity", "");
  ASSERT_EQ(diags.size(), 1u);
  const std::string text = diags[0].to_string();
  EXPECT_NE(text.find("bad_negative_capacity/crossings.csv:3:64: capacity_per_day: "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("got -5, expected >= 0"), std::string::npos) << text;
  EXPECT_NE(text.find("[E203]"), std::string::npos) << text;
}

}  // namespace
}  // namespace corridor::scenario
