#include "calendar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace corridor::sim {

OpeningCalendar::OpeningCalendar(const std::vector<std::vector<std::pair<double, double>>>& per_day)
    : always_open_(false) {
  day_begin_.reserve(per_day.size() + 1);
  bool all_full = true;
  for (std::size_t k = 0; k < per_day.size(); ++k) {
    day_begin_.push_back(iv_.size());
    auto day = per_day[k];
    std::sort(day.begin(), day.end());
    const double base = 24.0 * static_cast<double>(k);
    const std::size_t first = iv_.size();
    for (auto [o, c] : day) {
      o = std::clamp(o, 0.0, 24.0);
      c = std::clamp(c, 0.0, 24.0);
      if (c <= o) continue;
      if (iv_.size() > first && base + o <= iv_.back().second)
        iv_.back().second = std::max(iv_.back().second, base + c);
      else
        iv_.emplace_back(base + o, base + c);
    }
    if (!(iv_.size() == first + 1 && iv_[first].first == base && iv_[first].second == base + 24))
      all_full = false;
  }
  day_begin_.push_back(iv_.size());
  // Beyond the last day the calendar stays open: events there are past the horizon.
  if (all_full) always_open_ = true;
}

bool OpeningCalendar::is_open(double t) const {
  if (always_open_) return true;
  const double k = std::floor(t / 24.0);
  if (k < 0) return false;
  const std::size_t day = static_cast<std::size_t>(k);
  if (day + 1 >= day_begin_.size()) return true;
  for (std::size_t i = day_begin_[day]; i < day_begin_[day + 1]; ++i)
    if (t >= iv_[i].first && t < iv_[i].second) return true;
  return false;
}

double OpeningCalendar::next_open(double t) const {
  if (always_open_) return t;
  const double k = std::floor(t / 24.0);
  std::size_t day = k < 0 ? 0 : static_cast<std::size_t>(k);
  const std::size_t n_days = day_begin_.size() - 1;
  for (; day < n_days; ++day)
    for (std::size_t i = day_begin_[day]; i < day_begin_[day + 1]; ++i)
      if (iv_[i].second > t) return std::max(iv_[i].first, t);
  // Past the last calendar day: open (see constructor).
  return std::max(t, 24.0 * static_cast<double>(n_days));
}

double OpeningCalendar::open_hours(double t0, double t1) const {
  if (t1 <= t0) return 0.0;
  if (always_open_) return t1 - t0;
  double total = 0.0;
  const std::size_t n_days = day_begin_.size() - 1;
  const double end_cal = 24.0 * static_cast<double>(n_days);
  for (const auto& [o, c] : iv_) {
    const double lo = std::max(o, t0), hi = std::min(c, t1);
    if (hi > lo) total += hi - lo;
  }
  if (t1 > end_cal) total += t1 - std::max(t0, end_cal);
  return total;
}

}  // namespace corridor::sim
