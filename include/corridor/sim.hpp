#pragma once
// `corridor simulate`: a parcel-level discrete-event simulation of a Plan on its
// Scenario. Orders arrive per zone, are fulfilled from warehouse stock or travel as
// direct cross-border parcels, warehouses replenish through the plan's inbound paths
// in containers and trucks, crossings are multi-server queues with calendars,
// closures, inspections and gauge change. Replications run in parallel, each on its
// own random stream, so a seed reproduces sim.json byte for byte whatever the thread
// count. The model and the sim.json schema are documented in docs/simulation.md.

#include <array>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "corridor/core/output.hpp"
#include "corridor/plan.hpp"
#include "corridor/scenario.hpp"

namespace corridor::sim {

/// How a random duration varies around its mean.
enum class Distribution {
  kDeterministic,  // always the mean
  kExponential,    // coefficient of variation 1 (memoryless)
  kLognormal,      // with the coefficient of variation given next to it
};

/// What simulate() reports while it runs (from the calling thread, about once a second).
struct SimProgress {
  double simulated_days = 0.0;  // summed over replications (finished + running)
  double total_days = 0.0;      // replications x (warmup + days)
  std::uint64_t events = 0;     // events processed so far, all replications
  double elapsed_seconds = 0.0;
};

/// Every tunable of the simulation, with its default and meaning.
struct SimOptions {
  // --- horizon and replications
  int days = 365;          // measured days, from start_date on (statistics cover these)
  int warmup_days = 30;    // simulated before start_date and discarded (system fills up)
  std::string start_date;  // ISO yyyy-mm-dd of the first measured day; empty = Jan 1 of
                           // the scenario's base_year (2025 when it has none)
  int replications = 5;    // independent runs; KPIs report mean and 95 % CI across them
  std::uint64_t seed = 1;  // replication r uses stream_seed(seed, r)
  int threads = 0;         // worker threads; 0 = hardware concurrency. Never changes results

  // --- demand
  double demand_scale = 1.0;  // multiplies every flow of the plan (orders per day)
  /// Weekday multipliers, Monday..Sunday; normalised to mean 1 (they shape, not scale).
  /// Default: an estimate, not fitted to data: orders highest early in the week and
  /// lowest at the weekend, the usual shape of online retail orders (the default
  /// scenario's README counts on it for its "Monday peak").
  std::array<double, 7> weekday_profile{1.10, 1.05, 1.00, 1.00, 1.00, 0.95, 0.90};
  /// Month multipliers, January..December; normalised to mean 1. Default: an estimate
  /// of the seasonality of Kazakh e-commerce, not fitted to data: low in February, flat
  /// through summer, high in November (11.11, Black Friday) and December (New Year).
  /// The single-day peaks themselves are the scenario's `peak` events, not this profile.
  std::array<double, 12> month_profile{
      0.90, 0.85, 0.95, 0.95, 0.95, 0.95, 0.95, 1.00, 1.00, 1.05, 1.20, 1.25};
  bool peaks = true;  // apply the scenario's `peak` events (demand factor on dates)

  // --- replenishment: order-up-to S, reviewed daily
  double review_hour = 6.0;       // hour of day at which every warehouse orders
  double safety_days = 2.0;       // safety stock, in days of the site's mean demand
  double order_up_to_days = 0.0;  // cover of S in days of forecast demand; 0 = automatic:
                                  // 1 (review period) + the site's nominal lead time in days
  bool forecast_peaks = true;     // S follows the known profiles and peak events ahead

  // --- consolidation (hub -> crossing)
  /// Rail: a train leaves every hub for each rail crossing at these hours of each day in
  /// train_weekdays and carries every parcel waiting there, in containers of
  /// parcels_per_container (the last one of each lane partly filled).
  std::vector<double> train_hours{8.0, 20.0};
  unsigned train_weekdays = 0x7F;      // bit 0 = Monday ... bit 6 = Sunday
  double truck_max_wait_hours = 12.0;  // road: a truck leaves when full or when its first
                                       // parcel has waited this long
  bool unit_per_parcel = false;        // every parcel is its own unit and leaves at once
                                       // (no consolidation; the M/M/c validation uses it)

  // --- crossings
  Distribution service_distribution = Distribution::kExponential;  // processing time per unit
  double service_cv = 1.0;         // its coefficient of variation when lognormal
  bool background_traffic = true;  // other freight: Poisson units that use background_share
                                   // of the crossing's open server time
  bool closures = true;            // apply calendars' holidays/closures and closure/cut events
  double transshipment_cv = 0.3;   // gauge change time: lognormal around transshipment_hours
  // customs inspection delay: exponential with mean inspection_hours (scenario)

