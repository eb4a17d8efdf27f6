// Artefact headers, the fingerprint hash and strict JSON file reading
// (include/corridor/core/artefact.hpp).

#include "corridor/core/artefact.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <fstream>
#include <sstream>

namespace corridor {

namespace {

constexpr std::array<const char*, 5> kHeaderKeys = {
    "schema", "corridor_version", "scenario", "variant", "scenario_fingerprint"};

[[noreturn]] void throw_one(ErrorCode code,
                            const std::string& file,
                            int line,
                            int column,
                            std::string field,
                            std::string message) {
  throw InputError({Diagnostic{
      code, Severity::kError, file, line, column, std::move(field), std::move(message)}});
}

std::string type_name(const nlohmann::json& j) { return j.type_name(); }

}  // namespace

std::string schema_id(std::string_view name, int version) {
  return fmt::format("{}/{}", name, version);
}

ArtefactHeader make_header(std::string_view name,
                           int version,
                           std::string scenario,
                           std::string variant,
                           std::string fingerprint) {
  return ArtefactHeader{schema_id(name, version),
                        CORRIDOR_VERSION,
                        std::move(scenario),
                        std::move(variant),
                        std::move(fingerprint)};
}

void write_header(nlohmann::ordered_json& j, const ArtefactHeader& h) {
  j["schema"] = h.schema;
  j["corridor_version"] = h.corridor_version;
  j["scenario"] = h.scenario;
  j["variant"] = h.variant;
  j["scenario_fingerprint"] = h.scenario_fingerprint;
}

void write_header(nlohmann::json& j, const ArtefactHeader& h) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  write_header(o, h);
  for (auto it = o.begin(); it != o.end(); ++it) j[it.key()] = it.value();
}

ArtefactHeader read_header(const nlohmann::json& j,
                           std::string_view name,
                           int version,
                           const std::string& file,
                           DiagnosticSink& sink) {
  ArtefactHeader h;
  if (!j.is_object()) {
    sink.error(
        ErrorCode::kBadArtefact,
        file,
        0,
        0,
        "",
        fmt::format("not a {} file (got a JSON {}, expected an object)", name, type_name(j)));
    return h;
  }
  std::array<std::string*, 5> slots = {
      &h.schema, &h.corridor_version, &h.scenario, &h.variant, &h.scenario_fingerprint};
  for (std::size_t i = 0; i < kHeaderKeys.size(); ++i) {
    auto it = j.find(kHeaderKeys[i]);
    if (it == j.end()) {
      sink.error(ErrorCode::kBadArtefact,
                 file,
                 0,
                 0,
                 kHeaderKeys[i],
                 fmt::format("required key is missing (expected a {} file written by corridor "
                             "{} or later)",
                             name,
                             CORRIDOR_VERSION));
    } else if (!it->is_string()) {
      sink.error(ErrorCode::kBadArtefact,
                 file,
                 0,
                 0,
                 kHeaderKeys[i],
                 fmt::format("wrong type (got {}, expected a string)", type_name(*it)));
    } else {
      *slots[i] = it->get<std::string>();
    }
  }
  if (h.schema.empty()) return h;
  const std::string expected = schema_id(name, version);
  const auto slash = h.schema.rfind('/');
  const std::string got_name = h.schema.substr(0, slash);
  if (got_name != name) {
    sink.error(
        ErrorCode::kBadArtefact,
        file,
        0,
        0,
        "schema",
        fmt::format("not a {} file (got \"{}\", expected \"{}\")", name, h.schema, expected));
  } else if (h.schema != expected) {
    sink.error(ErrorCode::kBadArtefact,
               file,
               0,
               0,
               "schema",
               fmt::format("unsupported version (got \"{}\", expected \"{}\"): write it again with "
                           "corridor {}",
                           h.schema,
                           expected,
                           CORRIDOR_VERSION));
  }
  return h;
}

void check_made_for(const ArtefactHeader& h,
                    const std::string& fingerprint,
                    const std::string& scenario,
                    const std::string& variant,
                    const std::string& file) {
  if (h.scenario_fingerprint == fingerprint) return;
  auto label = [](const std::string& name, const std::string& v) {
    return fmt::format("scenario \"{}\" {}", name, v.empty() ? "(base)" : "variant \"" + v + "\"");
  };
  std::string hint;
  if (h.scenario == scenario && h.variant != variant)
    hint = h.variant.empty() ? ": run without --variant"
                             : fmt::format(": add --variant {}", h.variant);
  else if (h.scenario == scenario && h.variant == variant)
    hint = ": the scenario's files changed since; plan it again";
  throw_one(ErrorCode::kScenarioMismatch,
            file,
            0,
            0,
            "scenario_fingerprint",
            fmt::format("made for {} (got {}, expected {} of {}){}",
                        label(h.scenario, h.variant),
                        h.scenario_fingerprint,
                        fingerprint,
                        label(scenario, variant),
                        hint));
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_sha256(), nullptr);
  std::string hex;
  hex.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

std::string file_fingerprint(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return {};
  std::ostringstream buf;
  buf << f.rdbuf();
  return "sha256:" + sha256_hex(buf.str());
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw_one(ErrorCode::kMissingFile, path, 0, 0, "", "cannot open the file");
  std::ostringstream buf;
  buf << f.rdbuf();
  if (!f && !f.eof()) throw_one(ErrorCode::kUnreadableFile, path, 0, 0, "", "cannot read the file");
  const std::string text = buf.str();
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // Locate the byte the parser stopped at as line:column.
    int line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw_one(ErrorCode::kBadArtefact,
              path,
              line,
              column,
              "",
              text.empty()
                  ? std::string("the file is empty (expected JSON)")
                  : fmt::format("not valid JSON (truncated or not a corridor file): {}", e.what()));
  }
}

}  // namespace corridor
