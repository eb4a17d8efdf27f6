// The queue's state machine, the claim race, the reaper and recovery.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "fixture.hpp"
#include "request.hpp"

namespace corridor::jobs {
namespace {

using testing::TestDb;

TEST(Queue, EnqueueClaimHeartbeatFinish) {
  TestDb t;
  Queue q(t.db());
  const auto v = t.add_version("plan_tiny");
  const auto a = q.enqueue("plan", v, "{}", std::nullopt);
  const auto b = q.enqueue("compare", v, R"({"variants":[]})", std::nullopt);
  EXPECT_EQ(q.get(a)->state, State::kQueued);

  const auto first = q.claim("w1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, a);  // oldest first
  EXPECT_EQ(first->state, State::kRunning);
  EXPECT_EQ(first->claimed_by, "w1");
  EXPECT_EQ(first->attempts, 1);
  EXPECT_EQ(q.claim("w2")->id, b);
  EXPECT_FALSE(q.claim("w3"));  // nothing left

  // Progress never goes back; another worker's heartbeat changes nothing.
  EXPECT_TRUE(q.heartbeat(a, "w1", 0.5, "half").owned);
  EXPECT_TRUE(q.heartbeat(a, "w1", 0.3, "late").owned);
  EXPECT_FALSE(q.heartbeat(a, "w2", 0.9).owned);
  EXPECT_DOUBLE_EQ(q.get(a)->progress, 0.5);
  EXPECT_EQ(q.get(a)->message, "late");

  EXPECT_FALSE(q.finish(a, "w2", State::kSucceeded, 0, "not mine"));
  EXPECT_TRUE(
      q.finish(a, "w1", State::kSucceeded, 0, "done", {{"plan.json", "{}"}, {"b.csv", "x\n"}}));
  const Job done = *q.get(a);
  EXPECT_EQ(done.state, State::kSucceeded);
  EXPECT_DOUBLE_EQ(done.progress, 1.0);
  EXPECT_EQ(done.exit_code, 0);
  EXPECT_FALSE(done.finished_at.empty());
  EXPECT_EQ(q.file_names(a), (std::vector<std::string>{"b.csv", "plan.json"}));
  EXPECT_EQ(q.file(a, "b.csv"), "x\n");
  EXPECT_FALSE(q.finish(a, "w1", State::kFailed, 1, "twice"));  // final stays final
  EXPECT_EQ(q.get(a)->state, State::kSucceeded);

  EXPECT_TRUE(q.finish(b, "w2", State::kFailed, 3, "bad input"));
  EXPECT_DOUBLE_EQ(q.get(b)->progress, 0.0);
  EXPECT_TRUE(q.file_names(b).empty());
  EXPECT_EQ(q.list().size(), 2U);
  EXPECT_EQ(q.list(10, State::kFailed).at(0).id, b);
}

TEST(Queue, BadRequestListsEveryProblem) {
  TestDb t;
  Queue q(t.db());
  const auto fixture = nlohmann::json::parse(
      testing::slurp(std::filesystem::path(CORRIDOR_TEST_DATA) / "jobs/bad_request.json"));
  try {
    q.enqueue(fixture["kind"].get<std::string>(),
              t.add_version("plan_tiny"),
              fixture["options"].dump(),
              std::nullopt);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    std::set<std::string> fields;
    for (const auto& d : e.diagnostics()) {
      EXPECT_EQ(d.code, ErrorCode::kBadJobRequest);
      fields.insert(d.field);
    }
    EXPECT_EQ(fields,
              (std::set<std::string>{
                  "options.days", "options.replications", "options.variant", "options.colour"}));
  }
  EXPECT_TRUE(q.list().empty());  // nothing half-written
  EXPECT_EQ(check_request("optimise", "{}").at(0).field, "kind");
  EXPECT_EQ(check_request("plan", "[1]").at(0).field, "options");
  EXPECT_TRUE(check_request("simulate", R"({"days":30,"replications":2,"plan_job":4})").empty());
}

TEST(Queue, PlanJobsTakeThreadsAndAlternatives) {
  EXPECT_TRUE(check_request("plan", R"({"threads":2,"alternatives":3})").empty());
  std::set<std::string> fields;
  for (const auto& d : check_request("plan", R"({"threads":0,"alternatives":51})"))
    fields.insert(d.field);
  EXPECT_EQ(fields, (std::set<std::string>{"options.threads", "options.alternatives"}));
  EXPECT_EQ(check_request("plan", R"({"alternatives":2.5})").size(), 1U);
  EXPECT_EQ(check_request("simulate", R"({"alternatives":2})").at(0).field,
            "options.alternatives");  // a simulation reads one plan
  const auto steps = steps_of(
      parse_request("plan", R"({"threads":2,"alternatives":3})"), "scn", "out", std::nullopt);
  ASSERT_EQ(steps.size(), 1U);
  const auto& a = steps[0].args;
  const auto at = std::find(a.begin(), a.end(), "--alternatives");
  ASSERT_NE(at, a.end());
  EXPECT_EQ(*(at + 1), "3");
  const auto t = std::find(a.begin(), a.end(), "--threads");
  ASSERT_NE(t, a.end());
  EXPECT_EQ(*(t + 1), "2");
}

// The dashboard passes the user's language; the report of every step follows it.
TEST(Queue, JobsTakeTheReportLanguage) {
  for (const char* kind : {"plan", "compare", "simulate"}) {
    EXPECT_TRUE(check_request(kind, R"({"lang":"kk"})").empty()) << kind;
    const auto bad = check_request(kind, R"({"lang":"de"})");
    ASSERT_EQ(bad.size(), 1U) << kind;
    EXPECT_EQ(bad[0].field, "options.lang");
    EXPECT_EQ(check_request(kind, R"({"lang":1})").size(), 1U) << kind;
    for (const auto& s : steps_of(parse_request(kind, R"({"lang":"zh"})"), "scn", "out", {}))
      EXPECT_NE(std::find(s.args.begin(), s.args.end(), "--lang=zh"), s.args.end())
          << kind << " " << s.label;
    for (const auto& s : steps_of(parse_request(kind, "{}"), "scn", "out", {}))
      for (const auto& arg : s.args) EXPECT_NE(arg.rfind("--lang", 0), 0U) << kind;
  }
}

TEST(Queue, Cancel) {
  TestDb t;
  Queue q(t.db());
  const auto v = t.add_version("plan_tiny");
  const auto a = q.enqueue("plan", v, "{}", std::nullopt);
  const auto b = q.enqueue("plan", v, "{}", std::nullopt);
  EXPECT_TRUE(q.request_cancel(b));  // queued: cancelled at once, never claimed
  EXPECT_EQ(q.get(b)->state, State::kCancelled);
  ASSERT_EQ(q.claim("w")->id, a);
  EXPECT_FALSE(q.claim("w"));
  EXPECT_FALSE(q.heartbeat(a, "w").cancel_requested);
  EXPECT_TRUE(q.request_cancel(a));  // running: flagged for the runner
  EXPECT_EQ(q.get(a)->state, State::kRunning);
  EXPECT_TRUE(q.heartbeat(a, "w").cancel_requested);
  EXPECT_TRUE(q.finish(a, "w", State::kCancelled, std::nullopt, "cancelled"));
  EXPECT_FALSE(q.request_cancel(a));  // final
  EXPECT_FALSE(q.request_cancel(12345));
}

// N claimers race over M jobs: every job is claimed exactly once.
TEST(Queue, RacingClaimersTakeEachJobOnce) {
  TestDb t;
  Queue q(t.db());
  const auto v = t.add_version("plan_tiny");
  constexpr int kJobs = 60, kThreads = 4;
  std::set<std::int64_t> ids;
  for (int i = 0; i < kJobs; ++i) ids.insert(q.enqueue("plan", v, "{}", std::nullopt));
  std::mutex m;
  std::multiset<std::int64_t> claimed;
  std::map<std::int64_t, std::string> by;
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w)
    threads.emplace_back([&, w] {
      const std::string me = "w" + std::to_string(w);
      while (auto j = q.claim(me)) {
        std::lock_guard lock(m);
        claimed.insert(j->id);
        by[j->id] = me;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kJobs));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()), ids);
  for (const auto id : ids) {
    const Job j = *q.get(id);
    EXPECT_EQ(j.attempts, 1);
    EXPECT_EQ(j.claimed_by, by[id]);  // the database agrees with who got it
  }
}

struct FakeClock {
  std::chrono::system_clock::time_point now =
      std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{12};
  Clock fn() {
    return [this] { return now; };
  }
};

TEST(Queue, ReaperRequeuesThenFails) {
  TestDb t;
  FakeClock clock;
  Queue q(t.db(), QueueOptions{2, clock.fn()});
  const auto id = q.enqueue("plan", t.add_version("plan_tiny"), "{}", std::nullopt);
  ASSERT_TRUE(q.claim("dead"));
  clock.now += std::chrono::seconds(30);
  EXPECT_TRUE(q.reap(std::chrono::seconds(60)).requeued.empty());  // still fresh
  clock.now += std::chrono::seconds(31);
  const ReapResult r1 = q.reap(std::chrono::seconds(60));
  EXPECT_EQ(r1.requeued, std::vector<std::int64_t>{id});
  EXPECT_EQ(q.get(id)->state, State::kQueued);
  EXPECT_EQ(q.get(id)->attempts, 1);
  // The stale runner wakes up: its writes no longer count.
  EXPECT_FALSE(q.heartbeat(id, "dead", 0.7).owned);
  EXPECT_FALSE(q.finish(id, "dead", State::kSucceeded, 0, "late"));

  const auto again = q.claim("alive");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempts, 2);
  clock.now += std::chrono::seconds(10);
  EXPECT_TRUE(q.heartbeat(id, "alive").owned);
  clock.now += std::chrono::seconds(59);
  EXPECT_TRUE(q.reap(std::chrono::seconds(60)).failed.empty());  // the heartbeat kept it
  clock.now += std::chrono::seconds(2);
  const ReapResult r2 = q.reap(std::chrono::seconds(60));
  EXPECT_EQ(r2.failed, std::vector<std::int64_t>{id});
  const Job j = *q.get(id);
  EXPECT_EQ(j.state, State::kFailed);
  EXPECT_NE(j.message.find("attempt 2 of 2"), std::string::npos) << j.message;
  EXPECT_FALSE(q.claim("alive"));
}

