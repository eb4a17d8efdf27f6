// canonical_text()/fingerprint() of a monitor, and the three renderings of a status
// report: monitor.json (docs/artefacts.md header, schema corridor.monitor/1),
// status.csv and the traffic-light table.

#include "corridor/core/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "corridor/core/artefact.hpp"
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

const char* const kInstrument[] = {"treaty", "agreement", "mou", "joint_statement", "contract"};
const char* const kKind[] = {"milestone", "quantity", "policy"};
const char* const kDirection[] = {"increase", "decrease", "band"};
const char* const kMethod[] = {"trajectory", "growth", "milestone"};
const char* const kStrength[] = {"official", "media", "model"};

std::string opt_text(const std::optional<double>& v) { return v ? core::num(*v) : std::string(); }

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
  return j.dump();
}

std::string fingerprint(const Monitor& m) { return "sha256:" + sha256_hex(canonical_text(m)); }

std::string to_json(const StatusReport& r) {
  Json j = Json::object();
  write_header(j, make_header(kMonitorSchema, kMonitorSchemaVersion, r.name, "", r.fingerprint));
  j["as_of"] = r.as_of.text;
  j["milestone_grace_days"] = kMilestoneGraceDays;
  Json cs = Json::array();
  for (const auto& c : r.commitments)
    cs.push_back(Json{{"id", c.commitment},
                      {"status", to_string(c.status)},
                      {"light", light(c.status)},
                      {"due", c.due.text},
                      {"days_overdue", c.days_overdue}});
  j["commitments"] = std::move(cs);
  Json is = Json::array();
  for (const auto& s : r.indicators)
    is.push_back(Json{{"id", s.indicator},
                      {"commitment", s.commitment},
                      {"status", to_string(s.status)},
                      {"light", light(s.status)},
                      {"stale", s.stale},
                      {"latest_date", opt(s.latest_date)},
                      {"latest", opt(s.latest)},
                      {"expected", opt(s.expected)},
                      {"r", opt(s.ratio)},
                      {"target", opt(s.target)},
                      {"due", s.due.text},
                      {"days_overdue", s.days_overdue},
                      {"basis", s.basis}});
  j["indicators"] = std::move(is);
  return j.dump(2) + "\n";
}

std::string to_csv(const StatusReport& r) {
  core::CsvWriter w({"commitment",
                     "indicator",
                     "status",
                     "light",
                     "stale",
                     "latest_date",
                     "latest",
                     "expected",
                     "r",
                     "target",
                     "due",
                     "days_overdue",
                     "basis"});
  for (const auto& s : r.indicators)
    w.add_row({s.commitment,
               s.indicator,
               to_string(s.status),
               light(s.status),
               s.stale ? "yes" : "no",
               s.latest_date ? s.latest_date->text : "",
               opt_text(s.latest),
               opt_text(s.expected),
               opt_text(s.ratio),
               opt_text(s.target),
               s.due.text,
               std::to_string(s.days_overdue),
               s.basis});
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
    out += fmt::format("{:<6} {:<14} {:<24} {:<10} {:>7}\n",
                       light(c.status),
                       to_string(c.status),
                       c.commitment,
                       c.due.text,
                       c.days_overdue);
    for (const auto& s : r.indicators) {
      if (s.commitment != c.commitment) continue;
      out += fmt::format("{:<6} {:<14} {:<24} {:<10} {:>7}  {}{}\n",
                         light(s.status),
                         to_string(s.status),
                         "  " + s.indicator,
                         "",
                         "",
                         s.basis,
                         s.stale ? " [stale]" : "");
    }
  }
  return out;
}

}  // namespace corridor::monitor
