#pragma once
// A test-only reference solver for tiny solver::Models: enumerate every choice of
// size options (and, with single sourcing, every assignment of each customer to one
// open facility or none), solve the remaining LP with Clp, keep the cheapest.
// Exponential; for models with a handful of facilities and customers only. It is an
// independent check of the real branch-and-bound solver, not a replacement for it.

#include "corridor/solver/model.hpp"

namespace corridor::testing {

design::solver::Solution brute_force_solve(const design::solver::Model& m);

}  // namespace corridor::testing
