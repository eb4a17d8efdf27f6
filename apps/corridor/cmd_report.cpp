// corridor report DIR (--plan plan.json | --compare compare.json) [--sim sim.json]
//   [--variant V] [--out DIR]
// Regenerates report.html from artefacts written earlier, without solving or
// simulating again. Every artefact must have been made for the scenario loaded (same
// fingerprint, docs/artefacts.md); the deltas of a comparison are recomputed.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "corridor/core/artefact.hpp"
#include "corridor/core/output.hpp"
#include "corridor/design.hpp"
#include "corridor/error.hpp"
#include "corridor/report.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim.hpp"

namespace corridor::cli {
namespace {

struct ReportArgs {
  std::string folder;
  std::string variant;
  std::string plan;
  std::string compare;
  std::string sim;
  std::string out;  // default: the folder of --plan / --compare
  std::string lang = "en";
};

ArtefactHeader header_of(const design::Plan& p) {
  return {"", p.corridor_version, p.scenario, p.variant, p.scenario_fingerprint};
}

// sim.json, and the timeseries.csv beside it when there is one (the report's charts).
sim::SimResult read_sim(const std::string& path) {
  sim::SimResult r;
  sim::from_json(read_json_file(path), r, path);
  const auto csv = std::filesystem::path(path).parent_path() / "timeseries.csv";
  std::ifstream in(csv, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    sim::read_timeseries(text.str(), csv.string(), r.series);
  }
  return r;
}

void check_sim_for(const sim::SimResult& r, const scenario::Scenario& s, const std::string& path) {
  check_made_for({"", r.corridor_version, r.scenario, r.variant, r.scenario_fingerprint},
                 scenario::fingerprint(s),
                 s.name,
                 s.variant,
                 path);
}

int run_report(const ReportArgs& a) {
  if (a.plan.empty() == a.compare.empty()) {
    std::fprintf(stderr, "corridor report: give one of --plan FILE or --compare FILE\n");
    return kExitUsage;
  }
  if (!a.compare.empty() && !a.variant.empty()) {
    std::fprintf(stderr,
                 "corridor report: --variant goes with --plan (a comparison names its own "
                 "variants)\n");
    return kExitUsage;
  }
  const std::string input = a.plan.empty() ? a.compare : a.plan;
  const std::string out = !a.out.empty() ? a.out
                          : std::filesystem::path(input).has_parent_path()
                              ? std::filesystem::path(input).parent_path().string()
                              : std::string(".");
  const scenario::Scenario s = scenario::load(a.folder, a.variant);
  std::string html;
  if (!a.plan.empty()) {
    const design::Plan p = design::load_plan(a.plan);
    check_made_for(header_of(p), scenario::fingerprint(s), s.name, s.variant, a.plan);
    if (!a.sim.empty()) {
      const sim::SimResult r = read_sim(a.sim);
      check_sim_for(r, s, a.sim);
      html = report::render_plan_report(s, p, &r, nullptr, lang_of(a.lang));
    } else {
      html = report::render_plan_report(s, p, nullptr, nullptr, lang_of(a.lang));
    }
  } else {
    const design::Comparison c = design::read_comparison(read_json_file(a.compare), a.compare);
    // Each plan against its own variant of the scenario.
    for (std::size_t i = 0; i < c.plans.size(); ++i) {
      const auto& p = c.plans[i];
      const scenario::Scenario v = i == 0 ? s : scenario::load(a.folder, p.variant);
      check_made_for(header_of(p), scenario::fingerprint(v), v.name, v.variant, a.compare);
    }
    if (!a.sim.empty()) {
      // The simulation belongs to one of the compared plans: checked against its variant.
      const sim::SimResult r = read_sim(a.sim);
      check_sim_for(r, r.variant.empty() ? s : scenario::load(a.folder, r.variant), a.sim);
      html = report::render_compare_report(s, c, &r, lang_of(a.lang));
    } else {
      html = report::render_compare_report(s, c, nullptr, lang_of(a.lang));
    }
  }
  core::OutputSet set(out);
  set.add("report.html", std::move(html));
  set.publish();
  std::printf("written: %s/report.html\n", out.c_str());
  return kExitOk;
}

}  // namespace

Runner add_report(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand(
      "report",
      "Write report.html again from a plan (and its simulation) or a comparison, without\n"
      "solving or simulating; every file must have been made for this scenario.");
  cmd->add_option("DIR", a->folder, "scenario folder")->required();
  cmd->add_option("--variant", a->variant, "the variant the plan was made for");
  cmd->add_option("--plan", a->plan, "plan.json of corridor plan");
  cmd->add_option("--compare", a->compare, "compare.json of corridor compare");
  cmd->add_option("--sim", a->sim, "sim.json of corridor simulate (adds its section)");
  cmd->add_option("--out", a->out, "output folder [default: the folder of the plan/comparison]");
  add_lang_option(*cmd, a->lang, "report.html");
  return [a] { return run_report(*a); };
}

}  // namespace corridor::cli
