// analyse(): the measures of docs/niches.md for both directions (from → to and back),
// the two lists and their rank stability.
//
//   RCA_ik (Balassa 1965) and its symmetric form (RCA − 1)/(RCA + 1) (Laursen 2015)
//   export specialisation ES_ijk = (x_ijk / x_ij) / (m_jk / m_j)
//   complementarity C_ij = 100 (1 − Σ_k |m_jk/m_j − x_ik/x_i| / 2)   (Michaely 1996)
//   trade intensity T_ij = (x_ij / x_i) / (m_j / w)                  (Brown 1949)
//   export potential, in the manner of ITC's EPI (Decreux & Spies 2016):
//     supply s_ik = x_ik / w_k, demand D_jk = m_jk, access a_ijk = 1/(1 + tariff)
//     ease e_ij = x_ij / Σ_k s_ik D_jk a_ijk
//     potential PV_ijk = s_ik D_jk a_ijk e_ij, untapped = max(0, PV_ijk − x_ijk)
//   lists: grow (RCA ≥ 1, untapped > 0, by untapped), diversify (RCA < 1, density in
//   the exporter's top quartile of RCA < 1 products, COG > 0, market imports > 0, by COG)
//
// Stability: the lists again with every value of one input table multiplied by a
// mean-one lognormal noise (our seeded generator, so runs repeat on any machine), and
// with each year dropped when several are averaged. O(runs × complexity).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "corridor/trade.hpp"
#include "prepare.hpp"

