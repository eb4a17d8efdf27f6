// Writes the sample plan report and the sample comparison report (built in code by
// tests/unit/report/sample_plan.cpp) into a folder, for the browser test.
// Usage: make_sample_report OUT_DIR
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "corridor/report.hpp"
#include "sample_plan.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_sample_report OUT_DIR\n");
    return 2;
  }
  using namespace corridor;
  std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  scenario::Scenario s = report::testing::sample_scenario();
  design::Plan base = report::testing::sample_plan(s);
  design::Plan ayagoz = report::testing::sample_plan(s, "ayagoz");
  // A small sim.json in the documented shape, so the charts are drawn too.
  nlohmann::json sim = {{"kpis", {{"mean_delivery_days", 2.9}, {"p95_delivery_days", 5.1}}},
                        {"delivery_days_histogram", nlohmann::json::array()},
                        {"crossing_queues", nlohmann::json::array()}};
  const double counts[] = {120, 2400, 9800, 11200, 6100, 2300, 900, 400, 150, 60};
  for (int i = 0; i < 10; ++i) {
    sim["delivery_days_histogram"].push_back({{"lo", i}, {"hi", i + 1}, {"parcels", counts[i]}});
  }
  for (const char* c : {"khorgos_rail", "dostyk_rail", "khorgos_road"}) {
    nlohmann::json series = nlohmann::json::array();
    for (int d = 0; d < 60; ++d) {
      double peak = (d >= 40 && d <= 44) ? 30.0 : 0.0;
      series.push_back(
          {{"day", d}, {"queue", 5.0 + (d * 7 % 11) + peak * (c[0] == 'k' ? 1 : 0.5)}});
    }
    sim["crossing_queues"].push_back({{"crossing", c}, {"series", series}});
  }
  report::write_report(out / "plan_report.html", report::render_plan_report(s, base, &sim));
  report::write_report(out / "compare_report.html",
                       report::render_compare_report(s, {{"base", &base}, {"ayagoz", &ayagoz}}));
  return 0;
}
