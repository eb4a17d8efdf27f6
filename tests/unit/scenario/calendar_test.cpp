// Crossing schedules (scenario::crossing_schedule): weekly rows, holidays, closure and
// capacity-cut events, against hours counted by hand on a calendar.

#include <gtest/gtest.h>

#include "corridor/scenario.hpp"

namespace corridor::scenario {
namespace {

// Crossing X on calendar WEEKDAYS: Monday-Friday 08:00-20:00, one holiday (Wed 2026-01-07),
// a closure event on Fri 2026-01-09 and a cut to half speed on Tue 2026-01-06.
Scenario week_scenario() {
  Scenario s;
  Crossing x;
  x.id = "X";
  x.calendar = "WEEKDAYS";
  s.crossings.push_back(x);
  CalendarRule weekly;
  weekly.calendar = "WEEKDAYS";
  weekly.weekdays = 0x1F;  // Monday..Friday
  weekly.open_hour = 8;
  weekly.close_hour = 20;
  s.calendars.push_back(weekly);
  CalendarRule holiday;
  holiday.calendar = "WEEKDAYS";
  holiday.kind = CalendarRule::Kind::kHoliday;
  holiday.date_from = holiday.date_to = "2026-01-07";
  s.calendars.push_back(holiday);
  Event closure;
  closure.kind = Event::Kind::kClosure;
  closure.target = "X";
  closure.date_from = closure.date_to = "2026-01-09";
  s.events.push_back(closure);
  Event cut;
  cut.kind = Event::Kind::kCapacityCut;
  cut.target = "X";
  cut.factor = 0.5;
  cut.date_from = cut.date_to = "2026-01-06";
  s.events.push_back(cut);
  return s;
}

TEST(Dates, KnownDays) {
  long d = 0;
  ASSERT_TRUE(parse_iso_date("2026-01-05", d));
  EXPECT_EQ(weekday_of(d), 0);  // a Monday
  EXPECT_EQ(format_iso_date(d + 365), "2027-01-05");
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_FALSE(parse_iso_date("2026-02-29", d));
  Scenario s;
  EXPECT_EQ(plan_year(s), kDefaultPlanYear);
  s.base_year = 2026;
  EXPECT_EQ(plan_year(s), 2026);
}

TEST(CrossingSchedule, WeekWithHolidayClosureAndCut) {
  const Scenario s = week_scenario();
  long monday = 0;
  ASSERT_TRUE(parse_iso_date("2026-01-05", monday));
  const auto sch = crossing_schedule(s, s.crossings[0], monday, 7, true);
  ASSERT_EQ(sch.open.size(), 7u);
  // Open Mon, Tue (half speed), Thu: 3 x 12 h; Wed holiday, Fri closure, weekend shut.
  EXPECT_DOUBLE_EQ(sch.open_hours(0, 7), 36.0);
  EXPECT_DOUBLE_EQ(sch.open_hours(0, 7, true), 12.0 + 6.0 + 12.0);
  EXPECT_DOUBLE_EQ(sch.open_hours(1, 2), 12.0);
  // Closed: Mon 20:00 -> Tue 08:00 (12 h), Tue 20:00 -> Thu 08:00 (36 h), and Thu 20:00
  // round the cycle to Mon 08:00 (4 + 24 x 3 + 8 = 84 h): 168 - 36 = 132 h in all.
  const std::vector<double> spells = sch.closed_spells();
  ASSERT_EQ(spells.size(), 3u);
  EXPECT_DOUBLE_EQ(spells[0], 12.0);
  EXPECT_DOUBLE_EQ(spells[1], 36.0);
  EXPECT_DOUBLE_EQ(spells[2], 84.0);
  EXPECT_TRUE(sch.calendar_known);
}

TEST(CrossingSchedule, WithoutClosuresOnlyTheWeeklyRowsCount) {
  const Scenario s = week_scenario();
  long monday = 0;
  ASSERT_TRUE(parse_iso_date("2026-01-05", monday));
  const auto sch = crossing_schedule(s, s.crossings[0], monday, 7, false);
  EXPECT_DOUBLE_EQ(sch.open_hours(0, 7, true), 60.0);
  EXPECT_TRUE(sch.speed.empty());
}

TEST(CrossingSchedule, NoCalendarIsAlwaysOpenAndUnknownIsFlagged) {
  Scenario s = week_scenario();
  s.crossings[0].calendar.clear();
  s.events.clear();
  auto sch = crossing_schedule(s, s.crossings[0], 0, 3, true);
  EXPECT_DOUBLE_EQ(sch.open_hours(0, 3), 72.0);
  EXPECT_TRUE(sch.closed_spells().empty());
  s.crossings[0].calendar = "NOPE";
  sch = crossing_schedule(s, s.crossings[0], 0, 3, true);
  EXPECT_FALSE(sch.calendar_known);
  EXPECT_DOUBLE_EQ(sch.open_hours(0, 3), 72.0);
}

}  // namespace
}  // namespace corridor::scenario
