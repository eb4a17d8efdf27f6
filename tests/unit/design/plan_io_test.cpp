// Plan JSON: round trip, strict reading, and the plan and compare output tables.

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
  const Plan back = read_plan(j, "plan.json");
  EXPECT_EQ(nlohmann::json(back), j);
  EXPECT_EQ(back.status, SolveStatus::kOptimal);
  EXPECT_EQ(back.flows.size(), p.flows.size());
  EXPECT_EQ(back.unmet.size(), p.unmet.size());
  EXPECT_DOUBLE_EQ(back.objective, p.objective);
}

TEST(PlanJson, KeysAreTheFieldNamesAfterTheHeader) {
  const nlohmann::json j = tiny_plan();
  for (const char* k : {"schema",
                        "corridor_version",
                        "scenario",
                        "variant",
                        "scenario_fingerprint",
                        "currency",
                        "status",
                        "objective",
                        "lower_bound",
                        "gap",
                        "requested_gap",
                        "costs",
                        "warehouses",
                        "crossings",
                        "flows",
                        "zones",
                        "unmet",
                        "cost_per_parcel"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["schema"], "corridor.plan/3");
  EXPECT_EQ(j["status"], "optimal");
  EXPECT_TRUE(j["crossings"][0].contains("shadow_price_per_unit_day"));
  EXPECT_TRUE(j["costs"].contains("unmet_penalty"));
}

std::vector<Diagnostic> read_errors(const nlohmann::json& j) {
  try {
    read_plan(j, "p.json");
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

bool has_error(const std::vector<Diagnostic>& ds, ErrorCode code, const std::string& field) {
  for (const auto& d : ds)
    if (d.code == code && d.field == field && d.file == "p.json") return true;
  return false;
}

TEST(PlanJson, EveryMissingOrMistypedKeyIsAnErrorNeverADefault) {
  nlohmann::json j = tiny_plan();
  j.erase("status");  // used to read as "optimal"
  j["flows"][1].erase("hub");
  j["zones"][0]["demand_per_day"] = "12";
  j["costs"].erase("fixed");
  const auto ds = read_errors(j);
  EXPECT_TRUE(has_error(ds, ErrorCode::kBadArtefact, "status"));
  EXPECT_TRUE(has_error(ds, ErrorCode::kBadArtefact, "flows[1].hub"));
  EXPECT_TRUE(has_error(ds, ErrorCode::kBadArtefact, "zones[0].demand_per_day"));
  EXPECT_TRUE(has_error(ds, ErrorCode::kBadArtefact, "costs.fixed"));
  EXPECT_EQ(ds.size(), 4u);  // all at once
}

TEST(PlanJson, UnknownStatusAndOtherSchemasAreRefused) {
  nlohmann::json j = tiny_plan();
  j["status"] = "great";
  EXPECT_TRUE(has_error(read_errors(j), ErrorCode::kBadArtefact, "status"));
  j = tiny_plan();
  j["schema"] = "corridor.compare/2";
  EXPECT_TRUE(has_error(read_errors(j), ErrorCode::kBadArtefact, "schema"));
  j["schema"] = "corridor.plan/1";
  EXPECT_TRUE(has_error(read_errors(j), ErrorCode::kBadArtefact, "schema"));
  j.erase("schema");  // a plan.json of corridor before artefact headers
  EXPECT_TRUE(has_error(read_errors(j), ErrorCode::kBadArtefact, "schema"));
  EXPECT_TRUE(has_error(read_errors(nlohmann::json::array()), ErrorCode::kBadArtefact, ""));
}

TEST(PlanOutputs, AddsEveryTable) {
  const fs::path dir = fresh_dir("outputs");
  const Plan p = tiny_plan();
  core::OutputSet out(dir);
  add_plan_outputs(p, out);
  out.publish();
  for (const char* f :
       {"plan.json", "warehouses.csv", "crossings.csv", "flows.csv", "zones.csv", "unmet.csv"})
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  const Plan back = load_plan((dir / "plan.json").string());
  EXPECT_DOUBLE_EQ(back.objective, p.objective);
  const std::string unmet = slurp(dir / "unmet.csv");
  EXPECT_EQ(unmet.substr(0, unmet.find('\n')), "zone,part,parcels_per_day,reason,binding");
  EXPECT_NE(unmet.find("crossing_capacity,X1"), std::string::npos);
  const std::string flows = slurp(dir / "flows.csv");
  EXPECT_NE(flows.find("HUB;XCN;XKZ;SA"), std::string::npos);
  fs::remove_all(dir);
}

TEST(CompareOutputs, JsonEmbedsEveryPlanAndCsvHasOneRowEach) {
  const Plan base = tiny_plan();
  const CorridorModel cm = build_corridor_model(testing::tiny_with_x2(), {});
  const Plan v = make_plan(cm, testing::brute_force_solve(cm.model));
  const Comparison c = compare_plans(base, {v});
  const fs::path dir = fresh_dir("compare");
  core::OutputSet out(dir);
  add_compare_outputs(c, out);
  out.publish();
  const auto j = nlohmann::json::parse(slurp(dir / "compare.json"));
  EXPECT_EQ(j["schema"], "corridor.compare/2");
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
