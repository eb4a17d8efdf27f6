// prepare(): Scenario + Plan + SimOptions -> ModelInput (see model.hpp).
// Leg times come from links.csv (Dijkstra on hours, preferring the lane's mode) or the
// scenario's last-mile rule; a leg with neither falls back to great circle x circuity
// at options.fallback_speed_kmh and is named in a warning.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <tuple>
#include <unordered_map>

#include "corridor/core/geo.hpp"
#include "corridor/error.hpp"
#include "model.hpp"

namespace corridor::sim {
namespace {

using scenario::Mode;

class Legs {
 public:
  Legs(const scenario::Scenario& s, const SimOptions& o, std::vector<std::string>& warnings)
      : s_(s), o_(o), warnings_(warnings) {
    for (std::size_t i = 0; i < s.nodes.size(); ++i) index_[s.nodes[i].id] = i;
    adj_.resize(s.nodes.size());
    for (const auto& l : s.links) {
      auto f = index_.find(l.from), t = index_.find(l.to);
      if (f == index_.end() || t == index_.end()) continue;
      adj_[f->second].push_back({t->second, l.hours.value(), l.mode});
    }
    for (const auto& l : s.links) link_hours_[l.id] = l.hours.value();
  }

  [[nodiscard]] const scenario::Node* node(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &s_.nodes[it->second];
  }

  /// Linehaul hours from -> to: shortest path over links of `mode`, then of any mode.
  double linehaul(const std::string& from, const std::string& to, Mode mode) {
    if (from == to) return 0.0;
    auto key = std::make_tuple(from, to, static_cast<int>(mode));
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    double h = dijkstra(from, to, &mode);
    if (!std::isfinite(h)) h = dijkstra(from, to, nullptr);
    if (!std::isfinite(h)) {
      h = fallback(from, to);
      warnings_.push_back(
          fmt::format("no path {} -> {} in links: great circle at {} km/h ({:.1f} h) assumed",
                      from,
                      to,
                      o_.fallback_speed_kmh,
                      h));
    }
    cache_[key] = h;
    return h;
  }

  /// Last-mile hours: an explicit link if there is one, else the scenario's rule.
  double last_mile(const std::string& from, const std::string& to) {
    if (from == to) return s_.last_mile.base_hours.value();
    double best = std::numeric_limits<double>::infinity();
    for (const auto& l : s_.links)
      if (l.from == from && l.to == to) best = std::min(best, l.hours.value());
    if (std::isfinite(best)) return best;
    return last_mile_rule(from, to);
  }

  /// Hours along the plan's own path of flow `f` (its `legs`: link ids, the crossing
  /// id, `last_mile` for a leg by the rule between route[i] and route[i + 1]), split
  /// at the crossing: {before, after}. Empty when the plan gives no legs or names a
  /// link the scenario lacks; the caller then finds a path itself.
  std::optional<std::pair<double, double>> plan_path(const design::FlowPath& f) const {
    if (f.legs.empty()) return std::nullopt;
    double before = 0.0, after = 0.0;
    bool past = f.crossing.empty();  // outbound flows: everything is after
    for (std::size_t i = 0; i < f.legs.size(); ++i) {
      const auto& id = f.legs[i];
      if (!f.crossing.empty() && id == f.crossing) {
        past = true;
        continue;
      }
      double h = 0.0;
      if (id == "last_mile") {
        if (i + 1 >= f.route.size()) return std::nullopt;
        h = last_mile_rule(f.route[i], f.route[i + 1]);
      } else {
        auto it = link_hours_.find(id);
        if (it == link_hours_.end()) return std::nullopt;
        h = it->second;
      }
      (past ? after : before) += h;
    }
    return std::make_pair(before, after);
  }

  double last_mile_rule(const std::string& from, const std::string& to) const {
    if (from == to) return s_.last_mile.base_hours.value();
    const auto* a = node(from);
    const auto* b = node(to);
    if (!a || !b) return s_.last_mile.base_hours.value();
    const double km = core::great_circle_km(a->lat, a->lon, b->lat, b->lon) *
                      std::max(1.0, s_.last_mile.circuity);
    const double speed = s_.last_mile.speed_kmh > 0 ? s_.last_mile.speed_kmh : 50.0;
    return s_.last_mile.base_hours.value() + km / speed;
  }

