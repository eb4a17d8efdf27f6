#pragma once
// Least squares with a prediction interval, and the Student t quantile it needs.
//
// Method: ordinary least squares y = a + b x over n points; the 95 % prediction interval
// of a new value at x0 is y0 ± t(0.975, n - 2) · s · sqrt(1 + 1/n + (x0 - x̄)² / Sxx), with
// s² = SSE / (n - 2) (Montgomery, Peck & Vining, Introduction to Linear Regression
// Analysis, 5th ed., §2.5). The t quantile inverts the t distribution's CDF,
// F(t) = 1 - I_{ν/(ν+t²)}(ν/2, 1/2) / 2 for t ≥ 0, by bisection; the regularized
// incomplete beta I by its continued fraction evaluated with the modified Lentz method
// (Press et al., Numerical Recipes, 3rd ed., §6.4). O(n) for the fit, O(60 × continued
// fraction terms) for the quantile.

#include <optional>
#include <vector>

namespace corridor::monitor::stats {

/// I_x(a, b), the regularized incomplete beta function, for 0 <= x <= 1, a, b > 0.
double incomplete_beta(double x, double a, double b);

/// The p-quantile of Student's t with `df` degrees of freedom (0.5 <= p < 1, df >= 1).
double student_t_quantile(double p, int df);

struct LineFit {
  double value = 0;          // the line at x0
  double low = 0, high = 0;  // the 95 % prediction interval (= value when n = 2)
};

/// The least-squares line through (x[i], y[i]) at x0; nullopt with fewer than 2 points
/// or when every x is the same.
std::optional<LineFit> project(const std::vector<double>& x,
                               const std::vector<double>& y,
                               double x0);

}  // namespace corridor::monitor::stats
