#pragma once
// Dates and opening calendars for the simulation clock.
//
// Dates are counted in days since 1970-01-01 (scenario::days_from_civil). The simulation
// clock is in hours: internal day k covers [24k, 24k + 24).
// An OpeningCalendar holds, for each simulated day, its open intervals in absolute
// hours; is_open and next_open look at the current day and scan forward (O(1) per call
// when open, O(closed days) across a closure).

#include <string>
#include <utility>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::sim {

// The dates are the scenario module's (corridor/scenario.hpp), the one implementation
// the planner's queue model uses too.
using scenario::civil_from_days;
using scenario::days_from_civil;
using scenario::format_iso_date;
using scenario::month_of;
using scenario::parse_iso_date;
using scenario::weekday_of;

class OpeningCalendar {
 public:
  /// Always open (no rules).
  OpeningCalendar() = default;
  /// per_day[k]: open intervals of day k as (open_hour, close_hour) within [0, 24],
  /// possibly overlapping or unsorted.
  explicit OpeningCalendar(const std::vector<std::vector<std::pair<double, double>>>& per_day);

  [[nodiscard]] bool always_open() const { return always_open_; }
  [[nodiscard]] bool is_open(double t) const;
  /// Earliest time >= t at which the calendar is open; +infinity if never again.
  [[nodiscard]] double next_open(double t) const;
  /// Open hours within [t0, t1].
  [[nodiscard]] double open_hours(double t0, double t1) const;

 private:
  bool always_open_ = true;
  std::vector<std::size_t> day_begin_;         // n_days + 1 offsets into iv_
  std::vector<std::pair<double, double>> iv_;  // absolute hours, sorted, disjoint
};

}  // namespace corridor::sim
