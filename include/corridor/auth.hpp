#pragma once
// Accounts, roles, passwords, sessions, API tokens, CSRF and the audit log of
// `corridor serve` (docs/serve.md, "Accounts and sessions").
//
// Method. Passwords: argon2id through libsodium's crypto_pwhash_str (OPSLIMIT and
// MEMLIMIT_INTERACTIVE: 2 passes over 64 MiB, 0.10-0.20 s per hash on the shared 2-core
// machine, bench/auth), rehashed at the next successful login when the parameters
// change. Unknown and disabled users are verified against a dummy hash, so every login
// costs one argon2id verification. Sessions and API tokens: 32 bytes from
// randombytes_buf, sent base64url, stored only as their BLAKE2b-256 hash
// (crypto_generichash, hex). Failed logins are counted per account and per address;
// from the 5th failure each one blocks further attempts for 1 s, 2 s, 4 s, ... capped
// at 15 min (exponential backoff). Complexity: one argon2id verification per login;
// every other call is a few indexed queries. References: RFC 9106 (Argon2), OWASP
// Password Storage and Session Management cheat sheets, NIST SP 800-63B §5.1.1 (length,
// blocklist, no composition rules), RFC 6265bis §4.1.3 (cookie prefixes).
//
// Every write goes through one transaction that also writes its audit_log row.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/http.hpp"
#include "corridor/store.hpp"

namespace corridor::auth {

// ---------------------------------------------------------------- roles

enum class Role { kViewer, kPlanner, kEditor, kVerifier, kAdmin };
inline constexpr Role kAllRoles[] = {
    Role::kViewer, Role::kPlanner, Role::kEditor, Role::kVerifier, Role::kAdmin};

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

/// A comma list ("viewer,planner") → roles in canonical order, without duplicates.
/// Names not recognised go to `unknown` (empty items are ignored).
struct ParsedRoles {
  std::vector<Role> roles;
  std::vector<std::string> unknown;
};
ParsedRoles parse_roles(std::string_view list);
/// Canonical order (viewer, planner, editor, verifier, admin), comma-separated.
std::string format_roles(const std::vector<Role>& roles);

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::vector<Role> roles;  // canonical order
  std::string lang = "en";
  bool disabled = false;
  std::string created_at;
};
/// `{id, username, display_name, roles[], lang, disabled, created_at}` (no secret).
nlohmann::json to_json(const User& user);

/// May `user` act with `role`? A disabled user may do nothing. Holding planner, editor,
/// verifier or admin includes viewer (docs/serve.md: "viewer + …"); no role includes
/// another otherwise: admin manages accounts but plans or verifies only when granted
/// those roles too (separation of duties).
bool allows(const User& user, Role role);

/// Why a username (1–64 code points) or display name (0–200) is refused: "empty",
/// "too_long", "invalid_utf8", "control_character", "surrounding_space"; nullopt when
/// accepted. Anything else, quotes and angle brackets included, is stored verbatim.
std::optional<std::string> check_username(std::string_view username);
std::optional<std::string> check_display_name(std::string_view display_name);

// ---------------------------------------------------------------- passwords

/// Reason codes of a refused password (stable: the API returns them).
enum class PasswordProblem {
  kTooShort,     // "too_short": fewer than 12 code points
  kTooLong,      // "too_long": more than 128 code points
  kInvalidUtf8,  // "invalid_utf8"
  kCommon,       // "common": in the embedded list, alone or with digits/symbols around it
  kRepetitive,   // "repetitive": one short unit repeated ("abcabcabcabc")
  kUsername,     // "username": the username itself, alone or with digits/symbols
  kProductName,  // "product_name": "corridor", alone or with digits/symbols
};
std::string_view problem_code(PasswordProblem problem);

inline constexpr std::size_t kMinPasswordLength = 12;   // code points
inline constexpr std::size_t kMaxPasswordLength = 128;  // code points

/// The number of code points of valid UTF-8, nullopt when it is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

/// nullopt when `password` is acceptable for `username`.
std::optional<PasswordProblem> check_password(std::string_view password, std::string_view username);

/// Password-hash cost. Default: libsodium's INTERACTIVE limits (see the header comment).
struct HashCost {
  unsigned long long opslimit;
  std::size_t memlimit;
  static HashCost interactive();
  static HashCost moderate();
  static HashCost minimum();  // tests of rehashing only
};
/// An argon2id string ("$argon2id$v=19$m=…,t=…,p=1$salt$hash").
std::string hash_password(std::string_view password, const HashCost& cost);
bool verify_password(const std::string& hash, std::string_view password);
/// True when `hash` was made with other parameters than `cost` (or is not argon2id).
bool needs_rehash(const std::string& hash, const HashCost& cost);

