#include "commands.hpp"

#include <cstdio>

namespace corridor::cli {

// Not yet built on this branch: the owning module replaces this file.
Runner add_validate(CLI::App& app) {
  app.add_subcommand("validate", "(validate is not available in this build)");
  return [] {
    std::fprintf(stderr, "corridor: validate is not available in this build\n");
    return static_cast<int>(kExitInternal);
  };
}

}  // namespace corridor::cli
