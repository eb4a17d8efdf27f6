// libFuzzer target for the scenario loader: the input is a scenario folder packed
// into one buffer (files in a fixed order, separated by a 0x01 byte). Contract: every
// input either loads (and summarises to JSON) or throws corridor::InputError.
// `scenario_fuzz -pack FOLDER OUT` writes a folder in this format (seed corpus).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "corridor/core/csv.hpp"
#include "corridor/scenario.hpp"

namespace {

constexpr const char* kFiles[] = {"scenario.yaml",
                                  "nodes.csv",
                                  "crossings.csv",
                                  "calendars.csv",
                                  "links.csv",
                                  "hubs.csv",
                                  "warehouse_sites.csv",
                                  "zones.csv",
                                  "events.csv"};
constexpr char kSeparator = '\x01';

corridor::scenario::FileMap unpack(std::string_view data) {
  corridor::scenario::FileMap files;
  std::size_t i = 0;
  for (const char* name : kFiles) {
    if (i > data.size()) break;
    std::size_t end = data.find(kSeparator, i);
    if (end == std::string_view::npos) end = data.size();
    files[name] = std::string(data.substr(i, end - i));
    i = end + 1;
  }
  return files;
}

int pack(const char* folder, const char* out) {
  std::string buffer;
  for (std::size_t k = 0; k < std::size(kFiles); ++k) {
    std::string text;
    corridor::core::read_file(std::string(folder) + "/" + kFiles[k], text);
    if (k > 0) buffer += kSeparator;
    buffer += text;
  }
  std::FILE* f = std::fopen(out, "wb");
  if (f == nullptr) return 1;
  std::fwrite(buffer.data(), 1, buffer.size(), f);
  std::fclose(f);
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  if (*argc == 4 && std::strcmp((*argv)[1], "-pack") == 0) std::exit(pack((*argv)[2], (*argv)[3]));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto files = unpack(input);
  for (const char* variant : {"", "demand-plus-40"}) {
    try {
      const auto s = corridor::scenario::load_from_memory(files, variant);
      (void)corridor::scenario::info_json(s).dump();
      (void)corridor::scenario::format_info(s);
    } catch (const corridor::InputError&) {
      // expected for bad input
    }
    // Anything else escapes and libFuzzer reports it as a crash.
  }
  return 0;
}
