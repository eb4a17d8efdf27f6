// The service's sign-in side: the setup token, login with rate limiting, sessions,
// API-token authentication, logout.

#include <algorithm>

#include "impl.hpp"
#include "sodium_util.hpp"
#include "web.hpp"

namespace corridor::auth {

namespace {
using namespace std::chrono_literals;
// last_seen_at / last_used_at are rewritten at most this often: an authenticated read
// must not be a write every time, and idle expiry (hours) does not need it finer.
constexpr auto kTouchInterval = 60s;
}  // namespace

Auth::Impl::Impl(store::Database& d, Options o) : db(d), options(std::move(o)) {
  ensure_sodium();
  dummy_hash = hash_password(random_token(), options.cost);
}

std::chrono::system_clock::time_point Auth::Impl::now() const {
  return options.clock ? options.clock() : std::chrono::system_clock::now();
}

void Auth::Impl::write(const std::function<void(store::Tx&)>& fn) {
  // Also after a failed write: it changed nothing, and forgetting is always safe.
  struct Forget {
    SessionCache& cache;
    ~Forget() { cache.invalidate(); }
  } forget{sessions};
  db.write(fn);
}

bool Auth::Impl::verify(const std::string& hash, std::string_view password) {
  ++verifications;
  return verify_password(hash, password);
}

std::pair<std::string, std::string> Auth::Impl::create_session(store::Tx& tx,
                                                               std::int64_t user_id,
                                                               const http::Request& request) {
  const auto t = now();
  auto token = random_token();
  auto csrf = random_token();
  tx.exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
      "expires_at, remote_address) VALUES (?, ?, ?, ?, ?, ?, ?)",
      Params{token_hash(token),
             user_id,
             csrf,
             format_time(t),
             format_time(t),
             format_time(t + options.session_absolute),
             request.remote_address});
  return {std::move(token), std::move(csrf)};
}

std::chrono::seconds Auth::Impl::blocked_for(const store::Row& row) const {
  const auto until = row.opt_text(0);
  if (!until) return 0s;
  const auto t = parse_time(*until);
  if (!t || *t <= now()) return 0s;
  return std::chrono::ceil<std::chrono::seconds>(*t - now());
}

void Auth::Impl::record_failure(store::Tx& tx, const std::string& subject) {
  const auto t = now();
  std::int64_t failures = 1;
  if (auto row = tx.query_one("SELECT failures, last_at FROM login_failures WHERE subject = ?",
                              Params{subject})) {
    const auto last = parse_time(row->text(1));
    if (last && t - *last < options.failure_memory) failures = row->integer(0) + 1;
  }
  store::Value blocked_until;  // NULL below the threshold
  if (failures >= options.backoff_after) {
    const auto doublings = std::min<std::int64_t>(failures - options.backoff_after, 30);
    const auto wait =
        std::min(options.backoff_base * (std::int64_t{1} << doublings),
                 std::chrono::duration_cast<std::chrono::seconds>(options.backoff_cap));
    blocked_until = format_time(t + wait);
  }
  tx.exec(
      "INSERT INTO login_failures (subject, failures, last_at, blocked_until) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, "
      "last_at = excluded.last_at, blocked_until = excluded.blocked_until",
      Params{subject, failures, format_time(t), blocked_until});
}

