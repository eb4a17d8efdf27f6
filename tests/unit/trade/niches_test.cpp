// The measures on tests/data/trade/ok_tiny worked out by hand (three countries, four
// products), invariants, the report's phrases, and checks on the shipped data set
// against figures published with it (../shared/data/trade/SOURCES.md).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "corridor/trade.hpp"

namespace corridor::trade {
namespace {

const std::string kData = std::string(CORRIDOR_TEST_DATA) + "/trade/";

const ProductScore& find(const DirectionResult& d, const std::string& product) {
  static const ProductScore kMissing;
  for (const auto& s : d.products)
    if (s.product == product) return s;
  ADD_FAILURE() << product << " is not among the products of " << d.from << " -> " << d.to;
  return kMissing;
}

Options quiet() {
  Options o;
  o.perturbations = 0;
  return o;
}

// ok_tiny: exports KAZ (0101 10, 2601 30, 2709 60), CHN (50, 100, 10, 40 with 0201),
// RUS (40, 100, 60 in 0101, 0201, 2601): world 100, 200, 100, 100 = 500.
// CHN imports 20, 30, 30, 20 (= 100); flows KAZ→CHN 2601 10, 2709 20.
TEST(Niches, HandWorkedTinyCase) {
  const TradeData data = load({kData + "ok_tiny", {}, {}, ""});
  const NichesResult r = analyse(data, quiet());
  const DirectionResult& d = r.forward;
  ASSERT_EQ(d.from, "KAZ");
  // RCA = (x_cp/x_c)/(x_p/x): 0101 (10/100)/(100/500) = 0.5, 2601 1.5, 2709 3.
  EXPECT_NEAR(find(d, "0101").rca, 0.5, 1e-12);
  EXPECT_NEAR(find(d, "2601").rca, 1.5, 1e-12);
  EXPECT_NEAR(find(d, "2709").rca, 3.0, 1e-12);
  EXPECT_NEAR(find(d, "2709").rca_sym, 0.5, 1e-12);  // (3 − 1)/(3 + 1)
  // Michaely: |.2−.1| + |.3−0| + |.3−.3| + |.2−.6| = .8 → 100 (1 − .4) = 60.
  EXPECT_NEAR(d.complementarity, 60.0, 1e-9);
  // Intensity: (30/100) / (100/500) = 1.5.
  EXPECT_NEAR(d.intensity, 1.5, 1e-12);
  // Supply × demand: 0.1·20 + 0.3·30 + 0.6·20 = 23, so ease = 30/23 and the potential
  // of 2601 is 9·30/23, untapped 270/23 − 10; 2709's potential 360/23 < 20: nothing untapped.
  EXPECT_NEAR(d.ease, 30.0 / 23, 1e-12);
  EXPECT_NEAR(find(d, "2601").potential, 270.0 / 23, 1e-9);
  EXPECT_NEAR(find(d, "2601").untapped, 270.0 / 23 - 10, 1e-9);
  EXPECT_DOUBLE_EQ(find(d, "2709").untapped, 0.0);
  EXPECT_NEAR(find(d, "0101").untapped, 60.0 / 23, 1e-9);
  // Specialisation of 2709: (20/30) / (20/100).
  EXPECT_NEAR(find(d, "2709").specialisation, (20.0 / 30) / 0.2, 1e-12);
  // Grow: RCA ≥ 1 and untapped > 0 → 2601 only (0101 has RCA 0.5).
  ASSERT_EQ(d.grow.size(), 1U);
  EXPECT_EQ(d.products[d.grow[0]].product, "2601");
  EXPECT_NE(d.products[d.grow[0]].reason.find("RCA 1.5"), std::string::npos);
  EXPECT_EQ(find(d, "2601").mode_class, "bulk");
  EXPECT_NEAR(find(d, "2601").quantity_t, 100, 0);
}

TEST(Niches, PotentialSharesOutTheActualTotal) {
  // ease scales Σ supply × demand to the actual total: Σ_k potential = actual, both ways.
  const TradeData data = load({kData + "ok_tiny", {}, {}, ""});
  const NichesResult r = analyse(data, quiet());
  for (const auto* d : {&r.forward, &r.reverse}) {
    double pv = 0;
    for (const auto& s : d->products) pv += s.potential;
    EXPECT_NEAR(pv, d->total_actual, 1e-9 * d->total_actual);
  }
  // CHN imports all four products, so the forward list holds every product KAZ exports:
  // supply × world = KAZ's exports, summing to its total.
  double supply_share_sum = 0;
  for (const auto& s : r.forward.products) supply_share_sum += s.supply * s.world_exports;
  EXPECT_NEAR(supply_share_sum, r.forward.from_exports, 1e-9);
}

TEST(Niches, ComplementarityInvariants) {
  const std::vector<double> x = {3, 0, 5, 2};
  EXPECT_DOUBLE_EQ(complementarity(x, x), 100.0);  // a country with itself
  EXPECT_DOUBLE_EQ(complementarity({1, 0}, {0, 1}), 0.0);
  EXPECT_DOUBLE_EQ(complementarity({2, 6}, {1, 3}), 100.0);  // shares, not levels
  EXPECT_TRUE(std::isnan(complementarity({0, 0}, {1, 1})));
}

TEST(Niches, MarketAccessLowersPotentialAndIsNamed) {
  const TradeData data = load({kData + "ok_tiny", {}, {}, kData + "access_tiny.csv"});
  const NichesResult r = analyse(data, quiet());
  const auto& iron = find(r.forward, "2601");
  EXPECT_NEAR(iron.access, 1 / 1.25, 1e-12);  // tariff 25 %
  // supply × demand × access: 2 + 9/1.25 + 12 = 21.2; ease 30/21.2.
  EXPECT_NEAR(r.forward.ease, 30 / 21.2, 1e-12);
  EXPECT_TRUE(find(r.forward, "0101").registration_missing);
  EXPECT_DOUBLE_EQ(iron.tariff_pct, 25.0);
  // The grow list's reason names the tariff; the page says it in every language.
  EXPECT_NE(iron.reason.find("tariff 25%"), std::string::npos) << iron.reason;
  EXPECT_NE(to_html(r, data, core::Lang::kRu).find("пошлина 25.0%"), std::string::npos);
}

TEST(Niches, BaciAndComtradeReadersAgreeWithTheFolder) {
  // baci_tiny.csv holds the same KAZ↔CHN flows as ok_tiny (v in thousands of US$).
  const TradeData baci = load({kData + "ok_tiny", {kData + "baci_tiny.csv"}, {}, ""});
  Options o = quiet();
  const NichesResult rb = analyse(baci, o);
  EXPECT_NEAR(rb.forward.total_actual, 30.0, 1e-9);
  EXPECT_NEAR(rb.reverse.total_actual, 25.0, 1e-9);
  o.hs_digits = 6;
  const NichesResult r6 = analyse(baci, o);
  EXPECT_NEAR(find(r6.forward, "260111").actual, 10, 1e-9);
  const TradeData ct = load({kData + "ok_tiny", {}, {kData + "comtrade_tiny.csv"}, ""});
  const NichesResult rc = analyse(ct, quiet());
  EXPECT_NEAR(rc.forward.total_actual, 30.0, 1e-9);             // the World/TOTAL row is skipped
  EXPECT_NEAR(rc.reverse.total_actual, 25.0, 1e-9);             // RX is skipped
  EXPECT_NEAR(find(rc.forward, "2601").quantity_t, 100, 1e-9);  // 100,000 kg
}

TEST(Niches, YearsAreAveragedAndEachDroppedForStability) {
  TradeData data = load({kData + "ok_tiny", {}, {}, ""});
  // 2023 = twice 2024: the mean of the two is 1.5 times 2024, shares (RCA) unchanged.
  for (auto* t : {&data.exports, &data.imports}) {
    const auto rows = *t;
    for (auto r : rows) {
      r.year = 2023;
      r.value *= 2;
      t->push_back(r);
    }
  }
  const auto flows = data.flows;
  for (auto f : flows) {
    f.year = 2023;
    f.value *= 2;
    data.flows.push_back(f);
  }
  const NichesResult r = analyse(data, quiet());
  EXPECT_EQ(r.years, (std::vector<int>{2023, 2024}));
  EXPECT_NEAR(r.forward.total_actual, 45.0, 1e-9);
  EXPECT_NEAR(find(r.forward, "2709").rca, 3.0, 1e-12);
  ASSERT_EQ(r.stability_runs, 2U);  // without 2023, without 2024
  EXPECT_EQ(r.stability_notes[0], "without 2023");
  Options one = quiet();
  one.years = {2024};
  EXPECT_NEAR(analyse(data, one).forward.total_actual, 30.0, 1e-9);
}

TEST(Niches, UntappedByModeAddsUp) {
  const TradeData data = load({kData + "ok_tiny", {}, {}, ""});
  const NichesResult r = analyse(data, quiet());
  double by_mode = 0, untapped = 0;
  for (const auto& [m, v] : r.forward.untapped_by_mode) by_mode += v;
  for (const auto& s : r.forward.products) untapped += s.untapped;
  EXPECT_NEAR(by_mode, untapped, 1e-9);
  ASSERT_FALSE(r.forward.untapped_by_mode.empty());
  EXPECT_EQ(r.forward.untapped_by_mode[0].first, "perishable");  // 0101, 60/23 > 2601's
}

TEST(Niches, StabilityIsDeterministicAndBounded) {
  const TradeData data = load({kData + "ok_tiny", {}, {}, ""});
  Options o;
  o.perturbations = 5;
  const NichesResult a = analyse(data, o);
  const NichesResult b = analyse(data, o);
  EXPECT_EQ(a.stability_runs, 15U);
  EXPECT_EQ(to_json(a, data), to_json(b, data));
  for (std::size_t i : a.forward.grow) {
    const auto& s = a.forward.products[i];
    EXPECT_LE(s.rank_min, s.rank);
    EXPECT_GE(s.in_list_share, 0.0);
    EXPECT_LE(s.in_list_share, 1.0);
  }
}

TEST(Niches, PhrasebookIsComplete) {
  EXPECT_TRUE(phrasebook().missing().empty());
  for (const char* k : {"bulk", "liquid", "container", "perishable", "hazardous"})
    EXPECT_TRUE(phrasebook().has(k)) << k;
}

TEST(Niches, HtmlInEveryLanguage) {
  const TradeData data = load({kData + "ok_tiny", {}, {}, ""});
  const NichesResult r = analyse(data, quiet());
  for (core::Lang l : core::kLangs) {
    const std::string html = to_html(r, data, l);
    EXPECT_NE(html.find(std::string("<html lang=") + std::string(core::code(l))),
              std::string::npos);
    EXPECT_NE(html.find(std::string(phrasebook().get("title", l))), std::string::npos);
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("<script src"), std::string::npos);
  }
  // No Kazakh name of the heading: the chapter's (our translation), then the English.
  EXPECT_EQ(hs_name(data, "0101", core::Lang::kKk), "Тірі жануарлар: Horses [en]");
  EXPECT_EQ(hs_name(data, "01", core::Lang::kZh), "活动物");
  EXPECT_EQ(hs_name(data, "0101", core::Lang::kRu), "ЛОШАДИ");
}

TEST(Niches, ShippedDataMatchesPublishedFigures) {
  const TradeData data = load({std::string(CORRIDOR_DATA_DIR) + "/trade", {}, {}, ""});
  const NichesResult r = analyse(data, quiet());
  // SOURCES.md: Kazakhstan → China 2024 US$15.17 bn.
  EXPECT_NEAR(r.forward.total_actual / 1e9, 15.17, 0.005);
  // Kazakhstan's RCA on BACI's 220-market base: 2709 7.2, 2844 73, 7403 10.3, 7202 12.3.
  const std::pair<const char*, double> rca[] = {
      {"2709", 7.2}, {"2844", 73}, {"7403", 10.3}, {"7202", 12.3}, {"2603", 5.9}};
  for (const auto& [hs, want] : rca) {
    const auto& s = find(r.forward, hs);
    EXPECT_NEAR(s.rca, want, 0.06 * want) << hs;
    EXPECT_GT(s.rca, 3) << hs;
  }
  // Mode classes: chapter 27 travels as liquid, but its heading 2701 (coal) as bulk.
  EXPECT_EQ(find(r.forward, "2709").mode_class, "liquid");
  EXPECT_EQ(find(r.forward, "2701").mode_class, "bulk");
  EXPECT_EQ(find(r.forward, "2844").mode_class, "hazardous");
  // The page draws the Atlas backbone: every edge a well-formed SVG line (an unquoted
  // value before "/>" would swallow the slash and nest the rest of the lines).
  const std::string html = to_html(r, data, core::Lang::kEn);
  std::size_t lines = 0;
  for (auto at = html.find("<line"); at != std::string::npos; at = html.find("<line", at + 1)) {
    ++lines;
    const auto end = html.find("/>", at);
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(html[end - 1], '\'') << html.substr(at, end - at + 2);
  }
  EXPECT_EQ(lines, 2 * data.edges.size());  // both directions
}

}  // namespace
}  // namespace corridor::trade
