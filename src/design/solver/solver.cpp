// Lagrangian branch and bound for the design model; see solver.hpp for the method.
#include "solver.hpp"

#include <fmt/format.h>

#include <ClpSimplex.hpp>
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <ostream>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "chunks.hpp"
#include "corridor/error.hpp"
#include "fixed_lp.hpp"
#include "formulation.hpp"
#include "knapsack.hpp"

namespace corridor::design::solver {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kClosedBit = 1U;
constexpr int kMaxOptions = 31;
// Above this many arcs the LP relaxation (one linking row per arc) is not solved to
// seed the multipliers: at 400k arcs Clp needs minutes for it (bench/README.md).
constexpr std::size_t kLpSeedMaxArcs = 100000;

std::uint32_t option_bit(int k) { return 1U << (k + 1); }

// Tunables of the dual ascent and the tree (one place, with their meaning).
struct Tuning {
  int root_iterations = 3000;   // volume iterations at the root
  int node_iterations = 250;    // volume iterations at other nodes
  int stall_window_root = 100;  // stop when the bound gains < stall_gain over this many
  int stall_window_node = 40;
  double stall_gain = 1e-6;        // relative to max(1, |bound|)
  double stall_gap_share = 0.02;   // or < this share of the gap to the incumbent
  int root_heuristic_every = 100;  // primal heuristic during the root ascent
  double lp_start_seconds = 20.0;  // cap on the LP relaxation that seeds the root
  double close_gap = 0.01;         // relative gap below which stall_gap_share applies
  double alpha = 0.1;              // volume averaging weight of the newest primal
  double f_start = 0.1;            // step factor (Polyak) at the start of each node
  int red_limit = 20;              // non-improving steps before the factor shrinks
  double f_shrink = 0.66;
  double f_grow = 1.1;
  double f_min = 1e-5;
  double scan_gap = 0.005;  // gap to the root bound above which single moves are scanned
  int scan_stall = 50;      // ... once this many nodes passed without a better plan
  int scan_cycles = 10;     // at most this many passes over the single moves
};

struct Clock {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

// The model reorganised for fast Lagrangian evaluations.
struct Prepared {
  const Model& m;
  int nf = 0, nc = 0, nr = 0;
  int dim = 0;  // multipliers: lambda (nc), mu (nr), rho (1 if max_open)
  int rho_index = -1;
  std::vector<int> arc_begin;  // CSR over facilities
  std::vector<int> arc_id, arc_cust;
  std::vector<double> arc_cost;
  std::vector<int> sup_begin, sup_id;  // supply paths per facility (needs_supply only)
  std::vector<int> dir_begin, dir_id;  // direct paths per customer
  std::vector<int> opt_begin;          // flat (facility, option) index
  double required = 0.0;               // demand only facilities can serve (no unmet)
  bool unmet = false;
  double penalty = 0.0;

  struct Cheapest {
    double cost = kInf;  // unit cost + mu of its resources; kInf without a path
    int path = -1;
  };
  /// Facility i's cheapest supply path under the resource multipliers mu.
  [[nodiscard]] Cheapest cheapest_supply(int i, const double* mu) const {
    return cheapest(m.supply, sup_id, sup_begin[i], sup_begin[i + 1], mu);
  }
  /// Customer j's cheapest direct path under mu.
  [[nodiscard]] Cheapest cheapest_direct(int j, const double* mu) const {
    return cheapest(m.direct, dir_id, dir_begin[j], dir_begin[j + 1], mu);
  }

  explicit Prepared(const Model& model) : m(model) {
    nf = static_cast<int>(m.facilities.size());
    nc = static_cast<int>(m.demand.size());
    nr = static_cast<int>(m.resources.size());
    dim = nc + nr + (m.max_open ? 1 : 0);
    if (m.max_open) rho_index = nc + nr;
    arc_begin.assign(nf + 1, 0);
    for (const auto& a : m.arcs) ++arc_begin[a.facility + 1];
    for (int i = 0; i < nf; ++i) arc_begin[i + 1] += arc_begin[i];
    std::vector<int> fill(arc_begin.begin(), arc_begin.end() - 1);
    const auto na = m.arcs.size();
    arc_id.resize(na);
    arc_cust.resize(na);
    arc_cost.resize(na);
    for (int a = 0; a < static_cast<int>(na); ++a) {
      const int p = fill[m.arcs[a].facility]++;
      arc_id[p] = a;
      arc_cust[p] = m.arcs[a].customer;
      arc_cost[p] = m.arcs[a].unit_cost;
    }
    sup_begin.assign(nf + 1, 0);
    if (m.needs_supply) {
      for (const auto& s : m.supply) ++sup_begin[s.facility + 1];
      for (int i = 0; i < nf; ++i) sup_begin[i + 1] += sup_begin[i];
      std::vector<int> f2(sup_begin.begin(), sup_begin.end() - 1);
      sup_id.resize(m.supply.size());
      for (int p = 0; p < static_cast<int>(m.supply.size()); ++p)
        sup_id[f2[m.supply[p].facility]++] = p;
    }
    dir_begin.assign(nc + 1, 0);
    for (const auto& d : m.direct) ++dir_begin[d.customer + 1];
    for (int j = 0; j < nc; ++j) dir_begin[j + 1] += dir_begin[j];
    std::vector<int> f3(dir_begin.begin(), dir_begin.end() - 1);
    dir_id.resize(m.direct.size());
    for (int q = 0; q < static_cast<int>(m.direct.size()); ++q)
      dir_id[f3[m.direct[q].customer]++] = q;
    opt_begin.assign(nf + 1, 0);
    for (int i = 0; i < nf; ++i)
      opt_begin[i + 1] = opt_begin[i] + static_cast<int>(m.facilities[i].options.size());
    unmet = m.unmet_penalty.has_value();
    penalty = unmet ? *m.unmet_penalty : 0.0;
    if (!unmet)
      for (int j = 0; j < nc; ++j)
        if (dir_begin[j + 1] == dir_begin[j]) required += m.demand[j];
  }

