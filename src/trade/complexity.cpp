// compute_complexity(): the product space and economic complexity of a country × product
// export matrix, as Stata's `ecomplexity` (cid-harvard/ecomplexity, ecomplexity.ado,
// ecipci.ado, coicog.ado) computes them with its defaults (docs/niches.md):
//
//   RCA_cp = (x_cp / x_c) / (x_p / x)              Balassa (1965)
//   M_cp   = RCA_cp > threshold (1)                 strict, as Stata's `RCA :> rca`
//   d_c = Σ_p M_cp (diversity),  u_p = Σ_c M_cp (ubiquity)
//   φ_pq   = Σ_c M_cp M_cq / max(u_p, u_q),  φ_pp = 0     Hidalgo et al. (2007)
//   density_cp = Σ_q M_cq φ_qp / Σ_q φ_qp
//   kp = 2nd eigenvector of M̃ = U⁻¹ Mᵀ D⁻¹ M,  kc = D⁻¹ M kp, sign: corr(d, kc) > 0
//   eci = (kc − mean)/sd,  pci = (kp − mean)/sd  with ECI's mean and sd over the rows of
//         the country × product table (Stata's `sum eci` over Nc·Np rows)
//   coi_c = Σ_p density_cp (1 − M_cp) kp_p, standardised the same way
//   cog_cp = (1 − M_cp) Σ_q (1 − M_cq) φ_qp kp_q / Σ_r φ_qr, divided by ECI's sd
//
// Method: the eigenvector is found on the country side (Hausmann, Hidalgo et al. 2014,
// the Atlas: M̃'s nonzero eigenvalues are those of D⁻¹ M U⁻¹ Mᵀ, whose eigenvector is
// kc), symmetrised as B = D^-½ M U⁻¹ Mᵀ D^-½ (top eigenvector √d, eigenvalue 1) and
// solved by power iteration with the top one projected out, O(Nc²) per step, falling
// back to cyclic Jacobi rotations (Golub & Van Loan §8.5, O(Nc³) per sweep) when λ2 and
// λ3 are too close for it to converge; Nc ≈ 230 countries whatever the number of
// products. Proximity from the products' country bitsets, O(Np² · Nc/64) time and
// O(Np²) memory; density and COG in one cache-blocked pass, O(Σ_c d_c · Np).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "corridor/trade.hpp"

