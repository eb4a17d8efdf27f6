// SQLite specifics: the file the store creates is in WAL mode as seen by an independent
// connection, its folder is created, and read connections cannot write.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "backends.hpp"
#include "corridor/store.hpp"

namespace corridor::store {
namespace {

namespace fs = std::filesystem;

class SqliteFile : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing::SqliteBackend::fresh().url;
    path_ = url_.substr(std::string("sqlite:").size());
  }
  void TearDown() override { testing::SqliteBackend::cleanup(); }
  std::string url_;
  fs::path path_;
};

std::string pragma(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return value;
}

TEST_F(SqliteFile, CreatedInItsNewFolderInWalMode) {
  ASSERT_FALSE(fs::exists(path_.parent_path()));
  auto db = Database::open(url_);
  EXPECT_TRUE(fs::is_regular_file(path_));
  db->write([](Tx& tx) { tx.exec("CREATE TABLE t (x INTEGER)"); });
  // journal_mode=WAL is persistent: a fresh connection of our own sees it in the file.
  EXPECT_EQ(pragma(path_, "PRAGMA journal_mode"), "wal");
  EXPECT_TRUE(fs::exists(path_.string() + "-wal"));
}

TEST_F(SqliteFile, ForeignKeysAreEnforcedOnTheWriter) {
  // SQLite's default is off: only the store's PRAGMA makes this insert fail.
  auto db = Database::open(url_);
  db->write([](Tx& tx) {
    tx.exec_script(
        "CREATE TABLE p (id INTEGER PRIMARY KEY);"
        "CREATE TABLE c (p_id INTEGER REFERENCES p(id))");
  });
  EXPECT_EQ(pragma(path_, "PRAGMA foreign_keys"), "0");  // an independent connection
  try {
    db->write([](Tx& tx) { tx.exec("INSERT INTO c VALUES (42)"); });
    ADD_FAILURE() << "dangling reference accepted";
  } catch (const DbError& e) {
    EXPECT_TRUE(e.constraint()) << e.what();
  }
  db->read([](Tx& tx) { EXPECT_EQ(tx.query_one("PRAGMA foreign_keys")->integer(0), 1); });
}

TEST_F(SqliteFile, ReadConnectionsCannotWrite) {
  auto db = Database::open(url_, {.readers = 2});
  db->write([](Tx& tx) { tx.exec("CREATE TABLE t (x INTEGER)"); });
  EXPECT_THROW(db->read([](Tx& tx) { tx.exec("INSERT INTO t VALUES (1)"); }), DbError);
  db->read([](Tx& tx) { EXPECT_EQ(tx.query_one("SELECT count(*) FROM t")->integer(0), 0); });
}

TEST_F(SqliteFile, SeveralStatementsInOneQueryAreRefused) {
  auto db = Database::open(url_);
  EXPECT_THROW(db->write([](Tx& tx) { tx.exec("CREATE TABLE a (x INTEGER); CREATE TABLE b (y)"); }),
               DbError);
  EXPECT_THROW(db->write([](Tx& tx) {
    const Value p[] = {std::int64_t{1}, std::int64_t{2}};
    tx.exec("SELECT ?", p);  // parameter count checked
  }),
               DbError);
}

TEST(OpenUrl, UnknownSchemeAndEmptyPathAreRefused) {
  EXPECT_THROW(Database::open("mysql://x/y"), DbError);
  EXPECT_THROW(Database::open("sqlite:"), DbError);
  EXPECT_THROW(Database::open("/tmp/x.db", {.readers = 0}), DbError);
}

}  // namespace
}  // namespace corridor::store
