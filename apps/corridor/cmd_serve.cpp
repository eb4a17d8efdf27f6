// `corridor serve`: the shared workspace (docs/serve.md), and `corridor db migrate`,
// which applies the schema's migrations to a database without serving.

#include <unistd.h>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.hpp"
#include "corridor/server.hpp"

namespace corridor::cli {

namespace {

std::string self_executable() {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("corridor");
}

std::string default_data(const char* rel) {
  const std::string path = std::string(CORRIDOR_SOURCE_DIR) + "/" + rel;
  return std::filesystem::is_directory(path) ? path : std::string();
}

}  // namespace

Runner add_serve(CLI::App& app) {
  auto o = std::make_shared<server::ServeOptions>();
  auto no_import = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand(
      "serve", "Serve the shared workspace: dashboard, API, jobs (docs/serve.md)");
  sub->add_option(
         "--address", o->address, "Address to listen on (not loopback: TLS or --behind-proxy)")
      ->capture_default_str();
  sub->add_option("--port", o->port, "Port (0: any free port)")->capture_default_str();
  sub->add_option("--db", o->db, "SQLite file, or postgresql://… for PostgreSQL")
      ->capture_default_str();
  sub->add_option("--tls-cert", o->tls_certificate, "PEM certificate chain (HTTPS)");
  sub->add_option("--tls-key", o->tls_private_key, "PEM private key (HTTPS)");
  sub->add_flag(
      "--behind-proxy", o->behind_proxy, "Plain HTTP behind a TLS proxy (needs --public-origin)");
  sub->add_option(
      "--public-origin", o->public_origin, "The https://host[:port] browsers use (behind a proxy)");
  sub->add_option("--slots", o->slots, "Job slots (default: CPUs - 1, at least 1)");
  sub->add_option("--import-scenario",
                  o->default_scenario,
                  "Scenario folder imported on first start (default: data/scenarios/kz-xj)");
  sub->add_option("--import-monitor",
                  o->default_monitor,
                  "Monitor folder imported on first start (default: data/monitors/kz-xj)");
  sub->add_flag("--no-import", *no_import, "Start with an empty workspace");
  sub->add_option("--access-log", o->access_log, "Access log as JSON lines ('-': stderr)");
  sub->add_option(
      "--port-file", o->port_file, "Write the bound port to this file (scripts, tests)");
  return [o, no_import] {
    if (*no_import) {
      o->default_scenario.clear();
      o->default_monitor.clear();
    } else {
      if (o->default_scenario.empty()) o->default_scenario = default_data("data/scenarios/kz-xj");
      if (o->default_monitor.empty()) o->default_monitor = default_data("data/monitors/kz-xj");
    }
    o->corridor_binary = self_executable();
    try {
      server::check_options(*o);
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "corridor serve: %s\n", e.what());
      return static_cast<int>(kExitUsage);
    }
    return server::serve(*o);
  };
}

Runner add_db(CLI::App& app) {
  auto db = std::make_shared<std::string>("corridor-data/corridor.db");
  auto* sub = app.add_subcommand("db", "The workspace database of corridor serve");
  sub->require_subcommand(1);
  auto* migrate =
      sub->add_subcommand("migrate", "Apply the schema's migrations (each in one transaction)");
  migrate->add_option("--db", *db, "SQLite file, or postgresql://…")->capture_default_str();
  return [db] {
    auto database = store::Database::open(*db);
    const auto applied = database->migrate(server::migrations());
    std::printf("%s: %zu migration%s applied",
                database->describe().c_str(),
                applied.size(),
                applied.size() == 1 ? "" : "s");
    for (const int v : applied) std::printf(" %04d", v);
    std::printf("; schema at version %zu\n", database->applied_migrations().size());
    return static_cast<int>(kExitOk);
  };
}

}  // namespace corridor::cli
