#pragma once
// The application behind `corridor serve`: every route of docs/serve.md on one router,
// each behind the same guard (who is calling, CSRF on unsafe methods, the role).

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "corridor/auth.hpp"
#include "corridor/http.hpp"
#include "corridor/jobs.hpp"
#include "corridor/server.hpp"
#include "corridor/store.hpp"
#include "file_cache.hpp"

namespace corridor::server {

/// Computed answers kept while the data they come from is unchanged: `version` is a
/// token of that data; a different version is a miss. Bounded (cleared when full).
class AnswerCache {
 public:
  std::optional<std::string> get(const std::string& key, const std::string& version) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.first != version) return std::nullopt;
    return it->second.second;
  }
  void put(const std::string& key, const std::string& version, std::string body) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= 256) entries_.clear();
    entries_[key] = {version, std::move(body)};
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, std::string>> entries_;
};

/// A data version token read at most once per `ttl` per key: writes of this process call
/// invalidate() (so they show at once); other processes' writes on a shared database
/// show within `ttl`. A read that started before an invalidation is not kept.
class VersionMemo {
 public:
  using Clock = std::chrono::steady_clock;
  explicit VersionMemo(Clock::duration ttl) : ttl_(ttl) {}
  std::string get(const std::string& key, const std::function<std::string()>& fetch) {
    const auto now = Clock::now();
    std::uint64_t generation = 0;
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end() && now - it->second.second < ttl_) return it->second.first;
      generation = generation_;
    }
    std::string version = fetch();
    std::lock_guard lock(mutex_);
    if (generation == generation_) {
      if (entries_.size() >= 256) entries_.clear();
      entries_[key] = {version, now};
    }
    return version;
  }
  void invalidate() {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
  }

 private:
  Clock::duration ttl_;
  std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::map<std::string, std::pair<std::string, Clock::time_point>> entries_;
};

class App {
 public:
  /// `wake` is called after a job is enqueued (the local job slots' notify).
  App(store::Database& db,
      auth::Auth& auth,
      jobs::Queue& queue,
      AppConfig config,
      std::function<void()> wake = {});
  [[nodiscard]] const http::Router& router() const { return router_; }
  /// Before serving: the origins CSRF checks accept (the port is known after bind).
  void set_origins(std::vector<std::string> origins) { config_.origins = std::move(origins); }

  /// The caller of one request, after the guard.
  struct Ctx {
    http::Request& request;
    const auth::Principal* who;  // null on public routes without a session
    [[nodiscard]] bool has(auth::Role role) const {
      return who != nullptr && auth::allows(who->user, role);
    }
    [[nodiscard]] std::optional<std::int64_t> user_id() const {
      return who != nullptr ? std::optional<std::int64_t>(who->user.id) : std::nullopt;
    }
  };
  using Fn = std::function<http::Response(Ctx&)>;

  /// Who may call a route: anyone, any signed-in user, or a user with one of `roles`.
  struct Access {
    bool login = true;
    std::vector<auth::Role> roles;  // empty: any signed-in user
    static Access anyone() { return {false, {}}; }
    static Access user() { return {true, {}}; }
    static Access role(std::initializer_list<auth::Role> r) { return {true, r}; }
  };

 private:
  void route(
      http::Method method, std::string pattern, Access access, Fn fn, http::RouteInfo info = {});
  void add_account_routes();
  void add_user_routes();
  void add_scenario_routes();
  void add_job_routes();
  void add_monitor_routes();
  void add_static_routes();
  /// Writes an audit_log row for the caller in its own transaction.
  void audit(const Ctx& ctx,
             std::string_view action,
             std::string_view type,
             std::string_view id,
             const std::optional<std::string>& before,
             const std::optional<std::string>& after);

  store::Database& db_;
  auth::Auth& auth_;
  jobs::Queue& queue_;
  AppConfig config_;
  std::function<void()> wake_;
  AnswerCache status_cache_;
  VersionMemo monitor_versions_{std::chrono::seconds(1)};
  FileCache job_files_{64u << 20};  // bytes of finished jobs' outputs kept in memory
  http::Router router_;
};

}  // namespace corridor::server