namespace corridor::trade {

namespace {

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

/// The row of `key`, or `n` times `fill` when the table has none.
template <typename Key>
std::vector<double> row_of(const std::map<Key, std::vector<double>>& m,
                           const Key& key,
                           std::size_t n,
                           double fill) {
  auto it = m.find(key);
  return it != m.end() ? it->second : std::vector<double>(n, fill);
}

/// The market-access factor and its note for one product (the most specific row wins).
/// The market-access facts of one product (the most specific row wins): sets the
/// factor, the tariff and whether a registration is missing.
void apply_access(const TradeData& data,
                  const std::string& from,
                  const std::string& to,
                  ProductScore& s) {
  const MarketAccess* best = nullptr;
  for (const auto& a : data.access)
    if (a.exporter == from && a.importer == to &&
        (s.product.rfind(a.product, 0) == 0 || a.product.rfind(s.product, 0) == 0) &&
        (best == nullptr || a.product.size() > best->product.size()))
      best = &a;
  if (best == nullptr) return;
  if (best->tariff_pct) {
    s.tariff_pct = *best->tariff_pct;
    s.access = 1.0 / (1.0 + *best->tariff_pct / 100.0);
  }
  s.registration_missing = best->registration_required && !best->registered;
}

/// "; tariff 25%, exporters must register first" or "".
std::string access_note(const ProductScore& s) {
  std::string note;
  if (std::isfinite(s.tariff_pct)) note = fmt::format("tariff {}%", s.tariff_pct);
  if (s.registration_missing)
    note += std::string(note.empty() ? "" : ", ") + "exporters must register first";
  return note.empty() ? note : "; " + note;
}

std::string usd(double v) {
  if (std::abs(v) >= 1e9) return fmt::format("US${:.2f} bn", v / 1e9);
  if (std::abs(v) >= 1e6) return fmt::format("US${:.1f} m", v / 1e6);
  return fmt::format("US${:.0f} k", v / 1e3);
}

/// The heading's class where mode_classes.csv has one, else the chapter's.
std::string mode_of(const TradeData& data, const std::string& product) {
  const ModeClass* best = nullptr;
  for (const auto& c : data.modes)
    if (product.rfind(c.hs, 0) == 0 && (best == nullptr || c.hs.size() > best->hs.size()))
      best = &c;
  return best != nullptr ? best->cls : "";
}

struct Context {
  const TradeData& data;
  const Prepared& prep;
  const Complexity& cx;
  const Options& opt;
};

void fill_products(const Context& ctx, DirectionResult& d, std::size_t ci) {
  const auto& p = ctx.prep;
  const std::size_t np = p.exports.products.size();
  const auto pair = std::make_pair(d.from, d.to);
  const std::vector<double> m = row_of(p.imports, d.to, np, 0.0);
  const std::vector<double> x = row_of(p.flows, pair, np, 0.0);
  const std::vector<double> q = row_of(p.tonnes, pair, np, kNaN);
  std::vector<double> world(np, 0.0);
  for (std::size_t c = 0; c < p.exports.countries.size(); ++c)
    for (std::size_t k = 0; k < np; ++k) world[k] += p.exports.at(c, k);
  std::map<std::string, std::size_t> cxp;
  for (std::size_t k = 0; k < ctx.cx.np(); ++k) cxp[ctx.cx.products[k]] = k;
  std::size_t cxc = ctx.cx.countries.size();
  for (std::size_t c = 0; c < ctx.cx.countries.size(); ++c)
    if (ctx.cx.countries[c] == d.from) cxc = c;
  const double mj = sum(m);
  for (std::size_t k = 0; k < np; ++k) {
    if (m[k] <= 0 && x[k] <= 0) continue;
    ProductScore s;
    s.product = p.exports.products[k];
    s.actual = x[k];
    s.quantity_t = q[k];
    s.exporter_exports = p.exports.at(ci, k);
    s.world_exports = world[k];
    s.market_imports = m[k];
    s.supply = world[k] > 0 ? s.exporter_exports / world[k] : 0.0;
    s.demand = m[k];
    apply_access(ctx.data, d.from, d.to, s);
    if (d.total_actual > 0 && m[k] > 0) s.specialisation = (x[k] / d.total_actual) / (m[k] / mj);
    auto it = cxp.find(s.product);
    if (it != cxp.end() && cxc < ctx.cx.countries.size()) {
      const std::size_t j = cxc * ctx.cx.np() + it->second;
      s.rca = ctx.cx.rca[j];
      s.rca_sym = (s.rca - 1) / (s.rca + 1);
      s.density = ctx.cx.density[j];
      s.distance = 1 - s.density;
      s.pci = ctx.cx.pci[it->second];
      s.cog = ctx.cx.cog[j];
    } else {
      s.rca = 0;
      s.rca_sym = -1;
    }
    s.mode_class = mode_of(ctx.data, s.product);
    d.products.push_back(std::move(s));
  }
}

void potential(DirectionResult& d) {
  double hyp = 0;
  for (const auto& s : d.products) hyp += s.supply * s.demand * s.access;
  d.ease = hyp > 0 ? d.total_actual / hyp : kNaN;
  for (auto& s : d.products) {
    s.potential = std::isfinite(d.ease) ? s.supply * s.demand * s.access * d.ease : 0.0;
    s.untapped = std::max(0.0, s.potential - s.actual);
  }
}

void rank_lists(DirectionResult& d, const Options& opt) {
  std::vector<double> dens;
  for (const auto& s : d.products)
    if (s.rca < 1 && std::isfinite(s.density)) dens.push_back(s.density);
  std::sort(dens.begin(), dens.end());
  const double cut = dens.empty()
                         ? 0.0
                         : dens[static_cast<std::size_t>(opt.density_quantile *
                                                         static_cast<double>(dens.size() - 1))];
  d.grow.clear();
  d.diversify.clear();
  for (std::size_t i = 0; i < d.products.size(); ++i) {
    const auto& s = d.products[i];
    if (s.rca >= 1 && s.untapped > 0) d.grow.push_back(i);
    if (s.rca < 1 && std::isfinite(s.density) && s.density >= cut && s.cog > 0 &&
        s.market_imports >= opt.min_market_imports && s.market_imports > 0)
      d.diversify.push_back(i);
  }
  const auto by = [&](auto key) {
    return [&, key](std::size_t a, std::size_t b) {
      const double ka = key(d.products[a]), kb = key(d.products[b]);
      return ka != kb ? ka > kb : d.products[a].product < d.products[b].product;
    };
  };
  std::sort(d.grow.begin(), d.grow.end(), by([](const ProductScore& s) { return s.untapped; }));
  std::sort(
      d.diversify.begin(), d.diversify.end(), by([](const ProductScore& s) { return s.cog; }));
}

void reasons(DirectionResult& d) {
  for (std::size_t i : d.grow) {
    auto& s = d.products[i];
    s.reason = fmt::format("RCA {:.1f}; {} imports {}, {} sells {}; potential {}, untapped {}{}",
                           s.rca,
                           d.to,
                           usd(s.market_imports),
                           d.from,
                           usd(s.actual),
                           usd(s.potential),
                           usd(s.untapped),
                           access_note(s));
  }
  for (std::size_t i : d.diversify) {
    auto& s = d.products[i];
    s.reason = fmt::format(
        "RCA {:.2f}; density {:.3f} (close to what {} already exports); "
        "opportunity gain {:.2f}; {} imports {}{}",
        s.rca,
        s.density,
        d.from,
        s.cog,
        d.to,
        usd(s.market_imports),
        access_note(s));
  }
}

DirectionResult direction(const Context& ctx, const std::string& from, const std::string& to) {
  DirectionResult d;
  d.from = from;
  d.to = to;
  const auto& p = ctx.prep;
  const std::size_t np = p.exports.products.size();
  const std::size_t ci = p.country_index.at(from);
  const std::vector<double> m = row_of(p.imports, to, np, 0.0);
  auto fit = p.flows.find({from, to});
  d.total_actual = fit != p.flows.end() ? sum(fit->second) : 0.0;
  double world = 0;
  for (double v : p.exports.x) world += v;
  for (std::size_t k = 0; k < np; ++k) d.from_exports += p.exports.at(ci, k);
  d.to_imports = sum(m);
  const std::vector<double> xi(p.exports.x.begin() + static_cast<std::ptrdiff_t>(ci * np),
                               p.exports.x.begin() + static_cast<std::ptrdiff_t>((ci + 1) * np));
  d.complementarity = complementarity(xi, m);
  if (d.from_exports > 0 && d.to_imports > 0)
    d.intensity = (d.total_actual / d.from_exports) / (d.to_imports / world);
  for (std::size_t c = 0; c < ctx.cx.countries.size(); ++c)
    if (ctx.cx.countries[c] == from) {
      d.eci_from = ctx.cx.eci[c];
      d.coi_from = ctx.cx.coi[c];
    }
  fill_products(ctx, d, ci);
  potential(d);
  std::map<std::string, double> by_mode;
  for (const auto& s : d.products)
    if (s.untapped > 0) by_mode[s.mode_class.empty() ? "unclassified" : s.mode_class] += s.untapped;
  d.untapped_by_mode.assign(by_mode.begin(), by_mode.end());
  std::sort(d.untapped_by_mode.begin(), d.untapped_by_mode.end(), [](const auto& a, const auto& b) {
    return a.second > b.second;
  });
  rank_lists(d, ctx.opt);
  reasons(d);
  return d;
}

void check_options(const Prepared& p, const Options& opt) {
  DiagnosticSink sink;
  if (opt.from == opt.to)
    sink.error(ErrorCode::kBadOption,
               "",
               0,
               0,
               "--to",
               fmt::format("the market is the exporter (got {} for both, expected two "
                           "countries)",
                           opt.from));
  for (const auto& [field, c] : {std::pair{"--from", opt.from}, std::pair{"--to", opt.to}}) {
    if (p.country_index.count(c) == 0U) {
      sink.error(ErrorCode::kUnknownCountry,
                 "",
                 0,
                 0,
                 field,
                 fmt::format("no exports of this country in the data (got {}, expected an "
                             "exporter of the exports table such as KAZ or CHN)",
                             c));
      continue;
    }
    auto it = p.imports.find(c);
    if (it == p.imports.end() ||
        std::all_of(it->second.begin(), it->second.end(), [](double v) { return v <= 0; }))
      sink.error(ErrorCode::kEmptyMarket,
                 "",
                 0,
                 0,
                 field,
                 fmt::format("an empty market: the imports table has no imports of {} in the "
                             "years asked (expected its imports by product)",
                             c));
  }
  for (const auto& [a, b] : {std::pair{opt.from, opt.to}, std::pair{opt.to, opt.from}}) {
    auto it = p.flows.find({a, b});
    if (it == p.flows.end() || sum(it->second) <= 0)
      sink.error(ErrorCode::kEmptyMarket,
                 "",
                 0,
                 0,
                 "flows",
                 fmt::format("no trade from {} to {} in the flows table in the years asked "
                             "(expected the bilateral flows by product; the ease of trade "
                             "cannot be estimated without them)",
                             a,
                             b));
  }
  if (opt.hs_digits != 2 && opt.hs_digits != 4 && opt.hs_digits != 6)
    sink.error(ErrorCode::kBadOption,
               "",
               0,
               0,
               "--hs",
               fmt::format("not an HS level (got {}, expected 2, 4 or 6)", opt.hs_digits));
  sink.throw_if_errors();
}

struct Run {
  DirectionResult forward, reverse;
};

Run run_once(const TradeData& data, const Prepared& p, const Options& opt) {
  const Complexity cx = compute_complexity(p.exports, opt.rca_threshold);
  const Context ctx{data, p, cx, opt};
  return {direction(ctx, opt.from, opt.to), direction(ctx, opt.to, opt.from)};
}

/// splitmix64 (Steele, Lea & Flood 2014) and Box–Muller: the same draws everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  double uniform() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;
  }
  double normal() {
    return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * 3.141592653589793 * uniform());
  }

 private:
  std::uint64_t s_;
};

