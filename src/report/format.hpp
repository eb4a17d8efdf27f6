#pragma once
// Number and text formatting for people: thousands separators, units, signs, and
// HTML escaping. Formatting only: no figure is computed here.

#include <string>
#include <string_view>

#include "corridor/core/i18n.hpp"

namespace corridor::report {

/// "12,345" (rounded to an integer).
std::string fmt_int(double v);
/// "1,234.5" with `decimals` digits after the point.
std::string fmt_num(double v, int decimals);
/// "1,234,567 USD".
std::string fmt_money(double v, std::string_view currency);
/// "2.47 USD": two decimals, for per-parcel amounts.
std::string fmt_money_unit(double v, std::string_view currency);
/// "12.3 M USD", "845 k USD", "1.20 bn USD": for headline figures.
std::string fmt_money_compact(double v, std::string_view currency);
/// "87.5 %" from a share in [0, 1].
std::string fmt_pct(double share, int decimals = 1);
/// "3.2 d".
std::string fmt_days(double d);
/// Signed change: "+1,234", "−1,234" (U+2212), "0" when |v| is below half the last digit.
std::string fmt_delta(double v, int decimals);
/// Escapes & < > " ' for HTML text and attribute values (one spelling, in core).
using core::html_escape;
/// A double as JSON writes it (shortest round-trip form), for data-value attributes.
std::string exact(double v);

}  // namespace corridor::report
