#pragma once
// Small helpers shared by the plan and compare output tables; the CSV writer and the
// atomic publication are core's (corridor/core/output.hpp).

#include <string>
#include <utility>
#include <vector>

#include "corridor/core/output.hpp"

namespace corridor::design {

using core::CsvWriter;
using core::num;

/// Joins with ';' (lists inside one CSV cell).
std::string join(const std::vector<std::string>& items);

}  // namespace corridor::design