 private:
  template <class Path>
  static Cheapest cheapest(const std::vector<Path>& paths,
                           const std::vector<int>& ids,
                           int begin,
                           int end,
                           const double* mu) {
    Cheapest best;
    for (int t = begin; t < end; ++t) {
      const Path& path = paths[ids[t]];
      double c = path.unit_cost;
      for (int r : path.resources) c += mu[r];
      if (c < best.cost) best = {c, ids[t]};
    }
    return best;
  }
};

// One Lagrangian evaluation and what the tree needs from it.
struct Eval {
  double bound = -kInf;
  bool infeasible = false;         // the relaxed open-decision problem has no solution
  std::vector<double> grad;        // subgradient (dim)
  std::vector<int> choice;         // per facility: option or -1
  std::vector<double> value;       // per (facility, option): Lagrangian value
  std::vector<double> best_value;  // per facility: min over allowed options
  std::vector<int> best_option;    // argmin (or -1 if none allowed)
  double y_value = 0.0;            // value of the open-decision problem
  double constant = 0.0;           // bound - y_value
  // For the covering knapsack (reused by reduced-cost fixing).
  bool cover_active = false;
  double cover_taken_capacity = 0.0;
  double cover_taken_value = 0.0;
  std::vector<CoverItem> items;  // free facilities with positive value, sorted
};

class Evaluator {
 public:
  Evaluator(const Prepared& p, int threads) : p_(p), chunks_(threads) {
    neg_end_.resize(p.nf);
    neg_.resize(p.m.arcs.size());
    supply_cost_.resize(p.nf);
    supply_path_.resize(p.nf);
    flow_.resize(p.nf);
    served_.resize(p.nc);
  }

  void evaluate(const std::vector<double>& mult,
                const std::vector<std::uint32_t>& allowed,
                Eval& e) {
    const Model& m = p_.m;
    const double* lambda = mult.data();
    const double* mu = mult.data() + p_.nc;
    const double rho = p_.rho_index >= 0 ? mult[p_.rho_index] : 0.0;
    e.grad.assign(p_.dim, 0.0);
    e.value.assign(p_.opt_begin[p_.nf], kInf);
    e.best_value.assign(p_.nf, kInf);
    e.best_option.assign(p_.nf, -1);
    e.choice.assign(p_.nf, -1);
    e.infeasible = false;

    double constant = 0.0;
    for (int j = 0; j < p_.nc; ++j) constant += lambda[j] * m.demand[j];
    for (int r = 0; r < p_.nr; ++r) constant -= mu[r] * m.resources[r].capacity;
    if (p_.rho_index >= 0) constant -= rho * *m.max_open;

    // Facilities, in fixed chunks (chunks.hpp): each writes only its own facilities'
    // entries, so the values are the same for every thread count.
    chunks_.run(p_.nf, kFacilityChunk, [&](int, int begin, int end) {
      for (int i = begin; i < end; ++i) price_facility(i, allowed[i], lambda, mu, rho, e);
    });

    // Open decisions.
    e.cover_active = p_.required > 0.0;
    double y = 0.0;
    if (!e.cover_active) {
      for (int i = 0; i < p_.nf; ++i) {
        const bool closed_ok = (allowed[i] & kClosedBit) != 0U;
        if (e.best_option[i] < 0) {
          if (!closed_ok) e.infeasible = true;
          continue;
        }
        if (!closed_ok || e.best_value[i] < 0.0) {
          e.choice[i] = e.best_option[i];
          y += e.best_value[i];
        }
      }
    } else {
      double cap = 0.0;
      double val = 0.0;
      e.items.clear();
      for (int i = 0; i < p_.nf; ++i) {
        const bool closed_ok = (allowed[i] & kClosedBit) != 0U;
        if (e.best_option[i] < 0) {
          if (!closed_ok) e.infeasible = true;
          continue;
        }
        const double qmax = max_capacity(i, allowed[i]);
        if (!closed_ok || e.best_value[i] <= 0.0) {
          e.choice[i] = e.best_option[i];
          val += e.best_value[i];
          cap += qmax;
        } else if (qmax > 0.0) {
          e.items.push_back(CoverItem{e.best_value[i], qmax, i});
        }
      }
      e.cover_taken_capacity = cap;
      e.cover_taken_value = val;
      sort_cover_items(e.items);
      const CoverResult cr = solve_cover(e.items, p_.required - cap);
      if (!cr.feasible) {
        e.infeasible = true;
      } else {
        for (int i : cr.chosen) e.choice[i] = e.best_option[i];
        y = val + cr.lower_bound;
      }
    }
    if (e.infeasible) {
      e.bound = kInf;
      return;
    }

    // Flows of the chosen facilities -> subgradient.
    std::fill(served_.begin(), served_.end(), 0.0);
    int count = 0;
    for (int i = 0; i < p_.nf; ++i) {
      flow_[i] = 0.0;
      const int k = e.choice[i];
      if (k < 0) continue;
      ++count;
      const auto& o = m.facilities[i].options[k];
      double cap = o.capacity;
      for (int t = p_.arc_begin[i]; t < neg_end_[i] && cap > 0.0; ++t) {
        if (neg_[t].first + o.unit_cost >= 0.0) break;
        const int j = p_.arc_cust[neg_[t].second];
        const double take = std::min(m.demand[j], cap);
        served_[j] += take;
        flow_[i] += take;
        cap -= take;
      }
      if (m.needs_supply && supply_path_[i] >= 0)
        for (int r : m.supply[supply_path_[i]].resources) e.grad[p_.nc + r] += flow_[i];
    }
    // Customers: direct paths and unmet demand, in fixed chunks whose partial sums
    // (cost, resource use) are added in chunk order.
    const int ncc = Chunks::count(p_.nc, kCustomerChunk);
    cust_part_.assign(ncc, 0.0);
    res_part_.assign(static_cast<std::size_t>(ncc) * p_.nr, 0.0);
    chunks_.run(p_.nc, kCustomerChunk, [&](int c, int begin, int end) {
      cust_part_[c] = price_customers(begin, end, lambda, mu, res_part_.data() + c * p_.nr, e);
    });
    double cust = 0.0;
    for (int c = 0; c < ncc; ++c) {
      cust += cust_part_[c];
      for (int r = 0; r < p_.nr; ++r) e.grad[p_.nc + r] += res_part_[c * p_.nr + r];
    }
    for (int r = 0; r < p_.nr; ++r) e.grad[p_.nc + r] -= m.resources[r].capacity;
    if (p_.rho_index >= 0) e.grad[p_.rho_index] = count - *m.max_open;
    e.y_value = y;
    e.constant = constant + cust;
    e.bound = e.constant + y;
  }

  // Customers [begin, end): each one's cheapest direct path (mu-adjusted) and unmet
  // demand when cheaper than lambda_j, and its demand-row subgradient. Returns their
  // Lagrangian cost; resource use goes to `res` (one chunk's slots).
  double price_customers(
      int begin, int end, const double* lambda, const double* mu, double* res, Eval& e) const {
    const Model& m = p_.m;
    double cust = 0.0;
    for (int j = begin; j < end; ++j) {
      const double d = m.demand[j];
      double other = 0.0;
      if (p_.unmet && p_.penalty - lambda[j] < 0.0) {
        cust += (p_.penalty - lambda[j]) * d;
        other += d;
      }
      const auto [best, bq] = p_.cheapest_direct(j, mu);
      if (bq >= 0 && best - lambda[j] < 0.0) {
        cust += (best - lambda[j]) * d;
        other += d;
        for (int r : m.direct[bq].resources) res[r] += d;
      }
      e.grad[j] = d - served_[j] - other;
    }
    return cust;
  }

