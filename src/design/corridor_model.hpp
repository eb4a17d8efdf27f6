#pragma once
// The corridor as a generic solver::Model, and the way back from a solver::Solution
// to a Plan. The mapping (docs/design-model.md):
//   facilities = warehouse sites, options = size options (unit cost = handling × days);
//   customers  = zones; a zone with a fixed stocked_share is split into a stocked-only
//                customer (arcs only) and a direct-only customer (direct paths only);
//   arcs       = site -> zone last-mile legs within the zone's promise;
//   supply     = hub -> crossing -> site routes (resources: crossing, capacitated
//                links on the route, the hub's supply cap);
//   direct     = hub -> crossing -> zone routes within the promise (same resources);
//   unmet      = penalty per parcel × days.
// Building is O(|supply| + |delivery| + |direct|) after network::build.

#include <string>
#include <vector>

#include "corridor/design.hpp"
#include "corridor/network.hpp"
#include "corridor/solver/model.hpp"

namespace corridor::design {

struct CorridorModel {
  enum class Part { kAny, kStocked, kDirect };
  struct Customer {
    int zone = 0;  // index into Scenario::zones
    Part part = Part::kAny;
  };
  enum class ResourceKind { kCrossing, kLink, kHub };
  struct ResourceRef {
    ResourceKind kind = ResourceKind::kCrossing;
    int index = 0;  // into Network::crossings, Network::links or Scenario::hubs
  };

  network::Network net;
  solver::Model model;
  double days = 360.0;                 // planning days per year
  std::vector<Customer> customers;     // per model customer
  std::vector<int> arc_delivery;       // model arc -> Network::delivery index
  std::vector<int> supply_route;       // model supply path -> Network::supply index
  std::vector<int> direct_route;       // model direct path -> Network::direct index
  std::vector<ResourceRef> resources;  // per model resource
};

/// Builds the network and the solver model for a (variant-applied) scenario.
CorridorModel build_corridor_model(const scenario::Scenario& s, const PlanOptions& options);

/// Reads a solution of cm.model back into corridor terms.
Plan make_plan(const CorridorModel& cm, const solver::Solution& sol);

/// A Plan carrying only the solve's outcome (status, objective, bound, gap, effort).
Plan plan_outcome(const solver::Solution& sol);

/// solver::SolveOptions from the user's options.
solver::SolveOptions solve_options(const PlanOptions& options);

}  // namespace corridor::design
