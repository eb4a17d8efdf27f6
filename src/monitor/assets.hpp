#pragma once
// The monitor report's CSS and JS, embedded into the library at build time from
// src/monitor/assets/ by src/monitor/EmbedAssets.cmake.

#include <string_view>

namespace corridor::monitor::html {

/// The content of src/monitor/assets/<name>; throws std::logic_error for an unknown name.
std::string_view asset(std::string_view name);

}  // namespace corridor::monitor::html
