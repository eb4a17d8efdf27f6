// The product space and complexity against two independent truths: Stata's
// `ecomplexity` output on py-ecomplexity's fixture (the oracle in
// ../shared/data/trade/py-ecomplexity-fixtures, SOURCES.md), and tiny matrices worked
// out by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "corridor/core/csv.hpp"
#include "corridor/trade.hpp"

namespace corridor::trade {
namespace {

const std::string kOracle = std::string(CORRIDOR_ORACLE_DIR) + "/";

struct Csv {
  std::map<std::string, std::size_t> col;
  std::vector<std::vector<std::string>> rows;
  const std::string& get(std::size_t r, const char* c) const { return rows[r][col.at(c)]; }
};

Csv read(const std::string& path) {
  std::string text;
  Csv out;
  if (!core::read_file(path, text)) return out;
  DiagnosticSink sink;
  const auto t = core::parse_csv(text, path, sink);
  for (std::size_t i = 0; i < t.header.fields.size(); ++i) out.col[t.header.fields[i].text] = i;
  for (const auto& r : t.rows) {
    std::vector<std::string> f;
    for (const auto& x : r.fields) f.push_back(x.text);
    out.rows.push_back(std::move(f));
  }
  return out;
}

double rel(double got, double want) { return std::abs(got - want) / std::max(1.0, std::abs(want)); }

/// The oracle's matrix of one year, countries and products in the order first seen.
Matrix oracle_matrix(const Csv& in, const std::string& year) {
  Matrix m;
  std::map<std::string, std::size_t> ci, pi;
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    if (in.get(r, "year") != year) continue;
    if (ci.emplace(in.get(r, "origin"), ci.size()).second)
      m.countries.push_back(in.get(r, "origin"));
    if (pi.emplace(in.get(r, "hs92"), pi.size()).second) m.products.push_back(in.get(r, "hs92"));
  }
  m.x.assign(m.countries.size() * m.products.size(), 0.0);
  for (std::size_t r = 0; r < in.rows.size(); ++r)
    if (in.get(r, "year") == year)
      m.x[ci[in.get(r, "origin")] * m.products.size() + pi[in.get(r, "hs92")]] =
          std::stod(in.get(r, "export_val"));
  return m;
}

TEST(Complexity, MatchesStataEcomplexityOracle) {
  const Csv in = read(kOracle + "trade_data_sample.csv");
  const Csv truth = read(kOracle + "stata_ground_truth.csv");
  ASSERT_EQ(in.rows.size(), 600U) << "oracle input missing: " << kOracle;
  ASSERT_EQ(truth.rows.size(), 600U);
  double worst[9] = {};
  const char* names[9] = {
      "rca", "M", "density", "eci", "pci", "diversity", "ubiquity", "coi", "cog"};
  for (const std::string year : {"1995", "1996"}) {
    const Matrix m = oracle_matrix(in, year);
    const Complexity c = compute_complexity(m);
    ASSERT_EQ(c.countries.size(), 10U);
    ASSERT_EQ(c.products.size(), 30U);
    std::map<std::string, std::size_t> ci, pi;
    for (std::size_t i = 0; i < c.countries.size(); ++i) ci[c.countries[i]] = i;
    for (std::size_t i = 0; i < c.products.size(); ++i) pi[c.products[i]] = i;
    for (std::size_t r = 0; r < truth.rows.size(); ++r) {
      if (truth.get(r, "year") != year) continue;
      const std::size_t cc = ci.at(truth.get(r, "origin")), pp = pi.at(truth.get(r, "hs92"));
      const std::size_t k = cc * c.np() + pp;
      const double got[9] = {c.rca[k],
                             double(c.m[k]),
                             c.density[k],
                             c.eci[cc],
                             c.pci[pp],
                             c.diversity[cc],
                             c.ubiquity[pp],
                             c.coi[cc],
                             c.cog[k]};
      for (int i = 0; i < 9; ++i)
        worst[i] = std::max(worst[i], rel(got[i], std::stod(truth.get(r, names[i]))));
    }
  }
  // Stata stored RCA in single precision; density, COI and COG to 1e-4 (issue 11).
  EXPECT_LT(worst[0], 1e-5) << "rca";
  EXPECT_EQ(worst[1], 0.0) << "M";
  EXPECT_EQ(worst[5], 0.0) << "diversity";
  EXPECT_EQ(worst[6], 0.0) << "ubiquity";
  EXPECT_LT(worst[2], 1e-4) << "density";
  EXPECT_LT(worst[3], 1e-4) << "eci";
  EXPECT_LT(worst[4], 1e-4) << "pci";
  EXPECT_LT(worst[7], 1e-4) << "coi";
  EXPECT_LT(worst[8], 1e-4) << "cog";
  for (int i = 0; i < 9; ++i)
    std::printf("oracle %-9s worst relative difference %.3g\n", names[i], worst[i]);
}

// Three countries, three products. x = A [10 5 0], B [0 5 5], C [0 0 10] gives (RCA by
// hand: A1 7/3, A2 7/6, B2 7/4, B3 7/6, C3 7/3, the rest 0) M = [1 1 0; 0 1 1; 0 0 1],
// d = (2, 2, 1), u = (1, 2, 2). The country matrix D⁻¹ M U⁻¹ Mᵀ is
// [3/4 1/4 0; 1/4 1/2 1/4; 0 1/2 1/2]: eigenvalues 1, (3 ± √5)/8; the second one's
// eigenvector is (1, −(3 − √5)/2, 1 − √5) (worked out from rows 1 and 3).
TEST(Complexity, ThreeByThreeByHand) {
  Matrix m{{"A", "B", "C"}, {"p1", "p2", "p3"}, {10, 5, 0, 0, 5, 5, 0, 0, 10}};
  const Complexity c = compute_complexity(m);
  const double rca[] = {7.0 / 3, 7.0 / 6, 0, 0, 7.0 / 4, 7.0 / 6, 0, 0, 7.0 / 3};
  const int mm[] = {1, 1, 0, 0, 1, 1, 0, 0, 1};
  for (int k = 0; k < 9; ++k) {
    EXPECT_NEAR(c.rca[k], rca[k], 1e-12) << k;
    EXPECT_EQ(c.m[k], mm[k]) << k;
  }
  EXPECT_NEAR(c.eigenvalue, (3 + std::sqrt(5.0)) / 8, 1e-12);
  // Proximity: p1–p2 share A (1 / max(1, 2)), p2–p3 share B (1 / 2), p1–p3 nobody.
  EXPECT_DOUBLE_EQ(c.proximity[0 * 3 + 1], 0.5);
  EXPECT_DOUBLE_EQ(c.proximity[1 * 3 + 2], 0.5);
  EXPECT_DOUBLE_EQ(c.proximity[0 * 3 + 2], 0.0);
  EXPECT_DOUBLE_EQ(c.proximity[1 * 3 + 1], 0.0);  // φ_pp = 0
  // Density: A towards p3 = φ23 / (φ13 + φ23) = 1; C towards p2 = φ32 / (φ12 + φ32) = 1/2.
  EXPECT_DOUBLE_EQ(c.density[0 * 3 + 2], 1.0);
  EXPECT_DOUBLE_EQ(c.density[2 * 3 + 1], 0.5);
  EXPECT_DOUBLE_EQ(c.density[2 * 3 + 0], 0.0);
  // ECI: kc ∝ v, standardised with Stata's row moments (each country has 3 rows).
  const double s5 = std::sqrt(5.0);
  const double v[] = {1, -(3 - s5) / 2, 1 - s5};
  const double mean = (v[0] + v[1] + v[2]) / 3;
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(3 * ss / (9 - 1));
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(c.eci[i], (v[i] - mean) / sd, 1e-12) << i;
  // PCI: kp = U⁻¹ Mᵀ kc, then D⁻¹ M kp = λ kc, so on kc's scale kp/λ... both scaled by the
  // same factor: kp = (v_A, (v_A + v_B)/2, (v_B + v_C)/2) against kc = D⁻¹ M kp.
  const double kp[] = {v[0], (v[0] + v[1]) / 2, (v[1] + v[2]) / 2};
  const double kc[] = {(kp[0] + kp[1]) / 2, (kp[1] + kp[2]) / 2, kp[2]};
  const double kmean = (kc[0] + kc[1] + kc[2]) / 3;
  double kss = 0;
  for (double x : kc) kss += (x - kmean) * (x - kmean);
  const double ksd = std::sqrt(3 * kss / 8);
  for (int p = 0; p < 3; ++p) EXPECT_NEAR(c.pci[p], (kp[p] - kmean) / ksd, 1e-12) << p;
  EXPECT_GT(c.eci[0], c.eci[2]);  // the most diverse country is the most complex
}

TEST(Complexity, WorldMixCountryHasRcaOneEverywhere) {
  // W exports the world's mix (a third of every product's total): RCA 1 everywhere.
  Matrix m{{"A", "B", "W"}, {"p", "q", "r", "s"}, {4, 0, 2, 2, 0, 6, 2, 0, 2, 3, 2, 1}};
  const Complexity c = compute_complexity(m);
  for (std::size_t p = 0; p < 4; ++p) EXPECT_NEAR(c.rca[2 * 4 + p], 1.0, 1e-12) << p;
  // Σ_c x_c/x · RCA_cp = 1 for every product (RCA is a share ratio).
  const double xc[] = {8, 8, 8};
  for (std::size_t p = 0; p < 4; ++p) {
    double s = 0;
    for (std::size_t cc = 0; cc < 3; ++cc) s += xc[cc] / 24 * c.rca[cc * 4 + p];
    EXPECT_NEAR(s, 1.0, 1e-12) << p;
  }
}

}  // namespace
}  // namespace corridor::trade
