#pragma once
// Files embedded in the binary at build time (cmake/EmbedAssets.cmake): the dashboard
// (web/), the SQL migrations (migrations/) and the OpenAPI document (api/).

#include <string>
#include <string_view>
#include <vector>

namespace corridor::server::web {
std::string_view asset(std::string_view name);
std::vector<std::string> asset_names();
}  // namespace corridor::server::web

namespace corridor::server::sql {
std::string_view asset(std::string_view name);
std::vector<std::string> asset_names();
}  // namespace corridor::server::sql

namespace corridor::server::api {
std::string_view asset(std::string_view name);
std::vector<std::string> asset_names();
}  // namespace corridor::server::api

namespace corridor::server::report_assets {
std::string_view asset(std::string_view name);
std::vector<std::string> asset_names();
}  // namespace corridor::server::report_assets
