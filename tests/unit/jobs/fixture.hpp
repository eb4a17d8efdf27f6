#pragma once
// A migrated database (SQLite in a temp folder, or PostgreSQL when CORRIDOR_TEST_PG_URL
// is set) with one scenario version holding a tests/data scenario.

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "corridor/jobs.hpp"
#include "corridor/store.hpp"

namespace corridor::jobs::testing {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class TestDb {
 public:
  TestDb() {
    std::string tmpl = (fs::temp_directory_path() / "corridor-jobs-test-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    const char* pg = std::getenv("CORRIDOR_TEST_PG_URL");
    db_ = store::Database::open(
        pg != nullptr && *pg != '\0' ? std::string(pg) : "sqlite:" + (dir_ / "db.sqlite").string());
    if (db_->dialect() == store::Dialect::kPostgres)
      db_->write([](store::Tx& tx) {
        tx.exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      });
    const store::Migration m{1, "init", slurp(fs::path(CORRIDOR_MIGRATIONS) / "0001_init.sql"), ""};
    db_->migrate(std::span<const store::Migration>(&m, 1));
  }
  ~TestDb() {
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  store::Database& db() { return *db_; }
  const fs::path& dir() const { return dir_; }

  /// A scenario version holding the files of tests/data/<name> (or the given files).
  std::int64_t add_version(const std::string& name,
                           std::vector<std::pair<std::string, std::string>> files = {}) {
    if (files.empty())
      for (const auto& e : fs::directory_iterator(fs::path(CORRIDOR_TEST_DATA) / name))
        files.emplace_back(e.path().filename().string(), slurp(e.path()));
    std::int64_t vid = 0;
    db_->write([&](store::Tx& tx) {
      const store::Value s[] = {store::Value{name + std::to_string(++versions_)},
                                store::Value{std::string("2026-12-01T00:00:00Z")}};
      const auto sid =
          tx.query_one("INSERT INTO scenarios (name, created_at) VALUES (?, ?) RETURNING id", s)
              ->integer(0);
      const store::Value v[] = {store::Value{sid},
                                store::Value{std::string("2026-12-01T00:00:00Z")}};
      vid = tx.query_one(
                  "INSERT INTO scenario_versions (scenario_id, version, fingerprint, "
                  "summary_json, created_at) VALUES (?, 1, 'x', '{}', ?) RETURNING id",
                  v)
                ->integer(0);
      for (const auto& [path, content] : files) {
        const store::Value f[] = {
            store::Value{vid}, store::Value{path}, store::Value{store::Blob{content}}};
        tx.exec("INSERT INTO scenario_files (version_id, path, content) VALUES (?, ?, ?)", f);
      }
    });
    return vid;
  }

 private:
  fs::path dir_;
  std::unique_ptr<store::Database> db_;
  int versions_ = 0;
};

/// Pids of the live children of `parent` (from /proc).
inline std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string n = e.path().filename().string();
    if (n.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream f(e.path() / "stat");
    std::string stat;
    std::getline(f, stat);
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent && state != 'Z') out.push_back(std::stoi(n));
  }
  return out;
}

}  // namespace corridor::jobs::testing
