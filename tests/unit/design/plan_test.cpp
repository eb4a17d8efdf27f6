// The whole pipeline with the real solver and the real loader: the hand-checked
// tiny corridor (as code and as the tests/data/plan_tiny folder) must give the same
// answers as the brute-force reference and the hand computation; the exported LP
// solved by Debian's cbc must reach the same optimum.

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "../network/tiny_scenario.hpp"
#include "brute_force.hpp"
#include "corridor/design.hpp"
#include "corridor/scenario.hpp"
#include "corridor_model.hpp"
#include "plan_lookup.hpp"

namespace corridor::design {
namespace {

namespace fs = std::filesystem;

const std::string kTiny = std::string(CORRIDOR_TEST_DATA) + "/plan_tiny";

using testing::crossing;
using testing::open_sites;
using testing::sum;

struct Case {
  const char* name;
  scenario::Scenario (*make)();
  bool single_sourcing;
  std::optional<int> max_open;
};

scenario::Scenario tiny() { return testing::tiny_scenario(); }
scenario::Scenario tiny_x2() { return testing::tiny_with_x2(); }
scenario::Scenario tiny_small_sites() {
  auto s = testing::tiny_scenario();
  for (auto& site : s.sites) {
    site.sizes[0].capacity_per_day = 150;
    site.sizes[0].fixed_cost_per_year = Money(1000);
  }
  return s;
}
scenario::Scenario tiny_x1_one() {
  auto s = testing::tiny_scenario();
  s.crossings[0].capacity_per_day = 1;
  return s;
}
scenario::Scenario tiny_x2_two() {
  auto s = testing::tiny_with_x2();
  s.crossings[1].capacity_per_day = 2;
  s.crossings[1].background_share = 0;
  return s;
}
scenario::Scenario tiny_direct() {
  auto s = testing::tiny_scenario();
  s.direct.cost_per_parcel = Money(2);
  s.zones[0].direct_allowed = true;
  s.zones[0].stocked_share = 0.5;
  s.links.push_back(testing::link(
      "D1", "XKZ", "NZ1", scenario::Mode::kRoad, 60, 6, 1.5, scenario::Unit::kParcel));
  return s;
}

class RealSolverMatchesReference : public ::testing::TestWithParam<Case> {};

TEST_P(RealSolverMatchesReference, SameOptimumOpenSetAndShadowPrices) {
  const Case& c = GetParam();
  PlanOptions o;
  o.single_sourcing = c.single_sourcing;
  o.max_open = c.max_open;
  const scenario::Scenario s = c.make();
  const Plan real = plan(s, o);
  const CorridorModel cm = build_corridor_model(s, o);
  const Plan ref = make_plan(cm, testing::brute_force_solve(cm.model));
  EXPECT_EQ(real.status, SolveStatus::kOptimal);
  EXPECT_NEAR(real.objective, ref.objective, 1e-6 * std::max(1.0, ref.objective));
  EXPECT_NEAR(real.lower_bound, real.objective, 1e-6 * std::max(1.0, ref.objective));
  EXPECT_NEAR(sum(real.costs), real.objective, 1e-6 * std::max(1.0, real.objective));
  EXPECT_EQ(open_sites(real), open_sites(ref));
  EXPECT_NEAR(real.unmet_per_day, ref.unmet_per_day, 1e-6);
  ASSERT_EQ(real.crossings.size(), ref.crossings.size());
  for (std::size_t i = 0; i < real.crossings.size(); ++i)
    EXPECT_NEAR(real.crossings[i].shadow_price_per_unit_day,
                ref.crossings[i].shadow_price_per_unit_day,
                1e-6 * std::max(1.0, ref.crossings[i].shadow_price_per_unit_day))
        << real.crossings[i].crossing;
  ASSERT_EQ(real.unmet.size(), ref.unmet.size());
  for (std::size_t i = 0; i < real.unmet.size(); ++i)
    EXPECT_EQ(real.unmet[i].reason, ref.unmet[i].reason);
}

INSTANTIATE_TEST_SUITE_P(TinyCorridors,
                         RealSolverMatchesReference,
                         ::testing::Values(Case{"base", tiny, false, std::nullopt},
                                           Case{"open_x2", tiny_x2, false, std::nullopt},
                                           Case{"split", tiny_small_sites, false, std::nullopt},
                                           Case{"single", tiny_small_sites, true, std::nullopt},
                                           Case{"max_open", tiny_small_sites, false, 1},
                                           Case{"x1_one", tiny_x1_one, false, std::nullopt},
                                           Case{"x2_two", tiny_x2_two, false, std::nullopt},
                                           Case{"direct", tiny_direct, false, std::nullopt}),
                         [](const ::testing::TestParamInfo<Case>& tp) {
                           return std::string(tp.param.name);
                         });

// The same corridor read from tests/data/plan_tiny through the loader and its variants.
TEST(PlanFixture, HandComputedAnswersThroughTheLoader) {
  const Plan base = plan(scenario::load(kTiny));
  EXPECT_EQ(open_sites(base), (std::vector<std::string>{"A"}));
  EXPECT_NEAR(base.objective, 150000.0, 1e-6);
  EXPECT_FALSE(crossing(base, "X2").usable);

  const Plan x2 = plan(scenario::load(kTiny, "open-x2"));
  EXPECT_EQ(x2.variant, "open-x2");
  EXPECT_EQ(open_sites(x2), (std::vector<std::string>{"B"}));
  EXPECT_NEAR(x2.objective, 88000.0, 1e-6);

  const Plan x1 = plan(scenario::load(kTiny, "x1-one-container"));
  EXPECT_NEAR(x1.objective, 10080000.0, 1e-4);
  ASSERT_FALSE(x1.unmet.empty());
  EXPECT_EQ(x1.unmet[0].reason, "crossing_capacity");
  EXPECT_NEAR(crossing(x1, "X1").shadow_price_per_unit_day, 9930000.0, 1e-3);

  const Plan two = plan(scenario::load(kTiny, "x2-two-trucks"));
  EXPECT_EQ(open_sites(two), (std::vector<std::string>{"A", "B"}));
  EXPECT_NEAR(two.objective, 128000.0, 1e-6);
  EXPECT_NEAR(crossing(two, "X2").shadow_price_per_unit_day, 15000.0, 1e-6);
}

TEST(PlanFixture, StampsTheArtefactHeaderAndTheRequestedGap) {
  const auto s = scenario::load(kTiny, "open-x2");
  PlanOptions o;
  o.gap = 0.01;
  const Plan p = plan(s, o);
  EXPECT_EQ(p.scenario_fingerprint, scenario::fingerprint(s));
  EXPECT_NE(p.scenario_fingerprint, scenario::fingerprint(scenario::load(kTiny)));
  EXPECT_EQ(p.corridor_version, CORRIDOR_VERSION);
  EXPECT_EQ(p.status, SolveStatus::kOptimal);
  EXPECT_DOUBLE_EQ(p.requested_gap, 0.01);
  EXPECT_LE(p.gap, 0.01);
}

TEST(PlanFixture, RefusesOptionsItCannotHonour) {
  const auto s = scenario::load(kTiny);
  for (auto [field, change] : {std::pair<std::string, std::function<void(PlanOptions&)>>{
                                   "threads", [](PlanOptions& o) { o.threads = 0; }},
                               {"alternatives", [](PlanOptions& o) { o.alternatives = 0; }},
                               {"gap", [](PlanOptions& o) { o.gap = -1; }},
                               {"time_limit", [](PlanOptions& o) { o.time_limit_seconds = 0; }}}) {
    PlanOptions o;
    change(o);
    try {
      plan(s, o);
      ADD_FAILURE() << field;
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kBadOption) << field;
      EXPECT_EQ(e.diagnostics().at(0).field, field);
    }
  }
}

TEST(PlanFixture, CompareSolvesEveryVariantInManifestOrder) {
  const Comparison c = compare(kTiny, {});
  ASSERT_EQ(c.rows.size(), 4u);
  EXPECT_EQ(c.rows[0].variant, "");
  EXPECT_EQ(c.rows[1].variant, "open-x2");
  EXPECT_EQ(c.rows[1].description, "The planned road crossing X2 opens.");
  EXPECT_NEAR(c.rows[1].delta_total_cost, 88000.0 - 150000.0, 1e-6);
  EXPECT_NEAR(c.rows[3].delta_total_cost, 128000.0 - 150000.0, 1e-6);
  EXPECT_EQ(c.plans.size(), 4u);
  const Comparison some = compare(kTiny, {"x2-two-trucks"});
  ASSERT_EQ(some.rows.size(), 2u);
  EXPECT_EQ(some.rows[1].variant, "x2-two-trucks");
}

// cbc prints "Objective value:   <v>" for an optimal solve.
std::optional<double> cbc_objective(const std::string& lp_path) {
  const std::string cmd = "cbc '" + lp_path + "' solve quit 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::array<char, 512> buf{};
  std::optional<double> v;
  bool optimal = false;
  while (std::fgets(buf.data(), buf.size(), pipe)) {
    const std::string line(buf.data());
    if (line.find("Optimal solution found") != std::string::npos) optimal = true;
    const auto k = line.find("Objective value:");
    if (k != std::string::npos) v = std::stod(line.substr(k + 16));
  }
  ::pclose(pipe);
  return optimal ? v : std::nullopt;
}

bool have_cbc() { return std::system("command -v cbc >/dev/null 2>&1") == 0; }

TEST(ExportLp, CbcReachesTheSameOptimum) {
  if (!have_cbc()) GTEST_SKIP() << "cbc not on PATH (Debian package coinor-cbc)";
  const fs::path dir =
      fs::temp_directory_path() / ("corridor_lp_" + std::to_string(static_cast<long>(::getpid())));
  fs::create_directories(dir);
  struct Named {
    const char* name;
    scenario::Scenario s;
    PlanOptions o;
  };
  PlanOptions single;
  single.single_sourcing = true;
  PlanOptions one;
  one.max_open = 1;
  const std::vector<Named> cases{{"base", tiny(), {}},
                                 {"x1_one", tiny_x1_one(), {}},
                                 {"x2_two", tiny_x2_two(), {}},
                                 {"single", tiny_small_sites(), single},
                                 {"max_open", tiny_small_sites(), one},
                                 {"direct", tiny_direct(), {}}};
  for (const auto& c : cases) {
    const fs::path lp = dir / (std::string(c.name) + ".lp");
    {
      std::ofstream out(lp);
      export_lp(c.s, c.o, out);
    }
    const Plan p = plan(c.s, c.o);
    const auto obj = cbc_objective(lp.string());
    ASSERT_TRUE(obj.has_value()) << c.name;
    EXPECT_NEAR(*obj, p.objective, 1e-6 * std::max(1.0, p.objective)) << c.name;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace corridor::design
