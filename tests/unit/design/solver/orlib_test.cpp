// Every small OR-Library instance (cap41-cap134) must reach Beasley's published
// optimum (data/orlib-cflp/capopt.txt) with status optimal.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "corridor/error.hpp"
#include "corridor/solver/model.hpp"

namespace corridor::design::solver {
namespace {

std::map<std::string, double> published_small() {
  std::ifstream in(std::string(CORRIDOR_ORLIB_DIR) + "/capopt.txt");
  std::map<std::string, double> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string name;
    double value = 0;
    if (!(ls >> name >> value)) continue;
    if (name.rfind("cap", 0) == 0 && name != "capa" && name != "capb" && name != "capc")
      out[name] = value;
  }
  return out;
}

class OrlibSmall : public ::testing::TestWithParam<std::string> {};

TEST_P(OrlibSmall, ReachesPublishedOptimum) {
  const auto opt = published_small();
  const std::string name = GetParam();
  ASSERT_TRUE(opt.count(name)) << name;
  const Model m = read_orlib(std::string(CORRIDOR_ORLIB_DIR) + "/" + name + ".txt");
  const Solution s = solve(m);
  EXPECT_EQ(s.status, SolveStatus::kOptimal);
  EXPECT_LE(std::abs(s.objective - opt.at(name)) / opt.at(name), 1e-6)
      << name << ": got " << s.objective << " published " << opt.at(name);
  EXPECT_LE(s.lower_bound, s.objective + 1e-6);
  // Flows meet demand and capacities.
  std::vector<double> served(m.demand.size(), 0.0), out(m.facilities.size(), 0.0);
  for (std::size_t a = 0; a < m.arcs.size(); ++a) {
    served[m.arcs[a].customer] += s.arc_flow[a];
    out[m.arcs[a].facility] += s.arc_flow[a];
  }
  for (std::size_t j = 0; j < m.demand.size(); ++j) EXPECT_NEAR(served[j], m.demand[j], 1e-6);
  for (std::size_t i = 0; i < m.facilities.size(); ++i) {
    if (s.option[i] < 0)
      EXPECT_NEAR(out[i], 0.0, 1e-9);
    else
      EXPECT_LE(out[i], m.facilities[i].options[0].capacity + 1e-6);
  }
}

std::vector<std::string> small_names() {
  std::vector<std::string> names;
  for (const auto& [n, v] : published_small()) names.push_back(n);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Published,
                         OrlibSmall,
                         ::testing::ValuesIn(small_names()),
                         [](const auto& param_info) { return param_info.param; });

TEST(Orlib, PublishedTableHas37SmallInstances) { EXPECT_EQ(published_small().size(), 37U); }

TEST(Orlib, SymbolicCapacityNeedsValue) {
  try {
    (void)read_orlib(std::string(CORRIDOR_ORLIB_DIR) + "/capa.txt");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadOrlibFile);
    EXPECT_EQ(e.diagnostics().front().line, 2);
  }
  const Model m = read_orlib(std::string(CORRIDOR_ORLIB_DIR) + "/capa.txt", 8000.0);
  EXPECT_EQ(m.facilities.size(), 100U);
  EXPECT_EQ(m.demand.size(), 1000U);
  EXPECT_EQ(m.facilities[0].options[0].capacity, 8000.0);
  EXPECT_EQ(m.facilities[0].options[0].fixed_cost, 2141200.0);
}

TEST(Orlib, PerUnitCostIsCostOverDemand) {
  const Model m = read_orlib(std::string(CORRIDOR_ORLIB_DIR) + "/cap41.txt");
  ASSERT_EQ(m.facilities.size(), 16U);
  EXPECT_EQ(m.demand[0], 146.0);
  EXPECT_DOUBLE_EQ(m.arcs[0].unit_cost * 146.0, 6739.725);
  EXPECT_EQ(m.facilities[10].options[0].fixed_cost, 0.0);
}

}  // namespace
}  // namespace corridor::design::solver
