// The child process layer: progress lines from a real `corridor plan --progress-fd 3`,
// exit codes, signals, UTF-8 cleaning.

#include "child.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"

namespace corridor::jobs {
namespace {

TEST(Child, PlanProgressIsMonotoneAndEndsAtOne) {
  testing::TestDb t;  // only for a temp folder
  std::vector<std::pair<double, std::string>> seen;
  ChildHooks hooks;
  hooks.on_progress_line = [&](const std::string& l) {
    const auto j = nlohmann::json::parse(l);
    seen.emplace_back(j.at("progress").get<double>(), j.at("message").get<std::string>());
  };
  const auto out = (t.dir() / "out").string();
  const ChildResult r = run_child(
      CORRIDOR_BIN,
      {"plan", std::string(CORRIDOR_TEST_DATA) + "/plan_tiny", "--out", out, "--progress-fd", "3"},
      {},
      5.0,
      65536,
      hooks);
  ASSERT_TRUE(r.started) << r.start_error;
  ASSERT_TRUE(r.exited);
  EXPECT_EQ(r.exit_code, 0) << r.output_tail;
  ASSERT_GE(seen.size(), 3U);  // loaded, model built, solved, written at least
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GT(seen[i].first, seen[i - 1].first);
  EXPECT_GE(seen.front().first, 0.0);
  EXPECT_DOUBLE_EQ(seen.back().first, 1.0);
  EXPECT_EQ(seen.back().second, "written");
  EXPECT_TRUE(std::filesystem::exists(out + "/plan.json"));
  EXPECT_NE(r.output_tail.find("plan "), std::string::npos);  // the summary, captured
}

TEST(Child, ExitCodeAndMissingBinary) {
  const ChildResult bad =
      run_child(CORRIDOR_BIN, {"plan", "/nonexistent/folder"}, {}, 5.0, 65536, {});
  ASSERT_TRUE(bad.started);
  EXPECT_TRUE(bad.exited);
  EXPECT_EQ(bad.exit_code, 3);  // bad input (docs/cli.md)
  const ChildResult none = run_child("/nonexistent/corridor", {}, {}, 5.0, 65536, {});
  EXPECT_FALSE(none.started);
  EXPECT_NE(none.start_error.find("No such file"), std::string::npos) << none.start_error;
}

TEST(Child, StopSendsTermToTheGroup) {
  // sh waits on a sleep of its own: both are in the child's process group.
  int calls = 0;
  ChildHooks hooks;
  hooks.should_stop = [&]() -> std::optional<std::string> {
    return ++calls > 3 ? std::optional<std::string>("cancel") : std::nullopt;
  };
  const ChildResult r = run_child("/bin/sh", {"-c", "sleep 60; echo never"}, {}, 5.0, 65536, hooks);
  EXPECT_EQ(r.stopped_because, "cancel");
  EXPECT_FALSE(r.exited);
  EXPECT_EQ(r.signal, SIGTERM);
  EXPECT_EQ(r.output_tail.find("never"), std::string::npos);
}

TEST(Child, OutputTailKeepsTheEnd) {
  const ChildResult r = run_child(
      "/bin/sh",
      {"-c", "i=0; while [ $i -lt 3000 ]; do echo line$i; i=$((i+1)); done; echo last >&2"},
      {},
      5.0,
      100,
      {});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output_tail.size(), 100U);
  EXPECT_EQ(r.output_tail.substr(r.output_tail.size() - 5), "last\n");
}

TEST(Child, SeesOnlyAFewEnvironmentVariables) {
  ::setenv("CORRIDOR_TEST_SECRET", "hunter2", 1);
  ::setenv("TZ", "UTC", 1);
  const ChildResult r =
      run_child("/bin/sh", {"-c", "echo \"[$CORRIDOR_TEST_SECRET][$TZ]\""}, {}, 5.0, 65536, {});
  ::unsetenv("CORRIDOR_TEST_SECRET");
  EXPECT_EQ(r.output_tail, "[][UTC]\n");
}

TEST(Child, ValidUtf8) {
  EXPECT_EQ(valid_utf8("a\xff"
                       "b"),
            "a?b");
  EXPECT_EQ(valid_utf8(std::string("x\0y", 3)), "x?y");
  EXPECT_EQ(valid_utf8("Қазақ 中文"), "Қазақ 中文");
  EXPECT_EQ(valid_utf8("\xd0"), "?");  // a sequence cut by the tail
  EXPECT_EQ(signal_name(9), "SIGKILL");
}

}  // namespace
}  // namespace corridor::jobs
