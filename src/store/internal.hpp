#pragma once
// Private to the store module: the two backends' constructors, the SQL text helpers
// they share, the connection pool and the migration runner (docs/serve.md, "Databases").

#include <condition_variable>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/store.hpp"

namespace corridor::store::detail {

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options);
std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions& options);

/// `?` → `$1..$n` outside '…' strings (and E'…' with backslash escapes), "…" identifiers,
/// $tag$…$tag$ bodies, -- and /* */ comments. One pass, O(length). `count` receives the
/// number of placeholders found.
std::string to_dollar_placeholders(std::string_view sql, int* count = nullptr);

/// Replaces the migration type tokens {{id}} and {{blob}} with the dialect's spelling.
std::string substitute_types(std::string_view sql, Dialect dialect);

/// The URL with any password (user:PASSWORD@ or password=…) replaced by "***".
std::string redact_url(std::string_view url);

/// The first line of a statement, shortened, for error messages (never parameters).
std::string brief(std::string_view sql);

/// UTC now as "2026-12-01T13:35:00Z".
std::string utc_now();

/// The body of Database::migrate, shared by both backends: each migration in its own
/// write transaction with its schema_migrations row; on PostgreSQL the transaction first
/// takes an advisory lock so that concurrent migrators serialise.
std::vector<int> run_migrations(Database& db, std::span<const Migration> migrations);
std::vector<int> read_applied(Database& db);

/// Refuses a transaction opened inside another on the same database and thread: on
/// SQLite a nested write would wait for its own mutex, a nested read would not see the
/// outer write's rows; on PostgreSQL it could wait forever for a pooled connection.
class NestingGuard {
 public:
  explicit NestingGuard(const Database* db);
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  ~NestingGuard();

 private:
  const Database* db_;
};

/// A fixed set of connections handed out one at a time; acquire() blocks while all are
/// lent. Lease returns its connection when destroyed.
template <class Conn>
class Pool {
 public:
  void add(std::unique_ptr<Conn> conn) {
    std::lock_guard lock(mutex_);
    free_.push_back(conn.get());
    owned_.push_back(std::move(conn));
  }

  class Lease {
   public:
    Lease(Pool& pool, Conn* conn) : pool_(pool), conn_(conn) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(conn_); }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_; }

   private:
    Pool& pool_;
    Conn* conn_;
  };

  Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !free_.empty(); });
    Conn* conn = free_.back();
    free_.pop_back();
    return Lease(*this, conn);
  }

 private:
  void give_back(Conn* conn) {
    {
      std::lock_guard lock(mutex_);
      free_.push_back(conn);
    }
    available_.notify_one();
  }

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Conn*> free_;
  std::vector<std::unique_ptr<Conn>> owned_;
};

}  // namespace corridor::store::detail
