#include "formulation.hpp"

#include <fmt/format.h>

#include <CoinFinite.hpp>
#include <cctype>

namespace corridor::design::solver {

std::string sanitize_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out += (std::isalnum(u) != 0 || c == '_') && u < 128 ? c : '_';
    if (out.size() >= 40) break;  // LP readers limit name length; the index keeps it unique
  }
  return out;
}

namespace {

bool uniform_handling(const Facility& f) {
  for (const auto& o : f.options)
    if (o.unit_cost != f.options.front().unit_cost) return false;
  return true;
}

std::string suffix(const std::string& name) {
  const std::string s = sanitize_name(name);
  return s.empty() ? std::string() : "_" + s;
}

}  // namespace

namespace {

// build_mip's state: the model, the Mip so far, and the column indices the rows need.
// Columns are added first, then rows, each family in a fixed order (the LP file and
// Cbc's search depend on it).
class MipBuilder {
 public:
  explicit MipBuilder(const Model& model)
      : model_(model),
        nf_(static_cast<int>(model.facilities.size())),
        nc_(static_cast<int>(model.demand.size())),
        na_(static_cast<int>(model.arcs.size())),
        uniform_(nf_),
        fac_arcs_(nf_) {
    for (int i = 0; i < nf_; ++i) uniform_[i] = uniform_handling(model.facilities[i]);
    for (int a = 0; a < na_; ++a) fac_arcs_[model.arcs[a].facility].push_back(a);
  }

  Mip build() && {
    add_size_columns();
    add_arc_columns();
    add_size_flow_columns();
    add_path_columns();
    add_unmet_columns();
    add_assignment_columns();
    add_demand_rows();
    add_capacity_rows();
    add_supply_rows();
    add_resource_rows();
    add_linking_rows();
    add_single_source_rows();
    add_max_open_row();
    return std::move(mip_);
  }

 private:
  int add_col(std::string name, double cost, double lo, double up, bool bin) {
    mip_.columns.push_back(MipColumn{std::move(name), cost, lo, up, bin});
    return static_cast<int>(mip_.columns.size()) - 1;
  }
  int add_row(std::string name, char sense, double rhs) {
    mip_.rows.push_back(MipRow{std::move(name), sense, rhs, {}});
    return static_cast<int>(mip_.rows.size()) - 1;
  }
  void add_term(int row, int col, double coef) { mip_.rows[row].terms.emplace_back(col, coef); }

  // y_ik; a forced-open facility with a single option has it fixed to 1.
  void add_size_columns() {
    mip_.y_index.resize(nf_);
    for (int i = 0; i < nf_; ++i) {
      const auto& f = model_.facilities[i];
      for (int k = 0; k < static_cast<int>(f.options.size()); ++k) {
        const bool fix = f.forced_open && f.options.size() == 1;
        mip_.y_index[i].push_back(add_col(fmt::format("y_{}_{}{}", i, k, suffix(f.name)),
                                          f.options[k].fixed_cost,
                                          fix ? 1.0 : 0.0,
                                          1.0,
                                          true));
      }
    }
  }

  // x_a; with uniform handling the handling cost rides on the arc.
  void add_arc_columns() {
    for (int a = 0; a < na_; ++a) {
      const auto& arc = model_.arcs[a];
      const auto& f = model_.facilities[arc.facility];
      double cost = arc.unit_cost;
      if (uniform_[arc.facility] && !f.options.empty()) cost += f.options.front().unit_cost;
      mip_.x_index.push_back(add_col(fmt::format("x_{}_{}_{}", a, arc.facility, arc.customer),
                                     cost,
                                     0.0,
                                     model_.demand[arc.customer],
                                     false));
    }
  }

  // z_ik, only for facilities whose options differ in handling cost.
  void add_size_flow_columns() {
    z_index_.resize(nf_);
    for (int i = 0; i < nf_; ++i) {
      if (uniform_[i]) continue;
      const auto& f = model_.facilities[i];
      for (int k = 0; k < static_cast<int>(f.options.size()); ++k)
        z_index_[i].push_back(add_col(fmt::format("z_{}_{}", i, k),
                                      f.options[k].unit_cost,
                                      0.0,
                                      f.options[k].capacity,
                                      false));
    }
  }

