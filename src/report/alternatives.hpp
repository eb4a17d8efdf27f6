#pragma once
// The report's "Alternative plans" section: the K best plans of `corridor plan
// --alternatives K` side by side (rank, annual cost, gap to the best, sites opened,
// closed and resized, crossings used), with its labels in the four languages.

#include <string>

#include "corridor/core/i18n.hpp"
#include "corridor/plan.hpp"

namespace corridor::report {

/// The section's labels in English, Russian, Kazakh and Chinese.
const core::Phrasebook& alternatives_phrasebook();

/// The section's HTML; empty when the plan has no alternatives.
std::string alternatives_section(const design::Plan& plan,
                                 const std::string& currency,
                                 core::Lang lang = core::Lang::kEn);

}  // namespace corridor::report
