#include "corridor/core/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace corridor::core {

std::string grouped(double value, int decimals) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  const double scale = std::pow(10.0, decimals);
  double r = std::round(value * scale) / scale;
  if (r == 0.0) r = 0.0;  // no "-0"
  const std::string plain = fmt::format("{:.{}f}", std::fabs(r), decimals);
  std::size_t point = plain.find('.');
  if (point == std::string::npos) point = plain.size();
  std::string out = r < 0 ? "-" : "";
  for (std::size_t i = 0; i < point; ++i) {
    out += plain[i];
    const std::size_t left = point - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += plain.substr(point);
  return out;
}

}  // namespace corridor::core
