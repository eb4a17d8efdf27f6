#include "app.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "api.hpp"
#include "corridor/error.hpp"

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using http::Method;
using http::Response;

bool unsafe(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

/// The Origin rule for routes without a session (login, setup): a browser always sends
/// Origin on POST, so a foreign one is refused; scripts without Origin pass.
void check_origin_only(const http::Request& r, const std::vector<std::string>& origins) {
  const auto o = r.header("origin");
  if (o && std::find(origins.begin(), origins.end(), *o) == origins.end())
    throw ApiError(403, "csrf", "request from a foreign origin (" + *o + ")");
}

/// The CSRF rule against each origin the server answers to; the first refusal's reason
/// when none accepts.
auth::CsrfCheck check_csrf(const http::Request& r,
                           const auth::Principal& who,
                           const std::vector<std::string>& origins) {
  auth::CsrfCheck first{false, "origin_mismatch"};
  for (std::size_t i = 0; i < origins.size(); ++i) {
    auto c = auth::check_unsafe(r, who, origins[i]);
    if (c.ok) return c;
    if (i == 0) first = c;
  }
  return first;
}

}  // namespace

App::App(store::Database& db,
         auth::Auth& auth,
         jobs::Queue& queue,
         AppConfig config,
         std::function<void()> wake)
    : db_(db), auth_(auth), queue_(queue), config_(std::move(config)), wake_(std::move(wake)) {
  add_account_routes();
  add_user_routes();
  add_scenario_routes();
  add_job_routes();
  add_monitor_routes();
  add_static_routes();
}

void App::route(Method method, std::string pattern, Access access, Fn fn, http::RouteInfo info) {
  auto guarded = [this, method, access, fn = std::move(fn)](http::Request& request) -> Response {
    try {
      // Public routes (sign-in, health, the dashboard's files) need no session lookup.
      std::optional<auth::Principal> who;
      if (access.login) who = auth_.authenticate(request);
      if (access.login && !who) throw ApiError(401, "unauthenticated", "sign in first");
      if (unsafe(method)) {
        if (who) {
          const auto csrf = check_csrf(request, *who, config_.origins);
          if (!csrf.ok) throw ApiError(403, "csrf", "cross-site request refused: " + csrf.reason);
        } else {
          check_origin_only(request, config_.origins);
        }
      }
      if (!access.roles.empty()) {
        bool allowed = false;
        for (const auto role : access.roles) allowed = allowed || auth::allows(who->user, role);
        if (!allowed) {
          std::string names;
          for (const auto role : access.roles)
            names += (names.empty() ? "" : " or ") + std::string(auth::role_name(role));
          throw ApiError(403, "forbidden", "this needs the role " + names);
        }
      }
      Ctx ctx{request, who ? &*who : nullptr};
      Response r = fn(ctx);
      if (who) r.set("X-Corridor-User", who->user.username);
      // Nothing personal is stored by a browser or proxy unless the route says how.
      if (!r.stream && r.header("Cache-Control") == nullptr) r.set("Cache-Control", "no-store");
      return r;
    } catch (const ApiError& e) {
      return e.response();
    } catch (const InputError& e) {
      return Response::error(
          422, "invalid_input", "the input has errors", diagnostics_json(e.diagnostics()));
    } catch (const store::DbError& e) {
      if (e.constraint()) return Response::error(409, "conflict", "conflicts with existing data");
      if (e.kind() == store::DbError::Kind::kBusy)
        return Response::error(503, "busy", "the database is busy; try again")
            .set("Retry-After", "1");
      return Response::error(
          500, "internal", "database error (request " + request.request_id + ")");
    } catch (const std::exception& e) {
      return Response::error(
          500, "internal", "internal error (request " + request.request_id + ")");
    }
  };
  router_.add(method, std::move(pattern), std::move(guarded), std::move(info));
}

void App::audit(const Ctx& ctx,
                std::string_view action,
                std::string_view type,
                std::string_view id,
                const std::optional<std::string>& before,
                const std::optional<std::string>& after) {
  db_.write([&](store::Tx& tx) {
    auth::audit(tx,
                ctx.who,
                action,
                type,
                id,
                before,
                after,
                ctx.request.request_id,
                ctx.request.remote_address,
                auth::format_time(auth_.now()));
  });
}

}  // namespace corridor::server
