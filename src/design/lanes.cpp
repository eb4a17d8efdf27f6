// Lanes as a decision: the number of servers at one crossing chosen by enumeration
// (docs/design-model.md, "Lanes").
//
// Method. For each lane count n in MIN..MAX the crossing gets n servers, its
// capacity_per_day scaled by n / servers (crossings.csv relates them so: servers x 24 /
// processing_hours ~ capacity on open days) and the same other freight in units/day
// (background_share x servers / n); the congestion-aware plan is solved exactly (outer
// approximation, src/design/congested.*) and the total is its objective + n x the lane
// cost. The least total over the range is the optimum of the joint problem because the
// range is enumerated in full: (MAX - MIN + 1) congestion-aware solves. Ties go to fewer
// lanes. The choice is proven exact when every row's plan is optimal within the gap.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "corridor/design.hpp"
#include "corridor/error.hpp"
#include "output.hpp"

namespace corridor::design {

namespace {

const scenario::Crossing* find_crossing(const scenario::Scenario& s, const std::string& id) {
  for (const auto& c : s.crossings)
    if (c.id == id) return &c;
  return nullptr;
}

void bad(DiagnosticSink& sink, const std::string& field, std::string message) {
  sink.error(ErrorCode::kBadOption, "options", 0, 0, field, std::move(message));
}

}  // namespace

std::vector<Diagnostic> check_lane_options(const scenario::Scenario& s,
                                           const PlanOptions& o,
                                           const LaneOptions& l) {
  DiagnosticSink sink;
  if (!o.congestion.enabled)
    bad(sink, "lanes", "lanes are chosen against the queue at the crossing: needs --congestion");
  if (!find_crossing(s, l.crossing)) {
    std::string known;
    for (const auto& c : s.crossings) known += (known.empty() ? "" : ", ") + c.id;
    bad(sink,
        "lanes",
        fmt::format("unknown crossing '{}' (expected one of {})", l.crossing, known));
  }
  if (l.min_lanes < 1) bad(sink, "lanes", fmt::format("MIN must be >= 1, got {}", l.min_lanes));
  if (l.min_lanes > l.max_lanes)
    bad(sink, "lanes", fmt::format("MIN must be <= MAX, got {}..{}", l.min_lanes, l.max_lanes));
  if (!(l.cost_per_lane_year >= 0.0) || !std::isfinite(l.cost_per_lane_year))
    bad(sink,
        "lane-cost",
        fmt::format("must be a finite number >= 0, got {}", l.cost_per_lane_year));
  return sink.items();
}

namespace {

LaneRow solve_row(const scenario::Scenario& s,
                  const PlanOptions& o,
                  const LaneOptions& l,
                  int n,
                  Plan& plan_out) {
  const scenario::Scenario sn = with_lanes(s, l.crossing, n);
  LaneRow r;
  r.lanes = n;
  if (const scenario::Crossing* x = find_crossing(sn, l.crossing)) {
    r.capacity_per_day = x->capacity_per_day;
    r.background_share = x->background_share;
  }
  r.lane_cost = n * l.cost_per_lane_year;
  plan_out = plan(sn, o);
  r.status = plan_out.status;
  r.has_plan = has_plan(plan_out);
  r.plan_cost = plan_out.objective;
  r.plan_gap = plan_out.gap;
  r.total = r.has_plan ? r.plan_cost + r.lane_cost : std::nan("");
  for (const auto& c : plan_out.congestion.crossings)
    if (c.crossing == l.crossing) {
      r.flow_parcels_per_day = c.flow_parcels_per_day;
      r.utilisation = c.utilisation;
      r.predicted_wait_hours = c.predicted_wait_hours;
    }
  return r;
}

}  // namespace

scenario::Scenario with_lanes(const scenario::Scenario& s, const std::string& crossing, int lanes) {
  scenario::Scenario out = s;
  scenario::Crossing* x = nullptr;
  for (auto& c : out.crossings)
    if (c.id == crossing) x = &c;
  if (!x || lanes < 1) {
    DiagnosticSink sink;
    bad(sink,
        "lanes",
        fmt::format("crossing '{}' with {} lanes (expected a known crossing, lanes >= 1)",
                    crossing,
                    lanes));
    sink.throw_if_errors();
  }
  const double scale = static_cast<double>(lanes) / std::max(1, x->servers);
  x->capacity_per_day *= scale;
  x->background_share = std::min(x->background_share / scale, std::nextafter(1.0, 0.0));
  x->servers = lanes;
  return out;
}

LaneChoice plan_lanes(const scenario::Scenario& s,
                      const PlanOptions& options,
                      const LaneOptions& lanes) {
  if (auto errors = check_lane_options(s, options, lanes); !errors.empty())
    throw InputError(std::move(errors));
  LaneChoice c;
  c.crossing = lanes.crossing;
  if (const scenario::Crossing* x = find_crossing(s, lanes.crossing))
    c.scenario_servers = x->servers;
  c.cost_per_lane_year = lanes.cost_per_lane_year;
  c.proven = true;
  for (int n = lanes.min_lanes; n <= lanes.max_lanes; ++n) {
    Plan p;
    c.rows.push_back(solve_row(s, options, lanes, n, p));
    const LaneRow& r = c.rows.back();
    c.proven = c.proven && r.status == SolveStatus::kOptimal;
    if (!r.has_plan) continue;
    if (c.chosen < 0 || r.total < c.rows[c.chosen].total) {
      c.chosen = static_cast<int>(c.rows.size()) - 1;
      c.plan = std::move(p);
    }
  }
  c.proven = c.proven && c.chosen >= 0;
  return c;
}

void add_lane_outputs(const LaneChoice& c, core::OutputSet& out) {
  CsvWriter w({"crossing",
               "lanes",
               "capacity_per_day",
               "background_share",
               "status",
               "plan_cost",
               "plan_gap",
               "lane_cost",
               "total",
               "flow_parcels_per_day",
               "utilisation",
               "predicted_wait_hours",
               "chosen"});
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const LaneRow& r = c.rows[i];
    w.add_row({c.crossing,
               std::to_string(r.lanes),
               num(r.capacity_per_day),
               num(r.background_share),
               to_string(r.status),
               r.has_plan ? num(r.plan_cost) : "",
               r.has_plan ? num(r.plan_gap) : "",
               num(r.lane_cost),
               r.has_plan ? num(r.total) : "",
               num(r.flow_parcels_per_day),
               num(r.utilisation),
               num(r.predicted_wait_hours),
               static_cast<int>(i) == c.chosen ? "yes" : "no"});
  }
  out.add("lanes.csv", w.str());
}

}  // namespace corridor::design
