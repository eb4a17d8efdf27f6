// The per-test databases of backends.hpp; PostgreSQL's in the test process's cluster
// (tests/support/pg_cluster.hpp).

#include "backends.hpp"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "pg_cluster.hpp"

namespace corridor::store::testing {
namespace {

namespace fs = std::filesystem;

fs::path& sqlite_dir() {
  static fs::path dir;
  return dir;
}

}  // namespace

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
  const test_support::PgCluster& c = test_support::pg_cluster();
  if (c.url.empty()) return {"", c.problem, c.skip};
  return {test_support::pg_fresh_database(), "", false};
}

}  // namespace corridor::store::testing
