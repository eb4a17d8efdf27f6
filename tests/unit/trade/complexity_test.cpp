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

double rel(double got, double want) {
  return std::abs(got - want) / std::max(1.0, std::abs(want));
}

/// The oracle's matrix of one year, countries and products in the order first seen.
Matrix oracle_matrix(const Csv& in, const std::string& year) {
  Matrix m;
  std::map<std::string, std::size_t> ci, pi;
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    if (in.get(r, "year") != year) continue;
    if (ci.emplace(in.get(r, "origin"), ci.size()).second) m.countries.push_back(in.get(r, "origin"));
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
  const char* names[9] = {"rca", "M", "density", "eci", "pci", "diversity", "ubiquity", "coi", "cog"};
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
      const double got[9] = {c.rca[k], double(c.m[k]), c.density[k], c.eci[cc], c.pci[pp],
                             c.diversity[cc], c.ubiquity[pp], c.coi[cc], c.cog[k]};
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
  for (int i = 0; i < 9; ++i) std::printf("oracle %-9s worst relative difference %.3g\n", names[i], worst[i]);
}

}  // namespace
}  // namespace corridor::trade
