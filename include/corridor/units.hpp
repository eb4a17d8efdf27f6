#pragma once
// Strong unit types: a cost cannot be added to a duration by accident.
// Each Measure wraps a double; only same-unit arithmetic and scaling compile.

#include <compare>

namespace corridor {

template <typename Tag>
class Measure {
 public:
  constexpr Measure() = default;
  constexpr explicit Measure(double value) : value_(value) {}
  [[nodiscard]] constexpr double value() const { return value_; }

  constexpr Measure& operator+=(Measure o) {
    value_ += o.value_;
    return *this;
  }
  constexpr Measure& operator-=(Measure o) {
    value_ -= o.value_;
    return *this;
  }
  friend constexpr Measure operator+(Measure a, Measure b) { return Measure(a.value_ + b.value_); }
  friend constexpr Measure operator-(Measure a, Measure b) { return Measure(a.value_ - b.value_); }
  friend constexpr Measure operator*(Measure a, double k) { return Measure(a.value_ * k); }
  friend constexpr Measure operator*(double k, Measure a) { return Measure(a.value_ * k); }
  friend constexpr Measure operator/(Measure a, double k) { return Measure(a.value_ / k); }
  friend constexpr double operator/(Measure a, Measure b) { return a.value_ / b.value_; }
  friend constexpr auto operator<=>(Measure, Measure) = default;

 private:
  double value_ = 0.0;
};

struct MoneyTag {};
struct HoursTag {};
struct KmTag {};
struct ParcelsTag {};

/// An amount of money in the scenario's currency and price year.
using Money = Measure<MoneyTag>;
/// A duration in hours.
using Hours = Measure<HoursTag>;
/// A distance in kilometres.
using Km = Measure<KmTag>;
/// A number of parcels (a flow per day where the field says so).
using Parcels = Measure<ParcelsTag>;

constexpr Hours days(double d) { return Hours(24.0 * d); }

}  // namespace corridor
