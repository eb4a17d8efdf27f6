// Jobs: start plan / compare / simulate runs, follow their progress (server-sent
// events), cancel them, publish them, read their outputs, compare two plans.

#include <chrono>
#include <thread>

#include "api.hpp"
#include "app.hpp"
#include "corridor/plan.hpp"
#include "corridor/report.hpp"
#include "scenarios.hpp"

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using auth::Role;
using http::Method;
using http::Response;

struct VersionLabel {
  std::string scenario;
  int version = 0;
};

VersionLabel label_of(store::Database& db, std::int64_t version_id) {
  VersionLabel l;
  db.read([&](store::Tx& tx) {
    if (auto r = tx.query_one("SELECT s.name, v.version FROM scenario_versions v JOIN scenarios s "
                              "ON s.id = v.scenario_id "
                              "WHERE v.id = ?",
                              std::vector<store::Value>{version_id}))
      l = {r->text(0), static_cast<int>(r->integer(1))};
  });
  return l;
}

Json job_json(store::Database& db, jobs::Queue& q, const jobs::Job& j, bool with_files) {
  const auto label = label_of(db, j.version_id);
  Json out = {{"id", j.id},
              {"kind", j.kind},
              {"scenario", label.scenario},
              {"version", label.version},
              {"options", Json::parse(j.options_json)},
              {"state", jobs::to_string(j.state)},
              {"progress", j.progress},
              {"message", j.message},
              {"exit_code", j.exit_code ? Json(*j.exit_code) : Json(nullptr)},
              {"attempts", j.attempts},
              {"cancel_requested", j.cancel_requested},
              {"published", j.published},
              {"created_at", j.created_at},
              {"started_at", j.started_at},
              {"finished_at", j.finished_at}};
  if (with_files) out["files"] = q.file_names(j.id);
  return out;
}

std::string file_type(std::string_view name) {
  auto ends = [&](std::string_view e) {
    return name.size() >= e.size() && name.substr(name.size() - e.size()) == e;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".csv")) return "text/csv; charset=utf-8";
  return "application/octet-stream";
}

/// The few figures planners compare first, read from a plan.json.
Json plan_figures(const Json& p) {
  Json open = Json::array();
  for (const auto& w : p.value("warehouses", Json::array()))
    open.push_back(w.value("site", "") + ":" + w.value("size", ""));
  Json crossings = Json::object();
  for (const auto& c : p.value("crossings", Json::array()))
    crossings[c.value("crossing", "")] = c.value("flow_parcels_per_day", 0.0);
  return {{"scenario", p.value("scenario", "")},
          {"variant", p.value("variant", "")},
          {"status", p.value("status", "")},
          {"objective", p.value("objective", 0.0)},
          {"gap", p.value("gap", 0.0)},
          {"costs", p.value("costs", Json::object())},
          {"cost_per_parcel", p.value("cost_per_parcel", 0.0)},
          {"unmet_per_day", p.value("unmet_per_day", 0.0)},
          {"open_sites", open},
          {"crossing_flows", crossings}};
}

}  // namespace

