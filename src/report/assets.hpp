#pragma once
// Page assets (template HTML, CSS, JS, map outline) embedded into the library at
// build time from src/report/assets/ by EmbedAssets.cmake.

#include <string_view>

namespace corridor::report {

/// The content of src/report/assets/<name>; throws std::logic_error for an unknown name.
std::string_view asset(std::string_view name);

/// An ES module's source as a classic script: drops its `import` lines and the `export`
/// keyword that starts a declaration. map.js and chart.js are ES modules (the serve
/// dashboard imports them); the self-contained page inlines them this way. Only the
/// forms those files use are handled: one-line imports, `export` at a line's start.
std::string classic_script(std::string_view module_source);

/// The page's one inline script: map.js, chart.js (both through classic_script), then
/// report.js, in strict mode.
std::string page_script();

}  // namespace corridor::report
