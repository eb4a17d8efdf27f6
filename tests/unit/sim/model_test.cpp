// The corridor model: conservation, reproducibility, thread independence, closures,
// Little's law, bad input. Light runs (label unit).

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/sim.hpp"
#include "fixtures.hpp"

namespace corridor::sim {
namespace {

SimOptions light(int days = 60, int reps = 2) {
  SimOptions o;
  o.days = days;
  o.warmup_days = 14;
  o.replications = reps;
  o.seed = 7;
  o.threads = 1;
  return o;
}

std::string dump(const SimResult& r) {
  nlohmann::ordered_json j;
  to_json(j, r);
  return j.dump(2);
}

TEST(CorridorModel, EveryOrderIsAccounted) {
  const auto c = testing::small_corridor();
  auto o = light();
  o.start_date = "2025-11-01";  // includes the 11.11 peak
  const auto r = simulate(c.scenario, c.plan, o);
  ASSERT_EQ(r.runs.size(), 2u);
  for (const auto& run : r.runs) {
    EXPECT_GT(run.orders.created, 0u);
    EXPECT_EQ(run.orders.accounted(), run.orders.created);
    EXPECT_GT(run.orders.delivered, run.orders.created * 8 / 10);
    // SHY's 200 of 6000 parcels/day are not served by the plan.
    EXPECT_NEAR(double(run.orders.unserved) / run.orders.created, 200.0 / 6000.0, 0.005);
  }
  EXPECT_GT(r.overall.mean_days.mean, 0.5);
  EXPECT_LT(r.overall.mean_days.mean, 10.0);
  EXPECT_LE(r.overall.p50_days.mean, r.overall.p90_days.mean);
  EXPECT_LE(r.overall.p90_days.mean, r.overall.p99_days.mean);
  ASSERT_EQ(r.crossings.size(), 2u);
  ASSERT_EQ(r.sites.size(), 2u);
  ASSERT_EQ(r.modes.size(), 2u);
  EXPECT_EQ(r.modes[0].mode, "rail");
  EXPECT_NEAR(r.modes[0].parcels_per_day.mean, r.crossings[0].parcels_per_day.mean, 1e-6);
  EXPECT_NEAR(r.modes[1].queue_mean.mean, r.crossings[1].queue_mean.mean, 1e-9);
  ASSERT_EQ(r.series.rows.size(), 60u);
  EXPECT_EQ(r.series.dates.front(), "2025-11-01");
  // Order count per day roughly follows demand (6000/day, times profiles and peak).
  double orders = 0;
  for (const auto& row : r.series.rows) orders += row[1];
  EXPECT_NEAR(orders / 60.0, 6000.0 * 1.15, 6000.0 * 0.25);
}

TEST(CorridorModel, LittlesLawAtEveryCrossing) {
  const auto c = testing::small_corridor();
  const auto r = simulate(c.scenario, c.plan, light(120, 2));
  for (const auto& x : r.crossings) {
    EXPECT_GT(x.units_per_day.mean, 1.0) << x.crossing;
    EXPECT_NEAR(x.little_gap.mean, 0.0, 0.02) << x.crossing;
    const double lw = x.arrivals_per_hour.mean * x.system_hours_mean.mean;
    EXPECT_NEAR(x.in_system_mean.mean, lw, 0.03 * x.in_system_mean.mean + 0.01) << x.crossing;
    EXPECT_GT(x.utilisation.mean, 0.0);
    EXPECT_LT(x.utilisation.mean, 1.0);
  }
}

TEST(CorridorModel, SameSeedSameBytesWhateverTheThreads) {
  const auto c = testing::small_corridor();
  auto o = light(30, 3);
  const std::string a = dump(simulate(c.scenario, c.plan, o));
  const std::string b = dump(simulate(c.scenario, c.plan, o));
  o.threads = 3;
  const std::string t3 = dump(simulate(c.scenario, c.plan, o));
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, t3);
  o.seed = 8;
  EXPECT_NE(a, dump(simulate(c.scenario, c.plan, o)));
}

TEST(CorridorModel, ClosureDelaysOrdersByItsLength) {
  // Fast, lightly loaded crossing: without the closure an order takes ~1.5 h.
  auto c = testing::mmc_case(1, 0.001, 10.0);
  c.scenario.nodes[3].lat = c.scenario.nodes[2].lat;  // zone at the border: last mile = 1 h
  c.scenario.nodes[3].lon = c.scenario.nodes[2].lon;
  scenario::Event closure;
  closure.id = "shut";
  closure.kind = scenario::Event::Kind::kClosure;
  closure.target = "X";
  closure.date_from = "2025-03-10";
  closure.date_to = "2025-03-14";  // 5 days
  c.scenario.events = {closure};
  auto o = light(30, 2);
  o.start_date = "2025-03-01";
  o.linehaul_cv = 0;
  o.last_mile_cv = 0;
  const auto r = simulate(c.scenario, c.plan, o);
  const auto& rows = r.series.rows;
  ASSERT_EQ(r.series.dates[9], "2025-03-10");
  const double base = rows[5][4];  // a normal day's mean delivery time
  EXPECT_NEAR(base, 1.5 / 24.0, 0.01);
  // Orders of the first closed day wait until it reopens: 5 - 0.5 days on average.
  EXPECT_NEAR(rows[9][4] - base, 4.5, 0.1);
  // ... and of the last closed day, half a day.
  EXPECT_NEAR(rows[13][4] - base, 0.5, 0.1);
  // The longest delay is the closure's length.
  EXPECT_NEAR(r.overall.max_days.mean, 5.0 + base, 0.1);
  // Without the closure nothing waits.
  c.scenario.events.clear();
  const auto open = simulate(c.scenario, c.plan, o);
  EXPECT_LT(open.overall.max_days.mean, 0.2);
}

TEST(CorridorModel, StockOutsBackorderAndRecover) {
  auto c = testing::small_corridor();
  auto o = light(60, 1);
  o.safety_days = 0;
  o.order_up_to_days = 1.0;  // far below the lead time: stock runs out
  const auto r = simulate(c.scenario, c.plan, o);
  EXPECT_GT(r.sites[0].backordered_orders.mean, 0.0);
  EXPECT_LT(r.sites[0].fill_rate.mean, 1.0);
  EXPECT_EQ(r.runs[0].orders.accounted(), r.runs[0].orders.created);
  const auto good = simulate(c.scenario, c.plan, light(60, 1));
  EXPECT_GT(good.sites[0].fill_rate.mean, r.sites[0].fill_rate.mean);
}

TEST(CorridorModel, BadOptionsAndPlansAreInputErrors) {
  const auto c = testing::small_corridor();
  auto o = light();
  o.days = 0;
  o.replications = 0;
  try {
    simulate(c.scenario, c.plan, o);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadOption);
    EXPECT_EQ(e.diagnostics().size(), 2u);
  }
  auto bad = c.plan;
  bad.flows[0].crossing = "NOPE";
  bad.flows[3].zone = "NOWHERE";
  try {
    simulate(c.scenario, bad, light());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadPlanFile);
    EXPECT_EQ(e.diagnostics().size(), 2u);
  }
}

