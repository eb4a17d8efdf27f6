// Plan JSON round trip and the atomic CSV/JSON outputs.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../network/tiny_scenario.hpp"
#include "brute_force.hpp"
#include "corridor/design.hpp"
#include "corridor_model.hpp"

namespace corridor::design {
namespace {

namespace fs = std::filesystem;

Plan tiny_plan() {
  auto s = testing::tiny_scenario();
  s.crossings[0].capacity_per_day = 1;  // some unmet demand, so every table has rows
  const CorridorModel cm = build_corridor_model(s, {});
  return make_plan(cm, testing::brute_force_solve(cm.model));
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("corridor_test_" + name + "_" +
                                                  std::to_string(static_cast<long>(::getpid())));
  fs::remove_all(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(PlanJson, RoundTripIsLossless) {
  const Plan p = tiny_plan();
  const nlohmann::json j = p;
  const Plan back = j.get<Plan>();
  EXPECT_EQ(nlohmann::json(back), j);
  EXPECT_EQ(back.status, SolveStatus::kOptimal);
  EXPECT_EQ(back.flows.size(), p.flows.size());
  EXPECT_EQ(back.unmet.size(), p.unmet.size());
  EXPECT_DOUBLE_EQ(back.objective, p.objective);
}

TEST(PlanJson, KeysAreTheFieldNames) {
  const nlohmann::json j = tiny_plan();
  for (const char* k : {"scenario",
                        "variant",
                        "currency",
                        "status",
                        "objective",
                        "lower_bound",
                        "gap",
                        "costs",
                        "warehouses",
                        "crossings",
                        "flows",
                        "zones",
                        "unmet",
                        "cost_per_parcel"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["status"], "optimal");
  EXPECT_TRUE(j["crossings"][0].contains("shadow_price_per_unit_day"));
  EXPECT_TRUE(j["costs"].contains("unmet_penalty"));
}

TEST(PlanJson, MissingKeysTakeDefaultsAndBadStatusThrows) {
  const Plan p = nlohmann::json::parse(R"({"objective": 5, "status": "time_limit"})").get<Plan>();
  EXPECT_DOUBLE_EQ(p.objective, 5.0);
  EXPECT_EQ(p.status, SolveStatus::kTimeLimit);
  EXPECT_TRUE(p.flows.empty());
  EXPECT_THROW(nlohmann::json::parse(R"({"status": "great"})").get<Plan>(),
               nlohmann::json::exception);
}

TEST(PlanOutputs, WritesEveryTable) {
  const fs::path dir = fresh_dir("outputs");
  const Plan p = tiny_plan();
  write_plan_outputs(p, dir.string());
  for (const char* f :
       {"plan.json", "warehouses.csv", "crossings.csv", "flows.csv", "zones.csv", "unmet.csv"})
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  const auto j = nlohmann::json::parse(slurp(dir / "plan.json"));
  EXPECT_DOUBLE_EQ(j["objective"].get<double>(), p.objective);
  const std::string unmet = slurp(dir / "unmet.csv");
  EXPECT_EQ(unmet.substr(0, unmet.find('\n')), "zone,part,parcels_per_day,reason,binding");
  EXPECT_NE(unmet.find("crossing_capacity,X1"), std::string::npos);
  const std::string flows = slurp(dir / "flows.csv");
  EXPECT_NE(flows.find("HUB;XCN;XKZ;SA"), std::string::npos);
  // Writing again over an existing folder replaces the files and leaves no temp folder.
  write_plan_outputs(p, dir.string());
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.parent_path()))
    if (e.path().filename().string().starts_with("." + dir.filename().string())) ++entries;
  EXPECT_EQ(entries, 0);
  fs::remove_all(dir);
}

TEST(PlanOutputs, FailureLeavesNothingAndSaysOutputFailed) {
  const fs::path dir = fresh_dir("blocked");
  fs::create_directories(dir);
  std::ofstream(dir / "file") << "x";
  // The target's parent is a file: nothing can be created there.
  const fs::path target = dir / "file" / "out";
  try {
    write_plan_outputs(tiny_plan(), target.string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kOutputFailed);
  }
  EXPECT_FALSE(fs::exists(target));
  // An existing file in place of the folder is refused before anything is moved.
  try {
    write_plan_outputs(tiny_plan(), (dir / "file").string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kOutputFailed);
  }
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);  // only "file"
  fs::remove_all(dir);
}

TEST(CompareOutputs, JsonEmbedsEveryPlanAndCsvHasOneRowEach) {
  const Plan base = tiny_plan();
  const CorridorModel cm = build_corridor_model(testing::tiny_with_x2(), {});
  const Plan v = make_plan(cm, testing::brute_force_solve(cm.model));
  const Comparison c = compare_plans(base, {v});
  const fs::path dir = fresh_dir("compare");
  write_compare_outputs(c, dir.string());
  const auto j = nlohmann::json::parse(slurp(dir / "compare.json"));
  EXPECT_EQ(j["plans"].size(), 2u);
  EXPECT_EQ(j["rows"][1]["variant"], "open-x2");
  const std::string csv = slurp(dir / "compare.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  EXPECT_NE(csv.find("flow_X2"), std::string::npos);
  EXPECT_EQ(csv.substr(csv.find('\n') + 1, 5), "base,");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace corridor::design
