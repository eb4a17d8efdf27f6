// canonical_text() and fingerprint(): see include/corridor/scenario.hpp. Each table's
// rows become arrays of values in a fixed column order (not objects), so the text is
// compact and a renamed struct field cannot silently change it.

#include <nlohmann/json.hpp>

#include "corridor/core/artefact.hpp"
#include "corridor/scenario.hpp"

namespace corridor::scenario {

namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json local_names(const LocalNames& n) { return Json::array({n.ru, n.kk, n.zh}); }

Json nodes(const Scenario& s) {
  Json a = Json::array();
  for (const auto& n : s.nodes)
    a.push_back(Json::array({n.id,
                             n.name,
                             n.name_local,
                             to_string(n.kind),
                             to_string(n.country),
                             n.lat,
                             n.lon,
                             local_names(n.names)}));
  return a;
}

Json crossings(const Scenario& s) {
  Json a = Json::array();
  for (const auto& c : s.crossings)
    a.push_back(Json::array({c.id,
                             c.name,
                             local_names(c.names),
                             to_string(c.mode),
                             c.cn_node,
                             c.kz_node,
                             c.capacity_per_day,
                             to_string(c.unit),
                             c.background_share,
                             c.processing_hours.value(),
                             c.fee_per_unit.value(),
                             c.gauge_change,
                             c.transshipment_hours.value(),
                             c.transshipment_cost_per_unit.value(),
                             c.servers,
                             c.inspection_probability,
                             c.inspection_hours.value(),
                             to_string(c.status),
                             c.opening_year,
                             c.calendar}));
  return a;
}

std::string kind_name(CalendarRule::Kind k) {
  switch (k) {
    case CalendarRule::Kind::kWeekly:
      return "weekly";
    case CalendarRule::Kind::kHoliday:
      return "holiday";
    case CalendarRule::Kind::kClosure:
      return "closure";
  }
  return "?";
}

std::string kind_name(Event::Kind k) {
  switch (k) {
    case Event::Kind::kPeak:
      return "peak";
    case Event::Kind::kClosure:
      return "closure";
    case Event::Kind::kCapacityCut:
      return "capacity_cut";
  }
  return "?";
}

Json calendars(const Scenario& s) {
  Json a = Json::array();
  for (const auto& r : s.calendars)
    a.push_back(Json::array({r.calendar,
                             kind_name(r.kind),
                             r.weekdays,
                             r.open_hour,
                             r.close_hour,
                             r.date_from,
                             r.date_to}));
  return a;
}

Json links(const Scenario& s) {
  Json a = Json::array();
  for (const auto& l : s.links)
    a.push_back(Json::array({l.id,
                             l.from,
                             l.to,
                             to_string(l.mode),
                             l.distance.value(),
                             l.hours.value(),
                             l.cost_per_unit.value(),
                             to_string(l.unit),
                             optional_number(l.capacity_per_day)}));
  return a;
}

Json hubs(const Scenario& s) {
  Json a = Json::array();
  for (const auto& h : s.hubs)
    a.push_back(Json::array({h.id, h.node, optional_number(h.supply_cap_per_day)}));
  return a;
}

Json sites(const Scenario& s) {
  Json a = Json::array();
  for (const auto& w : s.sites) {
    Json sizes = Json::array();
    for (const auto& o : w.sizes)
      sizes.push_back(Json::array({o.size,
                                   o.capacity_per_day,
                                   o.fixed_cost_per_year.value(),
                                   o.handling_cost_per_parcel.value()}));
    a.push_back(Json::array({w.id, w.node, w.existing, sizes}));
  }
  return a;
}

Json zones(const Scenario& s) {
  Json a = Json::array();
  for (const auto& z : s.zones)
    a.push_back(Json::array({z.id,
                             z.node,
                             z.parcels_per_day,
                             z.growth_per_year,
                             z.promise_days,
                             z.direct_allowed,
                             optional_number(z.stocked_share)}));
  return a;
}

Json events(const Scenario& s) {
  Json a = Json::array();
  for (const auto& e : s.events)
    a.push_back(Json::array({e.id, kind_name(e.kind), e.target, e.date_from, e.date_to, e.factor}));
  return a;
}

}  // namespace

std::string canonical_text(const Scenario& s) {
  Json j = Json::object();
  j["format"] = "corridor.scenario.canonical/1";
  j["currency"] = s.currency;
  j["price_year"] = s.price_year;
  j["planning_days_per_year"] = s.planning_days_per_year;
  j["base_year"] = s.base_year;
  j["parcels_per_container"] = s.parcels_per_container;
  j["parcels_per_truck"] = s.parcels_per_truck;
  j["unmet_penalty_per_parcel"] = s.unmet_penalty_per_parcel.value();
  // Only when set, so scenarios without it keep the fingerprint they always had.
  if (s.value_of_time_per_parcel_hour.value() != 0.0)
    j["value_of_time_per_parcel_hour"] = s.value_of_time_per_parcel_hour.value();
  j["last_mile"] = Json::array({s.last_mile.circuity,
                                s.last_mile.speed_kmh,
                                s.last_mile.base_hours.value(),
                                s.last_mile.cost_per_parcel.value(),
                                s.last_mile.cost_per_parcel_km.value()});
  j["direct"] = Json::array({s.direct.clearance_hours.value(), s.direct.cost_per_parcel.value()});
  j["nodes"] = nodes(s);
  j["crossings"] = crossings(s);
  j["calendars"] = calendars(s);
  j["links"] = links(s);
  j["hubs"] = hubs(s);
  j["warehouse_sites"] = sites(s);
  j["zones"] = zones(s);
  j["events"] = events(s);
  return j.dump();
}

std::string fingerprint(const Scenario& s) { return "sha256:" + sha256_hex(canonical_text(s)); }

}  // namespace corridor::scenario
