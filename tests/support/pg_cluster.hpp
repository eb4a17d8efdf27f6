#pragma once
// The temporary PostgreSQL cluster of a test process, shared by the store, auth and server
// tests: scripts/pg-temp starts it (initdb + pg_ctl on a Unix socket in a temp folder, no
// system service, no TCP port) the first time a test asks for it, so a run of the SQLite
// tests alone never starts one; a GoogleTest global environment stops it when the tests
// end, failed or not, and pg-temp's watchdog (--watch PID) stops it should the process
// die first. CORRIDOR_TEST_PG_URL, when set, names a database to use instead.
//
// pg-temp's exit code decides what a missing PostgreSQL means: 77 on a developer's
// machine (the test skips with the reason), 1 under CI=true (the test fails).

#include <string>

namespace corridor::test_support {

struct PgCluster {
  std::string url;      // the cluster's `corridor` database; empty when there is none
  std::string problem;  // why there is none
  bool skip = false;    // true: skip the PostgreSQL tests; false: fail them
};

/// The process's cluster, started on the first call (thread-safe).
const PgCluster& pg_cluster();

/// The cluster's database emptied for one test (a fresh `public` schema): its URL, or
/// an empty string when there is no cluster (pg_cluster() says why).
std::string pg_fresh_database();

}  // namespace corridor::test_support