Auth::Auth(store::Database& db, Options options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {}
Auth::~Auth() = default;

std::uint64_t Auth::verifications() const { return impl_->verifications.load(); }
std::chrono::system_clock::time_point Auth::now() const { return impl_->now(); }

std::optional<std::string> Auth::create_setup_token() {
  std::optional<std::string> token;
  impl_->write([&](store::Tx& tx) {
    if (tx.query_one("SELECT id FROM users LIMIT 1")) return;
    token = random_token();
    const auto at = impl_->now_text();
    tx.exec("DELETE FROM setup_tokens WHERE used_at IS NULL");
    tx.exec("INSERT INTO setup_tokens (token_hash, created_at) VALUES (?, ?)",
            Params{token_hash(*token), at});
    audit(tx,
          nullptr,
          "setup.token_create",
          "setup_token",
          "",
          std::nullopt,
          std::nullopt,
          "",
          "",
          at);
  });
  return token;
}

Result<User> Auth::setup_first_admin(std::string_view token,
                                     std::string_view username,
                                     std::string_view password,
                                     const http::Request& request) {
  bool any_user = false;
  impl_->db.read(
      [&](store::Tx& tx) { any_user = tx.query_one("SELECT id FROM users LIMIT 1").has_value(); });
  if (any_user) return Result<User>::fail("setup_done", "an account exists already");
  NewUser admin{std::string(username),
                std::string(password),
                "",
                {Role::kViewer, Role::kPlanner, Role::kEditor, Role::kVerifier, Role::kAdmin}};
  const auto hash = token_hash(token);
  // create_user validates and writes; the token is claimed in the same transaction.
  return create_user_with(nullptr, admin, request, [&](store::Tx& tx) -> std::optional<Failure> {
    if (tx.query_one("SELECT id FROM users LIMIT 1"))
      return Failure{"setup_done", "an account exists already", ""};
    const auto n =
        tx.exec("UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                Params{impl_->now_text(), hash});
    if (n != 1) return Failure{"bad_setup_token", "the setup token is wrong or used", ""};
    return std::nullopt;
  });
}

LoginResult Auth::login(const http::Request& request,
                        std::string_view username,
                        std::string_view password) {
  // Bounded: a megabyte of "username" must not become a megabyte of key.
  const std::string user_subject = "user:" + std::string(username.substr(0, 256));
  const std::string addr_subject = "addr:" + request.remote_address;
  std::optional<User> user;
  std::string hash;
  std::chrono::seconds wait{0};
  impl_->db.read([&](store::Tx& tx) {
    auto row = tx.query_one("SELECT " + std::string(kUserColumns) +
                                ", u.password_hash FROM users u WHERE u.username = ?",
                            Params{std::string(username)});
    if (row) user = user_from_row(*row), hash = row->text(7);
    for (const auto& s : {user_subject, addr_subject})
      if (auto f =
              tx.query_one("SELECT blocked_until FROM login_failures WHERE subject = ?", Params{s}))
        wait = std::max(wait, impl_->blocked_for(*f));
  });
  LoginResult out;
  if (wait > std::chrono::seconds{0}) {
    out.status = LoginResult::Status::kRateLimited;
    out.retry_after = wait;
    return out;
  }
  const bool password_ok = impl_->verify(user ? hash : impl_->dummy_hash, password);
  if (!user || !password_ok || user->disabled) {
    const char* why = !user ? "unknown_user" : !password_ok ? "wrong_password" : "disabled";
    impl_->write([&](store::Tx& tx) {
      impl_->record_failure(tx, user_subject);
      impl_->record_failure(tx, addr_subject);
      audit_request(tx,
                    nullptr,
                    "login.failure",
                    "user",
                    user ? std::to_string(user->id) : std::string(),
                    std::nullopt,
                    nlohmann::json{{"username", username}, {"reason", why}},
                    request,
                    impl_->now_text());
    });
    out.status = LoginResult::Status::kBadCredentials;
    return out;
  }
  std::optional<std::string> rehash;
  if (needs_rehash(hash, impl_->options.cost))
    rehash = hash_password(password, impl_->options.cost);
  const auto presented = cookie_of(request, session_cookie_name(request));
  impl_->write([&](store::Tx& tx) {
    const auto at = impl_->now_text();
    tx.exec("DELETE FROM login_failures WHERE subject = ?", Params{user_subject});
    if (rehash)
      tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", Params{*rehash, user->id});
    if (presented)  // rotation: whatever token came with the login dies with it
      tx.exec("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
              Params{at, token_hash(*presented)});
    std::tie(out.session_token, out.csrf_token) = impl_->create_session(tx, user->id, request);
    Principal who{*user, Principal::Via::kSession, token_hash(out.session_token), 0, ""};
    audit_request(tx,
                  &who,
                  "login.success",
                  "user",
                  std::to_string(user->id),
                  std::nullopt,
                  nlohmann::json{{"rehashed", rehash.has_value()}},
                  request,
                  at);
  });
  out.status = LoginResult::Status::kOk;
  out.user = std::move(user);
  return out;
}

std::optional<Principal> Auth::authenticate(const http::Request& request) {
  if (auto bearer = bearer_of(request)) return authenticate_token(*bearer);
  const auto cookie = cookie_of(request, session_cookie_name(request));
  if (!cookie || cookie->empty()) return std::nullopt;
  const auto hash = token_hash(*cookie);
  const auto t = impl_->now();
  const SessionCache::Limits limits{
      impl_->options.session_cache_ttl, impl_->options.session_idle, kTouchInterval};
  if (auto hit = impl_->sessions.find(hash, t, limits)) return hit;
  const auto generation = impl_->sessions.generation();  // before the read: see put()
  std::optional<Principal> out;
  std::chrono::system_clock::time_point seen, expires;
  impl_->db.read([&](store::Tx& tx) {
    auto row = tx.query_one("SELECT " + std::string(kUserColumns) +
                                ", s.csrf_token, s.last_seen_at, s.expires_at, s.revoked_at "
                                "FROM sessions s JOIN users u ON u.id = s.user_id "
                                "WHERE s.token_hash = ?",
                            Params{hash});
    if (!row || !row->is_null(10)) return;
    const auto seen_at = parse_time(row->text(8));
    const auto expires_at = parse_time(row->text(9));
    if (!seen_at || !expires_at || t >= *expires_at || t - *seen_at >= impl_->options.session_idle)
      return;
    out = Principal{user_from_row(*row), Principal::Via::kSession, hash, 0, row->text(7)};
    seen = *seen_at;
    expires = *expires_at;
    if (out->user.disabled) out.reset();
  });
  if (!out) return out;
  if (t - seen >= kTouchInterval) {
    // Not through Impl::write: refreshing last_seen_at ends nothing, and clearing the
    // cache at every session's periodic touch would defeat it.
    impl_->db.write([&](store::Tx& tx) {
      tx.exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
              Params{format_time(t), hash});
    });
    seen = std::chrono::floor<std::chrono::seconds>(t);  // as stored: whole seconds
  }
  impl_->sessions.put(hash, {*out, seen, expires, t}, generation);
  return out;
}

std::optional<Principal> Auth::authenticate_token(const std::string& token) {
  const auto hash = token_hash(token);
  const auto t = impl_->now();
  std::optional<Principal> out;
  std::optional<std::string> last_used;
  impl_->db.read([&](store::Tx& tx) {
    auto row = tx.query_one("SELECT " + std::string(kUserColumns) +
                                ", t.id, t.last_used_at, t.revoked_at "
                                "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                "WHERE t.token_hash = ?",
                            Params{hash});
    if (!row || !row->is_null(9)) return;
    out = Principal{user_from_row(*row), Principal::Via::kToken, "", row->integer(7), ""};
    last_used = row->opt_text(8);
    if (out->user.disabled) out.reset();
  });
  if (!out) return out;
  const auto used = last_used ? parse_time(*last_used) : std::nullopt;
  if (!used || t - *used >= kTouchInterval)
    impl_->db.write([&](store::Tx& tx) {
      tx.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
              Params{format_time(t), out->token_id});
    });
  return out;
}

void Auth::logout(const Principal& principal, const http::Request& request) {
  if (principal.via != Principal::Via::kSession) return;
  impl_->write([&](store::Tx& tx) {
    const auto at = impl_->now_text();
    const auto n =
        tx.exec("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                Params{at, principal.session_hash});
    if (n > 0)
      audit_request(tx,
                    &principal,
                    "session.revoke",
                    "session",
                    principal.session_hash.substr(0, 16),
                    std::nullopt,
                    nlohmann::json{{"reason", "logout"}},
                    request,
                    at);
  });
}

}  // namespace corridor::auth
