// Structural tests of the HTML report: the page's embedded data and its server-side
// KPI text must equal the Plan's own figures; KPIs are checked against hand-computed
// values on tiny plans.
#include "corridor/report.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/sim.hpp"
#include "format.hpp"
#include "page_data.hpp"
#include "sample_plan.hpp"

namespace corridor::report {
namespace {

design::ZoneResult zone(
    const std::string& id, double delivered, double days, double promise, double unmet = 0.0) {
  design::ZoneResult z;
  z.zone = id;
  z.demand_per_day = delivered + unmet;
  z.stocked_per_day = delivered;
  z.unmet_per_day = unmet;
  z.delivery_days = days;
  z.promise_days = promise;
  return z;
}

TEST(ReportKpis, HandComputedDeliveryFigures) {
  design::Plan p;
  p.objective = 1000;
  p.cost_per_parcel = 2.5;
  p.zones = {zone("a", 100, 2, 3), zone("b", 300, 4, 3), zone("c", 0, 0, 3, 50)};
  Kpis k = compute_kpis(p);
  EXPECT_DOUBLE_EQ(k.delivered_per_day, 400);
  EXPECT_DOUBLE_EQ(k.demand_per_day, 450);
  EXPECT_DOUBLE_EQ(k.mean_delivery_days, (100 * 2 + 300 * 4) / 400.0);  // 3.5
  EXPECT_DOUBLE_EQ(k.planned_p95_zone_days, 4);
  EXPECT_DOUBLE_EQ(k.within_promise_share, 0.25);
  EXPECT_DOUBLE_EQ(k.unmet_per_day, 50);
  EXPECT_DOUBLE_EQ(k.unmet_share, 50 / 450.0);
  EXPECT_DOUBLE_EQ(k.total_cost_per_year, 1000);
  EXPECT_DOUBLE_EQ(k.cost_per_parcel, 2.5);
}

TEST(ReportKpis, PercentileIsReachedNotExceeded) {
  design::Plan p;
  // 95 % of the parcels arrive in 1 day: the 95th percentile is 1 day, not 10.
  p.zones = {zone("slow", 5, 10, 3), zone("fast", 95, 1, 3)};
  Kpis k = compute_kpis(p);
  EXPECT_DOUBLE_EQ(k.planned_p95_zone_days, 1);
  p.zones[1].stocked_per_day = 94;  // now 94/99 < 95 %
  EXPECT_DOUBLE_EQ(compute_kpis(p).planned_p95_zone_days, 10);
}

TEST(ReportKpis, EmptyPlanHasZeroes) {
  Kpis k = compute_kpis(design::Plan{});
  EXPECT_EQ(k.delivered_per_day, 0);
  EXPECT_EQ(k.planned_p95_zone_days, 0);
  EXPECT_EQ(k.unmet_share, 0);
}

TEST(ReportSegments, LegsAreSummedPerNodePairAndMode) {
  scenario::Scenario s = testing::sample_scenario();
  design::Plan p;
  p.flows = {testing::flow("inbound", "urumqi", "khorgos_rail", "almaty", "", 100, 0, 0),
             testing::flow("inbound", "kashgar", "khorgos_rail", "almaty", "", 50, 0, 0),
             testing::flow("direct", "urumqi", "khorgos_rail", "", "taraz", 20, 0, 0),
             testing::flow("outbound", "", "", "almaty", "taraz", 70, 0, 0),
             testing::flow("outbound", "", "", "unknown_site", "taraz", 5, 0, 0)};
  auto legs = flow_segments(s, p);
  auto find = [&](const std::string& from, const std::string& to, const std::string& mode) {
    for (const auto& g : legs) {
      if (g.from == from && g.to == to && g.mode == mode) return g;
    }
    ADD_FAILURE() << "no leg " << from << " -> " << to << " " << mode;
    return Segment{};
  };
  // urumqi->horgos 100 stocked + 20 direct, kashgar->horgos 50,
  // horgos->altynkol 150 stocked + 20 direct, altynkol->site 150, altynkol->taraz 20
  // direct, site->taraz 70.
  EXPECT_EQ(legs.size(), 6u);
  auto a = find("urumqi", "horgos_cn", "rail");
  EXPECT_DOUBLE_EQ(a.stocked_per_day, 100);
  EXPECT_DOUBLE_EQ(a.direct_per_day, 20);
  EXPECT_DOUBLE_EQ(find("kashgar", "horgos_cn", "rail").parcels_per_day(), 50);
  EXPECT_DOUBLE_EQ(find("horgos_cn", "altynkol", "rail").parcels_per_day(), 170);
  EXPECT_DOUBLE_EQ(find("altynkol", "site_almaty", "rail").stocked_per_day, 150);
  EXPECT_DOUBLE_EQ(find("altynkol", "z_taraz", "direct").direct_per_day, 20);
  EXPECT_DOUBLE_EQ(find("site_almaty", "z_taraz", "last_mile").stocked_per_day, 70);
}

// --- structural checks on the rendered page -------------------------------------

std::string between(const std::string& s, const std::string& open, const std::string& close) {
  auto a = s.find(open);
  if (a == std::string::npos) return {};
  a += open.size();
  auto b = s.find(close, a);
  return b == std::string::npos ? std::string() : s.substr(a, b - a);
}

nlohmann::json page_json(const std::string& html) {
  std::string raw =
      between(html, "<script type=\"application/json\" id=\"corridor-data\">", "</script>");
  return nlohmann::json::parse(raw);
}

struct KpiText {
  double value = 0.0;
  std::string text;
  std::string label;
  std::string sub;
};

// data-kpi="key" data-value="v"><div class="kpi-label">label</div><div
// class="kpi-value">text</div><div class="kpi-sub">sub</div>, first occurrence.
KpiText kpi(const std::string& html, const std::string& key) {
  std::regex re("data-kpi=\"" + key +
                "\" data-value=\"([^\"]*)\"><div class=\"kpi-label\">([^<]*)</div><div "
                "class=\"kpi-value\"><span class=\"v\">(.*?)</span>(.*?)</div><div "
                "class=\"kpi-sub\">(.*?)</div>");
  std::smatch m;
  if (!std::regex_search(html, m, re)) {
    ADD_FAILURE() << "no KPI " << key;
    return {};
  }
  return {nlohmann::json::parse(m[1].str()).get<double>(),
          m[3].str() + m[4].str(),
          m[2].str(),
          m[5].str()};
}

std::size_t count(const std::string& s, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

// Rows of the table with data-table="name" that carry a data-<attr> id.
std::size_t table_rows(const std::string& html, const std::string& name, const std::string& attr) {
  std::string t = between(html, "data-table=\"" + name + "\"", "</table>");
  return count(t, "<tr data-" + attr + "=");
}

class PlanReport : public ::testing::Test {
 protected:
  scenario::Scenario s_ = testing::sample_scenario();
  design::Plan plan_ = testing::sample_plan(s_);
  std::string html_ = render_plan_report(s_, plan_);
};

TEST_F(PlanReport, EmbeddedDataIsThePlanJson) {
  nlohmann::json data = page_json(html_);
  ASSERT_EQ(data["plans"].size(), 1u);
  EXPECT_EQ(data["plans"][0]["plan"], nlohmann::json(plan_));
  EXPECT_EQ(data["plans"][0]["kpis"], nlohmann::json(compute_kpis(plan_)));
  EXPECT_EQ(data["report"]["kind"], "plan");
  EXPECT_EQ(data["scenario"]["nodes"].size(), s_.nodes.size());
  EXPECT_EQ(data["scenario"]["crossings"].size(), s_.crossings.size());
  EXPECT_EQ(data["plans"][0]["segments"].size(), flow_segments(s_, plan_).size());
  EXPECT_TRUE(data["sim"].is_null());
  // Node geometry round-trips, local names included.
  EXPECT_EQ(data["scenario"]["nodes"][0]["name_local"], "乌鲁木齐");
  EXPECT_DOUBLE_EQ(data["scenario"]["nodes"][0]["lat"].get<double>(), s_.nodes[0].lat);
}

TEST_F(PlanReport, KpiTextEqualsThePlanFigures) {
  Kpis k = compute_kpis(plan_);
  KpiText cost = kpi(html_, "total_cost");
  EXPECT_EQ(cost.value, plan_.objective);
  EXPECT_EQ(cost.text, fmt_money_compact(plan_.objective, "USD"));
  KpiText cpp = kpi(html_, "cost_per_parcel");
  EXPECT_EQ(cpp.value, plan_.cost_per_parcel);
  EXPECT_EQ(cpp.text, fmt_money_unit(plan_.cost_per_parcel, "USD"));
  KpiText mean = kpi(html_, "mean_delivery_days");
  EXPECT_EQ(mean.value, k.mean_delivery_days);
  EXPECT_EQ(mean.text, fmt_days(k.mean_delivery_days));
  // The p95 card says it is planned, over zone means; with no simulation there is no
  // simulated figure beside it.
  KpiText p95 = kpi(html_, "planned_p95_zone_days");
  EXPECT_EQ(p95.value, k.planned_p95_zone_days);
  EXPECT_EQ(p95.text, fmt_days(k.planned_p95_zone_days));
  EXPECT_EQ(p95.label, "Planned p95 delivery, zone means");
  EXPECT_NE(p95.sub.find("not per parcel"), std::string::npos);
  EXPECT_EQ(html_.find("data-kpi=\"simulated_p95_days\""), std::string::npos);
  EXPECT_EQ(html_.find("Simulated p95"), std::string::npos);
  EXPECT_EQ(kpi(html_, "within_promise").text, fmt_pct(k.within_promise_share));
  EXPECT_EQ(kpi(html_, "within_promise").label, "Promise met, as planned");
  EXPECT_EQ(html_.find("data-kpi=\"simulated_on_time\""), std::string::npos);
  KpiText gap = kpi(html_, "gap");
  EXPECT_EQ(gap.value, plan_.gap);
  EXPECT_EQ(gap.text, "Optimal");
  KpiText unmet = kpi(html_, "unmet");
  EXPECT_EQ(unmet.value, 180.0);  // Aktau, from the fixture
  EXPECT_EQ(unmet.text, "180 <small>parcels/day</small>");
  EXPECT_EQ(kpi(html_, "delivered").value, plan_.demand_per_day - 180.0);
}

TEST_F(PlanReport, TablesHaveOneRowPerPlanEntry) {
  EXPECT_EQ(table_rows(html_, "warehouses", "site"), plan_.warehouses.size());
  EXPECT_EQ(table_rows(html_, "crossings", "crossing"), plan_.crossings.size());
  EXPECT_EQ(table_rows(html_, "zones", "zone"), plan_.zones.size());
  EXPECT_EQ(table_rows(html_, "unmet", "zone"), plan_.unmet.size());
  EXPECT_NE(html_.find("no path meets the delivery promise"), std::string::npos);
  // Names in Latin script with the local names beside them.
  EXPECT_NE(html_.find("Almaty DC <span class=\"local\">Алматы</span>"), std::string::npos);
  EXPECT_NE(html_.find("Khorgos (rail) <span class=\"local\">Алтынкөл / 霍尔果斯</span>"),
            std::string::npos);
}

TEST_F(PlanReport, PageIsSelfContained) {
  EXPECT_EQ(html_.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(count(html_, "<script src"), 0u);
  EXPECT_EQ(count(html_, "<link"), 0u);
  // The only URL is the SVG namespace in the page's JS.
  std::regex url("https?://[^\"' )]*");
  for (auto it = std::sregex_iterator(html_.begin(), html_.end(), url);
       it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ(it->str(), "http://www.w3.org/2000/svg");
  }
  nlohmann::json outline =
      nlohmann::json::parse(between(html_, "id=\"corridor-outline\">", "</script>"));
  EXPECT_GE(outline["countries"].size(), 2u);
  EXPECT_NE(outline["provenance"].get<std::string>().find("Natural Earth"), std::string::npos);
}

TEST(ReportRender, HostileNamesCannotBreakThePage) {
  scenario::Scenario s = testing::sample_scenario();
  s.nodes[0].name = "</script><b>x</b>";
  design::Plan p = testing::sample_plan(s);
  std::string html = render_plan_report(s, p);
  nlohmann::json data = page_json(html);
  EXPECT_EQ(data["scenario"]["nodes"][0]["name"], "</script><b>x</b>");
  EXPECT_EQ(count(html, "<b>x</b>"), 0u);
}

// The simulation section from a real sim::simulate run of the sample plan (not a mock).
// Expected texts are formatted here with printf-style formats, independently of the
// report's own formatting code (the figures checked are below 1,000: no separators).
class SimReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_ = new scenario::Scenario(testing::sample_scenario());
    plan_ = new design::Plan(testing::sample_plan(*s_));
    sim_ = new sim::SimResult(testing::sample_sim(*s_, *plan_));
    html_ = new std::string(render_plan_report(*s_, *plan_, sim_));
  }
  static void TearDownTestSuite() {
    delete html_;
    delete sim_;
    delete plan_;
    delete s_;
  }
  // "4.10 ± 0.03": mean ± 95 % CI half-width, as the page shows a simulated Stat.
  static std::string pm(const sim::Stat& st, int decimals, double scale = 1.0) {
    EXPECT_GT(st.ci95, 0.0);  // three replications: a real interval
    return fmt::format(
        "{:.{}f} \u00b1 {:.{}f}", scale * st.mean, decimals, scale * st.ci95, decimals);
  }
  static inline scenario::Scenario* s_ = nullptr;
  static inline design::Plan* plan_ = nullptr;
  static inline sim::SimResult* sim_ = nullptr;
  static inline std::string* html_ = nullptr;
};

TEST_F(SimReport, TheRunIsReal) {
  const sim::SimResult& r = *sim_;
  EXPECT_EQ(r.days, 28);
  EXPECT_EQ(r.replications, 3);
  EXPECT_GT(r.overall.delivered.mean, 0.9 * 28 * (plan_->demand_per_day - 180.0) * 0.9);
  EXPECT_EQ(r.zones.size(), plan_->zones.size());
  EXPECT_EQ(r.sites.size(), plan_->warehouses.size());
  std::size_t used = 0;
  for (const auto& x : plan_->crossings) used += x.flow_parcels_per_day > 0.0;
  EXPECT_EQ(r.crossings.size(), used);
}

TEST_F(SimReport, EmbeddedDataIsTheSimJsonPlusTheSeries) {
  const nlohmann::json page = page_json(*html_)["sim"];
  ASSERT_TRUE(page.is_object());
  // The page carries sim.json as sim::to_json writes it: reading it back gives the same.
  nlohmann::ordered_json expected;
  sim::to_json(expected, *sim_);
  sim::SimResult back;
  sim::from_json(page, back, "page");
  nlohmann::ordered_json again;
  sim::to_json(again, back);
  EXPECT_EQ(again.dump(2), expected.dump(2));
  EXPECT_EQ(page["series"]["columns"], nlohmann::json(sim_->series.columns));
  EXPECT_EQ(page["series"]["rows"].size(), 28u);
  bool queue = false;
  for (const auto& c : sim_->series.columns) queue = queue || c.rfind("queue:", 0) == 0;
  EXPECT_TRUE(queue);  // the chart draws queue:<crossing> columns
}

TEST_F(SimReport, TablesShowTheResultsFigures) {
  const std::string& html = *html_;
  const sim::SimResult& r = *sim_;
  std::string section = between(html, "<section id=\"sim\"", "</section>");
  EXPECT_EQ(section.find(">?<"), std::string::npos);
  EXPECT_NE(section.find(fmt::format("28 measured days from {} after 7 warm-up days, 3 "
                                     "replications, seed 2025",
                                     r.start_date)),
            std::string::npos);
  std::string overall = between(html, "data-table=\"sim-delivery\"", "</table>");
  for (const sim::Stat* st : {&r.overall.mean_days,
                              &r.overall.p50_days,
                              &r.overall.p90_days,
                              &r.overall.p95_days,
                              &r.overall.p99_days}) {
    EXPECT_NE(overall.find("<td class=\"num\">" + pm(*st, 2) + "</td>"), std::string::npos)
        << pm(*st, 2);
  }
  EXPECT_NE(overall.find("<td class=\"num\">" + pm(r.overall.on_time_share, 1, 100.0) + " %</td>"),
            std::string::npos);
  std::string zones = between(html, "data-table=\"sim-zones\"", "</table>");
  EXPECT_EQ(count(zones, "<tr data-zone="), r.zones.size());
  for (const auto& z : r.zones) {
    std::string row = between(zones, "<tr data-zone=\"" + z.zone + "\">", "</tr>");
    EXPECT_NE(row.find("<td class=\"num\">" + pm(z.p95_days, 2) + "</td>"), std::string::npos)
        << z.zone;
  }
  std::string crossings = between(html, "data-table=\"sim-crossings\"", "</table>");
  EXPECT_EQ(count(crossings, "<tr data-crossing="), r.crossings.size());
  for (const auto& x : r.crossings) {
    std::string row = between(crossings, "<tr data-crossing=\"" + x.crossing + "\">", "</tr>");
    EXPECT_NE(row.find("<td class=\"num\">" + pm(x.wait_hours_mean, 1) + "</td>"),
              std::string::npos)
        << x.crossing;
  }
  std::string sites = between(html, "data-table=\"sim-sites\"", "</table>");
  EXPECT_EQ(count(sites, "<tr data-site="), r.sites.size());
}

TEST_F(SimReport, SimulatedP95SitsBesideThePlannedOne) {
  const sim::Stat& p95 = sim_->overall.p95_days;
  KpiText planned = kpi(*html_, "planned_p95_zone_days");
  EXPECT_EQ(planned.value, compute_kpis(*plan_).planned_p95_zone_days);
  EXPECT_EQ(planned.label, "Planned p95 delivery, zone means");
  KpiText simulated = kpi(*html_, "simulated_p95_days");
  EXPECT_EQ(simulated.value, p95.mean);
  EXPECT_EQ(simulated.label, "Simulated p95 delivery, parcels");
  EXPECT_EQ(simulated.text, fmt::format("{:.2f} <small>d</small>", p95.mean));
  EXPECT_EQ(
      simulated.sub,
      fmt::format("95 % of simulated parcels within; \u00b1 {:.2f} d (95 % CI, 3 replications)",
                  p95.ci95));
  // Beside: the simulated card comes right after the planned one.
  auto a = html_->find("data-kpi=\"planned_p95_zone_days\"");
  auto b = html_->find("data-kpi=\"simulated_p95_days\"");
  ASSERT_NE(b, std::string::npos);
  EXPECT_EQ(html_->find("data-kpi=", a + 1), b);
  // And the promise as simulated beside the promise as planned.
  KpiText on_time = kpi(*html_, "simulated_on_time");
  EXPECT_EQ(on_time.value, sim_->overall.on_time_share.mean);
  EXPECT_EQ(on_time.label, "Promise met, simulated");
  EXPECT_EQ(on_time.text, fmt_pct(sim_->overall.on_time_share.mean));
  auto c = html_->find("data-kpi=\"within_promise\"");
  EXPECT_EQ(html_->find("data-kpi=", c + 1), html_->find("data-kpi=\"simulated_on_time\""));
}

TEST_F(SimReport, CompareShowsTheSimulationBesideItsOwnVariant) {
  design::Plan ayagoz = testing::sample_plan(*s_, "ayagoz");
  std::string html = render_compare_report(*s_, {{"base", plan_}, {"ayagoz", &ayagoz}}, sim_);
  EXPECT_EQ(count(html, "data-kpi=\"planned_p95_zone_days\""), 2u);
  EXPECT_EQ(count(html, "data-kpi=\"simulated_p95_days\""), 1u);
  std::string base_block = between(html, "data-variant=\"0\"", "</section>");
  EXPECT_NE(base_block.find("data-kpi=\"simulated_p95_days\""), std::string::npos);
  EXPECT_NE(html.find("data-table=\"sim-delivery\""), std::string::npos);
}

TEST(ReportRender, WithoutSimulationTheSectionSaysSo) {
  scenario::Scenario s = testing::sample_scenario();
  design::Plan p = testing::sample_plan(s);
  std::string bare = render_plan_report(s, p);
  EXPECT_EQ(bare.find("id=\"sim-delivery\""), std::string::npos);
  EXPECT_NE(bare.find("No simulation results were given"), std::string::npos);
  EXPECT_TRUE(page_json(bare)["sim"].is_null());
}

TEST(ReportCompare, DeltasFollowThePlans) {
  scenario::Scenario s = testing::sample_scenario();
  design::Plan base = testing::sample_plan(s);
  design::Plan ayagoz = testing::sample_plan(s, "ayagoz");
  std::string html = render_compare_report(s, {{"base", &base}, {"ayagoz", &ayagoz}});
  nlohmann::json data = page_json(html);
  ASSERT_EQ(data["plans"].size(), 2u);
  EXPECT_EQ(data["plans"][1]["plan"], nlohmann::json(ayagoz));
  ASSERT_EQ(data["deltas"].size(), 1u);
  const auto& d = data["deltas"][0];
  EXPECT_EQ(d["variant"]["total_cost_per_year"].get<double>(), ayagoz.objective);
  for (const auto& c : d["crossings"]) {
    auto id = c["crossing"].get<std::string>();
    auto flow = [&](const design::Plan& p) {
      for (const auto& x : p.crossings) {
        if (x.crossing == id) return x.flow_parcels_per_day;
      }
      return 0.0;
    };
    EXPECT_EQ(c["base_flow"].get<double>(), flow(base)) << id;
    EXPECT_EQ(c["flow"].get<double>(), flow(ayagoz)) << id;
  }
  ASSERT_EQ(d["sites"].size(), 1u);
  EXPECT_EQ(d["sites"][0]["site"], "karaganda");
  EXPECT_EQ(d["sites"][0]["change"], "opened");
  EXPECT_FALSE(d["segments"].empty());
  // Both variants' KPI blocks are in the HTML; the selector has one button per plan.
  EXPECT_EQ(count(html, "data-kpi=\"total_cost\""), 2u);
  EXPECT_EQ(count(html, "data-select="), 2u);
  EXPECT_NE(html.find("<tr data-delta=\"ayagoz\">"), std::string::npos);
}

}  // namespace
}  // namespace corridor::report