  // --- travel times (lognormal around the nominal hours; cv 0 = deterministic)
  double linehaul_cv = 0.15;   // hub -> crossing and crossing -> warehouse
  double last_mile_cv = 0.30;  // warehouse -> zone and crossing -> zone
  double clearance_cv = 0.50;  // direct parcels' clearance (direct_channel.clearance_hours)
  // The nominal hours themselves are the network module's (network::build): the routes
  // and last-mile legs the plan was made on. A plan flow the network has no route for is
  // bad input (kBadPlanFile).

  // --- warehouses
  double capacity_scale = 1.0;  // multiplies crossing service rates and pick capacity
                                // (with demand_scale: scale studies at constant utilisation)

  // --- statistics
  double histogram_bin_days = 0.01;  // delivery-time histogram bin (percentile precision)
  double histogram_max_days = 90.0;  // values above go to an overflow bin (exact max kept)
  bool time_series = true;           // per-day series (timeseries.csv)

  // --- progress (not part of the result)
  std::function<void(const SimProgress&)> on_progress;  // called about once a second
  double progress_after_seconds = 3.0;                  // ... once the run is this old
};

/// Mean and 95 % confidence half-width (Student t) across replications, with the range.
struct Stat {
  double mean = 0.0;
  double ci95 = 0.0;
  double min = 0.0;
  double max = 0.0;
};

/// Final states of orders at the end of the horizon. Every created order is in exactly
/// one; simulate() throws if they do not add up.
struct OrderStates {
  std::uint64_t created = 0;
  std::uint64_t delivered = 0;     // at the door by the end
  std::uint64_t to_door = 0;       // picked, or cleared at the border, travelling last mile
  std::uint64_t at_warehouse = 0;  // allocated from stock, waiting for pick/pack capacity
  std::uint64_t backordered = 0;   // waiting for stock at a warehouse
  std::uint64_t at_hub = 0;        // direct parcel waiting for its train or truck at a hub
  std::uint64_t to_crossing = 0;   // direct parcel on the CN linehaul to the crossing
  std::uint64_t at_crossing = 0;   // direct parcel queued, processed, inspected or transshipped
  std::uint64_t unserved = 0;      // demand the plan does not serve (plan's unmet)
  [[nodiscard]] std::uint64_t accounted() const {
    return delivered + to_door + at_warehouse + backordered + at_hub + to_crossing + at_crossing +
           unserved;
  }
};

/// Delivery-time KPIs of orders created in the measured window and delivered by its end.
/// Times are order to door, in days.
struct DeliveryStats {
  std::string zone;  // "*" for all zones
  double promise_days = 0.0;
  Stat orders;     // orders created in the window
  Stat delivered;  // ... of which delivered by the end
  Stat mean_days;
  Stat p50_days, p90_days, p95_days, p99_days;
  Stat max_days;
  Stat on_time_share;  // delivered within promise_days / delivered
};

struct CrossingStats {
  std::string crossing;
  std::string name;
  std::string mode;  // rail | road
  int servers = 1;
  double service_hours = 0.0;   // mean processing per unit (after capacity_scale)
  Stat units_per_day;           // units arriving (corridor + background)
  Stat corridor_units_per_day;  // units of this plan's flows
  Stat parcels_per_day;         // parcels of this plan's flows through the crossing
  Stat wait_hours_mean;         // queue wait before service, per unit
  Stat wait_hours_max;
  Stat queue_mean;  // time-average units waiting
  Stat queue_max;
  Stat in_system_mean;     // time-average units queued or in service (L)
  Stat system_hours_mean;  // mean queue + service time per unit (W)
  Stat arrivals_per_hour;  // lambda, all units
  Stat little_gap;         // (L - lambda W) / L: Little's law check, ~0
  Stat utilisation;        // busy server time / (servers x window)
  Stat utilisation_open;   // busy server time / (servers x open time in window)
  Stat open_share;         // open time / window
};

/// Crossings of one mode together.
struct ModeStats {
  std::string mode;  // rail | road
  int crossings = 0;
  Stat units_per_day;           // all units arriving at crossings of this mode
  Stat corridor_units_per_day;  // units of this plan's flows
  Stat parcels_per_day;         // parcels of this plan's flows
  Stat wait_hours_mean;         // per unit, over every crossing of the mode
  Stat wait_hours_max;
  Stat queue_mean;  // time-average units waiting, summed over the mode's crossings
};

struct SiteStats {
  std::string site;
  double capacity_per_day = 0.0;  // pick/pack (after capacity_scale)
  double order_up_to_days = 0.0;  // cover used for S
  Stat orders;                    // orders routed to the site in the window
  Stat backordered_orders;        // ... that found no stock (stock-outs)
  Stat fill_rate;                 // share served from stock on arrival
  Stat stockout_days;             // days ending with backorders waiting
  Stat stock_mean;                // time-average on-hand parcels
  Stat replenished_per_day;       // parcels received per day
  Stat pick_utilisation;          // picks / capacity
};

/// One replication's exact counts (for auditing and the balance check).
struct ReplicationSummary {
  int index = 0;
  std::uint64_t seed = 0;
  OrderStates orders;
  std::uint64_t events = 0;
};

/// Per-day series, mean across replications. Columns are named in `columns`:
/// day, date, orders, deliveries, backordered, mean_delivery_days (of the day's orders),
/// queue:<crossing> (time-average units waiting), stock:<site> (end of day on hand).
struct TimeSeries {
  std::vector<std::string> columns;  // excluding `date`, which is in `dates`
  std::vector<std::string> dates;
  std::vector<std::vector<double>> rows;
};

/// sim.json's schema (corridor/core/artefact.hpp): "corridor.sim/2".
inline constexpr const char* kSimSchema = "corridor.sim";
inline constexpr int kSimSchemaVersion = 2;

struct SimResult {
  // Artefact header (docs/artefacts.md).
  std::string scenario;
  std::string variant;
  std::string scenario_fingerprint;
  std::string corridor_version;
  std::string start_date;
  int days = 0;
  int warmup_days = 0;
  int replications = 0;
  std::uint64_t seed = 0;

