// canonical_text()/fingerprint() of a monitor, and the three renderings of a status
// report: monitor.json (docs/artefacts.md header, schema corridor.monitor/2),
// status.csv and the traffic-light table.

#include "corridor/core/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "corridor/core/artefact.hpp"
#include "corridor/core/text.hpp"
#include "corridor/monitor.hpp"

namespace corridor::monitor {

namespace {

using Json = nlohmann::ordered_json;

Json opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
Json opt(const std::optional<Date>& d) { return d ? Json(d->text) : Json(nullptr); }

template <typename T, typename Key>
std::vector<const T*> sorted(const std::vector<T>& rows, Key key) {
  std::vector<const T*> out;
  for (const auto& r : rows) out.push_back(&r);
  std::sort(out.begin(), out.end(), [&](const T* a, const T* b) { return key(*a) < key(*b); });
  return out;
}

const char* const kInstrument[] = {
    "treaty", "agreement", "mou", "joint_statement", "contract", "decision"};
const char* const kKind[] = {"milestone", "quantity", "policy"};
const char* const kDirection[] = {"increase", "decrease", "band"};
const char* const kMethod[] = {"trajectory", "growth", "milestone"};
const char* const kStrength[] = {"official", "media", "model"};

std::string opt_text(const std::optional<double>& v) { return v ? core::num(*v) : std::string(); }

std::string override_note(const std::optional<Status>& o, Status computed, const std::string& why) {
  if (!o) return "";
  return fmt::format(" [override; computed {}: {}]", to_string(computed), why);
}

}  // namespace

std::string canonical_text(const Monitor& m) {
  auto by_id = [](const auto& r) { return r.id; };
  Json j = Json::object();
  Json a = Json::array();
  for (const auto* r : sorted(m.agreements, by_id))
    a.push_back(Json::array({r->id,
                             r->title,
                             r->title_kk,
                             r->title_ru,
                             r->title_zh,
                             r->parties,
                             r->signed_on.text,
                             opt(r->in_force),
                             kInstrument[static_cast<int>(r->instrument)],
                             r->source}));
  j["agreements"] = std::move(a);
  a = Json::array();
  for (const auto* r : sorted(m.commitments, by_id))
    a.push_back(Json::array({r->id,
                             r->agreement,
                             r->clause,
                             r->text,
                             r->responsible_kz,
                             r->responsible_cn,
                             r->due.text,
                             kKind[static_cast<int>(r->kind)],
                             r->depends_on,
                             r->link,
                             r->source}));
  j["commitments"] = std::move(a);
  a = Json::array();
  for (const auto* r : sorted(m.indicators, by_id))
    a.push_back(Json::array({r->id,
                             r->commitment,
                             r->name,
                             r->unit,
                             kDirection[static_cast<int>(r->direction)],
                             opt(r->low),
                             opt(r->high),
                             opt(r->baseline),
                             opt(r->baseline_date),
                             kMethod[static_cast<int>(r->method)],
                             r->frequency_days,
                             r->feed == Feed::kModel ? "model" : "observed",
                             r->run,
                             r->path,
                             r->source}));
  j["indicators"] = std::move(a);
  a = Json::array();
  for (const auto* r :
       sorted(m.targets, [](const Target& t) { return std::make_pair(t.indicator, t.date.days); }))
    a.push_back(Json::array({r->indicator, r->date.text, r->value, r->source}));
  j["targets"] = std::move(a);
  a = Json::array();
  for (const auto* r : sorted(m.observations, by_id))
    a.push_back(Json::array({r->id,
                             r->indicator,
                             r->date.text,
                             r->value,
                             r->entered_by,
                             r->verified_by,
                             r->evidence,
                             r->supersedes,
                             r->reason,
                             r->source}));
  j["observations"] = std::move(a);
  a = Json::array();
  for (const auto* r : sorted(m.evidence, by_id))
    a.push_back(Json::array({r->id,
                             r->url,
                             r->publisher,
                             r->date.text,
                             opt(r->retrieved),
                             r->excerpt,
                             kStrength[static_cast<int>(r->strength)],
                             r->sha256,
                             r->source}));
  j["evidence"] = std::move(a);
  a = Json::array();
  for (const auto* r : sorted(m.runs, by_id))
    a.push_back(Json::array({r->id, r->file, r->description, r->source}));
  j["runs"] = std::move(a);
  a = Json::array();
  for (const auto* r : sorted(m.overrides, by_id))
    a.push_back(Json::array({r->id,
                             r->subject,
                             r->status ? to_string(*r->status) : "clear",
                             r->reason,
                             r->entered_by,
                             r->date.text,
                             r->source}));
  j["overrides"] = std::move(a);
  return j.dump();
}

std::string fingerprint(const Monitor& m) { return "sha256:" + sha256_hex(canonical_text(m)); }

namespace {

Json points(const std::vector<Point>& ps) {
  Json a = Json::array();
  for (const auto& p : ps) a.push_back(Json{{"date", p.date.text}, {"value", p.value}});
  return a;
}

Json override_json(const std::optional<Status>& st, const std::string& id, const std::string& why) {
  if (!st) return nullptr;
  return Json{{"id", id}, {"status", to_string(*st)}, {"reason", why}};
}

Json indicator_json(const IndicatorStatus& s) {
  Json projection = nullptr;
  if (s.projection)
    projection = Json{{"at", s.projection->at.text},
                      {"value", s.projection->value},
                      {"low", s.projection->low},
                      {"high", s.projection->high},
                      {"points", s.projection->points}};
  Json run = nullptr;
  if (!s.run.empty())
    run = Json{{"id", s.run}, {"file", s.run_file}, {"scenario_fingerprint", s.run_fingerprint}};
  return Json{{"id", s.indicator},
              {"commitment", s.commitment},
              {"method", kMethod[static_cast<int>(s.method)]},
              {"status", to_string(s.shown())},
              {"light", light(s.shown())},
              {"computed_status", to_string(s.status)},
              {"override", override_json(s.override_status, s.override_id, s.override_reason)},
              {"stale", s.stale},
              {"latest_date", opt(s.latest_date)},
              {"latest", opt(s.latest)},
              {"expected", opt(s.expected)},
              {"r", opt(s.ratio)},
              {"target", opt(s.target)},
              {"due", s.due.text},
              {"days_overdue", s.days_overdue},
              {"basis", s.basis},
              {"growth_observed", opt(s.growth_observed)},
              {"growth_required", opt(s.growth_required)},
              {"projection", projection},
              {"run", run},
              {"series", points(s.series)},
              {"trajectory", points(s.trajectory)}};
}

}  // namespace

std::string to_json(const StatusReport& r) {
  Json j = Json::object();
  write_header(j, make_header(kMonitorSchema, kMonitorSchemaVersion, r.name, "", r.fingerprint));
  j["as_of"] = r.as_of.text;
  j["milestone_grace_days"] = kMilestoneGraceDays;
  Json cs = Json::array();
  for (const auto& c : r.commitments)
    cs.push_back(
        Json{{"id", c.commitment},
             {"status", to_string(c.shown())},
             {"light", light(c.shown())},
             {"computed_status", to_string(c.status)},
             {"override", override_json(c.override_status, c.override_id, c.override_reason)},
             {"due", c.due.text},
             {"days_overdue", c.days_overdue},
             {"delay", c.delay ? Json(delay_json(*c.delay)) : Json(nullptr)}});
  j["commitments"] = std::move(cs);
  Json is = Json::array();
  for (const auto& s : r.indicators) is.push_back(indicator_json(s));
  j["indicators"] = std::move(is);
  return j.dump(2) + "\n";
}

std::string to_csv(const StatusReport& r) {
  core::CsvWriter w({"commitment",
                     "indicator",
                     "status",
                     "light",
                     "computed_status",
                     "override_reason",
                     "stale",
                     "latest_date",
                     "latest",
                     "expected",
                     "r",
                     "target",
                     "due",
                     "days_overdue",
                     "growth_observed",
                     "growth_required",
                     "projected",
                     "projected_low",
                     "projected_high",
                     "run_fingerprint",
                     "basis"});
  for (const auto& s : r.indicators) {
    const auto& p = s.projection;
    w.add_row({s.commitment,
               s.indicator,
               to_string(s.shown()),
               light(s.shown()),
               to_string(s.status),
               s.override_reason,
               s.stale ? "yes" : "no",
               s.latest_date ? s.latest_date->text : "",
               opt_text(s.latest),
               opt_text(s.expected),
               opt_text(s.ratio),
               opt_text(s.target),
               s.due.text,
               std::to_string(s.days_overdue),
               opt_text(s.growth_observed),
               opt_text(s.growth_required),
               p ? core::num(p->value) : "",
               p ? core::num(p->low) : "",
               p ? core::num(p->high) : "",
               s.run_fingerprint,
               s.basis});
  }
  return w.str();
}

std::string to_table(const StatusReport& r) {
  std::string out = fmt::format("monitor {} as of {} (most overdue first)\n", r.name, r.as_of.text);
  out += fmt::format("{:<6} {:<14} {:<24} {:<10} {:>7}  {}\n",
                     "light",
                     "status",
                     "commitment / indicator",
                     "due",
                     "overdue",
                     "basis");
  for (const auto& c : r.commitments) {
    out += fmt::format("{:<6} {:<14} {:<24} {:<10} {:>7}{}\n",
                       light(c.shown()),
                       to_string(c.shown()),
                       c.commitment,
                       c.due.text,
                       c.days_overdue,
                       override_note(c.override_status, c.status, c.override_reason));
    if (c.delay)
      out += fmt::format("{:<21} {:<24} delay of {} y costs {} {}/yr\n",
                         "",
                         "",
                         core::num(c.delay->years),
                         core::grouped(c.delay->cost_per_year),
                         c.delay->currency);
    for (const auto& s : r.indicators) {
      if (s.commitment != c.commitment) continue;
      out += fmt::format("{:<6} {:<14} {:<24} {:<10} {:>7}  {}{}{}\n",
                         light(s.shown()),
                         to_string(s.shown()),
                         "  " + s.indicator,
                         "",
                         "",
                         s.basis,
                         s.stale ? " [stale]" : "",
                         override_note(s.override_status, s.status, s.override_reason));
    }
  }
  return out;
}

}  // namespace corridor::monitor
