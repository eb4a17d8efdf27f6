// Writes the sample plan report and the sample comparison report (built in code by
// tests/unit/report/sample_plan.cpp, the plan report with a real simulation of the
// sample plan) into a folder, for the browser test; also the plan report in Chinese and
// the comparison in Kazakh (plan_report_zh.html, compare_report_kk.html), whose script
// takes its words from the data block's phrases.
// With a scenario folder it also solves that scenario (design::plan, design::compare over
// all its variants) and writes scenario_report.html and scenario_compare.html.
// Usage: make_sample_report OUT_DIR [SCENARIO_DIR]
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "../unit/report/sample_plan.hpp"
#include "corridor/core/output.hpp"
#include "corridor/design.hpp"
#include "corridor/report.hpp"
#include "corridor/sim.hpp"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: make_sample_report OUT_DIR [SCENARIO_DIR]\n");
    return 2;
  }
  using namespace corridor;
  std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  scenario::Scenario s = report::testing::sample_scenario();
  design::Plan base = report::testing::sample_plan(s);
  design::Plan ayagoz = report::testing::sample_plan(s, "ayagoz");
  // A real simulation of the base plan: the plan report shows it, and so does the
  // comparison (beside the base, whose variant it is).
  sim::SimResult sim = report::testing::sample_sim(s, base);
  core::publish_file(out / "plan_report.html", report::render_plan_report(s, base, &sim));
  core::publish_file(
      out / "compare_report.html",
      report::render_compare_report(s, {{"base", &base}, {"ayagoz", &ayagoz}}, &sim));
  core::publish_file(out / "plan_report_zh.html",
                     report::render_plan_report(s, base, &sim, nullptr, core::Lang::kZh));
  core::publish_file(out / "compare_report_kk.html",
                     report::render_compare_report(
                         s, {{"base", &base}, {"ayagoz", &ayagoz}}, &sim, core::Lang::kKk));
  if (argc == 3) {
    scenario::Scenario real = scenario::load(argv[2]);
    design::Plan plan = design::plan(real);
    core::publish_file(out / "scenario_report.html", report::render_plan_report(real, plan));
    design::Comparison cmp = design::compare(argv[2], {});
    core::publish_file(out / "scenario_compare.html", report::render_compare_report(real, cmp));
  }
  return 0;
}