void perturb(std::vector<double>& v, Rng& rng, double sigma) {
  for (auto& x : v)
    if (x > 0) x *= std::exp(sigma * rng.normal() - sigma * sigma / 2);
}

/// Ranks of the base lists' products over every run.
void record(DirectionResult& base,
            const DirectionResult& run,
            std::size_t top,
            std::vector<std::vector<int>>& ranks_grow,
            std::vector<std::vector<int>>& ranks_div) {
  auto rank_in = [&](const std::vector<std::size_t>& list, const std::string& product) {
    for (std::size_t r = 0; r < list.size(); ++r)
      if (run.products[list[r]].product == product) return static_cast<int>(r + 1);
    return 0;
  };
  for (std::size_t r = 0; r < std::min(top, base.grow.size()); ++r)
    ranks_grow[r].push_back(rank_in(run.grow, base.products[base.grow[r]].product));
  for (std::size_t r = 0; r < std::min(top, base.diversify.size()); ++r)
    ranks_div[r].push_back(rank_in(run.diversify, base.products[base.diversify[r]].product));
}

void summarise(DirectionResult& d,
               const std::vector<std::size_t>& list,
               std::size_t top,
               const std::vector<std::vector<int>>& ranks) {
  for (std::size_t r = 0; r < std::min(top, list.size()); ++r) {
    auto& s = d.products[list[r]];
    s.rank = static_cast<int>(r + 1);
    int lo = s.rank, hi = s.rank, in_top = 0;
    bool dropped = false;
    for (int k : ranks[r]) {
      if (k == 0) {
        dropped = true;
        continue;
      }
      lo = std::min(lo, k);
      hi = std::max(hi, k);
      if (static_cast<std::size_t>(k) <= top) ++in_top;
    }
    s.rank_min = lo;
    s.rank_max = dropped ? 0 : hi;  // 0: falls out of the list in some run
    s.in_list_share = ranks[r].empty() ? 1.0 : static_cast<double>(in_top) / ranks[r].size();
  }
}

}  // namespace