  // Facility i under the multipliers: its cheapest supply path (mu-adjusted), the arcs
  // with negative reduced cost c_ij + s_i + h - lambda_j for its cheapest allowed
  // handling h, and each allowed option's value: fixed cost + rho + the continuous
  // knapsack of those arcs in its capacity (Martello and Toth 1990, ch. 2.2). O(arcs of
  // i + sort of the prefix that fills the largest capacity).
  void price_facility(
      int i, std::uint32_t mask, const double* lambda, const double* mu, double rho, Eval& e) {
    const Model& m = p_.m;
    const auto& f = m.facilities[i];
    const int nk = static_cast<int>(f.options.size());
    double h_min = kInf, qmax = 0.0;
    for (int k = 0; k < nk; ++k)
      if ((mask & option_bit(k)) != 0U) {
        h_min = std::min(h_min, f.options[k].unit_cost);
        qmax = std::max(qmax, f.options[k].capacity);
      }
    double s = 0.0;
    int sp = -1;
    if (m.needs_supply && h_min < kInf) {
      const Prepared::Cheapest c = p_.cheapest_supply(i, mu);
      s = c.cost;
      sp = c.path;
    }
    supply_cost_[i] = s;
    supply_path_[i] = sp;
    const int b = p_.arc_begin[i];
    int count = 0;
    double demand = 0.0;
    if (h_min + s < kInf) {
      for (int t = b; t < p_.arc_begin[i + 1]; ++t) {
        const int j = p_.arc_cust[t];
        const double r = p_.arc_cost[t] + s - lambda[j];
        if (r + h_min < 0.0) {
          neg_[b + count++] = {r, t};
          demand += m.demand[j];
        }
      }
    }
    neg_end_[i] = b + order_prefix(b, b + count, qmax, demand);
    for (int k = 0; k < nk; ++k) {
      if ((mask & option_bit(k)) == 0U) continue;
      const auto& o = f.options[k];
      double v = o.fixed_cost + rho;
      double cap = o.capacity;
      for (int t = b; t < neg_end_[i] && cap > 0.0; ++t) {
        const double rc = neg_[t].first + o.unit_cost;
        if (rc >= 0.0) break;
        const double take = std::min(m.demand[p_.arc_cust[neg_[t].second]], cap);
        v += rc * take;
        cap -= take;
      }
      e.value[p_.opt_begin[i] + k] = v;
      if (v < e.best_value[i]) {
        e.best_value[i] = v;
        e.best_option[i] = k;
      }
    }
  }

  [[nodiscard]] double max_capacity(int i, std::uint32_t mask) const {
    double q = 0.0;
    const auto& f = p_.m.facilities[i];
    for (int k = 0; k < static_cast<int>(f.options.size()); ++k)
      if ((mask & option_bit(k)) != 0U) q = std::max(q, f.options[k].capacity);
    return q;
  }

  /// The open-decision value with facility i restricted to `choice` (-1 closed),
  /// everything else as in `e` (same multipliers). kInf if infeasible.
  [[nodiscard]] double y_restricted(const Eval& e,
                                    const std::vector<std::uint32_t>& allowed,
                                    int i,
                                    int choice) const {
    const double own = choice < 0 ? 0.0 : e.value[p_.opt_begin[i] + choice];
    if (!e.cover_active) {
      const double cur = e.choice[i] < 0 ? 0.0 : e.best_value[i];
      return e.y_value - cur + own;
    }
    const bool closed_ok = (allowed[i] & kClosedBit) != 0U;
    double cap = e.cover_taken_capacity;
    double val = e.cover_taken_value;
    const bool was_taken = !closed_ok || e.best_value[i] <= 0.0;
    if (was_taken) {
      cap -= max_capacity(i, allowed[i]);
      val -= e.best_value[i];
    }
    if (choice >= 0) {
      cap += p_.m.facilities[i].options[choice].capacity;
      val += own;
    }
    std::vector<CoverItem> items;
    items.reserve(e.items.size());
    for (const auto& it : e.items)
      if (it.id != i) items.push_back(it);
    const CoverResult cr = solve_cover(items, p_.required - cap);
    if (!cr.feasible) return kInf;
    return val + cr.lower_bound;
  }

 private:
  const Prepared& p_;
  // Sorts the smallest reduced costs of neg_[b, e) to the front until their demand
  // reaches `need` (or everything); returns the length of the sorted prefix.
  int order_prefix(int b, int e, double need, double total) {
    const int n = e - b;
    if (n <= 48 || total <= need) {
      std::sort(neg_.begin() + b, neg_.begin() + e);
      return n;
    }
    const Model& m = p_.m;
    // First guess from the mean demand, doubled until the prefix holds `need`.
    int k = static_cast<int>(std::ceil(need / (total / n) * 1.3)) + 8;
    while (true) {
      k = std::min(n, k);
      std::nth_element(neg_.begin() + b, neg_.begin() + b + k - 1, neg_.begin() + e);
      double w = 0.0;
      for (int t = b; t < b + k; ++t) w += m.demand[p_.arc_cust[neg_[t].second]];
      if (w >= need || k == n) break;
      k *= 2;
    }
    std::sort(neg_.begin() + b, neg_.begin() + b + k);
    return k;
  }

  static constexpr int kFacilityChunk = 16;
  static constexpr int kCustomerChunk = 512;
  const Chunks chunks_;
  std::vector<int> neg_end_;
  std::vector<double> cust_part_, res_part_;
  std::vector<std::pair<double, int>> neg_;
  std::vector<double> supply_cost_;
  std::vector<int> supply_path_;
  std::vector<double> flow_;
  std::vector<double> served_;
};

struct Node {
  double bound = -kInf;
  long long id = 0;
  int depth = 0;
  std::vector<std::uint32_t> allowed;
  std::vector<double> mult;
};

struct NodeOrder {
  bool operator()(const Node& a, const Node& b) const {
    if (a.bound != b.bound) return a.bound > b.bound;  // min-heap on bound
    return a.id > b.id;
  }
};

class BranchAndBound {
 public:
  BranchAndBound(const Model& m, const SolveOptions& o)
      : m_(m), opt_(o), p_(m), eval_(p_, o.threads), lp_(m), k_(std::max(1, o.alternatives)) {
    all_choices_.resize(p_.nf);
    for (int i = 0; i < p_.nf; ++i) {
      std::uint32_t mask = kClosedBit;
      for (int k = 0; k < static_cast<int>(m_.facilities[i].options.size()); ++k)
        mask |= option_bit(k);
      all_choices_[i] = mask;
    }
  }

