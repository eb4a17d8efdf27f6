// Artefact headers, the scenario check, SHA-256 and strict JSON file reading.

#include "corridor/core/artefact.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace corridor {
namespace {

std::vector<Diagnostic> header_errors(const nlohmann::json& j) {
  DiagnosticSink sink;
  read_header(j, "corridor.plan", 2, "p.json", sink);
  return sink.items();
}

nlohmann::ordered_json good() {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  write_header(j, make_header("corridor.plan", 2, "kz-xj", "", "sha256:ab"));
  return j;
}

TEST(Sha256, MatchesTheFips180Vectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ArtefactHeader, WrittenFirstAndReadBack) {
  const auto j = good();
  EXPECT_EQ(j.begin().key(), "schema");
  EXPECT_EQ(j["schema"], "corridor.plan/2");
  EXPECT_EQ(j["corridor_version"], CORRIDOR_VERSION);
  DiagnosticSink sink;
  const ArtefactHeader h = read_header(nlohmann::json(j), "corridor.plan", 2, "p.json", sink);
  EXPECT_FALSE(sink.has_errors());
  EXPECT_EQ(h.scenario, "kz-xj");
  EXPECT_EQ(h.scenario_fingerprint, "sha256:ab");
}

TEST(ArtefactHeader, EveryProblemIsReportedWithItsKey) {
  nlohmann::json j = good();
  j.erase("variant");
  j["scenario"] = 7;
  j["schema"] = "corridor.sim/2";
  const auto ds = header_errors(j);
  ASSERT_EQ(ds.size(), 3u);
  EXPECT_EQ(ds[0].field, "scenario");  // keys in header order, then the schema check
  EXPECT_EQ(ds[1].field, "variant");
  EXPECT_EQ(ds[2].field, "schema");
  for (const auto& d : ds) {
    EXPECT_EQ(d.code, ErrorCode::kBadArtefact);
    EXPECT_EQ(d.file, "p.json");
  }
  EXPECT_NE(ds[2].message.find("not a corridor.plan file"), std::string::npos);
  EXPECT_EQ(header_errors(nlohmann::json::array({1, 2})).size(), 1u);
  j = good();
  j["schema"] = "corridor.plan/1";
  ASSERT_EQ(header_errors(j).size(), 1u);
  EXPECT_NE(header_errors(j)[0].message.find("unsupported version"), std::string::npos);
}

TEST(ArtefactHeader, MadeForAnotherVariantSaysWhichAndHowToFixIt) {
  const ArtefactHeader h = make_header("corridor.plan", 2, "kz-xj", "third-railway", "sha256:1");
  EXPECT_NO_THROW(check_made_for(h, "sha256:1", "kz-xj", "third-railway", "p.json"));
  try {
    check_made_for(h, "sha256:2", "kz-xj", "", "p.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScenarioMismatch);
    const std::string m = e.diagnostics()[0].message;
    EXPECT_NE(m.find("variant \"third-railway\""), std::string::npos) << m;
    EXPECT_NE(m.find("add --variant third-railway"), std::string::npos) << m;
  }
}

TEST(ReadJsonFile, TruncatedTextIsLocatedAndCoded) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("corridor_truncated_" + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << "{\n  \"schema\": \"corridor.plan/2\",\n  \"flows\": [";
  try {
    read_json_file(path.string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadArtefact);
    EXPECT_EQ(e.diagnostics()[0].line, 3);
  }
  std::filesystem::remove(path);
  try {
    read_json_file(path.string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kMissingFile);
  }
}

}  // namespace
}  // namespace corridor
