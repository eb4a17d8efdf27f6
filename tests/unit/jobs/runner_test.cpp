// Real child runs of the built `corridor` through Runner and Pool.

#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>
#include <nlohmann/json.hpp>
#include <thread>

#include "fixture.hpp"

namespace corridor::jobs {
namespace {

using namespace std::chrono_literals;
using testing::TestDb;

RunnerOptions runner_options(const TestDb& t) {
  RunnerOptions o;
  o.corridor_path = CORRIDOR_BIN;
  o.work_root = t.dir().string();
  o.grace_seconds = 2.0;
  o.cancel_poll_seconds = 0.2;
  return o;
}

bool gone(pid_t pid) { return ::kill(pid, 0) == -1 && errno == ESRCH; }

// Waits (bounded) until `pred` holds; the bound only guards against a hang.
template <class F>
bool eventually(F pred, std::chrono::seconds limit = 120s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return pred();
}

TEST(Runner, PlanJobStoresItsOutputs) {
  TestDb t;
  Queue q(t.db());
  const auto id = q.enqueue("plan", t.add_version("plan_tiny"), "{}", std::nullopt);
  Runner r(q, t.db(), runner_options(t), "w");
  const Outcome oc = r.run(*q.claim("w"));
  ASSERT_EQ(oc.state, State::kSucceeded) << oc.message;
  EXPECT_TRUE(oc.recorded);
  const Job j = *q.get(id);
  EXPECT_EQ(j.state, State::kSucceeded);
  EXPECT_DOUBLE_EQ(j.progress, 1.0);
  EXPECT_EQ(j.exit_code, 0);
  const auto names = q.file_names(id);
  for (const char* n : {"plan.json", "warehouses.csv", "flows.csv", "report.html"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  const auto plan = nlohmann::json::parse(*q.file(id, "plan.json"));
  EXPECT_EQ(plan.at("schema").get<std::string>().rfind("corridor.plan", 0), 0U);
  EXPECT_EQ(plan.at("status"), "optimal");
  // The temp folder is gone.
  for (const auto& e : std::filesystem::directory_iterator(t.dir()))
    EXPECT_EQ(e.path().filename().string().rfind("corridor-job-", 0), std::string::npos);
}

TEST(Runner, SimulateSolvesThePlanFirstOrUsesAPlanJob) {
  TestDb t;
  Queue q(t.db());
  const auto v = t.add_version("plan_tiny");
  const auto sim = q.enqueue("simulate", v, R"({"days":5,"warmup":1,"replications":1})", {});
  Runner r(q, t.db(), runner_options(t), "w");
  ASSERT_EQ(r.run(*q.claim("w")).state, State::kSucceeded) << q.get(sim)->message;
  auto names = q.file_names(sim);
  EXPECT_NE(std::find(names.begin(), names.end(), "plan.json"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "sim.json"), names.end());
  const auto sim_json = nlohmann::json::parse(*q.file(sim, "sim.json"));
  EXPECT_EQ(sim_json.at("horizon").at("days"), 5);  // the options reached the child
  EXPECT_EQ(sim_json.at("horizon").at("warmup_days"), 1);
  // plan_job: simulate the plan that job stored, without solving one.
  const auto again =
      q.enqueue("simulate", v, nlohmann::json{{"days", 3}, {"plan_job", sim}}.dump(), {});
  ASSERT_EQ(r.run(*q.claim("w")).state, State::kSucceeded) << q.get(again)->message;
  names = q.file_names(again);
  EXPECT_EQ(nlohmann::json::parse(*q.file(again, "sim.json")).at("horizon").at("days"), 3);
  EXPECT_EQ(std::find(names.begin(), names.end(), "plan.json"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "sim.json"), names.end());
}

TEST(Runner, CompareJobStoresTheComparison) {
  TestDb t;
  Queue q(t.db());
  const auto id = q.enqueue("compare", t.add_version("ok_variants"), "{}", {});
  Runner r(q, t.db(), runner_options(t), "w");
  ASSERT_EQ(r.run(*q.claim("w")).state, State::kSucceeded) << q.get(id)->message;
  const auto c = nlohmann::json::parse(*q.file(id, "compare.json"));
  // The base and every variant of the manifest (options without `variants`).
  const auto manifest =
      testing::slurp(std::filesystem::path(CORRIDOR_TEST_DATA) / "ok_variants/scenario.yaml");
  ASSERT_GE(c.at("rows").size(), 2U);
  for (std::size_t i = 1; i < c.at("rows").size(); ++i)
    EXPECT_NE(manifest.find(c["rows"][i].at("variant").get<std::string>()), std::string::npos);
  EXPECT_TRUE(q.file(id, "report.html").has_value());
}

TEST(Runner, BadScenarioFailsWithExitCodeAndErrors) {
  TestDb t;
  Queue q(t.db());
  const auto id = q.enqueue("plan", t.add_version("bad_negative_capacity"), "{}", {});
  Runner r(q, t.db(), runner_options(t), "w");
  const Outcome oc = r.run(*q.claim("w"));
  EXPECT_EQ(oc.state, State::kFailed);
  const Job j = *q.get(id);
  EXPECT_EQ(j.exit_code, 3);
  EXPECT_NE(j.message.find("corridor plan exited with code 3"), std::string::npos) << j.message;
  EXPECT_NE(j.message.find("[E"), std::string::npos) << j.message;  // the diagnostics
  EXPECT_TRUE(q.file_names(id).empty());
}

TEST(Runner, UnsafeScenarioPathIsRefused) {
  TestDb t;
  Queue q(t.db());
  const auto id = q.enqueue("plan", t.add_version("x", {{"../escape.csv", "a"}}), "{}", {});
  Runner r(q, t.db(), runner_options(t), "w");
  EXPECT_EQ(r.run(*q.claim("w")).state, State::kFailed);
  EXPECT_NE(q.get(id)->message.find("not a relative path"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(t.dir() / "escape.csv"));
}

// A simulation long enough that it is still running when cancelled.
constexpr const char* kLongSim = R"({"days":1000000,"replications":1})";

TEST(Runner, CancelStopsTheChild) {
  TestDb t;
  Queue q(t.db());
  const auto id = q.enqueue("simulate", t.add_version("plan_tiny"), kLongSim, {});
  Runner r(q, t.db(), runner_options(t), "w");
  pid_t pid = 0;
  std::thread canceller([&] {
    // Once the simulate step reports progress (past the plan's 30%), cancel.
    ASSERT_TRUE(eventually([&] { return q.get(id)->progress > 0.3; }));
    pid = r.child_pid();
    EXPECT_TRUE(q.request_cancel(id));
  });
  const Outcome oc = r.run(*q.claim("w"));
  canceller.join();
  EXPECT_EQ(oc.state, State::kCancelled);
  EXPECT_EQ(q.get(id)->state, State::kCancelled);
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(gone(pid));
  EXPECT_TRUE(::kill(-pid, 0) == -1 && errno == ESRCH);  // the whole group
  EXPECT_TRUE(q.file_names(id).empty());
}

TEST(Runner, MemoryLimitFailsClearly) {
#ifdef __SANITIZE_ADDRESS__
  GTEST_SKIP() << "an ASan child reserves terabytes of shadow memory: no RLIMIT_AS fits";
#endif
  TestDb t;
  Queue q(t.db());
  const auto id = q.enqueue("simulate", t.add_version("plan_tiny"), kLongSim, {});
  RunnerOptions o = runner_options(t);
  // The tiny plan solves in under 40 MiB of address space; a million simulated days
  // need several hundred (per-day series and calendars).
  o.memory_limit_bytes = 64ULL << 20;
  Runner r(q, t.db(), o, "w");
  EXPECT_EQ(r.run(*q.claim("w")).state, State::kFailed);
  const Job j = *q.get(id);
  EXPECT_EQ(
      j.message.rfind("memory limit of 64 MiB exceeded: corridor simulate exited with code 1", 0),
      0U)
      << j.message;
  EXPECT_NE(j.message.find("bad_alloc"), std::string::npos) << j.message;
}

// The pool: a child killed from outside fails its job and the slot goes on.
TEST(Pool, KilledChildFailsAndThePoolGoesOn) {
  TestDb t;
  PoolOptions po;
  po.slots = 1;
  po.worker_id = "test:pool";
  po.runner = runner_options(t);
  po.poll_seconds = 0.2;
  Pool pool(t.db(), po);
  Queue& q = pool.queue();
  const auto v = t.add_version("plan_tiny");
  const auto killed = q.enqueue("simulate", v, kLongSim, {});
  const auto next = q.enqueue("plan", v, "{}", {});
  pool.start();
  ASSERT_TRUE(eventually([&] { return q.get(killed)->progress > 0.3; }));
  const auto kids = testing::children_of(::getpid());
  ASSERT_EQ(kids.size(), 1U);
  ASSERT_EQ(::kill(kids[0], SIGKILL), 0);
  ASSERT_TRUE(eventually([&] { return q.get(next)->state == State::kSucceeded; }));
  const Job j = *q.get(killed);
  EXPECT_EQ(j.state, State::kFailed);
  EXPECT_NE(j.message.find("killed by signal 9"), std::string::npos) << j.message;
  pool.stop();
}

// stop() leaves the running job to the next start of the same worker.
TEST(Pool, StopLeavesTheJobForRecovery) {
  TestDb t;
  PoolOptions po;
  po.slots = 1;
  po.worker_id = "test:pool";
  po.runner = runner_options(t);
  po.poll_seconds = 0.2;
  po.reaper = false;
  auto pool = std::make_unique<Pool>(t.db(), po);
  Queue q(t.db());
  const auto id = q.enqueue("simulate", t.add_version("plan_tiny"), kLongSim, {});
  pool->notify();
  pool->start();
  ASSERT_TRUE(eventually([&] { return q.get(id)->progress > 0.3; }));
  const auto kids = testing::children_of(::getpid());
  ASSERT_EQ(kids.size(), 1U);
  pool->stop();
  EXPECT_TRUE(gone(kids[0]));
  EXPECT_EQ(q.get(id)->state, State::kRunning);
  const ReapResult r = q.recover_on_start("test:pool");
  EXPECT_EQ(r.requeued, std::vector<std::int64_t>{id});
  EXPECT_TRUE(q.request_cancel(id));
}

}  // namespace
}  // namespace corridor::jobs
