#pragma once
// The temporary PostgreSQL cluster of the server tests: started once per test binary by
// scripts/pg-temp (initdb + pg_ctl on a Unix socket in a temp dir, no system service),
// torn down at the end. Under CI a missing PostgreSQL fails the run; elsewhere the
// PostgreSQL half of the tests is skipped with the reason.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace corridor::server::testing {

class PgCluster : public ::testing::Environment {
 public:
  static std::string& url() {
    static std::string u;
    return u;
  }
  static std::string& problem() {
    static std::string p;
    return p;
  }
  /// Starts the cluster the first time a test needs it (a run of the SQLite tests only
  /// never starts one).
  static void ensure() {
    static bool started = false;
    if (started) return;
    started = true;
    instance()->start();
  }
  static PgCluster*& instance() {
    static PgCluster* p = nullptr;
    return p;
  }
  PgCluster() { instance() = this; }

  void start() {
    dir_ = std::filesystem::temp_directory_path() / ("corridor-pg-" + std::to_string(::getpid()));
    const std::string cmd = std::string(CORRIDOR_SOURCE_DIR) + "/scripts/pg-temp start " +
                            dir_.string() + " --watch " + std::to_string(::getpid()) + " 2>&1";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    char buf[512];
    while (p != nullptr && std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    const int rc = p != nullptr ? ::pclose(p) : -1;
    if (rc != 0) {
      problem() = "scripts/pg-temp start failed: " + out;
      return;
    }
    // The URL is the last line printed.
    while (!out.empty() && out.back() == '\n') out.pop_back();
    url() = out.substr(out.rfind('\n') + 1);
  }
  void TearDown() override {
    if (!url().empty()) {
      const std::string cmd = std::string(CORRIDOR_SOURCE_DIR) + "/scripts/pg-temp stop " +
                              dir_.string() + " >/dev/null 2>&1";
      (void)std::system(cmd.c_str());
    }
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace corridor::server::testing