  /// Orders by final state, mean across replications.
  Stat created, delivered, to_door, at_warehouse, backordered, at_hub, to_crossing, at_crossing,
      unserved;
  DeliveryStats overall;
  std::vector<DeliveryStats> zones;
  std::vector<CrossingStats> crossings;
  std::vector<ModeStats> modes;  // "rail" then "road", those with a crossing in use
  std::vector<SiteStats> sites;
  Stat events;
  std::vector<ReplicationSummary> runs;
  TimeSeries series;
  std::vector<std::string> warnings;
  double histogram_bin_days = 0.0;
};

/// Simulates `plan` on `scenario`. Throws InputError (kBadOption / kBadPlanFile) on bad
/// options or a plan that names what the scenario lacks, a crossing not operating in it
/// or a route its network does not have; throws std::logic_error if the
/// order count does not balance (a bug, never expected).
SimResult simulate(const scenario::Scenario& scenario,
                   const design::Plan& plan,
                   const SimOptions& options);

/// sim.json (schema "corridor.sim/2", docs/simulation.md). Numbers are rounded to 9
/// significant digits so the text is stable.
void to_json(nlohmann::ordered_json& j, const SimResult& r);

/// Reads sim.json back into a SimResult: the inverse of to_json (to_json of the result is
/// the same text). Every key to_json writes is required and must have its type: a missing
/// or mistyped key is an error, never a default. `histogram_bin_days` is read from
/// `delivery.percentile_method`; `series` is not in sim.json (timeseries.csv) and stays
/// empty; keys it does not know are ignored. Throws InputError with
/// ErrorCode::kBadArtefact naming `file` and each problem's JSON path
/// (`crossings[2].wait_hours_mean.ci95`), every problem at once; a wrong or missing
/// `schema` is reported alone (the rest would be noise).
void from_json(const nlohmann::json& j, SimResult& r, const std::string& file);

/// The same with no file name in the diagnostics (what `j.get<SimResult>()` calls).
void from_json(const nlohmann::json& j, SimResult& r);

/// Reads timeseries.csv (what add_outputs writes) back into `series`: a `date` column,
/// then one number per column. Throws InputError (kBadArtefact / kMalformedCsv) with
/// every problem, located in `file` by line and column.
void read_timeseries(const std::string& text, const std::string& file, TimeSeries& series);

/// What the report shows of a result: the result as sim.json and timeseries.csv hold
/// it (numbers rounded as written), so a report rendered now and one regenerated later
/// from the files are the same page.
SimResult as_written(const SimResult& r);

/// Adds sim.json and timeseries.csv to `out` (published together by the caller).
void add_outputs(const SimResult& result, core::OutputSet& out);

}  // namespace corridor::sim
