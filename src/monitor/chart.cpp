// One indicator's chart as inline SVG: observations (one circle each), the trajectory
// through the baseline and the targets, the band of a band indicator, the least-squares
// projection with its interval at the due date, and vertical lines at the due date and
// the status date. The scale is linear in both axes and documented in
// corridor/monitor/report.hpp so that a point can be placed by hand. O(points).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "corridor/core/text.hpp"
#include "corridor/monitor/report.hpp"
#include "html_parts.hpp"

namespace corridor::monitor::html {

namespace {

using core::html_escape;

/// The linear maps from (days, value) to SVG coordinates.
struct Scale {
  double d0 = 0, d1 = 1, lo = 0, hi = 1;
  double x(double days) const {
    return kChartLeft + (days - d0) / (d1 - d0) * (kChartWidth - kChartLeft - kChartRight);
  }
  double y(double value) const {
    return kChartTop + (hi - value) / (hi - lo) * (kChartHeight - kChartTop - kChartBottom);
  }
};

Scale make_scale(const Indicator& ind, const IndicatorStatus& s, const Date& as_of) {
  std::vector<double> days{static_cast<double>(as_of.days), static_cast<double>(s.due.days)};
  std::vector<double> values;
  for (const auto* pts : {&s.series, &s.trajectory})
    for (const Point& p : *pts) {
      days.push_back(p.date.days);
      values.push_back(p.value);
    }
  if (ind.direction == Direction::kBand) {
    if (ind.low) values.push_back(*ind.low);
    if (ind.high) values.push_back(*ind.high);
  }
  if (s.projection) {
    days.push_back(s.projection->at.days);
    values.insert(values.end(), {s.projection->low, s.projection->high, s.projection->value});
  }
  Scale sc;
  sc.d0 = *std::min_element(days.begin(), days.end());
  sc.d1 = *std::max_element(days.begin(), days.end());
  if (sc.d1 == sc.d0) sc.d1 = sc.d0 + 1;
  if (values.empty()) values = {0, 1};
  sc.lo = *std::min_element(values.begin(), values.end());
  sc.hi = *std::max_element(values.begin(), values.end());
  if (sc.lo == sc.hi) {
    sc.lo -= 1;
    sc.hi += 1;
  }
  const double pad = 0.05 * (sc.hi - sc.lo);
  sc.lo -= pad;
  sc.hi += pad;
  return sc;
}

std::string xy(const Scale& sc, double days, double value) {
  return fmt::format("{:.2f},{:.2f}", sc.x(days), sc.y(value));
}

std::string axes(const Scale& sc) {
  const double left = kChartLeft, right = kChartWidth - kChartRight;
  const double top = kChartTop, bottom = kChartHeight - kChartBottom;
  std::string out = fmt::format(
      "<line class=\"axis\" x1=\"{0:.2f}\" y1=\"{2:.2f}\" x2=\"{1:.2f}\" y2=\"{2:.2f}\"/>"
      "<line class=\"axis\" x1=\"{0:.2f}\" y1=\"{3:.2f}\" x2=\"{0:.2f}\" y2=\"{2:.2f}\"/>\n",
      left,
      right,
      bottom,
      top);
  for (int k = 0; k <= 4; ++k) {
    const int day = static_cast<int>(std::lround(sc.d0 + (sc.d1 - sc.d0) * k / 4.0));
    const char* anchor = k == 0 ? "start" : k == 4 ? "end" : "middle";
    out +=
        fmt::format("<text class=\"tick\" x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"{}\">{}</text>",
                    sc.x(day),
                    bottom + 16,
                    anchor,
                    date_text(day));
    const double v = sc.lo + (sc.hi - sc.lo) * k / 4.0;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0:.2f}\" y1=\"{2:.2f}\" x2=\"{1:.2f}\" y2=\"{2:.2f}\"/>"
        "<text class=\"tick\" x=\"{3:.2f}\" y=\"{4:.2f}\" text-anchor=\"end\">{5}</text>\n",
        left,
        right,
        sc.y(v),
        left - 4,
        sc.y(v) + 4,
        html_escape(value_text(v)));
  }
  return out;
}

