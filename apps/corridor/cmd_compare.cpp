// corridor compare: solve the base and its variants on one footing and print the
// differences; compare.json (with every plan) and compare.csv with --out.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "corridor/core/output.hpp"
#include "corridor/core/text.hpp"
#include "corridor/design.hpp"
#include "corridor/report.hpp"
#include "corridor/scenario.hpp"
#include "progress_fd.hpp"

namespace corridor::cli {

namespace {

using core::grouped;

std::string signed_grouped(double v) {
  const std::string g = grouped(v);
  return (g != "0" && v > 0 ? "+" : "") + g;
}

struct CompareArgs {
  std::string folder;
  std::vector<std::string> variants;
  std::string out = "out/compare";
  std::string lang = "en";  // report.html
  std::optional<double> time_limit;
  std::optional<double> gap;  // PlanOptions' default when not given
  std::shared_ptr<ProgressFd> progress = std::make_shared<ProgressFd>();
};

void print_table(const design::Comparison& c) {
  std::printf("compare %s (costs in %s per year; deltas vs base)\n\n",
              c.scenario.c_str(),
              c.currency.c_str());
  std::printf("%-22s %-10s %15s %14s %9s %8s %8s %8s %10s  %s\n",
              "variant",
              "status",
              "total cost",
              "delta",
              "per parcel",
              "delta",
              "mean d",
              "max d",
              "unmet/day",
              "open sites");
  for (const auto& r : c.rows) {
    std::string sites;
    for (const auto& s : r.open_sites) sites += (sites.empty() ? "" : " ") + s;
    const std::string delta_pp =
        r.variant.empty() ? std::string() : fmt::format("{:+.3f}", r.delta_cost_per_parcel);
    std::printf("%-22s %-10s %15s %14s %9.3f %8s %8.2f %8.2f %10s  %s\n",
                r.variant.empty() ? "base" : r.variant.c_str(),
                r.status.c_str(),
                grouped(r.total_cost).c_str(),
                r.variant.empty() ? "" : signed_grouped(r.delta_total_cost).c_str(),
                r.cost_per_parcel,
                delta_pp.c_str(),
                r.mean_delivery_days,
                r.max_delivery_days,
                grouped(r.unmet_per_day).c_str(),
                sites.c_str());
  }
  std::set<std::string> crossings;
  for (const auto& r : c.rows)
    for (const auto& [id, f] : r.crossing_flow) crossings.insert(id);
  std::printf("\nflow by crossing, parcels/day (delta vs base)\n%-22s", "crossing");
  for (const auto& r : c.rows)
    std::printf(" %20s",
                (r.variant.empty() ? std::string("base") : r.variant).substr(0, 20).c_str());
  std::printf("\n");
  for (const auto& id : crossings) {
    std::printf("%-22s", id.c_str());
    for (const auto& r : c.rows) {
      const double f = r.crossing_flow.contains(id) ? r.crossing_flow.at(id) : 0.0;
      const double d = r.delta_crossing_flow.contains(id) ? r.delta_crossing_flow.at(id) : 0.0;
      std::string cell = grouped(f);
      if (!r.variant.empty()) cell += " (" + signed_grouped(d) + ")";
      std::printf(" %20s", cell.c_str());
    }
    std::printf("\n");
  }
}

int run_compare(const CompareArgs& a) {
  a.progress->check();
  design::PlanOptions o;
  o.on_progress = a.progress->callback();
  if (a.time_limit) o.time_limit_seconds = *a.time_limit;
  if (a.gap) o.gap = *a.gap;
  o.progress = &std::cerr;
  const design::Comparison c = design::compare(a.folder, a.variants, o);
  print_table(c);
  // The worst status decides the exit code; a variant without a plan cannot be compared.
  int code = kExitOk;
  for (const auto& p : c.plans) code = std::max(code, exit_code_of(design::to_string(p.status)));
  for (std::size_t i = 0; i < c.plans.size(); ++i)
    if (!design::has_plan(c.plans[i])) {
      std::fprintf(stderr,
                   "corridor compare: %s: %s: no plan found; nothing written\n",
                   c.rows[i].variant.empty() ? "base" : c.rows[i].variant.c_str(),
                   design::to_string(c.plans[i].status).c_str());
      return code;
    }
  core::OutputSet out(a.out);
  design::add_compare_outputs(c, out);
  out.add("report.html",
          report::render_compare_report(scenario::load(a.folder), c, nullptr, lang_of(a.lang)));
  out.publish();
  a.progress->report(1.0, "written");
  std::printf("\nwritten: %s/{compare.json,compare.csv,report.html}\n", a.out.c_str());
  return code;
}

}  // namespace

Runner add_compare(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Solve the base and variants of a scenario and show the differences.");
  cmd->add_option("DIR", args->folder, "scenario folder")->required();
  cmd->add_option("--variants", args->variants, "variants to compare (default: all)")
      ->delimiter(',');
  cmd->add_option("--out", args->out, "output folder (compare.json, compare.csv, report.html)")
      ->capture_default_str();
  add_lang_option(*cmd, args->lang, "report.html");
  cmd->add_option("--time-limit", args->time_limit, "per plan, seconds")
      ->check(CLI::PositiveNumber);
  cmd->add_option(
         "--gap",
         args->gap,
         fmt::format("relative gap each plan is proven within [{}]", design::PlanOptions{}.gap))
      ->check(CLI::NonNegativeNumber);
  args->progress->add_option(cmd);
  return [args] { return run_compare(*args); };
}

}  // namespace corridor::cli
