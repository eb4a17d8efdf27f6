#include "pg_cluster.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "corridor/store.hpp"

namespace corridor::test_support {
namespace {

std::string& cluster_dir() {
  static std::string dir;
  return dir;
}

// Runs `pg-temp start` on a new empty folder; the URL is the last line it prints.
PgCluster start() {
  if (const char* url = std::getenv("CORRIDOR_TEST_PG_URL"); url != nullptr && *url != '\0') {
    return {url, "", false};
  }
  std::string dir = (std::filesystem::temp_directory_path() / "corridor-pg-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) return {"", "mkdtemp failed", false};
  cluster_dir() = dir;
  const std::string command =
      std::string(CORRIDOR_PG_TEMP) + " start " + dir + " --watch " + std::to_string(::getpid());
  std::FILE* out = ::popen(command.c_str(), "r");
  std::string text;
  char buf[512];
  while (out != nullptr && std::fgets(buf, sizeof buf, out) != nullptr) text += buf;
  const int status = out != nullptr ? ::pclose(out) : -1;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 0 && !text.empty()) return {text.substr(text.rfind('\n') + 1), "", false};
  return {"",
          "scripts/pg-temp start failed (exit " + std::to_string(code) + "; its message is above)",
          code == 77};
}

class StopCluster : public ::testing::Environment {
 public:
  void TearDown() override {
    std::string& dir = cluster_dir();
    if (dir.empty()) return;
    const std::string command = std::string(CORRIDOR_PG_TEMP) + " stop " + dir;
    if (std::system(command.c_str()) != 0) ADD_FAILURE() << "pg-temp stop failed: " << dir;
    dir.clear();
  }
};

[[maybe_unused]] ::testing::Environment* const kStopCluster =
    ::testing::AddGlobalTestEnvironment(new StopCluster);

}  // namespace

const PgCluster& pg_cluster() {
  static std::once_flag once;
  static PgCluster cluster;
  std::call_once(once, [] { cluster = start(); });
  return cluster;
}

std::string pg_fresh_database() {
  const PgCluster& c = pg_cluster();
  if (c.url.empty()) return "";
  auto db = store::Database::open(c.url, {.readers = 1});
  db->write(
      [](store::Tx& tx) { tx.exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"); });
  return c.url;
}

}  // namespace corridor::test_support
