#pragma once
// Small readers of a Plan shared by the design tests.

#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/plan.hpp"

namespace corridor::testing {

inline double sum(const design::CostBreakdown& c) {
  return c.fixed + c.cn_linehaul + c.crossing + c.kz_linehaul + c.handling + c.last_mile +
         c.direct + c.unmet_penalty;
}

inline std::vector<std::string> open_sites(const design::Plan& p) {
  std::vector<std::string> s;
  for (const auto& w : p.warehouses) s.push_back(w.site);
  return s;
}

inline const design::CrossingResult& crossing(const design::Plan& p, const std::string& id) {
  for (const auto& x : p.crossings)
    if (x.crossing == id) return x;
  throw std::runtime_error("no crossing " + id);
}

}  // namespace corridor::testing