 private:
  struct Arc {
    std::size_t to;
    double hours;
    Mode mode;
  };

  double dijkstra(const std::string& from, const std::string& to, const Mode* mode) const {
    auto f = index_.find(from), t = index_.find(to);
    if (f == index_.end() || t == index_.end()) return std::numeric_limits<double>::infinity();
    std::vector<double> dist(adj_.size(), std::numeric_limits<double>::infinity());
    using Item = std::pair<double, std::size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
    dist[f->second] = 0.0;
    pq.push({0.0, f->second});
    while (!pq.empty()) {
      auto [d, u] = pq.top();
      pq.pop();
      if (d > dist[u]) continue;
      if (u == t->second) return d;
      for (const auto& a : adj_[u]) {
        if (mode && a.mode != *mode) continue;
        if (d + a.hours < dist[a.to]) {
          dist[a.to] = d + a.hours;
          pq.push({dist[a.to], a.to});
        }
      }
    }
    return std::numeric_limits<double>::infinity();
  }

  double fallback(const std::string& from, const std::string& to) const {
    const auto* a = node(from);
    const auto* b = node(to);
    if (!a || !b) return 0.0;
    return core::great_circle_km(a->lat, a->lon, b->lat, b->lon) *
           std::max(1.0, s_.last_mile.circuity) / o_.fallback_speed_kmh;
  }

