// sim.json read back: from_json is the inverse of to_json, and a file that is not what
// `corridor simulate` writes is an InputError (E504) naming the file and every bad key.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "corridor/error.hpp"
#include "corridor/sim.hpp"
#include "fixtures.hpp"

namespace corridor::sim {
namespace {

// One simulation of the small corridor, shared by the tests (it takes a moment).
const SimResult& small_result() {
  static const SimResult r = [] {
    const auto c = testing::small_corridor();
    SimOptions o;
    o.days = 14;
    o.warmup_days = 7;
    o.replications = 3;
    o.seed = 11;
    o.threads = 1;
    return simulate(c.scenario, c.plan, o);
  }();
  return r;
}

std::string text(const SimResult& r) {
  nlohmann::ordered_json j;
  to_json(j, r);
  return j.dump(2);
}

// sim.json as `corridor simulate` writes it, parsed as a reader would.
nlohmann::json sim_json() { return nlohmann::json::parse(text(small_result())); }

// The error from_json throws for `j`, read as file "out/sim.json".
InputError read_error(const nlohmann::json& j) {
  SimResult r;
  try {
    from_json(j, r, "out/sim.json");
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "from_json accepted a bad sim.json";
  return InputError({});
}

const Diagnostic* find_field(const InputError& e, const std::string& field) {
  for (const auto& d : e.diagnostics())
    if (d.field == field) return &d;
  return nullptr;
}

TEST(SimJson, RoundTripGivesTheSameText) {
  const SimResult& r = small_result();
  ASSERT_GE(r.crossings.size(), 2u);
  ASSERT_EQ(r.runs.size(), 3u);
  const std::string first = text(r);
  SimResult back;
  from_json(nlohmann::json::parse(first), back, "sim.json");
  EXPECT_EQ(text(back), first);
  // The typed values, not only the text: exact where to_json writes them exactly.
  EXPECT_EQ(back.histogram_bin_days, r.histogram_bin_days);
  EXPECT_EQ(back.seed, r.seed);
  EXPECT_EQ(back.days, r.days);
  for (std::size_t i = 0; i < r.runs.size(); ++i) {
    EXPECT_EQ(back.runs[i].seed, r.runs[i].seed);  // 64-bit, through its hex text
    EXPECT_EQ(back.runs[i].orders.delivered, r.runs[i].orders.delivered);
    EXPECT_EQ(back.runs[i].orders.accounted(), back.runs[i].orders.created);
  }
  EXPECT_EQ(back.crossings[1].crossing, r.crossings[1].crossing);
  EXPECT_EQ(back.crossings[1].servers, r.crossings[1].servers);
  EXPECT_NEAR(back.overall.p95_days.mean, r.overall.p95_days.mean, 1e-8 * r.overall.p95_days.mean);
  EXPECT_EQ(back.zones.size(), r.zones.size());
  EXPECT_EQ(back.zones[0].promise_days, r.zones[0].promise_days);
  EXPECT_TRUE(back.series.rows.empty());  // timeseries.csv, not sim.json
  // nlohmann's get<> finds the two-argument overload.
  EXPECT_EQ(text(nlohmann::json::parse(first).get<SimResult>()), first);
}

TEST(SimJson, MissingKeysAreErrorsWithTheirPaths) {
  nlohmann::json j = sim_json();
  j["crossings"][1]["wait_hours_mean"].erase("ci95");
  j["horizon"].erase("days");
  j["delivery"]["zones"][0].erase("promise_days");
  j.erase("modes");
  const InputError e = read_error(j);
  EXPECT_EQ(e.code(), ErrorCode::kBadArtefact);
  // Every problem at once, each with the file and its JSON path.
  ASSERT_EQ(e.diagnostics().size(), 4u);
  for (const char* f : {"crossings[1].wait_hours_mean.ci95",
                        "horizon.days",
                        "delivery.zones[0].promise_days",
                        "modes"}) {
    const Diagnostic* d = find_field(e, f);
    ASSERT_NE(d, nullptr) << f;
    EXPECT_EQ(d->code, ErrorCode::kBadArtefact);
    EXPECT_EQ(d->file, "out/sim.json");
    EXPECT_EQ(d->message, "required key is missing");
  }
  EXPECT_EQ(find_field(e, "crossings[1].wait_hours_mean.ci95")->to_string(),
            "out/sim.json: crossings[1].wait_hours_mean.ci95: required key is missing [E504]");
}

TEST(SimJson, WrongTypesAreErrorsNeverDefaults) {
  nlohmann::json j = sim_json();
  j["horizon"]["seed"] = "11";                    // a string where a count is
  j["sites"][0]["fill_rate"] = 0.97;              // a number where a Stat is
  j["crossings"][0]["servers"] = 2.5;             // not a whole number
  j["replications"][2]["orders"]["at_hub"] = -1;  // a negative count
  j["warnings"] = {"ok", 3};
  j["replications"][0]["seed"] = "not-hex";
  const InputError e = read_error(j);
  EXPECT_EQ(e.code(), ErrorCode::kBadArtefact);
  ASSERT_EQ(e.diagnostics().size(), 6u);
  const Diagnostic* seed = find_field(e, "horizon.seed");
  ASSERT_NE(seed, nullptr);
  EXPECT_EQ(seed->message, "wrong type (got string \"11\", expected a whole number >= 0)");
  const Diagnostic* fill = find_field(e, "sites[0].fill_rate");
  ASSERT_NE(fill, nullptr);
  EXPECT_EQ(fill->message, "wrong type (got number 0.97, expected an object)");
  EXPECT_NE(find_field(e, "crossings[0].servers"), nullptr);
  EXPECT_NE(find_field(e, "replications[2].orders.at_hub"), nullptr);
  EXPECT_NE(find_field(e, "warnings[1]"), nullptr);
  const Diagnostic* hex = find_field(e, "replications[0].seed");
  ASSERT_NE(hex, nullptr);
  EXPECT_NE(hex->message.find("not a hexadecimal seed"), std::string::npos);
}

TEST(SimJson, WrongSchemaIsReportedAlone) {
  nlohmann::json j = sim_json();
  j["schema"] = "corridor.plan/1";
  j.erase("crossings");  // would be an error too, but the schema says it all
  InputError e = read_error(j);
  EXPECT_EQ(e.code(), ErrorCode::kBadArtefact);
  ASSERT_EQ(e.diagnostics().size(), 1u);
  EXPECT_EQ(e.diagnostics()[0].field, "schema");
  EXPECT_EQ(e.diagnostics()[0].file, "out/sim.json");
  EXPECT_EQ(e.diagnostics()[0].message,
            "not a corridor.sim file (got \"corridor.plan/1\", expected \"corridor.sim/2\")");

  j.erase("schema");
  e = read_error(j);
  ASSERT_EQ(e.diagnostics().size(), 1u);
  EXPECT_EQ(e.diagnostics()[0].field, "schema");

  e = read_error(nlohmann::json::array());
  EXPECT_EQ(e.code(), ErrorCode::kBadArtefact);
}

TEST(SimJson, PercentileMethodMustCarryTheBin) {
  nlohmann::json j = sim_json();
  j["delivery"]["percentile_method"] = "exact order statistics";
  const InputError e = read_error(j);
  ASSERT_EQ(e.diagnostics().size(), 1u);
  EXPECT_EQ(e.diagnostics()[0].field, "delivery.percentile_method");
}

TEST(SimJson, AsWrittenIsWhatTheFilesHoldSeriesIncluded) {
  const SimResult& r = small_result();
  ASSERT_FALSE(r.series.rows.empty());
  const SimResult w = as_written(r);
  EXPECT_EQ(text(w), text(r));  // sim.json text: already rounded as written
  EXPECT_EQ(w.series.columns, r.series.columns);
  EXPECT_EQ(w.series.dates, r.series.dates);
  ASSERT_EQ(w.series.rows.size(), r.series.rows.size());
  for (std::size_t i = 0; i < r.series.rows.size(); ++i)
    for (std::size_t c = 0; c < r.series.rows[i].size(); ++c)
      EXPECT_NEAR(
          w.series.rows[i][c], r.series.rows[i][c], 1e-8 * (1 + std::abs(r.series.rows[i][c])));
}

TEST(SimJson, TimeseriesErrorsNameLineAndColumn) {
  TimeSeries s;
  try {
    read_timeseries("date,orders\n2025-01-01,12\n2025-01-02,many\n", "ts.csv", s);
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.code(), ErrorCode::kBadArtefact);
    EXPECT_EQ(e.diagnostics()[0].line, 3);
    EXPECT_EQ(e.diagnostics()[0].column, 12);
    EXPECT_EQ(e.diagnostics()[0].field, "orders");
  }
  EXPECT_THROW(read_timeseries("day,orders\n1,2\n", "ts.csv", s), InputError);
  read_timeseries("date,orders\n2025-01-01,12.5\n", "ts.csv", s);
  EXPECT_EQ(s.columns, std::vector<std::string>{"orders"});
  EXPECT_DOUBLE_EQ(s.rows.at(0).at(0), 12.5);
}

}  // namespace
}  // namespace corridor::sim
