// The session cache (src/auth/session_cache.hpp): a session authenticated once is held
// in memory, and every way a session ends or changes through this Auth still takes
// effect at the very next request. Each case authenticates first, so that the session
// is cached before it is ended. A write that bypasses this Auth (another process: here
// plain SQL or a second Auth on the same database) shows within session_cache_ttl.

#include "auth_fixture.hpp"

namespace corridor::auth::testing {
namespace {

using S = LoginResult::Status;
using namespace std::chrono_literals;

std::string login(Auth& auth, const http::Request& request, const char* user) {
  auto s = auth.login(request, user, kGoodPassword);
  EXPECT_EQ(s.status, S::kOk);
  return s.session_token;
}

TEST_P(AuthTest, CachedSessionEndsAtLogout) {
  add("alice", kGoodPassword);
  const auto token = login(*auth_, request(), "alice");
  auto p = auth_->authenticate(with_cookie(token));
  ASSERT_TRUE(p);
  ASSERT_TRUE(auth_->authenticate(with_cookie(token)));  // now served from the cache
  auth_->logout(*p, request());
  EXPECT_FALSE(auth_->authenticate(with_cookie(token)));
  EXPECT_FALSE(auth_->authenticate(with_cookie(token)));  // and not cached again
}

TEST_P(AuthTest, CachedSessionEndsWhenAnAdminRevokesIt) {
  const auto boss = add("boss", kGoodPassword, {Role::kAdmin});
  const auto alice = add("alice", kGoodPassword);
  const auto token = login(*auth_, request(), "alice");
  ASSERT_TRUE(auth_->authenticate(with_cookie(token)));
  Principal admin{boss, Principal::Via::kSession, "", 0, ""};
  ASSERT_TRUE(auth_->revoke_all_sessions(admin, alice.id, request()).ok());
  EXPECT_FALSE(auth_->authenticate(with_cookie(token)));
}

TEST_P(AuthTest, CachedSessionSeesRoleChangesAndDisabling) {
  const auto boss = add("boss", kGoodPassword, {Role::kAdmin});
  const auto alice = add("alice", kGoodPassword, {Role::kViewer, Role::kPlanner});
  const auto token = login(*auth_, request(), "alice");
  auto p = auth_->authenticate(with_cookie(token));
  ASSERT_TRUE(p);
  EXPECT_TRUE(allows(p->user, Role::kPlanner));
  Principal admin{boss, Principal::Via::kSession, "", 0, ""};
  UserPatch patch;
  patch.roles = std::vector<Role>{Role::kViewer};
  ASSERT_TRUE(auth_->update_user(admin, alice.id, patch, request()).ok());
  p = auth_->authenticate(with_cookie(token));
  ASSERT_TRUE(p);
  EXPECT_FALSE(allows(p->user, Role::kPlanner));
  UserPatch disable;
  disable.disabled = true;
  ASSERT_TRUE(auth_->update_user(admin, alice.id, disable, request()).ok());
  EXPECT_FALSE(auth_->authenticate(with_cookie(token)));
}

TEST_P(AuthTest, CachedSessionSeesLanguageAndPasswordChanges) {
  add("alice", kGoodPassword);
  const auto kept = login(*auth_, request(), "alice");
  const auto other = login(*auth_, request(), "alice");
  auto me = auth_->authenticate(with_cookie(kept));
  ASSERT_TRUE(me);
  ASSERT_TRUE(auth_->authenticate(with_cookie(other)));
  ASSERT_TRUE(auth_->set_lang(*me, "kk", request()).ok());
  me = auth_->authenticate(with_cookie(kept));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->user.lang, "kk");
  ASSERT_TRUE(auth_->change_password(*me, kGoodPassword, kOtherPassword, request()).ok());
  EXPECT_TRUE(auth_->authenticate(with_cookie(kept)));
  EXPECT_FALSE(auth_->authenticate(with_cookie(other)));  // other sessions end
}

TEST_P(AuthTest, CachedSessionStillExpires) {
  add("alice", kGoodPassword);
  const auto token = login(*auth_, request(), "alice");
  ASSERT_TRUE(auth_->authenticate(with_cookie(token)));
  advance(2h);  // idle
  EXPECT_FALSE(auth_->authenticate(with_cookie(token)));
  const auto fresh = login(*auth_, request(), "alice");
  for (int i = 0; i < 12 * 6; ++i) {  // active every 10 minutes, until the absolute limit
    ASSERT_TRUE(auth_->authenticate(with_cookie(fresh))) << i;
    advance(10min);
  }
  EXPECT_FALSE(auth_->authenticate(with_cookie(fresh)));
}

TEST_P(AuthTest, CachedSessionIsStillTouched) {
  add("alice", kGoodPassword);
  const auto token = login(*auth_, request(), "alice");
  ASSERT_TRUE(auth_->authenticate(with_cookie(token)));
  advance(90s);
  ASSERT_TRUE(auth_->authenticate(with_cookie(token)));
  std::string seen;
  db_->read([&](store::Tx& tx) {
    seen = tx.query_one("SELECT last_seen_at FROM sessions WHERE revoked_at IS NULL")->text(0);
  });
  EXPECT_EQ(seen, format_time(now_));
}

TEST_P(AuthTest, AnotherProcesssRevocationShowsWithinTheCacheTtl) {
  add("alice", kGoodPassword);
  const auto token = login(*auth_, request(), "alice");
  auto p = auth_->authenticate(with_cookie(token));
  ASSERT_TRUE(p);
  // A second server process on the same database: its logout does not reach our cache.
  auto other_process = make_auth(HashCost::minimum());
  other_process->logout(*p, request());
  EXPECT_TRUE(auth_->authenticate(with_cookie(token)));  // within the TTL: still cached
  advance(Options{}.session_cache_ttl);
  EXPECT_FALSE(auth_->authenticate(with_cookie(token)));
}

TEST_P(AuthTest, ZeroTtlQueriesTheDatabaseEveryTime) {
  Options o;
  o.cost = HashCost::minimum();
  o.clock = [this] { return now_; };
  o.session_cache_ttl = 0s;
  Auth auth(*db_, o);
  auto r = auth.create_user(nullptr, {"alice", kGoodPassword, "", {Role::kViewer}}, request());
  ASSERT_TRUE(r.ok());
  const auto token = login(auth, request(), "alice");
  ASSERT_TRUE(auth.authenticate(with_cookie(token)));
  db_->write(
      [](store::Tx& tx) { tx.exec("UPDATE sessions SET revoked_at = '2026-01-01T00:00:00Z'"); });
  EXPECT_FALSE(auth.authenticate(with_cookie(token)));
}

}  // namespace
}  // namespace corridor::auth::testing
