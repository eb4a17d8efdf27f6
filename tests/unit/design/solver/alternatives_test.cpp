// The K best plans (SolveOptions::alternatives) against independent oracles:
// - enumeration: every option assignment of small random models priced by the LP with
//   options fixed, the locally minimal ones (no single close or smaller size strictly
//   cheaper) ranked; the solver must return the same K values, each set locally minimal
//   and priced as the oracle prices it;
// - Debian's cbc on OR-Library instances with no-good cuts: the best open set, then the best
//   one that differs from all before, and so on (skipping sets a single close improves);
// - threads: 1 and 2 threads follow the same search (same plan, bound and nodes).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/solver/model.hpp"
#include "enumerate.hpp"
#include "fixed_lp.hpp"
#include "random_model.hpp"

namespace corridor::design::solver {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool close(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

// Locally minimal: no single close (unless forced) or smaller size is strictly cheaper.
bool locally_minimal(const Model& m,
                     const std::map<std::vector<int>, double>& cost,
                     const std::vector<int>& opt) {
  const double v = cost.at(opt);
  for (std::size_t i = 0; i < opt.size(); ++i) {
    if (opt[i] < 0) continue;
    const auto& f = m.facilities[i];
    for (int o = -1; o < static_cast<int>(f.options.size()); ++o) {
      if (o < 0 ? f.forced_open : !(f.options[o].capacity < f.options[opt[i]].capacity)) continue;
      std::vector<int> n = opt;
      n[i] = o;
      const auto it = cost.find(n);
      if (it != cost.end() && it->second < v - 1e-9 * std::max(1.0, std::abs(v))) return false;
    }
  }
  return true;
}

std::vector<double> ranked_values(const Model& m,
                                  const std::map<std::vector<int>, double>& cost,
                                  int k) {
  std::vector<double> v;
  for (const auto& [opt, c] : cost)
    if (locally_minimal(m, cost, opt)) v.push_back(c);
  std::sort(v.begin(), v.end());
  if (static_cast<int>(v.size()) > k) v.resize(k);
  return v;
}

TEST(SolverAlternatives, MatchEnumerationOnRandomModels) {
  constexpr int kK = 5;
  int with_five = 0;
  for (std::uint64_t seed = 1; seed <= 80; ++seed) {
    const Model m = testing::random_model(seed, 2, 1);
    const auto cost = testing::enumerate_assignments(m);
    const std::vector<double> expect = ranked_values(m, cost, kK);
    SolveOptions o;
    o.alternatives = kK;
    const Solution s = solve(m, o);
    if (expect.empty()) {
      EXPECT_EQ(s.status, SolveStatus::kInfeasible) << "seed " << seed;
      continue;
    }
    ASSERT_EQ(s.status, SolveStatus::kOptimal) << "seed " << seed;
    std::vector<const Solution*> all{&s};
    for (const Solution& a : s.alternatives) all.push_back(&a);
    ASSERT_EQ(all.size(), expect.size()) << "seed " << seed;
    with_five += all.size() == kK ? 1 : 0;
    std::vector<std::vector<int>> sets;
    for (std::size_t r = 0; r < all.size(); ++r) {
      const Solution& a = *all[r];
      EXPECT_TRUE(close(a.objective, expect[r]))
          << "seed " << seed << " rank " << r + 1 << ": " << a.objective << " vs " << expect[r];
      ASSERT_EQ(cost.count(a.option), 1U) << "seed " << seed;
      EXPECT_TRUE(close(a.objective, cost.at(a.option))) << "seed " << seed;
      EXPECT_TRUE(locally_minimal(m, cost, a.option)) << "seed " << seed << " rank " << r + 1;
      if (r > 0) {
        EXPECT_TRUE(a.alternatives.empty());
      }
      sets.push_back(a.option);
    }
    std::sort(sets.begin(), sets.end());
    EXPECT_EQ(std::adjacent_find(sets.begin(), sets.end()), sets.end()) << "seed " << seed;
  }
  std::printf("models with %d ranked plans: %d of 80\n", kK, with_five);
  EXPECT_GT(with_five, 40);  // most models have at least five locally minimal plans
}

TEST(SolverAlternatives, OneIsTheOrdinarySolve) {
  const Model m = testing::random_model(7, 3, 1);
  const Solution plain = solve(m);
  SolveOptions o;
  o.alternatives = 1;
  const Solution one = solve(m, o);
  EXPECT_EQ(one.option, plain.option);
  EXPECT_EQ(one.objective, plain.objective);
  EXPECT_TRUE(one.alternatives.empty());
}

TEST(SolverAlternatives, BadOptionsAreRefused) {
  Model m = testing::random_model(3);
  for (const auto& [threads, k] : {std::pair{0, 1}, std::pair{1, 0}}) {
    SolveOptions o;
    o.threads = threads;
    o.alternatives = k;
    try {
      solve(m, o);
      ADD_FAILURE() << threads << " " << k;
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1U);
      EXPECT_EQ(e.diagnostics()[0].code, ErrorCode::kBadOption);
      EXPECT_EQ(e.diagnostics()[0].field, threads == 0 ? "threads" : "alternatives");
    }
  }
  m.single_sourcing = true;
  SolveOptions o;
  o.alternatives = 3;
  EXPECT_THROW(solve(m, o), InputError);
}

// cbc on an instance's LP export plus no-good cuts on the open variables y_i_0.
struct CbcRanking {
  const Model& m;
  std::string base;  // the LP text up to "Bounds"
  std::string rest;  // from "Bounds" on
  std::vector<std::string> cuts;
  std::vector<std::string> y;  // per facility: the name of its (only) open variable