namespace corridor::trade {

namespace {

/// Eigenvalues (descending) and eigenvectors (columns of `v`, row-major n × n) of the
/// symmetric matrix `a` (destroyed), by cyclic Jacobi until the off-diagonal vanishes.
void jacobi(std::vector<double>& a,
            std::size_t n,
            std::vector<double>& values,
            std::vector<double>& v) {
  v.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) v[i * n + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0, diag = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) (i == j ? diag : off) += a[i * n + j] * a[i * n + j];
    if (off <= 1e-30 * std::max(diag, 1e-300)) break;
    for (std::size_t p = 0; p + 1 < n; ++p)
      for (std::size_t q = p + 1; q < n; ++q) {
        const double apq = a[p * n + q];
        if (std::abs(apq) < 1e-300) continue;
        const double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const double t =
            (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (std::size_t k = 0; k < n; ++k) {  // columns p, q
          const double akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) {  // rows p, q
          const double apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (std::size_t k = 0; k < n; ++k) {
          const double vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  values.resize(n);
  for (std::size_t i = 0; i < n; ++i) values[i] = a[i * n + i];
}

/// The eigenvector of the second largest eigenvalue of the symmetric positive
/// semi-definite `b` (n × n) whose largest is `top` (unit) with eigenvalue 1: power
/// iteration on b with `top` projected out, from `start`. Converges at the rate λ3/λ2;
/// returns false (leaving `v`) when the residual ‖b v − λ v‖ is not below 1e-13 within
/// the iteration budget, and the caller then uses Jacobi.
bool second_by_power(const std::vector<double>& b,
                     std::size_t n,
                     const std::vector<double>& top,
                     std::vector<double> start,
                     std::vector<double>& v,
                     double& lambda) {
  auto deflate_normalise = [&](std::vector<double>& x) {
    double dot = 0, norm = 0;
    for (std::size_t i = 0; i < n; ++i) dot += x[i] * top[i];
    for (std::size_t i = 0; i < n; ++i) {
      x[i] -= dot * top[i];
      norm += x[i] * x[i];
    }
    norm = std::sqrt(norm);
    if (norm == 0) return false;
    for (auto& e : x) e /= norm;
    return true;
  };
  v = std::move(start);
  if (!deflate_normalise(v)) return false;
  std::vector<double> w(n);
  for (int it = 0; it < 20000; ++it) {
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (std::size_t j = 0; j < n; ++j) sum += b[i * n + j] * v[j];
      w[i] = sum;
    }
    lambda = 0;
    for (std::size_t i = 0; i < n; ++i) lambda += w[i] * v[i];
    double res = 0;
    for (std::size_t i = 0; i < n; ++i) res += (w[i] - lambda * v[i]) * (w[i] - lambda * v[i]);
    if (std::sqrt(res) < 1e-13) return true;
    if (!deflate_normalise(w)) return false;
    v.swap(w);
  }
  return false;
}

/// Stata's `sum` over a country × product table in which each country has `rows` rows:
/// the mean over countries and the sample sd over all rows.
std::pair<double, double> row_moments(const std::vector<double>& per_country, double rows) {
  double n = 0, sum = 0;
  for (double v : per_country)
    if (std::isfinite(v)) {
      n += 1;
      sum += v;
    }
  const double mean = sum / n;
  double ss = 0;
  for (double v : per_country)
    if (std::isfinite(v)) ss += (v - mean) * (v - mean);
  return {mean, std::sqrt(rows * ss / (n * rows - 1))};
}

/// Keeps countries and products with a positive total (Stata drops the others).
void keep_positive(const Matrix& in, Complexity& out, std::vector<double>& x) {
  const std::size_t nc = in.countries.size(), np = in.products.size();
  std::vector<double> rs(nc, 0), cs(np, 0);
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t p = 0; p < np; ++p) {
      rs[c] += in.at(c, p);
      cs[p] += in.at(c, p);
    }
  std::vector<std::size_t> kc, kp;
  for (std::size_t c = 0; c < nc; ++c)
    if (rs[c] > 0) {
      kc.push_back(c);
      out.countries.push_back(in.countries[c]);
    }
  for (std::size_t p = 0; p < np; ++p)
    if (cs[p] > 0) {
      kp.push_back(p);
      out.products.push_back(in.products[p]);
    }
  x.resize(kc.size() * kp.size());
  for (std::size_t i = 0; i < kc.size(); ++i)
    for (std::size_t j = 0; j < kp.size(); ++j) x[i * kp.size() + j] = in.at(kc[i], kp[j]);
}

void rca_and_m(const std::vector<double>& x, double threshold, Complexity& r) {
  const std::size_t nc = r.countries.size(), np = r.np();
  std::vector<double> xc(nc, 0), xp(np, 0);
  double total = 0;
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t p = 0; p < np; ++p) {
      xc[c] += x[c * np + p];
      xp[p] += x[c * np + p];
      total += x[c * np + p];
    }
  r.rca.resize(nc * np);
  r.m.resize(nc * np);
  r.diversity.assign(nc, 0);
  r.ubiquity.assign(np, 0);
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t p = 0; p < np; ++p) {
      const double v = (x[c * np + p] / xc[c]) / (xp[p] / total);
      r.rca[c * np + p] = v;
      r.m[c * np + p] = v > threshold ? 1 : 0;
      r.diversity[c] += r.m[c * np + p];
      r.ubiquity[p] += r.m[c * np + p];
    }
}

// The x86-64 baseline has no POPCNT instruction: GCC's target_clones builds this loop
// twice and picks the POPCNT one at load time where the CPU has it (4x faster here).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CORRIDOR_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define CORRIDOR_POPCNT_CLONES
#endif

/// φ_pq = popcount(B_p & B_q) / max(u_p, u_q), row by row (twice the popcounts of one
/// triangle, but every write in order: mirroring into columns costs more here).
CORRIDOR_POPCNT_CLONES void cooccurrence(const std::vector<std::uint64_t>& bits,
                                         std::size_t words,
                                         std::size_t np,
                                         const std::vector<double>& ubiquity,
                                         std::vector<double>& proximity) {
  for (std::size_t p = 0; p < np; ++p) {
    const std::uint64_t* bp = &bits[p * words];
    double* row = &proximity[p * np];
    for (std::size_t q = 0; q < np; ++q) {
      const std::uint64_t* bq = &bits[q * words];
      int n = 0;
      for (std::size_t w = 0; w < words; ++w) n += __builtin_popcountll(bp[w] & bq[w]);
      row[q] = (n == 0 || q == p) ? 0.0 : n / std::max(ubiquity[p], ubiquity[q]);
    }
  }
}

/// Each country's product list, and proximity from the products' country bitsets: the
/// co-occurrence count of p and q is popcount(B_p & B_q), O(Np² · Nc/64).
std::vector<std::vector<std::size_t>> product_space(Complexity& r) {
  const std::size_t nc = r.countries.size(), np = r.np();
  const std::size_t words = (nc + 63) / 64;
  std::vector<std::vector<std::size_t>> lists(nc);
  std::vector<std::uint64_t> bits(np * words, 0);
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t p = 0; p < np; ++p)
      if (r.m[c * np + p] != 0U) {
        lists[c].push_back(p);
        bits[p * words + c / 64] |= std::uint64_t{1} << (c % 64);
      }
  r.proximity.assign(np * np, 0.0);
  cooccurrence(bits, words, np, r.ubiquity, r.proximity);
  return lists;
}

