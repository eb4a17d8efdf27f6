// write_lp must describe exactly the problem solve() solves: Debian's cbc binary on the
// exported LP reaches the same objective (1e-6 relative).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "corridor/solver/model.hpp"

namespace corridor::design::solver {
namespace {

// Runs cbc on `model`'s LP export; returns the optimal objective or NaN.
double cbc_objective(const Model& model, const std::string& tag) {
  const std::string dir = ::testing::TempDir();
  const std::string lp = dir + "/corridor_" + tag + ".lp";
  const std::string sol = dir + "/corridor_" + tag + ".sol";
  {
    std::ofstream out(lp);
    write_lp(model, out);
  }
  const std::string cmd = std::string(CORRIDOR_CBC_EXECUTABLE) + " " + lp + " -solve -solu " + sol +
                          " > " + dir + "/corridor_" + tag + ".log 2>&1";
  if (std::system(cmd.c_str()) != 0) return std::nan("");
  std::ifstream in(sol);
  std::string first;
  std::getline(in, first);
  // "Optimal - objective value 1040444.375"
  if (first.rfind("Optimal", 0) != 0) return std::nan("");
  return std::stod(first.substr(first.rfind(' ') + 1));
}

bool have_cbc() {
  return std::string(CORRIDOR_CBC_EXECUTABLE).find("NOTFOUND") == std::string::npos;
}

TEST(LpExport, Cap41MatchesCbc) {
  if (!have_cbc()) GTEST_SKIP() << "cbc not found";
  const Model m = read_orlib(std::string(CORRIDOR_ORLIB_DIR) + "/cap41.txt");
  const double ours = solve(m).objective;
  const double theirs = cbc_objective(m, "cap41");
  EXPECT_LE(std::abs(ours - theirs) / std::abs(theirs), 1e-6) << ours << " vs " << theirs;
}

TEST(LpExport, GeneralModelMatchesCbc) {
  if (!have_cbc()) GTEST_SKIP() << "cbc not found";
  // Options with different handling, supply through shared resources, direct paths,
  // unmet demand at a penalty and max_open.
  Model m;
  m.facilities = {{"a b", {{40, 300, 1}, {80, 500, 0.5}}, false},
                  {"c-d", {{60, 350, 0.8}}, false},
                  {"e", {{50, 200, 1.2}}, false}};
  m.demand = {20, 30, 25, 15};
  m.arcs = {{0, 0, 2},
            {0, 1, 3},
            {0, 2, 6},
            {1, 1, 2},
            {1, 2, 2},
            {1, 3, 4},
            {2, 0, 5},
            {2, 3, 1},
            {2, 2, 3}};
  m.needs_supply = true;
  m.resources = {{"crossing 1", 45}, {"crossing 2", 200}, {"hub", 70}};
  m.supply = {{0, 3, {0, 2}}, {0, 6, {1}}, {1, 4, {0}}, {1, 5, {1, 2}}, {2, 7, {1}}};
  m.direct = {{0, 9, {0}}, {3, 8, {1, 2}}};
  m.unmet_penalty = 15.0;
  m.max_open = 2;
  const Solution s = solve(m);
  ASSERT_EQ(s.status, SolveStatus::kOptimal);
  const double theirs = cbc_objective(m, "general");
  EXPECT_LE(std::abs(s.objective - theirs) / std::abs(theirs), 1e-6)
      << s.objective << " vs " << theirs;
}

TEST(LpExport, FormatHasTheSections) {
  std::ostringstream out;
  Model m;
  m.facilities = {{"x", {{10, 1, 0}}, true}};
  m.demand = {5};
  m.arcs = {{0, 0, 1}};
  write_lp(m, out);
  const std::string s = out.str();
  for (const char* section : {"Minimize", "Subject To", "Bounds", "Binaries", "End"})
    EXPECT_NE(s.find(section), std::string::npos) << section;
  EXPECT_NE(s.find("lnk_0: 1 x_0_0_0 - 5 y_0_0_x <= 0"), std::string::npos) << s;
}

}  // namespace
}  // namespace corridor::design::solver
