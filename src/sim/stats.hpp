#pragma once
// Streaming statistics: nothing here keeps one record per observation.
//
// - Histogram: fixed-width bins over [0, max) plus an overflow bin; exact count, sum,
//   min and max. Percentiles interpolate linearly inside the bin that holds the
//   requested rank, so a percentile below `max` is within one bin width of the exact
//   order statistic (half a bin on average for a smooth density). Overflowed values
//   report the exact maximum when the rank falls in the overflow bin.
// - TimeAverage: the integral of a piecewise-constant level (queue length, stock) over
//   a window, for time averages and the maximum.
// - student_t_975(df): the 97.5 % quantile of Student's t, exact table for df <= 30,
//   Cornish-Fisher expansion beyond (error < 1e-4), for 95 % confidence intervals.
// - summarise(values): mean and the 95 % CI half-width across replications.

#include <cstdint>
#include <limits>
#include <vector>

namespace corridor::sim {

class Histogram {
 public:
  Histogram() = default;
  Histogram(double bin_width, double max_value);
  void add(double x) {
    ++count_;
    sum_ += x;
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
    const double b = x * inv_width_;
    const std::size_t i = b < 0.0 ? 0 : static_cast<std::size_t>(b);
    ++bins_[i < bins_.size() - 1 ? i : bins_.size() - 1];
  }
  void merge(const Histogram& other);
  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] double sum() const { return sum_; }
  [[nodiscard]] double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  [[nodiscard]] double max() const { return count_ ? max_ : 0.0; }
  [[nodiscard]] double min() const { return count_ ? min_ : 0.0; }
  /// The q-quantile (0 < q < 1), 0 when empty.
  [[nodiscard]] double quantile(double q) const;
  /// Number of observations <= x (exact when x is a bin edge).
  [[nodiscard]] std::uint64_t count_below(double x) const;
  [[nodiscard]] double bin_width() const { return width_; }

 private:
  double width_ = 1.0;
  double inv_width_ = 1.0;
  std::vector<std::uint64_t> bins_ = std::vector<std::uint64_t>(1, 0);  // last = overflow
  std::uint64_t count_ = 0;
  double sum_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

/// Time integral of a piecewise-constant level observed from `start` on.
class TimeAverage {
 public:
  void reset(double start, double level) {
    start_ = last_ = start;
    level_ = level;
    area_ = 0.0;
    max_ = level;
  }
  void set(double t, double level) {
    if (t > last_) {
      area_ += level_ * (t - last_);
      last_ = t;
    }
    level_ = level;
    if (level > max_) max_ = level;
  }
  void add(double t, double delta) { set(t, level_ + delta); }
  [[nodiscard]] double level() const { return level_; }
  /// Mean level over [start, t].
  [[nodiscard]] double mean(double t) const {
    const double a = area_ + level_ * (t > last_ ? t - last_ : 0.0);
    return t > start_ ? a / (t - start_) : level_;
  }
  [[nodiscard]] double area(double t) const {
    return area_ + level_ * (t > last_ ? t - last_ : 0.0);
  }
  [[nodiscard]] double max() const { return max_; }

 private:
  double start_ = 0.0;
  double last_ = 0.0;
  double level_ = 0.0;
  double area_ = 0.0;
  double max_ = 0.0;
};

/// 97.5 % quantile of Student's t with `df` degrees of freedom (df >= 1).
double student_t_975(int df);

struct Summary {
  double mean = 0.0;
  double ci95 = 0.0;  // half-width of the 95 % confidence interval (0 with one value)
  double min = 0.0;
  double max = 0.0;
};

/// Mean and Student-t 95 % CI half-width of independent replications' values.
Summary summarise(const std::vector<double>& values);

}  // namespace corridor::sim
