// The K best plans above the solver: PlanOptions' refusals, the difference of each
// alternative from the best plan (hand-computed on the tiny corridor), and plan.json
// with alternatives (round trip, strict reading, corridor.plan/2 still read).

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "../network/tiny_scenario.hpp"
#include "brute_force.hpp"
#include "corridor/design.hpp"
#include "corridor_model.hpp"

namespace corridor::design {
namespace {

// The plan of `cm` with site `closed` (facility index) kept closed: the brute-force
// optimum of the model without that site's options, read back against the whole model.
Plan plan_without(const CorridorModel& cm, int closed) {
  solver::Model m = cm.model;
  m.facilities[closed].options.clear();
  return make_plan(cm, testing::brute_force_solve(m));
}

// The tiny corridor with X2 open (tiny_scenario.hpp): stocked parcels cost 4 via X2 to
// site B and 7 via X1 to site A; 200 parcels/day over 100 days. Best: B alone,
// 8,000 + 4 × 20,000 = 88,000; next: A alone, 10,000 + 7 × 20,000 = 150,000.
struct Swap : ::testing::Test {
  CorridorModel cm = build_corridor_model(testing::tiny_with_x2(), {});
  Plan best = plan_without(cm, 0);  // site A (facility 0) closed
  Plan other = plan_without(cm, 1);
};

TEST_F(Swap, HandComputedCostsAndEveryDifference) {
  ASSERT_NEAR(best.objective, 88000.0, 1e-6);
  ASSERT_NEAR(other.objective, 150000.0, 1e-6);
  const auto alts = describe_alternatives(best, {other});
  ASSERT_EQ(alts.size(), 1u);
  const PlanAlternative& a = alts[0];
  EXPECT_EQ(a.rank, 2);
  EXPECT_NEAR(a.objective, 150000.0, 1e-6);
  EXPECT_NEAR(a.gap_to_best, 62000.0 / 88000.0, 1e-12);
  EXPECT_EQ(a.sites_opened, std::vector<std::string>{"A"});
  EXPECT_EQ(a.sites_closed, std::vector<std::string>{"B"});
  EXPECT_TRUE(a.sizes_changed.empty());
  ASSERT_EQ(a.warehouses.size(), 1u);
  EXPECT_EQ(a.warehouses[0].site, "A");
  EXPECT_NEAR(a.costs.fixed, 10000.0, 1e-6);
  // All 200 parcels/day move from X2 to X1.
  ASSERT_EQ(a.crossings_changed.size(), 2u);
  EXPECT_EQ(a.crossings_changed[0].crossing, "X1");
  EXPECT_NEAR(a.crossings_changed[0].best_flow_per_day, 0.0, 1e-9);
  EXPECT_NEAR(a.crossings_changed[0].flow_per_day, 200.0, 1e-6);
  EXPECT_EQ(a.crossings_changed[1].crossing, "X2");
  EXPECT_NEAR(a.crossings_changed[1].best_flow_per_day, 200.0, 1e-6);
  EXPECT_NEAR(a.crossings_changed[1].flow_per_day, 0.0, 1e-9);
  EXPECT_EQ(a.crossings_now_used, std::vector<std::string>{"X1"});
  EXPECT_EQ(a.crossings_now_unused, std::vector<std::string>{"X2"});
}

TEST_F(Swap, APlanAgainstItselfDiffersInNothing) {
  const auto alts = describe_alternatives(best, {best, other});
  ASSERT_EQ(alts.size(), 2u);
  EXPECT_EQ(alts[0].rank, 2);
  EXPECT_EQ(alts[1].rank, 3);
  EXPECT_EQ(alts[0].gap_to_best, 0.0);
  EXPECT_TRUE(alts[0].sites_opened.empty() && alts[0].sites_closed.empty());
  EXPECT_TRUE(alts[0].crossings_changed.empty() && alts[0].crossings_now_used.empty());
}

// Site B also offered at size L (twice the capacity, 1,000 more a year): the same
// flows at 89,000; only the size differs.
TEST(Alternatives, ALargerSizeIsASizeChangeNotAnOpenedSite) {
  auto s = testing::tiny_with_x2();
  scenario::SizeOption l = s.sites[1].sizes[0];
  l.size = "L";
  l.capacity_per_day = 2000;
  l.fixed_cost_per_year = Money(9000);
  s.sites[1].sizes.push_back(l);
  const CorridorModel cm = build_corridor_model(s, {});
  solver::Model only_m = cm.model, only_l = cm.model;
  only_m.facilities[0].options.clear();
  only_l.facilities[0].options.clear();
  only_m.facilities[1].options.resize(1);                                    // M
  only_l.facilities[1].options.erase(only_l.facilities[1].options.begin());  // L
  const Plan best = make_plan(cm, testing::brute_force_solve(only_m));
  solver::Solution sl = testing::brute_force_solve(only_l);
  sl.option[1] = 1;  // L is option 1 of the whole model
  const Plan larger = make_plan(cm, sl);
  ASSERT_NEAR(larger.objective, 89000.0, 1e-6);
  const auto alts = describe_alternatives(best, {larger});
  ASSERT_EQ(alts.size(), 1u);
  EXPECT_NEAR(alts[0].gap_to_best, 1000.0 / 88000.0, 1e-12);
  EXPECT_TRUE(alts[0].sites_opened.empty());
  EXPECT_TRUE(alts[0].sites_closed.empty());
  ASSERT_EQ(alts[0].sizes_changed.size(), 1u);
  EXPECT_EQ(alts[0].sizes_changed[0].site, "B");
  EXPECT_EQ(alts[0].sizes_changed[0].from, "M");
  EXPECT_EQ(alts[0].sizes_changed[0].to, "L");
  EXPECT_TRUE(alts[0].crossings_changed.empty());
}

std::vector<Diagnostic> plan_errors(const PlanOptions& o) {
  try {
    plan(testing::tiny_scenario(), o);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

int count_field(const std::vector<Diagnostic>& ds, const std::string& field) {
  int n = 0;
  for (const auto& d : ds) n += d.code == ErrorCode::kBadOption && d.field == field;
  return n;
}

TEST(PlanOptionsRefused, AlternativesOutOfRange) {
  for (int k : {0, -1, kMaxAlternatives + 1}) {
    PlanOptions o;
    o.alternatives = k;
    const auto ds = plan_errors(o);
    ASSERT_EQ(ds.size(), 1u) << k;
    EXPECT_EQ(count_field(ds, "alternatives"), 1) << k;
    EXPECT_NE(ds[0].message.find("1..50"), std::string::npos) << ds[0].message;
  }
}

TEST(PlanOptionsRefused, AlternativesWithSingleSourcingOrCongestionSayWhy) {
  PlanOptions o;
  o.alternatives = 3;
  o.single_sourcing = true;
  o.congestion.enabled = true;
  const auto ds = plan_errors(o);
  ASSERT_EQ(count_field(ds, "alternatives"), 2);  // both at once
  EXPECT_NE(ds[0].message.find("single sourcing"), std::string::npos) << ds[0].message;
  EXPECT_NE(ds[1].message.find("congestion"), std::string::npos) << ds[1].message;
}

TEST(PlanOptionsRefused, ThreadsBelowOneWithEveryOtherProblem) {
  PlanOptions o;
  o.threads = 0;
  o.alternatives = 0;
  o.gap = -1;
  const auto ds = plan_errors(o);
  EXPECT_EQ(ds.size(), 3u);
  EXPECT_EQ(count_field(ds, "threads"), 1);
  EXPECT_EQ(count_field(ds, "alternatives"), 1);
  EXPECT_EQ(count_field(ds, "gap"), 1);
}

TEST(PlanOptionsAccepted, ThreadsAndOnePlanGiveTheSamePlan) {
  PlanOptions o;
  o.threads = 2;
  o.alternatives = 1;
  const Plan p = plan(testing::tiny_scenario(), o);
  const Plan q = plan(testing::tiny_scenario(), {});
  EXPECT_EQ(p.status, SolveStatus::kOptimal);
  EXPECT_NEAR(p.objective, 150000.0, 1e-6);  // site A alone, tiny_scenario.hpp
  EXPECT_EQ(p.objective, q.objective);
  EXPECT_TRUE(p.alternatives.empty());
}

nlohmann::json plan_with_alternatives() {
  CorridorModel cm = build_corridor_model(testing::tiny_with_x2(), {});
  Plan best = plan_without(cm, 0);
  best.alternatives = describe_alternatives(best, {plan_without(cm, 1)});
  return best;
}

std::vector<Diagnostic> read_errors(const nlohmann::json& j) {
  try {
    read_plan(j, "p.json");
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

bool has(const std::vector<Diagnostic>& ds, const std::string& field) {
  for (const auto& d : ds)
    if (d.code == ErrorCode::kBadArtefact && d.field == field && d.file == "p.json") return true;
  return false;
}

TEST(PlanJsonAlternatives, RoundTripIsLossless) {
  const nlohmann::json j = plan_with_alternatives();
  EXPECT_EQ(j["schema"], "corridor.plan/3");
  ASSERT_EQ(j["alternatives"].size(), 1u);
  EXPECT_EQ(j["alternatives"][0]["sites_opened"], nlohmann::json::array({"A"}));
  EXPECT_EQ(j["alternatives"][0]["crossings_changed"][1]["crossing"], "X2");
  const Plan back = read_plan(j, "p.json");
  ASSERT_EQ(back.alternatives.size(), 1u);
  EXPECT_EQ(back.alternatives[0].crossings_now_unused, std::vector<std::string>{"X2"});
  EXPECT_EQ(nlohmann::json(back), j);
}

TEST(PlanJsonAlternatives, MissingOrMistypedKeysAreErrorsAllAtOnce) {
  nlohmann::json j = plan_with_alternatives();
  j["alternatives"][0]["rank"] = "2";
  j["alternatives"][0].erase("sizes_changed");
  j["alternatives"][0]["crossings_changed"][0].erase("best_flow_per_day");
  j["alternatives"][0]["costs"].erase("fixed");
  j["alternatives"][0]["warehouses"][0]["site"] = 1;
  const auto ds = read_errors(j);
  EXPECT_TRUE(has(ds, "alternatives[0].rank"));
  EXPECT_TRUE(has(ds, "alternatives[0].sizes_changed"));
  EXPECT_TRUE(has(ds, "alternatives[0].crossings_changed[0].best_flow_per_day"));
  EXPECT_TRUE(has(ds, "alternatives[0].costs.fixed"));
  EXPECT_TRUE(has(ds, "alternatives[0].warehouses[0].site"));
  EXPECT_EQ(ds.size(), 5u);

  j = plan_with_alternatives();
  j.erase("alternatives");  // required in corridor.plan/3, even when empty
  EXPECT_TRUE(has(read_errors(j), "alternatives"));
  j["alternatives"] = nlohmann::json::object();
  EXPECT_TRUE(has(read_errors(j), "alternatives"));
}

TEST(PlanJsonAlternatives, VersionTwoIsReadWithoutAlternativesAndOneIsRefused) {
  nlohmann::json j = plan_with_alternatives();
  j.erase("alternatives");
  j["schema"] = "corridor.plan/2";
  const Plan p = read_plan(j, "p.json");
  EXPECT_TRUE(p.alternatives.empty());
  EXPECT_NEAR(p.objective, 88000.0, 1e-6);
  j["schema"] = "corridor.plan/1";
  EXPECT_TRUE(has(read_errors(j), "schema"));
  j["schema"] = "corridor.plan/4";
  EXPECT_TRUE(has(read_errors(j), "schema"));
}

}  // namespace
}  // namespace corridor::design

namespace corridor::design {
namespace {

// The real solver through plan(): the tiny corridor with X2 open has exactly three
// locally minimal open sets (hand count): {B} 88,000, {A} 150,000 and none at all
// (every parcel unmet: 200 × 100 days × 1,000 = 20,000,000). {A, B} is B plus an idle
// A (closing A saves its 10,000), so it is not listed.
TEST(AlternativesSolved, TinyCorridorHasThreeLocallyMinimalOpenSets) {
  PlanOptions o;
  o.alternatives = 5;
  o.threads = 2;
  const Plan p = plan(testing::tiny_with_x2(), o);
  ASSERT_EQ(p.status, SolveStatus::kOptimal);
  EXPECT_NEAR(p.objective, 88000.0, 1e-6);
  ASSERT_EQ(p.alternatives.size(), 2u);
  EXPECT_NEAR(p.alternatives[0].objective, 150000.0, 1e-6);
  EXPECT_EQ(p.alternatives[0].sites_opened, std::vector<std::string>{"A"});
  EXPECT_EQ(p.alternatives[0].sites_closed, std::vector<std::string>{"B"});
  EXPECT_NEAR(p.alternatives[1].objective, 20000000.0, 1e-3);
  EXPECT_TRUE(p.alternatives[1].warehouses.empty());
  EXPECT_EQ(p.alternatives[1].sites_closed, std::vector<std::string>{"B"});
  EXPECT_EQ(p.alternatives[1].crossings_now_unused, std::vector<std::string>{"X2"});
  EXPECT_NEAR(p.alternatives[1].unmet_per_day, 200.0, 1e-6);
  // One thread or two, the same plans.
  o.threads = 1;
  const Plan q = plan(testing::tiny_with_x2(), o);
  ASSERT_EQ(q.alternatives.size(), p.alternatives.size());
  for (std::size_t i = 0; i < p.alternatives.size(); ++i) {
    EXPECT_EQ(q.alternatives[i].objective, p.alternatives[i].objective);
    EXPECT_EQ(q.alternatives[i].sites_opened, p.alternatives[i].sites_opened);
    EXPECT_EQ(q.alternatives[i].sites_closed, p.alternatives[i].sites_closed);
  }
}

}  // namespace
}  // namespace corridor::design
