// corridor simulate DIR [--variant V] [--plan plan.json] [--days N] [--warmup D]
//   [--replications R] [--seed S] [--threads T] [--out DIR] ...
// Simulates a plan (read from --plan, or solved first) parcel by parcel, prints the
// KPIs and writes sim.json + timeseries.csv (docs/simulation.md).

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "corridor/core/artefact.hpp"
#include "corridor/core/output.hpp"
#include "corridor/design.hpp"
#include "corridor/error.hpp"
#include "corridor/plan.hpp"
#include "corridor/report.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim.hpp"
#include "progress_fd.hpp"

namespace corridor::cli {
namespace {

struct SimArgs {
  std::string folder;
  std::string variant;
  std::string plan;
  std::string out = "out";
  std::string lang;  // report.html; empty: the language of the one it rewrites
  sim::SimOptions o;
  std::string service = "exponential";
  bool quiet = false;
  ProgressFd progress;
};

// The plan of --plan: a corridor.plan/2 file with a plan in it, made for this very
// scenario and variant (same fingerprint).
design::Plan load_plan_for(const std::string& path, const scenario::Scenario& s) {
  design::Plan p = design::load_plan(path);
  check_made_for(
      ArtefactHeader{"", p.corridor_version, p.scenario, p.variant, p.scenario_fingerprint},
      scenario::fingerprint(s),
      s.name,
      s.variant,
      path);
  if (!design::has_plan(p))
    throw InputError(
        {Diagnostic{ErrorCode::kBadPlanFile,
                    Severity::kError,
                    path,
                    0,
                    0,
                    "status",
                    "the solve found no plan to simulate (got \"" + design::to_string(p.status) +
                        "\", expected optimal or time_limit)"}});
  return p;
}

// The simulator names the plan "plan" in its diagnostics; name the file instead.
[[noreturn]] void rethrow_located(const InputError& e, const std::string& path) {
  std::vector<Diagnostic> ds = e.diagnostics();
  for (auto& d : ds)
    if (d.file == "plan") d.file = path;
  throw InputError(std::move(ds));
}

// The report in the output folder gets the simulation section only when it is the
// report of this very plan: the folder's plan.json is the plan simulated. A comparison
// report, or the report of another plan, is never overwritten.
// The language of the report.html in `dir` (its <html lang>), so that adding the
// simulation section keeps the page in the language it was written in; en if unknown.
core::Lang language_of_report(const std::string& dir) {
  std::ifstream in(dir + "/report.html");
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  const std::string tag = "<html lang=\"";
  const auto at = head.find(tag);
  if (at == std::string::npos) return core::Lang::kEn;
  return core::parse_lang(head.substr(at + tag.size(), 2)).value_or(core::Lang::kEn);
}

bool report_is_of_plan(const std::string& dir, const design::Plan& plan, std::string& why) {
  const std::string plan_path = dir + "/plan.json";
  if (std::ifstream(dir + "/compare.json").good()) {
    why = "the folder holds a comparison";
    return false;
  }
  if (!std::ifstream(dir + "/report.html").good()) {
    why = "no report.html there";
    return false;
  }
  try {
    nlohmann::json folder_plan = design::load_plan(plan_path);
    nlohmann::json simulated = plan;
    folder_plan.erase("solve_seconds");
    simulated.erase("solve_seconds");
    if (folder_plan == simulated) return true;
    why = plan_path + " is another plan";
  } catch (const InputError&) {
    why = "no readable plan.json there";
  }
  return false;
}

design::Plan solve_plan(const scenario::Scenario& s, ProgressFd& progress) {
  std::fprintf(stderr, "corridor simulate: no --plan given: solving the plan first\n");
  design::PlanOptions po;
  po.progress = &std::cerr;
  // The solve takes the first 30% of the bar.
  if (progress.enabled())
    po.on_progress = [&progress](double f, std::string_view m) { progress.report(0.3 * f, m); };
  return design::plan(s, po);
}

std::string fmt_stat(const sim::Stat& s, int digits) {
  return s.ci95 > 0 ? fmt::format("{:.{}f} ± {:.{}f}", s.mean, digits, s.ci95, digits)
                    : fmt::format("{:.{}f}", s.mean, digits);
}

void print_summary(const sim::SimResult& r) {
  std::printf("simulate %s%s: %d days from %s after %d warm-up days, %d replication%s, seed %llu\n",
              r.scenario.c_str(),
              r.variant.empty() ? "" : (" variant " + r.variant).c_str(),
              r.days,
              r.start_date.c_str(),
              r.warmup_days,
              r.replications,
              r.replications == 1 ? "" : "s",
              static_cast<unsigned long long>(r.seed));
  std::printf(
      "orders %.0f: delivered %.0f, to door %.0f, at warehouse %.0f, backordered %.0f,\n"
      "  at hub %.0f, to crossing %.0f, at crossing %.0f, unserved %.0f\n",
      r.created.mean,
      r.delivered.mean,
      r.to_door.mean,
      r.at_warehouse.mean,
      r.backordered.mean,
      r.at_hub.mean,
      r.to_crossing.mean,
      r.at_crossing.mean,
      r.unserved.mean);
  const auto& o = r.overall;
  std::printf(
      "delivery days: mean %s, p50 %s, p90 %s, p95 %s, p99 %s; on time %s%%\n",
      fmt_stat(o.mean_days, 2).c_str(),
      fmt_stat(o.p50_days, 2).c_str(),
      fmt_stat(o.p90_days, 2).c_str(),
      fmt_stat(o.p95_days, 2).c_str(),
      fmt_stat(o.p99_days, 2).c_str(),
      fmt_stat(sim::Stat{100 * o.on_time_share.mean, 100 * o.on_time_share.ci95, 0, 0}, 1).c_str());
  std::printf("\n%-20s %-4s %9s %9s %12s %10s %8s %9s\n",
              "crossing",
              "mode",
              "units/day",
              "plan u/d",
              "wait h",
              "queue",
              "q max",
              "util open");
  for (const auto& x : r.crossings)
    std::printf("%-20s %-4s %9.1f %9.1f %12s %10s %8.0f %8.1f%%\n",
                x.crossing.c_str(),
                x.mode.c_str(),
                x.units_per_day.mean,
                x.corridor_units_per_day.mean,
                fmt_stat(x.wait_hours_mean, 2).c_str(),
                fmt_stat(x.queue_mean, 1).c_str(),
                x.queue_max.mean,
                100 * x.utilisation_open.mean);
  std::printf(
      "(util open: busy lanes / (lanes x open hours); service running past closing time can "
      "take it above 100%%)\n");
  if (!r.sites.empty()) {
    std::printf("\n%-20s %10s %10s %12s %10s %8s\n",
                "warehouse",
                "orders/d",
                "fill rate",
                "stock-outs",
                "out days",
                "picks");
    for (const auto& s : r.sites)
      std::printf("%-20s %10.0f %9.2f%% %12.0f %10.1f %7.1f%%\n",
                  s.site.c_str(),
                  s.orders.mean / r.days,
                  100 * s.fill_rate.mean,
                  s.backordered_orders.mean,
                  s.stockout_days.mean,
                  100 * s.pick_utilisation.mean);
  }
  std::printf("\nevents processed %.0f per replication\n", r.events.mean);
}

int run(SimArgs& a) {
  if (a.service == "exponential")
    a.o.service_distribution = sim::Distribution::kExponential;
  else if (a.service == "lognormal")
    a.o.service_distribution = sim::Distribution::kLognormal;
  else
    a.o.service_distribution = sim::Distribution::kDeterministic;
  a.progress.check();
  const scenario::Scenario s = scenario::load(a.folder, a.variant);
  for (const auto& w : s.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
  const design::Plan plan = a.plan.empty() ? solve_plan(s, a.progress) : load_plan_for(a.plan, s);
  const double sim_from = a.plan.empty() ? 0.3 : 0.0;
  if (!a.quiet)
    a.o.on_progress = [](const sim::SimProgress& p) {
      std::fprintf(stderr,
                   "\rsimulate: day %.0f of %.0f, %.1f M events/s, %.0f s elapsed   ",
                   p.simulated_days,
                   p.total_days,
                   p.elapsed_seconds > 0 ? p.events / p.elapsed_seconds / 1e6 : 0.0,
                   p.elapsed_seconds);
      std::fflush(stderr);
    };
  bool progressed = false;
  if (a.o.on_progress) {
    auto inner = a.o.on_progress;
    a.o.on_progress = [inner, &progressed](const sim::SimProgress& p) {
      progressed = true;
      inner(p);
    };
  }
  if (a.progress.enabled()) {
    // Replication x day: the days simulated, summed over the replications.
    auto inner = a.o.on_progress;
    a.o.progress_after_seconds = 0.0;
    a.o.on_progress = [inner, &a, sim_from](const sim::SimProgress& p) {
      if (inner) inner(p);
      const double f = p.total_days > 0 ? p.simulated_days / p.total_days : 0.0;
      a.progress.report(
          sim_from + (0.99 - sim_from) * f,
          fmt::format(
              "simulated {:.0f} of {:.0f} replication-days", p.simulated_days, p.total_days));
    };
  }
  sim::SimResult r;
  try {
    r = sim::simulate(s, plan, a.o);
  } catch (const InputError& e) {
    rethrow_located(e, a.plan.empty() ? std::string("plan") : a.plan);
  }
  if (progressed) std::fprintf(stderr, "\n");
  for (const auto& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  core::OutputSet out(a.out);
  sim::add_outputs(r, out);
  std::string why;
  const bool with_report = report_is_of_plan(a.out, plan, why);
  if (with_report) {
    const sim::SimResult shown = sim::as_written(r);
    out.add(
        "report.html",
        report::render_plan_report(s,
                                   plan,
                                   &shown,
                                   nullptr,
                                   a.lang.empty() ? language_of_report(a.out) : lang_of(a.lang)));
  }
  out.publish();
  a.progress.report(1.0, "written");
  print_summary(r);
  std::printf("written: %s/{sim.json,timeseries.csv%s}\n",
              a.out.c_str(),
              with_report ? ",report.html (with the simulation section)" : "");
  if (!with_report) std::printf("report.html not updated: %s\n", why.c_str());
  return kExitOk;
}

}  // namespace

Runner add_simulate(CLI::App& app) {
  auto a = std::make_shared<SimArgs>();
  auto* cmd = app.add_subcommand(
      "simulate",
      "Simulate a plan parcel by parcel (orders, stock, trains and trucks, crossing queues\n"
      "with calendars and closures); KPIs with 95% confidence intervals.");
  cmd->add_option("DIR", a->folder, "scenario folder")->required();
  cmd->add_option("--variant", a->variant, "apply this variant of the manifest");
  cmd->add_option("--plan", a->plan, "plan.json to simulate (default: solve the plan first)");
  cmd->add_option("--days", a->o.days, "measured days")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--warmup", a->o.warmup_days, "warm-up days before the measured window")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--replications", a->o.replications, "independent replications")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--seed", a->o.seed, "random seed")->capture_default_str();
  cmd->add_option("--threads", a->o.threads, "worker threads (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--out", a->out, "output folder (sim.json, timeseries.csv)")
      ->capture_default_str();
  add_lang_option(
      *cmd, a->lang, "the report.html it rewrites (default: the language that report is in)");
  cmd->add_option("--start-date",
                  a->o.start_date,
                  "first measured day, yyyy-mm-dd (default: Jan 1 of the base year)");
  cmd->add_option("--demand-scale", a->o.demand_scale, "multiply every flow of the plan")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--capacity-scale",
                  a->o.capacity_scale,
                  "multiply crossing service rates and pick capacity")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--service", a->service, "crossing processing-time distribution")
      ->check(CLI::IsMember({"exponential", "lognormal", "deterministic"}))
      ->capture_default_str();
  cmd->add_option("--truck-max-wait",
                  a->o.truck_max_wait_hours,
                  "hours a truck waits to fill before leaving")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag(
      "--no-background",
      [a](std::int64_t) { a->o.background_traffic = false; },
      "no background freight at the crossings");
  cmd->add_flag(
      "--no-peaks", [a](std::int64_t) { a->o.peaks = false; }, "ignore the scenario's peak events");
  cmd->add_flag(
      "--no-closures",
      [a](std::int64_t) { a->o.closures = false; },
      "ignore holidays, closures and capacity cuts");
  cmd->add_flag("--quiet", a->quiet, "no progress line");
  a->progress.add_option(cmd);
  return [a] { return run(*a); };
}

}  // namespace corridor::cli
