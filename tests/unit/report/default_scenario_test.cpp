// The report of the default scenario (data/scenarios/kz-xj), solved for real: the page's
// data and KPI text equal the plan's own figures, the map's border legs carry exactly
// each crossing's flow, and the comparison's deltas equal those `corridor compare`
// computes independently (design::compare).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "corridor/design.hpp"
#include "corridor/report.hpp"
#include "corridor/scenario.hpp"
#include "page_data.hpp"

namespace corridor::report {
namespace {

const std::string kFolder = std::string(CORRIDOR_DATA_DIR) + "/scenarios/kz-xj";

nlohmann::json page_json(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"corridor-data\">";
  auto a = html.find(open) + open.size();
  return nlohmann::json::parse(html.substr(a, html.find("</script>", a) - a));
}

double kpi_value(const std::string& html, const std::string& key) {
  std::smatch m;
  std::regex re("data-kpi=\"" + key + "\" data-value=\"([^\"]*)\"");
  if (!std::regex_search(html, m, re)) {
    ADD_FAILURE() << "no KPI " << key;
    return NAN;
  }
  return nlohmann::json::parse(m[1].str()).get<double>();
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

TEST(ReportDefaultScenario, PlanReportShowsThePlansFigures) {
  scenario::Scenario s = scenario::load(kFolder);
  design::Plan plan = design::plan(s);
  std::string html = render_plan_report(s, plan);
  nlohmann::json data = page_json(html);
  EXPECT_EQ(data["plans"][0]["plan"], nlohmann::json(plan));
  EXPECT_EQ(kpi_value(html, "total_cost"), plan.objective);
  EXPECT_EQ(kpi_value(html, "cost_per_parcel"), plan.cost_per_parcel);
  EXPECT_EQ(kpi_value(html, "gap"), plan.gap);
  // The report's sums over zones agree with the plan's own totals.
  EXPECT_TRUE(near(kpi_value(html, "delivered"), plan.delivered_per_day));
  EXPECT_TRUE(near(kpi_value(html, "unmet"), plan.unmet_per_day));

  // Conservation on the map: the border leg of each crossing carries its flow.
  std::map<std::pair<std::string, std::string>, double> leg;
  for (const auto& g : flow_segments(s, plan)) leg[{g.from, g.to}] += g.parcels_per_day();
  for (const auto& x : plan.crossings) {
    const auto& c = *std::find_if(
        s.crossings.begin(), s.crossings.end(), [&](const auto& y) { return y.id == x.crossing; });
    EXPECT_TRUE(near(leg[{c.cn_node, c.kz_node}], x.flow_parcels_per_day)) << x.crossing;
  }
  // Every open warehouse's outbound legs carry its throughput.
  for (const auto& w : plan.warehouses) {
    double out = 0.0;
    for (const auto& g : flow_segments(s, plan)) {
      if (g.from == w.node && g.mode == "last_mile") out += g.parcels_per_day();
    }
    EXPECT_TRUE(near(out, w.throughput_per_day)) << w.site;
  }
}

TEST(ReportDefaultScenario, CompareDeltasEqualDesignCompare) {
  scenario::Scenario s = scenario::load(kFolder);
  design::Comparison cmp = design::compare(kFolder, {"third-railway", "dostyk-congested"});
  ASSERT_EQ(cmp.plans.size(), 3u);
  std::string html = render_compare_report(s, cmp);
  nlohmann::json data = page_json(html);
  ASSERT_EQ(data["deltas"].size(), 2u);
  for (std::size_t i = 1; i < cmp.rows.size(); ++i) {
    const auto& row = cmp.rows[i];
    const auto& d = data["deltas"][i - 1];
    EXPECT_EQ(d["label"], row.variant);
    EXPECT_EQ(data["plans"][i]["plan"], nlohmann::json(cmp.plans[i]));
    EXPECT_TRUE(near(d["variant"]["total_cost_per_year"].get<double>() -
                         d["base"]["total_cost_per_year"].get<double>(),
                     row.delta_total_cost));
    EXPECT_TRUE(near(d["variant"]["mean_delivery_days"].get<double>(), row.mean_delivery_days));
    for (const auto& c : d["crossings"]) {
      auto it = row.delta_crossing_flow.find(c["crossing"].get<std::string>());
      double expected = it == row.delta_crossing_flow.end() ? 0.0 : it->second;
      EXPECT_TRUE(near(c["delta"].get<double>(), expected)) << c["crossing"];
    }
  }
}

}  // namespace
}  // namespace corridor::report