// ---------------------------------------------------------------- options, results

/// Now, in UTC. Injected in tests so that expiry and backoff run without sleeping.
using Clock = std::function<std::chrono::system_clock::time_point()>;

/// "2026-12-01T13:35:00Z" (whole seconds) and back; nullopt for anything else.
std::string format_time(std::chrono::system_clock::time_point t);
std::optional<std::chrono::system_clock::time_point> parse_time(std::string_view text);

struct Options {
  std::chrono::seconds session_idle{std::chrono::hours(2)};
  std::chrono::seconds session_absolute{std::chrono::hours(12)};
  int backoff_after = 5;  // the 5th failure blocks for backoff_base, each next one doubles
  std::chrono::seconds backoff_base{1};
  std::chrono::seconds backoff_cap{std::chrono::minutes(15)};
  /// A counter whose last failure is older than this starts again from zero.
  std::chrono::seconds failure_memory{std::chrono::hours(24)};
  HashCost cost = HashCost::interactive();
  /// A session checked against the database is trusted without a query for this long
  /// (src/auth/session_cache.hpp). Writes of this process (logout, revocation, a role
  /// change) take effect at once regardless; other processes' writes on the same
  /// database take effect within this time. 0: every request queries the database.
  std::chrono::seconds session_cache_ttl{2};
  Clock clock;  // empty: the system clock
};

/// A refused request: a stable code for the API ("invalid_password", "username_taken",
/// …), a message in English and, for a refused password, the reason code.
struct Failure {
  std::string code;
  std::string message;
  std::string reason;
};

template <class T>
struct Result {
  std::optional<T> value;
  Failure failure;
  [[nodiscard]] bool ok() const { return value.has_value(); }
  static Result fail(std::string code, std::string message, std::string reason = {}) {
    return Result{std::nullopt, Failure{std::move(code), std::move(message), std::move(reason)}};
  }
};
struct Done {};

/// Who is asking: the user and how they proved it.
struct Principal {
  enum class Via { kSession, kToken, kLocal };  // kLocal: the `corridor user` CLI
  User user;
  Via via = Via::kSession;
  std::string session_hash;   // kSession: the stored hash of the cookie's token
  std::int64_t token_id = 0;  // kToken: api_tokens.id
  std::string csrf_token;     // kSession: what X-CSRF-Token must equal
};

struct LoginResult {
  enum class Status { kOk, kBadCredentials, kRateLimited };
  Status status = Status::kBadCredentials;
  std::chrono::seconds retry_after{0};  // kRateLimited: for the Retry-After header
  std::optional<User> user;             // kOk
  std::string session_token;            // kOk: the plain token, for the cookie only
  std::string csrf_token;               // kOk
};

struct NewUser {
  std::string username;
  std::string password;
  std::string display_name;
  std::vector<Role> roles = {Role::kViewer};
};

struct UserPatch {
  std::optional<std::vector<Role>> roles;
  std::optional<bool> disabled;
  std::optional<std::string> display_name;
};

struct ApiToken {
  std::int64_t id = 0;
  std::string name;
  std::string created_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
};
struct NewToken {
  std::int64_t id = 0;
  std::string token;  // plain: shown once
};

struct AuditRow {
  std::int64_t id = 0;
  std::string at;
  std::optional<std::int64_t> user_id;
  std::string username;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string request_id;
  std::string remote_address;
};

struct CsrfCheck {
  bool ok = true;
  std::string reason;  // "origin_missing", "origin_mismatch", "csrf_missing", "csrf_mismatch"
};

/// Writes one audit_log row in `tx`. `actor` null: the system or an anonymous caller.
void audit(store::Tx& tx,
           const Principal* actor,
           std::string_view action,
           std::string_view object_type,
           std::string_view object_id,
           const std::optional<std::string>& before_json,
           const std::optional<std::string>& after_json,
           std::string_view request_id,
           std::string_view remote_address,
           std::string_view at);
/// The same, at the system clock's now (for other modules' writes).
void audit(store::Tx& tx,
           const Principal* actor,
           std::string_view action,
           std::string_view object_type,
           std::string_view object_id,
           const std::optional<std::string>& before_json,
           const std::optional<std::string>& after_json,
           std::string_view request_id,
           std::string_view remote_address);

