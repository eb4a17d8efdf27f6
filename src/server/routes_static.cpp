// Health, the OpenAPI document, and the dashboard's files (embedded from web/).

#include <set>

#include "api.hpp"
#include "app.hpp"
#include "assets.hpp"

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using http::Method;
using http::Response;

std::string content_type(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() &&
           name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "text/plain; charset=utf-8";
}

/// A weak validator of an asset's bytes (FNV-1a), so browsers revalidate cheaply.
std::string etag_of(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

Response bytes_response(const http::Request& r, std::string_view bytes, const std::string& type) {
  const auto etag = etag_of(bytes);
  if (r.header("if-none-match") == etag) {
    Response not_modified;
    not_modified.status = 304;
    return not_modified.set("ETag", etag);
  }
  return Response::text(200, std::string(bytes), type)
      .set("ETag", etag)
      .set("Cache-Control", "no-cache");
}

/// The embedded names, looked up on every request for a dashboard file: built once.
std::set<std::string, std::less<>> listed(const std::vector<std::string>& names) {
  return {names.begin(), names.end()};
}

Response asset_response(const http::Request& r, const std::string& name) {
  // The report's drawing modules, shared with the self-contained report rather than copied.
  if (name.rfind("report/", 0) == 0) {
    const std::string rest = name.substr(7);
    static const std::set<std::string, std::less<>> shared = listed(report_assets::asset_names());
    if (shared.count(rest) == 0) return Response::error(404, "not_found", "no such file");
    return bytes_response(r, report_assets::asset(rest), content_type(rest));
  }
  static const std::set<std::string, std::less<>> names = listed(web::asset_names());
  if (names.count(name) == 0) return Response::error(404, "not_found", "no such file");
  return bytes_response(r, web::asset(name), content_type(name));
}

}  // namespace

void App::add_static_routes() {
  route(Method::kGet, "/api/v1/health", Access::anyone(), [this](Ctx&) {
    bool ok = true;
    try {
      db_.read([](store::Tx& tx) { tx.query("SELECT 1"); });
    } catch (const std::exception&) {
      ok = false;
    }
    return Response::json(
        ok ? 200 : 503,
        {{"status", ok ? "ok" : "database unavailable"},
         {"database", db_.dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"},
         {"version", CORRIDOR_VERSION}});
  });
  route(Method::kGet, "/api/v1/openapi.json", Access::anyone(), [](Ctx& c) {
    return bytes_response(c.request, api::asset("openapi.json"), "application/json; charset=utf-8");
  });
  route(Method::kGet, "/", Access::anyone(), [](Ctx& c) {
    return asset_response(c.request, "index.html");
  });
  route(Method::kGet, "/assets/{*path}", Access::anyone(), [](Ctx& c) {
    return asset_response(c.request, c.request.params.at("path"));
  });
}

}  // namespace corridor::server
