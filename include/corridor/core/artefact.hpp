#pragma once
// Fingerprinted artefacts: every JSON file corridor writes (plan.json, compare.json,
// sim.json, and those to come) opens with the same header, so a reader knows what the
// file is, which corridor wrote it and for which scenario and variant:
//
//   "schema": "corridor.plan/2",            name/version of the document's layout
//   "corridor_version": "0.1.0",
//   "scenario": "kz-xj", "variant": "third-railway",
//   "scenario_fingerprint": "sha256:…"      scenario::fingerprint() of the loaded model
//
// Reading checks the schema name (and that the version is one this build reads); a
// command that combines an artefact with a scenario (simulate --plan, report
// regeneration) refuses one whose fingerprint differs (E505). Every key is required:
// a missing one is an error, never a default. Documented in docs/artefacts.md.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "corridor/error.hpp"

namespace corridor {

struct ArtefactHeader {
  std::string schema;  // "<name>/<version>", e.g. "corridor.plan/2"
  std::string corridor_version;
  std::string scenario;  // the scenario's name (scenario.yaml `name`)
  std::string variant;   // empty for the base
  std::string scenario_fingerprint;
};

/// "<name>/<version>", the one spelling of a schema id (e.g. "corridor.plan/2").
std::string schema_id(std::string_view name, int version);

/// The header of a new artefact of schema `name`/`version` written by this build.
ArtefactHeader make_header(std::string_view name,
                           int version,
                           std::string scenario,
                           std::string variant,
                           std::string fingerprint);

/// Puts the header's keys into `j` (an object), first in an ordered_json.
void write_header(nlohmann::ordered_json& j, const ArtefactHeader& h);
void write_header(nlohmann::json& j, const ArtefactHeader& h);

/// Reads the header of `j` and checks its schema: `j` must be an object, every header
/// key present and a string, the schema's name equal to `name` and its version
/// `version`. Problems go to `sink` as kBadArtefact, located in `file`. Returns what
/// could be read.
ArtefactHeader read_header(const nlohmann::json& j,
                           std::string_view name,
                           int version,
                           const std::string& file,
                           DiagnosticSink& sink);

/// Throws InputError(kScenarioMismatch) unless `h` was made for a scenario whose
/// fingerprint is `fingerprint`; the message names the scenario and variant the
/// artefact was made for and the one loaded.
void check_made_for(const ArtefactHeader& h,
                    const std::string& fingerprint,
                    const std::string& scenario,
                    const std::string& variant,
                    const std::string& file);

/// SHA-256 of `bytes` as 64 lower-case hex digits (OpenSSL).
std::string sha256_hex(std::string_view bytes);

/// "sha256:" + the SHA-256 of a file's bytes: the fingerprint of an input that is one
/// file (an OR-Library instance). Empty when the file cannot be read.
std::string file_fingerprint(const std::string& path);

/// Parses a whole JSON file. A missing or unreadable file is kMissingFile /
/// kUnreadableFile; text that is not JSON (truncated, binary) is kBadArtefact with
/// the line and column the parser stopped at.
nlohmann::json read_json_file(const std::string& path);

}  // namespace corridor
