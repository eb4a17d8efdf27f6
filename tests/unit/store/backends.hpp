#pragma once
// The two backends the typed store tests run against. Each test gets an empty database:
// SQLite a new file in a new folder, PostgreSQL a fresh `public` schema in the cluster
// of the test process (tests/support/pg_cluster.hpp, over scripts/pg-temp).

#include <string>

namespace corridor::store::testing {

/// A fresh database for one test: its URL, or why there is none.
struct Fresh {
  std::string url;
  std::string problem;  // non-empty when url is empty
  bool skip = false;    // true: skip the test (no PostgreSQL outside CI); false: fail it
};

struct SqliteBackend {
  static Fresh fresh();
  static void cleanup();
};

struct PostgresBackend {
  static Fresh fresh();
  static void cleanup() {}
};

}  // namespace corridor::store::testing
