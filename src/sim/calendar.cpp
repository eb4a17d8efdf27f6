#include "calendar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace corridor::sim {

long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

void civil_from_days(long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<long>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

bool parse_iso_date(const std::string& text, long& days) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  const int y = std::stoi(text.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  days = days_from_civil(y, m, d);
  int y2 = 0;
  unsigned m2 = 0, d2 = 0;
  civil_from_days(days, y2, m2, d2);
  return y2 == y && m2 == m && d2 == d;
}

std::string format_iso_date(long days) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

int month_of(long days) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  return static_cast<int>(m) - 1;
}

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
