// Plan <-> JSON. Key names are the struct field names (docs/plan-schema.md). Reading is
// strict (core::JsonReader): every key is required and typed, all problems reported at
// once; nothing is read as a default.

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

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

// One field list per struct, visited both to write and to read, so the two can never
// disagree: `v(name, member)` for every field, in the order plan.json shows them.
template <typename T, typename V>
void fields(T& w, V&& v) requires std::is_same_v<std::remove_const_t<T>, WarehouseDecision> {
  v("site", w.site);
  v("node", w.node);
  v("name", w.name);
  v("size", w.size);
  v("capacity_per_day", w.capacity_per_day);
  v("fixed_cost_per_year", w.fixed_cost_per_year);
  v("handling_cost_per_parcel", w.handling_cost_per_parcel);
  v("throughput_per_day", w.throughput_per_day);
  v("utilisation", w.utilisation);
  v("existing", w.existing);
  v("zones", w.zones);
}

template <typename T, typename V>
void fields(T& x, V&& v) requires std::is_same_v<std::remove_const_t<T>, CrossingResult> {
  v("crossing", x.crossing);
  v("name", x.name);
  v("mode", x.mode);
  v("status", x.status);
  v("usable", x.usable);
  v("capacity_parcels_per_day", x.capacity_parcels_per_day);
  v("flow_parcels_per_day", x.flow_parcels_per_day);
  v("flow_units_per_day", x.flow_units_per_day);
  v("utilisation", x.utilisation);
  v("shadow_price_per_unit_day", x.shadow_price_per_unit_day);
}

template <typename T, typename V>
void fields(T& f, V&& v) requires std::is_same_v<std::remove_const_t<T>, FlowPath> {
  v("channel", f.channel);
  v("hub", f.hub);
  v("crossing", f.crossing);
  v("site", f.site);
  v("zone", f.zone);
  v("parcels_per_day", f.parcels_per_day);
  v("cost_per_parcel", f.cost_per_parcel);
  v("hours", f.hours);
  v("mode", f.mode);
  v("route", f.route);
  v("legs", f.legs);
}

template <typename T, typename V>
void fields(T& z, V&& v) requires std::is_same_v<std::remove_const_t<T>, ZoneResult> {
  v("zone", z.zone);
  v("node", z.node);
  v("name", z.name);
  v("demand_per_day", z.demand_per_day);
  v("stocked_per_day", z.stocked_per_day);
  v("direct_per_day", z.direct_per_day);
  v("unmet_per_day", z.unmet_per_day);
  v("main_site", z.main_site);
  v("promise_days", z.promise_days);
  v("delivery_days", z.delivery_days);
  v("cost_per_parcel", z.cost_per_parcel);
  v("late", z.late);
}

template <typename T, typename V>
void fields(T& u, V&& v) requires std::is_same_v<std::remove_const_t<T>, UnmetDemand> {
  v("zone", u.zone);
  v("parcels_per_day", u.parcels_per_day);
  v("reason", u.reason);
  v("part", u.part);
  v("binding", u.binding);
}

template <typename T, typename V>
void fields(T& c, V&& v) requires std::is_same_v<std::remove_const_t<T>, CostBreakdown> {
  v("fixed", c.fixed);
  v("cn_linehaul", c.cn_linehaul);
  v("crossing", c.crossing);
  v("kz_linehaul", c.kz_linehaul);
  v("handling", c.handling);
  v("last_mile", c.last_mile);
  v("direct", c.direct);
  v("unmet_penalty", c.unmet_penalty);
}

template <typename T, typename V>
void fields(T& c, V&& v) requires std::is_same_v<std::remove_const_t<T>, CrossingCongestion> {
  v("crossing", c.crossing);
  v("servers", c.servers);
  v("service_hours", c.service_hours);
  v("open_share", c.open_share);
  v("background_units_per_hour", c.background_units_per_hour);
  v("calibration", c.calibration);
  v("closure_wait_hours", c.closure_wait_hours);
  v("backlog_wait_hours", c.backlog_wait_hours);
  v("max_flow_parcels_per_day", c.max_flow_parcels_per_day);
  v("flow_parcels_per_day", c.flow_parcels_per_day);
  v("utilisation", c.utilisation);
  v("predicted_wait_hours", c.predicted_wait_hours);
  v("wait_cost_per_year", c.wait_cost_per_year);
}

// The scalar part of CongestionResult (its crossings are an array of their own).
template <typename T, typename V>
void fields(T& c, V&& v) requires std::is_same_v<std::remove_const_t<T>, CongestionResult> {
  v("value_of_time_per_parcel_hour", c.value_of_time_per_parcel_hour);
  v("service_scv", c.service_scv);
  v("max_wait_hours", c.max_wait_hours);
  v("rounds", c.rounds);
  v("cuts", c.cuts);
  v("wait_cost_per_year", c.wait_cost_per_year);
  v("warnings", c.warnings);
}

template <typename T, typename V>
void fields(T& c, V&& v) requires std::is_same_v<std::remove_const_t<T>, SizeChange> {
  v("site", c.site);
  v("from", c.from);
  v("to", c.to);
}

template <typename T, typename V>
void fields(T& c, V&& v) requires std::is_same_v<std::remove_const_t<T>, CrossingChange> {
  v("crossing", c.crossing);
  v("best_flow_per_day", c.best_flow_per_day);
  v("flow_per_day", c.flow_per_day);
}

