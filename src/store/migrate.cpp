// Numbered migrations (Database::migrate), the same steps on both backends.
//
// Each migration runs in its own write transaction that (1) on PostgreSQL takes a
// transaction-scoped advisory lock, so that two processes migrating at once serialise
// (on SQLite, BEGIN IMMEDIATE already does); (2) creates schema_migrations if missing;
// (3) re-reads the applied versions *inside* the lock and checks they are a prefix of
// the given list; (4) applies the next one and records it. A loser of the race thus sees
// the winner's row and applies nothing twice. O(m) transactions for m pending migrations.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "internal.hpp"

namespace corridor::store::detail {
namespace {

// Arbitrary but fixed: the key of the advisory lock every corridor migrator takes.
constexpr std::int64_t kMigrationLock = 0x636f727269646f72;  // "corridor"

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

void check_list(std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version <= 0 ||
        (i > 0 && migrations[i].version <= migrations[i - 1].version)) {
      throw DbError(DbError::Kind::kOther,
                    fmt::format("migration list: versions must be positive and increasing; "
                                "{} ({}) follows {}",
                                migrations[i].version,
                                migrations[i].name,
                                i > 0 ? migrations[i - 1].version : 0));
    }
  }
}

std::string describe_list(const std::vector<std::pair<std::int64_t, std::string>>& v) {
  std::vector<std::string> parts;
  for (const auto& [version, name] : v) parts.push_back(fmt::format("{} {}", version, name));
  return fmt::format("[{}]", fmt::join(parts, ", "));
}

// Throws unless `applied` (ordered by version) is a prefix of `migrations`.
void check_prefix(const std::vector<Row>& rows, std::span<const Migration> migrations) {
  std::vector<std::pair<std::int64_t, std::string>> applied;
  for (const Row& r : rows) applied.emplace_back(r.integer(0), r.text(1));
  bool prefix = applied.size() <= migrations.size();
  for (std::size_t i = 0; prefix && i < applied.size(); ++i) {
    prefix = applied[i].first == migrations[i].version && applied[i].second == migrations[i].name;
  }
  if (prefix) return;
  std::vector<std::pair<std::int64_t, std::string>> known;
  for (const Migration& m : migrations) known.emplace_back(m.version, m.name);
  throw DbError(DbError::Kind::kOther,
                fmt::format("the database's applied migrations {} are not a prefix of this "
                            "program's {} (a newer program's schema, or a renamed migration); "
                            "refusing to migrate",
                            describe_list(applied),
                            describe_list(known)));
}

// Applies the first pending migration; returns its version, or 0 when none is pending.
int apply_next(Tx& tx, std::span<const Migration> migrations) {
  const Dialect dialect = tx.dialect();
  if (dialect == Dialect::kPostgres) {
    const Value key[] = {kMigrationLock};
    tx.query("SELECT pg_advisory_xact_lock(?)", key);
  }
  tx.exec_script(kCreateTable);
  std::vector<Row> rows = tx.query("SELECT version, name FROM schema_migrations ORDER BY version");
  check_prefix(rows, migrations);
  if (rows.size() == migrations.size()) return 0;
  const Migration& m = migrations[rows.size()];
  const std::string& sql =
      dialect == Dialect::kPostgres && !m.postgres_sql.empty() ? m.postgres_sql : m.sql;
  try {
    tx.exec_script(substitute_types(sql, dialect));
  } catch (const DbError& e) {
    throw DbError(e.kind(), fmt::format("migration {:04d}_{}: {}", m.version, m.name, e.what()));
  }
  const Value row[] = {std::int64_t{m.version}, m.name, utc_now()};
  tx.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", row);
  return m.version;
}

}  // namespace

std::vector<int> run_migrations(Database& db, std::span<const Migration> migrations) {
  check_list(migrations);
  std::vector<int> applied;
  for (;;) {
    int version = 0;
    db.write([&](Tx& tx) { version = apply_next(tx, migrations); });
    if (version == 0) return applied;
    applied.push_back(version);
  }
}

std::vector<int> read_applied(Database& db) {
  std::vector<int> versions;
  db.read([&](Tx& tx) {
    const char* exists = tx.dialect() == Dialect::kPostgres
                             ? "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL "
                               "THEN 0 ELSE 1 END"
                             : "SELECT count(*) FROM sqlite_master "
                               "WHERE type = 'table' AND name = 'schema_migrations'";
    if (tx.query_one(exists)->integer(0) == 0) return;
    for (const Row& r : tx.query("SELECT version FROM schema_migrations ORDER BY version")) {
      versions.push_back(static_cast<int>(r.integer(0)));
    }
  });
  return versions;
}

}  // namespace corridor::store::detail
