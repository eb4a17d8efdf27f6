#pragma once
// The monitor's self-contained HTML report (docs/monitor.md, "Report"): one page in one
// of four languages with the as-of date and the monitor's fingerprint in every section
// header, a traffic-light table of commitments (most overdue first; sortable in the
// browser by due date, status and days overdue), every commitment with its indicators,
// one SVG chart per indicator, the cost of delay, the status history and the evidence.
// Inline CSS, JS and SVG only: nothing is fetched when the page is viewed; the only
// external addresses are the evidence links.

#include <string>
#include <vector>

#include "corridor/core/i18n.hpp"
#include "corridor/monitor.hpp"

namespace corridor::monitor {

/// The page for `r` (computed from `m`), every label in `lang`. `history` is the status
/// history from the audit log (any order; shown per subject, newest first). Every text
/// from the data is HTML-escaped; status bases (English, from status()) are shown as they
/// are, labelled as such.
std::string render_html(const Monitor& m,
                        const StatusReport& r,
                        core::Lang lang,
                        const std::vector<StatusChange>& history);

/// The report's labels in the four languages (for the completeness test).
const core::Phrasebook& report_phrases();

/// The chart's scale, so that a reader (and a test) can place a point by hand.
/// The SVG's viewBox is 0 0 kChartWidth kChartHeight; the plot area spans x from
/// kChartLeft to kChartWidth - kChartRight and y from kChartTop to
/// kChartHeight - kChartBottom. Dates: d0 = the earliest, d1 = the latest of every
/// plotted date (observations, trajectory points, as-of date, due date); when d0 = d1,
/// d1 = d0 + 1. x = left + (days - d0) / (d1 - d0) * plot width. Values: lo and hi = the
/// smallest and largest plotted value (observations, trajectory points, band ends,
/// projection interval ends); when lo = hi they become lo - 1 and hi + 1; then both
/// are widened by 5 % of hi - lo. y = top + (hi - value) / (hi - lo) * plot height.
/// Coordinates are written with two decimals.
inline constexpr double kChartWidth = 640, kChartHeight = 240;
inline constexpr double kChartLeft = 72, kChartRight = 16, kChartTop = 12, kChartBottom = 36;

}  // namespace corridor::monitor
