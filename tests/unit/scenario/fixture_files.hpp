#pragma once
// A scenario fixture of tests/data read into memory, for load_from_memory.

#include <string>

#include "corridor/core/csv.hpp"
#include "corridor/scenario.hpp"

namespace corridor::scenario::testing {

/// The files of a scenario folder (scenario.yaml and the default table names).
inline const char* const kScenarioFiles[] = {"scenario.yaml",
                                             "nodes.csv",
                                             "crossings.csv",
                                             "calendars.csv",
                                             "links.csv",
                                             "hubs.csv",
                                             "warehouse_sites.csv",
                                             "zones.csv",
                                             "events.csv"};

/// tests/data/<name> as a FileMap; files that do not exist are left out.
inline FileMap read_fixture_files(const std::string& name) {
  FileMap files;
  for (const char* f : kScenarioFiles) {
    std::string text;
    if (core::read_file(std::string(CORRIDOR_TEST_DATA) + "/" + name + "/" + f, text))
      files[f] = text;
  }
  return files;
}

}  // namespace corridor::scenario::testing
