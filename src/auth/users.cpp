// The service's account side: users (admin), one's own password and language, API
// tokens, the audit log.

#include "impl.hpp"
#include "sodium_util.hpp"

namespace corridor::auth {

User user_from_row(const store::Row& row, std::size_t first) {
  User u;
  u.id = row.integer(first);
  u.username = row.text(first + 1);
  u.display_name = row.text(first + 2);
  u.roles = parse_roles(row.text(first + 3)).roles;
  u.lang = row.text(first + 4);
  u.disabled = row.integer(first + 5) != 0;
  u.created_at = row.text(first + 6);
  return u;
}

std::optional<User> load_user(store::Tx& tx, std::int64_t id) {
  auto row = tx.query_one("SELECT " + std::string(kUserColumns) + " FROM users u WHERE u.id = ?",
                          Params{id});
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

std::optional<std::string> text_problem(std::string_view text,
                                        std::size_t max_length,
                                        bool may_be_empty) {
  const auto n = utf8_length(text);
  if (!n) return "invalid_utf8";
  if (*n == 0) return may_be_empty ? std::nullopt : std::optional<std::string>("empty");
  if (*n > max_length) return "too_long";
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) return "control_character";
  if (text.front() == ' ' || text.back() == ' ') return "surrounding_space";
  return std::nullopt;
}

std::optional<std::string> check_username(std::string_view username) {
  return text_problem(username, kMaxUsername, false);
}
std::optional<std::string> check_display_name(std::string_view display_name) {
  return text_problem(display_name, kMaxDisplayName, true);
}

void audit(store::Tx& tx,
           const Principal* actor,
           std::string_view action,
           std::string_view object_type,
           std::string_view object_id,
           const std::optional<std::string>& before_json,
           const std::optional<std::string>& after_json,
           std::string_view request_id,
           std::string_view remote_address,
           std::string_view at) {
  auto opt = [](const std::optional<std::string>& s) -> store::Value {
    if (s) return *s;
    return std::monostate{};
  };
  tx.exec(
      "INSERT INTO audit_log (at, user_id, username, action, object_type, object_id, "
      "before_json, after_json, request_id, remote_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      Params{std::string(at),
             actor ? store::Value(actor->user.id) : store::Value(std::monostate{}),
             actor ? actor->user.username : std::string(),
             std::string(action),
             std::string(object_type),
             std::string(object_id),
             opt(before_json),
             opt(after_json),
             std::string(request_id),
             std::string(remote_address)});
}

void audit(store::Tx& tx,
           const Principal* actor,
           std::string_view action,
           std::string_view object_type,
           std::string_view object_id,
           const std::optional<std::string>& before_json,
           const std::optional<std::string>& after_json,
           std::string_view request_id,
           std::string_view remote_address) {
  audit(tx,
        actor,
        action,
        object_type,
        object_id,
        before_json,
        after_json,
        request_id,
        remote_address,
        format_time(std::chrono::system_clock::now()));
}

void audit_request(store::Tx& tx,
                   const Principal* actor,
                   std::string_view action,
                   std::string_view object_type,
                   std::string_view object_id,
                   const std::optional<nlohmann::json>& before,
                   const std::optional<nlohmann::json>& after,
                   const http::Request& request,
                   const std::string& at) {
  auto dump = [](const std::optional<nlohmann::json>& j) -> std::optional<std::string> {
    if (!j) return std::nullopt;
    return j->dump();
  };
  audit(tx,
        actor,
        action,
        object_type,
        object_id,
        dump(before),
        dump(after),
        request.request_id,
        request.remote_address,
        at);
}

std::vector<User> Auth::list_users() {
  std::vector<User> out;
  impl_->db.read([&](store::Tx& tx) {
    for (const auto& row :
         tx.query("SELECT " + std::string(kUserColumns) + " FROM users u ORDER BY u.id"))
      out.push_back(user_from_row(row));
  });
  return out;
}

std::optional<User> Auth::find_user(std::int64_t id) {
  std::optional<User> out;
  impl_->db.read([&](store::Tx& tx) { out = load_user(tx, id); });
  return out;
}

std::optional<User> Auth::find_user(std::string_view username) {
  std::optional<User> out;
  impl_->db.read([&](store::Tx& tx) {
    if (auto row = tx.query_one(
            "SELECT " + std::string(kUserColumns) + " FROM users u WHERE u.username = ?",
            Params{std::string(username)}))
      out = user_from_row(*row);
  });
  return out;
}

Result<User> Auth::create_user(const Principal* actor,
                               const NewUser& user,
                               const http::Request& request) {
  return create_user_with(actor, user, request, [](store::Tx&) { return std::nullopt; });
}

