#pragma once
// Each subcommand lives in its own cmd_<name>.cpp: it declares its options on a
// CLI11 subcommand and returns a callback that runs it and returns an exit code.
// main.cpp maps exceptions to exit codes once (docs/cli.md).

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "corridor/core/i18n.hpp"

namespace corridor::cli {

/// Exit codes (documented in docs/cli.md). Append only.
enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,    // a bug: an unexpected exception
  kExitUsage = 2,       // bad command line
  kExitInput = 3,       // bad input files (scenario, plan, OR-Library): see the listed errors
  kExitOutput = 4,      // could not write outputs
  kExitTimeLimit = 5,   // the time limit stopped the solve with a plan that is not proven
                        // within the requested gap; that plan and its gap were written
  kExitNoSolution = 6,  // the time limit stopped the solve before any plan: nothing written
  kExitInfeasible = 7,  // the model admits no plan at all: nothing written
};

/// The exit code of a solve's status (kExitOk for optimal).
int exit_code_of(const std::string& status);

using Runner = std::function<int()>;

/// Declares --lang, the language of the page `page` the command writes: en|ru|kk|zh,
/// default en; anything else is a usage error (exit 2) before any work.
inline CLI::Option* add_lang_option(CLI::App& cmd, std::string& lang, const std::string& page) {
  std::vector<std::string> codes;
  for (core::Lang l : core::kLangs) codes.emplace_back(core::code(l));
  return cmd
      .add_option("--lang",
                  lang,
                  "language of " + page + ": " + std::string(core::lang_choices()) +
                      " (English, Russian, Kazakh, Chinese)")
      ->check(CLI::IsMember(codes))
      ->capture_default_str();
}

/// The Lang of a --lang value add_lang_option accepted.
inline core::Lang lang_of(const std::string& lang) {
  return core::parse_lang(lang).value_or(core::Lang::kEn);
}

Runner add_validate(CLI::App& app);
Runner add_info(CLI::App& app);
Runner add_plan(CLI::App& app);
Runner add_compare(CLI::App& app);
Runner add_simulate(CLI::App& app);
Runner add_report(CLI::App& app);
Runner add_monitor(CLI::App& app);
Runner add_niches(CLI::App& app);
Runner add_serve(CLI::App& app);
Runner add_db(CLI::App& app);
Runner add_user(CLI::App& app);
Runner add_worker(CLI::App& app);

}  // namespace corridor::cli
