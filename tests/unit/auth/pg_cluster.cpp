// The PostgreSQL cluster of the auth test process: scripts/pg-temp started by a global
// environment when a `/postgres` test is selected (CTest auth.postgresql), stopped in its
// TearDown; pg-temp's watchdog (--watch PID) stops it should the process die first.
// CORRIDOR_TEST_PG_URL, when set, names a database to use instead.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "auth_fixture.hpp"

namespace corridor::auth::testing {
namespace {

struct Cluster {
  std::string dir, url, problem = "no PostgreSQL test selected";
  bool skip = true;
};
Cluster& cluster() {
  static Cluster c;
  return c;
}

bool postgres_selected() {
  const auto& unit = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const auto& suite = *unit.GetTestSuite(i);
    for (int j = 0; j < suite.total_test_count(); ++j) {
      const std::string name = suite.GetTestInfo(j)->name();
      if (suite.GetTestInfo(j)->should_run() && name.ends_with("/postgres")) return true;
    }
  }
  return false;
}

class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    Cluster& c = cluster();
    if (const char* url = std::getenv("CORRIDOR_TEST_PG_URL"); url && *url) {
      c.url = url;
      return;
    }
    if (!postgres_selected()) return;
    std::string dir = (std::filesystem::temp_directory_path() / "corridor-pg-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) {
      c = {"", "", "mkdtemp failed", false};
      return;
    }
    c.dir = dir;
    const std::string cmd =
        std::string(CORRIDOR_PG_TEMP) + " start " + dir + " --watch " + std::to_string(getpid());
    FILE* out = popen(cmd.c_str(), "r");
    std::string url;
    char buf[512];
    while (out && fgets(buf, sizeof buf, out)) url += buf;
    const int status = out ? pclose(out) : -1;
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0 && !url.empty()) {
      c.url = url;
    } else {
      c.skip = code == 77;  // no PostgreSQL on a developer's machine; CI fails instead
      c.problem = "scripts/pg-temp start failed (exit " + std::to_string(code) + ")";
    }
  }
  void TearDown() override {
    Cluster& c = cluster();
    if (c.dir.empty()) return;
    const std::string cmd = std::string(CORRIDOR_PG_TEMP) + " stop " + c.dir;
    if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "pg-temp stop failed: " << c.dir;
    c.dir.clear();
  }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

}  // namespace

PgUrl postgres_url() {
  const Cluster& c = cluster();
  return {c.url, c.problem, c.skip};
}

}  // namespace corridor::auth::testing
