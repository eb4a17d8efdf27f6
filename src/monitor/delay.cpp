// delay_cost(): what a commitment's slip costs the corridor. Two plans of one scenario,
// one with the commitment's object in place (a planned crossing made operating) and one
// without it (the crossing closed, the site or link removed), solved by the same exact
// design solver; the difference per year, times the years of delay, undiscounted
// (docs/monitor.md, "Cost of delay").

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "corridor/core/artefact.hpp"
#include "corridor/core/json_read.hpp"
#include "corridor/monitor.hpp"

namespace corridor::monitor {

namespace {

[[noreturn]] void refuse(ErrorCode code,
                         const std::string& file,
                         int line,
                         const std::string& field,
                         const std::string& message) {
  Diagnostic d;
  d.code = code;
  d.file = file;
  d.line = line;
  d.field = field;
  d.message = message;
  throw InputError({d});
}

const Commitment& find_commitment(const Monitor& m, const std::string& id) {
  for (const auto& c : m.commitments)
    if (c.id == id) return c;
  std::string ids;
  for (const auto& c : m.commitments)
    if (!c.link.empty()) ids += (ids.empty() ? "" : ", ") + c.id;
  refuse(ErrorCode::kBadOption,
         "",
         0,
         "--commitment",
         fmt::format("no such commitment (got \"{}\", expected one with a link: {})", id, ids));
}

/// The two worlds: `on_time` with the object, `delayed` without it.
void place_object(const ObjectLink& l,
                  scenario::Scenario& on_time,
                  scenario::Scenario& delayed,
                  const std::string& where) {
  const auto missing = [&](const char* table) {
    refuse(ErrorCode::kBadLink,
           where,
           0,
           "link",
           fmt::format("the scenario {} has no {} {} (got {}:{}, expected an id from its {} table)",
                       on_time.name,
                       l.kind,
                       l.id,
                       l.kind,
                       l.id,
                       table));
  };
  if (l.kind == "crossing") {
    const auto set = [&](scenario::Scenario& s, scenario::CrossingStatus st) {
      for (auto& c : s.crossings)
        if (c.id == l.id) c.status = st;
    };
    if (on_time.find_crossing(l.id) == nullptr) missing("crossings");
    set(on_time, scenario::CrossingStatus::kOperating);
    set(delayed, scenario::CrossingStatus::kClosed);
  } else if (l.kind == "site") {
    auto& v = delayed.sites;
    if (on_time.find_site(l.id) == nullptr) missing("warehouse_sites");
    v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& x) { return x.id == l.id; }),
            v.end());
  } else if (l.kind == "link") {
    auto& v = delayed.links;
    const auto n = v.size();
    v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& x) { return x.id == l.id; }),
            v.end());
    if (v.size() == n) missing("links");
  } else {
    refuse(ErrorCode::kBadLink,
           where,
           0,
           "link",
           fmt::format("a zone is demand, not an object that can be late (got {}:{}, expected "
                       "crossing:ID, site:ID or link:ID)",
                       l.kind,
                       l.id));
  }
}

double mean_days(const design::Plan& p) {
  double w = 0;
  double d = 0;
  for (const auto& z : p.zones) {
    const double served = z.stocked_per_day + z.direct_per_day;
    w += served;
    d += served * z.delivery_days;
  }
  return w > 0 ? d / w : 0.0;
}

design::Plan solve(const scenario::Scenario& s, const design::PlanOptions& o, const char* which) {
  design::Plan p = design::plan(s, o);
  if (!design::has_plan(p))
    refuse(ErrorCode::kBadOption,
           "",
           0,
           "--time-limit",
           fmt::format("the {} plan found no solution within {} s (expected a time limit long "
                       "enough to find one)",
                       which,
                       o.time_limit_seconds));
  return p;
}

std::vector<FlowShift> shifts(const design::Plan& a, const design::Plan& b) {
  std::vector<FlowShift> out;
  for (const auto& c : a.crossings) {
    FlowShift f{c.crossing, c.flow_parcels_per_day, 0.0};
    for (const auto& d : b.crossings)
      if (d.crossing == c.crossing) f.delayed_per_day = d.flow_parcels_per_day;
    if (std::fabs(f.on_time_per_day - f.delayed_per_day) >= 0.5) out.push_back(f);
  }
  return out;
}

}  // namespace

