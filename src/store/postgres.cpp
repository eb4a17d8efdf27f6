// The PostgreSQL backend: a pool of libpq connections; writes in BEGIN … COMMIT at READ
// COMMITTED, reads in a REPEATABLE READ READ ONLY transaction (one snapshot for the
// callback). Statements go through PQexecParams: `?` rewritten to `$n`, integers and
// reals typed (int8, float8) in text form, text untyped (the server infers it from the
// context), blobs typed bytea in binary form. Results come back as text and are
// converted by the column's type OID: int2/int4/int8 → integer, float4/float8 → real,
// numeric → integer when integral (as SQLite's sum() of integers) else real, bytea →
// Blob, bool → 0/1, everything else text.

#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "internal.hpp"

namespace corridor::store::detail {
namespace {

using Kind = DbError::Kind;

// Built-in type OIDs (fixed since PostgreSQL 7; pg_type.dat).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

std::string trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

[[noreturn]] void fail(PGconn* conn, const PGresult* res, std::string_view sql) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state != nullptr ? state : "";
  Kind kind = Kind::kOther;
  if (PQstatus(conn) != CONNECTION_OK || code.starts_with("08") || code.starts_with("57P")) {
    kind = Kind::kConnection;
  } else if (code.starts_with("23")) {
    kind = Kind::kConstraint;
  } else if (code == "40001" || code == "40P01") {
    kind = Kind::kBusy;
  }
  std::string message = trimmed(res != nullptr ? PQresultErrorMessage(res) : "");
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  throw DbError(
      kind,
      fmt::format(
          "postgresql: {}{} (in: {})", message, code.empty() ? "" : " [" + code + "]", brief(sql)));
}

Value integer_or_real(const char* text, int length) {
  std::int64_t i = 0;
  auto [end, ec] = std::from_chars(text, text + length, i);
  if (ec == std::errc() && end == text + length) return i;
  return std::strtod(text, nullptr);  // also "NaN", "Infinity", "-Infinity"
}

Value cell(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col) != 0) return std::monostate{};
  const char* text = PQgetvalue(res, row, col);
  const int length = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2:
    case kInt4:
    case kInt8:
    case kNumeric:
      return integer_or_real(text, length);
    case kFloat4:
    case kFloat8:
      return std::strtod(text, nullptr);
    case kBool:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case kBytea: {
      std::size_t size = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
      if (bytes == nullptr) throw DbError(Kind::kOther, "postgresql: cannot decode a bytea value");
      Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
      PQfreemem(bytes);
      return blob;
    }
    default:
      return std::string(text, static_cast<std::size_t>(length));
  }
}

std::string real_text(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{}", v);  // shortest text that reads back as the same double
}

// The parameters of one PQexecParams call, in libpq's parallel arrays.
class Params {
 public:
  Params(std::span<const Value> params, std::string_view sql) {
    const std::size_t n = params.size();
    text_.resize(n);
    types_.assign(n, 0);
    values_.assign(n, nullptr);
    lengths_.assign(n, 0);
    formats_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) set(i, params[i], sql);
  }
  int size() const { return static_cast<int>(values_.size()); }
  const Oid* types() const { return types_.data(); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  void set(std::size_t i, const Value& v, std::string_view sql) {
    if (const auto* x = std::get_if<std::int64_t>(&v)) {
      types_[i] = kInt8;
      text_[i] = std::to_string(*x);
    } else if (const auto* r = std::get_if<double>(&v)) {
      types_[i] = kFloat8;
      text_[i] = real_text(*r);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      if (s->find('\0') != std::string::npos) {
        throw DbError(Kind::kOther,
                      fmt::format("postgresql: text parameter {} holds a NUL byte, which "
                                  "PostgreSQL text cannot store; bind a Blob (in: {})",
                                  i + 1,
                                  brief(sql)));
      }
      values_[i] = s->c_str();
      return;
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      types_[i] = kBytea;
      values_[i] = b->bytes.data();  // never null: an empty blob is not NULL
      lengths_[i] = static_cast<int>(b->bytes.size());
      formats_[i] = 1;
      return;
    } else {
      return;  // NULL: a null pointer
    }
    values_[i] = text_[i].c_str();
  }

  std::vector<std::string> text_;
  std::vector<Oid> types_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

void run_script(PGconn* conn, std::string_view sql);

struct ConnFree {
  void operator()(PGconn* c) const { PQfinish(c); }
};

void quiet(void*, const char*) {}  // NOTICEs (e.g. "relation already exists, skipping")

class Connection {
 public:
  Connection(const std::string& url, const std::string& redacted) : redacted_(redacted) {
    conn_.reset(PQconnectdb(url.c_str()));
    if (conn_ == nullptr || PQstatus(conn_.get()) != CONNECTION_OK) {
      throw DbError(Kind::kConnection,
                    fmt::format("postgresql: cannot connect to {}: {}",
                                redacted_,
                                trimmed(conn_ ? PQerrorMessage(conn_.get()) : "out of memory")));
    }
    PQsetNoticeProcessor(conn_.get(), quiet, nullptr);
    if (PQsetClientEncoding(conn_.get(), "UTF8") != 0) {
      throw DbError(Kind::kConnection, "postgresql: cannot set client encoding UTF8");
    }
  }
  PGconn* get() const { return conn_.get(); }

  // Opens a transaction. A connection that died while idle in the pool (a server
  // restart) is noticed only here: nothing has run yet, so reconnect once and retry.
  void begin(const char* sql) {
    ready();
    try {
      run_script(conn_.get(), sql);
    } catch (const DbError& e) {
      if (e.kind() != Kind::kConnection) throw;
      PQreset(conn_.get());
      ready();
      run_script(conn_.get(), sql);
    }
  }

  // Before each use: a connection lost earlier is re-established (PQreset), and one left
  // inside a transaction (a failed ROLLBACK) is reset too rather than reused dirty.
  void ready() {
    if (PQstatus(conn_.get()) == CONNECTION_OK &&
        PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) {
      return;
    }
    PQreset(conn_.get());
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      throw DbError(Kind::kConnection,
                    fmt::format("postgresql: cannot reconnect to {}: {}",
                                redacted_,
                                trimmed(PQerrorMessage(conn_.get()))));
    }
  }

 private:
  std::unique_ptr<PGconn, ConnFree> conn_;
  std::string redacted_;
};

