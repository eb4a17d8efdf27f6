// CPLEX LP export of the exact MIP (see formulation.hpp for the rows). Numbers are
// written with 17 significant digits so a peer solves exactly our problem.
#include <fmt/format.h>

#include <ostream>

#include "corridor/solver/model.hpp"
#include "formulation.hpp"

namespace corridor::design::solver {

namespace {

constexpr int kTermsPerLine = 8;

void write_terms(std::ostream& out,
                 const std::vector<std::pair<int, double>>& terms,
                 const std::vector<MipColumn>& columns) {
  int on_line = 0;
  bool first = true;
  for (const auto& [col, coef] : terms) {
    if (coef == 0.0) continue;
    if (on_line == kTermsPerLine) {
      out << "\n   ";
      on_line = 0;
    }
    const char* sign = coef < 0 ? "-" : "+";
    const double mag = coef < 0 ? -coef : coef;
    if (first && coef >= 0)
      out << fmt::format(" {:.17g} {}", mag, columns[col].name);
    else
      out << fmt::format(" {} {:.17g} {}", sign, mag, columns[col].name);
    first = false;
    ++on_line;
  }
  if (first && !columns.empty()) out << " 0 " << columns[terms.empty() ? 0 : terms[0].first].name;
}

}  // namespace

void write_lp(const Model& model, std::ostream& out) {
  const Mip mip = build_mip(model);
  out << "\\ corridor design solver: exact MIP (strong linking x_ij <= d_j sum_k y_ik)\n";
  out << "Minimize\n obj:";
  std::vector<std::pair<int, double>> obj;
  for (int c = 0; c < static_cast<int>(mip.columns.size()); ++c)
    if (mip.columns[c].cost != 0.0) obj.emplace_back(c, mip.columns[c].cost);
  if (obj.empty() && !mip.columns.empty()) obj.emplace_back(0, 0.0);
  write_terms(out, obj, mip.columns);
  out << "\nSubject To\n";
  for (const auto& row : mip.rows) {
    bool any = false;
    for (const auto& t : row.terms) any = any || t.second != 0.0;
    if (!any) {
      // A row without variables is trivially true or an infeasibility; keep the latter
      // visible to the peer through a zero-coefficient term.
      const bool ok = (row.sense == 'L' && row.rhs >= 0) || (row.sense == 'G' && row.rhs <= 0) ||
                      (row.sense == 'E' && row.rhs == 0);
      if (!ok && !mip.columns.empty())
        out << fmt::format(" {}: 0 {} {} {:.17g}\n",
                           row.name,
                           mip.columns[0].name,
                           row.sense == 'L'   ? "<="
                           : row.sense == 'G' ? ">="
                                              : "=",
                           row.rhs);
      continue;
    }
    out << " " << row.name << ":";
    write_terms(out, row.terms, mip.columns);
    out << fmt::format(" {} {:.17g}\n",
                       row.sense == 'L'   ? "<="
                       : row.sense == 'G' ? ">="
                                          : "=",
                       row.rhs);
  }
  out << "Bounds\n";
  for (const auto& c : mip.columns) {
    if (c.binary && c.lower == 0.0) continue;
    if (c.upper >= kNoUpperBound) {
      if (c.lower != 0.0) out << fmt::format(" {} >= {:.17g}\n", c.name, c.lower);
    } else {
      out << fmt::format(" {:.17g} <= {} <= {:.17g}\n", c.lower, c.name, c.upper);
    }
  }
  bool any_binary = false;
  for (const auto& c : mip.columns) any_binary = any_binary || c.binary;
  if (any_binary) {
    out << "Binaries\n";
    int on_line = 0;
    for (const auto& c : mip.columns) {
      if (!c.binary) continue;
      out << " " << c.name;
      if (++on_line == kTermsPerLine) {
        out << "\n";
        on_line = 0;
      }
    }
    if (on_line != 0) out << "\n";
  }
  out << "End\n";
}

}  // namespace corridor::design::solver
