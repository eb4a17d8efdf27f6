// The comparison methods beside the status rules (growth rates, the least-squares
// projection and the t quantile it uses), manual overrides, and model indicators read
// from a run's artefact: hand-computed cases and published table values.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "corridor/monitor.hpp"
#include "stats.hpp"

namespace corridor::monitor {
namespace {

Date day(const char* text) { return *parse_date(text); }

TEST(Stats, IncompleteBetaMatchesTheBinomialSum) {
  // For integer a, b: I_x(a, b) = sum_{j=a}^{a+b-1} C(a+b-1, j) x^j (1-x)^(a+b-1-j).
  // a = 2, b = 3, x = 1/2: (C(4,2) + C(4,3) + C(4,4)) / 16 = 11/16.
  EXPECT_NEAR(stats::incomplete_beta(0.5, 2, 3), 11.0 / 16.0, 1e-12);
  // x = 0.3: 6(.09)(.49) + 4(.027)(.7) + .0081 = .2646 + .0756 + .0081 = .3483.
  EXPECT_NEAR(stats::incomplete_beta(0.3, 2, 3), 0.3483, 1e-12);
  EXPECT_EQ(stats::incomplete_beta(0, 2, 3), 0);
  EXPECT_EQ(stats::incomplete_beta(1, 2, 3), 1);
}

TEST(Stats, StudentTQuantilesMatchPublishedTables) {
  // t(0.975, df), e.g. NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2.
  EXPECT_NEAR(stats::student_t_quantile(0.975, 1), 12.706, 1e-3);
  EXPECT_NEAR(stats::student_t_quantile(0.975, 2), 4.303, 1e-3);
  EXPECT_NEAR(stats::student_t_quantile(0.975, 5), 2.571, 1e-3);
  EXPECT_NEAR(stats::student_t_quantile(0.975, 10), 2.228, 1e-3);
  EXPECT_NEAR(stats::student_t_quantile(0.975, 30), 2.042, 1e-3);
  EXPECT_NEAR(stats::student_t_quantile(0.95, 10), 1.812, 1e-3);
  EXPECT_NEAR(stats::student_t_quantile(0.5, 7), 0.0, 1e-9);
}

TEST(Stats, ProjectionByHand) {
  // x = 0, 1, 2; y = 1, 3, 2: x̄ = 1, ȳ = 2, Sxx = 2, Sxy = 1 -> y = 1.5 + 0.5 x; at x0 = 4:
  // 3.5. SSE = .25 + 1 + .25 = 1.5, s = sqrt(1.5 / 1); half width =
  // t(.975, 1) s sqrt(1 + 1/3 + 9/2).
  const auto f = stats::project({0, 1, 2}, {1, 3, 2}, 4);
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->value, 3.5, 1e-12);
  const double half = 12.7062047 * std::sqrt(1.5) * std::sqrt(1 + 1.0 / 3 + 4.5);
  EXPECT_NEAR(f->high - f->value, half, 1e-5);
  EXPECT_NEAR(f->value - f->low, half, 1e-5);
  // A perfect line has no spread: the interval closes on the line.
  const auto g = stats::project({0, 10, 20}, {5, 6, 7}, 40);
  ASSERT_TRUE(g);
  EXPECT_NEAR(g->value, 9, 1e-12);
  EXPECT_NEAR(g->high, 9, 1e-9);
  EXPECT_FALSE(stats::project({3, 3, 3}, {1, 2, 3}, 4));  // one x: no line
  EXPECT_FALSE(stats::project({1}, {1}, 4));
}

/// A growth indicator: baseline 100 on 2020-01-01, target 200 on 2030-01-01 (3,653
/// days), due 2030-01-01.
Monitor growth() {
  Monitor m;
  m.name = "g";
  Commitment c;
  c.id = "C";
  c.due = day("2030-01-01");
  c.kind = CommitmentKind::kQuantity;
  m.commitments.push_back(c);
  Indicator i;
  i.id = "I";
  i.commitment = "C";
  i.method = Method::kGrowth;
  i.frequency_days = 365;
  i.baseline = 100;
  i.baseline_date = day("2020-01-01");
  m.indicators.push_back(i);
  m.targets.push_back(Target{"I", day("2030-01-01"), 200, "t"});
  return m;
}

void observe(Monitor& m, const std::string& id, const char* date, double value) {
  Observation o;
  o.id = id;
  o.indicator = "I";
  o.date = day(date);
  o.value = value;
  m.observations.push_back(o);
}

TEST(Growth, DecidesByObservedOverRequiredAnnualGrowth) {
  Monitor m = growth();
  // 2 years (731 days) from 100 to 110.25 is 5 %/yr compounded over 730.5 days; the
  // required rate is 2^(1/10.0014) - 1 = 7.177 %/yr: q = 0.697 -> at risk.
  observe(m, "O1", "2022-01-01", 110.25);
  const auto s = status(m, day("2022-06-01")).indicators.at(0);
  const double g = std::pow(1.1025, 365.25 / 731) - 1;  // 4.997 %
  const double need = std::pow(2.0, 365.25 / 3653) - 1;
  EXPECT_NEAR(*s.growth_observed, g, 1e-12);
  EXPECT_NEAR(*s.growth_required, need, 1e-12);
  EXPECT_NEAR(g, 0.04997, 1e-4);
  EXPECT_NEAR(need, 0.07177, 1e-4);
  EXPECT_NEAR(*s.ratio, g / need, 1e-12);
  EXPECT_EQ(s.status, Status::kAtRisk);
  // 100 -> 121 in two years is 10 %/yr: q = 1.39 -> on track; a fall -> deteriorating.
  m.observations.clear();
  observe(m, "O1", "2022-01-01", 121);
  EXPECT_EQ(status(m, day("2022-06-01")).indicators.at(0).status, Status::kOnTrack);
  m.observations.clear();
  observe(m, "O1", "2022-01-01", 90);
  EXPECT_EQ(status(m, day("2022-06-01")).indicators.at(0).status, Status::kDeteriorating);
  // Meeting the target is done whatever the rate.
  observe(m, "O2", "2023-01-01", 200);
  EXPECT_EQ(status(m, day("2023-06-01")).indicators.at(0).status, Status::kDone);
}

TEST(Projection, FromTheBaselineAndTheValuesInForceToTheDueDate) {
  Monitor m = growth();
  observe(m, "O1", "2022-01-01", 120);
  // Two points (baseline and one value): no interval, so no projection.
  EXPECT_FALSE(status(m, day("2022-06-01")).indicators.at(0).projection);
  observe(m, "O2", "2024-01-01", 140);
  // Three points on the line 100 + 20 per 2 years (730/731 days apart: nearly exact).
  const auto s = status(m, day("2024-06-01")).indicators.at(0);
  ASSERT_TRUE(s.projection);
  EXPECT_EQ(s.projection->points, 3);
  EXPECT_EQ(s.projection->at.text, "2030-01-01");
  const auto f = stats::project({double(day("2020-01-01").days),
                                 double(day("2022-01-01").days),
                                 double(day("2024-01-01").days)},
                                {100, 120, 140},
                                day("2030-01-01").days);
  EXPECT_NEAR(s.projection->value, f->value, 1e-9);
  EXPECT_NEAR(s.projection->value, 200, 0.1);  // 10 years at 10 a year
  EXPECT_LE(s.projection->low, s.projection->value);
  EXPECT_GE(s.projection->high, s.projection->value);
}

TEST(Override, ShowsTheManualStatusKeepsTheComputedOneAndCountsInTheCommitment) {
  Monitor m = growth();
  m.commitments[0].due = day("2021-01-01");  // past due and unmet: late
  observe(m, "O1", "2020-06-01", 101);
  const auto computed = status(m, day("2021-06-01"));
  ASSERT_EQ(computed.indicators.at(0).status, Status::kLate);
  EXPECT_GT(computed.commitments.at(0).days_overdue, 0);

  m.overrides.push_back(
      Override{"OV1", "I", Status::kDone, "met per ministry", "v", day("2021-03-01"), "t"});
  auto r = status(m, day("2021-06-01"));
  const auto& s = r.indicators.at(0);
  EXPECT_EQ(s.status, Status::kLate);  // computed, still visible
  EXPECT_EQ(s.shown(), Status::kDone);
  EXPECT_EQ(s.override_id, "OV1");
  EXPECT_EQ(s.override_reason, "met per ministry");
  EXPECT_EQ(s.days_overdue, 0);
  EXPECT_EQ(r.commitments.at(0).shown(), Status::kDone);
  EXPECT_EQ(r.commitments.at(0).days_overdue, 0);

  // Not yet in force before its date; a later `clear` ends it.
  EXPECT_FALSE(status(m, day("2021-02-01")).indicators.at(0).override_status);
  m.overrides.push_back(
      Override{"OV2", "I", std::nullopt, "withdrawn", "v", day("2021-04-01"), "t"});
  EXPECT_FALSE(status(m, day("2021-06-01")).indicators.at(0).override_status);
  EXPECT_TRUE(status(m, day("2021-03-15")).indicators.at(0).override_status);

  // A commitment override applies to the commitment only.
  m.overrides.push_back(
      Override{"OV3", "C", Status::kAtRisk, "slipping", "v", day("2021-05-01"), "t"});
  r = status(m, day("2021-06-01"));
  EXPECT_EQ(r.commitments.at(0).status, Status::kLate);
  EXPECT_EQ(r.commitments.at(0).shown(), Status::kAtRisk);
  EXPECT_EQ(r.indicators.at(0).shown(), Status::kLate);
}

/// A band indicator fed by run "plan" at `path`.
Monitor model(const std::string& path, const std::string& folder) {
  Monitor m;
  m.name = "m";
  m.folder = folder;
  Commitment c;
  c.id = "C";
  c.due = day("2030-01-01");
  m.commitments.push_back(c);
  Indicator i;
  i.id = "I";
  i.commitment = "C";
  i.direction = Direction::kBand;
  i.low = 0;
  i.high = 0.85;
  i.frequency_days = 365;
  i.feed = Feed::kModel;
  i.run = "plan";
  i.path = path;
  i.line = 7;
  m.indicators.push_back(i);
  m.runs.push_back(Run{"plan", "plan.json", "a plan", "t"});
  return m;
}

class ModelValues : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("corridor-model-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "plan.json") << R"({"schema": "corridor.plan/2", "corridor_version": "0",
      "scenario": "s", "variant": "", "scenario_fingerprint": "sha256:abc",
      "crossings": [{"crossing": "A", "utilisation": 0.5}, {"crossing": "B", "utilisation": 1.0}],
      "overall": {"p95_days": {"mean": 2.5, "ci95": 0.1}}})";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ModelValues, FollowsThePathAndRecordsTheRunsFingerprint) {
  const Monitor m = model("crossings[crossing=B].utilisation", dir_.string());
  const auto v = read_model_values(m, {});
  ASSERT_EQ(v.size(), 1U);
  EXPECT_EQ(*v[0].value, 1.0);
  EXPECT_EQ(v[0].fingerprint, "sha256:abc");
  const auto r = status(m, day("2026-01-01"), v);
  const auto& s = r.indicators.at(0);
  EXPECT_EQ(s.status, Status::kOffTrack);  // 1.0 outside [0, 0.85]
  EXPECT_EQ(s.latest_date->text, "2026-01-01");
  EXPECT_EQ(s.run_fingerprint, "sha256:abc");
  EXPECT_FALSE(s.stale);
  EXPECT_EQ(*read_model_values(model("crossings[0].utilisation", dir_.string()), {})[0].value, 0.5);
  EXPECT_EQ(*read_model_values(model("overall.p95_days.mean", dir_.string()), {})[0].value, 2.5);
}

TEST_F(ModelValues, APathNamingNothingIsE607AtTheIndicatorsRow) {
  for (const char* path : {"crossings[crossing=Z].utilisation",
                           "crossings[5].utilisation",
                           "overall.p95_days",
                           "nothing.here",
                           "crossings.utilisation"}) {
    try {
      (void)read_model_values(model(path, dir_.string()), {});
      ADD_FAILURE() << path << " was accepted";
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1U) << path;
      const auto& d = e.diagnostics()[0];
      EXPECT_EQ(d.code, ErrorCode::kModelPathNamesNothing) << path;
      EXPECT_EQ(d.line, 7);
      EXPECT_EQ(d.field, "path");
      EXPECT_NE(d.message.find(path), std::string::npos) << d.message;
    }
  }
}

