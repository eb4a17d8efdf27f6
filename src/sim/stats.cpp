#include "stats.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace corridor::sim {

Histogram::Histogram(double bin_width, double max_value)
    : width_(bin_width), inv_width_(1.0 / bin_width) {
  if (!(bin_width > 0.0) || !(max_value > bin_width))
    throw std::invalid_argument("Histogram: need 0 < bin_width < max_value");
  bins_.assign(static_cast<std::size_t>(std::ceil(max_value / bin_width)) + 1, 0);
}

void Histogram::merge(const Histogram& other) {
  if (other.bins_.size() != bins_.size() || other.width_ != width_)
    throw std::invalid_argument("Histogram::merge: different binning");
  for (std::size_t i = 0; i < bins_.size(); ++i) bins_[i] += other.bins_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Histogram::quantile(double q) const {
  if (count_ == 0) return 0.0;
  // Rank in (0, count]: the smallest value with at least q * count observations <= it.
  const double rank = q * static_cast<double>(count_);
  double cum = 0.0;
  const std::size_t last = bins_.size() - 1;
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    const double c = static_cast<double>(bins_[i]);
    if (c > 0.0 && cum + c >= rank) {
      if (i == last) return max_;
      const double lo = std::max(static_cast<double>(i) * width_, min_);
      const double hi = std::min(static_cast<double>(i + 1) * width_, max_);
      const double frac = (rank - cum) / c;
      return lo + (hi > lo ? (hi - lo) * frac : 0.0);
    }
    cum += c;
  }
  return max_;
}

std::uint64_t Histogram::count_below(double x) const {
  const double b = x * inv_width_;
  if (b <= 0.0) return 0;
  const std::size_t n = std::min(static_cast<std::size_t>(b), bins_.size() - 1);
  std::uint64_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += bins_[i];
  return c;
}

double student_t_975(int df) {
  static const double kTable[31] = {0,      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646,
                                    2.3060, 2.2622,  2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314,
                                    2.1199, 2.1098,  2.1009, 2.0930, 2.0860, 2.0796, 2.0739, 2.0687,
                                    2.0639, 2.0595,  2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df < 1) return 0.0;
  if (df <= 30) return kTable[df];
  // Cornish-Fisher expansion of t around the normal quantile z (Abramowitz & Stegun 26.7.5).
  const double z = 1.959963984540054;
  const double n = static_cast<double>(df);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n) +
         (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * n * n * n * n);
}

Summary summarise(const std::vector<double>& values) {
  Summary s;
  if (values.empty()) return s;
  double sum = 0.0;
  s.min = values.front();
  s.max = values.front();
  for (double v : values) {
    sum += v;
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
  }
  const double n = static_cast<double>(values.size());
  s.mean = sum / n;
  if (values.size() > 1) {
    double ss = 0.0;
    for (double v : values) ss += (v - s.mean) * (v - s.mean);
    const double sd = std::sqrt(ss / (n - 1.0));
    s.ci95 = student_t_975(static_cast<int>(values.size()) - 1) * sd / std::sqrt(n);
  }
  return s;
}

}  // namespace corridor::sim