  std::string tag;

  CbcRanking(const Model& model, std::string name)
      : m(model), y(model.facilities.size()), tag("corridor_alt_" + std::move(name)) {
    std::ostringstream out;
    write_lp(m, out);
    const std::string lp = out.str();
    const auto b = lp.find("\nBounds");
    base = lp.substr(0, b + 1);
    rest = lp.substr(b + 1);
    std::istringstream words(lp);
    std::string w;
    while (words >> w) {
      int i = 0, k = 0;
      if (std::sscanf(w.c_str(), "y_%d_%d", &i, &k) == 2 && y.at(i).empty()) y.at(i) = w;
    }
  }

  // Open flags of the next best set, or empty when cbc finds none.
  std::vector<int> next(double& objective) {
    const std::string dir = ::testing::TempDir();
    const std::string lp = dir + "/" + tag + ".lp", sol = dir + "/" + tag + ".sol";
    {
      std::ofstream f(lp);
      f << base;
      for (const auto& c : cuts) f << c << "\n";
      f << rest;
    }
    const std::string cmd = std::string(CORRIDOR_CBC_EXECUTABLE) + " " + lp +
                            " -ratio 0 -allow 0 -solve -solu " + sol + " > " + dir + "/" + tag +
                            ".log 2>&1";
    if (std::system(cmd.c_str()) != 0) return {};
    std::ifstream in(sol);
    std::string line;
    std::getline(in, line);
    if (line.rfind("Optimal", 0) != 0) return {};
    objective = std::stod(line.substr(line.rfind(' ') + 1));
    std::vector<int> open(m.facilities.size(), 0);
    while (std::getline(in, line)) {
      std::istringstream row(line);
      std::string index, name;
      double value = 0;
      row >> index >> name >> value;
      int i = 0, k = 0;
      if (std::sscanf(name.c_str(), "y_%d_%d", &i, &k) == 2 && value > 0.5) open[i] = 1;
    }
    return open;
  }

