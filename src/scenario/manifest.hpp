#pragma once
// scenario.yaml: scalar settings, table file names and variants, each remembered with
// its YAML position (yaml-cpp Mark, made 1-based) so later checks can point at it.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario.hpp"
#include "text_table.hpp"

namespace corridor::scenario::detail {

struct Pos {
  int line = 0;  // 1-based, 0 = unknown
  int column = 0;
};

/// An override with the positions of its parts in scenario.yaml.
struct OverrideSpec {
  Override o;
  Pos at;  // the override itself
  Pos table_at;
  Pos id_at;
  Pos field_at;
  Pos value_at;                 // set / scale value, or the add map
  std::vector<Pos> row_key_at;  // add: position of each key, parallel to o.row
  std::vector<Pos> row_value_at;
  bool well_formed = true;  // false: already reported (E403), not applied
};

struct VariantSpec {
  Variant v;
  Pos at;
  std::vector<OverrideSpec> overrides;
};

struct Manifest {
  bool parsed = false;                             // the YAML parsed into a mapping
  bool tables_known = false;                       // `tables` was a usable mapping
  std::map<std::string, std::string> table_files;  // table name -> file name
  std::map<std::string, Pos> table_file_at;
  Pos variants_at;
  std::vector<VariantSpec> variants;
};

/// Parses the manifest text into `s` (scalar settings) and the returned Manifest;
/// every problem goes to `sink` under `diag_file`.
Manifest parse_manifest(std::string_view text,
                        const std::string& diag_file,
                        Scenario& s,
                        DiagnosticSink& sink);

/// Applies one variant's overrides, in order, to the text tables. Overrides that name
/// nothing are E402; tables left empty are E105.
void apply_variant(const VariantSpec& v,
                   std::vector<TextTable>& tables,
                   const std::string& diag_file,
                   DiagnosticSink& sink);

}  // namespace corridor::scenario::detail