TEST_F(ModelValues, ARunWithoutItsFileGivesNoDataAndSaysWhy) {
  Monitor m = model("crossings[0].utilisation", dir_.string());
  m.runs[0].file = "";
  const auto v = read_model_values(m, {});
  EXPECT_FALSE(v[0].value);
  EXPECT_NE(v[0].problem.find("--run plan=FILE"), std::string::npos);
  const auto s = status(m, day("2026-01-01"), v).indicators.at(0);
  EXPECT_EQ(s.status, Status::kNoData);
  EXPECT_EQ(s.basis, v[0].problem);
  // --run binds the file instead.
  const auto w = read_model_values(m, {{"plan", (dir_ / "plan.json").string()}});
  EXPECT_EQ(*w[0].value, 0.5);
}

TEST_F(ModelValues, AFileThatIsNotAPlanOrSimulationIsE504) {
  std::ofstream(dir_ / "plan.json") << R"({"schema": "corridor.compare/2"})";
  try {
    (void)read_model_values(model("crossings[0].utilisation", dir_.string()), {});
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().at(0).code, ErrorCode::kBadArtefact);
  }
}

// The fixture's plan is corridor.plan/2; /3 (with alternatives) reads the same, /1 not.
TEST_F(ModelValues, PlanVersionsTwoAndThreeAreReadOneIsE504) {
  const std::string text = R"(, "corridor_version": "0", "scenario": "s", "variant": "",
      "scenario_fingerprint": "sha256:abc", "crossings": [{"crossing": "A", "utilisation": 0.5}],
      "alternatives": []})";
  std::ofstream(dir_ / "plan.json") << R"({"schema": "corridor.plan/3")" << text;
  EXPECT_EQ(*read_model_values(model("crossings[0].utilisation", dir_.string()), {})[0].value, 0.5);
  std::ofstream(dir_ / "plan.json") << R"({"schema": "corridor.plan/1")" << text;
  try {
    (void)read_model_values(model("crossings[0].utilisation", dir_.string()), {});
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().at(0).field, "schema");
  }
}

TEST(Link, ParsesTheFourKindsAndRefusesTheRest) {
  EXPECT_EQ(parse_link("crossing:BAKHTY_RAIL")->id, "BAKHTY_RAIL");
  EXPECT_EQ(parse_link("site:ALMATY")->kind, "site");
  EXPECT_EQ(parse_link("zone:*")->id, "*");
  EXPECT_TRUE(parse_link("link:L4"));
  for (const char* bad : {"railway:X", "crossing:", "crossing", "site:*", ":X", "site:A B"})
    EXPECT_FALSE(parse_link(bad)) << bad;
}

}  // namespace
}  // namespace corridor::monitor
