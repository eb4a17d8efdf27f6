// scenario::fingerprint: the same model gives the same hash however its CSV is
// spelled; any change of a value that matters gives another.

#include <gtest/gtest.h>

#include <string>

#include "corridor/scenario.hpp"
#include "fixture_files.hpp"

namespace corridor::scenario {
namespace {

FileMap read_fixture(const std::string& name) { return testing::read_fixture_files(name); }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// Moves the last column of every line to the front: the same table, columns reordered.
std::string last_column_first(const std::string& csv) {
  std::string out;
  std::size_t start = 0;
  while (start < csv.size()) {
    std::size_t end = csv.find('\n', start);
    if (end == std::string::npos) end = csv.size();
    const std::string line = csv.substr(start, end - start);
    const std::size_t comma = line.rfind(',');
    out += line.substr(comma + 1) + "," + line.substr(0, comma) + "\n";
    start = end + 1;
  }
  return out;
}

TEST(Fingerprint, IsSha256OfTheCanonicalText) {
  const Scenario s = load_from_memory(read_fixture("ok_minimal"));
  const std::string f = fingerprint(s);
  ASSERT_EQ(f.size(), 7u + 64u);
  EXPECT_EQ(f.substr(0, 7), "sha256:");
  EXPECT_EQ(f, fingerprint(load_from_memory(read_fixture("ok_minimal"))));
}

TEST(Fingerprint, IgnoresLineEndsBomQuotingColumnOrderNumberSpellingAndSources) {
  const FileMap base = read_fixture("ok_minimal");
  const std::string want = fingerprint(load_from_memory(base));

  FileMap crlf = base;
  for (auto& [name, text] : crlf)
    if (name.ends_with(".csv")) text = "\xEF\xBB\xBF" + replace_all(text, "\n", "\r\n");
  EXPECT_EQ(fingerprint(load_from_memory(crlf)), want);

  FileMap quoted = base;
  quoted["zones.csv"] =
      replace_all(quoted["zones.csv"], "Z_ALMATY,ALMATY", "\"Z_ALMATY\",\"ALMATY\"");
  quoted["zones.csv"] = replace_all(quoted["zones.csv"], ",12000,", ",12000.00,");
  quoted["zones.csv"] =
      replace_all(quoted["zones.csv"], "estimate: test fixture", "another source");
  EXPECT_EQ(fingerprint(load_from_memory(quoted)), want);

  FileMap reordered = base;
  reordered["crossings.csv"] = last_column_first(reordered["crossings.csv"]);
  EXPECT_EQ(fingerprint(load_from_memory(reordered)), want);
}

TEST(Fingerprint, ChangesWithAnyValueThatMattersAndWithTheVariant) {
  const FileMap base = read_fixture("ok_minimal");
  const std::string want = fingerprint(load_from_memory(base));

  FileMap demand = base;
  demand["zones.csv"] = replace_all(demand["zones.csv"], ",12000,", ",12001,");
  EXPECT_NE(fingerprint(load_from_memory(demand)), want);

  FileMap servers = base;
  servers["crossings.csv"] =
      replace_all(servers["crossings.csv"], ",yes,6,200,2,", ",yes,6,200,3,");
  EXPECT_NE(fingerprint(load_from_memory(servers)), want);

  EXPECT_NE(fingerprint(load_from_memory(base, "demand-plus-40")), want);
}

}  // namespace
}  // namespace corridor::scenario
