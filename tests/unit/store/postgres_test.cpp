// PostgreSQL specifics: connection loss and recovery, results converted by column type,
// an aborted transaction cannot commit, the password stays out of describe().

#include <gtest/gtest.h>

#include <limits>

#include "backends.hpp"
#include "corridor/store.hpp"

namespace corridor::store {
namespace {

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::Fresh fresh = testing::PostgresBackend::fresh();
    if (fresh.url.empty() && fresh.skip) GTEST_SKIP() << fresh.problem;
    ASSERT_FALSE(fresh.url.empty()) << fresh.problem;
    url_ = fresh.url;
  }
  std::string url_;
};

// Ends the server process behind `pid` (as a server restart or an admin would) and
// waits until it is gone (PostgreSQL ≥ 14), so that what follows is deterministic.
void terminate(Database& admin, std::int64_t pid) {
  admin.write([&](Tx& tx) {
    const Value p[] = {pid};
    EXPECT_EQ(
        tx.query_one("SELECT CASE WHEN pg_terminate_backend(?::int, 5000) THEN 1 ELSE 0 END", p)
            ->integer(0),
        1);
  });
}

std::int64_t backend_pid(Database& db) {
  std::int64_t pid = 0;
  db.read([&](Tx& tx) { pid = tx.query_one("SELECT pg_backend_pid()")->integer(0); });
  return pid;
}

TEST_F(PostgresStore, AConnectionLostInsideATransactionIsTold) {
  auto db = Database::open(url_, {.readers = 1});
  auto admin = Database::open(url_, {.readers = 1});
  std::int64_t pid = 0;
  try {
    db->read([&](Tx& tx) {
      pid = tx.query_one("SELECT pg_backend_pid()")->integer(0);
      terminate(*admin, pid);
      tx.query("SELECT 1");
    });
    ADD_FAILURE() << "a terminated connection answered";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kConnection) << e.what();
  }
  EXPECT_NE(backend_pid(*db), pid);  // the next use reconnected
}

TEST_F(PostgresStore, AConnectionLostWhileIdleIsReestablishedUnnoticed) {
  auto db = Database::open(url_, {.readers = 1});
  auto admin = Database::open(url_, {.readers = 1});
  std::int64_t pid = backend_pid(*db);
  terminate(*admin, pid);
  std::int64_t again = 0;
  EXPECT_NO_THROW(again = backend_pid(*db));  // nothing had run: BEGIN is retried
  EXPECT_NE(again, pid);
}

TEST_F(PostgresStore, ResultsAreConvertedByColumnType) {
  auto db = Database::open(url_, {.readers = 1});
  std::optional<Row> r;
  const Value big[] = {std::numeric_limits<std::int64_t>::max()};
  db->read([&](Tx& tx) {
    r = tx.query_one(
        "SELECT 2::int2, 40000::int4, ?, 1.5::numeric, 12::numeric, 0.25::float4, "
        "true, false, 'abc'::varchar, NULL::bytea, '\\x00ff'::bytea, "
        "(SELECT sum(x) FROM (VALUES (4000000000::int8), (1::int8)) AS v(x))",
        big);
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->at(0), Value(std::int64_t{2}));
  EXPECT_EQ(r->at(1), Value(std::int64_t{40000}));
  EXPECT_EQ(r->at(2), Value(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(r->at(3), Value(1.5));
  EXPECT_EQ(r->at(4), Value(std::int64_t{12}));  // an integral numeric, as SQLite's
  EXPECT_EQ(r->at(5), Value(0.25));
  EXPECT_EQ(r->at(6), Value(std::int64_t{1}));
  EXPECT_EQ(r->at(7), Value(std::int64_t{0}));
  EXPECT_EQ(r->at(8), Value(std::string("abc")));
  EXPECT_TRUE(r->is_null(9));
  EXPECT_EQ(r->blob(10), std::string("\0\xff", 2));
  EXPECT_EQ(r->integer(11), 4000000001);  // sum(int8) is numeric in PostgreSQL
}

TEST_F(PostgresStore, AnAbortedTransactionDoesNotCommit) {
  auto db = Database::open(url_, {.readers = 1});
  db->write([](Tx& tx) { tx.exec("CREATE TABLE u (x INTEGER UNIQUE)"); });
  EXPECT_THROW(db->write([](Tx& tx) {
    tx.exec("INSERT INTO u VALUES (1)");
    try {
      tx.exec("INSERT INTO u VALUES (1)");
    } catch (const DbError&) {
      // swallowed by a careless caller: the transaction is dead all the same
    }
  }),
               DbError);
  db->read([](Tx& tx) { EXPECT_EQ(tx.query_one("SELECT count(*) FROM u")->integer(0), 0); });
}

TEST_F(PostgresStore, TextWithNulIsRefusedNotTruncated) {
  auto db = Database::open(url_, {.readers = 1});
  const Value p[] = {std::string("a\0b", 3)};
  EXPECT_THROW(db->read([&](Tx& tx) { tx.query("SELECT ?", p); }), DbError);
}

TEST_F(PostgresStore, DescribeHidesThePassword) {
  // Trust authentication ignores the password, so the connection succeeds.
  auto db = Database::open(url_ + "&password=hunter2", {.readers = 1});
  EXPECT_EQ(db->describe().find("hunter2"), std::string::npos) << db->describe();
  EXPECT_NE(db->describe().find("password=***"), std::string::npos) << db->describe();
}

TEST_F(PostgresStore, ANonexistentServerIsAConnectionError) {
  try {
    Database::open("postgresql:///corridor?host=/nonexistent-corridor-dir&user=postgres");
    ADD_FAILURE() << "connected to nothing";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kConnection);
  }
}

}  // namespace
}  // namespace corridor::store
