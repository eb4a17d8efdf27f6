// The agreement monitor: status and report for everyone signed in (verified data),
// drafts for editors and verifiers, entry by editors, decisions by verifiers.

#include <fmt/format.h>

#include "api.hpp"
#include "app.hpp"
#include "monitors.hpp"
#include "scenarios.hpp"

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using auth::Role;
using http::Method;
using http::Response;

std::string monitor_param(const http::Request& r) {
  const auto& name = r.params.at("name");
  if (!valid_monitor_name(name)) throw ApiError(404, "not_found", "no monitor of that name");
  return name;
}

std::optional<std::string> query(const http::Request& r, const char* key) {
  auto it = r.query.find(key);
  if (it == r.query.end()) return std::nullopt;
  return it->second;
}

core::Lang lang_of(const App::Ctx& c) {
  if (auto q = query(c.request, "lang")) {
    if (auto l = core::parse_lang(*q)) return *l;
    throw ApiError(422,
                   "invalid_request",
                   "lang must be en, ru, kk or zh",
                   Json::array({{{"field", "lang"}, {"message", "got '" + *q + "'"}}}));
  }
  return core::parse_lang(c.who->user.lang).value_or(core::Lang::kEn);
}

}  // namespace

void App::add_monitor_routes() {
  route(Method::kGet, "/api/v1/monitors", Access::user(), [this](Ctx&) {
    return Response::json(200, list_monitors(db_));
  });

  // The status is computed from every table of the monitor (a temporary folder loaded
  // by the monitor library: milliseconds of file system work), so the answer is kept
  // per view and date while monitor_version() is unchanged. That version is read at most
  // once a second (monitor_versions_): this process's observations and decisions show at
  // once, another server process's on a shared database within a second.
  route(Method::kGet, "/api/v1/monitors/{name}", Access::user(), [this](Ctx& c) {
    const bool drafts =
        (c.has(Role::kEditor) || c.has(Role::kVerifier)) && query(c.request, "drafts") == "1";
    const auto name = monitor_param(c.request);
    const auto as_of = query(c.request, "as_of");
    const std::string key = name + (drafts ? "|drafts|" : "|verified|") +
                            (as_of ? "as_of=" + *as_of : "today=" + now_utc().substr(0, 10));
    const auto version =
        monitor_versions_.get(name, [this, &name] { return monitor_version(db_, name); });
    if (version.empty()) throw ApiError(404, "not_found", "no monitor of that name");
    if (auto hit = status_cache_.get(key, version))
      return Response::text(200, std::move(*hit), "application/json; charset=utf-8");
    auto loaded = load_monitor(db_, name, drafts ? View::kWithDrafts : View::kVerified, as_of);
    if (!loaded) throw ApiError(404, "not_found", "no monitor of that name");
    Json out = Json::parse(monitor::to_json(loaded->report));
    out["view"] = drafts ? "with_drafts" : "verified";
    Response r = Response::json(200, out);
    status_cache_.put(key, loaded->version, r.body);
    return r;
  });

  route(Method::kGet, "/api/v1/monitors/{name}/report", Access::user(), [this](Ctx& c) {
    const auto name = monitor_param(c.request);
    auto loaded = load_monitor(db_, name, View::kVerified, query(c.request, "as_of"));
    if (!loaded) throw ApiError(404, "not_found", "no monitor of that name");
    // The report is a self-contained page with its own inline script and style: it is
    // served sandboxed, without access to the dashboard's origin.
    return Response::text(
               200, monitor_html(db_, *loaded, name, lang_of(c)), "text/html; charset=utf-8")
        .set("Content-Security-Policy",
             "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src "
             "'unsafe-inline'; "
             "img-src data:; frame-ancestors 'self'");
  });

  route(Method::kGet, "/api/v1/monitors/{name}/audit", Access::user(), [this](Ctx& c) {
    try {
      return Response::text(
          200, audit_text(db_, monitor_param(c.request)), "application/x-ndjson; charset=utf-8");
    } catch (const std::out_of_range&) {
      throw ApiError(404, "not_found", "no monitor of that name");
    }
  });

  const auto entry = Access::role({Role::kEditor, Role::kVerifier});
  route(Method::kGet, "/api/v1/monitors/{name}/observations", entry, [this](Ctx& c) {
    try {
      return Response::json(200, list_observations(db_, monitor_param(c.request)));
    } catch (const std::out_of_range&) {
      throw ApiError(404, "not_found", "no monitor of that name");
    }
  });

  route(Method::kPost,
        "/api/v1/monitors/{name}/observations",
        Access::role({Role::kEditor}),
        [this](Ctx& c) {
          const auto name = monitor_param(c.request);
          Body b(c.request);
          NewObservation o;
          o.id = b.opt_text("id", 100).value_or("");
          o.indicator = b.text("indicator", 100);
          o.date = b.text("date", 10);
          if (auto v = b.opt_number("value", -1e300, 1e300))
            o.value = fmt::format("{}", *v);
          else
            b.problem("value", "required: a number");
          o.evidence = b.opt_text("evidence", 1000).value_or("");
          o.supersedes = b.opt_text("supersedes", 100).value_or("");
          o.reason = b.opt_text("reason", 2000).value_or("");
          o.source = b.text("source", 2000);
          b.check();
          try {
            const auto id = add_observation(db_, name, o, c.who->user.id, c.who->user.username);
            monitor_versions_.invalidate();
            audit(c,
                  "monitor.observation.add",
                  "monitor_observation",
                  std::to_string(id),
                  std::nullopt,
                  b.json().dump());
            return Response::json(201, {{"id", id}, {"state", "draft"}});
          } catch (const std::out_of_range&) {
            throw ApiError(404, "not_found", "no monitor of that name");
          }
        });

  route(Method::kPost,
        "/api/v1/monitors/{name}/observations/{id}/verify",
        Access::role({Role::kVerifier}),
        [this](Ctx& c) {
          const auto name = monitor_param(c.request);
          const auto id = id_param(c.request, "id");
          Body b(c.request);
          const auto decision = b.text("decision", 10);
          const auto note = b.opt_text("note", 2000).value_or("");
          if (!decision.empty() && decision != "verify" && decision != "reject")
            b.problem("decision", "must be verify or reject");
          b.check();
          const auto r = decide(db_,
                                name,
                                id,
                                decision == "verify" ? Decision::kVerify : Decision::kReject,
                                note,
                                c.who->user.id,
                                c.who->user.username);
          monitor_versions_.invalidate();
          switch (r.status) {
            case DecisionResult::Status::kNotFound:
              throw ApiError(404, "not_found", "no such observation");
            case DecisionResult::Status::kOwn:
              throw ApiError(403,
                             "own_observation",
                             "an observation is verified by someone other than its editor");
            case DecisionResult::Status::kNotDraft:
              throw ApiError(409, "not_draft", "the observation was already decided");
            case DecisionResult::Status::kOk:
              break;
          }
          audit(c,
                "monitor.observation." + decision,
                "monitor_observation",
                std::to_string(id),
                r.before.dump(),
                r.after.dump());
          return Response::json(200, {{"id", id}, {"state", r.after["state"]}});
        });
}

}  // namespace corridor::server
