// corridor plan: solve the network design of a scenario (or an OR-Library instance),
// print a summary, write plan.json and the CSV tables.

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "check_sim.hpp"
#include "commands.hpp"
#include "corridor/core/output.hpp"
#include "corridor/core/text.hpp"
#include "corridor/design.hpp"
#include "corridor/error.hpp"
#include "corridor/report.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim.hpp"
#include "progress_fd.hpp"

namespace corridor::cli {

namespace {

using core::grouped;
std::string money(double v) { return grouped(v); }
std::string count(double v) { return grouped(v); }

std::string percent_gap(double gap) {
  return std::isfinite(gap) ? fmt::format("{:.4f}%", 100.0 * gap) : std::string("unknown");
}

struct PlanArgs {
  std::string folder;
  std::string variant;
  std::string out = "out";
  std::string lang = "en";  // report.html
  std::optional<double> time_limit;
  std::optional<double> gap;  // PlanOptions' default when not given
  int threads = design::PlanOptions{}.threads;
  int alternatives = design::PlanOptions{}.alternatives;
  bool single_sourcing = false;
  std::optional<int> max_open;
  std::string export_lp;
  bool json = false;
  std::string orlib;
  std::optional<double> capacity;
  bool congestion = false;
  bool check_sim = false;
  double on_time_target = 0.95;
  int check_rounds = CheckSimOptions{}.max_rounds;
  int sim_days = 365;
  int sim_warmup = 30;
  int sim_replications = 2;
  std::uint64_t sim_seed = 1;
  std::string lanes;                // CROSSING=MIN..MAX
  std::optional<double> lane_cost;  // per lane and year
  std::shared_ptr<ProgressFd> progress = std::make_shared<ProgressFd>();
};

void print_summary(const design::Plan& p) {
  const std::string& cur = p.currency;
  std::printf("plan %s%s: %s, gap %s, %.1f s, %lld nodes\n",
              p.scenario.c_str(),
              p.variant.empty() ? " (base)" : (" variant " + p.variant).c_str(),
              design::to_string(p.status).c_str(),
              percent_gap(p.gap).c_str(),
              p.solve_seconds,
              p.nodes);
  std::printf("total cost %s %s/year, %s %s per delivered parcel\n",
              money(p.objective).c_str(),
              cur.c_str(),
              fmt::format("{:.2f}", p.cost_per_parcel).c_str(),
              cur.c_str());
  std::printf("demand %s parcels/day, delivered %s, unmet %s\n",
              count(p.demand_per_day).c_str(),
              count(p.delivered_per_day).c_str(),
              count(p.unmet_per_day).c_str());

  std::printf("\nwarehouses open: %zu\n", p.warehouses.size());
  for (const auto& w : p.warehouses)
    std::printf(
        "  %-16s %-4s capacity %9s/day  throughput %9s/day  utilisation %5.1f%%  %zu zone%s%s\n",
        w.site.c_str(),
        w.size.c_str(),
        count(w.capacity_per_day).c_str(),
        count(w.throughput_per_day).c_str(),
        100.0 * w.utilisation,
        w.zones.size(),
        w.zones.size() == 1 ? "" : "s",
        w.existing ? "  (existing)" : "");

  double total = 0.0;
  std::map<std::string, double> by_mode;
  for (const auto& x : p.crossings) {
    total += x.flow_parcels_per_day;
    by_mode[x.mode] += x.flow_parcels_per_day;
  }
  std::printf("\ncrossings (flow share of %s parcels/day):\n", count(total).c_str());
  for (const auto& x : p.crossings) {
    const std::string unit = x.mode == "rail" ? "containers" : "trucks";
    std::printf("  %-18s %-4s %-9s %5.1f%%  %9s parcels/day = %7.1f %s/day  utilisation %5.1f%%",
                x.crossing.c_str(),
                x.mode.c_str(),
                x.usable ? x.status.c_str() : (x.status + "*").c_str(),
                total > 0 ? 100.0 * x.flow_parcels_per_day / total : 0.0,
                count(x.flow_parcels_per_day).c_str(),
                x.flow_units_per_day,
                unit.c_str(),
                100.0 * x.utilisation);
    if (x.shadow_price_per_unit_day > 1e-6)
      std::printf("  +1 %s/day saves %s %s/year",
                  unit.substr(0, unit.size() - 1).c_str(),
                  money(x.shadow_price_per_unit_day).c_str(),
                  cur.c_str());
    std::printf("\n");
  }
  std::printf("  by mode:");
  for (const auto& [mode, f] : by_mode)
    std::printf(" %s %.1f%%", mode.c_str(), total > 0 ? 100.0 * f / total : 0.0);
  std::printf("   (* = not usable in this scenario)\n");

  if (p.congestion.modelled) {
    const auto& c = p.congestion;
    std::printf(
        "\ncongestion (M/G/c queues, value of time %s %s per parcel-hour; %d rounds, %d cuts):\n",
        fmt::format("{:g}", c.value_of_time_per_parcel_hour).c_str(),
        cur.c_str(),
        c.rounds,
        c.cuts);
    for (const auto& x : c.crossings) {
      if (x.flow_parcels_per_day <= 0.0) continue;
      std::printf(
          "  %-18s %9s parcels/day  servers busy %6.2f%%  predicted wait %6.2f h  %s %s/year\n",
          x.crossing.c_str(),
          count(x.flow_parcels_per_day).c_str(),
          100.0 * x.utilisation,
          x.predicted_wait_hours,
          money(x.wait_cost_per_year).c_str(),
          cur.c_str());
    }
    std::printf("  waiting costs %s %s/year (in the total)\n",
                money(c.wait_cost_per_year).c_str(),
                cur.c_str());
    for (const auto& w : c.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  }

  int late = 0;
  for (const auto& z : p.zones)
    if (z.late) {
      if (late++ == 0) std::printf("\nzones served late:\n");
      std::printf("  %-16s %.2f days for a %.2f-day promise\n",
                  z.zone.c_str(),
                  z.delivery_days,
                  z.promise_days);
    }
  if (p.unmet.empty()) {
    std::printf("\nall demand served within its promise\n");
  } else {
    std::printf("\nunmet demand:\n");
    for (const auto& u : p.unmet)
      std::printf("  %-16s %-7s %9s parcels/day  %s%s\n",
                  u.zone.c_str(),
                  u.part.c_str(),
                  count(u.parcels_per_day).c_str(),
                  u.reason.c_str(),
                  u.binding.empty() ? "" : (" (" + u.binding + ")").c_str());
  }
}

// "+A,+B -C D:M>L": sites opened, closed and resized against the best plan.
std::string sites_differ(const design::PlanAlternative& a) {
  std::string s;
  auto add = [&s](const std::string& part) { s += (s.empty() ? "" : " ") + part; };
  for (const auto& id : a.sites_opened) add("+" + id);
  for (const auto& id : a.sites_closed) add("-" + id);
  for (const auto& c : a.sizes_changed) add(c.site + ":" + c.from + ">" + c.to);
  return s.empty() ? std::string("-") : s;
}

std::string crossings_differ(const design::PlanAlternative& a) {
  std::string s;
  auto add = [&s](const std::string& part) { s += (s.empty() ? "" : " ") + part; };
  for (const auto& id : a.crossings_now_used) add("+" + id);
  for (const auto& id : a.crossings_now_unused) add("-" + id);
  if (s.empty() && !a.crossings_changed.empty())
    s = fmt::format("same crossings, {} with other flows", a.crossings_changed.size());
  return s.empty() ? std::string("same crossing flows") : s;
}

// The K best plans, one line each: what a planner weighs against the best.
void print_alternatives(const design::Plan& p, int asked) {
  if (asked <= 1) return;
  std::printf(
      "\nthe %zu best plans (asked for %d; %s):\n",
      p.alternatives.size() + 1,
      asked,
      p.status == design::SolveStatus::kOptimal
          ? "proven: any other open set costs more than the last, or is one of these\n  with "
            "extra sites or larger sizes"
          : "not proven: the time limit stopped the search");
  std::printf("  %4s %18s %9s  %-34s %s\n", "rank", "cost/year", "gap", "sites", "crossings");
  std::printf("  %4d %18s %9s  %-34s %s\n", 1, money(p.objective).c_str(), "best", "", "");
  for (const auto& a : p.alternatives)
    std::printf("  %4d %18s %8.4f%%  %-34s %s\n",
                a.rank,
                money(a.objective).c_str(),
                100.0 * a.gap_to_best,
                sites_differ(a).c_str(),
                crossings_differ(a).c_str());
  std::printf("  (+ opened, - closed against the best plan; SITE:FROM>TO resized)\n");
}

// A few warnings in full, then a count: `corridor validate` lists them all.
void print_warnings(const scenario::Scenario& s, const std::string& folder) {
  constexpr std::size_t kShown = 3;
  for (std::size_t i = 0; i < s.warnings.size() && i < kShown; ++i)
    std::fprintf(stderr, "%s\n", s.warnings[i].to_string().c_str());
  if (s.warnings.size() > kShown)
    std::fprintf(stderr,
                 "... and %zu more warnings (corridor validate %s lists them)\n",
                 s.warnings.size() - kShown,
                 folder.c_str());
}

// A solve that found no plan: say so, write nothing.
int report_no_plan(const design::Plan& p, const std::string& what) {
  if (p.status == design::SolveStatus::kInfeasible)
    std::fprintf(stderr,
                 "corridor plan: %s: infeasible: no plan exists (proven in %.1f s); nothing "
                 "written\n",
                 what.c_str(),
                 p.solve_seconds);
  else
    std::fprintf(stderr,
                 "corridor plan: %s: no_solution: the time limit came before any plan (lower "
                 "bound %s after %.1f s); nothing written\n",
                 what.c_str(),
                 std::isfinite(p.lower_bound) ? money(p.lower_bound).c_str() : "none",
                 p.solve_seconds);
  return exit_code_of(design::to_string(p.status));
}

design::PlanOptions options_of(const PlanArgs& a) {
  design::PlanOptions o;
  if (a.time_limit) o.time_limit_seconds = *a.time_limit;
  o.gap = a.gap ? *a.gap : design::PlanOptions{}.gap;
  o.single_sourcing = a.single_sourcing;
  o.max_open = a.max_open;
  o.threads = a.threads;
  o.alternatives = a.alternatives;
  o.progress = &std::cerr;
  o.on_progress = a.progress->callback();
  o.congestion.enabled = a.congestion;
  return o;
}

void print_round(const CheckRound& k, const std::string& cur) {
  std::printf("check-sim round %d: cost %s %s/year, simulated on time %.1f%%, p95 %.2f d\n",
              k.round,
              money(k.cost).c_str(),
              cur.c_str(),
              100.0 * k.on_time,
              k.p95_days);
  for (const auto& x : k.crossings)
    std::printf("  %-18s servers busy %6.2f%%  wait predicted %6.2f h  simulated %6.2f ± %.2f h\n",
                x.crossing.c_str(),
                100.0 * x.utilisation,
                x.predicted_wait_hours,
                x.simulated_wait_hours,
                x.simulated_wait_ci95);
  for (const auto& z : k.zones)
    if (z.simulated_p95_days > z.promise_days)
      std::printf(
          "  zone %-14s p95 planned %.2f d, simulated %.2f d, promise %g d (%.1f%% on time)\n",
          z.zone.c_str(),
          z.planned_days,
          z.simulated_p95_days,
          z.promise_days,
          100.0 * z.simulated_on_time);
  for (const auto& adj : k.adjustments) std::printf("  next: %s\n", adj.c_str());
}

int run_check_sim(const PlanArgs& a, const scenario::Scenario& s, const design::PlanOptions& o) {
  if (!(a.on_time_target > 0.0 && a.on_time_target <= 1.0) || a.check_rounds < 1)
    throw InputError({Diagnostic{ErrorCode::kBadOption,
                                 Severity::kError,
                                 "options",
                                 0,
                                 0,
                                 "on-time-target",
                                 fmt::format("must be in (0, 1] with --check-rounds >= 1 (got {} "
                                             "and {})",
                                             a.on_time_target,
                                             a.check_rounds)}});
  CheckSimOptions c;
  c.target = a.on_time_target;
  c.max_rounds = a.check_rounds;
  c.sim.days = a.sim_days;
  c.sim.warmup_days = a.sim_warmup;
  c.sim.replications = a.sim_replications;
  c.sim.seed = a.sim_seed;
  const CheckSimResult r = check_sim(s, o, c);
  if (!design::has_plan(r.blind)) return report_no_plan(r.blind, a.folder);
  if (r.rounds.empty()) {
    std::fprintf(stderr, "corridor plan: %s\n", r.verdict.c_str());
    return kExitNoSolution;
  }
  const std::string& cur = r.plan.currency;
  std::printf("check-sim blind plan: cost %s %s/year, simulated on time %.1f%%, p95 %.2f d\n",
              money(r.blind.objective).c_str(),
              cur.c_str(),
              100.0 * r.blind_sim.overall.on_time_share.mean,
              r.blind_sim.overall.p95_days.mean);
  for (const auto& k : r.rounds) print_round(k, cur);
  core::OutputSet out(a.out);
  design::add_plan_outputs(r.plan, out);
  sim::add_outputs(r.sim, out);
  out.add("check_sim.json", check_sim_json(r, c.target).dump(2) + "\n");
  const sim::SimResult shown = sim::as_written(r.sim);
  out.add("report.html", report::render_plan_report(s, r.plan, &shown, &r.blind, lang_of(a.lang)));
  out.publish();
  std::printf("\n");
  print_summary(r.plan);
  std::printf("\nprice of reliability: %s %s/year (congestion-aware %s against blind %s)\n",
              money(r.plan.objective - r.blind.objective).c_str(),
              cur.c_str(),
              money(r.plan.objective).c_str(),
              money(r.blind.objective).c_str());
  if (r.met)
    std::printf("check-sim: %s\n", r.verdict.c_str());
  else
    std::fprintf(stderr, "warning: check-sim: %s\n", r.verdict.c_str());
  std::printf(
      "written: %s/{plan.json,warehouses.csv,crossings.csv,flows.csv,zones.csv,unmet.csv,"
      "sim.json,timeseries.csv,check_sim.json,report.html}\n",
      a.out.c_str());
  return exit_code_of(design::to_string(r.plan.status));
}

// "CROSSING=MIN..MAX" -> LaneOptions; false when malformed.
bool parse_lanes(const std::string& spec, design::LaneOptions& l) {
  const auto eq = spec.rfind('=');
  const auto dots = spec.find("..", eq == std::string::npos ? 0 : eq);
  if (eq == std::string::npos || eq == 0 || dots == std::string::npos) return false;
  l.crossing = spec.substr(0, eq);
  try {
    std::size_t n1 = 0, n2 = 0;
    const std::string lo = spec.substr(eq + 1, dots - eq - 1), hi = spec.substr(dots + 2);
    l.min_lanes = std::stoi(lo, &n1);
    l.max_lanes = std::stoi(hi, &n2);
    return n1 == lo.size() && n2 == hi.size();
  } catch (const std::exception&) {
    return false;
  }
}

// Every problem of --lanes / --lane-cost at once (E503), before anything is solved.
design::LaneOptions lane_options_of(const PlanArgs& a,
                                    const scenario::Scenario& s,
                                    const design::PlanOptions& o) {
  std::vector<Diagnostic> errors;
  auto bad = [&](const std::string& field, std::string msg) {
    errors.push_back(Diagnostic{
        ErrorCode::kBadOption, Severity::kError, "options", 0, 0, field, std::move(msg)});
  };
  design::LaneOptions l;
  const bool parsed = parse_lanes(a.lanes, l);
  if (!parsed)
    bad("lanes",
        fmt::format("expected CROSSING=MIN..MAX (e.g. NUR_ZHOLY_ROAD=174..176), got '{}'",
                    a.lanes));
  if (!a.lane_cost)
    bad("lane-cost", "--lanes needs --lane-cost USD_PER_LANE_YEAR");
  else
    l.cost_per_lane_year = *a.lane_cost;
  if (a.check_sim || !a.export_lp.empty())
    bad("lanes", "--lanes cannot be combined with --check-sim or --export-lp");
  if (parsed) {
    if (!a.lane_cost) l.cost_per_lane_year = 0.0;
    auto more = design::check_lane_options(s, o, l);
    errors.insert(errors.end(), more.begin(), more.end());
  } else if (!o.congestion.enabled) {
    bad("lanes", "lanes are chosen against the queue at the crossing: needs --congestion");
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  return l;
}

void print_lanes(const design::LaneChoice& c, const std::string& cur) {
  std::printf("lanes at %s (crossings.csv: %d servers; %s %s per lane and year):\n",
              c.crossing.c_str(),
              c.scenario_servers,
              money(c.cost_per_lane_year).c_str(),
              cur.c_str());
  std::printf("  %5s %16s %14s %16s %9s %10s  %s\n",
              "lanes",
              "plan cost",
              "lane cost",
              "total",
              "wait, h",
              "busy",
              "status");
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const auto& r = c.rows[i];
    std::printf("  %5d %16s %14s %16s %9.2f %9.2f%%  %s%s\n",
                r.lanes,
                r.has_plan ? money(r.plan_cost).c_str() : "-",
                money(r.lane_cost).c_str(),
                r.has_plan ? money(r.total).c_str() : "-",
                r.predicted_wait_hours,
                100.0 * r.utilisation,
                design::to_string(r.status).c_str(),
                static_cast<int>(i) == c.chosen ? "  <- chosen" : "");
  }
}

int run_lanes(const PlanArgs& a, const scenario::Scenario& s, const design::PlanOptions& o) {
  const design::LaneOptions l = lane_options_of(a, s, o);
  const design::LaneChoice c = design::plan_lanes(s, o, l);
  if (c.chosen < 0) {
    std::fprintf(stderr,
                 "corridor plan: %s: no lane count in %d..%d at %s gave a plan (last: %s); "
                 "nothing written\n",
                 a.folder.c_str(),
                 l.min_lanes,
                 l.max_lanes,
                 l.crossing.c_str(),
                 design::to_string(c.rows.back().status).c_str());
    return exit_code_of(design::to_string(c.rows.back().status));
  }
  const int lanes = c.rows[c.chosen].lanes;
  core::OutputSet out(a.out);
  design::add_plan_outputs(c.plan, out);
  design::add_lane_outputs(c, out);
  out.add("report.html",
          report::render_plan_report(
              design::with_lanes(s, l.crossing, lanes), c.plan, nullptr, nullptr, lang_of(a.lang)));
  out.publish();
  print_lanes(c, c.plan.currency);
  std::printf("\nthe plan with %d lanes at %s:\n", lanes, c.crossing.c_str());
  print_summary(c.plan);
  if (!c.proven)
    std::fprintf(stderr,
                 "warning: not every lane count's plan is proven optimal (see status): the "
                 "choice holds within their gaps only\n");
  std::printf(
      "\nwritten: %s/{plan.json,warehouses.csv,crossings.csv,flows.csv,zones.csv,unmet.csv,"
      "lanes.csv,report.html}\n",
      a.out.c_str());
  return c.proven ? kExitOk : exit_code_of(design::to_string(c.plan.status));
}

int run_plan_body(const PlanArgs& a) {
  const design::PlanOptions o = options_of(a);
  if (!a.orlib.empty() && !a.folder.empty()) {
    std::fprintf(stderr,
                 "corridor plan: give a scenario folder or --orlib FILE, not both (got %s and "
                 "--orlib %s)\n",
                 a.folder.c_str(),
                 a.orlib.c_str());
    return kExitUsage;
  }
  if (!a.orlib.empty() && (!a.lanes.empty() || a.lane_cost)) {
    std::fprintf(stderr, "corridor plan: --lanes applies to a scenario folder, not --orlib\n");
    return kExitUsage;
  }
  if (!a.orlib.empty()) {
    const design::Plan p = design::plan_orlib(a.orlib, a.capacity, o);
    if (!design::has_plan(p)) return report_no_plan(p, a.orlib);
    std::printf("%s: %s, objective %.6f, lower bound %.6f, gap %s, %zu facilities open\n",
                a.orlib.c_str(),
                design::to_string(p.status).c_str(),
                p.objective,
                p.lower_bound,
                percent_gap(p.gap).c_str(),
                p.warehouses.size());
    for (const auto& alt : p.alternatives)
      std::printf("  rank %d: objective %.6f (+%.4f%%), %zu facilities open\n",
                  alt.rank,
                  alt.objective,
                  100.0 * alt.gap_to_best,
                  alt.warehouses.size());
    core::OutputSet out(a.out);
    design::add_plan_outputs(p, out);
    out.publish();
    std::printf("written: %s/plan.json\n", a.out.c_str());
    return exit_code_of(design::to_string(p.status));
  }
  if (a.folder.empty()) {
    std::fprintf(stderr, "corridor plan: give a scenario folder or --orlib FILE\n");
    return kExitUsage;
  }
  const scenario::Scenario s = scenario::load(a.folder, a.variant);
  a.progress->report(0.05, "scenario loaded");
  print_warnings(s, a.folder);
  if (!a.lanes.empty() || a.lane_cost) return run_lanes(a, s, o);
  if (!a.export_lp.empty()) {
    std::ostringstream lp;
    design::export_lp(s, o, lp);
    core::publish_file(a.export_lp, lp.str());
    std::printf("written: %s (CPLEX LP; not solved)\n", a.export_lp.c_str());
    return kExitOk;
  }
  if (a.check_sim && a.alternatives != 1)  // refused before the blind plan is solved
    throw InputError({Diagnostic{ErrorCode::kBadOption,
                                 Severity::kError,
                                 "options",
                                 0,
                                 0,
                                 "alternatives",
                                 fmt::format("{} best plans are not offered with --check-sim: it "
                                             "plans with congestion (ask for 1 plan)",
                                             a.alternatives)}});
  if (a.check_sim) return run_check_sim(a, s, o);
  const design::Plan p = design::plan(s, o);
  if (!design::has_plan(p)) return report_no_plan(p, a.folder);
  core::OutputSet out(a.out);
  design::add_plan_outputs(p, out);
  out.add("report.html", report::render_plan_report(s, p, nullptr, nullptr, lang_of(a.lang)));
  out.publish();
  if (a.json) {
    std::printf("%s\n", nlohmann::json(p).dump(2).c_str());
  } else {
    print_summary(p);
    print_alternatives(p, a.alternatives);
    std::printf(
        "\nwritten: %s/{plan.json,warehouses.csv,crossings.csv,flows.csv,zones.csv,unmet.csv,"
        "report.html}\n",
        a.out.c_str());
  }
  return exit_code_of(design::to_string(p.status));
}

int run_plan(const PlanArgs& a) {
  a.progress->check();
  const int code = run_plan_body(a);
  if (code == kExitOk || code == kExitTimeLimit) a.progress->report(1.0, "written");
  return code;
}

}  // namespace

Runner add_plan(CLI::App& app) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan",
      "Choose warehouse sites and sizes and route the flow at least annual cost within\n"
      "capacities and delivery promises; exact (optimal, or best with an honest gap).");
  cmd->add_option("DIR", args->folder, "scenario folder");
  cmd->add_option("--variant", args->variant, "apply this variant of the manifest");
  cmd->add_option("--out", args->out, "output folder (plan.json + CSV tables)")
      ->capture_default_str();
  add_lang_option(*cmd, args->lang, "report.html");
  cmd->add_option("--time-limit", args->time_limit, "stop after S seconds with the best plan")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--gap",
                  args->gap,
                  fmt::format("stop once the plan is proven within this relative gap [{}]",
                              design::PlanOptions{}.gap))
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads",
                  args->threads,
                  "solver threads; the plan is the same for any count (only how far a\n"
                  "--time-limit gets depends on speed)")
      ->capture_default_str();
  cmd->add_option("--alternatives",
                  args->alternatives,
                  fmt::format("also find the 2nd..K-th best distinct open sets (sites, sizes),\n"
                              "proven; in plan.json, the summary and the report (K in 1..{}; "
                              "not\nwith --single-sourcing or --congestion)",
                              design::kMaxAlternatives))
      ->capture_default_str();
  cmd->add_flag("--single-sourcing", args->single_sourcing, "one warehouse per zone");
  cmd->add_option("--max-open", args->max_open, "at most N open warehouses")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--export-lp", args->export_lp, "write the model as CPLEX LP and exit");
  cmd->add_flag("--congestion",
                args->congestion,
                "model the queue at each crossing (M/G/c wait as cost and against promises)");
  cmd->add_flag("--check-sim",
                args->check_sim,
                "plan with congestion, simulate it, calibrate and re-plan until the simulated\n"
                "on-time share reaches --on-time-target (bounded rounds, each reported)");
  cmd->add_option("--on-time-target", args->on_time_target, "on-time share --check-sim aims at")
      ->capture_default_str();
  cmd->add_option("--check-rounds", args->check_rounds, "at most N plan-simulate rounds")
      ->capture_default_str();
  cmd->add_option("--sim-days", args->sim_days, "--check-sim: measured days per simulation")
      ->capture_default_str();
  cmd->add_option("--sim-warmup", args->sim_warmup, "--check-sim: warm-up days")
      ->capture_default_str();
  cmd->add_option("--sim-replications", args->sim_replications, "--check-sim: replications")
      ->capture_default_str();
  cmd->add_option("--sim-seed", args->sim_seed, "--check-sim: simulation seed")
      ->capture_default_str();
  cmd->add_option("--lanes",
                  args->lanes,
                  "with --congestion: choose the number of servers at crossing CROSSING among\n"
                  "MIN..MAX, solving one plan per count (CROSSING=MIN..MAX; writes lanes.csv)");
  cmd->add_option("--lane-cost", args->lane_cost, "--lanes: cost of one lane per year");
  cmd->add_flag("--json", args->json, "print plan.json to stdout instead of the summary");
  args->progress->add_option(cmd);
  cmd->add_option("--orlib", args->orlib, "solve a Beasley OR-Library CFLP file instead");
  cmd->add_option("--capacity", args->capacity, "capacity for capa/capb/capc files")
      ->check(CLI::PositiveNumber);
  return [args] { return run_plan(*args); };
}

}  // namespace corridor::cli
