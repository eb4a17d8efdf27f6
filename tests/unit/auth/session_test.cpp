// Sessions, API tokens, account management and the audit log against a real database.

#include <sodium.h>

#include "auth_fixture.hpp"

namespace corridor::auth::testing {
namespace {

using S = LoginResult::Status;
using namespace std::chrono_literals;

std::string blake2b_hex(const std::string& s) {  // independent of the module's helper
  unsigned char d[32];
  crypto_generichash(d, 32, reinterpret_cast<const unsigned char*>(s.data()), s.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, d, 32);
  return hex;
}

// Every text cell of every auth table, to look for a secret.
std::vector<std::string> all_text(store::Database& db) {
  std::vector<std::string> out;
  db.read([&](store::Tx& tx) {
    for (const char* table :
         {"users", "sessions", "api_tokens", "login_failures", "setup_tokens", "audit_log"})
      for (const auto& row : tx.query(std::string("SELECT * FROM ") + table))
        for (std::size_t i = 0; i < row.size(); ++i)
          if (auto* s = std::get_if<std::string>(&row.at(i))) out.push_back(*s);
  });
  return out;
}

TEST_P(AuthTest, SessionTokenIsStoredOnlyAsItsHash) {
  add("alice", kGoodPassword);
  auto s = auth_->login(request(), "alice", kGoodPassword);
  ASSERT_EQ(s.status, S::kOk);
  std::string stored;
  db_->read(
      [&](store::Tx& tx) { stored = tx.query_one("SELECT token_hash FROM sessions")->text(0); });
  EXPECT_EQ(stored, blake2b_hex(s.session_token));
  for (const auto& cell : all_text(*db_)) {
    EXPECT_EQ(cell.find(s.session_token), std::string::npos) << cell;
    EXPECT_EQ(cell.find(kGoodPassword), std::string::npos) << cell;
  }
  auto p = auth_->authenticate(with_cookie(s.session_token));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user.username, "alice");
  EXPECT_EQ(p->csrf_token, s.csrf_token);
  EXPECT_FALSE(auth_->authenticate(with_cookie(s.session_token + "x")));
  // On TLS the cookie must carry the __Host- name; the loopback name is not read there.
  auto tls = with_cookie(s.session_token);
  tls.tls = true;
  EXPECT_FALSE(auth_->authenticate(tls));
  tls.headers = {{"cookie", "__Host-corridor_session=" + s.session_token}};
  EXPECT_TRUE(auth_->authenticate(tls));
}

TEST_P(AuthTest, LoginRotatesThePresentedSession) {
  add("alice", kGoodPassword);
  auto first = auth_->login(request(), "alice", kGoodPassword);
  auto r = with_cookie(first.session_token, http::Method::kPost);
  auto second = auth_->login(r, "alice", kGoodPassword);
  ASSERT_EQ(second.status, S::kOk);
  EXPECT_NE(second.session_token, first.session_token);
  EXPECT_NE(second.csrf_token, first.csrf_token);
  EXPECT_FALSE(auth_->authenticate(with_cookie(first.session_token)));
  EXPECT_TRUE(auth_->authenticate(with_cookie(second.session_token)));
}

TEST_P(AuthTest, IdleExpiryAfterTwoHours) {
  add("alice", kGoodPassword);
  auto s = auth_->login(request(), "alice", kGoodPassword);
  advance(2h - 1s);
  EXPECT_TRUE(auth_->authenticate(with_cookie(s.session_token)));  // and touches it
  advance(2h - 1s);
  EXPECT_TRUE(auth_->authenticate(with_cookie(s.session_token)));
  advance(2h);
  EXPECT_FALSE(auth_->authenticate(with_cookie(s.session_token)));
}

TEST_P(AuthTest, AbsoluteExpiryAfterTwelveHoursEvenWhenActive) {
  add("alice", kGoodPassword);
  auto s = auth_->login(request(), "alice", kGoodPassword);
  for (int h = 1; h < 12; ++h) {
    advance(1h);
    EXPECT_TRUE(auth_->authenticate(with_cookie(s.session_token))) << h << " h";
  }
  advance(1h - 1s);
  EXPECT_TRUE(auth_->authenticate(with_cookie(s.session_token)));
  advance(1s);
  EXPECT_FALSE(auth_->authenticate(with_cookie(s.session_token)));
}

TEST_P(AuthTest, LogoutInvalidatesTheSession) {
  add("alice", kGoodPassword);
  auto s = auth_->login(request(), "alice", kGoodPassword);
  auto other = auth_->login(request(), "alice", kGoodPassword);
  auto p = auth_->authenticate(with_cookie(s.session_token));
  ASSERT_TRUE(p);
  auth_->logout(*p, request());
  EXPECT_FALSE(auth_->authenticate(with_cookie(s.session_token)));
  EXPECT_TRUE(auth_->authenticate(with_cookie(other.session_token)));
}

TEST_P(AuthTest, AdminRevokesEverySessionOfAUser) {
  const auto boss = add("boss", kGoodPassword, {Role::kAdmin});
  const auto alice = add("alice", kGoodPassword);
  add("bob", kGoodPassword);
  auto a1 = auth_->login(request(), "alice", kGoodPassword);
  auto a2 = auth_->login(request(), "alice", kGoodPassword);
  auto b = auth_->login(request(), "bob", kGoodPassword);
  Principal admin{boss, Principal::Via::kSession, "", 0, ""};
  auto n = auth_->revoke_all_sessions(admin, alice.id, request());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n.value, 2);
  EXPECT_FALSE(auth_->authenticate(with_cookie(a1.session_token)));
  EXPECT_FALSE(auth_->authenticate(with_cookie(a2.session_token)));
  EXPECT_TRUE(auth_->authenticate(with_cookie(b.session_token)));
  EXPECT_EQ(auth_->revoke_all_sessions(admin, 9999, request()).failure.code, "not_found");
}

