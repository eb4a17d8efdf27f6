// corridor/store.hpp against both backends (typed tests over backends.hpp). Expected
// values are the inputs themselves (round trips), counts known by construction, or the
// documented behaviour of SQL (identity columns start at 1).

#include "corridor/store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <limits>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "backends.hpp"
#include "internal.hpp"

namespace corridor::store {
namespace {

using testing::PostgresBackend;
using testing::SqliteBackend;

template <class Backend>
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::Fresh fresh = Backend::fresh();
    if (fresh.url.empty() && fresh.skip) GTEST_SKIP() << fresh.problem;
    ASSERT_FALSE(fresh.url.empty()) << fresh.problem;
    url_ = fresh.url;
    db_ = open();
  }
  void TearDown() override {
    db_.reset();
    Backend::cleanup();
  }

  std::unique_ptr<Database> open(int readers = 4) {
    return Database::open(url_, {.readers = readers});
  }

  // DDL with the migration type tokens ({{id}}, {{blob}}) spelled for the dialect.
  void ddl(std::string_view sql) {
    db_->write([&](Tx& tx) { tx.exec_script(detail::substitute_types(sql, tx.dialect())); });
  }

  std::int64_t count(const std::string& table) {
    std::int64_t n = -1;
    db_->read([&](Tx& tx) { n = tx.query_one("SELECT count(*) FROM " + table)->integer(0); });
    return n;
  }

  std::string url_;
  std::unique_ptr<Database> db_;
};

class BackendNames {
 public:
  template <class T>
  static std::string GetName(int) {
    return std::is_same_v<T, SqliteBackend> ? "Sqlite" : "Postgres";
  }
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(StoreTest, Backends, BackendNames);

TYPED_TEST(StoreTest, DialectMatchesTheUrl) {
  Dialect want = std::is_same_v<TypeParam, SqliteBackend> ? Dialect::kSqlite : Dialect::kPostgres;
  EXPECT_EQ(this->db_->dialect(), want);
  EXPECT_EQ(this->db_->describe().find("password"), std::string::npos);
}

TYPED_TEST(StoreTest, EveryValueTypeRoundTrips) {
  this->ddl(
      "CREATE TABLE v (k INTEGER PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, b {{blob}})");
  const std::string nul_blob("\0a\0\xff\x01\0", 6);
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes.push_back(static_cast<char>(c));
  const std::vector<std::vector<Value>> rows = {
      {std::int64_t{1},
       std::numeric_limits<std::int64_t>::min(),
       0.1,
       std::string("Қазақстан"),
       Blob{nul_blob}},
      {std::int64_t{2},
       std::numeric_limits<std::int64_t>::max(),
       -1.5e300,
       std::string("中国新疆 乌鲁木齐 — Хоргос"),
       Blob{all_bytes}},
      {std::int64_t{3}, std::int64_t{0}, 1e-300, std::string(""), Blob{""}},
      {std::int64_t{4},
       std::int64_t{-1},
       -0.0,
       std::string("tab\tline\nquote' \"dq\" \\ ?"),
       Blob{"plain"}},
      {std::int64_t{5}, std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}},
  };
  this->db_->write([&](Tx& tx) {
    for (const auto& r : rows) {
      EXPECT_EQ(tx.exec("INSERT INTO v (k, i, r, s, b) VALUES (?, ?, ?, ?, ?)", r), 1);
    }
  });
  std::vector<Row> got;
  this->db_->read([&](Tx& tx) { got = tx.query("SELECT k, i, r, s, b FROM v ORDER BY k"); });
  ASSERT_EQ(got.size(), rows.size());
  for (std::size_t n = 0; n < rows.size(); ++n) {
    for (std::size_t c = 0; c < 5; ++c) {
      EXPECT_EQ(got[n].at(c), rows[n][c]) << "row " << n << " column " << c;
    }
  }
  EXPECT_EQ(got[1].blob(4).size(), 256U);
  EXPECT_TRUE(got[4].is_null(1));
  EXPECT_EQ(got[4].opt_integer(1), std::nullopt);
  EXPECT_EQ(got[4].opt_text(3), std::nullopt);
  EXPECT_EQ(got[0].opt_text(3), "Қазақстан");
}