  Solution run() {
    Solution sol;
    initial_incumbent();
    Node root;
    root.allowed = all_choices_;
    for (int i = 0; i < p_.nf; ++i)
      if (m_.facilities[i].forced_open) root.allowed[i] &= ~kClosedBit;
    root.mult = initial_multipliers();
    root.id = next_id_++;
    queue_.push(std::move(root));
    bool stopped = false;
    while (!queue_.empty()) {
      Node node = queue_.top();
      queue_.pop();
      if (node.bound >= prune_threshold()) {
        note_pruned(node.bound);
        continue;
      }
      // Dive: process this node and keep following one child.
      std::optional<Node> current = std::move(node);
      while (current) {
        if (out_of_time()) {
          stopped = true;
          queue_.push(std::move(*current));
          break;
        }
        current = process(std::move(*current));
        report_progress(current ? current->bound : kInf);
      }
      if (stopped) break;
    }
    double lb = std::min(pruned_min_, upper_);
    if (stopped) {
      while (!queue_.empty()) {
        lb = std::min(lb, queue_.top().bound);
        queue_.pop();
      }
    }
    sol.nodes = nodes_;
    sol.seconds = clock_.seconds();
    sol.lp_solves = lp_.solves();
    sol.lp_seconds = lp_.seconds();
    if (best_option_.empty()) {
      sol.status = stopped ? SolveStatus::kNoSolution : SolveStatus::kInfeasible;
      sol.lower_bound = lb == kInf ? 0.0 : lb;
      sol.objective = std::numeric_limits<double>::quiet_NaN();  // there is none
      sol.gap = kInf;
      sol.option.assign(p_.nf, -1);
      return sol;
    }
    lp_.solve(best_option_);
    sol.option = best_option_;
    lp_.extract(sol);
    sol.objective = lp_.objective();
    sol.lower_bound = std::min(lb, sol.objective);
    sol.gap = (sol.objective - sol.lower_bound) / std::max(1.0, std::abs(sol.objective));
    if (sol.gap < 0) sol.gap = 0;
    // Not stopped: every node was explored or pruned against the requested gap, so the
    // incumbent is proven within it.
    sol.status =
        stopped && sol.gap > opt_.relative_gap ? SolveStatus::kTimeLimit : SolveStatus::kOptimal;
    add_alternatives(sol);
    return sol;
  }

  // The 2nd..K-th ranked open sets as complete solutions (the best is `sol` itself).
  void add_alternatives(Solution& sol) {
    const std::string best = key(best_option_);
    for (const Ranked& r : top_) {
      if (r.key == best) continue;
      if (static_cast<int>(sol.alternatives.size()) + 1 >= k_) break;
      if (!lp_.solve(r.option)) continue;  // priced before, so feasible
      Solution a;
      a.status = sol.status;
      a.option = r.option;
      lp_.extract(a);
      a.objective = lp_.objective();
      a.lower_bound = sol.lower_bound;
      a.gap = sol.gap;
      a.nodes = sol.nodes;
      a.seconds = sol.seconds;
      sol.alternatives.push_back(std::move(a));
    }
  }

 private:
  // What a node's bound must reach to be pruned: the incumbent, or with K best plans
  // the K-th best locally minimal open set found (kInf until there are K).
  [[nodiscard]] double cutoff() const {
    if (k_ == 1) return upper_;
    return static_cast<int>(top_.size()) < k_ ? kInf : top_.back().value;
  }
  [[nodiscard]] double prune_threshold() const {
    const double c = cutoff();
    if (c == kInf) return kInf;
    return c - opt_.relative_gap * std::max(1.0, std::abs(c));
  }
  void note_pruned(double bound) { pruned_min_ = std::min(pruned_min_, bound); }
  bool out_of_time() const { return clock_.seconds() > opt_.time_limit_seconds; }

  std::vector<double> initial_multipliers() {
    // mu: from the LP relaxation when it is small enough to solve quickly, else from the
    // first incumbent's fixed-option LP (every site open), whose resource duals price
    // the crossings and hubs about right; 0 without either.
    std::vector<double> mult(p_.dim, 0.0);
    if (!m_.resources.empty() && m_.arcs.size() <= kLpSeedMaxArcs && lp_duals(mult)) return mult;
    if (!incumbent_mult_.empty())
      for (int r = 0; r < p_.nr; ++r) mult[p_.nc + r] = incumbent_mult_[p_.nc + r];
    const double* mu = mult.data() + p_.nc;
    // lambda_j: the cheapest full unit cost (variable + fixed per unit of capacity +
    // supply under mu) of serving j, a classic start (Beasley 1988) close to the
    // optimal duals.
    for (int j = 0; j < p_.nc; ++j) mult[j] = kInf;
    for (int i = 0; i < p_.nf; ++i) {
      const auto& f = m_.facilities[i];
      double per_unit = kInf;
      for (const auto& o : f.options)
        if (o.capacity > 0) per_unit = std::min(per_unit, o.unit_cost + o.fixed_cost / o.capacity);
      const double s = m_.needs_supply ? p_.cheapest_supply(i, mu).cost : 0.0;
      if (per_unit == kInf || s == kInf) continue;
      for (int t = p_.arc_begin[i]; t < p_.arc_begin[i + 1]; ++t) {
        const int j = p_.arc_cust[t];
        mult[j] = std::min(mult[j], p_.arc_cost[t] + per_unit + s);
      }
    }
    for (int j = 0; j < p_.nc; ++j) {
      mult[j] = std::min(mult[j], p_.cheapest_direct(j, mu).cost);
      if (p_.unmet) mult[j] = std::min(mult[j], p_.penalty);
      if (mult[j] == kInf) mult[j] = 0.0;
    }
    return mult;
  }

  // Multipliers from the duals of the LP relaxation (strong formulation): with shared
  // resources the volume algorithm alone converges slowly, and the LP duals make the
  // first Lagrangian bound at least the LP bound. Returns false if the LP fails.
  bool lp_duals(std::vector<double>& mult) {
    Model relaxed = m_;
    relaxed.single_sourcing = false;
    const Mip mip = build_mip(relaxed);
    MipArrays arr = to_arrays(mip);
    ClpSimplex lp;
    lp.setLogLevel(0);
    lp.loadProblem(arr.matrix,
                   arr.lo.data(),
                   arr.up.data(),
                   arr.obj.data(),
                   arr.row_lo.data(),
                   arr.row_up.data());
    // Bounded effort: past the limit the plain ascent start is used instead.
    lp.setMaximumSeconds(std::min(tuning_.lp_start_seconds, 0.2 * opt_.time_limit_seconds));
    lp.dual();
    if (!lp.isProvenOptimal()) return false;
    const double* dual = lp.dualRowSolution();
    for (int j = 0; j < p_.nc; ++j) mult[j] = dual[j];  // dem_j rows come first
    for (int r = 0; r < static_cast<int>(mip.rows.size()); ++r) {
      const std::string& name = mip.rows[r].name;
      if (name.rfind("res_", 0) == 0)
        mult[p_.nc + std::stoi(name.substr(4))] = std::max(0.0, -dual[r]);
      else if (name == "max_open" && p_.rho_index >= 0)
        mult[p_.rho_index] = std::max(0.0, -dual[r]);
    }
    return true;
  }