TEST(CorridorModel, WritesBothFilesWholly) {
  const auto c = testing::small_corridor();
  const auto r = simulate(c.scenario, c.plan, light(20, 1));
  const auto dir = std::filesystem::temp_directory_path() / "corridor_sim_test_out";
  std::filesystem::remove_all(dir);
  core::OutputSet out(dir);
  add_outputs(r, out);
  out.publish();
  EXPECT_TRUE(std::filesystem::exists(dir / "sim.json"));
  EXPECT_TRUE(std::filesystem::exists(dir / "timeseries.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "sim.json.tmp"));
  std::ifstream f(dir / "sim.json");
  const auto j = nlohmann::json::parse(f);
  EXPECT_EQ(j["schema"], "corridor.sim/2");
  EXPECT_EQ(j["crossings"].size(), 2u);
  std::ifstream csv(dir / "timeseries.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("date,day,orders,deliveries,backordered,mean_delivery_days,queue:R", 0),
            0u);
  std::filesystem::remove_all(dir);
}

TEST(CorridorModel, MmcThroughTheScenarioFormat) {
  // c = 2, rho = 0.8, light: within 99 % of Erlang C (the heavy test does the grid).
  const double mu = 1.0, lambda = 1.6;
  auto c = testing::mmc_case(2, 1.0 / mu, lambda);
  auto o = light(2000, 6);
  o.warmup_days = 20;
  o.unit_per_parcel = true;
  o.background_traffic = false;
  o.weekday_profile.fill(1.0);
  o.month_profile.fill(1.0);
  o.linehaul_cv = 0;
  o.time_series = false;
  o.threads = 2;
  const auto r = simulate(c.scenario, c.plan, o);
  const auto ec = testing::erlang_c(lambda, mu, 2);
  const auto& x = r.crossings[0];
  const double widen = 4.0322 / 2.5706;  // t(5) at 99.5 % vs 97.5 %
  EXPECT_NEAR(x.wait_hours_mean.mean, ec.wq, x.wait_hours_mean.ci95 * widen);
  EXPECT_NEAR(x.queue_mean.mean, ec.lq, x.queue_mean.ci95 * widen);
  EXPECT_NEAR(x.utilisation.mean, 0.8, 0.01);
}

}  // namespace
}  // namespace corridor::sim
