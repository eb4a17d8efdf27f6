// Setup, login, rate limiting and rehashing against a real database (SQLite; PostgreSQL
// with CORRIDOR_TEST_PG_URL).

#include "auth_fixture.hpp"

namespace corridor::auth::testing {
namespace {

using S = LoginResult::Status;
using namespace std::chrono_literals;

TEST_P(AuthTest, SetupTokenWorksOnceAndOnlyWithoutUsers) {
  const auto token = auth_->create_setup_token();
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM setup_tokens"), 1);
  auto wrong = auth_->setup_first_admin("not-the-token", "root-admin", kGoodPassword, request());
  EXPECT_EQ(wrong.failure.code, "bad_setup_token");
  auto weak = auth_->setup_first_admin(*token, "root-admin", "short", request());
  EXPECT_EQ(weak.failure.code, "invalid_password");
  EXPECT_EQ(weak.failure.reason, "too_short");
  auto ok = auth_->setup_first_admin(*token, "root-admin", kGoodPassword, request());
  ASSERT_TRUE(ok.ok()) << ok.failure.code;
  EXPECT_EQ(ok.value->roles,
            (std::vector<Role>{
                Role::kViewer, Role::kPlanner, Role::kEditor, Role::kVerifier, Role::kAdmin}));
  auto again = auth_->setup_first_admin(*token, "second-admin", kGoodPassword, request());
  EXPECT_EQ(again.failure.code, "setup_done");
  EXPECT_FALSE(auth_->create_setup_token().has_value());  // a user exists
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 1);
}

TEST_P(AuthTest, SetupTokenRefusedOnceAUserExistsAnotherWay) {
  const auto token = auth_->create_setup_token();
  ASSERT_TRUE(token);
  add("cli-admin", kGoodPassword, {Role::kAdmin});  // `corridor user add --admin`
  EXPECT_EQ(auth_->setup_first_admin(*token, "late", kGoodPassword, request()).failure.code,
            "setup_done");
}

TEST_P(AuthTest, NewSetupTokenReplacesTheUnusedOne) {
  const auto first = auth_->create_setup_token();
  const auto second = auth_->create_setup_token();
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
  EXPECT_EQ(auth_->setup_first_admin(*first, "root-admin", kGoodPassword, request()).failure.code,
            "bad_setup_token");
  EXPECT_TRUE(auth_->setup_first_admin(*second, "root-admin", kGoodPassword, request()).ok());
}

TEST_P(AuthTest, LoginSucceedsAndFailsWithoutSayingWhy) {
  add("alice", kGoodPassword);
  auto ok = auth_->login(request(), "alice", kGoodPassword);
  ASSERT_EQ(ok.status, S::kOk);
  EXPECT_EQ(ok.user->username, "alice");
  EXPECT_EQ(ok.session_token.size(), 43U);  // 32 bytes, base64url without padding
  EXPECT_EQ(ok.csrf_token.size(), 43U);
  EXPECT_EQ(auth_->login(request(), "alice", kOtherPassword).status, S::kBadCredentials);
  EXPECT_EQ(auth_->login(request(), "nobody", kGoodPassword).status, S::kBadCredentials);
}

TEST_P(AuthTest, UnknownAndDisabledUsersStillRunOneVerification) {
  const auto alice = add("alice", kGoodPassword, {Role::kViewer});
  const auto admin = add("boss", kGoodPassword, {Role::kAdmin});
  auto v0 = auth_->verifications();
  auth_->login(request(), "alice", kOtherPassword);
  EXPECT_EQ(auth_->verifications(), v0 + 1);
  auth_->login(request("10.0.0.2"), "no-such-user", kOtherPassword);
  EXPECT_EQ(auth_->verifications(), v0 + 2);  // the dummy hash
  Principal boss{admin, Principal::Via::kLocal, "", 0, ""};
  ASSERT_TRUE(
      auth_->update_user(boss, alice.id, {std::nullopt, true, std::nullopt}, request()).ok());
  EXPECT_EQ(auth_->login(request("10.0.0.3"), "alice", kGoodPassword).status, S::kBadCredentials);
  EXPECT_EQ(auth_->verifications(), v0 + 3);
}

TEST_P(AuthTest, AccountBacksOffExponentiallyAfterFiveFailures) {
  add("alice", kGoodPassword);
  // Each failure from another address, so that only the account's counter counts.
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(auth_->login(request("10.0.1." + std::to_string(i)), "alice", "wrong").status,
              S::kBadCredentials);
  EXPECT_EQ(auth_->login(request("10.0.1.4"), "alice", "wrong").status, S::kBadCredentials);
  // Five failures: 1 s, then each further failure doubles: 2 s, 4 s, 8 s.
  std::int64_t expected = 1;
  for (int i = 5; i < 9; ++i) {
    const auto v = auth_->verifications();
    auto blocked = auth_->login(request("10.0.2.1"), "alice", kGoodPassword);
    EXPECT_EQ(blocked.status, S::kRateLimited);
    EXPECT_EQ(blocked.retry_after.count(), expected);
    EXPECT_EQ(auth_->verifications(), v) << "refused before the password is checked";
    advance(std::chrono::seconds(expected - 1));
    EXPECT_EQ(auth_->login(request("10.0.2.1"), "alice", kGoodPassword).retry_after.count(), 1);
    advance(1s);
    EXPECT_EQ(auth_->login(request("10.0.3." + std::to_string(i)), "alice", "wrong").status,
              S::kBadCredentials);
    expected *= 2;
  }
  advance(std::chrono::seconds(expected));
  // Success clears the account's counter.
  EXPECT_EQ(auth_->login(request("10.0.4.1"), "alice", kGoodPassword).status, S::kOk);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_failures WHERE subject = 'user:alice'"), 0);
}

TEST_P(AuthTest, BackoffIsCappedAtFifteenMinutes) {
  add("alice", kGoodPassword);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(auth_->login(request("10.9.0." + std::to_string(i)), "alice", "wrong").status,
              S::kBadCredentials)
        << i;
    std::optional<std::string> until;  // wait out the block before the next failure
    db_->read([&](store::Tx& tx) {
      until = tx.query_one("SELECT blocked_until FROM login_failures WHERE subject = ?",
                           Params{std::string("user:alice")})
                  ->opt_text(0);
    });
    if (until) now_ = *parse_time(*until);
  }
  now_ -= 1s;  // undo the last wait: 20 failures block for min(2^15 s, 15 min)
  auto r = auth_->login(request("10.9.1.1"), "alice", kGoodPassword);
  EXPECT_EQ(r.status, S::kRateLimited);
  EXPECT_EQ(r.retry_after.count(), 1);
  now_ -= 15min - 1s;
  EXPECT_EQ(auth_->login(request("10.9.1.1"), "alice", kGoodPassword).retry_after.count(), 900);
}