TEST(Queue, LostRunWithPendingCancelIsCancelled) {
  TestDb t;
  FakeClock clock;
  Queue q(t.db(), QueueOptions{2, clock.fn()});
  const auto id = q.enqueue("plan", t.add_version("plan_tiny"), "{}", std::nullopt);
  ASSERT_TRUE(q.claim("dead"));
  EXPECT_TRUE(q.request_cancel(id));
  clock.now += std::chrono::seconds(120);
  const ReapResult r = q.reap(std::chrono::seconds(60));
  EXPECT_EQ(r.cancelled, std::vector<std::int64_t>{id});
  EXPECT_TRUE(r.requeued.empty());
  EXPECT_EQ(q.get(id)->state, State::kCancelled);
  EXPECT_FALSE(q.claim("alive"));  // not run again
}

TEST(Queue, RecoverOnStartTakesOnlyOwnJobs) {
  TestDb t;
  Queue q(t.db());
  const auto v = t.add_version("plan_tiny");
  const auto a = q.enqueue("plan", v, "{}", std::nullopt);
  const auto b = q.enqueue("plan", v, "{}", std::nullopt);
  ASSERT_EQ(q.claim("host:serve")->id, a);
  ASSERT_EQ(q.claim("host:worker")->id, b);
  const ReapResult r = q.recover_on_start("host:serve");
  EXPECT_EQ(r.requeued, std::vector<std::int64_t>{a});
  EXPECT_EQ(q.get(a)->state, State::kQueued);
  EXPECT_EQ(q.get(b)->state, State::kRunning);  // another process's job
  ASSERT_EQ(q.claim("host:serve")->id, a);
  const ReapResult r2 = q.recover_on_start("host:serve");
  EXPECT_EQ(r2.failed, std::vector<std::int64_t>{a});
  EXPECT_NE(q.get(a)->message.find("server restarted while running; attempt 2"), std::string::npos)
      << q.get(a)->message;
}

}  // namespace
}  // namespace corridor::jobs
