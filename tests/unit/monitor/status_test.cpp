// monitor::status: every rule of docs/monitor.md at its boundaries, on tiny monitors
// built here with hand-computed expectations, and on tests/data/monitor/ok_minimal
// (the same table under any order of rows).

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "corridor/monitor.hpp"

namespace corridor::monitor {
namespace {

Date day(const char* text) { return *parse_date(text); }
Date plus(const Date& d, int n) {
  // The tests only need day counts; the text names the offset for messages.
  return Date{d.days + n, d.text + "+" + std::to_string(n)};
}

const Date kBase = day("2026-01-01");

/// One quantity commitment C due kBase+200 with indicator I (frequency 30 days):
/// baseline 0 on kBase, targets 100 on kBase+100 and 200 on kBase+200 (increase), so
/// the trajectory expects 1 a day.
Monitor quantity(Direction dir = Direction::kIncrease) {
  Monitor m;
  m.name = "t";
  Commitment c;
  c.id = "C";
  c.due = plus(kBase, 200);
  c.kind = CommitmentKind::kQuantity;
  m.commitments.push_back(c);
  Indicator i;
  i.id = "I";
  i.commitment = "C";
  i.direction = dir;
  i.method = Method::kTrajectory;
  i.frequency_days = 30;
  i.baseline = 0;
  i.baseline_date = kBase;
  m.indicators.push_back(i);
  m.targets.push_back(Target{"I", plus(kBase, 100), 100, "t"});
  m.targets.push_back(Target{"I", plus(kBase, 200), 200, "t"});
  return m;
}

void observe(Monitor& m, const std::string& id, int offset, double value) {
  Observation o;
  o.id = id;
  o.indicator = m.indicators.back().id;
  o.date = plus(kBase, offset);
  o.value = value;
  m.observations.push_back(o);
}

IndicatorStatus only(const Monitor& m, int as_of_offset) {
  const StatusReport r = status(m, plus(kBase, as_of_offset));
  EXPECT_EQ(r.indicators.size(), 1U);
  return r.indicators.at(0);
}

Status status_with(double value, int at = 100, int as_of = 100) {
  Monitor m = quantity();
  observe(m, "O", at, value);
  return only(m, as_of).status;
}

TEST(MonitorStatus, RatioThresholdsAreInclusiveAtTheirLowerEnd) {
  // expected at day 100 is 100, baseline 0: r = value / 100.
  EXPECT_EQ(status_with(95), Status::kOnTrack);  // r = 0.95 exactly
  EXPECT_EQ(status_with(94.9), Status::kAtRisk);
  EXPECT_EQ(status_with(60), Status::kAtRisk);  // r = 0.6 exactly
  EXPECT_EQ(status_with(59.9), Status::kOffTrack);
  EXPECT_EQ(status_with(0), Status::kOffTrack);  // r = 0
  EXPECT_EQ(status_with(-1), Status::kDeteriorating);
}

TEST(MonitorStatus, ExpectedValueIsInterpolatedAtTheLatestObservationsDate) {
  Monitor m = quantity();
  observe(m, "O", 150, 120);  // expected 100 + (200 - 100) * 50 / 100 = 150
  const IndicatorStatus s = only(m, 160);
  EXPECT_DOUBLE_EQ(*s.expected, 150);
  EXPECT_DOUBLE_EQ(*s.ratio, 0.8);
  EXPECT_EQ(s.status, Status::kAtRisk);
  EXPECT_DOUBLE_EQ(*s.target, 200);
  EXPECT_EQ(s.latest_date->days, kBase.days + 150);
}

TEST(MonitorStatus, DoneWhenTheFinalTargetIsMetOnlyTheFinalOne) {
  EXPECT_EQ(status_with(200, 150, 150), Status::kDone);
  EXPECT_EQ(status_with(199, 199, 199), Status::kOnTrack);  // r = 199/199
  // The intermediate target (100 on day 100) met is not done.
  EXPECT_EQ(status_with(100), Status::kOnTrack);
}

TEST(MonitorStatus, LateOnlyOnceTheDueDateHasPassed) {
  // Due on day 200: on the due date itself the ratio decides; the day after, late.
  Monitor m = quantity();
  observe(m, "O", 150, 100);  // expected 150: r = 0.667
  EXPECT_EQ(only(m, 200).status, Status::kAtRisk);
  const IndicatorStatus late = only(m, 201);
  EXPECT_EQ(late.status, Status::kLate);
  EXPECT_EQ(late.days_overdue, 1);
  // Met after the due date: done, not overdue.
  observe(m, "O2", 210, 200);
  const IndicatorStatus done = only(m, 215);
  EXPECT_EQ(done.status, Status::kDone);
  EXPECT_EQ(done.days_overdue, 0);
}

TEST(MonitorStatus, NoObservationIsNoDataUntilTheDueDateThenLate) {
  const Monitor m = quantity();
  EXPECT_EQ(only(m, 200).status, Status::kNoData);
  EXPECT_FALSE(only(m, 200).stale);
  EXPECT_EQ(only(m, 201).status, Status::kLate);
}

TEST(MonitorStatus, ObservationsAfterTheAsOfDateAreIgnored) {
  Monitor m = quantity();
  observe(m, "O1", 50, 20);   // r = 0.4: off track
  observe(m, "O2", 100, 99);  // r = 0.99: on track, but only from day 100
  EXPECT_EQ(only(m, 99).status, Status::kOffTrack);
  EXPECT_EQ(only(m, 100).status, Status::kOnTrack);
}

TEST(MonitorStatus, SupersededObservationIsIgnored) {
  Monitor m = quantity();
  observe(m, "O1", 100, 99);
  observe(m, "O2", 100, 50);  // corrects O1: r = 0.5
  m.observations.back().supersedes = "O1";
  m.observations.back().reason = "typo";
  const IndicatorStatus s = only(m, 100);
  EXPECT_DOUBLE_EQ(*s.latest, 50);
  EXPECT_EQ(s.status, Status::kOffTrack);
  // A correction dated earlier than the row it replaces still removes that row.
  m.observations.back().date = plus(kBase, 90);  // expected 90: r = 50/90
  EXPECT_EQ(only(m, 100).status, Status::kOffTrack);
  EXPECT_EQ(only(m, 100).latest_date->days, kBase.days + 90);
}

TEST(MonitorStatus, DecreasingIndicatorUsesTheSameRatio) {
  // baseline 48 on day 0, targets 24 on day 100 and 12 on day 200.
  auto with = [](double value) {
    Monitor m = quantity(Direction::kDecrease);
    m.indicators[0].baseline = 48;
    m.targets[0].value = 24;
    m.targets[1].value = 12;
    observe(m, "O", 100, value);
    return only(m, 100);
  };
  EXPECT_DOUBLE_EQ(*with(25).ratio, 23.0 / 24.0);
  EXPECT_EQ(with(25).status, Status::kOnTrack);        // r = 0.958
  EXPECT_EQ(with(34).status, Status::kOffTrack);       // r = 14/24 = 0.583
  EXPECT_EQ(with(50).status, Status::kDeteriorating);  // worse than the baseline
  EXPECT_EQ(with(12).status, Status::kDone);           // the final target, reached early
  EXPECT_EQ(with(13).status, Status::kOnTrack);        // below 24 but above 12: not done
}

TEST(MonitorStatus, TrajectoryNotYetMovedComparesWithTheBaseline) {
  Monitor m = quantity();
  observe(m, "O", 0, 0);  // on the baseline date the trajectory expects the baseline
  EXPECT_EQ(only(m, 10).status, Status::kOnTrack);
  EXPECT_FALSE(only(m, 10).ratio.has_value());
  m.observations[0].value = -5;
  EXPECT_EQ(only(m, 10).status, Status::kDeteriorating);
}

TEST(MonitorStatus, BandInsideOnTrackOutsideOffTrackThenDoneOrLate) {
  auto with = [](double value, int as_of) {
    Monitor m = quantity(Direction::kBand);
    m.indicators[0].low = 0.3;
    m.indicators[0].high = 0.5;
    m.targets.clear();
    observe(m, "O", 10, value);
    return only(m, as_of).status;
  };
  EXPECT_EQ(with(0.3, 20), Status::kOnTrack);  // the ends belong to the band
  EXPECT_EQ(with(0.5, 20), Status::kOnTrack);
  EXPECT_EQ(with(0.51, 20), Status::kOffTrack);
  EXPECT_EQ(with(0.29, 20), Status::kOffTrack);
  EXPECT_EQ(with(0.4, 200), Status::kOnTrack);  // due day 200: not yet passed
  EXPECT_EQ(with(0.4, 201), Status::kDone);
  EXPECT_EQ(with(0.6, 201), Status::kLate);
}

TEST(MonitorStatus, StaleAfterOneAndAHalfReportingPeriods) {
  Monitor m = quantity();
  observe(m, "O", 100, 99);  // frequency 30 days: stale when older than 45 days
  EXPECT_FALSE(only(m, 145).stale);
  EXPECT_TRUE(only(m, 146).stale);
  EXPECT_EQ(only(m, 146).status, Status::kOnTrack);  // stale is a flag beside the status
  m.observations[0].value = 200;                     // done: never stale
  EXPECT_FALSE(only(m, 146).stale);
}

/// Milestones: commitment M due on kBase+100 with indicator MI; evidence E (official)
/// and N (media), both published on kBase.
Monitor milestone() {
  Monitor m;
  m.name = "t";
  Commitment c;
  c.id = "M";
  c.due = plus(kBase, 100);
  c.kind = CommitmentKind::kMilestone;
  m.commitments.push_back(c);
  Indicator i;
  i.id = "MI";
  i.commitment = "M";
  i.method = Method::kMilestone;
  i.frequency_days = 90;
  m.indicators.push_back(i);
  Evidence e;
  e.date = kBase;
  e.id = "E";
  e.strength = Strength::kOfficial;
  m.evidence.push_back(e);
  e.id = "N";
  e.strength = Strength::kMedia;
  m.evidence.push_back(e);
  return m;
}

TEST(MonitorStatus, MilestoneDoneOnlyWithOfficialEvidence) {
  Monitor m = milestone();
  observe(m, "O", 50, 1);
  m.observations[0].evidence = {"N"};
  EXPECT_EQ(only(m, 60).status, Status::kOnTrack);
  EXPECT_EQ(only(m, 60).basis, "reported reached, awaiting official evidence");
  m.observations[0].evidence = {"N", "E"};
  EXPECT_EQ(only(m, 60).status, Status::kDone);
  observe(m, "O0", 40, 0);  // an earlier "not yet" changes nothing
  EXPECT_EQ(only(m, 60).status, Status::kDone);
  // Official evidence published after the as-of date does not count yet.
  m.evidence[0].date = plus(kBase, 61);
  EXPECT_EQ(only(m, 60).status, Status::kOnTrack);
  EXPECT_EQ(only(m, 61).status, Status::kDone);
}

TEST(MonitorStatus, MilestoneLateOnlyAfterTheGracePeriod) {
  static_assert(kMilestoneGraceDays == 30);
  Monitor m = milestone();
  observe(m, "O", 5, 1);  // reported reached (media only): never at risk for slack
  m.observations[0].evidence = {"N"};
  EXPECT_EQ(only(m, 100).status, Status::kOnTrack);  // due today
  EXPECT_EQ(only(m, 130).status, Status::kOnTrack);  // last day of grace
  EXPECT_EQ(only(m, 130).days_overdue, 30);
  EXPECT_EQ(only(m, 131).status, Status::kLate);
}

TEST(MonitorStatus, MilestoneAtRiskWhenItsSlackIsShort) {
  static_assert(kMilestoneSlackDays == 90);
  Monitor m = milestone();                         // due on day 100, nothing reported
  EXPECT_EQ(only(m, 9).status, Status::kOnTrack);  // 91 days to go
  EXPECT_EQ(only(m, 9).basis, "not due yet");
  EXPECT_EQ(only(m, 10).status, Status::kAtRisk);  // 90 days to go
  EXPECT_EQ(only(m, 10).basis,
            "due in 90 days and not reported reached (slack of 90 days or less)");
  EXPECT_EQ(only(m, 100).status, Status::kAtRisk);
  EXPECT_EQ(only(m, 130).status, Status::kAtRisk);  // within the grace period
  EXPECT_EQ(only(m, 131).status, Status::kLate);
  observe(m, "O", 20, 0);  // "not yet" is no claim: still at risk
  EXPECT_EQ(only(m, 50).status, Status::kAtRisk);
}

TEST(MonitorStatus, MilestoneAtRiskWhenADependencyIsLate) {
  Monitor m = milestone();
  Commitment c;
  c.id = "A_NEXT";
  c.due = plus(kBase, 400);
  c.kind = CommitmentKind::kMilestone;
  c.depends_on = {"M"};
  m.commitments.push_back(c);
  Indicator i = m.indicators[0];
  i.id = "NI";
  i.commitment = "A_NEXT";
  m.indicators.push_back(i);
  auto of = [](const StatusReport& r, const std::string& id) {
    for (const auto& s : r.indicators)
      if (s.indicator == id) return s.status;
    ADD_FAILURE() << id;
    return Status::kNoData;
  };
  EXPECT_EQ(of(status(m, plus(kBase, 130)), "NI"), Status::kOnTrack);
  const StatusReport r = status(m, plus(kBase, 131));
  EXPECT_EQ(of(r, "MI"), Status::kLate);
  EXPECT_EQ(of(r, "NI"), Status::kAtRisk);
  // Sorted most overdue first: M (31 days) before A_NEXT (0 days) despite its id.
  ASSERT_EQ(r.commitments.size(), 2U);
  EXPECT_EQ(r.commitments[0].commitment, "M");
  EXPECT_EQ(r.commitments[0].days_overdue, 31);
  EXPECT_EQ(r.commitments[1].commitment, "A_NEXT");
}

TEST(MonitorStatus, CommitmentTakesTheWorstOfItsIndicators) {
  Monitor m = quantity();
  observe(m, "O", 100, 99);  // I on track
  Indicator j = m.indicators[0];
  j.id = "J";
  m.indicators.push_back(j);
  m.targets.push_back(Target{"J", plus(kBase, 100), 100, "t"});
  observe(m, "P", 100, 70);  // J at risk
  Commitment empty;
  empty.id = "EMPTY";
  empty.due = plus(kBase, 50);
  m.commitments.push_back(empty);
  const StatusReport r = status(m, plus(kBase, 100));
  ASSERT_EQ(r.commitments.size(), 2U);
  EXPECT_EQ(r.commitments[0].commitment, "EMPTY");  // 50 days overdue
  EXPECT_EQ(r.commitments[0].status, Status::kNoData);
  EXPECT_EQ(r.commitments[1].status, Status::kAtRisk);
  m.observations.back().value = 100;  // J done, I on track: on track
  EXPECT_EQ(status(m, plus(kBase, 100)).commitments[1].status, Status::kOnTrack);
  m.observations.front().value = 200;  // both done
  EXPECT_EQ(status(m, plus(kBase, 100)).commitments[1].status, Status::kDone);
}

const std::string kMinimal = std::string(CORRIDOR_TEST_DATA) + "/monitor/ok_minimal";

TEST(MonitorStatus, OkMinimalAsOfItsNewestObservation) {
  const Monitor m = load(kMinimal);
  ASSERT_EQ(newest_observation(m)->text, "2026-09-01");
  const StatusReport r = status(m, *newest_observation(m));
  std::vector<std::string> order;
  for (const auto& c : r.commitments) order.push_back(c.commitment + " " + to_string(c.status));
  EXPECT_EQ(order,
            (std::vector<std::string>{"C_RAIL late",
                                      "C_TERMINAL at_risk",
                                      "C_TRUCKS at_risk",
                                      "C_SHARE on_track",
                                      "C_WAIT on_track"}));
  EXPECT_EQ(r.commitments[0].days_overdue, 63);
  for (const auto& s : r.indicators) {
    if (s.indicator == "I_TRUCKS") {
      EXPECT_DOUBLE_EQ(*s.latest, 700);  // O3 corrects O2 (500)
      EXPECT_DOUBLE_EQ(*s.expected, 850);
      EXPECT_DOUBLE_EQ(*s.ratio, 300.0 / 450.0);
      EXPECT_TRUE(s.stale);  // 153 days > 45
    }
    if (s.indicator == "I_WAIT") {
      EXPECT_DOUBLE_EQ(*s.ratio, 23.0 / 24.0);
      EXPECT_FALSE(s.stale);
    }
  }
  // A month earlier, O7 (inside the band) is not yet in: O6 (0.55) is outside.
  const StatusReport earlier = status(m, day("2026-08-01"));
  for (const auto& s : earlier.indicators) {
    if (s.indicator == "I_SHARE") {
      EXPECT_EQ(s.status, Status::kOffTrack);
    }
  }
}

TEST(MonitorStatus, SameStatusUnderAnyOrderOfRows) {
  const Monitor m = load(kMinimal);
  const Date as_of = day("2026-08-01");
  const std::string json = to_json(status(m, as_of));
  std::mt19937 rng(20261201);
  for (int k = 0; k < 20; ++k) {
    Monitor s = m;
    std::shuffle(s.agreements.begin(), s.agreements.end(), rng);
    std::shuffle(s.commitments.begin(), s.commitments.end(), rng);
    std::shuffle(s.indicators.begin(), s.indicators.end(), rng);
    std::shuffle(s.targets.begin(), s.targets.end(), rng);
    std::shuffle(s.observations.begin(), s.observations.end(), rng);
    std::shuffle(s.evidence.begin(), s.evidence.end(), rng);
    EXPECT_EQ(fingerprint(s), fingerprint(m));
    EXPECT_EQ(to_json(status(s, as_of)), json);
  }
}

TEST(MonitorStatus, FingerprintFollowsTheContent) {
  Monitor m = load(kMinimal);
  const std::string before = fingerprint(m);
  EXPECT_EQ(before.rfind("sha256:", 0), 0U);
  EXPECT_EQ(before.size(), 71U);
  m.observations[0].value += 1;
  EXPECT_NE(fingerprint(m), before);
}

}  // namespace
}  // namespace corridor::monitor
