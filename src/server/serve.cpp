#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "app.hpp"
#include "corridor/core/csv.hpp"
#include "corridor/error.hpp"
#include "monitors.hpp"
#include "scenarios.hpp"

namespace corridor::server {

namespace {

namespace fs = std::filesystem;

Files read_folder(const std::string& folder) {
  Files files;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (!e.is_regular_file()) continue;
    const auto rel = fs::relative(e.path(), folder).generic_string();
    if (!unsafe_path_reason(rel).empty()) continue;  // hidden files, editor backups
    std::string text;
    if (!core::read_file(e.path().string(), text))
      throw std::runtime_error("cannot read " + e.path().string());
    files.emplace(rel, std::move(text));
  }
  return files;
}

bool empty_workspace(store::Database& db) {
  bool empty = true;
  db.read([&](store::Tx& tx) {
    empty = tx.query_one("SELECT 1 FROM scenarios UNION ALL SELECT 1 FROM monitors LIMIT 1") ==
            std::nullopt;
  });
  return empty;
}

/// The access log: JSON lines to a file or stderr, one writer at a time.
std::function<void(const http::AccessRecord&)> access_logger(const std::string& target) {
  if (target.empty()) return {};
  std::FILE* f = target == "-" ? stderr : std::fopen(target.c_str(), "a");
  if (f == nullptr) throw std::runtime_error("cannot open the access log " + target);
  auto mutex = std::make_shared<std::mutex>();
  return [f, mutex](const http::AccessRecord& r) {
    const std::string line = http::to_json_line(r) + "\n";
    std::lock_guard lock(*mutex);
    std::fwrite(line.data(), 1, line.size(), f);
    std::fflush(f);
  };
}

std::vector<std::string> origins_for(const ServeOptions& o, std::uint16_t port) {
  if (!o.public_origin.empty()) return {o.public_origin};
  const std::string scheme = o.tls_certificate.empty() ? "http" : "https";
  const std::string p = std::to_string(port);
  std::vector<std::string> out = {scheme + "://" + o.address + ":" + p};
  if (http::is_loopback_address(o.address)) {
    out.push_back(scheme + "://localhost:" + p);
    out.push_back(scheme + "://127.0.0.1:" + p);
  }
  return out;
}

}  // namespace

void check_options(const ServeOptions& o) {
  if (o.tls_certificate.empty() != o.tls_private_key.empty())
    throw std::invalid_argument("--tls-cert and --tls-key go together");
  if (!http::is_loopback_address(o.address) && o.tls_certificate.empty() && !o.behind_proxy)
    throw std::invalid_argument(
        "listening on " + o.address +
        " (not loopback) needs TLS (--tls-cert, --tls-key) or --behind-proxy "
        "with TLS at the proxy (docs/deploy.md)");
  if (o.behind_proxy && o.public_origin.empty())
    throw std::invalid_argument(
        "--behind-proxy needs --public-origin (the https://… address browsers use)");
}

void import_scenario(store::Database& db, const std::string& name, const std::string& folder) {
  const auto added = add_version(db, name, read_folder(folder), std::nullopt);
  set_published(db, added.version_id, true);
}

void import_monitor(store::Database& db, const std::string& name, const std::string& folder) {
  add_monitor(db, name, read_folder(folder), "corridor serve (import)");
}

int serve(const ServeOptions& options) {
  check_options(options);
  // Signals go to the watcher thread only: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto db = store::Database::open(options.db);
  const auto applied = db->migrate(migrations());
  std::fprintf(stderr,
               "corridor serve: database %s (%zu migration%s applied)\n",
               db->describe().c_str(),
               applied.size(),
               applied.size() == 1 ? "" : "s");
  if (empty_workspace(*db)) {
    if (!options.default_scenario.empty()) {
      import_scenario(
          *db, fs::path(options.default_scenario).filename().string(), options.default_scenario);
      std::fprintf(
          stderr, "corridor serve: imported the scenario %s\n", options.default_scenario.c_str());
    }
    if (!options.default_monitor.empty()) {
      import_monitor(
          *db, fs::path(options.default_monitor).filename().string(), options.default_monitor);
      std::fprintf(
          stderr, "corridor serve: imported the monitor %s\n", options.default_monitor.c_str());
    }
  }

  auth::Auth auth(*db);
  jobs::PoolOptions pool_options;
  pool_options.slots = options.slots < 0 ? jobs::default_slots() : options.slots;
  pool_options.worker_id = jobs::default_worker_id("serve");
  pool_options.runner.corridor_path = options.corridor_binary;
  jobs::Pool pool(*db, pool_options);
  App app(*db, auth, pool.queue(), AppConfig{{}, options.corridor_binary, false}, [&pool] {
    pool.notify();
  });

  http::ServerOptions http_options;
  http_options.address = options.address;
  http_options.port = options.port;
  http_options.tls_certificate = options.tls_certificate;
  http_options.tls_private_key = options.tls_private_key;
  http_options.access_log = access_logger(options.access_log);
  // One io thread per core (2 to 8): parsing and writing run there, the handlers (which
  // may wait on the database) on their own pool (bench/README.md, "Server").
  http_options.io_threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 8);
  http::Server server(http_options, app.router());
  server.start();
  app.set_origins(origins_for(options, server.port()));
  if (!options.port_file.empty()) std::ofstream(options.port_file) << server.port() << "\n";
  pool.start();

  const std::string url = origins_for(options, server.port()).front();
  if (auto token = auth.create_setup_token())
    std::printf(
        "corridor serve: no account yet. Create the first admin at %s/#/setup with this one-time "
        "token:\n%s\n",
        url.c_str(),
        token->c_str());
  std::printf("corridor serve: listening on %s (%d job slot%s)\n",
              url.c_str(),
              pool.slots(),
              pool.slots() == 1 ? "" : "s");
  std::fflush(stdout);

  std::thread watcher([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "corridor serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
  });
  server.run();
  pool.stop();
  // If run() returned for another reason, wake the watcher so that it can be joined.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  return 0;
}

}  // namespace corridor::server
