// Dates and crossing schedules (corridor/scenario.hpp, "dates and opening"): the one
// place that turns calendars.csv and events.csv into the hours a crossing is open.

#include <algorithm>
#include <cstdio>

#include "corridor/scenario.hpp"

namespace corridor::scenario {

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

int plan_year(const Scenario& s) { return s.base_year > 0 ? s.base_year : kDefaultPlanYear; }

namespace {

using DayHours = CrossingSchedule::DayHours;
using DateRange = std::pair<long, long>;  // first, last day (inclusive)

/// Sorted, clamped to [0, 24], overlaps merged.
DayHours normalised(DayHours day) {
  std::sort(day.begin(), day.end());
  DayHours out;
  for (auto [o, c] : day) {
    o = std::clamp(o, 0.0, 24.0);
    c = std::clamp(c, 0.0, 24.0);
    if (c <= o) continue;
    if (!out.empty() && o <= out.back().second)
      out.back().second = std::max(out.back().second, c);
    else
      out.emplace_back(o, c);
  }
  return out;
}

struct Rules {
  std::vector<DayHours> week = std::vector<DayHours>(7);
  std::vector<DateRange> closed;
  std::vector<std::pair<DateRange, double>> cuts;  // dates, speed factor
  bool known = true;
};

Rules rules_of(const Scenario& s, const Crossing& cr, bool closures) {
  Rules r;
  bool has_weekly = false;
  r.known = cr.calendar.empty();
  long a = 0, b = 0;
  for (const auto& row : s.calendars) {
    if (row.calendar != cr.calendar) continue;
    r.known = true;
    if (row.kind == CalendarRule::Kind::kWeekly) {
      has_weekly = true;
      for (int w = 0; w < 7; ++w)
        if (row.weekdays & (1u << w)) r.week[w].emplace_back(row.open_hour, row.close_hour);
    } else if (closures && parse_iso_date(row.date_from, a) && parse_iso_date(row.date_to, b)) {
      r.closed.emplace_back(a, b);
    }
  }
  for (auto& w : r.week) w = has_weekly ? normalised(w) : DayHours{{0.0, 24.0}};
  if (!closures) return r;
  for (const auto& e : s.events) {
    if (e.target != cr.id) continue;
    if (!parse_iso_date(e.date_from, a) || !parse_iso_date(e.date_to, b)) continue;
    const bool cut = e.kind == Event::Kind::kCapacityCut;
    if (e.kind == Event::Kind::kClosure || (cut && e.factor <= 0.0))
      r.closed.emplace_back(a, b);
    else if (cut)
      r.cuts.push_back({{a, b}, e.factor});
  }
  return r;
}

}  // namespace

CrossingSchedule crossing_schedule(
    const Scenario& s, const Crossing& cr, long first_day, int days, bool closures) {
  const Rules rules = rules_of(s, cr, closures);
  CrossingSchedule out;
  out.first_day = first_day;
  out.calendar_known = rules.known;
  const auto n = static_cast<std::size_t>(std::max(0, days));
  out.open.resize(n);
  auto covers = [](const DateRange& r, long date) { return date >= r.first && date <= r.second; };
  for (std::size_t d = 0; d < n; ++d) {
    const long date = first_day + static_cast<long>(d);
    const bool shut = std::any_of(
        rules.closed.begin(), rules.closed.end(), [&](const auto& r) { return covers(r, date); });
    if (!shut) out.open[d] = rules.week[static_cast<std::size_t>(weekday_of(date))];
  }
  if (!rules.cuts.empty()) {
    out.speed.assign(n, 1.0);
    for (std::size_t d = 0; d < n; ++d)
      for (const auto& [range, factor] : rules.cuts)
        if (covers(range, first_day + static_cast<long>(d)))
          out.speed[d] = std::min(out.speed[d], factor);
  }
  return out;
}

double CrossingSchedule::open_hours(int from, int to, bool weighted) const {
  const int n = static_cast<int>(open.size());
  double total = 0.0;
  for (int d = std::max(0, from); d < std::min(to, n); ++d) {
    double h = 0.0;
    for (const auto& [o, c] : open[static_cast<std::size_t>(d)]) h += c - o;
    total += weighted && !speed.empty() ? h * speed[static_cast<std::size_t>(d)] : h;
  }
  return total;
}

std::vector<double> CrossingSchedule::closed_spells() const {
  // Open intervals in absolute hours, merged across midnight.
  std::vector<std::pair<double, double>> iv;
  for (std::size_t d = 0; d < open.size(); ++d)
    for (const auto& [o, c] : open[d]) {
      const double a = 24.0 * static_cast<double>(d) + o, b = 24.0 * static_cast<double>(d) + c;
      if (!iv.empty() && a <= iv.back().second)
        iv.back().second = std::max(iv.back().second, b);
      else
        iv.emplace_back(a, b);
    }
  const double horizon = 24.0 * static_cast<double>(open.size());
  if (iv.empty()) return horizon > 0 ? std::vector<double>{horizon} : std::vector<double>{};
  std::vector<double> spells;
  for (std::size_t i = 0; i + 1 < iv.size(); ++i) spells.push_back(iv[i + 1].first - iv[i].second);
  const double wrap = horizon - iv.back().second + iv.front().first;  // end -> first opening
  if (wrap > 0) spells.push_back(wrap);
  return spells;
}

}  // namespace corridor::scenario
