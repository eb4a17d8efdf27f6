#pragma once
// The corridor model: what simulate() runs once per replication.
//
// prepare() turns a Scenario + Plan + SimOptions into a read-only ModelInput shared by
// every replication (zones' order choices, lanes hub -> crossing -> destination, rail
// train groups, crossings with calendars, warehouses with their replenishment paths).
// run_replication() simulates one replication on its own Rng and returns its raw
// counts; simulate.cpp aggregates replications into a SimResult.
//
// Events are only scheduled where parcels interact (arrivals, timetables, truck
// timeouts, crossing queues, stock receipts). A parcel's pick/pack (a FIFO fluid server
// per warehouse) and last mile are computed on the spot, so an order served from stock
// costs one arrival event; its delivery is filed under its future day.

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "corridor/sim.hpp"
#include "random.hpp"
#include "stats.hpp"

namespace corridor::sim {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

struct ZoneIn {
  std::string id;
  double promise_days = 0.0;
};

/// One way a zone's orders are served (a flow of the plan).
struct ChoiceIn {
  enum Kind : std::uint8_t { kStocked, kDirect, kUnserved };
  Kind kind = kUnserved;
  std::uint32_t zone = 0;
  std::uint32_t site = kNone;  // kStocked
  std::uint32_t lane = kNone;  // kDirect
  double base_per_day = 0.0;   // orders per day before profiles and peaks
  Duration to_door;            // site -> zone (stocked) or crossing -> zone (direct)
};

/// Hub -> crossing -> destination (a warehouse, or zones for direct parcels).
struct LaneIn {
  std::uint32_t hub = 0;
  std::uint32_t crossing = 0;
  std::uint32_t site = kNone;  // kNone: direct parcels
  bool rail = false;
  std::uint32_t unit_parcels = 1;  // parcels per container / truck
  std::uint32_t group = kNone;     // rail train group
  Duration to_crossing;            // hub -> crossing's CN node
  Duration to_site;                // crossing's KZ node -> warehouse
};

/// Rail lanes sharing a hub and a crossing leave on the same train.
struct GroupIn {
  std::uint32_t hub = 0;
  std::uint32_t crossing = 0;
  std::vector<std::uint32_t> lanes;
  Duration to_crossing;
};

struct CrossingIn {
  std::string id, name, mode;
  int servers = 1;
  double service_mean = 0.0;
  Duration service;
  double inspection_p = 0.0;
  Duration inspection;
  Duration transshipment;  // rail gauge change (deterministic 0 when none)
  double background_per_hour = 0.0;
  OpeningCalendar calendar;
  std::vector<double> speed;  // per day: service speed factor (capacity cuts); empty = 1
};

struct SiteIn {
  std::string id;
  double capacity_per_day = 0.0;
  double pick_hours = 0.0;  // 24 / capacity
  double base_per_day = 0.0;
  double cover_days = 0.0;  // order-up-to cover (incl. the review period)
  std::vector<std::pair<std::uint32_t, double>> inbound;  // lane, cumulative share
  std::vector<double> rate;  // expected orders per internal day (forecast)
};

struct ModelInput {
  std::vector<ZoneIn> zones;
  std::vector<ChoiceIn> choices;
  std::vector<LaneIn> lanes;
  std::vector<GroupIn> groups;
  std::vector<CrossingIn> crossings;
  std::vector<SiteIn> sites;
  std::vector<double> zone_factor;  // [day * zones + zone]: profile x peak multiplier
  int warmup_days = 0;
  int days = 0;
  int total_days = 0;  // warmup + days
  long first_day = 0;  // date of internal day 0 (days since 1970-01-01)
  Duration clearance;
  std::vector<double> train_hours;  // sorted
  unsigned train_weekdays = 0x7F;
  double truck_max_wait = 12.0;
  bool unit_per_parcel = false;
  bool background = true;
  double review_hour = 6.0;
  double safety_days = 0.0;
  bool forecast_peaks = true;
  double bin_days = 0.01;
  double max_days = 90.0;
  bool time_series = true;
  std::vector<std::string> warnings;
};

ModelInput prepare(const scenario::Scenario& scenario,
                   const design::Plan& plan,
                   const SimOptions& options);

/// Raw results of one replication.
struct RepOut {
  OrderStates states;
  std::uint64_t events = 0;
  struct Zone {
    std::uint64_t created = 0, delivered = 0, on_time = 0;
    Histogram hist;
  };
  std::vector<Zone> zones;
  struct Crossing {
    std::uint64_t arrivals = 0, corridor_units = 0, parcels = 0;
    std::uint64_t waits = 0;
    double wait_sum = 0.0, wait_max = 0.0;
    std::uint64_t done = 0;
    double system_sum = 0.0;
    double queue_mean = 0.0, queue_max = 0.0, system_mean = 0.0, busy_mean = 0.0;
    double open_hours = 0.0;
  };
  std::vector<Crossing> crossings;
  struct Site {
    std::uint64_t orders = 0, backordered = 0, stockout_days = 0, received = 0, picks = 0;
    double stock_mean = 0.0;
  };
  std::vector<Site> sites;
  // Per measured day.
  std::vector<double> created_by_day, delivered_by_day, backlog_by_day, del_sum_by_day,
      del_cnt_by_day;
  std::vector<std::vector<double>> queue_by_day;  // [crossing][day]
  std::vector<std::vector<double>> stock_by_day;  // [site][day]
};

/// Simulates one replication. `days_done` and `events_done` are advanced as it goes
/// (progress reporting). Throws std::logic_error if the order count does not balance.
RepOut run_replication(const ModelInput& in,
                       std::uint64_t seed,
                       std::atomic<double>* days_done,
                       std::atomic<std::uint64_t>* events_done);

}  // namespace corridor::sim
