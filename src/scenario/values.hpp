#pragma once
// Parsing of single values (numbers, integers, booleans, ISO dates) the same way for
// CSV cells and scenario.yaml scalars, plus the ranges they are checked against.
// Numbers use std::from_chars (locale-independent, so "1.5" means the same everywhere).

#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace corridor::scenario::detail {

std::string_view trim(std::string_view s);

enum class NumberStatus { kOk, kNotNumber, kNonFinite };

/// Parses a decimal number (optional sign, exponent). "inf", "nan", ".inf" and values
/// that overflow a double are kNonFinite.
NumberStatus parse_number(std::string_view s, double& out);

/// Parses a decimal integer (optional sign); false on anything else or overflow.
bool parse_integer(std::string_view s, long long& out);

/// yes/no, true/false, 1/0 (case-insensitive).
std::optional<bool> parse_bool(std::string_view s);

/// A real calendar date written yyyy-mm-dd.
bool valid_iso_date(std::string_view s);

/// A numeric interval with open or closed ends; infinite ends mean unbounded.
struct Bounds {
  double lo = -std::numeric_limits<double>::infinity();
  bool lo_open = false;
  double hi = std::numeric_limits<double>::infinity();
  bool hi_open = false;

  static Bounds at_least(double v) { return {v, false, kInf, false}; }
  static Bounds above(double v) { return {v, true, kInf, false}; }
  static Bounds closed(double a, double b) { return {a, false, b, false}; }
  static Bounds closed_open(double a, double b) { return {a, false, b, true}; }
  static Bounds open_closed(double a, double b) { return {a, true, b, false}; }
  static Bounds any() { return {}; }

  [[nodiscard]] bool contains(double v) const;
  /// ">= 0", "> 0", "in [0, 1)", ...
  [[nodiscard]] std::string describe() const;

  static constexpr double kInf = std::numeric_limits<double>::infinity();
};

/// Shortest text that reads back as the same double.
std::string format_number(double v);

}  // namespace corridor::scenario::detail