double complementarity(const std::vector<double>& exports, const std::vector<double>& imports) {
  const double sx = sum(exports), sm = sum(imports);
  if (sx <= 0 || sm <= 0 || exports.size() != imports.size()) return kNaN;
  double diff = 0;
  for (std::size_t k = 0; k < exports.size(); ++k)
    diff += std::abs(imports[k] / sm - exports[k] / sx);
  return 100 * (1 - diff / 2);
}

NichesResult analyse(const TradeData& data, const Options& opt) {
  Prepared p = prepare(data, opt.years, opt.hs_digits);
  check_options(p, opt);
  NichesResult r;
  r.data_name = data.name;
  r.fingerprint = fingerprint(data);
  r.years = p.years;
  r.hs_digits = opt.hs_digits;
  r.n_countries = p.exports.countries.size();
  r.n_products = p.exports.products.size();
  r.warnings = data.warnings;
  Run base = run_once(data, p, opt);
  const std::size_t top = opt.top;
  std::vector<std::vector<int>> fg(top), fd(top), rg(top), rd(top);
  auto add = [&](const Run& run, std::string note) {
    record(base.forward, run.forward, top, fg, fd);
    record(base.reverse, run.reverse, top, rg, rd);
    r.stability_notes.push_back(std::move(note));
  };
  Rng rng(opt.seed);
  for (int k = 0; k < opt.perturbations; ++k) {
    Prepared q = p;
    perturb(q.exports.x, rng, opt.perturb_sigma);
    add(run_once(data, q, opt), fmt::format("exports x lognormal({})", opt.perturb_sigma));
  }
  const Complexity cx = compute_complexity(p.exports, opt.rca_threshold);
  for (const char* table : {"imports", "flows"})
    for (int k = 0; k < opt.perturbations; ++k) {
      Prepared q = p;
      if (std::string(table) == "imports")
        for (auto& [c, v] : q.imports) perturb(v, rng, opt.perturb_sigma);
      else
        for (auto& [c, v] : q.flows) perturb(v, rng, opt.perturb_sigma);
      const Context ctx{data, q, cx, opt};
      add({direction(ctx, opt.from, opt.to), direction(ctx, opt.to, opt.from)},
          fmt::format("{} x lognormal({})", table, opt.perturb_sigma));
    }
  if (p.years.size() > 1)
    for (int y : p.years) {
      std::vector<int> rest;
      for (int z : p.years)
        if (z != y) rest.push_back(z);
      add(run_once(data, prepare(data, rest, opt.hs_digits), opt), fmt::format("without {}", y));
    }
  summarise(base.forward, base.forward.grow, top, fg);
  summarise(base.forward, base.forward.diversify, top, fd);
  summarise(base.reverse, base.reverse.grow, top, rg);
  summarise(base.reverse, base.reverse.diversify, top, rd);
  r.stability_runs = r.stability_notes.size();
  r.forward = std::move(base.forward);
  r.reverse = std::move(base.reverse);
  return r;
}

}  // namespace corridor::trade
