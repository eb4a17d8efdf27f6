#pragma once
// The scenario: plain value types read from a scenario folder (scenario.yaml +
// CSV tables), validated, with a variant applied. Nothing here solves anything.
// The folder format is documented in docs/scenario-format.md.

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "corridor/core/i18n.hpp"
#include "corridor/error.hpp"
#include "corridor/units.hpp"

namespace corridor::scenario {

enum class Country { kKZ, kCN };
enum class Mode { kRail, kRoad };
enum class NodeKind { kHub, kCity, kCrossing, kDryPort, kWarehouseSite, kZone, kJunction };
enum class CrossingStatus { kOperating, kPlanned, kClosed };
/// What one unit of a crossing's or link's capacity and cost counts.
enum class Unit { kContainer, kTruck, kParcel };

/// Where a row came from, for error messages and provenance.
struct RowRef {
  std::string file;  // table file name, e.g. "crossings.csv"
  int line = 0;      // 1-based physical line of the row
};

/// A name in the three languages beside English (optional columns name_ru, name_kk,
/// name_zh); empty when not given.
struct LocalNames {
  std::string ru;
  std::string kk;
  std::string zh;
};

struct Node {
  std::string id;
  std::string name;        // Latin script
  std::string name_local;  // Kazakh / Russian / Chinese names, UTF-8, may be empty
  LocalNames names;        // one name per language, for pages in that language
  NodeKind kind{};
  Country country{};
  double lat = 0.0;
  double lon = 0.0;
  std::string source;
  RowRef row;
};

/// A crossing for one mode between a CN-side node and a KZ-side node.
struct Crossing {
  std::string id;
  std::string name;
  LocalNames names;
  Mode mode{};
  std::string cn_node;
  std::string kz_node;
  double capacity_per_day = 0.0;  // in `unit`s per day (containers for rail, trucks for road)
  Unit unit = Unit::kContainer;
  double background_share = 0.0;  // share of capacity already used by other freight, [0,1)
  Hours processing_hours{0.0};    // border formalities per unit, mean
  Money fee_per_unit{0.0};
  bool gauge_change = false;  // rail 1435 mm -> 1520 mm transshipment
  Hours transshipment_hours{0.0};
  Money transshipment_cost_per_unit{0.0};
  int servers = 1;  // parallel processing lanes/tracks (simulation)
  double inspection_probability = 0.0;
  Hours inspection_hours{0.0};
  CrossingStatus status = CrossingStatus::kOperating;
  int opening_year = 0;  // 0 when operating since before the horizon
  std::string calendar;  // calendars.csv id
  std::string source;
  RowRef row;
};

/// A calendar rule: weekly opening hours, or a closed date range (holiday, closure).
struct CalendarRule {
  enum class Kind { kWeekly, kHoliday, kClosure };
  std::string calendar;  // calendar id
  Kind kind = Kind::kWeekly;
  unsigned weekdays = 0x7F;  // bit 0 = Monday ... bit 6 = Sunday (weekly rules)
  double open_hour = 0.0;    // [0,24]
  double close_hour = 24.0;  // [0,24], > open_hour
  std::string date_from;     // ISO yyyy-mm-dd (holiday/closure)
  std::string date_to;       // ISO yyyy-mm-dd, inclusive
  std::string note;
  std::string source;
  RowRef row;
};

struct Link {
  std::string id;
  std::string from;
  std::string to;
  Mode mode{};
  Km distance{0.0};
  Hours hours{0.0};
  Money cost_per_unit{0.0};
  Unit unit = Unit::kContainer;
  std::optional<double> capacity_per_day;  // in `unit`s per day; none = uncapacitated
  std::string source;
  RowRef row;
};

struct Hub {
  std::string id;
  std::string node;
  std::optional<double> supply_cap_per_day;  // parcels per day; none = unlimited
  std::string source;
  RowRef row;
};

struct SizeOption {
  std::string size;               // e.g. "S", "M", "L"
  double capacity_per_day = 0.0;  // parcels per day
  Money fixed_cost_per_year{0.0};
  Money handling_cost_per_parcel{0.0};
  std::string source;
  RowRef row;
};

struct WarehouseSite {
  std::string id;
  std::string node;
  bool existing = false;  // forced open
  std::vector<SizeOption> sizes;
  RowRef row;  // first row of the site
};

struct Zone {
  std::string id;
  std::string node;
  double parcels_per_day = 0.0;
  double growth_per_year = 0.0;  // fraction, e.g. 0.2 = +20 %/yr (informational for plan)
  double promise_days = 0.0;     // delivery promise, order to door
  bool direct_allowed = true;
  std::optional<double> stocked_share;  // fixed share from stock, none = free choice
  std::string source;
  RowRef row;
};

/// A dated event for simulation: peak days and capacity cuts (events.csv).
struct Event {
  enum class Kind { kPeak, kClosure, kCapacityCut };
  std::string id;
  Kind kind = Kind::kPeak;
  std::string target;     // crossing id for closure / capacity_cut, zone id or "*" for peak
  std::string date_from;  // ISO
  std::string date_to;    // ISO, inclusive
  double factor = 1.0;    // demand multiplier (peak) or remaining capacity share (cut)
  std::string source;
  RowRef row;
};

/// Last-mile rule for site->zone (and crossing->zone for direct) legs that have no
/// explicit row in links.csv: distance = great-circle x circuity.
struct LastMileRule {
  double circuity = 1.2;
  double speed_kmh = 50.0;
  Hours base_hours{24.0};
  Money cost_per_parcel{1.0};
  Money cost_per_parcel_km{0.002};
};

/// The direct cross-border channel: one parcel per order, cleared per parcel.
struct DirectChannel {
  Hours clearance_hours{48.0};
  Money cost_per_parcel{2.0};
};

struct Override {
  std::string table;  // nodes, crossings, links, hubs, warehouse_sites, zones
  std::string id;     // row id, or "*" for every row
  std::string field;
  enum class Op { kSet, kScale, kAdd, kRemove } op = Op::kSet;
  std::string value;                                     // kSet: new value as text; kScale: factor
  std::vector<std::pair<std::string, std::string>> row;  // kAdd: column -> value
  int yaml_line = 0;
};

struct Variant {
  std::string name;
  std::string description;
  std::vector<Override> overrides;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string currency;  // ISO 4217, e.g. "USD"
  int price_year = 0;
  int planning_days_per_year = 360;
  int base_year = 0;  // the year the plan is for (informational: a planned crossing carries
                      // flow only once a variant sets its status to operating)
  double parcels_per_container = 0.0;
  double parcels_per_truck = 0.0;
  Money unmet_penalty_per_parcel{0.0};
  /// Cost of one parcel-hour of waiting at a crossing (`value_of_time_per_parcel_hour`,
  /// optional): what congestion costs in the plan's objective when it models queues.
  /// Absent = 0: waits still count against promises but cost nothing.
  Money value_of_time_per_parcel_hour{0.0};
  LastMileRule last_mile;
  DirectChannel direct;
  std::string folder;   // as given by the user
  std::string variant;  // applied variant, empty for base

