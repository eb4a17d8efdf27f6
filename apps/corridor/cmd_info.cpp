// `corridor info DIR [--variant NAME] [--json]`: what is in a scenario (counts, demand,
// crossing capacity by mode, candidate sites). The summary itself lives in the library
// (scenario::info_json / format_info) so a golden test can compare it.

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "corridor/scenario.hpp"

namespace corridor::cli {

namespace {
struct InfoOptions {
  std::string folder;
  std::string variant;
  bool json = false;
};
}  // namespace

Runner add_info(CLI::App& app) {
  auto opt = std::make_shared<InfoOptions>();
  auto* sub = app.add_subcommand("info", "Summarise a scenario: counts, demand, capacity, sites");
  sub->add_option("dir", opt->folder, "Scenario folder (with scenario.yaml)")->required();
  sub->add_option("--variant", opt->variant, "Apply this variant of the scenario first");
  sub->add_flag("--json", opt->json, "Print the summary as JSON");
  return [opt] {
    const scenario::Scenario s = scenario::load(opt->folder, opt->variant);
    for (const auto& w : s.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
    if (opt->json)
      std::printf("%s\n", scenario::info_json(s).dump(2).c_str());
    else
      std::printf("%s", scenario::format_info(s).c_str());
    std::fflush(stdout);
    return static_cast<int>(kExitOk);
  };
}

}  // namespace corridor::cli
