// The scenario summary behind `corridor info` and `corridor validate`: counts, demand,
// crossing capacity gross and net of background traffic, candidate sites.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "corridor/core/text.hpp"
#include "corridor/scenario.hpp"

namespace corridor::scenario {
namespace {

struct ModeCapacity {
  int crossings = 0;
  double units_per_day = 0.0;
  double gross = 0.0;
  double net = 0.0;
};

double gross_parcels(const Scenario& s, const Crossing& c) {
  return c.capacity_per_day * s.parcels_per_unit(c.unit);
}
double net_parcels(const Scenario& s, const Crossing& c) {
  return gross_parcels(s, c) * (1.0 - c.background_share);
}

int usable_count(const Scenario& s) {
  int n = 0;
  for (const auto& c : s.crossings) n += s.crossing_usable(c) ? 1 : 0;
  return n;
}

std::size_t size_options(const Scenario& s) {
  std::size_t n = 0;
  for (const auto& site : s.sites) n += site.sizes.size();
  return n;
}

std::size_t calendar_count(const Scenario& s) {
  std::vector<std::string> ids;
  for (const auto& c : s.calendars)
    if (std::find(ids.begin(), ids.end(), c.calendar) == ids.end()) ids.push_back(c.calendar);
  return ids.size();
}

// Capacity of the usable crossings, by mode.
struct UsableCapacity {
  ModeCapacity rail;
  ModeCapacity road;
};

UsableCapacity usable_capacity(const Scenario& s) {
  UsableCapacity u;
  for (const auto& c : s.crossings) {
    if (!s.crossing_usable(c)) continue;
    ModeCapacity& m = c.mode == Mode::kRail ? u.rail : u.road;
    m.crossings += 1;
    m.units_per_day += c.capacity_per_day;
    m.gross += gross_parcels(s, c);
    m.net += net_parcels(s, c);
  }
  return u;
}

/// 1234567.8 -> "1,234,568"; small non-integers keep two decimals.
std::string num(double v) {
  if (!(std::fabs(v) < 1e15)) return fmt::format("{:.6g}", v);  // beyond exact digits
  const bool small_fraction = std::fabs(v) < 100.0 && std::fabs(v - std::round(v)) > 1e-9;
  return core::grouped(v, small_fraction ? 2 : 0);
}

}  // namespace

namespace {

using nlohmann::json;

json counts_json(const Scenario& s) {
  return {{"nodes", s.nodes.size()},
          {"crossings", s.crossings.size()},
          {"crossings_usable", usable_count(s)},
          {"calendars", calendar_count(s)},
          {"calendar_rules", s.calendars.size()},
          {"links", s.links.size()},
          {"hubs", s.hubs.size()},
          {"warehouse_sites", s.sites.size()},
          {"size_options", size_options(s)},
          {"zones", s.zones.size()},
          {"events", s.events.size()},
          {"variants", s.variants.size()}};
}

json demand_json(const Scenario& s) {
  const double demand = s.total_demand_per_day();
  int direct_zones = 0;
  for (const auto& z : s.zones) direct_zones += z.direct_allowed ? 1 : 0;
  return {{"parcels_per_day", demand},
          {"parcels_per_year", demand * s.planning_days_per_year},
          {"zones_direct_allowed", direct_zones}};
}

json crossings_json(const Scenario& s) {
  json crossings = json::array();
  for (const auto& c : s.crossings)
    crossings.push_back({{"id", c.id},
                         {"name", c.name},
                         {"mode", to_string(c.mode)},
                         {"status", to_string(c.status)},
                         {"usable", s.crossing_usable(c)},
                         {"cn_node", c.cn_node},
                         {"kz_node", c.kz_node},
                         {"unit", to_string(c.unit)},
                         {"capacity_units_per_day", c.capacity_per_day},
                         {"parcels_per_unit", s.parcels_per_unit(c.unit)},
                         {"background_share", c.background_share},
                         {"capacity_parcels_per_day_gross", gross_parcels(s, c)},
                         {"capacity_parcels_per_day_net", net_parcels(s, c)},
                         {"calendar", c.calendar}});
  return crossings;
}

json mode_json(const ModeCapacity& m) {
  return json{{"crossings_usable", m.crossings},
              {"units_per_day", m.units_per_day},
              {"parcels_per_day_gross", m.gross},
              {"parcels_per_day_net", m.net}};
}

json hubs_json(const Scenario& s) {
  json hubs = json::array();
  for (const auto& h : s.hubs)
    hubs.push_back({{"id", h.id},
                    {"node", h.node},
                    {"supply_cap_per_day",
                     h.supply_cap_per_day ? json(*h.supply_cap_per_day) : json(nullptr)}});
  return hubs;
}

json sites_json(const Scenario& s) {
  json sites = json::array();
  for (const auto& site : s.sites) {
    json sizes = json::array();
    for (const auto& o : site.sizes)
      sizes.push_back({{"size", o.size},
                       {"capacity_per_day", o.capacity_per_day},
                       {"fixed_cost_per_year", o.fixed_cost_per_year.value()},
                       {"handling_cost_per_parcel", o.handling_cost_per_parcel.value()}});
    const Node* n = s.find_node(site.node);
    sites.push_back({{"id", site.id},
                     {"node", site.node},
                     {"name", n != nullptr ? n->name : std::string()},
                     {"existing", site.existing},
                     {"sizes", sizes}});
  }
  return sites;
}

json variants_json(const Scenario& s) {
  json variants = json::array();
  for (const auto& v : s.variants)
    variants.push_back(
        {{"name", v.name}, {"description", v.description}, {"overrides", v.overrides.size()}});
  return variants;
}

}  // namespace

nlohmann::json info_json(const Scenario& s) {
  json j;
  j["scenario"] = s.name;
  j["variant"] = s.variant;
  j["description"] = s.description;
  j["currency"] = s.currency;
  j["price_year"] = s.price_year;
  j["base_year"] = s.base_year;
  j["planning_days_per_year"] = s.planning_days_per_year;
  j["parcels_per_container"] = s.parcels_per_container;
  j["parcels_per_truck"] = s.parcels_per_truck;
  j["counts"] = counts_json(s);
  j["demand"] = demand_json(s);
  j["crossings"] = crossings_json(s);
  const UsableCapacity u = usable_capacity(s);
  j["capacity_by_mode"] = {{"rail", mode_json(u.rail)}, {"road", mode_json(u.road)}};
  j["capacity_parcels_per_day_net"] = u.rail.net + u.road.net;
  j["hubs"] = hubs_json(s);
  j["warehouse_sites"] = sites_json(s);
  j["variants"] = variants_json(s);
  j["warnings"] = s.warnings.size();
  return j;
}

std::string summary_line(const Scenario& s) {
  return fmt::format(
      "ok: {} (variant: {}): {} nodes, {} crossings ({} usable), {} links, {} hubs, {} sites "
      "({} size options), {} zones, {} events; demand {} parcels/day; {} warning{}",
      s.name,
      s.variant.empty() ? "base" : s.variant,
      s.nodes.size(),
      s.crossings.size(),
      usable_count(s),
      s.links.size(),
      s.hubs.size(),
      s.sites.size(),
      size_options(s),
      s.zones.size(),
      s.events.size(),
      num(s.total_demand_per_day()),
      s.warnings.size(),
      s.warnings.size() == 1 ? "" : "s");
}

namespace {

// Shares (0..1) are printed in per cent.
constexpr double kPercent = 100.0;

// format_info's output, one line at a time.
class Lines {
 public:
  void operator()(const std::string& l) {
    out_ += l;
    out_ += '\n';
  }
  std::string take() && { return std::move(out_); }

