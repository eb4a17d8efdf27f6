// The generic engine, RNG, statistics and calendar, each against independent truth.

#include "engine.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "calendar.hpp"
#include "fixtures.hpp"
#include "mmc.hpp"
#include "random.hpp"
#include "stats.hpp"

namespace corridor::sim {
namespace {

TEST(EventQueue, PopsInTimeThenSequenceOrder) {
  Engine<int> e;
  // Same-time events must come out in scheduling order (the tie-break is the sequence).
  const std::vector<std::pair<double, int>> in{
      {5, 0}, {1, 1}, {5, 2}, {3, 3}, {1, 4}, {5, 5}, {0, 6}, {3, 7}, {1, 8}, {2, 9}};
  for (auto [t, id] : in) e.schedule(t, id);
  std::vector<int> order;
  e.run_until(1e9, [&](const Event<int>& ev) { order.push_back(ev.payload); });
  EXPECT_EQ(order, (std::vector<int>{6, 1, 4, 8, 9, 3, 7, 0, 2, 5}));
  EXPECT_EQ(e.processed(), 10u);
}

TEST(EventQueue, HeapMatchesSortOnRandomLoad) {
  EventQueue<std::uint64_t> q;
  Rng rng(7);
  std::vector<std::pair<double, std::uint64_t>> ref;
  std::uint64_t seq = 0;
  std::vector<std::pair<double, std::uint64_t>> got;
  for (int round = 0; round < 2000; ++round) {
    const int pushes = static_cast<int>(rng.below(5));
    for (int i = 0; i < pushes; ++i) {
      const double t = std::floor(rng.uniform() * 50);  // many ties
      q.push({t, seq, seq});
      ref.emplace_back(t, seq);
      ++seq;
    }
    if (!q.empty() && rng.bernoulli(0.6)) {
      const auto ev = q.pop();
      got.emplace_back(ev.time, ev.seq);
      auto it = std::min_element(ref.begin(), ref.end());
      EXPECT_EQ(*it, got.back());
      ref.erase(it);
    }
  }
}

TEST(Engine, RejectsThePast) {
  Engine<int> e;
  e.schedule(2.0, 1);
  e.run_until(2.0, [](const Event<int>&) {});
  EXPECT_THROW(e.schedule(1.0, 2), std::logic_error);
}

TEST(Rng, SameSeedSameStreamAndKnownFirstValue) {
  Rng a(42), b(42), c(43);
  const auto first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  // splitmix64 reference value (Vigna's splitmix64.c with state 0): 0xE220A8397B1DCDAF.
  std::uint64_t st = 0;
  EXPECT_EQ(splitmix64(st), 0xE220A8397B1DCDAFULL);
}

TEST(Rng, ExponentialAndLognormalMoments) {
  Rng rng(1);
  const int n = 400000;
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.exponential(2.0);
    s += x;
    ss += x * x;
  }
  EXPECT_NEAR(s / n, 2.0, 0.02);
  EXPECT_NEAR(ss / n - (s / n) * (s / n), 4.0, 0.1);
  Duration ln(Dist::kLognormal, 10.0, 0.5);
  s = ss = 0;
  for (int i = 0; i < n; ++i) {
    const double x = ln.sample(rng);
    s += x;
    ss += x * x;
  }
  const double m = s / n;
  EXPECT_NEAR(m, 10.0, 0.05);
  EXPECT_NEAR(std::sqrt(ss / n - m * m) / m, 0.5, 0.01);
}

TEST(AliasTable, FrequenciesMatchWeights) {
  const std::vector<double> w{1, 0, 3, 6};
  AliasTable t(w);
  Rng rng(3);
  std::vector<int> hits(4, 0);
  const int n = 200000;
  for (int i = 0; i < n; ++i) ++hits[t.sample(rng)];
  EXPECT_EQ(hits[1], 0);
  EXPECT_NEAR(hits[0] / double(n), 0.1, 0.004);
  EXPECT_NEAR(hits[2] / double(n), 0.3, 0.005);
  EXPECT_NEAR(hits[3] / double(n), 0.6, 0.005);
}

TEST(Histogram, QuantilesWithinOneBin) {
  Histogram h(0.01, 10.0);
  std::vector<double> xs;
  Rng rng(5);
  for (int i = 0; i < 10001; ++i) {
    xs.push_back(rng.exponential(1.0));
    h.add(xs.back());
  }
  std::sort(xs.begin(), xs.end());
  for (double q : {0.5, 0.9, 0.95, 0.99}) {
    const double exact = xs[static_cast<std::size_t>(std::ceil(q * xs.size())) - 1];
    EXPECT_NEAR(h.quantile(q), exact, 0.01) << q;
  }
  EXPECT_DOUBLE_EQ(h.max(), xs.back());
}

TEST(Stats, StudentTAndSummary) {
  EXPECT_NEAR(student_t_975(1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_975(9), 2.2622, 1e-4);
  EXPECT_NEAR(student_t_975(40), 2.0211, 2e-4);
  EXPECT_NEAR(student_t_975(120), 1.9799, 2e-4);
  const Summary s = summarise({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  // sd = sqrt(2.5); t(4) = 2.7764
  EXPECT_NEAR(s.ci95, 2.7764 * std::sqrt(2.5) / std::sqrt(5.0), 1e-4);
}

TEST(Calendar, DatesRoundTripAndWeekdays) {
  long d = 0;
  ASSERT_TRUE(parse_iso_date("2025-11-11", d));
  EXPECT_EQ(format_iso_date(d), "2025-11-11");
  EXPECT_EQ(weekday_of(d), 1);  // a Tuesday
  EXPECT_EQ(month_of(d), 10);
  ASSERT_TRUE(parse_iso_date("1970-01-01", d));
  EXPECT_EQ(d, 0);
  EXPECT_EQ(weekday_of(d), 3);  // a Thursday
  EXPECT_FALSE(parse_iso_date("2025-02-29", d));
  EXPECT_TRUE(parse_iso_date("2024-02-29", d));
  EXPECT_FALSE(parse_iso_date("2025-1-01", d));
}

TEST(Calendar, OpenHoursAndNextOpen) {
  // Day 0: 8-20; day 1 closed; day 2: 0-6 and 18-24.
  OpeningCalendar cal({{{8, 20}}, {}, {{0, 6}, {18, 24}}});
  EXPECT_FALSE(cal.is_open(7.9));
  EXPECT_TRUE(cal.is_open(8.0));
  EXPECT_FALSE(cal.is_open(20.0));
  EXPECT_DOUBLE_EQ(cal.next_open(3.0), 8.0);
  EXPECT_DOUBLE_EQ(cal.next_open(21.0), 48.0);
  EXPECT_DOUBLE_EQ(cal.next_open(55.0), 66.0);
  EXPECT_DOUBLE_EQ(cal.open_hours(0, 72), 12 + 6 + 6);
  EXPECT_TRUE(OpeningCalendar({{{0, 24}}, {{0, 24}}}).always_open());
}

// The engine alone against Erlang C (a light version; the thorough comparison through
// the corridor model is in mmc_validation_test.cpp, label heavy).
TEST(Mmc, EngineMatchesErlangC) {
  for (int c : {1, 3}) {
    const double mu = 1.0, lambda = 0.7 * c;
    const auto ec = testing::erlang_c(lambda, mu, c);
    std::vector<double> wq, lq;
    for (int r = 0; r < 8; ++r) {
      MmcParams p;
      p.lambda = lambda;
      p.mu = mu;
      p.servers = c;
      p.warmup = 500;
      p.horizon = 50500;
      p.seed = stream_seed(11, r);
      const auto res = run_mmc(p);
      wq.push_back(res.wq_mean);
      lq.push_back(res.lq_mean);
      EXPECT_NEAR(res.utilisation, 0.7, 0.02);
    }
    const auto swq = summarise(wq), slq = summarise(lq);
    // 99 % band (t(7) = 3.4995 vs 2.3646 at 95 %): see mmc_validation_test.cpp.
    EXPECT_NEAR(swq.mean, ec.wq, swq.ci95 * 3.4995 / 2.3646) << "c=" << c;
    EXPECT_NEAR(slq.mean, ec.lq, slq.ci95 * 3.4995 / 2.3646) << "c=" << c;
  }
}

}  // namespace
}  // namespace corridor::sim
