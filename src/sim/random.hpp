#pragma once
// Our own random numbers, so that a seed reproduces a run on any machine and with
// any standard library (std::*_distribution are implementation-defined).
//
// Generator: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 2021), period 2^256 - 1, seeded through splitmix64 (Steele,
// Lea & Flood 2014) so that nearby seeds give unrelated streams.
// Uniform doubles take the top 53 bits; exponentials are inverse-transform
// (-mean * log(1 - u)); normals are Box-Muller (one value per call: no cached state,
// so a stream's draws never depend on an earlier call's parity); lognormals are
// exp(normal) with mean and coefficient of variation as parameters; discrete choices
// use Walker's alias method (Vose 1991), O(n) to build and O(1) per draw.
// Each replication gets its own stream: stream_seed(seed, r) hashes both through
// splitmix64, so replication r's numbers do not depend on how many threads ran.

#include <cmath>
#include <cstdint>
#include <vector>

namespace corridor::sim {

/// splitmix64 step: advances `state` and returns the next output.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// Seed of replication (or sub-stream) `index` derived from a user seed.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t s = seed;
  const std::uint64_t a = splitmix64(s);
  std::uint64_t t = a ^ (index * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL);
  return splitmix64(t);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto& w : s_) w = splitmix64(sm);
  }

  /// Next 64 random bits (xoshiro256**).
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform on [0, 1), 53-bit resolution.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform on (0, 1]: safe to take the logarithm of.
  double uniform_pos() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  /// True with probability p.
  bool bernoulli(double p) { return uniform() < p; }
  /// Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64).
  std::uint64_t below(std::uint64_t n) {
    __extension__ using U128 = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<U128>(next()) * n) >> 64);
  }
  /// Exponential with the given mean (inverse transform).
  double exponential(double mean) { return -mean * std::log(uniform_pos()); }
  /// Standard normal (Box-Muller, cosine branch).
  double normal() {
    const double u1 = uniform_pos();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

/// How a positive duration varies around its mean.
enum class Dist { kDeterministic, kExponential, kLognormal };

/// A duration distribution with a given mean and, for lognormal, a coefficient of
/// variation (standard deviation / mean). Parameters are precomputed once.
class Duration {
 public:
  Duration() = default;
  Duration(Dist kind, double mean, double cv = 0.0) : kind_(kind), mean_(mean) {
    if (mean_ <= 0.0) kind_ = Dist::kDeterministic;
    if (kind_ == Dist::kLognormal) {
      if (cv <= 0.0) {
        kind_ = Dist::kDeterministic;
      } else {
        sigma_ = std::sqrt(std::log1p(cv * cv));
        mu_ = std::log(mean_) - 0.5 * sigma_ * sigma_;
      }
    }
  }
  [[nodiscard]] double mean() const { return mean_; }
  double sample(Rng& rng) const {
    switch (kind_) {
      case Dist::kDeterministic:
        return mean_;
      case Dist::kExponential:
        return rng.exponential(mean_);
      case Dist::kLognormal:
        return std::exp(mu_ + sigma_ * rng.normal());
    }
    return mean_;
  }

 private:
  Dist kind_ = Dist::kDeterministic;
  double mean_ = 0.0;
  double mu_ = 0.0;
  double sigma_ = 0.0;
};

/// Walker/Vose alias table over non-negative weights: O(1) draws.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(const std::vector<double>& weights) { build(weights); }
  /// Rebuilds over `weights`; returns the total weight.
  double build(const std::vector<double>& weights);
  [[nodiscard]] bool empty() const { return prob_.empty(); }
  [[nodiscard]] std::size_t size() const { return prob_.size(); }
  std::size_t sample(Rng& rng) const {
    const std::size_t i = static_cast<std::size_t>(rng.below(prob_.size()));
    return rng.uniform() < prob_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> prob_;
  std::vector<std::uint32_t> alias_;
  std::vector<std::uint32_t> small_, large_;  // scratch, kept to avoid reallocation
};

}  // namespace corridor::sim