TEST_P(AuthTest, DisabledUsersSessionsAndTokensStopWorking) {
  const auto boss = add("boss", kGoodPassword, {Role::kAdmin});
  const auto alice = add("alice", kGoodPassword);
  auto s = auth_->login(request(), "alice", kGoodPassword);
  auto me = auth_->authenticate(with_cookie(s.session_token));
  ASSERT_TRUE(me);
  auto token = auth_->create_token(*me, "script", request());
  Principal admin{boss, Principal::Via::kSession, "", 0, ""};
  ASSERT_TRUE(
      auth_->update_user(admin, alice.id, {std::nullopt, true, std::nullopt}, request()).ok());
  EXPECT_FALSE(auth_->authenticate(with_cookie(s.session_token)));
  auto bearer = request();
  bearer.headers = {{"authorization", "Bearer " + token.value->token}};
  EXPECT_FALSE(auth_->authenticate(bearer));
  // Enabled again: the bearer token works; sessions were revoked at disabling.
  ASSERT_TRUE(
      auth_->update_user(admin, alice.id, {std::nullopt, false, std::nullopt}, request()).ok());
  EXPECT_TRUE(auth_->authenticate(bearer));
  EXPECT_FALSE(auth_->authenticate(with_cookie(s.session_token)));
}

TEST_P(AuthTest, ApiTokensAreHashedRevocableAndOwnOnly) {
  add("alice", kGoodPassword);
  add("bob", kGoodPassword);
  auto a = auth_->authenticate(
      with_cookie(auth_->login(request(), "alice", kGoodPassword).session_token));
  auto b =
      auth_->authenticate(with_cookie(auth_->login(request(), "bob", kGoodPassword).session_token));
  ASSERT_TRUE(a && b);
  auto t = auth_->create_token(*a, "nightly import", request());
  ASSERT_TRUE(t.ok());
  for (const auto& cell : all_text(*db_)) EXPECT_EQ(cell.find(t.value->token), std::string::npos);
  auto r = request();
  r.headers = {{"authorization", "Bearer " + t.value->token}};
  auto p = auth_->authenticate(r);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->via, Principal::Via::kToken);
  EXPECT_EQ(p->user.username, "alice");
  EXPECT_EQ(p->token_id, t.value->id);
  auto listed = auth_->list_tokens(a->user.id);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].name, "nightly import");
  EXPECT_EQ(listed[0].last_used_at, format_time(now_));
  EXPECT_EQ(auth_->revoke_token(*b, t.value->id, request()).failure.code, "not_found");
  EXPECT_TRUE(auth_->authenticate(r));
  EXPECT_TRUE(auth_->revoke_token(*a, t.value->id, request()).ok());
  EXPECT_FALSE(auth_->authenticate(r));
  EXPECT_EQ(auth_->create_token(*a, "", request()).failure.code, "invalid_token_name");
}

