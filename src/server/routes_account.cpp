// Sign-in, the caller's own account, API tokens, and the admin's users and audit log.

#include "api.hpp"
#include "app.hpp"

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using auth::Role;
using http::Method;
using http::Response;

int status_of(const std::string& code) {
  if (code == "setup_done" || code == "bad_setup_token" || code == "wrong_password") return 403;
  if (code == "not_found") return 404;
  if (code == "username_taken" || code == "last_admin") return 409;
  return 422;
}

template <class T>
T value_or_throw(auth::Result<T> r) {
  if (!r.ok()) {
    Json details = nullptr;
    if (!r.failure.reason.empty()) details = {{"reason", r.failure.reason}};
    throw ApiError(status_of(r.failure.code), r.failure.code, r.failure.message, details);
  }
  return std::move(*r.value);
}

std::vector<Role> roles_of(Body& body, const std::vector<std::string>& names) {
  std::vector<Role> roles;
  for (const auto& n : names) {
    if (auto r = auth::parse_role(n))
      roles.push_back(*r);
    else
      body.problem("roles", "unknown role '" + n + "' (viewer, planner, editor, verifier, admin)");
  }
  return roles;
}

Json token_json(const auth::ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"created_at", t.created_at},
          {"last_used_at", t.last_used_at ? Json(*t.last_used_at) : Json(nullptr)},
          {"revoked_at", t.revoked_at ? Json(*t.revoked_at) : Json(nullptr)}};
}

}  // namespace

void App::add_account_routes() {
  route(Method::kPost, "/api/v1/setup", Access::anyone(), [this](Ctx& c) {
    Body b(c.request);
    const auto token = b.text("token", 200);
    const auto username = b.text("username", 200);
    const auto password = b.text("password", 1000);
    b.check();
    const auto user = value_or_throw(auth_.setup_first_admin(token, username, password, c.request));
    return Response::json(201, {{"user", auth::to_json(user)}});
  });

  route(Method::kPost, "/api/v1/login", Access::anyone(), [this](Ctx& c) {
    Body b(c.request);
    const auto username = b.text("username", 200);
    const auto password = b.text("password", 1000);
    b.check();
    const auto r = auth_.login(c.request, username, password);
    if (r.status == auth::LoginResult::Status::kRateLimited)
      return Response::error(429,
                             "rate_limited",
                             "too many failed sign-ins; wait and try again",
                             {{"retry_after", r.retry_after.count()}})
          .set("Retry-After", std::to_string(r.retry_after.count()));
    if (r.status != auth::LoginResult::Status::kOk)
      return Response::error(401, "bad_credentials", "wrong user name or password");
    return Response::json(200, {{"user", auth::to_json(*r.user)}, {"csrf_token", r.csrf_token}})
        .set("Set-Cookie", auth::session_cookie(c.request, r.session_token))
        .set("X-Corridor-User", r.user->username);
  });

  route(Method::kPost, "/api/v1/logout", Access::user(), [this](Ctx& c) {
    auth_.logout(*c.who, c.request);
    return Response::json(200, {{"ok", true}})
        .set("Set-Cookie", auth::clear_session_cookie(c.request));
  });

  route(Method::kGet, "/api/v1/me", Access::user(), [](Ctx& c) {
    return Response::json(
        200, {{"user", auth::to_json(c.who->user)}, {"csrf_token", c.who->csrf_token}});
  });

  route(Method::kPut, "/api/v1/me/lang", Access::user(), [this](Ctx& c) {
    Body b(c.request);
    const auto lang = b.text("lang", 8);
    b.check();
    return Response::json(
        200, {{"user", auth::to_json(value_or_throw(auth_.set_lang(*c.who, lang, c.request)))}});
  });

  route(Method::kPut, "/api/v1/me/password", Access::user(), [this](Ctx& c) {
    Body b(c.request);
    const auto current = b.text("current", 1000);
    const auto password = b.text("password", 1000);
    b.check();
    value_or_throw(auth_.change_password(*c.who, current, password, c.request));
    return Response::json(200, {{"ok", true}});
  });

  route(Method::kGet, "/api/v1/tokens", Access::user(), [this](Ctx& c) {
    Json out = Json::array();
    for (const auto& t : auth_.list_tokens(c.who->user.id)) out.push_back(token_json(t));
    return Response::json(200, out);
  });

  route(Method::kPost, "/api/v1/tokens", Access::user(), [this](Ctx& c) {
    Body b(c.request);
    const auto name = b.text("name", 100);
    b.check();
    const auto t = value_or_throw(auth_.create_token(*c.who, name, c.request));
    return Response::json(201, {{"id", t.id}, {"token", t.token}});
  });

  route(Method::kDelete, "/api/v1/tokens/{id}", Access::user(), [this](Ctx& c) {
    value_or_throw(auth_.revoke_token(*c.who, id_param(c.request, "id"), c.request));
    return Response::json(200, {{"ok", true}});
  });
}

