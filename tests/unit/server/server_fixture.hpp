#pragma once
// A real workspace for the API tests: a migrated database (a fresh SQLite file, or a
// database on the temporary PostgreSQL cluster), the application on a real HTTP server
// on a free loopback port, job slots running the real `corridor` binary, and one user
// per role.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "app.hpp"
#include "client.hpp"
#include "corridor/server.hpp"

namespace corridor::server::testing {

inline const char* kPassword = "Steppe-Caravan-2026!";

struct Workspace {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<auth::Auth> auth;
  std::unique_ptr<jobs::Pool> pool;
  std::unique_ptr<App> app;
  std::unique_ptr<http::Server> server;
  std::thread thread;

  /// `db_url` empty: a new SQLite file in a new temp folder.
  explicit Workspace(const std::string& db_url) {
    dir = std::filesystem::temp_directory_path() /
          ("corridor-api-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(dir);
    db = store::Database::open(db_url.empty() ? (dir / "corridor.db").string() : db_url);
    db->migrate(migrations());
    auth::Options ao;
    ao.cost = auth::HashCost::minimum();  // the tests log in many times
    auth = std::make_unique<auth::Auth>(*db, ao);
    jobs::PoolOptions po;
    po.slots = 1;
    po.worker_id = "test:" + dir.filename().string();
    po.runner.corridor_path = CORRIDOR_BIN;
    po.runner.work_root = dir.string();
    po.poll_seconds = 0.2;
    pool = std::make_unique<jobs::Pool>(*db, po);
    app = std::make_unique<App>(*db, *auth, pool->queue(), AppConfig{}, [this] { pool->notify(); });
    http::ServerOptions so;
    so.port = 0;
    so.handler_threads = 4;
    server = std::make_unique<http::Server>(so, app->router());
    server->start();
    app->set_origins({"http://127.0.0.1:" + std::to_string(server->port())});
    pool->start();
    thread = std::thread([this] { server->run(); });
    for (const auto& [name, roles] : std::vector<std::pair<std::string, std::vector<auth::Role>>>{
             {"admin", {auth::Role::kAdmin}},
             {"planner", {auth::Role::kPlanner}},
             {"editor", {auth::Role::kEditor}},
             {"verifier", {auth::Role::kVerifier}},
             {"both", {auth::Role::kEditor, auth::Role::kVerifier}},
             {"viewer", {auth::Role::kViewer}}}) {
      http::Request local;
      local.remote_address = "127.0.0.1";
      auto r = auth->create_user(nullptr, {name, kPassword, name + " (test)", roles}, local);
      EXPECT_TRUE(r.ok()) << name << ": " << r.failure.message;
    }
  }
  ~Workspace() {
    server->stop();
    thread.join();
    pool->stop();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  [[nodiscard]] Client client() const { return Client(server->port()); }
  [[nodiscard]] Client as(const std::string& user) const {
    Client c(server->port());
    const auto r = c.login(user, kPassword);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    return c;
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

}  // namespace corridor::server::testing