  // All facilities at their largest option: feasible whenever anything is (without
  // max_open), and a first incumbent.
  void initial_incumbent() {
    std::vector<int> opt(p_.nf, -1);
    for (int i = 0; i < p_.nf; ++i) {
      const auto& f = m_.facilities[i];
      double q = -1;
      for (int k = 0; k < static_cast<int>(f.options.size()); ++k)
        if (f.options[k].capacity > q) {
          q = f.options[k].capacity;
          opt[i] = k;
        }
    }
    if (m_.max_open) {
      int open = 0;
      for (int i = 0; i < p_.nf; ++i) open += opt[i] >= 0 ? 1 : 0;
      if (open > *m_.max_open) return;
    }
    try_open_set(opt);
  }

  // Evaluates an open set exactly; closes unused facilities; updates the incumbent.
  void try_open_set(std::vector<int> opt) {
    if (m_.max_open) {
      int open = 0;
      for (int k : opt) open += k >= 0 ? 1 : 0;
      if (open > *m_.max_open) return;
    }
    if (!seen_.insert(key(opt)).second) return;
    if (!lp_.solve(opt)) return;
    double value = lp_.objective();
    const auto& out = lp_.outflow();
    bool changed = false;
    for (int i = 0; i < p_.nf; ++i)
      if (opt[i] >= 0 && !m_.facilities[i].forced_open && out[i] <= 1e-9) {
        value -= m_.facilities[i].options[opt[i]].fixed_cost;
        opt[i] = -1;
        changed = true;
      }
    if (changed) seen_.insert(key(opt));
    if (upper_ == kInf || value < upper_ - 1e-9 * std::max(1.0, std::abs(upper_))) {
      upper_ = value;
      best_option_ = opt;
      // Closing unused facilities does not change the LP solution, so these duals
      // price the new incumbent (they steer the local search).
      incumbent_mult_.assign(p_.dim, 0.0);
      lp_.duals(incumbent_mult_);
    }
    // Exact: the flows stay optimal once idle facilities are closed (they lose nothing
    // and the closed set's optimum is feasible with them open).
    if (k_ > 1) consider(opt, value);
  }

  // The K best plans: `opt` costs exactly `value`. It enters the ranking if it beats the
  // K-th and is locally minimal: no single close (of a site not forced open) or smaller
  // size is strictly cheaper; a cheaper neighbour is considered instead (values
  // strictly decrease, so this ends). Neighbours are priced by the fixed-option LP,
  // cached by open set. Pruning against cutoff() is then exact for the ranking: every
  // open set left out costs at least the K-th, or has a strictly cheaper neighbour.
  void consider(const std::vector<int>& opt, double value) {
    const std::string k = key(opt);
    lp_value_.emplace(k, value);
    if (value < upper_ - 1e-9 * std::max(1.0, std::abs(upper_))) {
      upper_ = value;
      best_option_ = opt;
    }
    if (value >= cutoff()) return;
    for (const Ranked& r : top_)
      if (r.key == k) return;
    const double tol = 1e-9 * std::max(1.0, std::abs(value));
    std::vector<int> n = opt;
    for (int i = 0; i < p_.nf; ++i) {
      const int cur = opt[i];
      if (cur < 0) continue;
      const auto& f = m_.facilities[i];
      for (int o = -1; o < static_cast<int>(f.options.size()); ++o) {
        const bool smaller =
            o < 0 ? !f.forced_open : f.options[o].capacity < f.options[cur].capacity;
        if (!smaller) continue;
        n[i] = o;
        const double v = exact_value(n);
        if (v < value - tol) {
          consider(n, v);
          return;
        }
      }
      n[i] = cur;
    }
    top_.push_back(Ranked{value, k, opt});
    std::sort(top_.begin(), top_.end(), [](const Ranked& a, const Ranked& b) {
      if (a.value != b.value) return a.value < b.value;
      return a.key < b.key;
    });
    if (static_cast<int>(top_.size()) > k_) top_.pop_back();
  }

  // The fixed-option LP's value of an open set (kInf if infeasible), cached.
  double exact_value(const std::vector<int>& opt) {
    const std::string k = key(opt);
    const auto it = lp_value_.find(k);
    if (it != lp_value_.end()) return it->second;
    const double v = lp_.solve(opt) ? lp_.objective() : kInf;
    lp_value_.emplace(k, v);
    return v;
  }

  struct Move {
    double score;  // Lagrangian estimate of the change in cost (negative: a saving)
    int facility;
    int option;  // -1: close
  };

  // The single moves from the incumbent (close an open site, open a closed one at a
  // size, resize one), scored by their Lagrangian value under the incumbent's LP duals,
  // best first. `promising_only`: only those whose score says they save.
  void rank_moves(bool promising_only, std::vector<Move>& moves) {
    eval_.evaluate(incumbent_mult_, all_choices_, ls_eval_);
    const auto& val = ls_eval_.value;
    moves.clear();
    for (int i = 0; i < p_.nf; ++i) {
      const auto& f = m_.facilities[i];
      const int cur = best_option_[i];
      const double vcur = cur >= 0 ? val[p_.opt_begin[i] + cur] : 0.0;
      if (cur >= 0 && !f.forced_open && (!promising_only || vcur > 0.0))
        moves.push_back({-vcur, i, -1});
      for (int k = 0; k < static_cast<int>(f.options.size()); ++k) {
        if (k == cur) continue;
        const double v = val[p_.opt_begin[i] + k];
        if (v < kInf && (!promising_only || v - vcur < 0.0)) moves.push_back({v - vcur, i, k});
      }
    }
    std::sort(moves.begin(), moves.end(), [](const Move& a, const Move& b) {
      if (a.score != b.score) return a.score < b.score;
      if (a.facility != b.facility) return a.facility < b.facility;
      return a.option < b.option;
    });
  }

