#pragma once
// Pieces of the monitor report shared by html.cpp and chart.cpp (private).

#include <string>
#include <string_view>

#include "corridor/core/i18n.hpp"
#include "corridor/monitor.hpp"

namespace corridor::monitor::html {

/// A label of the report in the page language.
struct Labels {
  core::Lang lang;
  std::string_view operator()(std::string_view key) const;
};

/// yyyy-mm-dd of a day count since 1970-01-01 (proleptic Gregorian; Hinnant's
/// civil_from_days, http://howardhinnant.github.io/date_algorithms.html).
std::string date_text(int days);

/// A value for people: grouped, with as many decimals as its size calls for
/// (0 from 1,000, 1 from 10, 2 from 0.1, else 3 significant places).
std::string value_text(double v);

/// The inline SVG chart of one indicator (scale: corridor/monitor/report.hpp).
std::string chart_svg(const Indicator& ind,
                      const IndicatorStatus& s,
                      const Date& as_of,
                      const Labels& t);

}  // namespace corridor::monitor::html
