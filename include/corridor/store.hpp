#pragma once
// The server's database: one interface over SQLite (embedded, the default) and
// PostgreSQL (through libpq), so that `corridor serve`, `corridor worker` and
// `corridor db migrate` hold one schema for both (docs/serve.md).
//
// SQL is written once with `?` placeholders; the PostgreSQL backend rewrites them to
// `$1..$n` (outside quoted strings). Every value is bound as a parameter: text never
// enters SQL by concatenation.
//
// Concurrency. SQLite: one writer connection (`BEGIN IMMEDIATE`, busy timeout, WAL,
// foreign keys on) guarded by a mutex, and a pool of read-only connections.
// PostgreSQL: a pool of connections, writes in `BEGIN` … `COMMIT` at READ COMMITTED.
// A transaction that throws is rolled back and the exception passes through.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace corridor::store {

enum class Dialect { kSqlite, kPostgres };

/// A bound parameter or a result cell: NULL, integer, real, text or blob.
struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

/// One result row; cells in the order of the SELECT list.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  [[nodiscard]] std::size_t size() const { return cells_.size(); }
  [[nodiscard]] bool is_null(std::size_t i) const;
  /// Typed reads; throw DbError naming the column index and the type found when the
  /// cell holds another type (an integer is read as a real where a real is asked for;
  /// PostgreSQL's text results are converted by the column's type: int2/4/8 and an
  /// integral numeric such as sum() are integers, bool is 0/1, bytea a blob).
  [[nodiscard]] std::int64_t integer(std::size_t i) const;
  [[nodiscard]] double real(std::size_t i) const;
  [[nodiscard]] const std::string& text(std::size_t i) const;
  [[nodiscard]] std::string blob(std::size_t i) const;
  [[nodiscard]] std::optional<std::int64_t> opt_integer(std::size_t i) const;
  [[nodiscard]] std::optional<std::string> opt_text(std::size_t i) const;
  [[nodiscard]] const Value& at(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};

/// A database failure that is not the caller's bad input: connection lost, constraint
/// violated, serialisation failure. `constraint()` tells a UNIQUE/FOREIGN KEY/CHECK
/// violation apart so that callers can answer 409 rather than 500.
class DbError : public std::runtime_error {
 public:
  enum class Kind { kOther, kConstraint, kBusy, kConnection };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool constraint() const { return kind_ == Kind::kConstraint; }

 private:
  Kind kind_;
};

/// One connection inside a transaction (or a read snapshot). Not thread-safe; valid only
/// inside the callback that received it.
class Tx {
 public:
  virtual ~Tx() = default;
  [[nodiscard]] virtual Dialect dialect() const = 0;
  /// Runs a statement; returns its rows (empty for statements without results).
  virtual std::vector<Row> query(std::string_view sql, std::span<const Value> params = {}) = 0;
  /// Runs a statement; returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  /// Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  /// The first row of a query, nullopt when there is none. For the id of an inserted
  /// row write `INSERT … RETURNING id` (SQLite ≥ 3.35 and PostgreSQL both have it).
  std::optional<Row> query_one(std::string_view sql, std::span<const Value> params = {});
};

/// One numbered migration: `NNNN_name.sql`, with an optional PostgreSQL override of
/// the same number where the dialects differ.
struct Migration {
  int version = 0;
  std::string name;
  std::string sql;           // portable SQL (SQLite and PostgreSQL)
  std::string postgres_sql;  // when non-empty, used instead of `sql` on PostgreSQL
};

struct OpenOptions {
  int readers = 4;                 // SQLite read connections; PostgreSQL pool size
  int busy_timeout_ms = 5000;      // SQLite busy timeout
  bool create_directories = true;  // SQLite: create the file's folder
};

class Database {
 public:
  virtual ~Database() = default;
  /// `postgresql://…` or `postgres://…` (libpq URI, including host=/path for a Unix
  /// socket) opens PostgreSQL; `sqlite:PATH` or a plain path opens SQLite.
  static std::unique_ptr<Database> open(const std::string& url, const OpenOptions& options = {});

  [[nodiscard]] virtual Dialect dialect() const = 0;
  /// A redacted description for logs (no password).
  [[nodiscard]] virtual std::string describe() const = 0;

  /// Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE on the writer). Commits
  /// when `fn` returns, rolls back when it throws. Serialisation failures and SQLITE_BUSY
  /// beyond the busy timeout surface as DbError(kBusy).
  virtual void write(const std::function<void(Tx&)>& fn) = 0;
  /// Runs `fn` on a read connection (a consistent snapshot for its duration).
  /// write() or read() called inside a callback on the same Database throws DbError
  /// rather than deadlock (use the Tx given); another Database object may be used.
  virtual void read(const std::function<void(Tx&)>& fn) = 0;

  /// Applies, in order and each in its own transaction with its row in
  /// `schema_migrations(version, name, applied_at)`, every migration not yet applied.
  /// Returns the versions applied. Refuses (DbError) a database whose applied versions
  /// are not a prefix of `migrations` (a newer binary's schema, or a renamed migration).
  virtual std::vector<int> migrate(std::span<const Migration> migrations) = 0;
  /// Versions recorded in schema_migrations (empty before the first migration).
  virtual std::vector<int> applied_migrations() = 0;
};

}  // namespace corridor::store