TEST_P(AuthTest, AddressBacksOffAcrossAccounts) {
  add("alice", kGoodPassword);
  add("bob", kGoodPassword);
  for (int i = 0; i < 5; ++i)
    auth_->login(request("203.0.113.7"), "guess" + std::to_string(i), "wrong");
  auto r = auth_->login(request("203.0.113.7"), "bob", kGoodPassword);
  EXPECT_EQ(r.status, S::kRateLimited);
  EXPECT_EQ(r.retry_after.count(), 1);
  EXPECT_EQ(auth_->login(request("203.0.113.8"), "bob", kGoodPassword).status, S::kOk);
  advance(1s);
  EXPECT_EQ(auth_->login(request("203.0.113.7"), "bob", kGoodPassword).status, S::kOk);
}

TEST_P(AuthTest, LoginRehashesWhenTheCostChanged) {
  add("alice", kGoodPassword);  // made at HashCost::minimum()
  auto stored = [&] {
    std::string h;
    db_->read([&](store::Tx& tx) {
      h = tx.query_one("SELECT password_hash FROM users WHERE username = 'alice'")->text(0);
    });
    return h;
  };
  const auto before = stored();
  ASSERT_TRUE(needs_rehash(before, HashCost::interactive()));
  auth_ = make_auth(HashCost::interactive());
  ASSERT_EQ(auth_->login(request(), "alice", kGoodPassword).status, S::kOk);
  const auto after = stored();
  EXPECT_NE(after, before);
  EXPECT_FALSE(needs_rehash(after, HashCost::interactive()));
  EXPECT_TRUE(verify_password(after, kGoodPassword));
}

INSTANTIATE_TEST_SUITE_P(Db, AuthTest, ::testing::Values("sqlite", "postgres"), [](const auto& p) {
  return p.param;
});

}  // namespace
}  // namespace corridor::auth::testing
