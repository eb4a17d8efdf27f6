// Scenarios: list, upload (a zip or files), versions, download, publish.

#include "api.hpp"
#include "app.hpp"
#include "scenarios.hpp"

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using auth::Role;
using http::Method;
using http::Response;

constexpr std::size_t kMaxUpload = 64u << 20;

std::string name_param(const http::Request& r) {
  const auto& name = r.params.at("name");
  if (!valid_scenario_name(name))
    throw ApiError(
        404, "not_found", "no scenario of that name (names are 1-64 of A-Z a-z 0-9 . _ -)");
  return name;
}

int version_param(const http::Request& r) { return static_cast<int>(id_param(r, "v")); }

Files files_of(const http::Request& r) {
  const auto type = r.header("content-type").value_or("");
  if (type.rfind("application/zip", 0) == 0 || type.rfind("application/x-zip-compressed", 0) == 0)
    return unzip(r.body);
  if (type.rfind("application/json", 0) != 0)
    throw ApiError(415,
                   "unsupported_media_type",
                   "upload a zip (application/zip) or JSON {files:[{path, content}]}");
  Body b(r);
  const auto& files = b.json().find("files");
  if (files == b.json().end() || !files->is_array())
    throw ApiError(422,
                   "invalid_request",
                   "expected {files:[{path, content}]}",
                   Json::array({{{"field", "files"}, {"message", "required: an array"}}}));
  Files out;
  for (const auto& f : *files) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("content") ||
        !f["content"].is_string())
      throw ApiError(
          422,
          "invalid_request",
          "every file needs a string path and a string content",
          Json::array({{{"field", "files"}, {"message", "expected {path, content} strings"}}}));
    if (!out.emplace(f["path"].get<std::string>(), f["content"].get<std::string>()).second)
      throw ApiError(422,
                     "bad_upload",
                     "the same path twice",
                     Json::array({{{"file", f["path"]}, {"message", "duplicate path"}}}));
  }
  check_files(out);
  return out;
}

}  // namespace

void App::add_scenario_routes() {
  route(Method::kGet, "/api/v1/scenarios", Access::user(), [this](Ctx& c) {
    return Response::json(200, list_scenarios(db_, c.has(Role::kPlanner)));
  });

  http::RouteInfo upload;
  upload.summary = "upload a new version of a scenario";
  upload.max_body = kMaxUpload;
  route(
      Method::kPost,
      "/api/v1/scenarios/{name}/versions",
      Access::role({Role::kPlanner}),
      [this](Ctx& c) {
        const auto name = name_param(c.request);
        Files files;
        try {
          files = files_of(c.request);
        } catch (const UploadError& e) {
          Json details = Json::array();
          for (const auto& p : e.problems())
            details.push_back({{"file", p.file}, {"message", p.message}});
          throw ApiError(422, "bad_upload", "the upload was refused", details);
        }
        AddedVersion added;
        try {
          added = add_version(db_, name, files, c.user_id());
        } catch (const InputError& e) {
          throw ApiError(422,
                         "invalid_scenario",
                         "the scenario has errors",
                         diagnostics_json(e.diagnostics()));
        }
        const Json out = {{"name", name},
                          {"version", added.version},
                          {"fingerprint", added.fingerprint},
                          {"created", added.created}};
        if (added.created)
          audit(c,
                "scenario.upload",
                "scenario",
                name + "/" + std::to_string(added.version),
                std::nullopt,
                out.dump());
        return Response::json(added.created ? 201 : 200, out);
      },
      upload);

  route(Method::kGet, "/api/v1/scenarios/{name}", Access::user(), [this](Ctx& c) {
    auto v = scenario_versions(db_, name_param(c.request), c.has(Role::kPlanner));
    if (!v) throw ApiError(404, "not_found", "no scenario of that name");
    return Response::json(200, *v);
  });

  route(Method::kGet, "/api/v1/scenarios/{name}/versions/{v}", Access::user(), [this](Ctx& c) {
    const auto name = name_param(c.request);
    auto v = find_version(db_, name, version_param(c.request), c.has(Role::kPlanner));
    if (!v) throw ApiError(404, "not_found", "no such version");
    Json out = v->detail;
    out.update({{"name", name},
                {"version", v->version},
                {"fingerprint", v->fingerprint},
                {"published", v->published},
                {"created_at", v->created_at}});
    return Response::json(200, out);
  });

  route(Method::kGet, "/api/v1/scenarios/{name}/versions/{v}/zip", Access::user(), [this](Ctx& c) {
    const auto name = name_param(c.request);
    auto v = find_version(db_, name, version_param(c.request), c.has(Role::kPlanner));
    if (!v) throw ApiError(404, "not_found", "no such version");
    const std::string folder = name + "-v" + std::to_string(v->version);
    return Response::text(200, zip(version_files(db_, v->id), folder), "application/zip")
        .set("Content-Disposition", "attachment; filename=\"" + folder + ".zip\"");
  });

  route(Method::kPost,
        "/api/v1/scenarios/{name}/versions/{v}/publish",
        Access::role({Role::kPlanner}),
        [this](Ctx& c) {
          const auto name = name_param(c.request);
          Body b(c.request);
          const auto published = b.opt_bool("published");
          if (!published) b.problem("published", "required: true or false");
          b.check();
          auto v = find_version(db_, name, version_param(c.request), true);
          if (!v) throw ApiError(404, "not_found", "no such version");
          set_published(db_, v->id, *published);
          audit(c,
                "scenario.publish",
                "scenario",
                name + "/" + std::to_string(v->version),
                Json{{"published", v->published}}.dump(),
                Json{{"published", *published}}.dump());
          return Response::json(
              200, {{"name", name}, {"version", v->version}, {"published", *published}});
        });
}

}  // namespace corridor::server
