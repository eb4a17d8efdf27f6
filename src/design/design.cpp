// Facade of the design module: scenario -> corridor model -> solver -> Plan, the
// OR-Library entry, and the comparison of variants.

#include "corridor/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "design/corridor_model.hpp"
#include "design/output.hpp"
#include "design/solver/model.hpp"

namespace corridor::design {

Plan plan(const scenario::Scenario& s, const PlanOptions& options) {
  const CorridorModel cm = build_corridor_model(s, options);
  const solver::Solution sol = solver::solve(cm.model, solve_options(options));
  return make_plan(cm, sol);
}

void export_lp(const scenario::Scenario& s, const PlanOptions& options, std::ostream& out) {
  const CorridorModel cm = build_corridor_model(s, options);
  solver::write_lp(cm.model, out);
}

Plan plan_orlib(const std::string& path,
                std::optional<double> capacity,
                const PlanOptions& options) {
  solver::Model m = solver::read_orlib(path, capacity);
  m.single_sourcing = m.single_sourcing || options.single_sourcing;
  if (options.max_open) m.max_open = options.max_open;
  const solver::Solution sol = solver::solve(m, solve_options(options));

  Plan p;
  p.scenario = path;
  p.status = sol.status;
  p.objective = sol.objective;
  p.lower_bound = sol.lower_bound;
  p.gap = sol.gap;
  p.solve_seconds = sol.seconds;
  p.nodes = sol.nodes;
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

namespace {

double mean_delivery_days(const Plan& p) {
  double w = 0.0, sum = 0.0;
  for (const auto& z : p.zones) {
    const double served = z.stocked_per_day + z.direct_per_day;
    w += served;
    sum += served * z.delivery_days;
  }
  return w > 0 ? sum / w : 0.0;
}

double max_delivery_days(const Plan& p) {
  double m = 0.0;
  for (const auto& z : p.zones)
    if (z.stocked_per_day + z.direct_per_day > 0) m = std::max(m, z.delivery_days);
  return m;
}

VariantDelta row_of(const Plan& p) {
  VariantDelta d;
  d.variant = p.variant;
  d.status = to_string(p.status);
  d.total_cost = p.objective;
  d.cost_per_parcel = p.cost_per_parcel;
  d.mean_delivery_days = mean_delivery_days(p);
  d.max_delivery_days = max_delivery_days(p);
  d.unmet_per_day = p.unmet_per_day;
  for (const auto& w : p.warehouses) d.open_sites.push_back(w.site + ":" + w.size);
  for (const auto& x : p.crossings) d.crossing_flow[x.crossing] = x.flow_parcels_per_day;
  return d;
}

std::set<std::string> site_ids(const Plan& p) {
  std::set<std::string> s;
  for (const auto& w : p.warehouses) s.insert(w.site);
  return s;
}

}  // namespace

Comparison compare_plans(const Plan& base,
                         const std::vector<Plan>& variants,
                         const std::vector<std::string>& descriptions) {
  Comparison c;
  c.scenario = base.scenario;
  c.currency = base.currency;
  c.plans.push_back(base);
  c.plans.insert(c.plans.end(), variants.begin(), variants.end());
  const VariantDelta b = row_of(base);
  const auto base_sites = site_ids(base);
  for (std::size_t i = 0; i < c.plans.size(); ++i) {
    VariantDelta d = row_of(c.plans[i]);
    if (i > 0 && i - 1 < descriptions.size()) d.description = descriptions[i - 1];
    d.delta_total_cost = d.total_cost - b.total_cost;
    d.delta_cost_per_parcel = d.cost_per_parcel - b.cost_per_parcel;
    d.delta_mean_delivery_days = d.mean_delivery_days - b.mean_delivery_days;
    d.delta_max_delivery_days = d.max_delivery_days - b.max_delivery_days;
    const auto sites = site_ids(c.plans[i]);
    std::set_difference(sites.begin(),
                        sites.end(),
                        base_sites.begin(),
                        base_sites.end(),
                        std::back_inserter(d.sites_opened));
    std::set_difference(base_sites.begin(),
                        base_sites.end(),
                        sites.begin(),
                        sites.end(),
                        std::back_inserter(d.sites_closed));
    // Crossings present in either plan (a variant may add one).
    std::set<std::string> ids;
    for (const auto& [id, f] : d.crossing_flow) ids.insert(id);
    for (const auto& [id, f] : b.crossing_flow) ids.insert(id);
    for (const auto& id : ids) {
      const double here = d.crossing_flow.contains(id) ? d.crossing_flow.at(id) : 0.0;
      const double there = b.crossing_flow.contains(id) ? b.crossing_flow.at(id) : 0.0;
      d.crossing_flow[id] = here;
      d.delta_crossing_flow[id] = here - there;
    }
    c.rows.push_back(std::move(d));
  }
  return c;
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
  const Plan base_plan = plan(base, options);
  std::vector<Plan> plans;
  for (const auto& n : names) plans.push_back(plan(scenario::load(folder, n), options));
  return compare_plans(base_plan, plans, descriptions);
}

void to_json(nlohmann::json& j, const VariantDelta& d) {
  j = nlohmann::json{{"variant", d.variant},
                     {"description", d.description},
                     {"status", d.status},
                     {"total_cost", d.total_cost},
                     {"delta_total_cost", d.delta_total_cost},
                     {"cost_per_parcel", d.cost_per_parcel},
                     {"delta_cost_per_parcel", d.delta_cost_per_parcel},
                     {"mean_delivery_days", d.mean_delivery_days},
                     {"delta_mean_delivery_days", d.delta_mean_delivery_days},
                     {"max_delivery_days", d.max_delivery_days},
                     {"delta_max_delivery_days", d.delta_max_delivery_days},
                     {"unmet_per_day", d.unmet_per_day},
                     {"open_sites", d.open_sites},
                     {"sites_opened", d.sites_opened},
                     {"sites_closed", d.sites_closed},
                     {"crossing_flow", d.crossing_flow},
                     {"delta_crossing_flow", d.delta_crossing_flow}};
}

void to_json(nlohmann::json& j, const Comparison& c) {
  j = nlohmann::json{
      {"scenario", c.scenario}, {"currency", c.currency}, {"rows", c.rows}, {"plans", c.plans}};
}

void write_compare_outputs(const Comparison& c, const std::string& dir) {
  std::set<std::string> crossings;
  for (const auto& r : c.rows)
    for (const auto& [id, f] : r.crossing_flow) crossings.insert(id);
  CsvBuilder csv({"variant",
                  "status",
                  "total_cost",
                  "delta_total_cost",
                  "cost_per_parcel",
                  "delta_cost_per_parcel",
                  "mean_delivery_days",
                  "delta_mean_delivery_days",
                  "max_delivery_days",
                  "delta_max_delivery_days",
                  "unmet_per_day",
                  "open_sites",
                  "sites_opened",
                  "sites_closed"});
  for (const auto& id : crossings) {
    csv.add_column("flow_" + id);
    csv.add_column("delta_flow_" + id);
  }
  for (const auto& r : c.rows) {
    std::vector<std::string> row{r.variant.empty() ? std::string("base") : r.variant,
                                 r.status,
                                 num(r.total_cost),
                                 num(r.delta_total_cost),
                                 num(r.cost_per_parcel),
                                 num(r.delta_cost_per_parcel),
                                 num(r.mean_delivery_days),
                                 num(r.delta_mean_delivery_days),
                                 num(r.max_delivery_days),
                                 num(r.delta_max_delivery_days),
                                 num(r.unmet_per_day),
                                 join(r.open_sites),
                                 join(r.sites_opened),
                                 join(r.sites_closed)};
    for (const auto& id : crossings) {
      row.push_back(num(r.crossing_flow.contains(id) ? r.crossing_flow.at(id) : 0.0));
      row.push_back(num(r.delta_crossing_flow.contains(id) ? r.delta_crossing_flow.at(id) : 0.0));
    }
    csv.add_row(std::move(row));
  }
  nlohmann::json j = c;
  write_files_atomically(dir, {{"compare.json", j.dump(2) + "\n"}, {"compare.csv", csv.str()}});
}

}  // namespace corridor::design
