#pragma once
// A migrated database (SQLite in a temporary folder; PostgreSQL in the test process's
// cluster, tests/support/pg_cluster.hpp), an Auth on it
// with a clock the test moves, and requests as the server would build them.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "corridor/auth.hpp"
#include "pg_cluster.hpp"

namespace corridor::auth::testing {

using Params = std::vector<store::Value>;

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The parameter: "sqlite" or "postgres".
class AuthTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const auto& pg = test_support::pg_cluster();
      if (pg.url.empty() && pg.skip) GTEST_SKIP() << pg.problem;
      ASSERT_FALSE(pg.url.empty()) << pg.problem;
      db_ = store::Database::open(test_support::pg_fresh_database());
    } else {
      dir_ = std::filesystem::temp_directory_path() /
             ("corridor_auth_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      db_ = store::Database::open("sqlite:" + (dir_ / "t.db").string());
    }
    const store::Migration init{1,
                                "init",
                                read_text(std::filesystem::path(CORRIDOR_SOURCE_DIR) /
                                          "src/server/migrations/0001_init.sql"),
                                ""};
    db_->migrate(std::span<const store::Migration>(&init, 1));
    auth_ = make_auth(HashCost::minimum());
  }
  void TearDown() override {
    auth_.reset();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<Auth> make_auth(HashCost cost) {
    Options o;
    o.cost = cost;
    o.clock = [this] { return now_; };
    return std::make_unique<Auth>(*db_, o);
  }

  void advance(std::chrono::seconds s) { now_ += s; }

  static http::Request request(std::string remote = "127.0.0.1", bool loopback = true) {
    http::Request r;
    r.method = http::Method::kPost;
    r.remote_address = std::move(remote);
    r.loopback = loopback;
    r.request_id = "req-1";
    return r;
  }
  /// A request carrying a session cookie (loopback, plain HTTP: "corridor_session").
  static http::Request with_cookie(const std::string& token, http::Method m = http::Method::kGet) {
    auto r = request();
    r.method = m;
    r.headers.emplace_back("cookie", "theme=dark; corridor_session=" + token + "; x=1");
    return r;
  }

  User add(const std::string& name,
           const std::string& password,
           std::vector<Role> roles = {Role::kViewer}) {
    auto r = auth_->create_user(nullptr, {name, password, "", roles}, request());
    EXPECT_TRUE(r.ok()) << r.failure.code << " " << r.failure.reason;
    return r.value.value_or(User{});
  }

  std::int64_t count(const std::string& sql) {
    std::int64_t n = 0;
    db_->read([&](store::Tx& tx) { n = tx.query_one(sql)->integer(0); });
    return n;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Auth> auth_;
  std::chrono::system_clock::time_point now_ =
      std::chrono::system_clock::from_time_t(1'796'000'000);  // 2026-11-30T00:53:20Z
};

inline constexpr const char* kGoodPassword = "river-lantern-7-basalt";
inline constexpr const char* kOtherPassword = "meadow stone cinnamon 42";

}  // namespace corridor::auth::testing