// The scalar part of PlanAlternative (its objects and arrays of objects apart).
template <typename T, typename V>
void fields(T& a, V&& v) requires std::is_same_v<std::remove_const_t<T>, PlanAlternative> {
  v("rank", a.rank);
  v("objective", a.objective);
  v("gap_to_best", a.gap_to_best);
  v("cost_per_parcel", a.cost_per_parcel);
  v("unmet_per_day", a.unmet_per_day);
  v("sites_opened", a.sites_opened);
  v("sites_closed", a.sites_closed);
  v("crossings_now_used", a.crossings_now_used);
  v("crossings_now_unused", a.crossings_now_unused);
}

template <typename T>
json to_object(const T& item) {
  json j = json::object();
  fields(item, [&j](const char* name, const auto& value) { j[name] = value; });
  return j;
}

template <typename T>
void read_object(Reader& r, const json& j, const std::string& at, T& item) {
  fields(item, [&](const char* name, auto& value) { r.read(j, at, name, value); });
}

void check_channel(Reader& r, const std::string& at, const FlowPath& f) {
  if (!f.channel.empty() && f.channel != "inbound" && f.channel != "outbound" &&
      f.channel != "direct")
    r.error(Reader::join(at, "channel"),
            "unknown channel (got \"" + f.channel + "\", expected inbound, outbound or direct)");
}

template <typename T>
json array_json(const std::vector<T>& items) {
  json a = json::array();
  for (const auto& i : items) a.push_back(to_object(i));
  return a;
}

json alternative_json(const PlanAlternative& a) {
  json j = to_object(a);
  j["costs"] = to_object(a.costs);
  j["warehouses"] = array_json(a.warehouses);
  j["sizes_changed"] = array_json(a.sizes_changed);
  j["crossings_changed"] = array_json(a.crossings_changed);
  return j;
}

void read_alternatives(Reader& r, const json& j, const std::string& path, Plan& p) {
  auto each = [&r](const json& e, const std::string& at, auto& item) {
    read_object(r, e, at, item);
  };
  r.read_array(j,
               path,
               "alternatives",
               p.alternatives,
               [&](const json& e, const std::string& at, PlanAlternative& a) {
                 read_object(r, e, at, a);
                 if (const json* c = r.member(e, at, "costs"))
                   read_object(r, *c, Reader::join(at, "costs"), a.costs);
                 r.read_array(e, at, "warehouses", a.warehouses, each);
                 r.read_array(e, at, "sizes_changed", a.sizes_changed, each);
                 r.read_array(e, at, "crossings_changed", a.crossings_changed, each);
               });
}

}  // namespace

ArtefactHeader read_plan_header(const nlohmann::json& j,
                                const std::string& file,
                                DiagnosticSink& sink,
                                int& version) {
  version = kPlanSchemaVersion;
  for (int v = kPlanSchemaOldestVersion; v < kPlanSchemaVersion; ++v)
    if (j.is_object() && j.contains("schema") && j["schema"] == schema_id(kPlanSchema, v))
      version = v;
  return read_header(j, kPlanSchema, version, file, sink);
}

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
               ArtefactHeader{schema_id(kPlanSchema, kPlanSchemaVersion),
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
  j["costs"] = to_object(p.costs);
  j["warehouses"] = array_json(p.warehouses);
  j["crossings"] = array_json(p.crossings);
  j["flows"] = array_json(p.flows);
  j["zones"] = array_json(p.zones);
  j["unmet"] = array_json(p.unmet);
  // Only a congestion-aware plan has this key, so blind plans read as they always did.
  if (p.congestion.modelled) {
    json c = to_object(p.congestion);
    c["crossings"] = array_json(p.congestion.crossings);
    j["congestion"] = std::move(c);
  }
  json alternatives = json::array();
  for (const auto& a : p.alternatives) alternatives.push_back(alternative_json(a));
  j["alternatives"] = std::move(alternatives);
}

Plan read_plan(const nlohmann::json& j, const std::string& file, const std::string& path) {
  DiagnosticSink sink;
  Plan p;
  int version = kPlanSchemaVersion;
  if (path.empty()) {
    const ArtefactHeader h = read_plan_header(j, file, sink, version);
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
    read_object(r, *c, Reader::join(path, "costs"), p.costs);
  auto each = [&r](const json& e, const std::string& at, auto& item) {
    read_object(r, e, at, item);
  };
  r.read_array(j, path, "warehouses", p.warehouses, each);
  r.read_array(j, path, "crossings", p.crossings, each);
  r.read_array(j, path, "flows", p.flows, [&](const json& e, const std::string& at, auto& f) {
    read_object(r, e, at, f);
    check_channel(r, at, f);
  });
  r.read_array(j, path, "zones", p.zones, each);
  r.read_array(j, path, "unmet", p.unmet, each);
  if (j.is_object() && j.contains("congestion")) {  // optional: congestion-aware plans only
    const std::string at = Reader::join(path, "congestion");
    if (const json* c = r.member(j, path, "congestion")) {
      read_object(r, *c, at, p.congestion);
      r.read_array(*c, at, "crossings", p.congestion.crossings, each);
      p.congestion.modelled = true;
    }
  }
  // Required from corridor.plan/3 on. A plan inside compare.json (path set) follows
  // corridor.compare/2, whose older files have plans without it.
  if (path.empty() ? version >= 3 : j.is_object() && j.contains("alternatives"))
    read_alternatives(r, j, path, p);
  sink.throw_if_errors();
  return p;
}

Plan load_plan(const std::string& file) { return read_plan(read_json_file(file), file); }

}  // namespace corridor::design
