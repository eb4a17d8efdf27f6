// Comparison of solved plans (base and variants) and its JSON/CSV outputs.

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "corridor/core/artefact.hpp"
#include "corridor/core/json_read.hpp"
#include "corridor/design.hpp"
#include "output.hpp"

namespace corridor::design {

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
  c.scenario_fingerprint = base.scenario_fingerprint;
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

std::vector<PlanAlternative> describe_alternatives(const Plan& best,
                                                   const std::vector<Plan>& others) {
  // The comparison of variants already finds sites opened and closed and the crossing
  // flows against a base; the best plan is the base here.
  const Comparison c = compare_plans(best, others);
  std::map<std::string, std::string> best_size;
  for (const auto& w : best.warehouses) best_size[w.site] = w.size;
  std::vector<PlanAlternative> out;
  for (std::size_t i = 0; i < others.size(); ++i) {
    const Plan& p = others[i];
    const VariantDelta& d = c.rows[i + 1];
    PlanAlternative a;
    a.rank = static_cast<int>(i) + 2;
    a.objective = p.objective;
    a.gap_to_best = (p.objective - best.objective) / std::max(1.0, std::abs(best.objective));
    a.cost_per_parcel = p.cost_per_parcel;
    a.unmet_per_day = p.unmet_per_day;
    a.costs = p.costs;
    a.warehouses = p.warehouses;
    a.sites_opened = d.sites_opened;
    a.sites_closed = d.sites_closed;
    for (const auto& w : p.warehouses) {
      const auto it = best_size.find(w.site);
      if (it != best_size.end() && it->second != w.size)
        a.sizes_changed.push_back(SizeChange{w.site, it->second, w.size});
    }
    for (const auto& [id, here] : d.crossing_flow) {
      const auto b = c.rows[0].crossing_flow.find(id);
      const double there = b == c.rows[0].crossing_flow.end() ? 0.0 : b->second;
      if (std::abs(here - there) <= kFlowChangeTol) continue;
      a.crossings_changed.push_back(CrossingChange{id, there, here});
      if (here > kFlowChangeTol && there <= kFlowChangeTol) a.crossings_now_used.push_back(id);
      if (there > kFlowChangeTol && here <= kFlowChangeTol) a.crossings_now_unused.push_back(id);
    }
    out.push_back(std::move(a));
  }
  return out;
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
  j = nlohmann::json::object();
  write_header(
      j,
      make_header(kCompareSchema, kCompareSchemaVersion, c.scenario, "", c.scenario_fingerprint));
  j["currency"] = c.currency;
  j["rows"] = c.rows;
  j["plans"] = c.plans;
}

Comparison read_comparison(const nlohmann::json& j, const std::string& file) {
  DiagnosticSink sink;
  const ArtefactHeader h = read_header(j, kCompareSchema, kCompareSchemaVersion, file, sink);
  sink.throw_if_errors();  // not a compare.json: its body would only add noise
  core::JsonReader r(file, sink);
  std::vector<Plan> plans;
  if (const nlohmann::json* a = r.member(j, "", "plans")) {
    if (!a->is_array() || a->empty()) r.wrong_type("plans", *a, "a non-empty array of plans");
    for (std::size_t i = 0; a->is_array() && i < a->size(); ++i) {
      try {
        plans.push_back(read_plan((*a)[i], file, "plans[" + std::to_string(i) + "]"));
      } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) sink.add(d);
      }
    }
  }
  struct Row {
    std::string variant;
    std::string description;
  };
  std::vector<Row> rows;
  r.read_array(j, "", "rows", rows, [&](const nlohmann::json& e, const std::string& at, Row& row) {
    r.read(e, at, "variant", row.variant);
    r.read(e, at, "description", row.description);
  });
  sink.throw_if_errors();
  if (rows.size() != plans.size())
    r.error("rows",
            "one row per plan (got " + std::to_string(rows.size()) + " rows for " +
                std::to_string(plans.size()) + " plans)");
  for (std::size_t i = 0; i < rows.size() && i < plans.size(); ++i)
    if (rows[i].variant != plans[i].variant)
      r.error("rows[" + std::to_string(i) + "].variant",
              "does not match its plan (got \"" + rows[i].variant + "\", expected \"" +
                  plans[i].variant + "\")");
  if (!plans.empty() && plans[0].scenario_fingerprint != h.scenario_fingerprint)
    r.error("scenario_fingerprint", "differs from the base plan's (plans[0])");
  sink.throw_if_errors();
  std::vector<std::string> descriptions;
  for (std::size_t i = 1; i < rows.size(); ++i) descriptions.push_back(rows[i].description);
  return compare_plans(plans[0], {plans.begin() + 1, plans.end()}, descriptions);
}

void add_compare_outputs(const Comparison& c, core::OutputSet& out) {
  std::set<std::string> crossings;
  for (const auto& r : c.rows)
    for (const auto& [id, f] : r.crossing_flow) crossings.insert(id);
  CsvWriter csv({"variant",
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
  out.add("compare.json", j.dump(2) + "\n");
  out.add("compare.csv", csv.str());
}

}  // namespace corridor::design