  std::vector<Node> nodes;
  std::vector<Crossing> crossings;
  std::vector<CalendarRule> calendars;
  std::vector<Link> links;
  std::vector<Hub> hubs;
  std::vector<WarehouseSite> sites;
  std::vector<Zone> zones;
  std::vector<Event> events;
  std::vector<Variant> variants;  // all variants declared in the manifest
  std::vector<Diagnostic> warnings;

  [[nodiscard]] const Node* find_node(const std::string& id) const;
  [[nodiscard]] const Crossing* find_crossing(const std::string& id) const;
  [[nodiscard]] const Zone* find_zone(const std::string& id) const;
  [[nodiscard]] const WarehouseSite* find_site(const std::string& id) const;
  /// Parcels in one unit: parcels_per_container, parcels_per_truck, or 1 for kParcel.
  [[nodiscard]] double parcels_per_unit(Unit u) const;
  /// True when the crossing carries flow: status is operating (after the variant).
  [[nodiscard]] bool crossing_usable(const Crossing& c) const;
  /// Sum of zone demand, parcels per day.
  [[nodiscard]] double total_demand_per_day() const;
};

/// Reads and validates a scenario folder, applying `variant` if non-empty.
/// Throws InputError listing every problem found; returns only a valid model.
/// Warnings (unknown columns, E107) are returned in Scenario::warnings.
Scenario load(const std::string& folder, const std::string& variant = {});

/// File name (relative to the scenario folder, e.g. "scenario.yaml", "nodes.csv") -> contents.
using FileMap = std::map<std::string, std::string>;

/// Same as load() but reads every file from `files` instead of the disk (a file absent
/// from the map is a missing file). `folder` only prefixes file names in diagnostics;
/// empty means diagnostics name bare files. Used by tests and the fuzz target.
Scenario load_from_memory(const FileMap& files,
                          const std::string& variant = {},
                          const std::string& folder = {});

/// Summary of a loaded scenario (what `corridor info --json` prints): counts, total
/// demand, capacity by crossing and mode, candidate sites with sizes. Stable keys,
/// documented in src/scenario/README.md.
nlohmann::json info_json(const Scenario& s);

/// The same summary as human-readable text (what `corridor info` prints).
std::string format_info(const Scenario& s);

/// One-line summary (what `corridor validate` prints on success).
std::string summary_line(const Scenario& s);

/// The canonical text of the loaded model (variant applied): one JSON document with
/// every value that affects a plan or a simulation, in a fixed key order, numbers in
/// shortest round-trip form, rows in file order (row order breaks ties in the route
/// engine). Independent of CSV formatting, column order, quoting, number spelling
/// ("1.50" = "1.5"), line endings and BOM. Left out: `source` columns, row positions,
/// the folder, the scenario's name and description, the variant's name and the other
/// variants' declarations (provenance and labels, not the model).
std::string canonical_text(const Scenario& s);

/// "sha256:" + the SHA-256 of canonical_text(s): what artefacts record as
/// `scenario_fingerprint` (corridor/core/artefact.hpp).
std::string fingerprint(const Scenario& s);

// ---------------------------------------------------------------- dates and opening
// One implementation of "when is a crossing open", read by the planner's queue model
// (src/design/congestion.cpp) and applied by the simulator (src/sim/prepare.cpp), so the
// two see the same weekly hours, holidays, closures and capacity cuts.

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil /
/// civil_from_days, O(1)).
long days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(long z, int& y, unsigned& m, unsigned& d);
/// Parses yyyy-mm-dd; false when malformed or not a real date.
bool parse_iso_date(const std::string& text, long& days);
std::string format_iso_date(long days);
/// 0 = Monday ... 6 = Sunday.
inline int weekday_of(long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }
/// 0 = January ... 11 = December.
int month_of(long days);

/// The calendar year a plan is for and a simulation starts in when no date is given.
constexpr int kDefaultPlanYear = 2025;
/// `base_year`, or kDefaultPlanYear when the scenario has none.
int plan_year(const Scenario& s);

/// A crossing's opening, day by day, over a run of days.
struct CrossingSchedule {
  using DayHours = std::vector<std::pair<double, double>>;  // open (from, to) hours in [0, 24]
  long first_day = 0;                                       // days since 1970-01-01 of day 0
  std::vector<DayHours> open;  // per day; empty on a holiday or closure
  std::vector<double> speed;   // per day: service speed (capacity cuts); empty = all 1
  bool calendar_known = true;  // false: the crossing names a calendar without rows

  /// Open hours of days [from, to) (clamped to the schedule), each weighted by that
  /// day's speed when `weighted`: the crossing's service capacity in server-hours / c.
  [[nodiscard]] double open_hours(int from, int to, bool weighted = false) const;
  /// Closed spells over the schedule taken as a cycle (the last spell runs into the
  /// first day's opening): their lengths in hours, in order. None when always open; one
  /// spell of the whole schedule when never open.
  [[nodiscard]] std::vector<double> closed_spells() const;
};

/// The schedule of crossing `cr` for `days` days from `first_day`: its calendar's weekly
/// rows (none = open around the clock) and, when `closures`, the calendar's holiday and
/// closure rows and the crossing's closure and capacity-cut events (a cut to 0 closes).
CrossingSchedule crossing_schedule(
    const Scenario& s, const Crossing& cr, long first_day, int days, bool closures);

std::string to_string(Mode m);
std::string to_string(Country c);
std::string to_string(NodeKind k);
std::string to_string(CrossingStatus s);
std::string to_string(Unit u);

/// The name to show in `lang`: that language's name when the scenario gives one,
/// else the English (Latin-script) name.
const std::string& name_in(const std::string& name, const LocalNames& names, core::Lang lang);

}  // namespace corridor::scenario
