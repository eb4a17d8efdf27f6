// The report page's inline script, assembled from the ES modules it shares with the
// serve dashboard (assets/map.js, assets/chart.js) and its own assets/report.js.
#include <string>
#include <string_view>

#include "assets.hpp"

namespace corridor::report {

std::string classic_script(std::string_view module_source) {
  constexpr std::string_view kImport = "import ";
  constexpr std::string_view kExport = "export ";
  std::string out;
  out.reserve(module_source.size());
  std::size_t pos = 0;
  while (pos < module_source.size()) {
    std::size_t end = module_source.find('\n', pos);
    end = end == std::string_view::npos ? module_source.size() : end + 1;
    std::string_view line = module_source.substr(pos, end - pos);
    pos = end;
    if (line.substr(0, kImport.size()) == kImport) continue;
    if (line.substr(0, kExport.size()) == kExport) line.remove_prefix(kExport.size());
    out += line;
  }
  return out;
}

std::string page_script() {
  std::string js = "'use strict';\n";
  js += classic_script(asset("map.js"));
  js += classic_script(asset("chart.js"));
  js += asset("report.js");
  return js;
}

}  // namespace corridor::report