  // Prices one move from the incumbent with the LP: false if that open set was seen
  // before (no LP), else true with `improved` saying whether it became the incumbent.
  bool try_move(const Move& mv, bool& improved) {
    std::vector<int> opt = best_option_;
    opt[mv.facility] = mv.option;
    if (seen_.count(key(opt)) != 0U) return false;
    const double before = upper_;
    try_open_set(std::move(opt));
    improved = upper_ < before;
    return true;
  }

  // Local search around the incumbent: single-facility moves (open a closed site at
  // some size, close an open one, resize one) ranked by their Lagrangian value under
  // the incumbent LP's duals (opening i at k saves about -value(i,k); an open site
  // whose value is positive does not pay its fixed cost), the most promising few
  // confirmed exactly by the warm-started LP. First improvement, repeated while it
  // improves, within a budget of LP solves per call: 40, or one per five sites on large
  // models (at 1,000 sites x 10,000 zones the search still gained ~0.1 % per move
  // after 40 moves, and stopping there left the incumbent 1 % higher; bench/README.md).
  void local_search() {
    if (best_option_.empty() || incumbent_mult_.empty()) return;
    constexpr int kTriesPerRound = 6;
    const int max_solves = std::max(40, p_.nf / 5);
    int solves = 0;
    bool improved = true;
    std::vector<Move> moves;
    while (improved && solves < max_solves && !out_of_time()) {
      improved = false;
      rank_moves(true, moves);
      int tried = 0;
      for (const Move& mv : moves) {
        if (tried >= kTriesPerRound || solves >= max_solves || out_of_time()) break;
        if (!try_move(mv, improved)) continue;
        ++tried;
        ++solves;
        if (improved) break;
      }
    }
  }

  // Every single move (close a site, open one at a size, resize one) from the
  // incumbent, each priced by the LP, in the local search's ranking order but without
  // its cut-off after a few tries: first improvement, then the ranked local search
  // around the new plan, re-rank, again; stops when a whole ranked list has no
  // improving move (a true 1-move local optimum) or after scan_cycles lists' worth of
  // LPs. Run when the tree has stalled (scan_stall nodes without a better plan) while
  // the gap to the root bound is large: then the bound prunes little and the plan the
  // user gets is the incumbent. The ranking is a first-order estimate under the
  // incumbent's duals, good enough to order the moves but not to cut the list short:
  // at 200 x 2,000 the improving moves sat deep in it (bench/README.md; scanning in
  // site order instead took 3x the LPs for a slightly worse plan). O(lists x sum of
  // sizes) LPs.
  void scan_single_moves(double node_bound) {
    if (best_option_.empty() || incumbent_mult_.empty()) return;
    int per_pass = 0;
    for (const auto& f : m_.facilities) per_pass += static_cast<int>(f.options.size());
    long long budget = static_cast<long long>(tuning_.scan_cycles) * per_pass;
    std::vector<Move> moves;
    bool improved = true;
    while (improved && budget > 0 && !out_of_time()) {
      improved = false;
      rank_moves(false, moves);
      for (const Move& mv : moves) {
        if (budget <= 0 || out_of_time()) break;
        if (!try_move(mv, improved)) continue;
        --budget;
        report_progress(node_bound);
        if (improved) {
          local_search();  // the cheap ranked search around the new plan first
          break;
        }
      }
    }
  }

  static std::string key(const std::vector<int>& opt) {
    std::string k(opt.size(), '\0');
    for (std::size_t i = 0; i < opt.size(); ++i) k[i] = static_cast<char>(opt[i] + 1);
    return k;
  }

  // Volume algorithm from node.mult; returns the best bound, leaves the best
  // multipliers in node.mult, the evaluation there in best_eval_, averages in ybar_.
  double dual_ascent(Node& node, bool root) {
    const Tuning& tu = tuning_;
    Eval& e = work_eval_;
    eval_.evaluate(node.mult, node.allowed, e);
    if (e.infeasible) return kInf;
    double best = e.bound;
    std::swap(best_eval_, e);
    std::vector<double> gbar = best_eval_.grad;
    ybar_.assign(p_.nf, 0.0);
    for (int i = 0; i < p_.nf; ++i) ybar_[i] = best_eval_.choice[i] >= 0 ? 1.0 : 0.0;
    double f = tu.f_start;
    int red = 0;
    const int max_it = root ? tu.root_iterations : tu.node_iterations;
    const int window = root ? tu.stall_window_root : tu.stall_window_node;
    double window_start = best;
    std::vector<double> trial(p_.dim);
    for (int it = 1; it <= max_it; ++it) {
      if (best >= prune_threshold()) break;
      if (it % 32 == 0) {
        if (out_of_time()) break;
        report_progress(best);
      }
      double norm = 0.0;
      for (double g : gbar) norm += g * g;
      if (norm < 1e-18) break;
      // Polyak target: the incumbent, but never far above the bound (a poor early
      // incumbent would otherwise make every step overshoot).
      const double target = std::min(cutoff(), best + 0.05 * std::abs(best) + 1.0);
      const double step = f * std::max(target - best, 1e-9 * std::max(1.0, std::abs(best))) / norm;
      for (int t = 0; t < p_.dim; ++t) {
        double v = node.mult[t] + step * gbar[t];
        if (t >= p_.nc && v < 0.0) v = 0.0;
        trial[t] = v;
      }
      eval_.evaluate(trial, node.allowed, e);
      if (e.infeasible) return kInf;
      double dot = 0.0;
      for (int t = 0; t < p_.dim; ++t) dot += e.grad[t] * gbar[t];
      for (int t = 0; t < p_.dim; ++t) gbar[t] = tu.alpha * e.grad[t] + (1 - tu.alpha) * gbar[t];
      for (int i = 0; i < p_.nf; ++i)
        ybar_[i] = tu.alpha * (e.choice[i] >= 0 ? 1.0 : 0.0) + (1 - tu.alpha) * ybar_[i];
      if (e.bound > best) {
        best = e.bound;
        node.mult = trial;
        std::swap(best_eval_, e);
        if (dot >= 0) f = std::min(2.0, f * tu.f_grow);
        red = 0;
      } else if (++red >= tu.red_limit) {
        f *= tu.f_shrink;
        red = 0;
        if (f < tu.f_min) break;
      }
      if (root && it % tu.root_heuristic_every == 0) primal_from(best_eval_, node);
      if (it % window == 0) {
        // Stalled: the last window closed too little of the bound's absolute scale or of
        // the remaining gap to the incumbent.
        const double gain = best - window_start;
        if (gain < tu.stall_gain * std::max(1.0, std::abs(best))) break;
        // The gap rule only once the incumbent is close: a poor incumbent says nothing.
        const double gap = upper_ - best;
        if (gap < tu.close_gap * std::max(1.0, std::abs(best)) && gain < tu.stall_gap_share * gap)
          break;
        window_start = best;
      }
    }
    return best;
  }

