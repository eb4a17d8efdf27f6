#include "report/format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace corridor::report {
namespace {

// Inserts a comma every three digits of the integer part of a plain decimal string.
std::string group_thousands(const std::string& plain) {
  std::size_t start = (!plain.empty() && plain[0] == '-') ? 1 : 0;
  std::size_t point = plain.find('.');
  if (point == std::string::npos) point = plain.size();
  std::string out = plain.substr(0, start);
  for (std::size_t i = start; i < point; ++i) {
    out += plain[i];
    std::size_t left = point - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += plain.substr(point);
  return out;
}

// Rounds first so that -0.4 prints as "0", not "-0".
std::string fixed(double v, int decimals) {
  double scale = std::pow(10.0, decimals);
  double r = std::round(v * scale) / scale;
  if (r == 0.0) r = 0.0;
  return fmt::format("{:.{}f}", r, decimals);
}

}  // namespace

std::string fmt_int(double v) { return group_thousands(fixed(v, 0)); }

std::string fmt_num(double v, int decimals) { return group_thousands(fixed(v, decimals)); }

std::string fmt_money(double v, std::string_view currency) {
  return fmt::format("{} {}", fmt_int(v), currency);
}

std::string fmt_money_unit(double v, std::string_view currency) {
  return fmt::format("{} {}", fmt_num(v, 2), currency);
}

std::string fmt_money_compact(double v, std::string_view currency) {
  double a = std::fabs(v);
  if (a >= 1e9) return fmt::format("{} bn {}", fmt_num(v / 1e9, 2), currency);
  if (a >= 1e6) return fmt::format("{} M {}", fmt_num(v / 1e6, a >= 1e8 ? 0 : 1), currency);
  if (a >= 1e4) return fmt::format("{} k {}", fmt_num(v / 1e3, 0), currency);
  return fmt_money(v, currency);
}

std::string fmt_pct(double share, int decimals) {
  return fmt::format("{} %", fmt_num(100.0 * share, decimals));
}

std::string fmt_days(double d) { return fmt::format("{} d", fmt_num(d, 1)); }

std::string fmt_delta(double v, int decimals) {
  std::string body = fmt_num(std::fabs(v), decimals);
  if (body.find_first_not_of("0.,") == std::string::npos) return body;
  return (v > 0 ? "+" : "\u2212") + body;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string exact(double v) { return nlohmann::json(v).dump(); }

}  // namespace corridor::report
