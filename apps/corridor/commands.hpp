#pragma once
// Each subcommand lives in its own cmd_<name>.cpp: it declares its options on a
// CLI11 subcommand and returns a callback that runs it and returns an exit code.
// main.cpp maps exceptions to exit codes once (docs/cli.md).

#include <CLI/CLI.hpp>
#include <functional>

namespace corridor::cli {

/// Exit codes (documented in docs/cli.md). Append only.
enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,   // a bug: an unexpected exception
  kExitUsage = 2,      // bad command line
  kExitInput = 3,      // bad input files (scenario, plan, OR-Library): see the listed errors
  kExitOutput = 4,     // could not write outputs
  kExitNotSolved = 5,  // plan stopped without a proven optimum within the requested gap
                       // (time limit); the best plan was still written
};

using Runner = std::function<int()>;

Runner add_validate(CLI::App& app);
Runner add_info(CLI::App& app);
Runner add_plan(CLI::App& app);
Runner add_compare(CLI::App& app);
Runner add_simulate(CLI::App& app);

}  // namespace corridor::cli
