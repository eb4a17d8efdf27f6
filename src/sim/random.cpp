#include "random.hpp"

namespace corridor::sim {

double AliasTable::build(const std::vector<double>& weights) {
  const std::size_t n = weights.size();
  prob_.assign(n, 0.0);
  alias_.assign(n, 0);
  double total = 0.0;
  for (double w : weights) total += w > 0.0 ? w : 0.0;
  if (n == 0) return 0.0;
  if (total <= 0.0) {
    for (std::size_t i = 0; i < n; ++i) {
      prob_[i] = 1.0;
      alias_[i] = static_cast<std::uint32_t>(i);
    }
    return 0.0;
  }
  std::vector<double> scaled(n);
  small_.clear();
  large_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = (weights[i] > 0.0 ? weights[i] : 0.0) * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small_ : large_).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small_.empty() && !large_.empty()) {
    const std::uint32_t s = small_.back();
    small_.pop_back();
    const std::uint32_t l = large_.back();
    prob_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large_.pop_back();
      small_.push_back(l);
    }
  }
  // Whatever is left has (up to rounding) probability one of keeping itself.
  for (std::uint32_t i : large_) {
    prob_[i] = 1.0;
    alias_[i] = i;
  }
  for (std::uint32_t i : small_) {
    prob_[i] = scaled[i] > 0.0 ? 1.0 : 0.0;
    alias_[i] = i;
    if (scaled[i] <= 0.0) {
      // A zero-weight leftover can only arise from rounding; point it at any positive.
      for (std::size_t j = 0; j < n; ++j)
        if (weights[j] > 0.0) {
          alias_[i] = static_cast<std::uint32_t>(j);
          break;
        }
    }
  }
  return total;
}

}  // namespace corridor::sim