void App::add_user_routes() {
  const auto admin = Access::role({Role::kAdmin});
  route(Method::kGet, "/api/v1/users", admin, [this](Ctx&) {
    Json out = Json::array();
    for (const auto& u : auth_.list_users()) out.push_back(auth::to_json(u));
    return Response::json(200, out);
  });

  route(Method::kPost, "/api/v1/users", admin, [this](Ctx& c) {
    Body b(c.request);
    auth::NewUser u;
    u.username = b.text("username", 200);
    u.password = b.text("password", 1000);
    u.display_name = b.opt_text("display_name", 200).value_or("");
    if (auto names = b.opt_strings("roles", 5)) u.roles = roles_of(b, *names);
    b.check();
    const auto user = value_or_throw(auth_.create_user(c.who, u, c.request));
    return Response::json(201, auth::to_json(user));
  });

  route(Method::kPatch, "/api/v1/users/{id}", admin, [this](Ctx& c) {
    Body b(c.request);
    auth::UserPatch patch;
    if (auto names = b.opt_strings("roles", 5)) patch.roles = roles_of(b, *names);
    patch.disabled = b.opt_bool("disabled");
    patch.display_name = b.opt_text("display_name", 200);
    b.check();
    const auto user =
        value_or_throw(auth_.update_user(*c.who, id_param(c.request, "id"), patch, c.request));
    return Response::json(200, auth::to_json(user));
  });

  route(Method::kDelete, "/api/v1/users/{id}/sessions", admin, [this](Ctx& c) {
    const auto n =
        value_or_throw(auth_.revoke_all_sessions(*c.who, id_param(c.request, "id"), c.request));
    return Response::json(200, {{"revoked", n}});
  });

  route(Method::kGet, "/api/v1/audit", admin, [this](Ctx& c) {
    int limit = 100;
    std::optional<std::int64_t> before;
    if (auto it = c.request.query.find("limit"); it != c.request.query.end())
      limit = std::clamp(std::atoi(it->second.c_str()), 1, 1000);
    if (auto it = c.request.query.find("before"); it != c.request.query.end())
      before = std::atoll(it->second.c_str());
    Json out = Json::array();
    for (const auto& a : auth_.audit_log(limit, before))
      out.push_back({{"id", a.id},
                     {"at", a.at},
                     {"user_id", a.user_id ? Json(*a.user_id) : Json(nullptr)},
                     {"username", a.username},
                     {"action", a.action},
                     {"object_type", a.object_type},
                     {"object_id", a.object_id},
                     {"before", a.before_json ? Json(*a.before_json) : Json(nullptr)},
                     {"after", a.after_json ? Json(*a.after_json) : Json(nullptr)},
                     {"request_id", a.request_id},
                     {"remote_address", a.remote_address}});
    return Response::json(200, out);
  });
}

}  // namespace corridor::server