Result run(PGconn* conn, std::string_view sql, std::span<const Value> params) {
  int count = 0;
  std::string text = to_dollar_placeholders(sql, &count);
  if (count != static_cast<int>(params.size())) {
    throw DbError(Kind::kOther,
                  fmt::format("postgresql: {} parameters given, the statement has {} (in: {})",
                              params.size(),
                              count,
                              brief(sql)));
  }
  Params p(params, sql);
  Result res(PQexecParams(
      conn, text.c_str(), p.size(), p.types(), p.values(), p.lengths(), p.formats(), 0));
  ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn, res.get(), sql);
  return res;
}

void run_script(PGconn* conn, std::string_view sql) {
  std::string text(sql);
  Result res(PQexec(conn, text.c_str()));
  ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    fail(conn, res.get(), sql);
  }
}

class PostgresTx final : public Tx {
 public:
  explicit PostgresTx(PGconn* conn) : conn_(conn) {}
  [[nodiscard]] Dialect dialect() const override { return Dialect::kPostgres; }

  std::vector<Row> query(std::string_view sql, std::span<const Value> params) override {
    Result res = run(conn_, sql, params);
    const int rows = PQntuples(res.get());
    const int cols = PQnfields(res.get());
    std::vector<Row> out;
    out.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> cells;
      cells.reserve(cols);
      for (int c = 0; c < cols; ++c) cells.push_back(cell(res.get(), r, c));
      out.emplace_back(std::move(cells));
    }
    return out;
  }

  std::int64_t exec(std::string_view sql, std::span<const Value> params) override {
    Result res = run(conn_, sql, params);
    const char* n = PQcmdTuples(res.get());
    return n != nullptr && *n != '\0' ? std::strtoll(n, nullptr, 10) : 0;
  }

  void exec_script(std::string_view sql) override { run_script(conn_, sql); }

 private:
  PGconn* conn_;
};

// Runs fn between `begin` and COMMIT; ROLLBACK and rethrow when anything throws. A
// transaction aborted by an error the callback caught cannot commit: that is an error,
// not a silent rollback.
void in_transaction(Connection& connection, const char* begin, const std::function<void(Tx&)>& fn) {
  connection.begin(begin);
  PGconn* conn = connection.get();
  try {
    PostgresTx tx(conn);
    fn(tx);
    if (PQtransactionStatus(conn) == PQTRANS_INERROR) {
      throw DbError(Kind::kOther,
                    "postgresql: the transaction was aborted by an earlier error; rolled back");
    }
    run_script(conn, "COMMIT");
  } catch (...) {
    if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) != PQTRANS_IDLE) {
      Result res(PQexec(conn, "ROLLBACK"));
    }
    throw;
  }
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(const std::string& url, const OpenOptions& options)
      : redacted_(redact_url(url)) {
    for (int i = 0; i < options.readers; ++i)
      pool_.add(std::make_unique<Connection>(url, redacted_));
  }

  [[nodiscard]] Dialect dialect() const override { return Dialect::kPostgres; }
  [[nodiscard]] std::string describe() const override { return redacted_; }

  void write(const std::function<void(Tx&)>& fn) override {
    NestingGuard nesting(this);
    auto conn = pool_.acquire();
    in_transaction(*conn, "BEGIN ISOLATION LEVEL READ COMMITTED", fn);
  }

  void read(const std::function<void(Tx&)>& fn) override {
    NestingGuard nesting(this);
    auto conn = pool_.acquire();
    in_transaction(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn);
  }

  std::vector<int> migrate(std::span<const Migration> migrations) override {
    return run_migrations(*this, migrations);
  }
  std::vector<int> applied_migrations() override { return read_applied(*this); }

 private:
  std::string redacted_;
  Pool<Connection> pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions& options) {
  return std::make_unique<PostgresDatabase>(url, options);
}

}  // namespace corridor::store::detail
