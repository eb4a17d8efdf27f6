// Facade of the design module: scenario -> corridor model -> solver -> Plan, the
// OR-Library entry, and the comparison of variants.

#include "corridor/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "congested.hpp"
#include "corridor/core/artefact.hpp"
#include "corridor/solver/model.hpp"
#include "corridor_model.hpp"

namespace corridor::design {

namespace {

// K best plans: 1..kMaxAlternatives, and only where the solver can prove them.
void check_alternatives(const PlanOptions& o, DiagnosticSink& sink) {
  const int k = o.alternatives;
  auto bad = [&](std::string msg) {
    sink.error(ErrorCode::kBadOption, "options", 0, 0, "alternatives", std::move(msg));
  };
  if (k < 1 || k > kMaxAlternatives) {
    bad(fmt::format("must be in 1..{} (the number of plans asked for, the best included), got {}",
                    kMaxAlternatives,
                    k));
    return;
  }
  if (k == 1) return;
  if (o.single_sourcing)
    bad(fmt::format(
        "{} best plans are not offered with single sourcing: the solver ranks open sets with "
        "split zone assignments and cannot yet prove the ranking when each zone must have one "
        "warehouse (drop --single-sourcing or ask for 1 plan)",
        k));
  if (o.congestion.enabled)
    bad(fmt::format(
        "{} best plans are not offered with congestion: the congestion-aware plan comes from "
        "rounds of cuts fitted to the plan being refined, so the other open sets' waits are "
        "not modelled exactly and their ranking could not be proven (drop --congestion or ask "
        "for 1 plan)",
        k));
}

void check_options(const PlanOptions& o) {
  DiagnosticSink sink;
  if (!(o.gap >= 0.0))
    sink.error(
        ErrorCode::kBadOption, "options", 0, 0, "gap", fmt::format("must be >= 0, got {}", o.gap));
  if (!(o.time_limit_seconds > 0.0))
    sink.error(ErrorCode::kBadOption,
               "options",
               0,
               0,
               "time_limit",
               fmt::format("must be > 0, got {}", o.time_limit_seconds));
  const CongestionOptions& c = o.congestion;
  if (c.enabled && !(c.service_scv >= 0.0))
    sink.error(ErrorCode::kBadOption,
               "options",
               0,
               0,
               "service_scv",
               fmt::format("must be >= 0, got {}", c.service_scv));
  if (c.enabled && !(c.max_wait_hours > 0.0))
    sink.error(ErrorCode::kBadOption,
               "options",
               0,
               0,
               "max_wait_hours",
               fmt::format("must be > 0, got {}", c.max_wait_hours));
  for (const auto& [id, f] : c.site_capacity_share)
    if (!(f > 0.0 && f <= 1.0))
      sink.error(ErrorCode::kBadOption,
                 "options",
                 0,
                 0,
                 "site_capacity_share." + id,
                 fmt::format("must be in (0, 1], got {}", f));
  for (const auto& [id, f] : c.calibration)
    if (!(f > 0.0) || !std::isfinite(f))
      sink.error(ErrorCode::kBadOption,
                 "options",
                 0,
                 0,
                 "calibration." + id,
                 fmt::format("must be a finite number > 0, got {}", f));
  if (o.threads < 1)
    sink.error(ErrorCode::kBadOption,
               "options",
               0,
               0,
               "threads",
               fmt::format("must be >= 1, got {}", o.threads));
  check_alternatives(o, sink);
  sink.throw_if_errors();
}

// The artefact header and the solve's own request, for plan.json.
void stamp(Plan& p, std::string fingerprint, const PlanOptions& options) {
  p.scenario_fingerprint = std::move(fingerprint);
  p.corridor_version = CORRIDOR_VERSION;
  p.requested_gap = options.gap;
}

}  // namespace

Plan plan(const scenario::Scenario& s, const PlanOptions& options) {
  check_options(options);
  const auto step = [&](double f, std::string_view what) {
    if (options.on_progress) options.on_progress(f, what);
  };
  CorridorModel cm = build_corridor_model(s, options);
  step(0.1, "network and model built; solving");
  if (options.congestion.enabled) {
    const CongestionModel cg = apply_congestion(cm, options);
    CongestionResult congestion;
    const solver::Solution sol = solve_congested(cm, cg, options, congestion);
    Plan p = make_plan(cm, sol);
    p.congestion = std::move(congestion);
    stamp(p, scenario::fingerprint(s), options);
    step(0.95, "solved: " + to_string(p.status));
    return p;
  }
  const solver::Solution sol = solver::solve(cm.model, solve_options(options));
  Plan p = make_plan(cm, sol);
  stamp(p, scenario::fingerprint(s), options);
  // Each alternative is read back exactly as the best plan is, then compared with it.
  std::vector<Plan> others;
  for (const solver::Solution& alt : sol.alternatives) others.push_back(make_plan(cm, alt));
  p.alternatives = describe_alternatives(p, others);
  step(0.95, "solved: " + to_string(p.status));
  return p;
}

void export_lp(const scenario::Scenario& s, const PlanOptions& options, std::ostream& out) {
  const CorridorModel cm = build_corridor_model(s, options);
  solver::write_lp(cm.model, out);
}

namespace {

// An OR-Library solution as a Plan (facilities as warehouses, customers as zones).
Plan orlib_plan(const solver::Model& m, const solver::Solution& sol) {
  Plan p = plan_outcome(sol);
  p.planning_days_per_year = 1;  // OR-Library costs are totals, not daily flows
  auto fname = [](std::size_t i) { return fmt::format("f{}", i + 1); };
  auto cname = [](std::size_t j) { return fmt::format("c{}", j + 1); };
  std::vector<double> out(m.facilities.size(), 0.0);
  std::vector<std::set<std::string>> served(m.facilities.size());
  std::vector<double> cust_flow(m.demand.size(), 0.0), cust_cost(m.demand.size(), 0.0);
  for (std::size_t a = 0; a < m.arcs.size() && a < sol.arc_flow.size(); ++a) {
    const double f = sol.arc_flow[a];
    if (f <= 1e-9) continue;
    const auto& arc = m.arcs[a];
    out[arc.facility] += f;
    served[arc.facility].insert(cname(arc.customer));
    // OR-Library arc costs are for serving the whole demand; per unit of flow below.
    FlowPath fp;
    fp.channel = "outbound";
    fp.site = fname(arc.facility);
    fp.zone = cname(arc.customer);
    fp.parcels_per_day = f;
    fp.cost_per_parcel = arc.unit_cost;
    p.flows.push_back(std::move(fp));
    p.costs.last_mile += f * arc.unit_cost;
    cust_flow[arc.customer] += f;
    cust_cost[arc.customer] += f * arc.unit_cost;
  }
  for (std::size_t i = 0; i < m.facilities.size() && i < sol.option.size(); ++i) {
    const int o = sol.option[i];
    if (o < 0) continue;
    const auto& opt = m.facilities[i].options[o];
    WarehouseDecision w;
    w.site = fname(i);
    w.name = m.facilities[i].name;
    w.size = std::to_string(o);
    w.capacity_per_day = opt.capacity;
    w.fixed_cost_per_year = opt.fixed_cost;
    w.handling_cost_per_parcel = opt.unit_cost;
    w.throughput_per_day = out[i];
    w.utilisation = opt.capacity > 0 ? out[i] / opt.capacity : 0.0;
    w.existing = m.facilities[i].forced_open;
    w.zones.assign(served[i].begin(), served[i].end());
    p.costs.fixed += opt.fixed_cost;
    p.costs.handling += out[i] * opt.unit_cost;
    p.warehouses.push_back(std::move(w));
  }
  for (std::size_t j = 0; j < m.demand.size(); ++j) {
    ZoneResult z;
    z.zone = cname(j);
    z.demand_per_day = m.demand[j];
    z.stocked_per_day = cust_flow[j];
    z.unmet_per_day = j < sol.unmet.size() ? sol.unmet[j] : 0.0;
    z.cost_per_parcel = cust_flow[j] > 0 ? cust_cost[j] / cust_flow[j] : 0.0;
    p.demand_per_day += z.demand_per_day;
    p.delivered_per_day += z.stocked_per_day;
    p.unmet_per_day += z.unmet_per_day;
    p.zones.push_back(std::move(z));
  }
  p.cost_per_parcel = p.delivered_per_day > 0 ? p.objective / p.delivered_per_day : 0.0;
  return p;
}

}  // namespace

Plan plan_orlib(const std::string& path,
                std::optional<double> capacity,
                const PlanOptions& options) {
  check_options(options);
  solver::Model m = solver::read_orlib(path, capacity);
  m.single_sourcing = m.single_sourcing || options.single_sourcing;
  if (options.max_open) m.max_open = options.max_open;
  const solver::Solution sol = solver::solve(m, solve_options(options));
  Plan p = orlib_plan(m, sol);
  p.scenario = path;
  stamp(p, file_fingerprint(path), options);
  std::vector<Plan> others;
  for (const solver::Solution& alt : sol.alternatives) others.push_back(orlib_plan(m, alt));
  p.alternatives = describe_alternatives(p, others);
  return p;
}

Comparison compare(const std::string& folder,
                   const std::vector<std::string>& variants,
                   const PlanOptions& options) {
  const scenario::Scenario base = scenario::load(folder);
  std::vector<std::string> names = variants;
  if (names.empty())
    for (const auto& v : base.variants) names.push_back(v.name);
  std::vector<std::string> descriptions;
  for (const auto& n : names) {
    std::string desc;
    for (const auto& v : base.variants)
      if (v.name == n) desc = v.description;
    descriptions.push_back(desc);
  }
  // Progress per variant: the i-th of n solves covers [i/n, (i+1)/n].
  const double n = static_cast<double>(names.size() + 1);
  auto nth = [&](std::size_t i, const std::string& name) {
    PlanOptions o = options;
    if (options.on_progress)
      o.on_progress = [&options, i, n, name](double f, std::string_view what) {
        options.on_progress((static_cast<double>(i) + f) / n, name + ": " + std::string(what));
      };
    return o;
  };
  const Plan base_plan = plan(base, nth(0, "base"));
  std::vector<Plan> plans;
  for (std::size_t i = 0; i < names.size(); ++i)
    plans.push_back(plan(scenario::load(folder, names[i]), nth(i + 1, names[i])));
  return compare_plans(base_plan, plans, descriptions);
}

}  // namespace corridor::design
