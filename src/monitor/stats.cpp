#include "stats.hpp"

#include <cassert>
#include <cmath>
#include <limits>

namespace corridor::monitor::stats {

namespace {

/// The continued fraction of I_x(a, b) (Numerical Recipes' betacf), modified Lentz.
double beta_fraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < kEps) break;
  }
  return h;
}

}  // namespace

double incomplete_beta(double x, double a, double b) {
  assert(x >= 0 && x <= 1 && a > 0 && b > 0);
  if (x == 0 || x == 1) return x;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(x, a, b) / a;
  return 1.0 - front * beta_fraction(1.0 - x, b, a) / b;
}

double student_t_quantile(double p, int df) {
  assert(p >= 0.5 && p < 1 && df >= 1);
  const double nu = df;
  const auto cdf = [nu](double t) {
    return 1.0 - 0.5 * incomplete_beta(nu / (nu + t * t), nu / 2, 0.5);
  };
  double lo = 0.0;
  double hi = 1.0;
  while (cdf(hi) < p) hi *= 2.0;
  for (int k = 0; k < 200 && hi - lo > 1e-12 * hi; ++k) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

std::optional<LineFit> project(const std::vector<double>& x,
                               const std::vector<double>& y,
                               double x0) {
  const std::size_t n = x.size();
  if (n < 2 || y.size() != n) return std::nullopt;
  double mx = 0;
  double my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxx = 0;
  double sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx == 0) return std::nullopt;
  const double b = sxy / sxx;
  const double a = my - b * mx;
  LineFit f;
  f.value = a + b * x0;
  f.low = f.high = f.value;
  if (n == 2) return f;  // no degree of freedom left for the spread
  double sse = 0;
  for (std::size_t i = 0; i < n; ++i) sse += (y[i] - a - b * x[i]) * (y[i] - a - b * x[i]);
  const double s = std::sqrt(sse / static_cast<double>(n - 2));
  const double half = student_t_quantile(0.975, static_cast<int>(n - 2)) * s *
                      std::sqrt(1.0 + 1.0 / static_cast<double>(n) + (x0 - mx) * (x0 - mx) / sxx);
  f.low = f.value - half;
  f.high = f.value + half;
  return f;
}

}  // namespace corridor::monitor::stats