TEST_P(AuthTest, CsrfTokenOfARealSession) {
  add("alice", kGoodPassword);
  auto s = auth_->login(request(), "alice", kGoodPassword);
  auto r = with_cookie(s.session_token, http::Method::kPost);
  auto p = auth_->authenticate(r);
  ASSERT_TRUE(p);
  const std::string origin = "http://127.0.0.1:8080";
  r.headers.emplace_back("origin", origin);
  EXPECT_EQ(check_unsafe(r, *p, origin).reason, "csrf_missing");
  r.headers.emplace_back("x-csrf-token", s.csrf_token);
  EXPECT_TRUE(check_unsafe(r, *p, origin).ok);
  // Another session's token is a wrong token.
  auto other = auth_->login(request(), "alice", kGoodPassword);
  r.headers.back().second = other.csrf_token;
  EXPECT_EQ(check_unsafe(r, *p, origin).reason, "csrf_mismatch");
}

TEST_P(AuthTest, ChangePasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  add("alice", kGoodPassword);
  auto s = auth_->login(request(), "alice", kGoodPassword);
  auto other = auth_->login(request(), "alice", kGoodPassword);
  auto me = auth_->authenticate(with_cookie(s.session_token));
  ASSERT_TRUE(me);
  EXPECT_EQ(auth_->change_password(*me, kOtherPassword, kOtherPassword, request()).failure.code,
            "wrong_password");
  auto weak = auth_->change_password(*me, kGoodPassword, "alice2026!!!!", request());
  EXPECT_EQ(weak.failure.reason, "username");
  ASSERT_TRUE(auth_->change_password(*me, kGoodPassword, kOtherPassword, request()).ok());
  EXPECT_TRUE(auth_->authenticate(with_cookie(s.session_token)));
  EXPECT_FALSE(auth_->authenticate(with_cookie(other.session_token)));
  EXPECT_EQ(auth_->login(request(), "alice", kGoodPassword).status, S::kBadCredentials);
  EXPECT_EQ(auth_->login(request(), "alice", kOtherPassword).status, S::kOk);
}

TEST_P(AuthTest, UserManagement) {
  const auto boss = add("boss", kGoodPassword, {Role::kAdmin});
  Principal admin{boss, Principal::Via::kSession, "", 0, ""};
  auto dup = auth_->create_user(&admin, {"boss", kOtherPassword, "", {}}, request());
  EXPECT_EQ(dup.failure.code, "username_taken");
  EXPECT_EQ(auth_->create_user(&admin, {"", kOtherPassword, "", {}}, request()).failure.reason,
            "empty");
  EXPECT_EQ(auth_->create_user(&admin, {"a\nb", kOtherPassword, "", {}}, request()).failure.reason,
            "control_character");
  auto carol =
      auth_->create_user(&admin, {"carol", kOtherPassword, "Carol", {Role::kPlanner}}, request());
  ASSERT_TRUE(carol.ok());
  UserPatch patch;
  patch.roles = std::vector<Role>{Role::kVerifier, Role::kEditor};
  patch.display_name = "Carol K.";
  auto updated = auth_->update_user(admin, carol.value->id, patch, request());
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(format_roles(updated.value->roles), "editor,verifier");
  EXPECT_EQ(auth_->find_user(carol.value->id)->display_name, "Carol K.");
  // The last enabled admin cannot lose the role or be disabled.
  EXPECT_EQ(
      auth_->update_user(admin, boss.id, {std::vector<Role>{Role::kViewer}, {}, {}}, request())
          .failure.code,
      "last_admin");
  EXPECT_EQ(auth_->update_user(admin, boss.id, {{}, true, {}}, request()).failure.code,
            "last_admin");
  EXPECT_EQ(auth_->update_user(admin, 4242, patch, request()).failure.code, "not_found");
  EXPECT_EQ(auth_->list_users().size(), 2U);
  // Language.
  auto me = Principal{*auth_->find_user(carol.value->id), Principal::Via::kSession, "", 0, ""};
  EXPECT_EQ(auth_->set_lang(me, "de", request()).failure.code, "invalid_lang");
  EXPECT_EQ(auth_->set_lang(me, "kk", request()).value->lang, "kk");
  EXPECT_EQ(auth_->find_user("carol")->lang, "kk");
}

