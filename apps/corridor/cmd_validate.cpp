// `corridor validate DIR [--variant NAME] [--all-variants]`: load and check a scenario;
// print a one-line summary, or every problem (main maps InputError to exit 3).

#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "corridor/scenario.hpp"

namespace corridor::cli {

namespace {
struct ValidateOptions {
  std::string folder;
  std::string variant;
  bool all_variants = false;
};

void print_warnings(const scenario::Scenario& s) {
  for (const auto& w : s.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
}
}  // namespace

Runner add_validate(CLI::App& app) {
  auto opt = std::make_shared<ValidateOptions>();
  auto* sub = app.add_subcommand("validate", "Check a scenario folder and report every problem");
  sub->add_option("dir", opt->folder, "Scenario folder (with scenario.yaml)")->required();
  sub->add_option("--variant", opt->variant, "Apply this variant of the scenario first");
  sub->add_flag("--all-variants",
                opt->all_variants,
                "Also load and check every variant declared in scenario.yaml");
  return [opt] {
    const scenario::Scenario base = scenario::load(opt->folder, opt->variant);
    print_warnings(base);
    std::printf("%s\n", scenario::summary_line(base).c_str());
    if (opt->all_variants && opt->variant.empty()) {
      for (const auto& v : base.variants) {
        const scenario::Scenario s = scenario::load(opt->folder, v.name);
        std::printf("%s\n", scenario::summary_line(s).c_str());
      }
    }
    std::fflush(stdout);
    return static_cast<int>(kExitOk);
  };
}

}  // namespace corridor::cli
