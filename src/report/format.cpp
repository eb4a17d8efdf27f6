#include "format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "corridor/core/text.hpp"

namespace corridor::report {

std::string fmt_int(double v) { return core::grouped(v, 0); }

std::string fmt_num(double v, int decimals) { return core::grouped(v, decimals); }

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

std::string exact(double v) { return nlohmann::json(v).dump(); }

}  // namespace corridor::report