  // Excludes exactly this open set: sum_{open} (1 - y) + sum_{closed} y >= 1.
  void exclude(const std::vector<int>& open) {
    std::string row = "ng_" + std::to_string(cuts.size()) + ":";
    int ones = 0;
    for (std::size_t i = 0; i < open.size(); ++i) {
      row += (open[i] != 0 ? " - " : " + ") + y[i];
      ones += open[i];
    }
    row += " >= " + std::to_string(1 - ones);
    cuts.push_back(row);
  }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// One instance of each OR-Library size class; CORRIDOR_ALTERNATIVES_ALL=1 runs all 37
// (cap41-cap134, the figures in bench/README.md).
std::vector<std::string> orlib_instances() {
  if (const char* all = std::getenv("CORRIDOR_ALTERNATIVES_ALL"); all != nullptr && *all == '1') {
    std::vector<std::string> v;
    for (int g : {4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
      for (int k = 1; k <= 4; ++k)
        if (g != 5 || k == 1) v.push_back("cap" + std::to_string(g) + std::to_string(k));
    return v;
  }
  return {"cap41", "cap71", "cap101", "cap131"};
}

class OrlibAlternatives : public ::testing::TestWithParam<std::string> {};

TEST_P(OrlibAlternatives, MatchCbcWithNoGoodCuts) {
  ASSERT_EQ(std::string(CORRIDOR_CBC_EXECUTABLE).find("NOTFOUND"), std::string::npos)
      << "Debian cbc is required (scripts/install-deps)";
  const std::string name = GetParam();
  const Model m = read_orlib(std::string(CORRIDOR_ORLIB_DIR) + "/" + name + ".txt");
  constexpr int kK = 5;
  SolveOptions o;
  o.alternatives = kK;
  auto t0 = std::chrono::steady_clock::now();
  const Solution s = solve(m, o);
  const double ours = seconds_since(t0);
  ASSERT_EQ(s.status, SolveStatus::kOptimal);
  ASSERT_EQ(s.alternatives.size(), kK - 1U);
  // Costs of single closes, to skip cbc's sets that are a cheaper plan plus idle sites.
  FixedLp lp(m);
  auto price = [&](const std::vector<int>& open) {
    std::vector<int> opt(open.size());
    for (std::size_t i = 0; i < open.size(); ++i) opt[i] = open[i] != 0 ? 0 : -1;
    return lp.solve(opt) ? lp.objective() : kInf;
  };
  t0 = std::chrono::steady_clock::now();
  CbcRanking cbc(m, name);
  std::vector<double> theirs;
  int rounds = 0;
  for (; rounds < 80 && static_cast<int>(theirs.size()) < kK; ++rounds) {
    double obj = 0;
    const std::vector<int> open = cbc.next(obj);
    ASSERT_FALSE(open.empty()) << "cbc failed in round " << rounds;
    bool minimal = true;
    for (std::size_t i = 0; i < open.size() && minimal; ++i) {
      if (open[i] == 0) continue;
      std::vector<int> n = open;
      n[i] = 0;
      minimal = !(price(n) < obj - 1e-9 * obj);
    }
    if (minimal) theirs.push_back(obj);
    cbc.exclude(open);
  }
  const double peer = seconds_since(t0);
  std::printf("%s: ours K=%d %.3f s (%lld nodes); cbc with no-good cuts %.3f s (%d solves)\n",
              name.c_str(),
              kK,
              ours,
              s.nodes,
              peer,
              rounds);
  ASSERT_EQ(theirs.size(), static_cast<std::size_t>(kK));
  EXPECT_TRUE(close(s.objective, theirs[0])) << s.objective << " vs " << theirs[0];
  for (int r = 1; r < kK; ++r)
    EXPECT_TRUE(close(s.alternatives[r - 1].objective, theirs[r]))
        << "rank " << r + 1 << ": " << s.alternatives[r - 1].objective << " vs " << theirs[r];
}

INSTANTIATE_TEST_SUITE_P(Orlib, OrlibAlternatives, ::testing::ValuesIn(orlib_instances()));

TEST(SolverThreads, TwoThreadsFollowTheSameSearch) {
  // Large enough for several facility and customer chunks.
  testing::Rng r{99};
  Model m;
  const int nf = 70, nc = 1300;
  for (int i = 0; i < nf; ++i)
    m.facilities.push_back({"f" + std::to_string(i),
                            {{r.uniform(60, 140), r.uniform(800, 2000), r.uniform(0, 2)},
                             {r.uniform(150, 300), r.uniform(1800, 3500), r.uniform(0, 1.5)}},
                            false});
  for (int j = 0; j < nc; ++j) m.demand.push_back(std::round(r.uniform(1, 20)));
  for (int i = 0; i < nf; ++i)
    for (int j = 0; j < nc; ++j)
      if (r.below(12) == 0) m.arcs.push_back({i, j, r.uniform(1, 30)});
  m.needs_supply = true;
  m.resources = {{"c0", 4000}, {"c1", 5000}};
  for (int i = 0; i < nf; ++i)
    for (int c = 0; c < 2; ++c) m.supply.push_back({i, r.uniform(2, 8), {c}});
  for (int j = 0; j < nc; j += 5) m.direct.push_back({j, r.uniform(20, 40), {r.below(2)}});
  m.unmet_penalty = 45.0;
  SolveOptions one;
  one.relative_gap = 1e-4;
  SolveOptions two = one;
  two.threads = 2;
  const Solution a = solve(m, one);
  const Solution b = solve(m, two);
  ASSERT_EQ(a.status, SolveStatus::kOptimal);
  EXPECT_EQ(a.option, b.option);
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.lower_bound, b.lower_bound);
  EXPECT_EQ(a.nodes, b.nodes);
}

}  // namespace
}  // namespace corridor::design::solver