/// Density and COG in one pass over proximity: for every country the sums over its
/// products q of φ_q· (density's numerator) and of φ_q· g_q (COG's held part), blocked so
/// that a block of φ and the countries' accumulators stay in cache (a sparse-by-dense
/// product, O(Σ_c d_c · Np)).
void density_and_outlook(Complexity& r,
                         const std::vector<std::vector<std::size_t>>& lists,
                         const std::vector<double>& kp) {
  const std::size_t nc = r.countries.size(), np = r.np();
  std::vector<double> s(np, 0), g(np, 0), all(np, 0);
  for (std::size_t q = 0; q < np; ++q) {
    for (std::size_t p = 0; p < np; ++p) s[q] += r.proximity[q * np + p];
    g[q] = (s[q] > 0 && std::isfinite(kp[q])) ? kp[q] / s[q] : 0.0;
  }
  for (std::size_t q = 0; q < np; ++q)
    for (std::size_t p = 0; p < np; ++p) all[p] += r.proximity[q * np + p] * g[q];
  r.density.assign(nc * np, 0.0);
  std::vector<double> held(nc * np, 0.0);
  constexpr std::size_t kColumns = 512, kRows = 256;
  for (std::size_t p0 = 0; p0 < np; p0 += kColumns) {
    const std::size_t width = std::min(kColumns, np - p0);
    for (std::size_t q0 = 0; q0 < np; q0 += kRows)
      for (std::size_t c = 0; c < nc; ++c) {
        const auto& l = lists[c];
        auto it = std::lower_bound(l.begin(), l.end(), q0);
        double* d = &r.density[c * np + p0];
        double* h = &held[c * np + p0];
        for (; it != l.end() && *it < q0 + kRows; ++it) {
          const double* row = &r.proximity[*it * np + p0];
          const double gq = g[*it];
          for (std::size_t k = 0; k < width; ++k) {
            d[k] += row[k];
            h[k] += row[k] * gq;
          }
        }
      }
  }
  r.cog.assign(nc * np, 0.0);
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t p = 0; p < np; ++p) {
      double& d = r.density[c * np + p];
      d = s[p] > 0 ? d / s[p] : 0.0;
      r.cog[c * np + p] = r.m[c * np + p] != 0U ? 0.0 : all[p] - held[c * np + p];
    }
}