std::string vertical(const Scale& sc, int day, const char* cls, std::string_view label) {
  return fmt::format(
      "<line class=\"{0}\" x1=\"{1:.2f}\" y1=\"{2:.2f}\" x2=\"{1:.2f}\" y2=\"{3:.2f}\">"
      "<title>{4}: {5}</title></line>\n",
      cls,
      sc.x(day),
      kChartTop,
      kChartHeight - kChartBottom,
      html_escape(label),
      date_text(day));
}

std::string projection(const Scale& sc, const IndicatorStatus& s, const Labels& t) {
  if (!s.projection || s.series.empty()) return "";
  const Projection& p = *s.projection;
  const Point& last = s.series.back();
  return fmt::format(
      "<polygon class=\"proj-band\" points=\"{} {} {}\"><title>{}: {} [{}, {}]</title></polygon>"
      "<line class=\"proj\" x1=\"{:.2f}\" y1=\"{:.2f}\" x2=\"{:.2f}\" y2=\"{:.2f}\"/>\n",
      xy(sc, last.date.days, last.value),
      xy(sc, p.at.days, p.high),
      xy(sc, p.at.days, p.low),
      html_escape(t("legend_projection")),
      value_text(p.value),
      value_text(p.low),
      value_text(p.high),
      sc.x(last.date.days),
      sc.y(last.value),
      sc.x(p.at.days),
      sc.y(p.value));
}

std::string trajectory(const Scale& sc,
                       const Indicator& ind,
                       const IndicatorStatus& s,
                       const Labels& t) {
  if (s.trajectory.empty()) return "";
  std::string pts;
  for (const Point& p : s.trajectory)
    pts += (pts.empty() ? "" : " ") + xy(sc, p.date.days, p.value);
  std::string out = fmt::format("<polyline class=\"trajectory\" points=\"{}\"/>\n", pts);
  // The first point is the baseline when there is one; the others are targets.
  for (size_t i = ind.baseline ? 1 : 0; i < s.trajectory.size(); ++i) {
    const Point& p = s.trajectory[i];
    out += fmt::format(
        "<rect class=\"target\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"7\" height=\"7\">"
        "<title>{}: {} {}</title></rect>\n",
        sc.x(p.date.days) - 3.5,
        sc.y(p.value) - 3.5,
        html_escape(t("legend_targets")),
        p.date.text,
        html_escape(value_text(p.value)));
  }
  return out;
}

}  // namespace

std::string chart_svg(const Indicator& ind,
                      const IndicatorStatus& s,
                      const Date& as_of,
                      const Labels& t) {
  const Scale sc = make_scale(ind, s, as_of);
  std::string out = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}: {}\" "
      "data-d0=\"{}\" data-d1=\"{}\" data-lo=\"{}\" data-hi=\"{}\">\n",
      kChartWidth,
      kChartHeight,
      html_escape(t("chart_label")),
      html_escape(ind.id),
      sc.d0,
      sc.d1,
      sc.lo,
      sc.hi);
  out += axes(sc);
  if (ind.direction == Direction::kBand && ind.low && ind.high)
    out += fmt::format(
        "<rect class=\"band\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\">"
        "<title>{}: [{}, {}]</title></rect>\n",
        kChartLeft,
        sc.y(*ind.high),
        kChartWidth - kChartLeft - kChartRight,
        sc.y(*ind.low) - sc.y(*ind.high),
        html_escape(t("legend_band")),
        html_escape(value_text(*ind.low)),
        html_escape(value_text(*ind.high)));
  out += projection(sc, s, t);
  out += trajectory(sc, ind, s, t);
  out += vertical(sc, s.due.days, "due", t("legend_due"));
  out += vertical(sc, as_of.days, "asof", t("legend_asof"));
  for (const Point& p : s.series)
    out += fmt::format(
        "<circle class=\"obs\" cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"4\"><title>{}: "
        "{}</title></circle>\n",
        sc.x(p.date.days),
        sc.y(p.value),
        p.date.text,
        html_escape(value_text(p.value)));
  out += "</svg>\n";
  return out;
}

}  // namespace corridor::monitor::html
