// corridor: plans, stress-tests and monitors the Kazakhstan–Xinjiang e-commerce corridor.
// Thin main: CLI11 parses, each subcommand calls the library, errors map to exit codes.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <vector>

#include "commands.hpp"
#include "corridor/core/output.hpp"
#include "corridor/error.hpp"

namespace corridor::cli {

int exit_code_of(const std::string& status) {
  if (status == "optimal") return kExitOk;
  if (status == "time_limit") return kExitTimeLimit;
  if (status == "no_solution") return kExitNoSolution;
  if (status == "infeasible") return kExitInfeasible;
  return kExitInternal;  // a status this build does not know: a bug
}

}  // namespace corridor::cli

int main(int argc, char** argv) {
  using namespace corridor::cli;
  CLI::App app{
      "corridor: plan, simulate and report on the Kazakhstan-Xinjiang e-commerce corridor,\n"
      "monitor the agreements behind it, and find trade niches.\n"
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 output failed,\n"
      "5 time limit (best plan and its gap written), 6 no plan found within the time limit,\n"
      "7 infeasible (no plan exists)."};
  app.set_version_flag("--version", std::string("corridor ") + CORRIDOR_VERSION);
  app.require_subcommand(1);

  std::vector<std::pair<CLI::App*, Runner>> commands;
  auto reg = [&](Runner (*add)(CLI::App&)) {
    const std::size_t before = app.get_subcommands({}).size();
    Runner r = add(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(r));
  };
  reg(add_validate);
  reg(add_info);
  reg(add_plan);
  reg(add_compare);
  reg(add_simulate);
  reg(add_report);
  reg(add_monitor);
  reg(add_niches);
  reg(add_serve);
  reg(add_db);
  reg(add_user);
  reg(add_worker);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  try {
    for (auto& [sub, run] : commands)
      if (sub->parsed()) return run();
    return kExitUsage;
  } catch (const corridor::InputError& e) {
    std::size_t errors = 0;
    for (const auto& d : e.diagnostics()) {
      std::fprintf(stderr, "%s\n", d.to_string().c_str());
      if (d.severity == corridor::Severity::kError) ++errors;
    }
    // Commands publish their outputs in one step at the end, so an error almost always
    // means nothing was written; say exactly what was when it does not.
    const auto written = corridor::core::published_outputs();
    std::string what = "nothing written";
    if (!written.empty()) {
      what = "written before the error:";
      for (const auto& w : written) what += " " + w;
    }
    std::fprintf(
        stderr, "corridor: %zu error%s; %s\n", errors, errors == 1 ? "" : "s", what.c_str());
    return e.code() == corridor::ErrorCode::kOutputFailed ? kExitOutput : kExitInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corridor: internal error: %s\n", e.what());
    return kExitInternal;
  }
}
