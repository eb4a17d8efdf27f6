#include "values.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace corridor::scenario::detail {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

NumberStatus parse_number(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return NumberStatus::kNotNumber;
  const std::string l = lower(s);
  for (const char* word : {"inf",
                           "+inf",
                           "-inf",
                           "infinity",
                           "+infinity",
                           "-infinity",
                           "nan",
                           "+nan",
                           "-nan",
                           ".inf",
                           "+.inf",
                           "-.inf",
                           ".nan"})
    if (l == word) return NumberStatus::kNonFinite;
  std::string_view body = s;
  if (body.front() == '+') body.remove_prefix(1);
  if (body.empty() || body.front() == '+' || (body.front() == '-' && body.size() == 1))
    return NumberStatus::kNotNumber;
  // Only plain decimal syntax: from_chars would also take "nan(...)" and hex forms.
  for (char c : body)
    if (!(std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == 'e' ||
          c == 'E' || c == '+'))
      return NumberStatus::kNotNumber;
  double v = 0.0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ptr != body.data() + body.size()) return NumberStatus::kNotNumber;
  if (ec == std::errc::result_out_of_range) {
    // Overflow is non-finite; underflow is a (tiny) number.
    const std::string copy(body);
    v = std::strtod(copy.c_str(), nullptr);
    if (!std::isfinite(v)) return NumberStatus::kNonFinite;
  } else if (ec != std::errc()) {
    return NumberStatus::kNotNumber;
  }
  if (!std::isfinite(v)) return NumberStatus::kNonFinite;
  out = v;
  return NumberStatus::kOk;
}

bool parse_integer(std::string_view s, long long& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return false;
  long long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return false;
  out = v;
  return true;
}

std::optional<bool> parse_bool(std::string_view s) {
  const std::string l = lower(trim(s));
  if (l == "yes" || l == "true" || l == "1") return true;
  if (l == "no" || l == "false" || l == "0") return false;
  return std::nullopt;
}

bool valid_iso_date(std::string_view s) {
  s = trim(s);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return false;
  auto num = [&](std::size_t a, std::size_t n) {
    int v = 0;
    for (std::size_t i = a; i < a + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int y = num(0, 4);
  const int m = num(5, 2);
  const int d = num(8, 2);
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = kDays[m - 1];
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && leap) dim = 29;
  return d <= dim;
}

bool Bounds::contains(double v) const {
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

std::string format_number(double v) { return fmt::format("{}", v); }

std::string Bounds::describe() const {
  const bool has_lo = std::isfinite(lo);
  const bool has_hi = std::isfinite(hi);
  if (has_lo && !has_hi) return fmt::format("{} {}", lo_open ? ">" : ">=", format_number(lo));
  if (!has_lo && has_hi) return fmt::format("{} {}", hi_open ? "<" : "<=", format_number(hi));
  if (!has_lo && !has_hi) return "a finite number";
  return fmt::format("in {}{}, {}{}",
                     lo_open ? "(" : "[",
                     format_number(lo),
                     format_number(hi),
                     hi_open ? ")" : "]");
}

}  // namespace corridor::scenario::detail
