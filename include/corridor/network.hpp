#pragma once
// The layered corridor graph every engine uses, built once from a Scenario:
//
//   hub --CN links--> crossing (cn_node -> kz_node) --KZ links--> site --last mile--> zone
//   hub --CN links--> crossing --direct last mile--> zone          (direct channel)
//
// Every leg carries its time (hours), its cost per parcel and, where the scenario
// gives one, its capacity in parcels per day, so the design model, the simulator
// and the report all read the same numbers.
//
// Method: one Dijkstra per (hub, mode) over the CN links of that mode and one per
// distinct crossing kz_node over all KZ links; the key is (cost per parcel, hours,
// hops) compared lexicographically, links relaxed in file order, so ties break the
// same way on every machine. O(H·(E log V) + X·(E log V)) for H hubs and X crossings,
// then O(H·X·S + S·Z + H·X·Z) route combinations.
//
// Decisions (see docs/design-model.md):
// - A rail crossing is fed only by rail links on the CN side, a road crossing only by
//   road links: the unit (container or truck) is loaded at the hub and crosses as is.
//   After the border any mode is fine (goods are re-handled at the KZ-side terminal).
// - One route per (hub, crossing) and per (crossing, site): the cheapest. A capacitated
//   link on it caps flow on that route; the model does not re-route around it.
// - Only links whose two ends are in the same country belong to a side; a link that
//   jumps the border is ignored (the crossings are the only way across).
// - Last mile (site -> zone, and crossing kz_node -> zone for direct parcels) uses the
//   cheapest explicit links.csv row from -> to if there is one, else the scenario's
//   last-mile rule (great-circle × circuity; base_hours + km / speed;
//   cost_per_parcel + cost_per_parcel_km × km).
// - Crossing cost per parcel = (fee_per_unit + transshipment_cost_per_unit) / parcels
//   per unit; time = processing_hours + transshipment_hours + inspection_probability ×
//   inspection_hours (expected delay). Transshipment fields are charged as given: a
//   crossing without a gauge change should carry zeros there.
// - Only usable crossings (status operating once the variant is applied) get routes;
//   planned and closed crossings stay in `crossings` with usable = false.

#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::network {

/// Parcels in one `unit` under the scenario's conversion factors (parcel -> 1).
double parcels_per_unit(const scenario::Scenario& s, scenario::Unit u);

/// A links.csv row converted to per-parcel terms.
struct LinkArc {
  std::string id;
  std::string from;
  std::string to;
  scenario::Mode mode{};
  scenario::Country side{};  // country of both ends
  bool in_graph = false;     // false when the ends lie in different countries
  double km = 0.0;
  double hours = 0.0;
  double cost_per_parcel = 0.0;                    // cost_per_unit / parcels per unit
  std::optional<double> capacity_parcels_per_day;  // capacity × parcels per unit
};

/// A crossings.csv row converted to per-parcel terms.
struct CrossingArc {
  std::string id;
  std::string name;
  scenario::Mode mode{};
  std::string cn_node;
  std::string kz_node;
  scenario::CrossingStatus status{};
  bool usable = false;
  double parcels_per_unit = 1.0;
  double capacity_parcels_per_day = 0.0;  // capacity × parcels/unit × (1 − background)
  double cost_per_parcel = 0.0;           // (fee + transshipment) / parcels per unit
  double hours = 0.0;                     // processing + transshipment + expected inspection
};

/// A path through links: node sequence and the link indices between them.
struct Route {
  std::vector<std::string> nodes;  // first = origin, last = destination
  std::vector<int> links;          // indices into Network::links, size nodes − 1
  double km = 0.0;
  double hours = 0.0;
  double cost_per_parcel = 0.0;
};

/// The last leg to a zone's door.
struct LastMileLeg {
  std::string from_node;
  std::string zone_node;
  int link = -1;  // index into Network::links when an explicit row is used, else −1 (rule)
  double km = 0.0;
  double hours = 0.0;
  double cost_per_parcel = 0.0;
};

/// Stocked inbound: hub -> crossing -> site.
struct SupplyRoute {
  int hub = 0;       // index into Scenario::hubs
  int crossing = 0;  // index into Network::crossings (= Scenario::crossings)
  int site = 0;      // index into Scenario::sites
  Route cn;          // hub node -> crossing cn_node
  Route kz;          // crossing kz_node -> site node
  [[nodiscard]] double hours(const std::vector<CrossingArc>& x) const;
  [[nodiscard]] double cost_per_parcel(const std::vector<CrossingArc>& x) const;
};

/// Stocked outbound: site -> zone.
struct DeliveryLeg {
  int site = 0;  // index into Scenario::sites
  int zone = 0;  // index into Scenario::zones
  LastMileLeg leg;
  bool within_promise = false;  // leg.hours ≤ promise_days × 24
};

/// Direct channel: hub -> crossing -> zone, cleared per parcel.
struct DirectRoute {
  int hub = 0;
  int crossing = 0;
  int zone = 0;
  Route cn;
  LastMileLeg leg;               // crossing kz_node -> zone
  double hours = 0.0;            // cn + crossing + clearance + last mile
  double cost_per_parcel = 0.0;  // cn + crossing + direct channel + last mile
  bool within_promise = false;   // hours ≤ promise_days × 24 (and direct allowed)
};

struct Network {
  scenario::Scenario scenario;         // the scenario the graph was built from (variant applied)
  std::vector<LinkArc> links;          // one per Scenario::links, same order
  std::vector<CrossingArc> crossings;  // one per Scenario::crossings, same order
  std::vector<SupplyRoute> supply;     // hub × usable crossing × site, where routes exist
  std::vector<DeliveryLeg> delivery;   // site × zone, every pair
  std::vector<DirectRoute> direct;     // hub × usable crossing × zone, direct-allowed zones
};

/// Builds the graph and enumerates the routes. The scenario must be valid
/// (scenario::load guarantees it); unknown node ids are skipped, never dereferenced.
Network build(const scenario::Scenario& s);

/// Cheapest route between two nodes over the links of one side (and one mode, if
/// given); nullopt when unreachable. Exposed for tests and the route engine.
std::optional<Route> cheapest_route(const Network& net,
                                    const std::string& from,
                                    const std::string& to,
                                    scenario::Country side,
                                    std::optional<scenario::Mode> mode);

/// The last-mile leg from a node to a zone node (explicit row or the rule).
LastMileLeg last_mile(const Network& net, const std::string& from, const std::string& zone_node);

}  // namespace corridor::network
