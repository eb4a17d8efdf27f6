// The backend-independent parts of corridor/store.hpp: Row's typed reads,
// Tx::query_one and the choice of backend from the URL.

#include <fmt/format.h>

#include "corridor/store.hpp"
#include "internal.hpp"

namespace corridor::store {
namespace {

const char* type_name(const Value& v) {
  switch (v.index()) {
    case 0:
      return "NULL";
    case 1:
      return "integer";
    case 2:
      return "real";
    case 3:
      return "text";
    default:
      return "blob";
  }
}

[[noreturn]] void wrong_type(std::size_t i, const char* wanted, const Value& v) {
  throw DbError(DbError::Kind::kOther,
                fmt::format("column {}: expected {}, found {}", i, wanted, type_name(v)));
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::monostate>(cells_.at(i));
}

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* x = std::get_if<std::int64_t>(&v)) return *x;
  wrong_type(i, "integer", v);
}

double Row::real(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* x = std::get_if<double>(&v)) return *x;
  if (const auto* x = std::get_if<std::int64_t>(&v)) return static_cast<double>(*x);
  wrong_type(i, "real", v);
}

const std::string& Row::text(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* x = std::get_if<std::string>(&v)) return *x;
  wrong_type(i, "text", v);
}

std::string Row::blob(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* x = std::get_if<Blob>(&v)) return x->bytes;
  wrong_type(i, "blob", v);
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<Row> Tx::query_one(std::string_view sql, std::span<const Value> params) {
  std::vector<Row> rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::unique_ptr<Database> Database::open(const std::string& url, const OpenOptions& options) {
  if (options.readers < 1) {
    throw DbError(DbError::Kind::kOther,
                  fmt::format("readers must be at least 1, got {}", options.readers));
  }
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    return detail::open_postgres(url, options);
  }
  std::string path = url;
  if (starts_with(path, "sqlite://")) {
    path = path.substr(9);
  } else if (starts_with(path, "sqlite:")) {
    path = path.substr(7);
  } else if (path.find("://") != std::string::npos) {
    throw DbError(DbError::Kind::kOther,
                  fmt::format("database URL '{}': unknown scheme; expected postgresql://…, "
                              "sqlite:PATH or a file path",
                              detail::redact_url(url)));
  }
  if (path.empty()) throw DbError(DbError::Kind::kOther, "database path is empty");
  return detail::open_sqlite(path, options);
}

namespace detail {
namespace {
thread_local std::vector<const Database*> open_transactions;
}  // namespace

NestingGuard::NestingGuard(const Database* db) : db_(db) {
  for (const Database* d : open_transactions) {
    if (d == db) {
      throw DbError(DbError::Kind::kOther,
                    "a transaction was opened inside another on the same database; use the "
                    "Tx the callback received");
    }
  }
  open_transactions.push_back(db);
}

NestingGuard::~NestingGuard() { std::erase(open_transactions, db_); }

}  // namespace detail
}  // namespace corridor::store