  // s_p (bounded only by the resources it uses) and w_q.
  void add_path_columns() {
    for (int p = 0; p < static_cast<int>(model_.supply.size()); ++p)
      mip_.s_index.push_back(add_col(fmt::format("s_{}_{}", p, model_.supply[p].facility),
                                     model_.supply[p].unit_cost,
                                     0.0,
                                     kNoUpperBound,
                                     false));
    for (int q = 0; q < static_cast<int>(model_.direct.size()); ++q)
      mip_.w_index.push_back(add_col(fmt::format("w_{}_{}", q, model_.direct[q].customer),
                                     model_.direct[q].unit_cost,
                                     0.0,
                                     model_.demand[model_.direct[q].customer],
                                     false));
  }

  void add_unmet_columns() {
    mip_.u_index.assign(nc_, -1);
    if (!model_.unmet_penalty) return;
    for (int j = 0; j < nc_; ++j)
      mip_.u_index[j] =
          add_col(fmt::format("u_{}", j), *model_.unmet_penalty, 0.0, model_.demand[j], false);
  }

  void add_assignment_columns() {
    if (!model_.single_sourcing) return;
    for (int a = 0; a < na_; ++a)
      a_index_.push_back(add_col(fmt::format("a_{}", a), 0.0, 0.0, 1.0, true));
  }

  void add_demand_rows() {
    std::vector<int> dem(nc_);
    for (int j = 0; j < nc_; ++j) dem[j] = add_row(fmt::format("dem_{}", j), 'E', model_.demand[j]);
    for (int a = 0; a < na_; ++a) add_term(dem[model_.arcs[a].customer], mip_.x_index[a], 1.0);
    for (int q = 0; q < static_cast<int>(model_.direct.size()); ++q)
      add_term(dem[model_.direct[q].customer], mip_.w_index[q], 1.0);
    for (int j = 0; j < nc_; ++j)
      if (mip_.u_index[j] >= 0) add_term(dem[j], mip_.u_index[j], 1.0);
  }

  // cap_i (uniform handling) or flo_i with zc_i_k; then one_i where it constrains.
  void add_capacity_rows() {
    for (int i = 0; i < nf_; ++i) {
      const auto& f = model_.facilities[i];
      if (uniform_[i]) {
        const int r = add_row(fmt::format("cap_{}", i), 'L', 0.0);
        for (int a : fac_arcs_[i]) add_term(r, mip_.x_index[a], 1.0);
        for (int k = 0; k < static_cast<int>(f.options.size()); ++k)
          add_term(r, mip_.y_index[i][k], -f.options[k].capacity);
      } else {
        const int r = add_row(fmt::format("flo_{}", i), 'E', 0.0);
        for (int a : fac_arcs_[i]) add_term(r, mip_.x_index[a], 1.0);
        for (int k = 0; k < static_cast<int>(f.options.size()); ++k) {
          add_term(r, z_index_[i][k], -1.0);
          const int rz = add_row(fmt::format("zc_{}_{}", i, k), 'L', 0.0);
          add_term(rz, z_index_[i][k], 1.0);
          add_term(rz, mip_.y_index[i][k], -f.options[k].capacity);
        }
      }
      if (f.options.size() > 1 || (f.forced_open && f.options.size() != 1)) {
        const int r = add_row(fmt::format("one_{}", i), f.forced_open ? 'E' : 'L', 1.0);
        for (int col : mip_.y_index[i]) add_term(r, col, 1.0);
      }
    }
  }

  void add_supply_rows() {
    if (!model_.needs_supply) return;
    std::vector<int> sup(nf_);
    for (int i = 0; i < nf_; ++i) {
      sup[i] = add_row(fmt::format("sup_{}", i), 'E', 0.0);
      for (int a : fac_arcs_[i]) add_term(sup[i], mip_.x_index[a], -1.0);
    }
    for (int p = 0; p < static_cast<int>(model_.supply.size()); ++p)
      add_term(sup[model_.supply[p].facility], mip_.s_index[p], 1.0);
  }

