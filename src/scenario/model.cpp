#include <algorithm>

#include "corridor/scenario.hpp"

namespace corridor::scenario {

std::string to_string(Mode m) { return m == Mode::kRail ? "rail" : "road"; }

std::string to_string(Country c) { return c == Country::kKZ ? "KZ" : "CN"; }

std::string to_string(NodeKind k) {
  switch (k) {
    case NodeKind::kHub:
      return "hub";
    case NodeKind::kCity:
      return "city";
    case NodeKind::kCrossing:
      return "crossing";
    case NodeKind::kDryPort:
      return "dry_port";
    case NodeKind::kWarehouseSite:
      return "warehouse_site";
    case NodeKind::kZone:
      return "zone";
    case NodeKind::kJunction:
      return "junction";
  }
  return "?";
}

std::string to_string(CrossingStatus s) {
  switch (s) {
    case CrossingStatus::kOperating:
      return "operating";
    case CrossingStatus::kPlanned:
      return "planned";
    case CrossingStatus::kClosed:
      return "closed";
  }
  return "?";
}

std::string to_string(Unit u) {
  switch (u) {
    case Unit::kContainer:
      return "container";
    case Unit::kTruck:
      return "truck";
    case Unit::kParcel:
      return "parcel";
  }
  return "?";
}

const std::string& name_in(const std::string& name, const LocalNames& names, core::Lang lang) {
  const std::string* local = nullptr;
  switch (lang) {
    case core::Lang::kRu:
      local = &names.ru;
      break;
    case core::Lang::kKk:
      local = &names.kk;
      break;
    case core::Lang::kZh:
      local = &names.zh;
      break;
    case core::Lang::kEn:
      break;
  }
  return local != nullptr && !local->empty() ? *local : name;
}

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& v, const std::string& id) {
  auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
  return it == v.end() ? nullptr : &*it;
}
}  // namespace

const Node* Scenario::find_node(const std::string& id) const { return find_by_id(nodes, id); }

const Crossing* Scenario::find_crossing(const std::string& id) const {
  return find_by_id(crossings, id);
}

const Zone* Scenario::find_zone(const std::string& id) const { return find_by_id(zones, id); }

const WarehouseSite* Scenario::find_site(const std::string& id) const {
  return find_by_id(sites, id);
}

double Scenario::parcels_per_unit(Unit u) const {
  switch (u) {
    case Unit::kContainer:
      return parcels_per_container;
    case Unit::kTruck:
      return parcels_per_truck;
    case Unit::kParcel:
      return 1.0;
  }
  return 1.0;
}

bool Scenario::crossing_usable(const Crossing& c) const {
  return c.status == CrossingStatus::kOperating;
}

double Scenario::total_demand_per_day() const {
  double sum = 0.0;
  for (const auto& z : zones) sum += z.parcels_per_day;
  return sum;
}

}  // namespace corridor::scenario
