// Seeded mutation testing of the loader (a fuzzer that runs in CI): 10,000 inputs made
// by mutating the bytes, lines and fields of ok_minimal's manifest and tables in
// memory. Every input must either load or throw InputError: no crash, no hang, no
// other exception, and a loaded scenario must summarise to JSON (valid UTF-8).

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corridor/core/csv.hpp"
#include "corridor/scenario.hpp"
#include "fixture_files.hpp"

namespace corridor::scenario {
namespace {

/// SplitMix64: small, fast, identical on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

const auto& kFiles = testing::kScenarioFiles;

// Values that tend to break parsers and validators.
const char* const kValues[] = {"",
                               "-1",
                               "0",
                               "1e999",
                               "-1e999",
                               "nan",
                               "inf",
                               ".inf",
                               "1e-320",
                               "\"",
                               "\"\"",
                               "a,b",
                               "\"a,\"\"b\"",
                               "KZ",
                               "CN",
                               "*",
                               "yes",
                               "operating",
                               "closed",
                               "container",
                               "2026-02-29",
                               "9999-99-99",
                               "URUMQI_HUB",
                               "DOSTYK",
                               "ALMATY_WH",
                               "Z_ALMATY",
                               "DOSTYK_RAIL",
                               "ALWAYS",
                               "\xEF\xBB\xBF",
                               "\xFF\xFE",
                               "\xC0\x80",
                               "\xE4\xB9\x8C",
                               "\r",
                               "\r\n",
                               "\n\n",
                               "{",
                               "[",
                               "- ",
                               ": ",
                               "&a",
                               "*a",
                               "!!binary",
                               "? ",
                               "|",
                               "%YAML 1.2",
                               "---",
                               "...",
                               "\t",
                               "{table: zones, id: \"*\", field: parcels_per_day, set: -5}",
                               "{table: crossings, id: DOSTYK_RAIL, remove: true}",
                               "{table: nodes, add: {id: X}}",
                               "99999999999999999999999",
                               "2147483648",
                               "-2147483649"};

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) {
      lines.push_back(s.substr(pos));
      break;
    }
    lines.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

void mutate(FileMap& files, Rng& rng) {
  const std::string name = kFiles[rng.below(std::size(kFiles))];
  auto it = files.find(name);
  if (it == files.end()) return;
  std::string& text = it->second;
  const char* value = kValues[rng.below(std::size(kValues))];
  switch (rng.below(10)) {
    case 0: {  // flip one byte
      if (text.empty()) break;
      text[rng.below(text.size())] = static_cast<char>(rng.below(256));
      break;
    }
    case 1: {  // delete a byte range
      if (text.empty()) break;
      const std::size_t a = rng.below(text.size());
      text.erase(a, 1 + rng.below(16));
      break;
    }
    case 2: {  // insert a value at a random byte
      text.insert(rng.below(text.size() + 1), value);
      break;
    }
    case 3: {  // delete, duplicate or swap lines
      auto lines = split_lines(text);
      const std::size_t a = rng.below(lines.size());
      const std::size_t b = rng.below(lines.size());
      switch (rng.below(3)) {
        case 0:
          lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(a));
          break;
        case 1:
          lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(a), lines[b]);
          break;
        default:
          std::swap(lines[a], lines[b]);
      }
      text = join_lines(lines);
      break;
    }
    case 4:
    case 5: {  // replace one CSV field, or a YAML value after "key: "
      auto lines = split_lines(text);
      std::string& line = lines[rng.below(lines.size())];
      if (name == "scenario.yaml") {
        const std::size_t colon = line.find(": ");
        if (colon != std::string::npos) line = line.substr(0, colon + 2) + value;
      } else {
        std::vector<std::size_t> commas;
        for (std::size_t i = 0; i < line.size(); ++i)
          if (line[i] == ',') commas.push_back(i);
        const std::size_t f = rng.below(commas.size() + 1);
        const std::size_t start = f == 0 ? 0 : commas[f - 1] + 1;
        const std::size_t end = f < commas.size() ? commas[f] : line.size();
        line = line.substr(0, start) + value + line.substr(end);
      }
      text = join_lines(lines);
      break;
    }
    case 6: {  // truncate
      text.resize(rng.below(text.size() + 1));
      break;
    }
    case 7: {  // drop the file
      if (rng.below(4) == 0) files.erase(it);
      break;
    }
    case 8: {  // CRLF / BOM
      if (rng.below(2) == 0) {
        std::string crlf;
        for (char c : text) {
          if (c == '\n') crlf += '\r';
          crlf += c;
        }
        text = crlf;
      } else {
        text = "\xEF\xBB\xBF" + text;
      }
      break;
    }
    default: {  // append a line made of values
      std::string line;
      const std::size_t n = 1 + rng.below(12);
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) line += name == "scenario.yaml" ? ": " : ",";
        line += kValues[rng.below(std::size(kValues))];
      }
      text += "\n" + line + "\n";
    }
  }
}

TEST(ScenarioMutation, TenThousandMutantsLoadOrThrowInputError) {
  FileMap base;
  for (const char* f : kFiles) {
    std::string text;
    ASSERT_TRUE(core::read_file(std::string(CORRIDOR_TEST_DATA) + "/ok_minimal/" + f, text)) << f;
    base[f] = text;
  }
  // Fixed seed in CI; set CORRIDOR_MUTATION_SEED to explore other mutants locally.
  const char* seed_env = std::getenv("CORRIDOR_MUTATION_SEED");
  Rng rng(seed_env != nullptr ? std::strtoull(seed_env, nullptr, 10) : 20240917ULL);
  constexpr int kInputs = 10000;
  int loaded = 0;
  int rejected = 0;
  for (int i = 0; i < kInputs; ++i) {
    FileMap files = base;
    const std::size_t n = 1 + rng.below(3);
    for (std::size_t k = 0; k < n; ++k) mutate(files, rng);
    const std::string variant = rng.below(4) == 0 ? "demand-plus-40" : "";
    try {
      const Scenario s = load_from_memory(files, variant);
      (void)info_json(s).dump();  // throws on invalid UTF-8
      (void)format_info(s);
      ++loaded;
    } catch (const InputError& e) {
      ASSERT_FALSE(e.diagnostics().empty()) << "input " << i;
      bool any_error = false;
      for (const auto& d : e.diagnostics()) {
        any_error = any_error || d.severity == Severity::kError;
        (void)d.to_string();
      }
      ASSERT_TRUE(any_error) << "input " << i;
      ++rejected;
    } catch (const std::exception& e) {
      FAIL() << "input " << i << " threw something other than InputError: " << e.what();
    }
  }
  EXPECT_EQ(loaded + rejected, kInputs);
  // Both outcomes must be exercised, or the mutations are too weak or too strong.
  EXPECT_GT(loaded, 100);
  EXPECT_GT(rejected, 1000);
  std::printf("mutants: %d loaded, %d rejected\n", loaded, rejected);
}

}  // namespace
}  // namespace corridor::scenario
