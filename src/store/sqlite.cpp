// The SQLite backend: one writer connection behind a mutex, writes in BEGIN IMMEDIATE,
// and a pool of read-only connections; WAL, so readers never block the writer nor see
// its uncommitted rows. Every connection: busy timeout, foreign keys on.
//
// synchronous=FULL, not NORMAL: in WAL mode NORMAL already survives a killed process
// (the WAL is in the OS cache), but a commit acknowledged under NORMAL may be lost on
// power failure or an OS crash, since the WAL is synced only at checkpoints. FULL syncs
// the WAL at every commit: one fsync per write transaction buys "acknowledged means
// durable" (docs/serve.md, "Databases").

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <mutex>

#include "internal.hpp"

namespace corridor::store::detail {
namespace {

using Kind = DbError::Kind;

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view sql) {
  const int primary = rc & 0xff;
  Kind kind = Kind::kOther;
  if (primary == SQLITE_CONSTRAINT) kind = Kind::kConstraint;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) kind = Kind::kBusy;
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw DbError(kind, fmt::format("sqlite: {} (in: {})", message, brief(sql)));
}

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// One prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, &tail);
    if (rc != SQLITE_OK) fail(db, rc, sql);
    if (stmt_ == nullptr) throw DbError(Kind::kOther, "sqlite: empty statement");
    std::string_view rest(tail, sql.data() + sql.size() - tail);
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_finalize(stmt_);
      throw DbError(
          Kind::kOther,
          fmt::format("sqlite: several statements in one query (use exec_script): {}", brief(sql)));
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  void bind(std::span<const Value> params) {
    const int expected = sqlite3_bind_parameter_count(stmt_);
    if (static_cast<int>(params.size()) != expected) {
      throw DbError(Kind::kOther,
                    fmt::format("sqlite: {} parameters given, the statement has {} (in: {})",
                                params.size(),
                                expected,
                                brief(sql_)));
    }
    for (int i = 1; i <= expected; ++i) {
      int rc = std::visit([&](const auto& v) { return bind_one(i, v); }, params[i - 1]);
      if (rc != SQLITE_OK) fail(db_, rc, sql_);
    }
  }

  // True while a row is available.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, sql_);
  }

  Row row() const {
    const int n = sqlite3_column_count(stmt_);
    std::vector<Value> cells;
    cells.reserve(n);
    for (int i = 0; i < n; ++i) cells.push_back(cell(i));
    return Row(std::move(cells));
  }

 private:
  int bind_one(int i, std::monostate) { return sqlite3_bind_null(stmt_, i); }
  int bind_one(int i, std::int64_t v) { return sqlite3_bind_int64(stmt_, i, v); }
  int bind_one(int i, double v) { return sqlite3_bind_double(stmt_, i, v); }
  int bind_one(int i, const std::string& v) {
    return sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  int bind_one(int i, const Blob& v) {
    // A null pointer would bind NULL: an empty blob is a zero-length blob.
    if (v.bytes.empty()) return sqlite3_bind_zeroblob(stmt_, i, 0);
    return sqlite3_bind_blob64(stmt_, i, v.bytes.data(), v.bytes.size(), SQLITE_TRANSIENT);
  }

  Value cell(int i) const {
    switch (sqlite3_column_type(stmt_, i)) {
      case SQLITE_INTEGER:
        return std::int64_t{sqlite3_column_int64(stmt_, i)};
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt_, i);
      case SQLITE_TEXT: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
        return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
      }
      case SQLITE_BLOB: {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i));
        return Blob{p == nullptr ? std::string() : std::string(p, size)};
      }
      default:
        return std::monostate{};
    }
  }

  sqlite3* db_;
  std::string_view sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec_plain(sqlite3* db, std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(db, rc, sql);
}

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(sqlite3* db) : db_(db) {}
  [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }

  std::vector<Row> query(std::string_view sql, std::span<const Value> params) override {
    Statement st(db_, sql);
    st.bind(params);
    std::vector<Row> rows;
    while (st.step()) rows.push_back(st.row());
    return rows;
  }

  std::int64_t exec(std::string_view sql, std::span<const Value> params) override {
    Statement st(db_, sql);
    st.bind(params);
    while (st.step()) {
    }
    return sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override { exec_plain(db_, sql); }

 private:
  sqlite3* db_;
};

Connection connect(const std::string& path, int flags, const OpenOptions& options) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK) {
    throw DbError(Kind::kConnection,
                  fmt::format("sqlite: cannot open {}: {}",
                              path,
                              raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), options.busy_timeout_ms);
  exec_plain(db.get(), "PRAGMA foreign_keys = ON");
  return db;
}

// Runs fn between `begin` and COMMIT on db; ROLLBACK and rethrow when anything throws.
void in_transaction(sqlite3* db, const char* begin, const std::function<void(Tx&)>& fn) {
  exec_plain(db, begin);
  try {
    SqliteTx tx(db);
    fn(tx);
    exec_plain(db, "COMMIT");
  } catch (...) {
    if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const OpenOptions& options) : path_(std::move(path)) {
    if (options.create_directories) {
      std::filesystem::path parent = std::filesystem::path(path_).parent_path();
      std::error_code ec;
      if (!parent.empty()) std::filesystem::create_directories(parent, ec);
      if (ec) {
        throw DbError(
            Kind::kConnection,
            fmt::format("sqlite: cannot create folder {}: {}", parent.string(), ec.message()));
      }
    }
    writer_ = connect(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, options);
    SqliteTx setup(writer_.get());
    std::optional<Row> mode = setup.query_one("PRAGMA journal_mode = WAL");
    if (!mode || mode->text(0) != "wal") {
      throw DbError(Kind::kOther, fmt::format("sqlite: {}: cannot switch to WAL mode", path_));
    }
    exec_plain(writer_.get(), "PRAGMA synchronous = FULL");
    for (int i = 0; i < options.readers; ++i) {
      readers_.add(std::make_unique<Connection>(connect(path_, SQLITE_OPEN_READONLY, options)));
    }
  }

  [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }
  [[nodiscard]] std::string describe() const override { return "sqlite:" + path_; }

  void write(const std::function<void(Tx&)>& fn) override {
    NestingGuard nesting(this);
    std::lock_guard lock(writer_mutex_);
    in_transaction(writer_.get(), "BEGIN IMMEDIATE", fn);
  }

  void read(const std::function<void(Tx&)>& fn) override {
    NestingGuard nesting(this);
    auto lease = readers_.acquire();
    in_transaction(lease->get(), "BEGIN", fn);
  }

  std::vector<int> migrate(std::span<const Migration> migrations) override {
    return run_migrations(*this, migrations);
  }
  std::vector<int> applied_migrations() override { return read_applied(*this); }

 private:
  std::string path_;
  Connection writer_;
  std::mutex writer_mutex_;
  Pool<Connection> readers_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options) {
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace corridor::store::detail
