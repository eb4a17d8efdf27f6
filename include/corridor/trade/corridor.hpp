#pragma once
// What the corridor can carry (docs/niches.md, "What the corridor can carry"): the join
// of a niches result with a corridor scenario and a plan. The niches measures
// (corridor/trade.hpp) never depend on it; this is the only part of the trade module
// that reads a scenario, its network and a plan.
//
// Method. For every usable crossing of the scenario, the units (containers, trucks)
// that come west per day are the plan's flow plus the crossing's other freight
// (capacity × background_share), at most the capacity. Every unit returns east; a share
// of them loaded (a sourced setting per mode), the rest empty: spare eastbound units =
// westbound × (1 − loaded share), × a payload per unit (a setting) = spare tonnes. The
// exporter's containerisable niches (grow ∪ diversify, untapped potential > 0) are
// converted to tonnes with their US$/kg where the flows have quantities, and ranked by
// the untapped potential that fits the total spare tonnes, each alone: untapped ×
// min(1, spare / needed). Where no quantity is known the niche keeps its untapped
// potential and gets the break-even value density (US$/kg) above which it fits.
// Transit time and cost from each crossing's Kazakh node to the destination (Ürümqi):
// the crossing plus the network's cheapest CN-side route of the crossing's mode from
// the destination to the crossing, reversed (the eastbound path is the westbound one
// run backwards, at the same hours and cost).
//
// Complexity: one network::build, then O(X) route look-ups for X crossings and
// O(N log N) for N candidate niches.

#include <string>

#include "corridor/plan.hpp"
#include "corridor/scenario.hpp"
#include "corridor/trade.hpp"

namespace corridor::trade {

/// Every setting of the corridor section, with its default and its source
/// (docs/niches.md lists the sources).
struct CorridorSettings {
  /// Share of returning (eastbound) rail units that are loaded. Default 0.49: an
  /// estimate derived from Altynkol's 2025 volume, 16.1 Mt of which 5.3 Mt exports to
  /// China (5.3 / 10.8 westbound), corroborated by "trains return half empty" (2016).
  double loaded_share_rail = 0.49;
  /// The same for trucks. No road figure is known: rail's share is taken (estimate).
  double loaded_share_road = 0.49;
  /// Tonnes in one loaded 40-ft container (estimate: below the ~26.7 t maximum payload).
  double payload_container_t = 20;
  /// Tonnes in one loaded truck: CAREC's road cost unit, a 20 t truckload.
  double payload_truck_t = 20;
  /// The node the eastbound goods go to: Ürümqi in the default scenario.
  std::string destination = "CN_URUMQI";
  /// The exporter on the Kazakh side and the market on the Chinese side.
  std::string kz = "KAZ", cn = "CHN";
  /// Where the plan came from, for the record ("solved" when solved here).
  std::string plan_file = "solved";
};

/// The corridor section for `r` (its KAZ → CHN direction) on scenario `s` (variant
/// applied) with the westbound flows of `plan`. Throws InputError: E505 when the plan
/// was made for another scenario or variant, E501 when it holds no plan, E503 when the
/// analysis has no KAZ → CHN direction or the destination is not a node of `s`.
CorridorFit fit_corridor(const NichesResult& r,
                         const scenario::Scenario& s,
                         const design::Plan& plan,
                         const CorridorSettings& settings = {});

}  // namespace corridor::trade
