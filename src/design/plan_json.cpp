// Plan <-> JSON. Key names are the struct field names (docs/plan-schema.md). Reading is
// strict (core::JsonReader): every key is required and typed, all problems reported at
// once; nothing is read as a default.

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "corridor/core/artefact.hpp"
#include "corridor/core/json_read.hpp"
#include "corridor/plan.hpp"

namespace corridor::design {

std::string to_string(SolveStatus s) {
  switch (s) {
    case SolveStatus::kOptimal:
      return "optimal";
    case SolveStatus::kTimeLimit:
      return "time_limit";
    case SolveStatus::kNoSolution:
      return "no_solution";
    case SolveStatus::kInfeasible:
      return "infeasible";
  }
  return "infeasible";
}

namespace {

using nlohmann::json;
using Reader = core::JsonReader;

constexpr SolveStatus kAllStatuses[] = {SolveStatus::kOptimal,
                                        SolveStatus::kTimeLimit,
                                        SolveStatus::kNoSolution,
                                        SolveStatus::kInfeasible};

json warehouse_json(const WarehouseDecision& w) {
  return {{"site", w.site},
          {"node", w.node},
          {"name", w.name},
          {"size", w.size},
          {"capacity_per_day", w.capacity_per_day},
          {"fixed_cost_per_year", w.fixed_cost_per_year},
          {"handling_cost_per_parcel", w.handling_cost_per_parcel},
          {"throughput_per_day", w.throughput_per_day},
          {"utilisation", w.utilisation},
          {"existing", w.existing},
          {"zones", w.zones}};
}

void read_warehouse(Reader& r, const json& j, const std::string& at, WarehouseDecision& w) {
  r.read(j, at, "site", w.site);
  r.read(j, at, "node", w.node);
  r.read(j, at, "name", w.name);
  r.read(j, at, "size", w.size);
  r.read(j, at, "capacity_per_day", w.capacity_per_day);
  r.read(j, at, "fixed_cost_per_year", w.fixed_cost_per_year);
  r.read(j, at, "handling_cost_per_parcel", w.handling_cost_per_parcel);
  r.read(j, at, "throughput_per_day", w.throughput_per_day);
  r.read(j, at, "utilisation", w.utilisation);
  r.read(j, at, "existing", w.existing);
  r.read(j, at, "zones", w.zones);
}

json crossing_json(const CrossingResult& x) {
  return {{"crossing", x.crossing},
          {"name", x.name},
          {"mode", x.mode},
          {"status", x.status},
          {"usable", x.usable},
          {"capacity_parcels_per_day", x.capacity_parcels_per_day},
          {"flow_parcels_per_day", x.flow_parcels_per_day},
          {"flow_units_per_day", x.flow_units_per_day},
          {"utilisation", x.utilisation},
          {"shadow_price_per_unit_day", x.shadow_price_per_unit_day}};
}

void read_crossing(Reader& r, const json& j, const std::string& at, CrossingResult& x) {
  r.read(j, at, "crossing", x.crossing);
  r.read(j, at, "name", x.name);
  r.read(j, at, "mode", x.mode);
  r.read(j, at, "status", x.status);
  r.read(j, at, "usable", x.usable);
  r.read(j, at, "capacity_parcels_per_day", x.capacity_parcels_per_day);
  r.read(j, at, "flow_parcels_per_day", x.flow_parcels_per_day);
  r.read(j, at, "flow_units_per_day", x.flow_units_per_day);
  r.read(j, at, "utilisation", x.utilisation);
  r.read(j, at, "shadow_price_per_unit_day", x.shadow_price_per_unit_day);
}

json flow_json(const FlowPath& f) {
  return {{"channel", f.channel},
          {"hub", f.hub},
          {"crossing", f.crossing},
          {"site", f.site},
          {"zone", f.zone},
          {"parcels_per_day", f.parcels_per_day},
          {"cost_per_parcel", f.cost_per_parcel},
          {"hours", f.hours},
          {"mode", f.mode},
          {"route", f.route},
          {"legs", f.legs}};
}

void read_flow(Reader& r, const json& j, const std::string& at, FlowPath& f) {
  r.read(j, at, "channel", f.channel);
  r.read(j, at, "hub", f.hub);
  r.read(j, at, "crossing", f.crossing);
  r.read(j, at, "site", f.site);
  r.read(j, at, "zone", f.zone);
  r.read(j, at, "parcels_per_day", f.parcels_per_day);
  r.read(j, at, "cost_per_parcel", f.cost_per_parcel);
  r.read(j, at, "hours", f.hours);
  r.read(j, at, "mode", f.mode);
  r.read(j, at, "route", f.route);
  r.read(j, at, "legs", f.legs);
  if (!f.channel.empty() && f.channel != "inbound" && f.channel != "outbound" &&
      f.channel != "direct")
    r.error(Reader::join(at, "channel"),
            "unknown channel (got \"" + f.channel + "\", expected inbound, outbound or direct)");
}

json zone_json(const ZoneResult& z) {
  return {{"zone", z.zone},
          {"node", z.node},
          {"name", z.name},
          {"demand_per_day", z.demand_per_day},
          {"stocked_per_day", z.stocked_per_day},
          {"direct_per_day", z.direct_per_day},
          {"unmet_per_day", z.unmet_per_day},
          {"main_site", z.main_site},
          {"promise_days", z.promise_days},
          {"delivery_days", z.delivery_days},
          {"cost_per_parcel", z.cost_per_parcel},
          {"late", z.late}};
}

void read_zone(Reader& r, const json& j, const std::string& at, ZoneResult& z) {
  r.read(j, at, "zone", z.zone);
  r.read(j, at, "node", z.node);
  r.read(j, at, "name", z.name);
  r.read(j, at, "demand_per_day", z.demand_per_day);
  r.read(j, at, "stocked_per_day", z.stocked_per_day);
  r.read(j, at, "direct_per_day", z.direct_per_day);
  r.read(j, at, "unmet_per_day", z.unmet_per_day);
  r.read(j, at, "main_site", z.main_site);
  r.read(j, at, "promise_days", z.promise_days);
  r.read(j, at, "delivery_days", z.delivery_days);
  r.read(j, at, "cost_per_parcel", z.cost_per_parcel);
  r.read(j, at, "late", z.late);
}

json unmet_json(const UnmetDemand& u) {
  return {{"zone", u.zone},
          {"parcels_per_day", u.parcels_per_day},
          {"reason", u.reason},
          {"part", u.part},
          {"binding", u.binding}};
}

void read_unmet(Reader& r, const json& j, const std::string& at, UnmetDemand& u) {
  r.read(j, at, "zone", u.zone);
  r.read(j, at, "parcels_per_day", u.parcels_per_day);
  r.read(j, at, "reason", u.reason);
  r.read(j, at, "part", u.part);
  r.read(j, at, "binding", u.binding);
}

json costs_json(const CostBreakdown& c) {
  return {{"fixed", c.fixed},
          {"cn_linehaul", c.cn_linehaul},
          {"crossing", c.crossing},
          {"kz_linehaul", c.kz_linehaul},
          {"handling", c.handling},
          {"last_mile", c.last_mile},
          {"direct", c.direct},
          {"unmet_penalty", c.unmet_penalty}};
}

void read_costs(Reader& r, const json& j, const std::string& at, CostBreakdown& c) {
  r.read(j, at, "fixed", c.fixed);
  r.read(j, at, "cn_linehaul", c.cn_linehaul);
  r.read(j, at, "crossing", c.crossing);
  r.read(j, at, "kz_linehaul", c.kz_linehaul);
  r.read(j, at, "handling", c.handling);
  r.read(j, at, "last_mile", c.last_mile);
  r.read(j, at, "direct", c.direct);
  r.read(j, at, "unmet_penalty", c.unmet_penalty);
}

template <typename T, typename F>
json array_json(const std::vector<T>& items, F one) {
  json a = json::array();
  for (const auto& i : items) a.push_back(one(i));
  return a;
}

}  // namespace

bool status_from_string(const std::string& name, SolveStatus& out) {
  for (auto v : kAllStatuses)
    if (to_string(v) == name) {
      out = v;
      return true;
    }
  return false;
}

bool has_plan(const Plan& p) {
  return p.status == SolveStatus::kOptimal || p.status == SolveStatus::kTimeLimit;
}

void to_json(nlohmann::json& j, const Plan& p) {
  j = json::object();
  write_header(j,
               ArtefactHeader{std::string(kPlanSchema) + "/" + std::to_string(kPlanSchemaVersion),
                              p.corridor_version,
                              p.scenario,
                              p.variant,
                              p.scenario_fingerprint});
  j["currency"] = p.currency;
  j["status"] = to_string(p.status);
  // No plan, no objective and no gap: null, never a made-up 0.
  const bool plan = has_plan(p);
  j["objective"] = plan ? json(p.objective) : json(nullptr);
  j["lower_bound"] = std::isfinite(p.lower_bound) ? json(p.lower_bound) : json(nullptr);
  j["gap"] = plan && std::isfinite(p.gap) ? json(p.gap) : json(nullptr);
  j["requested_gap"] = p.requested_gap;
  j["solve_seconds"] = p.solve_seconds;
  j["nodes"] = p.nodes;
  j["planning_days_per_year"] = p.planning_days_per_year;
  j["demand_per_day"] = p.demand_per_day;
  j["delivered_per_day"] = p.delivered_per_day;
  j["unmet_per_day"] = p.unmet_per_day;
  j["cost_per_parcel"] = p.cost_per_parcel;
  j["costs"] = costs_json(p.costs);
  j["warehouses"] = array_json(p.warehouses, warehouse_json);
  j["crossings"] = array_json(p.crossings, crossing_json);
  j["flows"] = array_json(p.flows, flow_json);
  j["zones"] = array_json(p.zones, zone_json);
  j["unmet"] = array_json(p.unmet, unmet_json);
}

Plan read_plan(const nlohmann::json& j, const std::string& file, const std::string& path) {
  DiagnosticSink sink;
  Plan p;
  if (path.empty()) {
    const ArtefactHeader h = read_header(j, kPlanSchema, kPlanSchemaVersion, file, sink);
    sink.throw_if_errors();  // not a plan: its body's keys would only add noise
    p.scenario = h.scenario;
    p.variant = h.variant;
    p.scenario_fingerprint = h.scenario_fingerprint;
    p.corridor_version = h.corridor_version;
  }
  Reader r(file, sink);
  if (!path.empty()) {
    r.read(j, path, "scenario", p.scenario);
    r.read(j, path, "variant", p.variant);
    r.read(j, path, "scenario_fingerprint", p.scenario_fingerprint);
    r.read(j, path, "corridor_version", p.corridor_version);
  }
  r.read(j, path, "currency", p.currency);
  std::string status;
  r.read(j, path, "status", status);
  if (!status.empty() && !status_from_string(status, p.status)) {
    std::string names;
    for (auto v : kAllStatuses) names += (names.empty() ? "" : ", ") + to_string(v);
    r.error(Reader::join(path, "status"),
            "unknown status (got \"" + status + "\", expected one of " + names + ")");
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  r.read_nullable(j, path, "objective", p.objective, kNaN);
  r.read_nullable(j, path, "lower_bound", p.lower_bound, kNaN);
  r.read_nullable(j, path, "gap", p.gap, kNaN);
  if (has_plan(p) && !std::isfinite(p.objective))
    r.error(Reader::join(path, "objective"),
            "a plan with status \"" + to_string(p.status) + "\" needs its objective (got null)");
  r.read(j, path, "requested_gap", p.requested_gap);
  r.read(j, path, "solve_seconds", p.solve_seconds);
  r.read(j, path, "nodes", p.nodes);
  r.read(j, path, "planning_days_per_year", p.planning_days_per_year);
  r.read(j, path, "demand_per_day", p.demand_per_day);
  r.read(j, path, "delivered_per_day", p.delivered_per_day);
  r.read(j, path, "unmet_per_day", p.unmet_per_day);
  r.read(j, path, "cost_per_parcel", p.cost_per_parcel);
  if (const json* c = r.member(j, path, "costs"))
    read_costs(r, *c, Reader::join(path, "costs"), p.costs);
  r.read_array(
      j, path, "warehouses", p.warehouses, [&](const json& e, const std::string& at, auto& w) {
        read_warehouse(r, e, at, w);
      });
  r.read_array(
      j, path, "crossings", p.crossings, [&](const json& e, const std::string& at, auto& x) {
        read_crossing(r, e, at, x);
      });
  r.read_array(j, path, "flows", p.flows, [&](const json& e, const std::string& at, auto& f) {
    read_flow(r, e, at, f);
  });
  r.read_array(j, path, "zones", p.zones, [&](const json& e, const std::string& at, auto& z) {
    read_zone(r, e, at, z);
  });
  r.read_array(j, path, "unmet", p.unmet, [&](const json& e, const std::string& at, auto& u) {
    read_unmet(r, e, at, u);
  });
  sink.throw_if_errors();
  return p;
}

Plan load_plan(const std::string& file) { return read_plan(read_json_file(file), file); }

}  // namespace corridor::design
