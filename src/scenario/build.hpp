#pragma once
// Typing and validation of the (variant-applied) text tables into a Scenario:
// per-cell checks (types, ranges, enums, dates), then references, duplicates,
// countries, and the supply-path reachability of every zone.

#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario.hpp"
#include "text_table.hpp"

namespace corridor::scenario::detail {

/// Fills the tables of `s` from `tables` (in table_specs() order; absent tables have
/// spec == nullptr or present == false). Every problem goes to `sink`.
void build_model(const std::vector<TextTable>& tables,
                 const std::string& manifest_diag,
                 Scenario& s,
                 DiagnosticSink& sink);

}  // namespace corridor::scenario::detail