TYPED_TEST(StoreTest, RowReadsCheckTheType) {
  std::optional<Row> row;
  this->db_->read([&](Tx& tx) { row = tx.query_one("SELECT 7, 2.5, 'x', NULL"); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->integer(0), 7);
  EXPECT_EQ(row->real(0), 7.0);  // an integer reads as a real
  EXPECT_EQ(row->real(1), 2.5);
  EXPECT_EQ(row->text(2), "x");
  try {
    (void)row->integer(2);
    ADD_FAILURE() << "text read as integer";
  } catch (const DbError& e) {
    EXPECT_NE(std::string(e.what()).find("column 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("text"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)row->text(3), DbError);
  EXPECT_THROW((void)row->blob(0), DbError);
}

TYPED_TEST(StoreTest, ParametersAreNeverSql) {
  this->ddl("CREATE TABLE people (name TEXT NOT NULL)");
  const std::string evil[] = {"'; DROP TABLE people; --",
                              "Robert'); DROP TABLE people;--",
                              "\" OR 1=1 --",
                              "?",
                              "$1",
                              "/* ? */"};
  this->db_->write([&](Tx& tx) {
    for (const auto& name : evil) {
      const Value p[] = {name};
      tx.exec("INSERT INTO people (name) VALUES (?)", p);
    }
  });
  EXPECT_EQ(this->count("people"), 6);
  for (const auto& name : evil) {
    const Value p[] = {name};
    std::optional<Row> r;
    this->db_->read([&](Tx& tx) { r = tx.query_one("SELECT name FROM people WHERE name = ?", p); });
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(r->text(0), name);
  }
}

TYPED_TEST(StoreTest, QuestionMarksInLiteralsAndCommentsAreNotParameters) {
  std::optional<Row> r;
  const Value p[] = {std::int64_t{5}, std::string("b")};
  this->db_->read([&](Tx& tx) {
    r = tx.query_one("SELECT '?' AS a, ? AS n, 'it''s ?' AS q /* ? */, ? AS s -- ? trailing\n", p);
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text(0), "?");
  EXPECT_EQ(r->integer(1), 5);
  EXPECT_EQ(r->text(2), "it's ?");
  EXPECT_EQ(r->text(3), "b");
}

TYPED_TEST(StoreTest, ACallbackThatThrowsRollsBack) {
  this->ddl("CREATE TABLE t (x INTEGER)");
  EXPECT_THROW(this->db_->write([](Tx& tx) {
    tx.exec("INSERT INTO t (x) VALUES (1)");
    throw std::logic_error("boom");
  }),
               std::logic_error);
  EXPECT_EQ(this->count("t"), 0);
  this->db_->write([](Tx& tx) { tx.exec("INSERT INTO t (x) VALUES (2)"); });  // still usable
  EXPECT_EQ(this->count("t"), 1);
}

TYPED_TEST(StoreTest, NestedTransactionsAreRefusedNotDeadlocked) {
  auto db = this->open(1);  // one connection: a nested one would wait forever on PostgreSQL
  EXPECT_THROW(db->write([&](Tx&) { db->write([](Tx&) {}); }), DbError);
  EXPECT_THROW(db->write([&](Tx&) { db->read([](Tx&) {}); }), DbError);
  EXPECT_THROW(db->read([&](Tx&) { db->read([](Tx&) {}); }), DbError);
  db->write([&](Tx&) { this->db_->read([](Tx&) {}); });  // another Database may
  db->read([](Tx&) {});                                  // and the guard was released
}

TYPED_TEST(StoreTest, ConstraintViolationsAreTold) {
  this->ddl(
      "CREATE TABLE parent (id {{id}}, name TEXT NOT NULL UNIQUE);"
      "CREATE TABLE child (id {{id}}, parent_id BIGINT NOT NULL REFERENCES parent(id))");
  this->db_->write([](Tx& tx) { tx.exec("INSERT INTO parent (name) VALUES ('a')"); });
  auto kind_of = [&](const char* sql) {
    try {
      this->db_->write([&](Tx& tx) {
        tx.exec("INSERT INTO parent (name) VALUES ('kept only if the tx commits')");
        tx.exec(sql);
      });
    } catch (const DbError& e) {
      return e.kind();
    }
    return DbError::Kind::kOther;
  };
  EXPECT_EQ(kind_of("INSERT INTO parent (name) VALUES ('a')"), DbError::Kind::kConstraint);
  EXPECT_EQ(kind_of("INSERT INTO parent (name) VALUES (NULL)"), DbError::Kind::kConstraint);
  EXPECT_EQ(kind_of("INSERT INTO child (parent_id) VALUES (999)"), DbError::Kind::kConstraint);
  EXPECT_EQ(this->count("parent"), 1);  // each failed transaction left nothing
  EXPECT_EQ(this->count("child"), 0);
  try {
    this->db_->write([](Tx& tx) { tx.exec("INSERT INTO no_such_table VALUES (1)"); });
    ADD_FAILURE() << "no error";
  } catch (const DbError& e) {
    EXPECT_FALSE(e.constraint());
  }
}

TYPED_TEST(StoreTest, ReturningGivesTheNewIds) {
  this->ddl("CREATE TABLE items (id {{id}}, name TEXT NOT NULL)");
  std::vector<std::int64_t> ids;
  this->db_->write([&](Tx& tx) {
    for (const char* name : {"a", "b", "c"}) {
      const Value p[] = {std::string(name)};
      ids.push_back(
          tx.query_one("INSERT INTO items (name) VALUES (?) RETURNING id", p)->integer(0));
    }
  });
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 3}));
  std::int64_t changed = 0;
  this->db_->write([&](Tx& tx) { changed = tx.exec("UPDATE items SET name = 'z' WHERE id >= 2"); });
  EXPECT_EQ(changed, 2);
  this->db_->read([&](Tx& tx) {
    EXPECT_EQ(tx.query_one("SELECT name FROM items WHERE id = 99"), std::nullopt);
  });
}

std::vector<Migration> sample_migrations() {
  return {
      {1, "accounts", "CREATE TABLE accounts (id {{id}}, name TEXT NOT NULL, avatar {{blob}})", ""},
      // Needs table 1: fails unless applied after it.
      {2, "seed", "INSERT INTO accounts (name) VALUES ('root')", ""},
      {3,
       "notes",
       "CREATE TABLE notes (id {{id}}, account_id BIGINT REFERENCES accounts(id), body TEXT);"
       "INSERT INTO notes (account_id, body) VALUES (1, 'first')",
       ""},
  };
}

TYPED_TEST(StoreTest, MigrationsApplyOnceAndInOrder) {
  EXPECT_TRUE(this->db_->applied_migrations().empty());
  std::vector<Migration> ms = sample_migrations();
  EXPECT_EQ(this->db_->migrate(std::span(ms).first(2)), (std::vector<int>{1, 2}));
  EXPECT_EQ(this->db_->migrate(ms), (std::vector<int>{3}));
  EXPECT_EQ(this->db_->migrate(ms), std::vector<int>{});
  EXPECT_EQ(this->db_->applied_migrations(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(this->count("accounts"), 1);  // the seed ran once
  EXPECT_EQ(this->count("notes"), 1);
  std::int64_t rows = 0;
  this->db_->read([&](Tx& tx) {
    rows = tx.query_one("SELECT count(*) FROM schema_migrations WHERE applied_at LIKE '20%Z'")
               ->integer(0);
  });
  EXPECT_EQ(rows, 3);
  // {{id}} is an identity, {{blob}} holds bytes.
  this->db_->write([](Tx& tx) {
    const Value p[] = {Blob{std::string("\0\1", 2)}};
    EXPECT_EQ(tx.query_one("INSERT INTO accounts (name, avatar) VALUES ('b', ?) RETURNING id", p)
                  ->integer(0),
              2);
  });
}

TYPED_TEST(StoreTest, MigrationsRefuseADatabaseThatIsNotAPrefix) {
  std::vector<Migration> ms = sample_migrations();
  this->db_->migrate(ms);
  std::vector<Migration> older(ms.begin(), ms.begin() + 2);  // a database newer than us
  EXPECT_THROW(this->db_->migrate(older), DbError);
  std::vector<Migration> renamed = ms;
  renamed[1].name = "seed_accounts";
  EXPECT_THROW(this->db_->migrate(renamed), DbError);
  std::vector<Migration> gap = {ms[0], ms[2]};
  EXPECT_THROW(this->db_->migrate(gap), DbError);
  std::vector<Migration> unordered = {ms[1], ms[0]};
  EXPECT_THROW(this->db_->migrate(unordered), DbError);
  EXPECT_EQ(this->db_->applied_migrations(), (std::vector<int>{1, 2, 3}));
}

TYPED_TEST(StoreTest, AFailedMigrationLeavesNothing) {
  std::vector<Migration> ms = sample_migrations();
  ms.push_back({4, "broken", "CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1)", ""});
  EXPECT_THROW(this->db_->migrate(ms), DbError);
  EXPECT_EQ(this->db_->applied_migrations(), (std::vector<int>{1, 2, 3}));
  EXPECT_THROW(this->count("half"), DbError);  // its first statement was rolled back too
}

TYPED_TEST(StoreTest, PostgresOverrideIsUsedOnPostgresOnly) {
  std::vector<Migration> ms = {{1,
                                "dialect",
                                "CREATE TABLE d (v TEXT); INSERT INTO d VALUES ('portable')",
                                "CREATE TABLE d (v TEXT); INSERT INTO d VALUES ('postgres')"}};
  this->db_->migrate(ms);
  std::string v;
  this->db_->read([&](Tx& tx) { v = tx.query_one("SELECT v FROM d")->text(0); });
  EXPECT_EQ(v, this->db_->dialect() == Dialect::kPostgres ? "postgres" : "portable");
}

TYPED_TEST(StoreTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  std::vector<Migration> ms = sample_migrations();
  auto other = this->open(1);
  auto a = std::async(std::launch::async, [&] { return this->db_->migrate(ms); });
  auto b = std::async(std::launch::async, [&] { return other->migrate(ms); });
  std::vector<int> va = a.get();
  std::vector<int> vb = b.get();
  std::multiset<int> all(va.begin(), va.end());
  all.insert(vb.begin(), vb.end());
  EXPECT_EQ(all, (std::multiset<int>{1, 2, 3}));
  EXPECT_EQ(this->count("accounts"), 1);  // the seed ran once
}

// The server's own schema (src/server/migrations/NNNN_name.sql, with an optional
// NNNN_name.postgres.sql override) migrates on both backends, and its foreign keys hold.
std::vector<Migration> server_migrations() {
  namespace fs = std::filesystem;
  std::vector<Migration> ms;
  const std::regex name_re(R"((\d{4})_([a-z0-9_]+)\.sql)");
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  for (const auto& entry : fs::directory_iterator(CORRIDOR_MIGRATIONS_DIR)) {
    std::smatch m;
    std::string file = entry.path().filename().string();
    if (!std::regex_match(file, m, name_re)) continue;
    Migration mig{std::stoi(m[1]), m[2], slurp(entry.path()), ""};
    fs::path override_path =
        entry.path().parent_path() / (m[1].str() + "_" + m[2].str() + ".postgres.sql");
    if (fs::exists(override_path)) mig.postgres_sql = slurp(override_path);
    ms.push_back(std::move(mig));
  }
  std::sort(
      ms.begin(), ms.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return ms;
}

TYPED_TEST(StoreTest, TheServerSchemaMigrates) {
  std::vector<Migration> ms = server_migrations();
  ASSERT_FALSE(ms.empty());
  EXPECT_EQ(this->db_->migrate(ms).size(), ms.size());
  EXPECT_TRUE(this->db_->migrate(ms).empty());
  std::int64_t user = 0;
  this->db_->write([&](Tx& tx) {
    user = tx.query_one(
                 "INSERT INTO users (username, password_hash, created_at) "
                 "VALUES ('айгерим', 'x', '2026-12-01T00:00:00Z') RETURNING id")
               ->integer(0);
    const Value p[] = {user};
    tx.exec(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
        "expires_at) VALUES ('h', ?, 'c', 't', 't', 't')",
        p);
  });
  EXPECT_EQ(user, 1);
  EXPECT_EQ(this->count("sessions"), 1);
  this->db_->write([](Tx& tx) { tx.exec("DELETE FROM users"); });
  EXPECT_EQ(this->count("sessions"), 0);  // ON DELETE CASCADE: foreign keys are on
}

// 4 threads × 200 one-row write transactions: every acknowledged insert is there, once.
TYPED_TEST(StoreTest, ConcurrentWritersLoseNothing) {
  this->ddl("CREATE TABLE w (id {{id}}, thread INTEGER NOT NULL, seq INTEGER NOT NULL)");
  constexpr int kThreads = 4;
  constexpr int kEach = 200;
  std::vector<std::vector<std::int64_t>> acked(kThreads);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        try {
          std::int64_t id = 0;
          const Value p[] = {std::int64_t{t}, std::int64_t{i}};
          this->db_->write([&](Tx& tx) {
            id = tx.query_one("INSERT INTO w (thread, seq) VALUES (?, ?) RETURNING id", p)
                     ->integer(0);
          });
          acked[t].push_back(id);
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(this->count("w"), kThreads * kEach);
  std::set<std::int64_t> ids;
  for (const auto& v : acked) ids.insert(v.begin(), v.end());
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kEach));
  this->db_->read([&](Tx& tx) {
    for (const Row& r : tx.query("SELECT thread, count(*), min(seq), max(seq), count(DISTINCT seq) "
                                 "FROM w GROUP BY thread ORDER BY thread")) {
      EXPECT_EQ(r.integer(1), kEach);
      EXPECT_EQ(r.integer(2), 0);
      EXPECT_EQ(r.integer(3), kEach - 1);
      EXPECT_EQ(r.integer(4), kEach);
    }
  });
}

// A reader never sees a write transaction's rows before its COMMIT: the writer stops
// inside its transaction until the reader has looked.
TYPED_TEST(StoreTest, ReadersSeeOnlyCommittedRows) {
  this->ddl("CREATE TABLE c (x INTEGER)");
  std::promise<void> inserted, looked;
  auto writer = std::async(std::launch::async, [&] {
    this->db_->write([&](Tx& tx) {
      tx.exec("INSERT INTO c (x) VALUES (1)");
      EXPECT_EQ(tx.query_one("SELECT count(*) FROM c")->integer(0), 1);  // its own row
      inserted.set_value();
      looked.get_future().wait();
    });
  });
  inserted.get_future().wait();
  EXPECT_EQ(this->count("c"), 0);
  looked.set_value();
  writer.get();
  EXPECT_EQ(this->count("c"), 1);
}

// Transfers keep the total constant only at commit; concurrent readers must always see
// the constant total (a read sees no half-done transfer).
TYPED_TEST(StoreTest, ConcurrentReadsSeeConsistentSnapshots) {
  this->ddl("CREATE TABLE acct (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
  this->db_->write(
      [](Tx& tx) { tx.exec("INSERT INTO acct VALUES (1, 1000), (2, 1000), (3, 1000)"); });
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, bad{0};
  auto reader = std::async(std::launch::async, [&] {
    while (!done.load() || reads.load() < 10) {
      this->db_->read([&](Tx& tx) {
        std::int64_t a = tx.query_one("SELECT sum(balance) FROM acct")->integer(0);
        std::int64_t b = tx.query_one("SELECT sum(balance) FROM acct")->integer(0);
        if (a != 3000 || b != 3000) ++bad;
      });
      ++reads;
    }
  });
  for (int i = 0; i < 100; ++i) {
    const Value from_to[] = {std::int64_t{1 + i % 3}, std::int64_t{1 + (i + 1) % 3}};
    this->db_->write([&](Tx& tx) {
      tx.exec("UPDATE acct SET balance = balance - 7 WHERE id = ?", std::span(from_to).first(1));
      tx.exec("UPDATE acct SET balance = balance + 7 WHERE id = ?", std::span(from_to).last(1));
    });
  }
  done = true;
  reader.get();
  EXPECT_EQ(bad.load(), 0) << "of " << reads.load() << " reads";
}

}  // namespace
}  // namespace corridor::store