/// kc (raw, per country) and kp (raw, per product); NaN where diversity or ubiquity is 0.
void eigen_complexity(Complexity& r,
                      const std::vector<std::vector<std::size_t>>& lists,
                      std::vector<double>& kc,
                      std::vector<double>& kp) {
  const std::size_t nc = r.countries.size(), np = r.np();
  std::vector<std::size_t> live;
  for (std::size_t c = 0; c < nc; ++c)
    if (r.diversity[c] > 0) live.push_back(c);
  const std::size_t n = live.size();
  std::vector<double> b(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i; j < n; ++j) {
      const auto& li = lists[live[i]];
      const auto& lj = lists[live[j]];
      double sum = 0;
      for (std::size_t a = 0, k = 0; a < li.size() && k < lj.size();) {
        if (li[a] < lj[k]) {
          ++a;
        } else if (lj[k] < li[a]) {
          ++k;
        } else {
          sum += 1.0 / r.ubiquity[li[a]];
          ++a;
          ++k;
        }
      }
      b[i * n + j] = b[j * n + i] = sum / std::sqrt(r.diversity[live[i]] * r.diversity[live[j]]);
    }
  // B's top eigenvector is √d (eigenvalue 1); start from diversity, which ECI follows.
  std::vector<double> top(n), start(n), second;
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += r.diversity[live[i]];
  for (std::size_t i = 0; i < n; ++i) {
    top[i] = std::sqrt(r.diversity[live[i]] / total);
    start[i] = r.diversity[live[i]] + 0.5 * std::sin(static_cast<double>(i));
  }
  if (!second_by_power(b, n, top, start, second, r.eigenvalue)) {
    std::vector<double> values, vectors;
    jacobi(b, n, values, vectors);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto c) { return values[a] > values[c]; });
    const std::size_t k = n > 1 ? order[1] : order[0];
    r.eigenvalue = values[k];
    second.resize(n);
    for (std::size_t i = 0; i < n; ++i) second[i] = vectors[i * n + k];
  }
  std::vector<double> w(nc, 0.0);  // D^-½ w on the live countries
  for (std::size_t i = 0; i < n; ++i) w[live[i]] = second[i] / std::sqrt(r.diversity[live[i]]);
  kp.assign(np, kNaN);  // kp ∝ U⁻¹ Mᵀ kc
  for (std::size_t p = 0; p < np; ++p)
    if (r.ubiquity[p] > 0) kp[p] = 0;
  for (std::size_t c : live)
    for (std::size_t p : lists[c]) kp[p] += w[c];
  double norm = 0;
  for (std::size_t p = 0; p < np; ++p)
    if (r.ubiquity[p] > 0) {
      kp[p] /= r.ubiquity[p];
      norm += kp[p] * kp[p];
    }
  norm = std::sqrt(norm);
  for (auto& v : kp) v /= norm;  // unit length, as Mata's eigensystem
  kc.assign(nc, kNaN);           // Stata's kc = D⁻¹ M kp
  for (std::size_t c : live) {
    double sum = 0;
    for (std::size_t p : lists[c]) sum += kp[p];
    kc[c] = sum / r.diversity[c];
  }
  // Sign: complexity grows with diversity (ecipci.ado's eigensign).
  double md = 0, mk = 0;
  for (std::size_t c : live) {
    md += r.diversity[c];
    mk += kc[c];
  }
  md /= static_cast<double>(n);
  mk /= static_cast<double>(n);
  double cov = 0;
  for (std::size_t c : live) cov += (r.diversity[c] - md) * (kc[c] - mk);
  if (cov < 0) {
    for (auto& v : kc) v = -v;
    for (auto& v : kp) v = -v;
  }
}

}  // namespace

Complexity compute_complexity(const Matrix& exports, double rca_threshold) {
  Complexity r;
  std::vector<double> x;
  keep_positive(exports, r, x);
  const std::size_t nc = r.countries.size(), np = r.np();
  if (nc == 0 || np == 0) return r;
  rca_and_m(x, rca_threshold, r);
  const auto lists = product_space(r);
  std::vector<double> kc, kp;
  eigen_complexity(r, lists, kc, kp);
  density_and_outlook(r, lists, kp);
  const auto [mean, sd] = row_moments(kc, static_cast<double>(np));
  r.eci.resize(nc);
  r.pci.resize(np);
  for (std::size_t c = 0; c < nc; ++c) r.eci[c] = (kc[c] - mean) / sd;
  for (std::size_t p = 0; p < np; ++p) r.pci[p] = (kp[p] - mean) / sd;
  std::vector<double> coi(nc, 0);
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t p = 0; p < np; ++p)
      if (r.m[c * np + p] == 0U && std::isfinite(kp[p])) coi[c] += r.density[c * np + p] * kp[p];
  const auto [cmean, csd] = row_moments(coi, static_cast<double>(np));
  r.coi.resize(nc);
  for (std::size_t c = 0; c < nc; ++c) r.coi[c] = (coi[c] - cmean) / csd;
  for (auto& v : r.cog) v /= sd;
  return r;
}

}  // namespace corridor::trade
