// Two `corridor worker` processes on one PostgreSQL database share six jobs: every job
// runs exactly once (each id claimed once across both workers' logs, attempts 1 in the
// database), and SIGTERM stops both cleanly. Run through with-pg.sh.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "corridor/jobs.hpp"
#include "corridor/store.hpp"

extern char** environ;

namespace corridor::jobs {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

pid_t spawn_worker(const std::string& url, const std::string& id, const std::string& log) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args{CORRIDOR_BIN, "worker", "--db", url, "--slots", "2", "--id", id};
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, CORRIDOR_BIN, &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

TEST(Workers, TwoWorkersRunSixJobsEachOnce) {
  const char* url = std::getenv("CORRIDOR_TEST_PG_URL");
  ASSERT_TRUE(url != nullptr && *url != '\0') << "run through tests/jobs/with-pg.sh";
  auto db = store::Database::open(url);
  db->write(
      [](store::Tx& tx) { tx.exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"); });
  const store::Migration m{1, "init", slurp(fs::path(CORRIDOR_MIGRATIONS) / "0001_init.sql"), ""};
  db->migrate(std::span<const store::Migration>(&m, 1));
  std::int64_t vid = 0;
  db->write([&](store::Tx& tx) {
    const store::Value t[] = {store::Value{std::string("2026-12-01T00:00:00Z")}};
    const auto sid = tx.query_one(
                           "INSERT INTO scenarios (name, created_at) VALUES ('tiny', ?) "
                           "RETURNING id",
                           t)
                         ->integer(0);
    const store::Value v[] = {store::Value{sid}, t[0]};
    vid = tx.query_one(
                "INSERT INTO scenario_versions (scenario_id, version, fingerprint, "
                "summary_json, created_at) VALUES (?, 1, 'x', '{}', ?) RETURNING id",
                v)
              ->integer(0);
    for (const auto& e : fs::directory_iterator(fs::path(CORRIDOR_TEST_DATA) / "plan_tiny")) {
      const store::Value f[] = {store::Value{vid},
                                store::Value{e.path().filename().string()},
                                store::Value{store::Blob{slurp(e.path())}}};
      tx.exec("INSERT INTO scenario_files (version_id, path, content) VALUES (?, ?, ?)", f);
    }
  });
  Queue q(*db);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 6; ++i)
    ids.push_back(i % 3 == 2 ? q.enqueue("simulate", vid, R"({"days":5,"replications":1})", {})
                             : q.enqueue("plan", vid, "{}", {}));

  const fs::path dir = fs::temp_directory_path() / ("corridor-workers-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string log_a = (dir / "a.log").string(), log_b = (dir / "b.log").string();
  const pid_t a = spawn_worker(url, "test:worker-a", log_a);
  const pid_t b = spawn_worker(url, "test:worker-b", log_b);

  const auto end = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  auto all_final = [&] {
    for (auto id : ids)
      if (!is_final(q.get(id)->state)) return false;
    return true;
  };
  while (!all_final() && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ::kill(a, SIGTERM);
  ::kill(b, SIGTERM);
  int sa = 0, sb = 0;
  ::waitpid(a, &sa, 0);
  ::waitpid(b, &sb, 0);
  EXPECT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0) << slurp(log_a);
  EXPECT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0) << slurp(log_b);

  // The workers' own account: each job claimed once, by one of them.
  std::map<std::int64_t, int> claims;
  const std::regex claim(R"(jobs: job (\d+) claimed by (test:worker-[ab]))");
  for (const auto& log : {log_a, log_b}) {
    const std::string text = slurp(log);
    for (std::sregex_iterator it(text.begin(), text.end(), claim), e; it != e; ++it)
      ++claims[std::stoll((*it)[1])];
  }
  for (auto id : ids) {
    const Job j = *q.get(id);
    EXPECT_EQ(j.state, State::kSucceeded) << id << ": " << j.message;
    EXPECT_EQ(j.attempts, 1) << id;
    EXPECT_TRUE(j.claimed_by == "test:worker-a" || j.claimed_by == "test:worker-b") << j.claimed_by;
    EXPECT_EQ(claims[id], 1) << "job " << id << "\n" << slurp(log_a) << slurp(log_b);
    EXPECT_FALSE(q.file_names(id).empty());
  }
  EXPECT_EQ(claims.size(), ids.size());
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace corridor::jobs