Result<User> Auth::create_user_with(
    const Principal* actor,
    const NewUser& user,
    const http::Request& request,
    const std::function<std::optional<Failure>(store::Tx&)>& precondition) {
  if (auto p = text_problem(user.username, kMaxUsername, false))
    return Result<User>::fail("invalid_username", "the username is not acceptable", *p);
  if (auto p = text_problem(user.display_name, kMaxDisplayName, true))
    return Result<User>::fail("invalid_display_name", "the display name is not acceptable", *p);
  if (auto p = check_password(user.password, user.username))
    return Result<User>::fail(
        "invalid_password", "the password is not acceptable", std::string(problem_code(*p)));
  const auto hash = hash_password(user.password, impl_->options.cost);
  Result<User> out;
  try {
    impl_->write([&](store::Tx& tx) {
      if (auto f = precondition(tx)) {
        out.failure = *f;
        return;
      }
      if (tx.query_one("SELECT id FROM users WHERE username = ?", Params{user.username})) {
        out.failure = {"username_taken", "that username exists already", ""};
        return;
      }
      const auto at = impl_->now_text();
      const auto row = tx.query_one(
          "INSERT INTO users (username, display_name, password_hash, roles, lang, disabled, "
          "created_at) VALUES (?, ?, ?, ?, 'en', 0, ?) RETURNING id",
          Params{user.username, user.display_name, hash, format_roles(user.roles), at});
      out.value = load_user(tx, row->integer(0));
      audit_request(tx,
                    actor,
                    "user.create",
                    "user",
                    std::to_string(out.value->id),
                    std::nullopt,
                    to_json(*out.value),
                    request,
                    at);
    });
  } catch (const store::DbError& e) {
    if (!e.constraint()) throw;
    return Result<User>::fail("username_taken", "that username exists already");
  }
  return out;
}

namespace {
bool enabled_admin(const User& u) { return allows(u, Role::kAdmin); }
}  // namespace

Result<User> Auth::update_user(const Principal& actor,
                               std::int64_t id,
                               const UserPatch& patch,
                               const http::Request& request) {
  if (patch.display_name)
    if (auto p = text_problem(*patch.display_name, kMaxDisplayName, true))
      return Result<User>::fail("invalid_display_name", "the display name is not acceptable", *p);
  Result<User> out;
  impl_->write([&](store::Tx& tx) {
    const auto before = load_user(tx, id);
    if (!before) {
      out.failure = {"not_found", "no such user", ""};
      return;
    }
    User after = *before;
    if (patch.roles) after.roles = parse_roles(format_roles(*patch.roles)).roles;
    if (patch.disabled) after.disabled = *patch.disabled;
    if (patch.display_name) after.display_name = *patch.display_name;
    if (enabled_admin(*before) && !enabled_admin(after)) {
      bool other = false;
      for (const auto& row : tx.query("SELECT " + std::string(kUserColumns) +
                                          " FROM users u WHERE u.disabled = 0 AND u.id <> ?",
                                      Params{id}))
        other = other || enabled_admin(user_from_row(row));
      if (!other) {
        out.failure = {"last_admin", "this is the last enabled admin", ""};
        return;
      }
    }
    const auto at = impl_->now_text();
    tx.exec("UPDATE users SET roles = ?, disabled = ?, display_name = ? WHERE id = ?",
            Params{format_roles(after.roles),
                   std::int64_t{after.disabled ? 1 : 0},
                   after.display_name,
                   id});
    if (after.disabled && !before->disabled)
      tx.exec("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
              Params{at, id});
    audit_request(tx,
                  &actor,
                  "user.update",
                  "user",
                  std::to_string(id),
                  to_json(*before),
                  to_json(after),
                  request,
                  at);
    out.value = after;
  });
  return out;
}

