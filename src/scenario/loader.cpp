// The loader: manifest -> text tables -> variant -> typed, validated Scenario.
// Every stage keeps going after a problem so that one run reports all of them; only
// a missing scenario.yaml stops it early (nothing else can be located without it).

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <optional>

#include "build.hpp"
#include "corridor/core/csv.hpp"
#include "corridor/scenario.hpp"
#include "manifest.hpp"
#include "text_table.hpp"

namespace corridor::scenario {
namespace {

using detail::TextTable;

/// Returns a file's contents by name relative to the folder; nullopt if missing.
/// Sets `unreadable` when the file exists but cannot be read.
using Reader = std::function<std::optional<std::string>(const std::string&, bool& unreadable)>;

std::string join(const std::string& folder, const std::string& name) {
  if (folder.empty()) return name;
  if (folder.back() == '/') return folder + name;
  return folder + "/" + name;
}

// scenario.yaml, parsed; a missing or unreadable manifest stops the load here.
detail::Manifest read_manifest(const Reader& read,
                               const std::string& manifest_diag,
                               Scenario& s,
                               DiagnosticSink& sink) {
  bool unreadable = false;
  const auto manifest_text = read("scenario.yaml", unreadable);
  if (!manifest_text) {
    sink.error(unreadable ? ErrorCode::kUnreadableFile : ErrorCode::kMissingFile,
               manifest_diag,
               0,
               0,
               "",
               unreadable ? "cannot read the scenario manifest"
                          : "no scenario manifest here (expected a folder with scenario.yaml)");
    sink.throw_if_errors();
  }
  return detail::parse_manifest(*manifest_text, manifest_diag, s, sink);
}

// One table: its file as the manifest names it (or, without a usable `tables:` map,
// under its usual name if required); an empty table when absent or unreadable.
TextTable read_table_file(const Reader& read,
                          const std::string& folder,
                          const detail::Manifest& m,
                          const detail::TableSpec& spec,
                          const std::string& manifest_diag,
                          DiagnosticSink& sink) {
  TextTable t;
  t.spec = &spec;
  std::string file;
  detail::Pos at;
  if (m.tables_known) {
    auto it = m.table_files.find(spec.name);
    if (it == m.table_files.end()) return t;  // optional and absent, or already reported
    file = it->second;
    if (auto pos = m.table_file_at.find(spec.name); pos != m.table_file_at.end()) at = pos->second;
  } else {
    // Without a usable `tables:` map, still check the tables under their usual names
    // so that one run reports as much as possible.
    if (!spec.required) return t;
    file = std::string(spec.name) + ".csv";
  }
  const std::string diag = join(folder, file);
  bool bad_read = false;
  const auto text = read(file, bad_read);
  if (!text) {
    if (m.tables_known)
      sink.error(bad_read ? ErrorCode::kUnreadableFile : ErrorCode::kMissingFile,
                 manifest_diag,
                 at.line,
                 at.column,
                 std::string("tables.") + spec.name,
                 fmt::format("{} (got \"{}\", expected a file in the scenario folder)",
                             bad_read ? "cannot read the table file" : "table file not found",
                             diag));
    else
      sink.error(bad_read ? ErrorCode::kUnreadableFile : ErrorCode::kMissingFile,
                 diag,
                 0,
                 0,
                 "",
                 bad_read ? "cannot read the table file" : "table file not found");
    return t;
  }
  return detail::read_table(spec, *text, file, diag, sink);
}

// Every variant's overrides must name something, whichever variant is loaded: try
// the others on a scratch copy (their values are validated when they are loaded).
// Returns the requested variant's spec, nullptr if none has its name.
const detail::VariantSpec* check_other_variants(const detail::Manifest& m,
                                                const std::string& variant,
                                                const std::vector<TextTable>& tables,
                                                const std::string& manifest_diag,
                                                DiagnosticSink& sink) {
  const detail::VariantSpec* chosen = nullptr;
  for (const auto& v : m.variants) {
    if (v.v.name == variant) {
      chosen = &v;
      continue;
    }
    std::vector<TextTable> scratch = tables;
    DiagnosticSink scratch_sink;
    detail::apply_variant(v, scratch, manifest_diag, scratch_sink);
    for (const auto& d : scratch_sink.items())
      if (d.code == ErrorCode::kOverrideTargetMissing) sink.add(d);
  }
  return chosen;
}

// The requested variant's overrides on `tables`, or an error naming the variants there are.
void apply_requested_variant(const detail::Manifest& m,
                             const std::string& variant,
                             const detail::VariantSpec* chosen,
                             std::vector<TextTable>& tables,
                             const std::string& manifest_diag,
                             DiagnosticSink& sink) {
  if (variant.empty() || !m.parsed) return;  // a broken manifest is already reported
  if (chosen != nullptr) {
    detail::apply_variant(*chosen, tables, manifest_diag, sink);
    return;
  }
  std::string names;
  for (const auto& v : m.variants) names += (names.empty() ? "" : ", ") + v.v.name;
  sink.error(ErrorCode::kUnknownVariant,
             manifest_diag,
             m.variants_at.line,
             m.variants_at.column,
             "variants",
             fmt::format("no such variant (got {}, expected {})",
                         detail::quote(variant),
                         names.empty() ? std::string("a name under `variants:`; this "
                                                     "scenario declares none")
                                       : "one of " + names));
}

Scenario load_with(const Reader& read, const std::string& folder, const std::string& variant) {
  DiagnosticSink sink;
  Scenario s;
  s.folder = folder;
  s.variant = variant;
  const std::string manifest_diag = join(folder, "scenario.yaml");
  const detail::Manifest m = read_manifest(read, manifest_diag, s, sink);

  std::vector<TextTable> tables;
  for (const auto& spec : detail::table_specs())
    tables.push_back(read_table_file(read, folder, m, spec, manifest_diag, sink));

  const detail::VariantSpec* chosen = check_other_variants(m, variant, tables, manifest_diag, sink);
  apply_requested_variant(m, variant, chosen, tables, manifest_diag, sink);

  detail::build_model(tables, manifest_diag, s, sink);
  sink.throw_if_errors();
  s.warnings = sink.warnings();
  return s;
}

}  // namespace

Scenario load(const std::string& folder, const std::string& variant) {
  Reader read = [&](const std::string& name, bool& unreadable) -> std::optional<std::string> {
    const std::string path = join(folder, name);
    std::string out;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    if (std::filesystem::is_directory(path, ec) || !core::read_file(path, out)) {
      unreadable = true;
      return std::nullopt;
    }
    return out;
  };
  return load_with(read, folder, variant);
}

Scenario load_from_memory(const FileMap& files,
                          const std::string& variant,
                          const std::string& folder) {
  Reader read = [&](const std::string& name, bool&) -> std::optional<std::string> {
    auto it = files.find(name);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  return load_with(read, folder, variant);
}

}  // namespace corridor::scenario