  void add_resource_rows() {
    const int nr = static_cast<int>(model_.resources.size());
    if (nr == 0) return;
    std::vector<int> res(nr);
    for (int r = 0; r < nr; ++r)
      res[r] = add_row(fmt::format("res_{}{}", r, suffix(model_.resources[r].name)),
                       'L',
                       model_.resources[r].capacity);
    // Supply paths only carry flow when needs_supply; otherwise they are unused columns.
    for (int p = 0; p < static_cast<int>(model_.supply.size()); ++p)
      for (int r : model_.supply[p].resources) add_term(res[r], mip_.s_index[p], 1.0);
    for (int q = 0; q < static_cast<int>(model_.direct.size()); ++q)
      for (int r : model_.direct[q].resources) add_term(res[r], mip_.w_index[q], 1.0);
  }

  // lnk_a: strong linking to the facility's size columns, or, with single sourcing, to
  // the arc's assignment column (asg_a ties that to an open facility).
  void add_linking_rows() {
    for (int a = 0; a < na_; ++a) {
      const auto& arc = model_.arcs[a];
      const double d = model_.demand[arc.customer];
      const int r = add_row(fmt::format("lnk_{}", a), 'L', 0.0);
      add_term(r, mip_.x_index[a], 1.0);
      if (model_.single_sourcing) {
        add_term(r, a_index_[a], -d);
        const int ra = add_row(fmt::format("asg_{}", a), 'L', 0.0);
        add_term(ra, a_index_[a], 1.0);
        for (int col : mip_.y_index[arc.facility]) add_term(ra, col, -1.0);
      } else {
        for (int col : mip_.y_index[arc.facility]) add_term(r, col, -d);
      }
    }
  }

  // one_c_j: at most one assigned facility per customer that has arcs.
  void add_single_source_rows() {
    if (!model_.single_sourcing) return;
    std::vector<int> one(nc_, -1);
    for (int a = 0; a < na_; ++a) {
      const int j = model_.arcs[a].customer;
      if (one[j] < 0) one[j] = add_row(fmt::format("one_c_{}", j), 'L', 1.0);
      add_term(one[j], a_index_[a], 1.0);
    }
  }

  void add_max_open_row() {
    if (!model_.max_open) return;
    const int r = add_row("max_open", 'L', *model_.max_open);
    for (int i = 0; i < nf_; ++i)
      for (int col : mip_.y_index[i]) add_term(r, col, 1.0);
  }

  const Model& model_;
  const int nf_, nc_, na_;                  // facilities, customers, arcs
  std::vector<bool> uniform_;               // per facility: options share handling cost
  std::vector<std::vector<int>> fac_arcs_;  // per facility: its arcs
  std::vector<std::vector<int>> z_index_;   // z_ik column, non-uniform facilities only
  std::vector<int> a_index_;                // a_a column, single sourcing only
  Mip mip_;
};

}  // namespace

Mip build_mip(const Model& model) { return MipBuilder(model).build(); }

MipArrays to_arrays(const Mip& mip) {
  MipArrays a;
  const int nc = static_cast<int>(mip.columns.size());
  const int nr = static_cast<int>(mip.rows.size());
  std::vector<int> rows, cols;
  std::vector<double> vals;
  for (int r = 0; r < nr; ++r)
    for (const auto& [c, v] : mip.rows[r].terms) {
      rows.push_back(r);
      cols.push_back(c);
      vals.push_back(v);
    }
  a.matrix = CoinPackedMatrix(
      true, rows.data(), cols.data(), vals.data(), static_cast<CoinBigIndex>(vals.size()));
  a.matrix.setDimensions(nr, nc);
  for (const auto& c : mip.columns) {
    a.lo.push_back(c.lower);
    a.up.push_back(c.upper >= kNoUpperBound ? COIN_DBL_MAX : c.upper);
    a.obj.push_back(c.cost);
  }
  for (const auto& r : mip.rows) {
    a.row_lo.push_back(r.sense == 'L' ? -COIN_DBL_MAX : r.rhs);
    a.row_up.push_back(r.sense == 'G' ? COIN_DBL_MAX : r.rhs);
  }
  return a;
}

}  // namespace corridor::design::solver