  // Processes one node; returns the child to dive into (the other is queued).
  std::optional<Node> process(Node node) {
    ++nodes_;
    const bool root = nodes_ == 1;
    // Leaf: one choice per facility -> exact LP.
    if (is_leaf(node)) {
      std::vector<int> opt(p_.nf, -1);
      for (int i = 0; i < p_.nf; ++i)
        for (int k = 0; k < static_cast<int>(m_.facilities[i].options.size()); ++k)
          if ((node.allowed[i] & option_bit(k)) != 0U) opt[i] = k;
      int open = 0;
      for (int k : opt) open += k >= 0 ? 1 : 0;
      if ((!m_.max_open || open <= *m_.max_open) && lp_.solve(opt)) {
        const double v = lp_.objective();
        seen_.insert(key(opt));
        if (v < upper_) {
          upper_ = v;
          best_option_ = opt;
        }
        note_pruned(v);
        if (k_ > 1) consider(opt, v);
      }
      return std::nullopt;
    }
    const double before_node = upper_;
    const double bound = dual_ascent(node, root);
    node.bound = std::max(node.bound, bound);
    if (bound == kInf) return std::nullopt;
    // Primal: the Lagrangian open set, completed to enough capacity.
    primal_from(best_eval_, node);
    if (root) root_bound_ = node.bound;
    if (upper_ < before_node) last_improvement_node_ = nodes_;
    if (nodes_ - last_improvement_node_ >= tuning_.scan_stall && upper_ < kInf &&
        upper_ - root_bound_ > tuning_.scan_gap * std::max(1.0, std::abs(upper_)) &&
        scanned_ != best_option_) {
      scan_single_moves(node.bound);
      scanned_ = best_option_;
      last_improvement_node_ = nodes_;
    }
    if (node.bound >= prune_threshold()) {
      note_pruned(node.bound);
      return std::nullopt;
    }
    // Reduced-cost fixing at the best multipliers.
    if (!fix_by_reduced_cost(node)) return std::nullopt;
    if (is_leaf(node)) return node;
    // Branch.
    int pick = -1;
    double score = -1.0;
    for (int i = 0; i < p_.nf; ++i) {
      const std::uint32_t mask = node.allowed[i];
      if ((mask & kClosedBit) == 0U || mask == kClosedBit) continue;
      const double s = std::min(ybar_[i], 1.0 - ybar_[i]);
      if (s > score + 1e-12) {
        score = s;
        pick = i;
      }
    }
    Node a = node, b = node;
    a.id = next_id_++;
    b.id = next_id_++;
    a.depth = b.depth = node.depth + 1;
    bool prefer_a;
    if (pick >= 0) {
      a.allowed[pick] &= ~kClosedBit;  // open
      b.allowed[pick] = kClosedBit;    // closed
      prefer_a = ybar_[pick] >= 0.5;
    } else {
      // Every undecided facility is open with several options: fix its current option.
      for (int i = 0; i < p_.nf; ++i)
        if (std::popcount(node.allowed[i]) > 1) {
          pick = i;
          break;
        }
      int k = best_eval_.choice[pick];
      if (k < 0) k = best_eval_.best_option[pick];
      a.allowed[pick] = option_bit(k);
      b.allowed[pick] &= ~option_bit(k);
      prefer_a = true;
    }
    if (prefer_a) {
      queue_.push(std::move(b));
      return a;
    }
    queue_.push(std::move(a));
    return b;
  }

  [[nodiscard]] bool is_leaf(const Node& node) const {
    for (std::uint32_t mask : node.allowed)
      if (std::popcount(mask) > 1) return false;
    return true;
  }

  void primal_from(const Eval& e, const Node& node) {
    std::vector<int> opt = e.choice;
    double cap = 0.0;
    for (int i = 0; i < p_.nf; ++i)
      if (opt[i] >= 0) cap += m_.facilities[i].options[opt[i]].capacity;
    const double need = p_.required;
    if (cap < need) {
      // Add facilities by averaged open value, then by Lagrangian value per capacity.
      std::vector<int> order;
      for (int i = 0; i < p_.nf; ++i)
        if (opt[i] < 0 && e.best_option[i] >= 0) order.push_back(i);
      std::sort(order.begin(), order.end(), [&](int x, int y) {
        if (ybar_[x] != ybar_[y]) return ybar_[x] > ybar_[y];
        return x < y;
      });
      for (int i : order) {
        if (cap >= need) break;
        int k = -1;
        double q = -1;
        for (int o = 0; o < static_cast<int>(m_.facilities[i].options.size()); ++o)
          if ((node.allowed[i] & option_bit(o)) != 0U && m_.facilities[i].options[o].capacity > q) {
            q = m_.facilities[i].options[o].capacity;
            k = o;
          }
        opt[i] = k;
        cap += q;
      }
    }
    const double before = upper_;
    try_open_set(opt);
    if (upper_ < before) local_search();
  }

  // Removes choices whose forced Lagrangian bound reaches the prune threshold. Returns
  // false when the node becomes infeasible.
  bool fix_by_reduced_cost(Node& node) {
    const double thr = prune_threshold();
    if (thr == kInf) return true;
    const Eval& e = best_eval_;
    const double base = e.constant;
    for (int i = 0; i < p_.nf; ++i) {
      std::uint32_t& mask = node.allowed[i];
      if (std::popcount(mask) <= 1) continue;
      const int current = e.choice[i];
      if ((mask & kClosedBit) != 0U && current != -1) {
        if (base + eval_.y_restricted(e, node.allowed, i, -1) >= thr) mask &= ~kClosedBit;
      }
      const auto& f = m_.facilities[i];
      for (int k = 0; k < static_cast<int>(f.options.size()); ++k) {
        if ((mask & option_bit(k)) == 0U || k == current) continue;
        if (std::popcount(mask) <= 1) break;
        // Cheap screen before the knapsack: the restricted value is at least this.
        if (base + eval_.y_restricted(e, node.allowed, i, k) >= thr) mask &= ~option_bit(k);
      }
      if (mask == 0U) return false;
    }
    return true;
  }

  void report_progress(double current_bound) {
    if (opt_.progress == nullptr && !opt_.on_bound) return;
    const double now = clock_.seconds();
    if (now < opt_.progress_interval_seconds ||
        now - last_progress_ < opt_.progress_interval_seconds)
      return;
    last_progress_ = now;
    double lb = std::min(pruned_min_, current_bound);
    if (!queue_.empty()) lb = std::min(lb, queue_.top().bound);
    lb = std::min(lb, upper_);
    const double gap = upper_ == kInf ? kInf : (upper_ - lb) / std::max(1.0, std::abs(upper_));
    if (opt_.on_bound) opt_.on_bound(now, upper_, lb, nodes_);
    if (opt_.progress == nullptr) return;
    *opt_.progress << fmt::format(
        "[solver] {:8.1f}s  incumbent {:.6g}  bound {:.6g}  gap {:.4f}%  nodes {}  open {}\n",
        now,
        upper_,
        lb,
        gap * 100.0,
        nodes_,
        queue_.size());
    opt_.progress->flush();
  }

