// The default scenario data/scenarios/kz-xj, base and every variant, solves to proven
// optimality, and every plan is internally consistent (costs sum to the objective,
// flows conserve demand, crossings within capacity, nothing late).

#include <gtest/gtest.h>

#include "corridor/design.hpp"
#include "corridor/scenario.hpp"

namespace corridor::design {
namespace {

const std::string kDefault = std::string(CORRIDOR_DATA_DIR) + "/scenarios/kz-xj";

void check_plan(const Plan& p) {
  SCOPED_TRACE(p.variant.empty() ? "base" : p.variant);
  EXPECT_EQ(p.status, SolveStatus::kOptimal);
  EXPECT_LE(p.gap, 1e-6);
  const auto& c = p.costs;
  const double sum = c.fixed + c.cn_linehaul + c.crossing + c.kz_linehaul + c.handling +
                     c.last_mile + c.direct + c.unmet_penalty;
  EXPECT_NEAR(sum, p.objective, 1e-6 * p.objective);
  EXPECT_NEAR(p.delivered_per_day + p.unmet_per_day, p.demand_per_day, 1e-4 * p.demand_per_day);
  for (const auto& x : p.crossings) {
    EXPECT_LE(x.flow_parcels_per_day, x.capacity_parcels_per_day * (1 + 1e-9) + 1e-6) << x.crossing;
    if (!x.usable) {
      EXPECT_EQ(x.flow_parcels_per_day, 0.0) << x.crossing;
    }
  }
  for (const auto& w : p.warehouses) EXPECT_LE(w.utilisation, 1.0 + 1e-9) << w.site;
  for (const auto& z : p.zones) EXPECT_FALSE(z.late) << z.zone;
}

TEST(DefaultScenario, BaseAndEveryVariantSolveToOptimal) {
  const scenario::Scenario base = scenario::load(kDefault);
  ASSERT_FALSE(base.variants.empty());
  check_plan(plan(base));
  for (const auto& v : base.variants) check_plan(plan(scenario::load(kDefault, v.name)));
}

}  // namespace
}  // namespace corridor::design
