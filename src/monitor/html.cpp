// The monitor's HTML report (docs/monitor.md, "Report"): one self-contained page built
// from a StatusReport, the Monitor it was computed from and the status history. Every
// text from the data goes through core::html_escape; labels come from report_phrases().
// O(rows of the monitor + history) apart from the per-indicator scans below, which are
// O(indicators × observations): monitors are small (tens of indicators).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "assets.hpp"
#include "corridor/core/text.hpp"
#include "corridor/monitor/report.hpp"
#include "html_parts.hpp"

namespace corridor::monitor {

namespace html {

std::string_view Labels::operator()(std::string_view key) const {
  return report_phrases().get(key, lang);
}

std::string date_text(int days) {
  // Howard Hinnant's civil_from_days.
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  const int y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

std::string value_text(double v) {
  const double a = std::fabs(v);
  int decimals = 3;
  if (std::fabs(v - std::round(v)) < 1e-9 || a >= 1000)
    decimals = 0;
  else if (a >= 10)
    decimals = 1;
  else if (a >= 0.1)
    decimals = 2;
  return core::grouped(v, decimals);
}

}  // namespace html

namespace {

using core::html_escape;
using html::date_text;
using html::Labels;
using html::value_text;

std::string esc(std::string_view s) { return html_escape(s); }

// The phrase key of each enum value: switches without default, so that a new value is a
// compiler warning (-Wswitch) here rather than a wrong label.
const char* key(Instrument i) {
  switch (i) {
    case Instrument::kTreaty:
      return "inst_treaty";
    case Instrument::kAgreement:
      return "inst_agreement";
    case Instrument::kMou:
      return "inst_mou";
    case Instrument::kJointStatement:
      return "inst_joint_statement";
    case Instrument::kContract:
      return "inst_contract";
    case Instrument::kDecision:
      return "inst_decision";
  }
  return "inst_agreement";
}

const char* key(CommitmentKind k) {
  switch (k) {
    case CommitmentKind::kMilestone:
      return "kind_milestone";
    case CommitmentKind::kQuantity:
      return "kind_quantity";
    case CommitmentKind::kPolicy:
      return "kind_policy";
  }
  return "kind_policy";
}

const char* key(Direction d) {
  switch (d) {
    case Direction::kIncrease:
      return "dir_increase";
    case Direction::kDecrease:
      return "dir_decrease";
    case Direction::kBand:
      return "dir_band";
  }
  return "dir_increase";
}

const char* key(Method m) {
  switch (m) {
    case Method::kTrajectory:
      return "method_trajectory";
    case Method::kGrowth:
      return "method_growth";
    case Method::kMilestone:
      return "method_milestone";
  }
  return "method_trajectory";
}

const char* key(Strength s) {
  switch (s) {
    case Strength::kOfficial:
      return "strength_official";
    case Strength::kMedia:
      return "strength_media";
    case Strength::kModel:
      return "strength_model";
  }
  return "strength_media";
}

const char* status_key(Status s) {
  switch (s) {
    case Status::kDone:
      return "st_done";
    case Status::kOnTrack:
      return "st_on_track";
    case Status::kAtRisk:
      return "st_at_risk";
    case Status::kOffTrack:
      return "st_off_track";
    case Status::kDeteriorating:
      return "st_deteriorating";
    case Status::kLate:
      return "st_late";
    case Status::kNoData:
      return "st_no_data";
  }
  return "st_no_data";
}

/// 0 = worst (late) … 6 = best (done): the order of docs/monitor.md "Commitments".
int severity(Status s) {
  switch (s) {
    case Status::kLate:
      return 0;
    case Status::kDeteriorating:
      return 1;
    case Status::kOffTrack:
      return 2;
    case Status::kAtRisk:
      return 3;
    case Status::kNoData:
      return 4;
    case Status::kOnTrack:
      return 5;
    case Status::kDone:
      return 6;
  }
  return 4;
}

/// The light and the status name, e.g. a red dot and "просрочено".
std::string badge(Status s, const Labels& t) {
  const std::string l = light(s);
  return fmt::format(
      "<span class=\"status {0}\"><span class=\"light {1}\" title=\"{2}\"></span>{3}</span>",
      to_string(s),
      l,
      esc(t(("light_" + l).c_str())),
      esc(t(status_key(s))));
}

/// The status shown (an override when one is in force) with the computed one beside it.
std::string shown_status(Status computed,
                         const std::optional<Status>& override_status,
                         const std::string& override_id,
                         const std::string& reason,
                         const Labels& t) {
  if (!override_status) return badge(computed, t);
  return fmt::format(
      "{} <span class=\"computed\">({}: {})</span><div class=\"override\">{} <code>{}</code>: "
      "{}: {}</div>",
      badge(*override_status, t),
      esc(t("lbl_computed")),
      badge(computed, t),
      esc(t("lbl_override")),
      esc(override_id),
      esc(t("lbl_reason")),
      esc(reason));
}

std::string kv(std::string_view label, const std::string& value_html) {
  return fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", esc(label), value_html);
}

struct Page {
  const Monitor& m;
  const StatusReport& r;
  Labels t;
  std::string stamp;  // the as-of date and the fingerprint, in every section header
};

std::string section_head(const Page& p, std::string_view key) {
  return fmt::format("<header class=\"sec\"><h2>{}</h2>{}</header>\n", esc(p.t(key)), p.stamp);
}

std::string agreement_title(const Agreement& a, const Labels& t) {
  const std::string* own = nullptr;
  switch (t.lang) {
    case core::Lang::kEn:
      return esc(a.title);
    case core::Lang::kRu:
      own = &a.title_ru;
      break;
    case core::Lang::kKk:
      own = &a.title_kk;
      break;
    case core::Lang::kZh:
      own = &a.title_zh;
      break;
  }
  if (own && !own->empty()) return esc(*own);
  return fmt::format("<span lang=\"en\">{}</span> <span class=\"fallback\">{}</span>",
                     esc(a.title),
                     esc(t("title_in_english")));
}

std::string overview(const Page& p) {
  const Labels& t = p.t;
  std::string out = "<section id=\"overview\">\n" + section_head(p, "sec_overview");
  out += fmt::format("<p>{}</p><p>{}</p>\n", esc(t("sort_hint")), esc(t("lights_legend")));
  out += fmt::format(
      "<table id=\"commitment-table\"><thead><tr><th class=\"num\" data-sort=\"order\" "
      "title=\"{}\">#</th><th data-sort=\"status\">{}</th><th>{}</th><th>{}</th><th "
      "data-sort=\"due\">{}</th>"
      "<th class=\"num\" data-sort=\"overdue\">{}</th></tr></thead><tbody>\n",
      esc(t("col_order")),
      esc(t("col_status")),
      esc(t("col_commitment")),
      esc(t("col_agreement")),
      esc(t("col_due")),
      esc(t("col_overdue")));
  int order = 0;
  for (const CommitmentStatus& c : p.r.commitments) {
    ++order;
    std::string agreement;
    for (const Commitment& k : p.m.commitments)
      if (k.id == c.commitment) agreement = k.agreement;
    out += fmt::format(
        "<tr id=\"row-{0}\" data-order=\"{1}\" data-status=\"{2}\" data-due=\"{3}\" "
        "data-overdue=\"{4}\"><td class=\"num\">{1}</td><td>{5}</td><td><a href=\"#c-{0}\">{0}"
        "</a></td><td><a href=\"#a-{6}\">{6}</a></td><td class=\"d\">{7}</td><td "
        "class=\"num\">{8}</td>"
        "</tr>\n",
        esc(c.commitment),
        order,
        severity(c.shown()),
        c.due.days,
        c.days_overdue,
        shown_status(c.status, c.override_status, c.override_id, c.override_reason, t),
        esc(agreement),
        esc(c.due.text),
        core::grouped(c.days_overdue));
  }
  return out + "</tbody></table>\n</section>\n";
}

std::string instrument_text(Instrument i, const Labels& t) { return esc(t(key(i))); }

std::string agreements(const Page& p) {
  const Labels& t = p.t;
  std::string out = "<section id=\"agreements\">\n" + section_head(p, "sec_agreements");
  out += fmt::format(
      "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th></tr></thead><tbody>\n",
      esc(t("col_id")),
      esc(t("col_title")),
      esc(t("col_parties")),
      esc(t("col_signed")),
      esc(t("col_in_force")),
      esc(t("col_instrument")),
      esc(t("lbl_source")));
  for (const Agreement& a : p.m.agreements)
    out += fmt::format(
        "<tr id=\"a-{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"d\">{}</td><td "
        "class=\"d\">{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        esc(a.id),
        esc(a.id),
        agreement_title(a, t),
        esc(a.parties),
        esc(a.signed_on.text),
        a.in_force ? esc(a.in_force->text) : "",
        instrument_text(a.instrument, t),
        esc(a.source));
  return out + "</tbody></table>\n</section>\n";
}

std::string percent(double rate) { return core::grouped(rate * 100, 1) + " %"; }

std::string observations_table(const Page& p, const Indicator& ind) {
  const Labels& t = p.t;
  std::vector<const Observation*> rows;
  std::set<std::string> superseded;
  for (const Observation& o : p.m.observations) {
    if (!o.supersedes.empty()) superseded.insert(o.supersedes);
    if (o.indicator == ind.id && o.date.days <= p.r.as_of.days) rows.push_back(&o);
  }
  if (rows.empty()) return fmt::format("<p>{}</p>\n", esc(t("no_observations")));
  std::sort(rows.begin(), rows.end(), [](const Observation* a, const Observation* b) {
    return std::tie(a->date.days, a->id) < std::tie(b->date.days, b->id);
  });
  std::string out = fmt::format(
      "<table class=\"observations\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th>"
      "<th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      esc(t("col_id")),
      esc(t("col_date")),
      esc(t("col_value")),
      esc(t("col_entered_by")),
      esc(t("col_verified_by")),
      esc(t("col_evidence")),
      esc(t("col_note")));
  for (const Observation* o : rows) {
    std::string links;
    for (const std::string& e : o->evidence)
      links +=
          fmt::format("{}<a href=\"#ev-{}\">{}</a>", links.empty() ? "" : ", ", esc(e), esc(e));
    std::string note;
    if (superseded.count(o->id)) note = esc(t("superseded"));
    if (!o->supersedes.empty())
      note += fmt::format("{}{} <a href=\"#obs-{}\">{}</a>: {}",
                          note.empty() ? "" : "; ",
                          esc(t("corrects")),
                          esc(o->supersedes),
                          esc(o->supersedes),
                          esc(o->reason));
    out += fmt::format(
        "<tr id=\"obs-{0}\"{1}><td>{0}</td><td class=\"d\">{2}</td><td "
        "class=\"num\">{3}</td><td>{4}</td>"
        "<td>{5}</td><td>{6}</td><td class=\"note\">{7}</td></tr>\n",
        esc(o->id),
        superseded.count(o->id) ? " class=\"superseded\"" : "",
        esc(o->date.text),
        esc(value_text(o->value)),
        esc(o->entered_by),
        o->verified_by.empty() ? "<em>" + esc(t("not_verified")) + "</em>" : esc(o->verified_by),
        links,
        note);
  }
  return out + "</tbody></table>\n";
}

std::string legend(const Indicator& ind, const IndicatorStatus& s, const Labels& t) {
  std::string out = "<ul class=\"legend\">";
  auto item = [&](const char* cls, const char* key) {
    out += fmt::format("<li><span class=\"sw {}\"></span>{}</li>", cls, esc(t(key)));
  };
  item("obs", "legend_observed");
  if (!s.trajectory.empty()) {
    item("trajectory", "legend_trajectory");
    item("target", "legend_targets");
  }
  if (ind.direction == Direction::kBand) item("band", "legend_band");
  if (s.projection) item("proj", "legend_projection");
  item("due", "legend_due");
  item("asof", "legend_asof");
  return out + "</ul>\n";
}

std::string indicator_facts(const Page& p, const Indicator& ind, const IndicatorStatus& s) {
  const Labels& t = p.t;
  std::string status_html =
      shown_status(s.status, s.override_status, s.override_id, s.override_reason, t);
  if (s.stale)
    status_html += fmt::format(" <span class=\"flag stale\" title=\"{}\">{}</span>",
                               esc(t("stale_note")),
                               esc(t("st_stale")));
  std::string out = "<table class=\"kv\">\n";
  out += kv(t("col_status"), status_html);
  out += kv(t("lbl_basis"), "<span class=\"basis\" lang=\"en\">" + esc(s.basis) + "</span>");
  out += kv(t("lbl_unit"), esc(ind.unit));
  out += kv(t("lbl_direction"), esc(t(key(ind.direction))));
  out += kv(t("lbl_method"), esc(t(key(ind.method))));
  out += kv(t("lbl_frequency"), core::grouped(ind.frequency_days));
  if (ind.baseline && ind.baseline_date)
    out += kv(t("lbl_baseline"),
              esc(value_text(*ind.baseline)) + " (" + esc(ind.baseline_date->text) + ")");
  if (ind.direction == Direction::kBand && ind.low && ind.high)
    out += kv(t("lbl_band"),
              fmt::format("[{}, {}]", esc(value_text(*ind.low)), esc(value_text(*ind.high))));
  if (s.latest && s.latest_date)
    out += kv(t("lbl_latest"), esc(value_text(*s.latest)) + " (" + esc(s.latest_date->text) + ")");
  if (s.expected) out += kv(t("lbl_expected"), esc(value_text(*s.expected)));
  if (s.ratio) out += kv(t("lbl_ratio"), core::grouped(*s.ratio, 3));
  if (s.target) out += kv(t("lbl_target"), esc(value_text(*s.target)));
  if (s.growth_observed) out += kv(t("lbl_growth_observed"), percent(*s.growth_observed));
  if (s.growth_required) out += kv(t("lbl_growth_required"), percent(*s.growth_required));
  if (s.projection)
    out += kv(t("lbl_projection"),
              fmt::format("{} [{}, {}] ({}; {}: {})",
                          esc(value_text(s.projection->value)),
                          esc(value_text(s.projection->low)),
                          esc(value_text(s.projection->high)),
                          esc(s.projection->at.text),
                          esc(t("lbl_values_used")),
                          s.projection->points));
  if (!s.run.empty()) {
    out += kv(t("lbl_model_run"), "<code>" + esc(s.run) + "</code>");
    if (!s.run_file.empty()) out += kv(t("lbl_run_file"), "<code>" + esc(s.run_file) + "</code>");
    if (!s.run_fingerprint.empty())
      out += kv(t("lbl_run_fingerprint"), "<code>" + esc(s.run_fingerprint) + "</code>");
  }
  out += kv(t("lbl_source"), esc(ind.source));
  return out + "</table>\n";
}

std::string indicator_block(const Page& p, const IndicatorStatus& s) {
  const Indicator* ind = nullptr;
  for (const Indicator& i : p.m.indicators)
    if (i.id == s.indicator) ind = &i;
  if (!ind) return "";
  std::string out =
      fmt::format("<div class=\"indicator\" id=\"i-{0}\">\n<h4>{1} <code>{0}</code>: {2}</h4>\n",
                  esc(ind->id),
                  esc(p.t("lbl_indicator")),
                  esc(ind->name));
  out += indicator_facts(p, *ind, s);
  out += html::chart_svg(*ind, s, p.r.as_of, p.t);
  out += legend(*ind, s, p.t);
  out += fmt::format("<h5>{}</h5>\n", esc(p.t("lbl_observations")));
  out += observations_table(p, *ind);
  return out + "</div>\n";
}

std::string delay_row(std::string_view label, double on_time, double delayed, int decimals) {
  return fmt::format(
      "<tr><th>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}"
      "</td></tr>\n",
      esc(label),
      core::grouped(on_time, decimals),
      core::grouped(delayed, decimals),
      core::grouped(delayed - on_time, decimals));
}

std::string delay_block(const Page& p, const DelayResult& d) {
  const Labels& t = p.t;
  const std::string cur = d.currency.empty() ? "" : " " + esc(d.currency);
  std::string out =
      fmt::format("<div class=\"delay\"><h4>{}</h4>\n<p>{}</p>\n<table class=\"kv\">\n",
                  esc(t("sec_delay")),
                  esc(t("delay_intro")));
  out += kv(t("delay_object"), "<code>" + esc(d.object) + "</code>");
  out += kv(t("delay_years"), esc(value_text(d.years)));
  out +=
      kv(t("delay_scenario"), esc(d.scenario) + (d.variant.empty() ? "" : " / " + esc(d.variant)));
  out += kv(t("delay_cost_year"), core::grouped(d.cost_per_year) + cur);
  out += kv(t("delay_cost_total"), core::grouped(d.cost_total) + cur);
  out += kv(t("delay_fingerprints"),
            "<code>" + esc(d.fingerprint_on_time) + "</code> / <code>" +
                esc(d.fingerprint_delayed) + "</code>");
  out += "</table>\n";
  out += fmt::format(
      "<table class=\"delay-compare\"><thead><tr><th></th><th class=\"num\">{}</th>"
      "<th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>\n",
      esc(t("col_on_time")),
      esc(t("col_delayed")),
      esc(t("col_change")));
  out += delay_row(std::string(t("delay_annual_cost")) + cur,
                   d.cost_on_time_per_year,
                   d.cost_delayed_per_year,
                   0);
  out += delay_row(t("delay_unmet"), d.unmet_on_time_per_day, d.unmet_delayed_per_day, 0);
  out += delay_row(t("delay_days"), d.days_on_time, d.days_delayed, 2);
  if (d.sim_p95_on_time && d.sim_p95_delayed)
    out += delay_row(t("delay_p95"), *d.sim_p95_on_time, *d.sim_p95_delayed, 2);
  if (d.sim_on_time_share_on_time && d.sim_on_time_share_delayed)
    out += delay_row(
        t("delay_on_time_share"), *d.sim_on_time_share_on_time, *d.sim_on_time_share_delayed, 3);
  out += "</tbody></table>\n";
  if (!d.shifts.empty()) {
    out += fmt::format(
        "<table class=\"shifts\"><caption>{}</caption><thead><tr><th>{}</th><th class=\"num\">{}"
        "</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>\n",
        esc(t("delay_shifts")),
        esc(t("col_crossing")),
        esc(t("col_on_time")),
        esc(t("col_delayed")),
        esc(t("col_change")));
    for (const FlowShift& f : d.shifts)
      out += delay_row(f.crossing, f.on_time_per_day, f.delayed_per_day, 0);
    out += "</tbody></table>\n";
  }
  return out + "</div>\n";
}

std::string commitment_block(const Page& p, const CommitmentStatus& c) {
  const Labels& t = p.t;
  const Commitment* k = nullptr;
  for (const Commitment& x : p.m.commitments)
    if (x.id == c.commitment) k = &x;
  std::string out =
      fmt::format("<article class=\"commitment {}\" id=\"c-{}\">\n<h3>{} <code>{}</code></h3>\n",
                  light(c.shown()),
                  esc(c.commitment),
                  esc(t("col_commitment")),
                  esc(c.commitment));
  out += "<table class=\"kv\">\n";
  out += kv(t("col_status"),
            shown_status(c.status, c.override_status, c.override_id, c.override_reason, t));
  if (k) {
    out += kv(t("lbl_text"), esc(k->text));
    out += kv(t("col_agreement"), fmt::format("<a href=\"#a-{0}\">{0}</a>", esc(k->agreement)));
    if (!k->clause.empty()) out += kv(t("lbl_clause"), esc(k->clause));
    out += kv(t("lbl_responsible_kz"), esc(k->responsible_kz));
    out += kv(t("lbl_responsible_cn"), esc(k->responsible_cn));
    out += kv(t("lbl_kind"), esc(t(key(k->kind))));
    std::string deps;
    for (const std::string& d : k->depends_on)
      deps += fmt::format("{}<a href=\"#c-{}\">{}</a>", deps.empty() ? "" : ", ", esc(d), esc(d));
    if (!deps.empty()) out += kv(t("lbl_depends"), deps);
    if (!k->link.empty()) out += kv(t("lbl_link"), "<code>" + esc(k->link) + "</code>");
  }
  out += kv(t("col_due"), esc(c.due.text));
  out += kv(t("col_overdue"), core::grouped(c.days_overdue));
  if (k) out += kv(t("lbl_source"), esc(k->source));
  out += "</table>\n";
  if (c.delay) out += delay_block(p, *c.delay);
  bool any = false;
  for (const IndicatorStatus& s : p.r.indicators)
    if (s.commitment == c.commitment) {
      out += indicator_block(p, s);
      any = true;
    }
  if (!any) out += fmt::format("<p>{}</p>\n", esc(t("no_indicators")));
  return out + "</article>\n";
}

std::string history_block(const Page& p, const std::vector<StatusChange>& history) {
  const Labels& t = p.t;
  std::string out = "<section id=\"history\">\n" + section_head(p, "sec_history");
  if (history.empty()) return out + fmt::format("<p>{}</p>\n</section>\n", esc(t("history_empty")));
  out += fmt::format("<p>{}</p>\n", esc(t("history_intro")));
  // Subjects in the report's order (each commitment, then its indicators), then others.
  std::vector<std::string> subjects;
  for (const CommitmentStatus& c : p.r.commitments) {
    subjects.push_back(c.commitment);
    for (const IndicatorStatus& s : p.r.indicators)
      if (s.commitment == c.commitment) subjects.push_back(s.indicator);
  }
  std::set<std::string> others;
  for (const StatusChange& h : history)
    if (std::find(subjects.begin(), subjects.end(), h.subject) == subjects.end())
      others.insert(h.subject);
  subjects.insert(subjects.end(), others.begin(), others.end());
  for (const std::string& subject : subjects) {
    std::vector<const StatusChange*> rows;
    for (const StatusChange& h : history)
      if (h.subject == subject) rows.push_back(&h);
    if (rows.empty()) continue;
    std::stable_sort(rows.begin(), rows.end(), [](const StatusChange* a, const StatusChange* b) {
      return std::tie(a->time, a->as_of) > std::tie(b->time, b->as_of);
    });
    out += fmt::format(
        "<h3 id=\"h-{0}\"><code>{0}</code></h3>\n<table class=\"history\"><thead><tr><th>{1}</th>"
        "<th>{2}</th><th>{3}</th><th>{4}</th><th>{5}</th></tr></thead><tbody>\n",
        esc(subject),
        esc(t("legend_asof")),
        esc(t("col_logged")),
        esc(t("col_actor")),
        esc(t("col_before")),
        esc(t("col_after")));
    for (const StatusChange* h : rows)
      out +=
          fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                      esc(h->as_of),
                      esc(h->time),
                      esc(h->actor),
                      h->before ? badge(*h->before, t) : "<em>" + esc(t("history_first")) + "</em>",
                      badge(h->after, t));
    out += "</tbody></table>\n";
  }
  return out + "</section>\n";
}

bool web_address(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string evidence_block(const Page& p) {
  const Labels& t = p.t;
  std::string out = "<section id=\"evidence\">\n" + section_head(p, "sec_evidence");
  if (p.m.evidence.empty())
    return out + fmt::format("<p>{}</p>\n</section>\n", esc(t("no_evidence")));
  std::map<std::string, std::vector<std::string>> cited;  // evidence -> observations shown
  for (const Observation& o : p.m.observations)
    if (o.date.days <= p.r.as_of.days)
      for (const std::string& e : o.evidence) cited[e].push_back(o.id);
  out += "<ol class=\"evidence\">\n";
  for (const Evidence& e : p.m.evidence) {
    // Only web addresses become links: a javascript: or data: URL stays inert text.
    const std::string link =
        web_address(e.url)
            ? fmt::format("<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>", esc(e.url))
            : esc(e.url);
    std::string by;
    for (const std::string& o : cited[e.id])
      by += fmt::format("{}<a href=\"#obs-{}\">{}</a>", by.empty() ? "" : ", ", esc(o), esc(o));
    out += fmt::format(
        "<li id=\"ev-{0}\"><strong><code>{0}</code></strong> {1}\n<table class=\"kv\">\n",
        esc(e.id),
        esc(e.publisher));
    out += kv(t("col_publisher"), esc(e.publisher));
    out += kv(t("col_date"), esc(e.date.text));
    out += kv(t("col_strength"), esc(t(key(e.strength))));
    out += kv(t("col_link"), link);
    if (e.retrieved) out += kv(t("col_retrieved"), esc(e.retrieved->text));
    if (!e.excerpt.empty())
      out += kv(t("col_excerpt"), "<blockquote>" + esc(e.excerpt) + "</blockquote>");
    if (!e.sha256.empty()) out += kv(t("col_sha256"), "<code>" + esc(e.sha256) + "</code>");
    if (!by.empty()) out += kv(t("col_cited_by"), by);
    out += "</table></li>\n";
  }
  return out + "</ol>\n</section>\n";
}

std::string contents(const Labels& t) {
  std::string out = fmt::format("<nav><strong>{}:</strong> ", esc(t("contents")));
  const std::pair<const char*, const char*> kItems[] = {{"overview", "sec_overview"},
                                                        {"agreements", "sec_agreements"},
                                                        {"commitments", "sec_commitments"},
                                                        {"history", "sec_history"},
                                                        {"evidence", "sec_evidence"}};
  bool first = true;
  for (const auto& [id, key] : kItems) {
    out += fmt::format("{}<a href=\"#{}\">{}</a>", first ? "" : " · ", id, esc(t(key)));
    first = false;
  }
  return out + "</nav>\n";
}

}  // namespace

std::string render_html(const Monitor& m,
                        const StatusReport& r,
                        core::Lang lang,
                        const std::vector<StatusChange>& history) {
  const Labels t{lang};
  const std::string stamp =
      fmt::format("<p class=\"stamp\">{}: <strong>{}</strong> · {}: <code>{}</code></p>",
                  esc(t("as_of")),
                  esc(r.as_of.text),
                  esc(t("fingerprint")),
                  esc(r.fingerprint));
  const Page p{m, r, t, stamp};
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{0}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"corridor {1}\">\n<title>{2}: {3} ({4})</title>\n"
      "<style>\n{5}</style>\n</head>\n<body>\n<header class=\"top\">\n<h1>{2}: {3}</h1>\n{6}\n{7}"
      "</header>\n<main>\n",
      core::code(lang),
      CORRIDOR_VERSION,
      esc(t("page_title")),
      esc(r.name),
      esc(r.as_of.text),
      html::asset("monitor.css"),
      stamp,
      contents(t));
  out += overview(p);
  out += agreements(p);
  out += "<section id=\"commitments\">\n" + section_head(p, "sec_commitments");
  for (const CommitmentStatus& c : r.commitments) out += commitment_block(p, c);
  out += "</section>\n";
  out += history_block(p, history);
  out += evidence_block(p);
  out += fmt::format(
      "</main>\n<footer><p>{}: corridor {}. {}: {} · {}: <code>{}</code></p></footer>\n",
      esc(t("generated_by")),
      CORRIDOR_VERSION,
      esc(t("as_of")),
      esc(r.as_of.text),
      esc(t("fingerprint")),
      esc(r.fingerprint));
  out += fmt::format("<script>\n{}</script>\n</body>\n</html>\n", html::asset("monitor.js"));
  return out;
}

}  // namespace corridor::monitor