  const Model& m_;
  const SolveOptions& opt_;
  Prepared p_;
  Evaluator eval_;
  FixedLp lp_;
  Tuning tuning_;
  Clock clock_;
  std::priority_queue<Node, std::vector<Node>, NodeOrder> queue_;
  long long next_id_ = 0;
  long long nodes_ = 0;
  double upper_ = kInf;
  double pruned_min_ = kInf;
  double last_progress_ = 0.0;
  std::vector<int> best_option_;
  std::unordered_set<std::string> seen_;
  // The K best plans (k_ > 1 only): ranked locally minimal open sets, cheapest first.
  struct Ranked {
    double value;
    std::string key;
    std::vector<int> option;
  };
  int k_ = 1;
  std::vector<Ranked> top_;
  std::unordered_map<std::string, double> lp_value_;
  Eval work_eval_, best_eval_, ls_eval_;
  std::vector<double> incumbent_mult_;  // LP duals of the incumbent (local search)
  std::vector<double> ybar_;
  std::vector<std::uint32_t> all_choices_;  // every choice allowed (rank_moves, root)
  // Scans of every single move (scan_single_moves): when the tree stalls.
  double root_bound_ = -kInf;
  long long last_improvement_node_ = 0;
  std::vector<int> scanned_;  // the incumbent last scanned
};

}  // namespace

void validate(const Model& model) {
  DiagnosticSink sink;
  auto bad = [&](ErrorCode code, const std::string& field, const std::string& msg) {
    sink.error(code, "<model>", 0, 0, field, msg);
  };
  auto finite_nonneg = [&](double v, const std::string& field) {
    if (!std::isfinite(v) || v < 0)
      bad(ErrorCode::kOutOfRange, field, fmt::format("must be finite and >= 0, got {}", v));
  };
  const int nf = static_cast<int>(model.facilities.size());
  const int nc = static_cast<int>(model.demand.size());
  const int nr = static_cast<int>(model.resources.size());
  for (int i = 0; i < nf; ++i) {
    const auto& f = model.facilities[i];
    if (f.options.size() > kMaxOptions)
      bad(ErrorCode::kOutOfRange,
          fmt::format("facilities[{}].options", i),
          "at most 31 size options");
    if (f.forced_open && f.options.empty())
      bad(ErrorCode::kForcedOpenConflict,
          fmt::format("facilities[{}]", i),
          "forced open without any size option");
    for (std::size_t k = 0; k < f.options.size(); ++k) {
      finite_nonneg(f.options[k].capacity,
                    fmt::format("facilities[{}].options[{}].capacity", i, k));
      finite_nonneg(f.options[k].fixed_cost,
                    fmt::format("facilities[{}].options[{}].fixed_cost", i, k));
      if (!std::isfinite(f.options[k].unit_cost))
        bad(ErrorCode::kNonFinite,
            fmt::format("facilities[{}].options[{}].unit_cost", i, k),
            "not finite");
    }
  }
  for (int j = 0; j < nc; ++j) finite_nonneg(model.demand[j], fmt::format("demand[{}]", j));
  for (std::size_t a = 0; a < model.arcs.size(); ++a) {
    const auto& arc = model.arcs[a];
    if (arc.facility < 0 || arc.facility >= nf || arc.customer < 0 || arc.customer >= nc)
      bad(ErrorCode::kUnknownReference,
          fmt::format("arcs[{}]", a),
          "facility or customer index out of range");
    if (!std::isfinite(arc.unit_cost))
      bad(ErrorCode::kNonFinite, fmt::format("arcs[{}].unit_cost", a), "not finite");
  }
  auto check_resources = [&](const std::vector<int>& rs, const std::string& field) {
    for (int r : rs)
      if (r < 0 || r >= nr)
        bad(ErrorCode::kUnknownReference, field, fmt::format("resource index {} out of range", r));
  };
  for (std::size_t p = 0; p < model.supply.size(); ++p) {
    const auto& s = model.supply[p];
    if (s.facility < 0 || s.facility >= nf)
      bad(ErrorCode::kUnknownReference,
          fmt::format("supply[{}]", p),
          "facility index out of range");
    if (!std::isfinite(s.unit_cost))
      bad(ErrorCode::kNonFinite, fmt::format("supply[{}].unit_cost", p), "not finite");
    check_resources(s.resources, fmt::format("supply[{}].resources", p));
  }
  for (std::size_t q = 0; q < model.direct.size(); ++q) {
    const auto& d = model.direct[q];
    if (d.customer < 0 || d.customer >= nc)
      bad(ErrorCode::kUnknownReference,
          fmt::format("direct[{}]", q),
          "customer index out of range");
    if (!std::isfinite(d.unit_cost))
      bad(ErrorCode::kNonFinite, fmt::format("direct[{}].unit_cost", q), "not finite");
    check_resources(d.resources, fmt::format("direct[{}].resources", q));
  }
  for (int r = 0; r < nr; ++r)
    finite_nonneg(model.resources[r].capacity, fmt::format("resources[{}].capacity", r));
  if (model.unmet_penalty) finite_nonneg(*model.unmet_penalty, "unmet_penalty");
  if (model.max_open && *model.max_open < 0)
    bad(ErrorCode::kOutOfRange, "max_open", fmt::format("must be >= 0, got {}", *model.max_open));
  sink.throw_if_errors();
}

namespace {

void validate(const SolveOptions& o, const Model& model) {
  DiagnosticSink sink;
  auto bad = [&](const std::string& field, const std::string& msg) {
    sink.error(ErrorCode::kBadOption, "options", 0, 0, field, msg);
  };
  if (o.threads < 1) bad("threads", fmt::format("must be >= 1, got {}", o.threads));
  if (o.alternatives < 1) bad("alternatives", fmt::format("must be >= 1, got {}", o.alternatives));
  if (o.alternatives > 1 && model.single_sourcing)
    bad("alternatives", "the K best plans are not available with single sourcing (solved by Cbc)");
  sink.throw_if_errors();
}

}  // namespace

Solution solve(const Model& model, const SolveOptions& options) {
  validate(model);
  validate(options, model);
  if (model.single_sourcing) return solve_single_sourcing(model, options);
  BranchAndBound bb(model, options);
  return bb.run();
}

}  // namespace corridor::design::solver