 private:
  std::string out_;
};

void header_lines(const Scenario& s, Lines& line) {
  line(fmt::format("scenario {} (variant: {})", s.name, s.variant.empty() ? "base" : s.variant));
  if (!s.description.empty()) line("  " + s.description);
  line(
      fmt::format("  money in {} at {} prices; plan year {}; {} days/year; {} parcels/container, "
                  "{} parcels/truck",
                  s.currency,
                  s.price_year,
                  s.base_year,
                  s.planning_days_per_year,
                  num(s.parcels_per_container),
                  num(s.parcels_per_truck)));
  line(
      fmt::format("  {} nodes, {} crossings ({} usable), {} calendars, {} links, {} hubs, {} "
                  "warehouse sites ({} size options), {} zones, {} events, {} variant{}",
                  s.nodes.size(),
                  s.crossings.size(),
                  usable_count(s),
                  calendar_count(s),
                  s.links.size(),
                  s.hubs.size(),
                  s.sites.size(),
                  size_options(s),
                  s.zones.size(),
                  s.events.size(),
                  s.variants.size(),
                  s.variants.size() == 1 ? "" : "s"));
  const double demand = s.total_demand_per_day();
  line(fmt::format("demand: {} parcels/day, {} parcels/year",
                   num(demand),
                   num(demand * s.planning_days_per_year)));
}

// Every crossing's capacity, then the usable totals by mode against demand.
void crossing_lines(const Scenario& s, Lines& line) {
  line("crossings (capacity per day; net = after the background share of other freight):");
  line(fmt::format("  {:<18} {:<4} {:<9} {:>10} {:<9} {:>13} {:>6} {:>12}",
                   "id",
                   "mode",
                   "status",
                   "units",
                   "unit",
                   "gross parcels",
                   "bg",
                   "net parcels"));
  for (const auto& c : s.crossings)
    line(fmt::format("  {:<18} {:<4} {:<9} {:>10} {:<9} {:>13} {:>5.1f}% {:>12}",
                     c.id,
                     to_string(c.mode),
                     to_string(c.status),
                     num(c.capacity_per_day),
                     to_string(c.unit),
                     num(gross_parcels(s, c)),
                     kPercent * c.background_share,
                     num(net_parcels(s, c))));
  const UsableCapacity u = usable_capacity(s);
  const double demand = s.total_demand_per_day();
  line(fmt::format("  usable rail: {} crossings, {} containers/day, {} parcels/day net",
                   u.rail.crossings,
                   num(u.rail.units_per_day),
                   num(u.rail.net)));
  line(fmt::format("  usable road: {} crossings, {} trucks/day, {} parcels/day net",
                   u.road.crossings,
                   num(u.road.units_per_day),
                   num(u.road.net)));
  line(fmt::format("  usable total: {} parcels/day net ({:.0f}% of demand)",
                   num(u.rail.net + u.road.net),
                   demand > 0 ? kPercent * (u.rail.net + u.road.net) / demand : 0.0));
}

void site_lines(const Scenario& s, Lines& line) {
  line(fmt::format("candidate warehouse sites (fixed cost per year and handling per parcel in {}):",
                   s.currency));
  for (const auto& site : s.sites) {
    const Node* n = s.find_node(site.node);
    line(fmt::format("  {} at {}{}",
                     site.id,
                     n != nullptr ? n->name : site.node,
                     site.existing ? " (existing, forced open)" : ""));
    for (const auto& o : site.sizes)
      line(fmt::format("    {:<6} {:>10} parcels/day  fixed {:>12}  handling {}",
                       o.size,
                       num(o.capacity_per_day),
                       num(o.fixed_cost_per_year.value()),
                       num(o.handling_cost_per_parcel.value())));
  }
}

void variant_lines(const Scenario& s, Lines& line) {
  if (s.variants.empty()) return;
  line("");
  line("variants:");
  for (const auto& v : s.variants)
    line(fmt::format("  {:<20} {} ({} override{})",
                     v.name,
                     v.description,
                     v.overrides.size(),
                     v.overrides.size() == 1 ? "" : "s"));
}

}  // namespace

std::string format_info(const Scenario& s) {
  Lines line;
  header_lines(s, line);
  line("");
  crossing_lines(s, line);
  line("");
  site_lines(s, line);
  variant_lines(s, line);
  return std::move(line).take();
}

}  // namespace corridor::scenario