/// The session cookie's name for this request: `__Host-corridor_session` (always with
/// Secure), except on plain HTTP from loopback, where browsers refuse a `__Host-` cookie
/// without Secure, so the cookie is `corridor_session` without Secure.
std::string_view session_cookie_name(const http::Request& request);
/// `NAME=TOKEN; Path=/; HttpOnly; SameSite=Lax[; Secure]` for Set-Cookie.
std::string session_cookie(const http::Request& request, std::string_view token);
/// The Set-Cookie value that deletes the session cookie (logout).
std::string clear_session_cookie(const http::Request& request);

/// The CSRF rule of docs/serve.md for unsafe methods (POST, PUT, PATCH, DELETE) from a
/// session: Origin (or, without it, Referer's origin) equal to `server_origin`
/// ("https://corridor.example" or "http://127.0.0.1:8080"), and X-CSRF-Token equal to
/// the session's token (constant time). Safe methods, API tokens and the CLI pass.
CsrfCheck check_unsafe(const http::Request& request,
                       const Principal& principal,
                       std::string_view server_origin);

// ---------------------------------------------------------------- the service

class Auth {
 public:
  explicit Auth(store::Database& db, Options options = {});

  // Setup: no default account.
  /// When there is no user: a new one-time setup token (stored hashed; earlier unused
  /// ones are dropped) to print once. nullopt when a user exists.
  std::optional<std::string> create_setup_token();
  /// Creates the first admin (role admin) with a valid, unused setup token while there
  /// is no user; "setup_done" (403) after, "bad_setup_token" for a wrong token.
  Result<User> setup_first_admin(std::string_view token,
                                 std::string_view username,
                                 std::string_view password,
                                 const http::Request& request);

  // Login.
  LoginResult login(const http::Request& request,
                    std::string_view username,
                    std::string_view password);
  /// The caller from the session cookie or `Authorization: Bearer`; nullopt when there
  /// is none or it is unknown, revoked, expired (idle or absolute) or its user disabled.
  std::optional<Principal> authenticate(const http::Request& request);
  /// Revokes the principal's session (no-op for a token).
  void logout(const Principal& principal, const http::Request& request);

  // Users (admin routes; the caller checks the role).
  std::vector<User> list_users();
  std::optional<User> find_user(std::int64_t id);
  std::optional<User> find_user(std::string_view username);
  /// `actor` null: the local CLI (`corridor user add`).
  Result<User> create_user(const Principal* actor,
                           const NewUser& user,
                           const http::Request& request);
  /// "not_found", "last_admin" (the last enabled admin losing admin or being disabled),
  /// "invalid_display_name".
  Result<User> update_user(const Principal& actor,
                           std::int64_t id,
                           const UserPatch& patch,
                           const http::Request& request);
  /// Revokes every live session of the user; returns how many.
  Result<std::int64_t> revoke_all_sessions(const Principal& actor,
                                           std::int64_t user_id,
                                           const http::Request& request);

  // The caller's own account.
  /// "wrong_password" when `current` does not verify; "invalid_password" (reason) when
  /// the new one is refused. Revokes the user's other sessions.
  Result<Done> change_password(const Principal& me,
                               std::string_view current,
                               std::string_view password,
                               const http::Request& request);
  /// en, ru, kk or zh; "invalid_lang" otherwise.
  Result<User> set_lang(const Principal& me, std::string_view lang, const http::Request& request);

  // API tokens.
  Result<NewToken> create_token(const Principal& me,
                                std::string_view name,
                                const http::Request& request);
  std::vector<ApiToken> list_tokens(std::int64_t user_id);
  /// Revokes one of the caller's own tokens; "not_found" for another's or a missing one.
  Result<Done> revoke_token(const Principal& me, std::int64_t id, const http::Request& request);

  /// Newest first; `before`: only rows with a smaller id.
  std::vector<AuditRow> audit_log(int limit, std::optional<std::int64_t> before = std::nullopt);

  /// argon2id verifications run so far (tests: an unknown user costs one too).
  [[nodiscard]] std::uint64_t verifications() const;
  [[nodiscard]] std::chrono::system_clock::time_point now() const;

  ~Auth();
  Auth(const Auth&) = delete;
  Auth& operator=(const Auth&) = delete;

 private:
  struct Impl;
  std::optional<Principal> authenticate_token(const std::string& token);
  /// create_user, with `precondition` checked first in the same transaction (setup).
  Result<User> create_user_with(
      const Principal* actor,
      const NewUser& user,
      const http::Request& request,
      const std::function<std::optional<Failure>(store::Tx&)>& precondition);
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::auth