  const scenario::Scenario& s_;
  const SimOptions& o_;
  std::vector<std::string>& warnings_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::vector<Arc>> adj_;
  std::map<std::tuple<std::string, std::string, int>, double> cache_;
  std::unordered_map<std::string, double> link_hours_;
};

void check_options(const SimOptions& o, DiagnosticSink& sink) {
  auto bad = [&](const char* field, const std::string& msg) {
    sink.error(ErrorCode::kBadOption, "options", 0, 0, field, msg);
  };
  if (o.days < 1) bad("days", fmt::format("must be >= 1, got {}", o.days));
  if (o.warmup_days < 0) bad("warmup", fmt::format("must be >= 0, got {}", o.warmup_days));
  if (o.replications < 1) bad("replications", fmt::format("must be >= 1, got {}", o.replications));
  if (o.threads < 0) bad("threads", fmt::format("must be >= 0, got {}", o.threads));
  if (!(o.demand_scale >= 0.0) || !std::isfinite(o.demand_scale))
    bad("demand_scale", "must be a finite number >= 0");
  if (!(o.capacity_scale > 0.0) || !std::isfinite(o.capacity_scale))
    bad("capacity_scale", "must be a finite number > 0");
  for (double w : o.weekday_profile)
    if (!(w >= 0.0) || !std::isfinite(w)) bad("weekday_profile", "entries must be >= 0");
  for (double w : o.month_profile)
    if (!(w >= 0.0) || !std::isfinite(w)) bad("month_profile", "entries must be >= 0");
  if (!(o.review_hour >= 0.0 && o.review_hour < 24.0)) bad("review_hour", "must be in [0, 24)");
  if (!(o.safety_days >= 0.0)) bad("safety_days", "must be >= 0");
  if (!(o.order_up_to_days >= 0.0)) bad("order_up_to_days", "must be >= 0");
  if (o.train_hours.empty()) bad("train_hours", "needs at least one departure hour");
  for (double h : o.train_hours)
    if (!(h >= 0.0 && h < 24.0)) bad("train_hours", fmt::format("{} is not in [0, 24)", h));
  if ((o.train_weekdays & 0x7F) == 0) bad("train_weekdays", "needs at least one day");
  if (!(o.truck_max_wait_hours > 0.0)) bad("truck_max_wait_hours", "must be > 0");
  for (auto [name, v] : {std::pair{"service_cv", o.service_cv},
                         {"transshipment_cv", o.transshipment_cv},
                         {"linehaul_cv", o.linehaul_cv},
                         {"last_mile_cv", o.last_mile_cv},
                         {"clearance_cv", o.clearance_cv}})
    if (!(v >= 0.0) || !std::isfinite(v)) bad(name, "must be a finite number >= 0");
  if (!(o.fallback_speed_kmh > 0.0)) bad("fallback_speed_kmh", "must be > 0");
  if (!(o.histogram_bin_days > 0.0) || !(o.histogram_max_days > 2 * o.histogram_bin_days))
    bad("histogram_bin_days", "need 0 < histogram_bin_days < histogram_max_days / 2");
}

double mean_of(const double* v, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += v[i];
  return s / static_cast<double>(n);
}

std::uint32_t parcels_per_unit(const scenario::Scenario& s, scenario::Unit u) {
  double v = 1.0;
  if (u == scenario::Unit::kContainer) v = s.parcels_per_container;
  if (u == scenario::Unit::kTruck) v = s.parcels_per_truck;
  return static_cast<std::uint32_t>(std::max(1.0, std::floor(v)));
}

}  // namespace

ModelInput prepare(const scenario::Scenario& s, const design::Plan& plan, const SimOptions& o) {
  DiagnosticSink sink;
  check_options(o, sink);
  long start = 0;
  std::string start_text = o.start_date;
  if (start_text.empty())
    start_text = fmt::format("{:04d}-01-01", s.base_year > 0 ? s.base_year : 2025);
  if (!parse_iso_date(start_text, start))
    sink.error(ErrorCode::kBadOption,
               "options",
               0,
               0,
               "start_date",
               fmt::format("'{}' is not a yyyy-mm-dd date", o.start_date));
  sink.throw_if_errors();

  ModelInput in;
  in.warmup_days = o.warmup_days;
  in.days = o.days;
  in.total_days = o.warmup_days + o.days;
  in.first_day = start - o.warmup_days;
  in.train_hours = o.train_hours;
  std::sort(in.train_hours.begin(), in.train_hours.end());
  in.train_weekdays = o.train_weekdays & 0x7F;
  in.truck_max_wait = o.truck_max_wait_hours;
  in.unit_per_parcel = o.unit_per_parcel;
  in.background = o.background_traffic;
  in.review_hour = o.review_hour;
  in.safety_days = o.safety_days;
  in.forecast_peaks = o.forecast_peaks;
  in.bin_days = o.histogram_bin_days;
  in.max_days = o.histogram_max_days;
  in.time_series = o.time_series;
  in.clearance = Duration(Dist::kLognormal, s.direct.clearance_hours.value(), o.clearance_cv);

  Legs legs(s, o, in.warnings);
  std::unordered_map<std::string, const scenario::Crossing*> crossing_by_id;
  for (const auto& c : s.crossings) crossing_by_id[c.id] = &c;
  std::unordered_map<std::string, const scenario::Hub*> hub_by_id;
  for (const auto& h : s.hubs) hub_by_id[h.id] = &h;
  std::unordered_map<std::string, const scenario::Zone*> zone_by_id;
  for (const auto& z : s.zones) zone_by_id[z.id] = &z;
  std::unordered_map<std::string, std::uint32_t> site_index;
  std::unordered_map<std::string, std::string> site_node;
  for (const auto& w : s.sites) site_node[w.id] = w.node;

  // --- sites (open warehouses of the plan)
  for (std::size_t i = 0; i < plan.warehouses.size(); ++i) {
    const auto& w = plan.warehouses[i];
    if (site_index.count(w.site)) continue;
    if (!site_node.count(w.site) && legs.node(w.node) == nullptr) {
      sink.error(ErrorCode::kBadPlanFile,
                 "plan",
                 0,
                 0,
                 fmt::format("warehouses[{}].site", i),
                 fmt::format("site '{}' is not in the scenario", w.site));
      continue;
    }
    if (!w.node.empty()) site_node[w.site] = w.node;
    site_index[w.site] = static_cast<std::uint32_t>(in.sites.size());
    SiteIn site;
    site.id = w.site;
    site.capacity_per_day = w.capacity_per_day * o.capacity_scale;
    site.pick_hours = site.capacity_per_day > 0 ? 24.0 / site.capacity_per_day : 0.0;
    if (site.capacity_per_day <= 0)
      in.warnings.push_back(
          fmt::format("warehouse {}: no pick capacity: picks are instant", w.site));
    in.sites.push_back(site);
  }

  // --- zones of the plan, then the flows serving them
  std::unordered_map<std::string, std::uint32_t> zone_index;
  std::vector<double> zone_demand;
  auto add_zone = [&](const std::string& id, double demand, double promise) {
    zone_index[id] = static_cast<std::uint32_t>(in.zones.size());
    ZoneIn z;
    z.id = id;
    z.promise_days = promise;
    if (z.promise_days <= 0) {
      auto it = zone_by_id.find(id);
      z.promise_days = it != zone_by_id.end() ? it->second->promise_days : 0.0;
    }
    in.zones.push_back(z);
    zone_demand.push_back(demand);
  };
  for (const auto& z : plan.zones) {
    if (zone_index.count(z.zone)) continue;
    if (!zone_by_id.count(z.zone)) {
      sink.error(ErrorCode::kBadPlanFile,
                 "plan",
                 0,
                 0,
                 "zones",
                 fmt::format("zone '{}' is not in the scenario", z.zone));
      continue;
    }
    add_zone(z.zone, z.demand_per_day, z.promise_days);
  }

  std::map<std::tuple<std::string, std::string, std::string>, std::uint32_t> lane_index;
  auto lane_for = [&](const std::string& hub,
                      const std::string& crossing,
                      const std::string& site,
                      std::size_t flow) -> std::uint32_t {
    const auto own = legs.plan_path(plan.flows[flow]);
    auto key = std::make_tuple(hub, crossing, site);
    if (auto it = lane_index.find(key); it != lane_index.end()) return it->second;
    auto h = hub_by_id.find(hub);
    auto c = crossing_by_id.find(crossing);
    if (h == hub_by_id.end() || c == crossing_by_id.end()) {
      sink.error(ErrorCode::kBadPlanFile,
                 "plan",
                 0,
                 0,
                 fmt::format("flows[{}]", flow),
                 fmt::format("unknown {} '{}'",
                             h == hub_by_id.end() ? "hub" : "crossing",
                             h == hub_by_id.end() ? hub : crossing));
      return kNone;
    }
    // Crossings are indexed in scenario order once used.
    std::uint32_t xi = kNone;
    for (std::uint32_t k = 0; k < in.crossings.size(); ++k)
      if (in.crossings[k].id == crossing) xi = k;
    if (xi == kNone) {
      xi = static_cast<std::uint32_t>(in.crossings.size());
      CrossingIn x;
      x.id = crossing;
      in.crossings.push_back(x);
    }
    const auto& cr = *c->second;
    LaneIn lane;
    lane.hub = static_cast<std::uint32_t>(h->second - s.hubs.data());
    lane.crossing = xi;
    lane.rail = cr.mode == Mode::kRail;
    lane.unit_parcels = o.unit_per_parcel ? 1 : parcels_per_unit(s, cr.unit);
    lane.to_crossing =
        Duration(Dist::kLognormal,
                 own ? own->first : legs.linehaul(h->second->node, cr.cn_node, cr.mode),
                 o.linehaul_cv);
    if (!site.empty()) {
      lane.site = site_index.at(site);
      lane.to_site =
          Duration(Dist::kLognormal,
                   own ? own->second : legs.linehaul(cr.kz_node, site_node.at(site), cr.mode),
                   o.linehaul_cv);
    }
    const auto li = static_cast<std::uint32_t>(in.lanes.size());
    in.lanes.push_back(lane);
    lane_index[key] = li;
    return li;
  };

  std::vector<double> zone_served(in.zones.size(), 0.0);
  std::vector<std::vector<std::pair<std::uint32_t, double>>> inbound(in.sites.size());
  for (std::size_t i = 0; i < plan.flows.size(); ++i) {
    const auto& f = plan.flows[i];
    if (f.parcels_per_day <= 0.0) continue;
    if (f.channel == "inbound") {
      auto si = site_index.find(f.site);
      if (si == site_index.end()) {
        sink.error(ErrorCode::kBadPlanFile,
                   "plan",
                   0,
                   0,
                   fmt::format("flows[{}].site", i),
                   fmt::format("inbound flow to '{}', which the plan does not open", f.site));
        continue;
      }
      const auto li = lane_for(f.hub, f.crossing, f.site, i);
      if (li != kNone) inbound[si->second].emplace_back(li, f.parcels_per_day);
      continue;
    }
    if (f.channel != "outbound" && f.channel != "direct") {
      sink.error(ErrorCode::kBadPlanFile,
                 "plan",
                 0,
                 0,
                 fmt::format("flows[{}].channel", i),
                 fmt::format("unknown channel '{}'", f.channel));
      continue;
    }
    auto zi = zone_index.find(f.zone);
    if (zi == zone_index.end()) {
      if (!zone_by_id.count(f.zone)) {
        sink.error(ErrorCode::kBadPlanFile,
                   "plan",
                   0,
                   0,
                   fmt::format("flows[{}].zone", i),
                   fmt::format("zone '{}' is not in the scenario", f.zone));
        continue;
      }
      add_zone(f.zone, 0.0, 0.0);
      zone_served.push_back(0.0);
      zi = zone_index.find(f.zone);
    }
    const auto& zone_node = zone_by_id.at(f.zone)->node;
    ChoiceIn ch;
    ch.zone = zi->second;
    ch.base_per_day = f.parcels_per_day * o.demand_scale;
    if (f.channel == "outbound") {
      auto si = site_index.find(f.site);
      if (si == site_index.end()) {
        sink.error(ErrorCode::kBadPlanFile,
                   "plan",
                   0,
                   0,
                   fmt::format("flows[{}].site", i),
                   fmt::format("outbound flow from '{}', which the plan does not open", f.site));
        continue;
      }
      ch.kind = ChoiceIn::kStocked;
      ch.site = si->second;
      const auto own = legs.plan_path(f);
      ch.to_door = Duration(Dist::kLognormal,
                            own ? own->second : legs.last_mile(site_node.at(f.site), zone_node),
                            o.last_mile_cv);
    } else {
      const auto li = lane_for(f.hub, f.crossing, "", i);
      if (li == kNone) continue;
      ch.kind = ChoiceIn::kDirect;
      ch.lane = li;
      const auto own = legs.plan_path(f);
      ch.to_door = Duration(
          Dist::kLognormal,
          own ? own->second : legs.last_mile(crossing_by_id.at(f.crossing)->kz_node, zone_node),
          o.last_mile_cv);
    }
    zone_served[ch.zone] += f.parcels_per_day;
    in.choices.push_back(ch);
  }
  sink.throw_if_errors();
  for (std::uint32_t z = 0; z < in.zones.size(); ++z) {
    const double unmet = zone_demand[z] - zone_served[z];
    if (unmet > 1e-9 * std::max(1.0, zone_demand[z])) {
      ChoiceIn ch;
      ch.kind = ChoiceIn::kUnserved;
      ch.zone = z;
      ch.base_per_day = unmet * o.demand_scale;
      in.choices.push_back(ch);
    }
  }

  // --- demand multipliers per day and zone
  const double wk_mean = mean_of(o.weekday_profile.data(), 7);
  const double mo_mean = mean_of(o.month_profile.data(), 12);
  double max_cover = o.order_up_to_days;
  // Cover is only known once lanes are set; leave room for 60 days of forecast.
  const int factor_days = in.total_days + 62 + static_cast<int>(std::ceil(max_cover));
  const std::size_t nz = in.zones.size();
  in.zone_factor.assign(static_cast<std::size_t>(factor_days) * nz, 1.0);
  std::vector<std::tuple<long, long, double, std::string>> peaks;
  if (o.peaks)
    for (const auto& e : s.events)
      if (e.kind == scenario::Event::Kind::kPeak) {
        long a = 0, b = 0;
        if (parse_iso_date(e.date_from, a) && parse_iso_date(e.date_to, b))
          peaks.emplace_back(a, b, e.factor, e.target);
      }
  for (int d = 0; d < factor_days; ++d) {
    const long date = in.first_day + d;
    const double base = (wk_mean > 0 ? o.weekday_profile[weekday_of(date)] / wk_mean : 1.0) *
                        (mo_mean > 0 ? o.month_profile[month_of(date)] / mo_mean : 1.0);
    for (std::size_t z = 0; z < nz; ++z) {
      double f = base;
      for (const auto& [a, b, k, target] : peaks)
        if (date >= a && date <= b && (target == "*" || target == in.zones[z].id)) f *= k;
      in.zone_factor[static_cast<std::size_t>(d) * nz + z] = f;
    }
  }

  // --- crossings: service, calendar, background
  const int cal_days = in.total_days + 8;
  for (auto& x : in.crossings) {
    const auto& cr = *crossing_by_id.at(x.id);
    x.name = cr.name;
    x.mode = cr.mode == Mode::kRail ? "rail" : "road";
    x.servers = std::max(1, cr.servers);
    x.service_mean = cr.processing_hours.value() / o.capacity_scale;
    x.service =
        Duration(o.service_distribution == Distribution::kExponential ? Dist::kExponential
                 : o.service_distribution == Distribution::kLognormal ? Dist::kLognormal
                                                                      : Dist::kDeterministic,
                 x.service_mean,
                 o.service_cv);
    x.inspection_p = cr.inspection_probability;
    x.inspection = Duration(Dist::kExponential, cr.inspection_hours.value());
    if (cr.mode == Mode::kRail && cr.gauge_change)
      x.transshipment =
          Duration(Dist::kLognormal, cr.transshipment_hours.value(), o.transshipment_cv);
    if (cr.status != scenario::CrossingStatus::kOperating)
      in.warnings.push_back(
          fmt::format("crossing {} is not operating in the scenario but carries plan flow", x.id));

    // Weekly hours of the calendar; no weekly rule at all = open around the clock.
    std::vector<std::vector<std::pair<double, double>>> week(7);
    std::vector<std::pair<long, long>> closed;
    bool has_weekly = false, known = cr.calendar.empty();
    for (const auto& r : s.calendars) {
      if (r.calendar != cr.calendar) continue;
      known = true;
      if (r.kind == scenario::CalendarRule::Kind::kWeekly) {
        has_weekly = true;
        for (int w = 0; w < 7; ++w)
          if (r.weekdays & (1u << w)) week[w].emplace_back(r.open_hour, r.close_hour);
      } else if (o.closures) {
        long a = 0, b = 0;
        if (parse_iso_date(r.date_from, a) && parse_iso_date(r.date_to, b))
          closed.emplace_back(a, b);
      }
    }
    if (!known)
      in.warnings.push_back(
          fmt::format("crossing {}: calendar '{}' has no rows: always open", x.id, cr.calendar));
    if (!has_weekly)
      for (auto& w : week) w.assign(1, {0.0, 24.0});
    std::vector<std::pair<long, std::pair<long, double>>> cuts;  // from, (to, factor)
    if (o.closures)
      for (const auto& e : s.events) {
        if (e.target != x.id) continue;
        long a = 0, b = 0;
        if (!parse_iso_date(e.date_from, a) || !parse_iso_date(e.date_to, b)) continue;
        if (e.kind == scenario::Event::Kind::kClosure) closed.emplace_back(a, b);
        if (e.kind == scenario::Event::Kind::kCapacityCut) {
          if (e.factor <= 0.0)
            closed.emplace_back(a, b);
          else
            cuts.push_back({a, {b, e.factor}});
        }
      }
    double week_open = 0.0;
    for (const auto& w : week) {
      OpeningCalendar one({w});
      week_open += one.open_hours(0.0, 24.0);
    }
    std::vector<std::vector<std::pair<double, double>>> per_day(static_cast<std::size_t>(cal_days));
    for (int d = 0; d < cal_days; ++d) {
      const long date = in.first_day + d;
      bool shut = false;
      for (const auto& [a, b] : closed) shut = shut || (date >= a && date <= b);
      if (!shut) per_day[static_cast<std::size_t>(d)] = week[weekday_of(date)];
    }
    x.calendar = OpeningCalendar(per_day);
    if (!cuts.empty()) {
      x.speed.assign(static_cast<std::size_t>(cal_days), 1.0);
      for (int d = 0; d < cal_days; ++d) {
        const long date = in.first_day + d;
        for (const auto& [a, bf] : cuts)
          if (date >= a && date <= bf.first)
            x.speed[static_cast<std::size_t>(d)] =
                std::min(x.speed[static_cast<std::size_t>(d)], bf.second);
      }
    }
    const double open_share = week_open / 168.0;
    if (in.background && cr.background_share > 0.0 && x.service_mean > 0.0)
      x.background_per_hour = cr.background_share * x.servers * open_share / x.service_mean;
  }

  // --- lanes: train groups; sites: inbound shares, cover, forecast
  for (std::uint32_t li = 0; li < in.lanes.size(); ++li) {
    auto& lane = in.lanes[li];
    if (!lane.rail || in.unit_per_parcel) continue;
    std::uint32_t g = kNone;
    for (std::uint32_t k = 0; k < in.groups.size(); ++k)
      if (in.groups[k].hub == lane.hub && in.groups[k].crossing == lane.crossing) g = k;
    if (g == kNone) {
      g = static_cast<std::uint32_t>(in.groups.size());
      GroupIn grp;
      grp.hub = lane.hub;
      grp.crossing = lane.crossing;
      grp.to_crossing = lane.to_crossing;
      in.groups.push_back(grp);
    }
    lane.group = g;
    in.groups[g].lanes.push_back(li);
  }
  int train_days = 0;
  for (int w = 0; w < 7; ++w) train_days += (in.train_weekdays >> w) & 1u;
  const double train_gap = 168.0 / (train_days * static_cast<double>(in.train_hours.size()));

  std::vector<double> corridor_units_per_day(in.crossings.size(), 0.0);
  for (std::uint32_t si = 0; si < in.sites.size(); ++si) {
    auto& site = in.sites[si];
    double total = 0.0;
    for (const auto& [li, ppd] : inbound[si]) total += ppd;
    double cum = 0.0, lead = 0.0;
    for (const auto& [li, ppd] : inbound[si]) {
      cum += ppd;
      site.inbound.emplace_back(li, total > 0 ? cum / total : 1.0);
      const auto& lane = in.lanes[li];
      const auto& x = in.crossings[lane.crossing];
      const double wait = in.unit_per_parcel ? 0.0 : lane.rail ? train_gap : in.truck_max_wait;
      lead = std::max(lead,
                      lane.to_crossing.mean() + wait + 2.0 * x.service_mean +
                          x.inspection_p * x.inspection.mean() + x.transshipment.mean() +
                          lane.to_site.mean());
    }
    if (!site.inbound.empty()) site.inbound.back().second = 1.0;
    for (const auto& ch : in.choices)
      if (ch.kind == ChoiceIn::kStocked && ch.site == si) site.base_per_day += ch.base_per_day;
    site.cover_days = o.order_up_to_days > 0 ? o.order_up_to_days : 1.0 + lead / 24.0;
    if (site.inbound.empty() && site.base_per_day > 0)
      in.warnings.push_back(fmt::format(
          "warehouse {}: serves zones but has no inbound flow: stock runs out", site.id));
  }
  const int forecast_days = factor_days;
  for (std::uint32_t si = 0; si < in.sites.size(); ++si) {
    auto& site = in.sites[si];
    site.rate.assign(static_cast<std::size_t>(forecast_days), site.base_per_day);
    if (!o.forecast_peaks) continue;
    std::fill(site.rate.begin(), site.rate.end(), 0.0);
    for (const auto& ch : in.choices)
      if (ch.kind == ChoiceIn::kStocked && ch.site == si)
        for (int d = 0; d < forecast_days; ++d)
          site.rate[static_cast<std::size_t>(d)] +=
              ch.base_per_day * in.zone_factor[static_cast<std::size_t>(d) * nz + ch.zone];
  }

  // --- offered load per crossing (a warning when it reaches the service capacity)
  for (const auto& site : in.sites)
    for (std::size_t k = 0; k < site.inbound.size(); ++k) {
      const double prev = k ? site.inbound[k - 1].second : 0.0;
      const auto& lane = in.lanes[site.inbound[k].first];
      corridor_units_per_day[lane.crossing] +=
          site.base_per_day * (site.inbound[k].second - prev) / lane.unit_parcels;
    }
  for (const auto& ch : in.choices)
    if (ch.kind == ChoiceIn::kDirect)
      corridor_units_per_day[in.lanes[ch.lane].crossing] +=
          ch.base_per_day / in.lanes[ch.lane].unit_parcels;
  for (std::size_t xi = 0; xi < in.crossings.size(); ++xi) {
    const auto& x = in.crossings[xi];
    const double open = x.calendar.open_hours(0.0, 24.0 * in.total_days) / in.total_days;
    const double capacity = x.service_mean > 0 ? x.servers * open / x.service_mean : 1e300;
    const double load = corridor_units_per_day[xi] + x.background_per_hour * 24.0;
    if (load >= 0.98 * capacity)
      in.warnings.push_back(fmt::format(
          "crossing {}: offered load {:.1f} units/day against a service capacity of {:.1f}: its "
          "queue will keep growing",
          x.id,
          load,
          capacity));
  }
  return in;
}

}  // namespace corridor::sim
