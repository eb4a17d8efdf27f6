#pragma once
// Page assets (template HTML, CSS, JS, map outline) embedded into the library at
// build time from src/report/assets/ by EmbedAssets.cmake.

#include <string_view>

namespace corridor::report {

/// The content of src/report/assets/<name>; throws std::logic_error for an unknown name.
std::string_view asset(std::string_view name);

}  // namespace corridor::report