void App::add_job_routes() {
  const auto planner = Access::role({Role::kPlanner});
  // A viewer reads a job only once it is published; a planner reads every job.
  auto visible_job = [this](const Ctx& c) {
    auto j = queue_.get(id_param(c.request, "id"));
    if (!j || (!j->published && !c.has(Role::kPlanner)))
      throw ApiError(404, "not_found", "no such job");
    return *j;
  };

  route(Method::kGet, "/api/v1/jobs", Access::user(), [this](Ctx& c) {
    Json out = Json::array();
    for (const auto& j : queue_.list(200))
      if (j.published || c.has(Role::kPlanner)) out.push_back(job_json(db_, queue_, j, false));
    return Response::json(200, out);
  });

  route(Method::kPost, "/api/v1/jobs", planner, [this](Ctx& c) {
    Body b(c.request);
    const auto kind = b.text("kind", 20);
    const auto scenario = b.text("scenario", 64);
    const auto version = b.opt_number("version", 1, 1e9);
    if (!version) b.problem("version", "required: a version number");
    Json options = b.json().value("options", Json::object());
    if (!options.is_object()) b.problem("options", "expected an object");
    b.check();
    auto v = find_version(db_, scenario, static_cast<int>(*version), true);
    if (!v)
      throw ApiError(422,
                     "invalid_request",
                     "no such scenario version",
                     Json::array({{{"field", "scenario"},
                                   {"message",
                                    scenario + " v" + std::to_string(static_cast<int>(*version)) +
                                        " does not exist"}}}));
    const auto id = queue_.enqueue(kind, v->id, options.dump(), c.user_id());
    if (wake_) wake_();
    audit(c, "job.create", "job", std::to_string(id), std::nullopt, b.json().dump());
    return Response::json(202, {{"id", id}});
  });

  route(Method::kGet, "/api/v1/jobs/{id}", Access::user(), [this, visible_job](Ctx& c) {
    return Response::json(200, job_json(db_, queue_, visible_job(c), true));
  });

  http::RouteInfo streaming;
  streaming.streaming = true;
  streaming.summary = "progress as server-sent events";
  route(
      Method::kGet,
      "/api/v1/jobs/{id}/events",
      Access::user(),
      [this, visible_job](Ctx& c) {
        const auto id = visible_job(c).id;
        Response r;
        r.set("Content-Type", "text/event-stream; charset=utf-8").set("Cache-Control", "no-store");
        r.stream = [this, id](const http::StreamWriter& write) {
          std::string last;
          auto idle = std::chrono::steady_clock::now();
          while (true) {
            auto j = queue_.get(id);
            if (!j) return;
            const Json e = {{"id", id},
                            {"state", jobs::to_string(j->state)},
                            {"progress", j->progress},
                            {"message", j->message}};
            const std::string data = e.dump();
            if (data != last) {
              if (!write("event: progress\ndata: " + data + "\n\n")) return;
              last = data;
              idle = std::chrono::steady_clock::now();
            } else if (std::chrono::steady_clock::now() - idle > std::chrono::seconds(15)) {
              if (!write(": keep-alive\n\n")) return;
              idle = std::chrono::steady_clock::now();
            }
            if (jobs::is_final(j->state)) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
          }
        };
        return r;
      },
      streaming);

  route(Method::kPost, "/api/v1/jobs/{id}/cancel", planner, [this](Ctx& c) {
    const auto id = id_param(c.request, "id");
    if (!queue_.get(id)) throw ApiError(404, "not_found", "no such job");
    if (!queue_.request_cancel(id))
      throw ApiError(409, "already_final", "the job has already ended");
    audit(c, "job.cancel", "job", std::to_string(id), std::nullopt, std::nullopt);
    return Response::json(202, {{"id", id}, {"cancel_requested", true}});
  });

  route(Method::kPost, "/api/v1/jobs/{id}/publish", planner, [this](Ctx& c) {
    const auto id = id_param(c.request, "id");
    Body b(c.request);
    const auto published = b.opt_bool("published");
    if (!published) b.problem("published", "required: true or false");
    b.check();
    auto j = queue_.get(id);
    if (!j) throw ApiError(404, "not_found", "no such job");
    db_.write([&](store::Tx& tx) {
      tx.exec("UPDATE jobs SET published = ? WHERE id = ?",
              std::vector<store::Value>{std::int64_t{*published ? 1 : 0}, id});
    });
    audit(c,
          "job.publish",
          "job",
          std::to_string(id),
          Json{{"published", j->published}}.dump(),
          Json{{"published", *published}}.dump());
    return Response::json(200, {{"id", id}, {"published", *published}});
  });

  // Outputs of ended jobs come from job_files_ (file_cache.hpp: they never change). A
  // planner reads every job, so a cached file needs no query for them; anyone else is
  // checked against the job's published flag, which can change, on every request.
  route(
      Method::kGet, "/api/v1/jobs/{id}/files/{name}", Access::user(), [this, visible_job](Ctx& c) {
        const auto id = id_param(c.request, "id");
        const auto& name = c.request.params.at("name");
        auto file = job_files_.get(id, name);
        if (!file || !c.has(Role::kPlanner)) {
          const auto job = visible_job(c);
          if (!file) {
            auto bytes = queue_.file(id, name);
            if (!bytes) throw ApiError(404, "not_found", "no such output");
            if (jobs::is_final(job.state)) {
              file = job_files_.put(id, name, std::move(*bytes));
            } else {
              auto entry = std::make_shared<CachedFile>();
              entry->etag = etag_of(*bytes);
              entry->bytes = std::make_shared<const std::string>(std::move(*bytes));
              file = std::move(entry);
            }
          }
        }
        Response r;
        // The browser may keep the bytes but asks again each time (no-cache), so access
        // is checked on every use; an unchanged file then costs a 304 without a body.
        r.set("ETag", file->etag).set("Cache-Control", "private, no-cache");
        if (name.size() > 5 && name.substr(name.size() - 5) == ".html")
          // Reports carry their own inline script and style: sandboxed, no access to the
          // dashboard's origin, cookies or API. Also on a 304: its headers replace the
          // cached ones, and the server's default policy forbids framing.
          r.set("Content-Security-Policy",
                "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src "
                "'unsafe-inline'; "
                "img-src data:; frame-ancestors 'self'");
        else
          r.set("Content-Disposition",
                "attachment; filename=\"job" + std::to_string(id) + "-" + name + "\"");
        if (const auto inm = c.request.header("if-none-match");
            inm && none_match(*inm, file->etag)) {
          r.status = 304;
          return r;
        }
        r.set("Content-Type", file_type(name));
        r.shared_body = file->bytes;
        return r;
      });

  route(Method::kGet, "/api/v1/compare", Access::user(), [this](Ctx& c) {
    Json side = Json::object();
    for (const char* key : {"a", "b"}) {
      auto it = c.request.query.find(key);
      std::int64_t id = 0;
      if (it != c.request.query.end()) id = std::atoll(it->second.c_str());
      auto j = id > 0 ? queue_.get(id) : std::nullopt;
      if (!j || (!j->published && !c.has(Role::kPlanner)))
        throw ApiError(404, "not_found", std::string("no such job for ") + key);
      auto plan = queue_.file(id, "plan.json");
      if (!plan)
        throw ApiError(
            422, "no_plan", std::string("job ") + std::to_string(id) + " has no plan.json");
      const Json plan_json = Json::parse(*plan);
      Json figures = plan_figures(plan_json);
      // The report's KPIs, computed the same way as in report.html.
      Json kpis;
      report::to_json(kpis, report::compute_kpis(design::read_plan(plan_json, "plan.json")));
      figures["kpis"] = kpis;
      figures["job"] = job_json(db_, queue_, *j, false);
      side[key] = figures;
    }
    const double a = side["a"]["objective"].get<double>(), b = side["b"]["objective"].get<double>();
    side["difference"] = {{"objective", b - a}, {"objective_ratio", a != 0 ? b / a : 0.0}};
    return Response::json(200, side);
  });
}

}  // namespace corridor::server
