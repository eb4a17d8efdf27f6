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

Mip build_mip(const Model& model) {
  Mip mip;
  const int nf = static_cast<int>(model.facilities.size());
  const int nc = static_cast<int>(model.demand.size());
  auto add_col = [&](std::string name, double cost, double lo, double up, bool bin) {
    mip.columns.push_back(MipColumn{std::move(name), cost, lo, up, bin});
    return static_cast<int>(mip.columns.size()) - 1;
  };
  auto add_row = [&](std::string name, char sense, double rhs) {
    mip.rows.push_back(MipRow{std::move(name), sense, rhs, {}});
    return static_cast<int>(mip.rows.size()) - 1;
  };

  mip.y_index.resize(nf);
  std::vector<bool> uniform(nf);
  for (int i = 0; i < nf; ++i) {
    const auto& f = model.facilities[i];
    uniform[i] = uniform_handling(f);
    for (int k = 0; k < static_cast<int>(f.options.size()); ++k) {
      const bool fix = f.forced_open && f.options.size() == 1;
      mip.y_index[i].push_back(add_col(fmt::format("y_{}_{}{}", i, k, suffix(f.name)),
                                       f.options[k].fixed_cost,
                                       fix ? 1.0 : 0.0,
                                       1.0,
                                       true));
    }
  }
  for (int a = 0; a < static_cast<int>(model.arcs.size()); ++a) {
    const auto& arc = model.arcs[a];
    const auto& f = model.facilities[arc.facility];
    double cost = arc.unit_cost;
    if (uniform[arc.facility] && !f.options.empty()) cost += f.options.front().unit_cost;
    mip.x_index.push_back(add_col(fmt::format("x_{}_{}_{}", a, arc.facility, arc.customer),
                                  cost,
                                  0.0,
                                  model.demand[arc.customer],
                                  false));
  }
  std::vector<std::vector<int>> z_index(nf);
  for (int i = 0; i < nf; ++i) {
    if (uniform[i]) continue;
    const auto& f = model.facilities[i];
    for (int k = 0; k < static_cast<int>(f.options.size()); ++k)
      z_index[i].push_back(add_col(
          fmt::format("z_{}_{}", i, k), f.options[k].unit_cost, 0.0, f.options[k].capacity, false));
  }
  for (int p = 0; p < static_cast<int>(model.supply.size()); ++p)
    mip.s_index.push_back(add_col(fmt::format("s_{}_{}", p, model.supply[p].facility),
                                  model.supply[p].unit_cost,
                                  0.0,
                                  1e30,
                                  false));
  for (int q = 0; q < static_cast<int>(model.direct.size()); ++q)
    mip.w_index.push_back(add_col(fmt::format("w_{}_{}", q, model.direct[q].customer),
                                  model.direct[q].unit_cost,
                                  0.0,
                                  model.demand[model.direct[q].customer],
                                  false));
  mip.u_index.assign(nc, -1);
  if (model.unmet_penalty)
    for (int j = 0; j < nc; ++j)
      mip.u_index[j] =
          add_col(fmt::format("u_{}", j), *model.unmet_penalty, 0.0, model.demand[j], false);
  std::vector<int> a_index;
  if (model.single_sourcing)
    for (int a = 0; a < static_cast<int>(model.arcs.size()); ++a)
      a_index.push_back(add_col(fmt::format("a_{}", a), 0.0, 0.0, 1.0, true));

  // Demand rows.
  std::vector<int> dem(nc);
  for (int j = 0; j < nc; ++j) dem[j] = add_row(fmt::format("dem_{}", j), 'E', model.demand[j]);
  for (int a = 0; a < static_cast<int>(model.arcs.size()); ++a)
    mip.rows[dem[model.arcs[a].customer]].terms.emplace_back(mip.x_index[a], 1.0);
  for (int q = 0; q < static_cast<int>(model.direct.size()); ++q)
    mip.rows[dem[model.direct[q].customer]].terms.emplace_back(mip.w_index[q], 1.0);
  for (int j = 0; j < nc; ++j)
    if (mip.u_index[j] >= 0) mip.rows[dem[j]].terms.emplace_back(mip.u_index[j], 1.0);

  // Capacity rows.
  std::vector<std::vector<int>> fac_arcs(nf);
  for (int a = 0; a < static_cast<int>(model.arcs.size()); ++a)
    fac_arcs[model.arcs[a].facility].push_back(a);
  for (int i = 0; i < nf; ++i) {
    const auto& f = model.facilities[i];
    if (uniform[i]) {
      const int r = add_row(fmt::format("cap_{}", i), 'L', 0.0);
      for (int a : fac_arcs[i]) mip.rows[r].terms.emplace_back(mip.x_index[a], 1.0);
      for (int k = 0; k < static_cast<int>(f.options.size()); ++k)
        mip.rows[r].terms.emplace_back(mip.y_index[i][k], -f.options[k].capacity);
    } else {
      const int r = add_row(fmt::format("flo_{}", i), 'E', 0.0);
      for (int a : fac_arcs[i]) mip.rows[r].terms.emplace_back(mip.x_index[a], 1.0);
      for (int k = 0; k < static_cast<int>(f.options.size()); ++k) {
        mip.rows[r].terms.emplace_back(z_index[i][k], -1.0);
        const int rz = add_row(fmt::format("zc_{}_{}", i, k), 'L', 0.0);
        mip.rows[rz].terms.emplace_back(z_index[i][k], 1.0);
        mip.rows[rz].terms.emplace_back(mip.y_index[i][k], -f.options[k].capacity);
      }
    }
    if (f.options.size() > 1 || (f.forced_open && f.options.size() != 1)) {
      const int r = add_row(fmt::format("one_{}", i), f.forced_open ? 'E' : 'L', 1.0);
      for (int col : mip.y_index[i]) mip.rows[r].terms.emplace_back(col, 1.0);
    }
  }
  if (model.needs_supply) {
    std::vector<int> sup(nf);
    for (int i = 0; i < nf; ++i) {
      sup[i] = add_row(fmt::format("sup_{}", i), 'E', 0.0);
      for (int a : fac_arcs[i]) mip.rows[sup[i]].terms.emplace_back(mip.x_index[a], -1.0);
    }
    for (int p = 0; p < static_cast<int>(model.supply.size()); ++p)
      mip.rows[sup[model.supply[p].facility]].terms.emplace_back(mip.s_index[p], 1.0);
  }
  const int nr = static_cast<int>(model.resources.size());
  if (nr > 0) {
    std::vector<int> res(nr);
    for (int r = 0; r < nr; ++r)
      res[r] = add_row(fmt::format("res_{}{}", r, suffix(model.resources[r].name)),
                       'L',
                       model.resources[r].capacity);
    // Supply paths only carry flow when needs_supply; otherwise they are unused columns.
    for (int p = 0; p < static_cast<int>(model.supply.size()); ++p)
      for (int r : model.supply[p].resources)
        mip.rows[res[r]].terms.emplace_back(mip.s_index[p], 1.0);
    for (int q = 0; q < static_cast<int>(model.direct.size()); ++q)
      for (int r : model.direct[q].resources)
        mip.rows[res[r]].terms.emplace_back(mip.w_index[q], 1.0);
  }
  // Linking rows.
  for (int a = 0; a < static_cast<int>(model.arcs.size()); ++a) {
    const auto& arc = model.arcs[a];
    const double d = model.demand[arc.customer];
    const int r = add_row(fmt::format("lnk_{}", a), 'L', 0.0);
    mip.rows[r].terms.emplace_back(mip.x_index[a], 1.0);
    if (model.single_sourcing) {
      mip.rows[r].terms.emplace_back(a_index[a], -d);
      const int ra = add_row(fmt::format("asg_{}", a), 'L', 0.0);
      mip.rows[ra].terms.emplace_back(a_index[a], 1.0);
      for (int col : mip.y_index[arc.facility]) mip.rows[ra].terms.emplace_back(col, -1.0);
    } else {
      for (int col : mip.y_index[arc.facility]) mip.rows[r].terms.emplace_back(col, -d);
    }
  }
  if (model.single_sourcing) {
    std::vector<int> one(nc, -1);
    for (int a = 0; a < static_cast<int>(model.arcs.size()); ++a) {
      const int j = model.arcs[a].customer;
      if (one[j] < 0) one[j] = add_row(fmt::format("one_c_{}", j), 'L', 1.0);
      mip.rows[one[j]].terms.emplace_back(a_index[a], 1.0);
    }
  }
  if (model.max_open) {
    const int r = add_row("max_open", 'L', *model.max_open);
    for (int i = 0; i < nf; ++i)
      for (int col : mip.y_index[i]) mip.rows[r].terms.emplace_back(col, 1.0);
  }
  return mip;
}

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
    a.up.push_back(c.upper >= 1e30 ? COIN_DBL_MAX : c.upper);
    a.obj.push_back(c.cost);
  }
  for (const auto& r : mip.rows) {
    a.row_lo.push_back(r.sense == 'L' ? -COIN_DBL_MAX : r.rhs);
    a.row_up.push_back(r.sense == 'G' ? COIN_DBL_MAX : r.rhs);
  }
  return a;
}

}  // namespace corridor::design::solver