Result<std::int64_t> Auth::revoke_all_sessions(const Principal& actor,
                                               std::int64_t user_id,
                                               const http::Request& request) {
  Result<std::int64_t> out;
  impl_->write([&](store::Tx& tx) {
    if (!load_user(tx, user_id)) {
      out.failure = {"not_found", "no such user", ""};
      return;
    }
    const auto at = impl_->now_text();
    const auto n =
        tx.exec("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                Params{at, user_id});
    audit_request(tx,
                  &actor,
                  "session.revoke_all",
                  "user",
                  std::to_string(user_id),
                  std::nullopt,
                  nlohmann::json{{"revoked", n}},
                  request,
                  at);
    out.value = n;
  });
  return out;
}

Result<Done> Auth::change_password(const Principal& me,
                                   std::string_view current,
                                   std::string_view password,
                                   const http::Request& request) {
  std::string hash;
  impl_->db.read([&](store::Tx& tx) {
    if (auto row = tx.query_one("SELECT password_hash FROM users WHERE id = ?", Params{me.user.id}))
      hash = row->text(0);
  });
  if (hash.empty() || !impl_->verify(hash, current))
    return Result<Done>::fail("wrong_password", "the current password is wrong");
  if (auto p = check_password(password, me.user.username))
    return Result<Done>::fail(
        "invalid_password", "the password is not acceptable", std::string(problem_code(*p)));
  const auto fresh = hash_password(password, impl_->options.cost);
  impl_->write([&](store::Tx& tx) {
    const auto at = impl_->now_text();
    tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", Params{fresh, me.user.id});
    // Whoever else holds a session of this account loses it with the old password.
    const auto n = tx.exec(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND token_hash <> ? "
        "AND revoked_at IS NULL",
        Params{at, me.user.id, me.session_hash});
    audit_request(tx,
                  &me,
                  "user.password",
                  "user",
                  std::to_string(me.user.id),
                  std::nullopt,
                  nlohmann::json{{"sessions_revoked", n}},
                  request,
                  at);
  });
  return {Done{}, {}};
}

Result<User> Auth::set_lang(const Principal& me,
                            std::string_view lang,
                            const http::Request& request) {
  if (lang != "en" && lang != "ru" && lang != "kk" && lang != "zh")
    return Result<User>::fail("invalid_lang", "lang must be en, ru, kk or zh");
  Result<User> out;
  impl_->write([&](store::Tx& tx) {
    const auto before = load_user(tx, me.user.id);
    if (!before) {
      out.failure = {"not_found", "no such user", ""};
      return;
    }
    const auto at = impl_->now_text();
    tx.exec("UPDATE users SET lang = ? WHERE id = ?", Params{std::string(lang), me.user.id});
    out.value = *before;
    out.value->lang = lang;
    audit_request(tx,
                  &me,
                  "user.lang",
                  "user",
                  std::to_string(me.user.id),
                  nlohmann::json{{"lang", before->lang}},
                  nlohmann::json{{"lang", lang}},
                  request,
                  at);
  });
  return out;
}

Result<NewToken> Auth::create_token(const Principal& me,
                                    std::string_view name,
                                    const http::Request& request) {
  if (auto p = text_problem(name, kMaxTokenName, false))
    return Result<NewToken>::fail("invalid_token_name", "the token name is not acceptable", *p);
  NewToken out{0, random_token()};
  impl_->write([&](store::Tx& tx) {
    const auto at = impl_->now_text();
    out.id = tx.query_one(
                   "INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
                   "VALUES (?, ?, ?, ?) RETURNING id",
                   Params{me.user.id, std::string(name), token_hash(out.token), at})
                 ->integer(0);
    audit_request(tx,
                  &me,
                  "token.create",
                  "api_token",
                  std::to_string(out.id),
                  std::nullopt,
                  nlohmann::json{{"name", name}, {"user_id", me.user.id}},
                  request,
                  at);
  });
  return {out, {}};
}

std::vector<ApiToken> Auth::list_tokens(std::int64_t user_id) {
  std::vector<ApiToken> out;
  impl_->db.read([&](store::Tx& tx) {
    for (const auto& row :
         tx.query("SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens "
                  "WHERE user_id = ? ORDER BY id",
                  Params{user_id}))
      out.push_back({row.integer(0), row.text(1), row.text(2), row.opt_text(3), row.opt_text(4)});
  });
  return out;
}

Result<Done> Auth::revoke_token(const Principal& me,
                                std::int64_t id,
                                const http::Request& request) {
  Result<Done> out;
  impl_->write([&](store::Tx& tx) {
    auto row =
        tx.query_one("SELECT user_id, name, revoked_at FROM api_tokens WHERE id = ?", Params{id});
    if (!row || row->integer(0) != me.user.id) {
      out.failure = {"not_found", "no such token", ""};
      return;
    }
    out.value = Done{};
    if (!row->is_null(2)) return;  // revoked already: nothing changes, nothing to log
    const auto at = impl_->now_text();
    tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", Params{at, id});
    audit_request(tx,
                  &me,
                  "token.revoke",
                  "api_token",
                  std::to_string(id),
                  nlohmann::json{{"name", row->text(1)}, {"revoked_at", nullptr}},
                  nlohmann::json{{"name", row->text(1)}, {"revoked_at", at}},
                  request,
                  at);
  });
  return out;
}

std::vector<AuditRow> Auth::audit_log(int limit, std::optional<std::int64_t> before) {
  std::vector<AuditRow> out;
  const std::int64_t n = std::clamp(limit, 1, 1000);
  impl_->db.read([&](store::Tx& tx) {
    const std::string cols =
        "SELECT id, at, user_id, username, action, object_type, object_id, before_json, "
        "after_json, request_id, remote_address FROM audit_log ";
    const auto rows =
        before ? tx.query(cols + "WHERE id < ? ORDER BY id DESC LIMIT ?", Params{*before, n})
               : tx.query(cols + "ORDER BY id DESC LIMIT ?", Params{n});
    for (const auto& r : rows)
      out.push_back({r.integer(0),
                     r.text(1),
                     r.opt_integer(2),
                     r.text(3),
                     r.text(4),
                     r.text(5),
                     r.text(6),
                     r.opt_text(7),
                     r.opt_text(8),
                     r.text(9),
                     r.text(10)});
  });
  return out;
}

}  // namespace corridor::auth
