#pragma once
// `corridor serve`: the shared workspace (docs/serve.md). serve() opens the database,
// applies the migrations, imports the default scenario and monitor on first start,
// prints the one-time setup token while there is no user, starts the job slots and
// serves HTTP until SIGINT or SIGTERM.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "corridor/store.hpp"

namespace corridor::server {

/// The numbered migrations embedded in the binary (src/server/migrations/).
std::vector<store::Migration> migrations();

/// What the routes need to know about the deployment.
struct AppConfig {
  /// What a browser's Origin may be: "http://127.0.0.1:8080" (and "http://localhost:8080"
  /// on loopback), or the public origin behind a proxy. Set once the port is known.
  std::vector<std::string> origins;
  std::string corridor_binary;  // the `corridor` executable jobs run
  bool secure_cookies = false;  // unused on loopback HTTP
};

struct ServeOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string db = "corridor-data/corridor.db";  // a path (SQLite) or postgresql://…
  std::string public_origin;  // behind a proxy: the origin browsers see (https://…)
  bool behind_proxy = false;
  std::string tls_certificate, tls_private_key;
  int slots = -1;  // job slots; -1: nproc − 1, at least 1
  std::string corridor_binary;
  std::string default_scenario;  // folder imported on first start ("" : none)
  std::string default_monitor;   // likewise
  std::string access_log;        // file for JSON lines ("-": stderr, "": none)
  std::string port_file;         // when set, the bound port is written there (tests)
};

/// Refuses (std::invalid_argument with the reason) a non-loopback address without TLS
/// or --behind-proxy, and half-given TLS files.
void check_options(const ServeOptions& options);

/// Runs the server; returns the exit code.
int serve(const ServeOptions& options);

/// Imports a scenario folder as a new version of `name` (validated; throws InputError)
/// and a monitor folder. Used at first start and by tests.
void import_scenario(store::Database& db, const std::string& name, const std::string& folder);
void import_monitor(store::Database& db, const std::string& name, const std::string& folder);

}  // namespace corridor::server
