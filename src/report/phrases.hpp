#pragma once
// The report's labels in English, Russian, Kazakh and Chinese: headings, table
// captions and columns, KPI cards, the legend, and the words the page's JS writes into
// tooltips and charts (keys starting "js.", handed to the JS in the data block).
// Templates hold "{}" where a figure or a name goes (filled with fmt::runtime).

#include <nlohmann/json_fwd.hpp>

#include "corridor/core/i18n.hpp"

namespace corridor::report {

/// The report's phrase table (the alternatives section has its own, alternatives.hpp).
const core::Phrasebook& report_phrasebook();

/// The "js." phrases in `lang`, keyed without the prefix: the data block's `phrases`.
nlohmann::json script_phrases(core::Lang lang);

}  // namespace corridor::report
