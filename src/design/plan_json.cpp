// Plan <-> JSON. Key names are the struct field names (docs/plan-schema.md); reading
// fills absent keys with the struct defaults so older plan files still load.

#include <nlohmann/json.hpp>

#include "corridor/plan.hpp"

namespace corridor::design {

std::string to_string(SolveStatus s) {
  switch (s) {
    case SolveStatus::kOptimal:
      return "optimal";
    case SolveStatus::kGapLimit:
      return "gap_limit";
    case SolveStatus::kTimeLimit:
      return "time_limit";
    case SolveStatus::kInfeasibleInput:
      return "infeasible_input";
  }
  return "infeasible_input";
}

// Unknown names throw (never silently read as "optimal").
static void to_json(nlohmann::json& j, const SolveStatus& s) { j = to_string(s); }
static void from_json(const nlohmann::json& j, SolveStatus& s) {
  const auto name = j.get<std::string>();
  for (auto v : {SolveStatus::kOptimal,
                 SolveStatus::kGapLimit,
                 SolveStatus::kTimeLimit,
                 SolveStatus::kInfeasibleInput})
    if (to_string(v) == name) {
      s = v;
      return;
    }
  throw nlohmann::json::other_error::create(501, "unknown plan status \"" + name + "\"", &j);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WarehouseDecision,
                                                site,
                                                node,
                                                name,
                                                size,
                                                capacity_per_day,
                                                fixed_cost_per_year,
                                                handling_cost_per_parcel,
                                                throughput_per_day,
                                                utilisation,
                                                existing,
                                                zones)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CrossingResult,
                                                crossing,
                                                name,
                                                mode,
                                                status,
                                                usable,
                                                capacity_parcels_per_day,
                                                flow_parcels_per_day,
                                                flow_units_per_day,
                                                utilisation,
                                                shadow_price_per_unit_day)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FlowPath,
                                                channel,
                                                hub,
                                                crossing,
                                                site,
                                                zone,
                                                parcels_per_day,
                                                cost_per_parcel,
                                                hours,
                                                mode,
                                                route,
                                                legs)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ZoneResult,
                                                zone,
                                                node,
                                                name,
                                                demand_per_day,
                                                stocked_per_day,
                                                direct_per_day,
                                                unmet_per_day,
                                                main_site,
                                                promise_days,
                                                delivery_days,
                                                cost_per_parcel,
                                                late)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    UnmetDemand, zone, parcels_per_day, reason, part, binding)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CostBreakdown,
                                                fixed,
                                                cn_linehaul,
                                                crossing,
                                                kz_linehaul,
                                                handling,
                                                last_mile,
                                                direct,
                                                unmet_penalty)

void to_json(nlohmann::json& j, const Plan& p) {
  j = nlohmann::json{{"scenario", p.scenario},
                     {"variant", p.variant},
                     {"currency", p.currency},
                     {"status", p.status},
                     {"objective", p.objective},
                     {"lower_bound", p.lower_bound},
                     {"gap", p.gap},
                     {"solve_seconds", p.solve_seconds},
                     {"nodes", p.nodes},
                     {"planning_days_per_year", p.planning_days_per_year},
                     {"demand_per_day", p.demand_per_day},
                     {"delivered_per_day", p.delivered_per_day},
                     {"unmet_per_day", p.unmet_per_day},
                     {"cost_per_parcel", p.cost_per_parcel},
                     {"costs", p.costs},
                     {"warehouses", p.warehouses},
                     {"crossings", p.crossings},
                     {"flows", p.flows},
                     {"zones", p.zones},
                     {"unmet", p.unmet}};
}

void from_json(const nlohmann::json& j, Plan& p) {
  const Plan d;
  p.scenario = j.value("scenario", d.scenario);
  p.variant = j.value("variant", d.variant);
  p.currency = j.value("currency", d.currency);
  p.status = j.value("status", d.status);
  p.objective = j.value("objective", d.objective);
  p.lower_bound = j.value("lower_bound", d.lower_bound);
  p.gap = j.value("gap", d.gap);
  p.solve_seconds = j.value("solve_seconds", d.solve_seconds);
  p.nodes = j.value("nodes", d.nodes);
  p.planning_days_per_year = j.value("planning_days_per_year", d.planning_days_per_year);
  p.demand_per_day = j.value("demand_per_day", d.demand_per_day);
  p.delivered_per_day = j.value("delivered_per_day", d.delivered_per_day);
  p.unmet_per_day = j.value("unmet_per_day", d.unmet_per_day);
  p.cost_per_parcel = j.value("cost_per_parcel", d.cost_per_parcel);
  p.costs = j.value("costs", d.costs);
  p.warehouses = j.value("warehouses", d.warehouses);
  p.crossings = j.value("crossings", d.crossings);
  p.flows = j.value("flows", d.flows);
  p.zones = j.value("zones", d.zones);
  p.unmet = j.value("unmet", d.unmet);
}

}  // namespace corridor::design