DelayResult delay_cost(const Monitor& m,
                       const std::string& commitment,
                       const scenario::Scenario& s,
                       const DelayOptions& o) {
  const Commitment& c = find_commitment(m, commitment);
  const std::string where = (std::filesystem::path(m.folder) / "commitments.csv").string();
  const auto link = parse_link(c.link);
  if (!link)
    refuse(ErrorCode::kBadOption,
           "",
           0,
           "--commitment",
           fmt::format("commitment {} has no corridor object (its link is empty; expected a "
                       "commitment whose link names a crossing, site or link)",
                       c.id));
  scenario::Scenario on_time = s;
  scenario::Scenario delayed = s;
  place_object(*link, on_time, delayed, where);
  const design::Plan a = solve(on_time, o.plan, "on-time");
  const design::Plan b = solve(delayed, o.plan, "delayed");
  DelayResult r;
  r.commitment = c.id;
  r.object = c.link;
  r.years = o.years;
  r.scenario = s.name;
  r.variant = s.variant;
  r.currency = s.currency;
  r.fingerprint_on_time = a.scenario_fingerprint;
  r.fingerprint_delayed = b.scenario_fingerprint;
  r.cost_on_time_per_year = a.objective;
  r.cost_delayed_per_year = b.objective;
  r.cost_per_year = b.objective - a.objective;
  r.cost_total = r.cost_per_year * o.years;
  r.unmet_on_time_per_day = a.unmet_per_day;
  r.unmet_delayed_per_day = b.unmet_per_day;
  r.days_on_time = mean_days(a);
  r.days_delayed = mean_days(b);
  r.shifts = shifts(a, b);
  if (o.simulate) {
    const sim::SimResult sa = sim::simulate(on_time, a, o.sim);
    const sim::SimResult sb = sim::simulate(delayed, b, o.sim);
    r.sim_p95_on_time = sa.overall.p95_days.mean;
    r.sim_p95_delayed = sb.overall.p95_days.mean;
    r.sim_on_time_share_on_time = sa.overall.on_time_share.mean;
    r.sim_on_time_share_delayed = sb.overall.on_time_share.mean;
  }
  return r;
}

nlohmann::ordered_json delay_json(const DelayResult& d) {
  nlohmann::ordered_json shifts = nlohmann::ordered_json::array();
  for (const auto& f : d.shifts)
    shifts.push_back({{"crossing", f.crossing},
                      {"on_time_per_day", f.on_time_per_day},
                      {"delayed_per_day", f.delayed_per_day}});
  const auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
  };
  return {{"commitment", d.commitment},
          {"object", d.object},
          {"years", d.years},
          {"currency", d.currency},
          {"fingerprint_on_time", d.fingerprint_on_time},
          {"fingerprint_delayed", d.fingerprint_delayed},
          {"cost_on_time_per_year", d.cost_on_time_per_year},
          {"cost_delayed_per_year", d.cost_delayed_per_year},
          {"cost_per_year", d.cost_per_year},
          {"cost_total", d.cost_total},
          {"unmet_on_time_per_day", d.unmet_on_time_per_day},
          {"unmet_delayed_per_day", d.unmet_delayed_per_day},
          {"days_on_time", d.days_on_time},
          {"days_delayed", d.days_delayed},
          {"sim_p95_on_time", opt(d.sim_p95_on_time)},
          {"sim_p95_delayed", opt(d.sim_p95_delayed)},
          {"sim_on_time_share_on_time", opt(d.sim_on_time_share_on_time)},
          {"sim_on_time_share_delayed", opt(d.sim_on_time_share_delayed)},
          {"shifts", shifts}};
}

std::string delay_artefact(const DelayResult& d) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  write_header(
      j,
      make_header(kDelaySchema, kDelaySchemaVersion, d.scenario, d.variant, d.fingerprint_on_time));
  const nlohmann::ordered_json body = delay_json(d);  // items() refers into it
  for (const auto& [k, v] : body.items()) j[k] = v;
  return j.dump(2) + "\n";
}

DelayResult read_delay(const std::string& file) {
  const nlohmann::json j = read_json_file(file);
  DiagnosticSink sink;
  const ArtefactHeader h = read_header(j, kDelaySchema, kDelaySchemaVersion, file, sink);
  sink.throw_if_errors();
  core::JsonReader r(file, sink);
  DelayResult d;
  d.scenario = h.scenario;
  d.variant = h.variant;
  r.read(j, "", "commitment", d.commitment);
  r.read(j, "", "object", d.object);
  r.read(j, "", "years", d.years);
  r.read(j, "", "currency", d.currency);
  r.read(j, "", "fingerprint_on_time", d.fingerprint_on_time);
  r.read(j, "", "fingerprint_delayed", d.fingerprint_delayed);
  const std::pair<const char*, double*> figures[] = {
      {"cost_on_time_per_year", &d.cost_on_time_per_year},
      {"cost_delayed_per_year", &d.cost_delayed_per_year},
      {"cost_per_year", &d.cost_per_year},
      {"cost_total", &d.cost_total},
      {"unmet_on_time_per_day", &d.unmet_on_time_per_day},
      {"unmet_delayed_per_day", &d.unmet_delayed_per_day},
      {"days_on_time", &d.days_on_time},
      {"days_delayed", &d.days_delayed}};
  for (auto [key, out] : figures) r.read(j, "", key, *out);
  const std::pair<const char*, std::optional<double>*> simulated[] = {
      {"sim_p95_on_time", &d.sim_p95_on_time},
      {"sim_p95_delayed", &d.sim_p95_delayed},
      {"sim_on_time_share_on_time", &d.sim_on_time_share_on_time},
      {"sim_on_time_share_delayed", &d.sim_on_time_share_delayed}};
  for (auto [key, out] : simulated) {
    const nlohmann::json* v = r.member(j, "", key);
    if (v == nullptr || v->is_null()) continue;
    double x = 0;
    r.read(j, "", key, x);
    *out = x;
  }
  r.read_array(
      j, "", "shifts", d.shifts, [&](const nlohmann::json& e, const std::string& at, FlowShift& f) {
        r.read(e, at, "crossing", f.crossing);
        r.read(e, at, "on_time_per_day", f.on_time_per_day);
        r.read(e, at, "delayed_per_day", f.delayed_per_day);
      });
  sink.throw_if_errors();
  return d;
}

}  // namespace corridor::monitor