TEST_P(AuthTest, SqlAndHtmlInNamesAreStoredVerbatim) {
  const std::string name = "Robert'); DROP TABLE users;--";
  const std::string display = "<script>alert(\"x\")</script> & ' ? $1";
  auto u = auth_->create_user(nullptr, {name, kGoodPassword, display, {Role::kViewer}}, request());
  ASSERT_TRUE(u.ok()) << u.failure.code;
  const auto back = auth_->find_user(name);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->username, name);
  EXPECT_EQ(back->display_name, display);
  EXPECT_EQ(auth_->list_users().size(), 1U);
  EXPECT_EQ(auth_->login(request(), name, kGoodPassword).status, S::kOk);
  EXPECT_FALSE(auth_->find_user("Robert"));
}

TEST_P(AuthTest, EveryWriteIsAudited) {
  const auto boss = add("boss", kGoodPassword, {Role::kAdmin});  // user.create (CLI: no actor)
  auto login = auth_->login(request("198.51.100.4"), "boss", kGoodPassword);
  auth_->login(request("198.51.100.4"), "boss", "wrong");
  auto me = auth_->authenticate(with_cookie(login.session_token));
  ASSERT_TRUE(me);
  auto carol = auth_->create_user(&*me, {"carol", kOtherPassword, "", {Role::kViewer}}, request());
  UserPatch patch;
  patch.roles = std::vector<Role>{Role::kPlanner};
  auth_->update_user(*me, carol.value->id, patch, request());
  auth_->set_lang(*me, "zh", request());
  auto t = auth_->create_token(*me, "ci", request());
  auth_->revoke_token(*me, t.value->id, request());
  auth_->revoke_all_sessions(*me, carol.value->id, request());
  auth_->change_password(*me, kGoodPassword, kOtherPassword, request());
  auth_->logout(*me, request());

  auto rows = auth_->audit_log(100);
  std::vector<std::string> actions;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) actions.push_back(it->action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"user.create",
                                      "login.success",
                                      "login.failure",
                                      "user.create",
                                      "user.update",
                                      "user.lang",
                                      "token.create",
                                      "token.revoke",
                                      "session.revoke_all",
                                      "user.password",
                                      "session.revoke"}));
  const auto& update = rows[rows.size() - 5];
  ASSERT_EQ(update.action, "user.update");
  EXPECT_EQ(update.username, "boss");
  EXPECT_EQ(update.user_id, boss.id);
  EXPECT_EQ(update.object_id, std::to_string(carol.value->id));
  EXPECT_EQ(nlohmann::json::parse(*update.before_json)["roles"], nlohmann::json::array({"viewer"}));
  EXPECT_EQ(nlohmann::json::parse(*update.after_json)["roles"], nlohmann::json::array({"planner"}));
  EXPECT_EQ(update.request_id, "req-1");
  const auto& failure = rows[rows.size() - 3];
  EXPECT_EQ(failure.remote_address, "198.51.100.4");
  EXPECT_FALSE(failure.user_id.has_value());
  EXPECT_EQ(nlohmann::json::parse(*failure.after_json)["reason"], "wrong_password");
  EXPECT_EQ(rows.back().user_id, std::nullopt);  // created by the CLI
  // Paging: newest first, `before` an id.
  auto page = auth_->audit_log(2, rows[1].id);
  ASSERT_EQ(page.size(), 2U);
  EXPECT_EQ(page[0].id, rows[2].id);
}

}  // namespace
}  // namespace corridor::auth::testing

namespace corridor::auth::testing {
namespace {

TEST_P(AuthTest, OtherModulesAuditThroughTheSameCall) {
  const auto boss = add("boss", kGoodPassword, {Role::kAdmin, Role::kPlanner});
  Principal who{boss, Principal::Via::kToken, "", 7, ""};
  db_->write([&](store::Tx& tx) {
    audit(tx,
          &who,
          "job.cancel",
          "job",
          "42",
          R"({"state":"running"})",
          R"({"state":"cancelled"})",
          "req-9",
          "192.0.2.1");
  });
  const auto rows = auth_->audit_log(1);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].action, "job.cancel");
  EXPECT_EQ(rows[0].user_id, boss.id);
  EXPECT_EQ(rows[0].username, "boss");
  EXPECT_EQ(rows[0].before_json, R"({"state":"running"})");
  EXPECT_EQ(rows[0].after_json, R"({"state":"cancelled"})");
  EXPECT_EQ(rows[0].request_id, "req-9");
  EXPECT_EQ(rows[0].remote_address, "192.0.2.1");
  EXPECT_TRUE(parse_time(rows[0].at).has_value()) << rows[0].at;  // the system clock's now
}

}  // namespace
}  // namespace corridor::auth::testing
