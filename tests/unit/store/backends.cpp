// The per-test databases of backends.hpp and the PostgreSQL cluster of the test process:
// started by a GoogleTest global environment through scripts/pg-temp (only when a
// PostgreSQL test is selected), stopped in its TearDown, which runs even when tests fail;
// pg-temp's watchdog (--watch PID) stops it should the process die before that.

#include "backends.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "corridor/store.hpp"

namespace corridor::store::testing {
namespace {

namespace fs = std::filesystem;

struct Cluster {
  std::string dir;
  std::string url;
  std::string problem = "no PostgreSQL test selected";
  bool skip = true;
};

Cluster& cluster() {
  static Cluster c;
  return c;
}

bool postgres_tests_selected() {
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const ::testing::TestSuite& suite = *unit.GetTestSuite(i);
    if (std::string(suite.name()).find("Postgres") != std::string::npos &&
        suite.test_to_run_count() > 0) {
      return true;
    }
  }
  return false;
}

class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (!postgres_tests_selected()) return;
    Cluster& c = cluster();
    std::string pattern = (fs::temp_directory_path() / "corridor-pg-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      c = {"", "", "mkdtemp failed", false};
      return;
    }
    c.dir = pattern;
    std::string command =
        std::string(CORRIDOR_PG_TEMP) + " start " + c.dir + " --watch " + std::to_string(getpid());
    FILE* out = popen(command.c_str(), "r");
    std::string url;
    char buf[512];
    while (out != nullptr && fgets(buf, sizeof buf, out) != nullptr) url += buf;
    int status = out != nullptr ? pclose(out) : -1;
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0 && !url.empty()) {
      c.url = url;
      c.problem.clear();
    } else {
      c.skip = code == 77;
      c.problem =
          "scripts/pg-temp start failed (exit " + std::to_string(code) + "; see its message above)";
    }
  }

  void TearDown() override {
    Cluster& c = cluster();
    if (c.dir.empty()) return;
    std::string command = std::string(CORRIDOR_PG_TEMP) + " stop " + c.dir;
    if (std::system(command.c_str()) != 0) ADD_FAILURE() << "pg-temp stop failed: " << c.dir;
    c.dir.clear();
  }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

fs::path& sqlite_dir() {
  static fs::path dir;
  return dir;
}

}  // namespace

const std::string& postgres_cluster_url() { return cluster().url; }

Fresh SqliteBackend::fresh() {
  std::string pattern = (fs::temp_directory_path() / "corridor-sqlite-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return {"", "mkdtemp failed", false};
  sqlite_dir() = pattern;
  // A folder that does not exist yet: the store creates it.
  return {"sqlite:" + (sqlite_dir() / "data" / "corridor.db").string(), "", false};
}

void SqliteBackend::cleanup() {
  std::error_code ec;
  if (!sqlite_dir().empty()) fs::remove_all(sqlite_dir(), ec);
  sqlite_dir().clear();
}

Fresh PostgresBackend::fresh() {
  const Cluster& c = cluster();
  if (c.url.empty()) return {"", c.problem, c.skip};
  auto db = Database::open(c.url, {.readers = 1});
  db->write([](Tx& tx) { tx.exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"); });
  return {c.url, "", false};
}

}  // namespace corridor::store::testing
