// Roles, the password policy and hashing, times, cookies and the CSRF rule: no database.

#include <gtest/gtest.h>
#include <sodium.h>

#include "corridor/auth.hpp"

namespace corridor::auth {
namespace {

using P = PasswordProblem;

TEST(Roles, ParseAndFormatInCanonicalOrder) {
  const auto r = parse_roles(" admin,viewer,,planner , admin,boss");
  EXPECT_EQ(format_roles(r.roles), "viewer,planner,admin");
  ASSERT_EQ(r.unknown.size(), 1U);
  EXPECT_EQ(r.unknown[0], "boss");
  EXPECT_EQ(format_roles({}), "");
  EXPECT_TRUE(parse_roles("").roles.empty());
  for (Role role : kAllRoles) EXPECT_EQ(parse_role(role_name(role)), role);
}

TEST(Roles, MatrixOfAllows) {
  // Rows: the user's roles; columns: viewer planner editor verifier admin (docs/serve.md:
  // planner, editor and verifier are "viewer + …"; admin includes viewer only).
  struct Row {
    std::vector<Role> held;
    bool expect[5];
  };
  const Row rows[] = {
      {{}, {false, false, false, false, false}},
      {{Role::kViewer}, {true, false, false, false, false}},
      {{Role::kPlanner}, {true, true, false, false, false}},
      {{Role::kEditor}, {true, false, true, false, false}},
      {{Role::kVerifier}, {true, false, false, true, false}},
      {{Role::kAdmin}, {true, false, false, false, true}},
      {{Role::kEditor, Role::kVerifier}, {true, false, true, true, false}},
  };
  for (const auto& row : rows) {
    User u;
    u.roles = row.held;
    for (int i = 0; i < 5; ++i)
      EXPECT_EQ(allows(u, kAllRoles[i]), row.expect[i])
          << format_roles(row.held) << " asks " << role_name(kAllRoles[i]);
    u.disabled = true;
    for (Role role : kAllRoles) EXPECT_FALSE(allows(u, role)) << "disabled";
  }
}

TEST(Policy, LengthCountsCodePointsNotBytes) {
  // 11 Kazakh letters are 22 bytes of UTF-8 but 11 characters: too short.
  EXPECT_EQ(check_password("қазақстанды", "alice"), P::kTooShort);
  EXPECT_EQ(utf8_length("қазақстанды"), 11U);
  EXPECT_EQ(std::string_view("қазақстанды").size(), 22U);
  EXPECT_EQ(check_password("қазақстандық", "alice"), std::nullopt);  // 12
  EXPECT_EQ(check_password("zebra-fig-41", "alice"), std::nullopt);  // 12 ASCII
  EXPECT_EQ(check_password("zebra-fig-4", "alice"), P::kTooShort);   // 11
  std::string s128;
  while (utf8_length(s128) < 128U) s128 += "ж7q";
  s128.resize(s128.size() - (*utf8_length(s128) - 128));  // ASCII tail: trim to 128
  ASSERT_EQ(utf8_length(s128), 128U);
  EXPECT_EQ(check_password(s128, "alice"), std::nullopt);
  EXPECT_EQ(check_password(s128 + "x", "alice"), P::kTooLong);
  EXPECT_EQ(check_password("abcdefghijk\xff", "alice"), P::kInvalidUtf8);
  EXPECT_EQ(check_password("abcdefghijk\xc0\xaf", "alice"), P::kInvalidUtf8);      // overlong '/'
  EXPECT_EQ(check_password("abcdefghijk\xed\xa0\x80", "alice"), P::kInvalidUtf8);  // surrogate
}

TEST(Policy, CommonPasswordsAndWalksAreRefused) {
  for (const char* pw : {"qwertyuiop12",
                         "Password2026!",
                         "1q2w3e4r5t6y",
                         "iloveyou1234",
                         "ЙЦУКЕНГШЩЗХЪ",
                         "123456789012",
                         "!!letmein!!!",
                         "qwertyqwerty",
                         "Kazakhstan2026",
                         "woaini131452"})
    EXPECT_EQ(check_password(pw, "alice"), P::kCommon) << pw;
  EXPECT_EQ(check_password("abcabcabcabc", "alice"), P::kRepetitive);
  EXPECT_EQ(check_password("zzzzzzzzzzzzzz", "alice"), P::kRepetitive);
  EXPECT_EQ(check_password("Corridor2026!", "alice"), P::kProductName);
  EXPECT_EQ(check_password("corridorcorridor", "alice"), P::kProductName);
  EXPECT_EQ(check_password("alice.smith-1990", "alice.smith"), P::kUsername);
  EXPECT_EQ(check_password("ALICE.SMITH.", "alice.smith"), P::kUsername);
  // A word of the list inside a passphrase is fine: the rule is "word plus filler".
  EXPECT_EQ(check_password("my dragon eats 3 pears", "alice"), std::nullopt);
  for (auto p : {P::kTooShort,
                 P::kTooLong,
                 P::kInvalidUtf8,
                 P::kCommon,
                 P::kRepetitive,
                 P::kUsername,
                 P::kProductName})
    EXPECT_FALSE(problem_code(p).empty());
}

TEST(Hashing, HashVerifyRehash) {
  const auto cost = HashCost::minimum();
  const auto h = hash_password("river-lantern-7-basalt", cost);
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0U) << h;
  EXPECT_TRUE(verify_password(h, "river-lantern-7-basalt"));
  EXPECT_FALSE(verify_password(h, "river-lantern-7-basalT"));
  EXPECT_FALSE(verify_password("not a hash", "river-lantern-7-basalt"));
  EXPECT_NE(hash_password("river-lantern-7-basalt", cost), h);  // salted
  EXPECT_FALSE(needs_rehash(h, cost));
  EXPECT_TRUE(needs_rehash(h, HashCost::interactive()));
  // The default cost is libsodium's interactive limits: 64 MiB, 2 passes.
  const auto hi = hash_password("river-lantern-7-basalt", HashCost::interactive());
  EXPECT_NE(hi.find("m=65536,t=2,p=1"), std::string::npos) << hi;
  EXPECT_TRUE(needs_rehash("$argon2i$v=19$m=4096,t=3,p=1$abc$def", cost));
}

TEST(Time, FormatAndParseUtc) {
  using std::chrono::system_clock;
  EXPECT_EQ(format_time(system_clock::from_time_t(0)), "1970-01-01T00:00:00Z");
  // date -u -d @1796132100 says Tue Dec  1 13:35:00 UTC 2026.
  EXPECT_EQ(format_time(system_clock::from_time_t(1796132100)), "2026-12-01T13:35:00Z");
  EXPECT_EQ(parse_time("2026-12-01T13:35:00Z"), system_clock::from_time_t(1796132100));
  EXPECT_EQ(parse_time("2026-12-01 13:35:00"), std::nullopt);
  EXPECT_EQ(parse_time("2026-13-01T13:35:00Z"), std::nullopt);
}

http::Request req(bool loopback, bool tls) {
  http::Request r;
  r.loopback = loopback;
  r.tls = tls;
  return r;
}

TEST(Cookie, SecureUnlessPlainHttpOnLoopback) {
  EXPECT_EQ(session_cookie(req(true, false), "TOK"),
            "corridor_session=TOK; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(session_cookie(req(true, true), "TOK"),
            "__Host-corridor_session=TOK; Path=/; HttpOnly; SameSite=Lax; Secure");
  EXPECT_EQ(session_cookie(req(false, false), "TOK"),
            "__Host-corridor_session=TOK; Path=/; HttpOnly; SameSite=Lax; Secure");
  EXPECT_NE(clear_session_cookie(req(false, true)).find("Max-Age=0"), std::string::npos);
}

struct CsrfCase {
  const char* what;
  http::Method method;
  std::vector<std::pair<std::string, std::string>> headers;
  Principal::Via via;
  const char* reason;  // "" when accepted
};

TEST(Csrf, UnsafeMethodsNeedOriginAndToken) {
  const std::string origin = "https://corridor.example";
  using M = http::Method;
  using V = Principal::Via;
  const CsrfCase cases[] = {
      {"both right", M::kPost, {{"origin", origin}, {"x-csrf-token", "CSRF"}}, V::kSession, ""},
      {"no token", M::kPost, {{"origin", origin}}, V::kSession, "csrf_missing"},
      {"wrong token",
       M::kPut,
       {{"origin", origin}, {"x-csrf-token", "CSRG"}},
       V::kSession,
       "csrf_mismatch"},
      {"short token",
       M::kPut,
       {{"origin", origin}, {"x-csrf-token", "CSR"}},
       V::kSession,
       "csrf_mismatch"},
      {"foreign origin",
       M::kDelete,
       {{"origin", "https://evil.example"}, {"x-csrf-token", "CSRF"}},
       V::kSession,
       "origin_mismatch"},
      {"null origin",
       M::kPatch,
       {{"origin", "null"}, {"x-csrf-token", "CSRF"}},
       V::kSession,
       "origin_mismatch"},
      {"referer instead",
       M::kPost,
       {{"referer", origin + "/scenarios?x=1"}, {"x-csrf-token", "CSRF"}},
       V::kSession,
       ""},
      {"foreign referer",
       M::kPost,
       {{"referer", "https://corridor.example.evil.net/"}, {"x-csrf-token", "CSRF"}},
       V::kSession,
       "origin_mismatch"},
      {"neither", M::kPost, {{"x-csrf-token", "CSRF"}}, V::kSession, "origin_missing"},
      {"safe method", M::kGet, {}, V::kSession, ""},
      {"bearer exempt", M::kPost, {}, V::kToken, ""},
  };
  for (const auto& c : cases) {
    http::Request r;
    r.method = c.method;
    r.headers = c.headers;
    Principal p;
    p.via = c.via;
    p.csrf_token = c.via == V::kSession ? "CSRF" : "";
    const auto check = check_unsafe(r, p, origin);
    EXPECT_EQ(check.ok, std::string(c.reason).empty()) << c.what;
    EXPECT_EQ(check.reason, c.reason) << c.what;
  }
}

}  // namespace
}  // namespace corridor::auth
