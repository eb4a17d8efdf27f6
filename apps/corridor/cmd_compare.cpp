#include "commands.hpp"

#include <cstdio>

namespace corridor::cli {

// Not yet built on this branch: the owning module replaces this file.
Runner add_compare(CLI::App& app) {
  app.add_subcommand("compare", "(compare is not available in this build)");
  return [] {
    std::fprintf(stderr, "corridor: compare is not available in this build\n");
    return static_cast<int>(kExitInternal);
  };
}

}  // namespace corridor::cli
