// status(): the rules of docs/monitor.md, applied to every indicator and then to every
// commitment. Each indicator's status depends only on its own rows (sorted by date, so
// the order of rows in the files never matters), except that a milestone is at risk
// when a commitment it depends on is late: a second pass once every lateness is known.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <type_traits>

#include "corridor/monitor.hpp"
#include "stats.hpp"

namespace corridor::monitor {

namespace {

/// Higher is worse: the order a commitment takes the worst status of its indicators in.
int severity(Status s) {
  switch (s) {
    case Status::kDone:
      return 0;
    case Status::kOnTrack:
      return 1;
    case Status::kNoData:
      return 2;
    case Status::kAtRisk:
      return 3;
    case Status::kOffTrack:
      return 4;
    case Status::kDeteriorating:
      return 5;
    case Status::kLate:
      return 6;
  }
  return 0;
}

/// The expected value on `date` along the piecewise-linear trajectory from the baseline
/// through the targets (sorted by date): the baseline before its date, the last target
/// after its date.
double expected_at(double baseline,
                   int baseline_day,
                   const std::vector<const Target*>& targets,
                   int day) {
  double va = baseline;
  int da = baseline_day;
  if (day <= da) return va;
  for (const Target* t : targets) {
    if (day <= t->date.days) return va + (t->value - va) * (day - da) / (t->date.days - da);
    va = t->value;
    da = t->date.days;
  }
  return va;
}

std::string value_text(double v) { return fmt::format("{}", v); }

}  // namespace

std::string to_string(Status s) {
  switch (s) {
    case Status::kDone:
      return "done";
    case Status::kOnTrack:
      return "on_track";
    case Status::kAtRisk:
      return "at_risk";
    case Status::kOffTrack:
      return "off_track";
    case Status::kDeteriorating:
      return "deteriorating";
    case Status::kLate:
      return "late";
    case Status::kNoData:
      return "no_data";
  }
  return "?";
}

std::string light(Status s) {
  switch (s) {
    case Status::kDone:
    case Status::kOnTrack:
      return "green";
    case Status::kAtRisk:
      return "amber";
    case Status::kOffTrack:
    case Status::kDeteriorating:
    case Status::kLate:
      return "red";
    case Status::kNoData:
      return "grey";
  }
  return "grey";
}

std::optional<Date> newest_observation(const Monitor& m) {
  std::optional<Date> out;
  for (const auto& o : m.observations)
    if (!out || out->days < o.date.days) out = o.date;
  return out;
}

namespace {

constexpr double kDaysPerYear = 365.25;

/// The ratio rules shared by the trajectory and growth methods (docs/monitor.md).
Status ratio_status(double r) {
  if (r >= 0.95) return Status::kOnTrack;
  if (r >= 0.6) return Status::kAtRisk;
  if (r >= 0) return Status::kOffTrack;
  return Status::kDeteriorating;
}

/// Compound annual growth from (d0, v0) to (d1, v1); nullopt unless both values are
/// positive and d1 > d0.
std::optional<double> annual_growth(int d0, double v0, int d1, double v1) {
  if (v0 <= 0 || v1 <= 0 || d1 <= d0) return std::nullopt;
  return std::pow(v1 / v0, kDaysPerYear / (d1 - d0)) - 1.0;
}

/// Computes one report: indicators first (each from its own rows), then the milestone
/// dependencies, the commitments, the overrides, and the order.
class StatusComputer {
 public:
  StatusComputer(const Monitor& m, const Date& as_of, const std::vector<ModelValue>& model)
      : m_(m), as_of_(as_of) {
    std::set<std::string> superseded;
    for (const auto& o : m.observations)
      if (!o.supersedes.empty()) superseded.insert(o.supersedes);
    for (const auto& o : m.observations)
      if (superseded.count(o.id) == 0U && o.date.days <= as_of.days)
        obs_[o.indicator].push_back(&o);
    for (auto& [id, v] : obs_)
      std::sort(v.begin(), v.end(), [](const Observation* a, const Observation* b) {
        return a->date.days < b->date.days;
      });
    for (const auto& t : m.targets) targets_[t.indicator].push_back(&t);
    for (auto& [id, v] : targets_)
      std::sort(v.begin(), v.end(), [](const Target* a, const Target* b) {
        return a->date.days < b->date.days;
      });
    for (const auto& e : m.evidence) evidence_.emplace(e.id, &e);
    for (const auto& c : m.commitments) commitment_.emplace(c.id, &c);
    for (const auto& v : model) model_.emplace(v.indicator, &v);
  }

  StatusReport run() {
    StatusReport rep;
    rep.name = m_.name;
    rep.fingerprint = fingerprint(m_);
    rep.as_of = as_of_;
    std::vector<const Indicator*> order;
    for (const auto& i : m_.indicators) order.push_back(&i);
    std::sort(order.begin(), order.end(), [](const Indicator* a, const Indicator* b) {
      return a->id < b->id;
    });
    for (const Indicator* ind : order) rep.indicators.push_back(indicator(*ind));
    apply_dependencies(rep, order);
    const auto newest = overrides_in_force();
    for (auto& s : rep.indicators) apply_override(newest, s.indicator, s);
    for (const auto& c : m_.commitments) rep.commitments.push_back(commitment(c, rep));
    for (auto& c : rep.commitments) apply_override(newest, c.commitment, c);
    sort(rep);
    return rep;
  }

 private:
  /// The values in force up to as_of: the observations, or the model's value on as_of.
  std::vector<Point> series(const Indicator& ind, IndicatorStatus& s) const {
    std::vector<Point> out;
    if (ind.feed == Feed::kModel) {
      const auto it = model_.find(ind.id);
      if (it == model_.end()) return out;
      const ModelValue& v = *it->second;
      s.run = v.run;
      s.run_file = v.file;
      s.run_fingerprint = v.fingerprint;
      if (v.value) out.push_back({as_of_, *v.value});
      return out;
    }
    const auto it = obs_.find(ind.id);
    if (it != obs_.end())
      for (const Observation* o : it->second) out.push_back({o->date, o->value});
    return out;
  }

  IndicatorStatus indicator(const Indicator& ind) const {
    const Commitment& c = *commitment_.at(ind.commitment);
    IndicatorStatus s;
    s.indicator = ind.id;
    s.commitment = c.id;
    s.due = c.due;
    s.method = ind.method;
    s.series = series(ind, s);
    if (!s.series.empty()) {
      s.latest_date = s.series.back().date;
      s.latest = s.series.back().value;
    }
    if (ind.baseline && ind.baseline_date) {
      s.trajectory.push_back({*ind.baseline_date, *ind.baseline});
      const auto t = targets_.find(ind.id);
      if (t != targets_.end())
        for (const Target* x : t->second) s.trajectory.push_back({x->date, x->value});
    }
    if (ind.method == Method::kMilestone)
      milestone(ind, c, s);
    else if (s.series.empty())
      no_values(ind, c, s);
    else if (ind.direction == Direction::kBand)
      band(ind, c, s);
    else
      toward_target(ind, c, s);
    comparisons(ind, s);
    if (s.status != Status::kDone) {
      s.days_overdue = std::max(0, as_of_.days - c.due.days);
      if (ind.feed == Feed::kObserved && s.latest_date &&
          2 * (as_of_.days - s.latest_date->days) > 3 * ind.frequency_days)
        s.stale = true;
    }
    return s;
  }

  void milestone(const Indicator& ind, const Commitment& c, IndicatorStatus& s) const {
    const Observation* reached = nullptr;
    bool claimed = false;
    const auto it = obs_.find(ind.id);
    if (it != obs_.end())
      for (const Observation* x : it->second) {
        if (x->value != 1) continue;
        claimed = true;
        for (const auto& e : x->evidence) {
          const Evidence& ev = *evidence_.at(e);
          if (ev.strength == Strength::kOfficial && ev.date.days <= as_of_.days &&
              reached == nullptr)
            reached = x;
        }
      }
    if (reached != nullptr) {
      s.status = Status::kDone;
      s.basis = fmt::format("reached on {} with official evidence", reached->date.text);
    } else if (as_of_.days > c.due.days + kMilestoneGraceDays) {
      s.status = Status::kLate;
      s.basis = fmt::format(
          "not reached with official evidence {} days after the due date (grace {} days)",
          as_of_.days - c.due.days,
          kMilestoneGraceDays);
    } else if (!claimed && c.due.days - as_of_.days <= kMilestoneSlackDays) {
      s.status = Status::kAtRisk;
      s.basis = c.due.days >= as_of_.days
                    ? fmt::format(
                          "due in {} days and not reported reached (slack of {} days "
                          "or less)",
                          c.due.days - as_of_.days,
                          kMilestoneSlackDays)
                    : fmt::format(
                          "{} days past the due date, within the grace period, and not "
                          "reported reached",
                          as_of_.days - c.due.days);
    } else {
      s.status = Status::kOnTrack;
      s.basis = claimed ? "reported reached, awaiting official evidence" : "not due yet";
    }
  }

  void no_values(const Indicator& ind, const Commitment& c, IndicatorStatus& s) const {
    const bool past_due = as_of_.days > c.due.days;
    s.status = past_due ? Status::kLate : Status::kNoData;
    if (ind.feed == Feed::kModel) {
      const auto it = model_.find(ind.id);
      s.basis = it == model_.end() || it->second->problem.empty()
                    ? fmt::format("run {} was not read", ind.run)
                    : it->second->problem;
      return;
    }
    s.basis = past_due ? "no observation and past the due date" : "no observation yet";
  }

  void band(const Indicator& ind, const Commitment& c, IndicatorStatus& s) const {
    const bool past_due = as_of_.days > c.due.days;
    const double v = *s.latest;
    const bool inside = *ind.low <= v && v <= *ind.high;
    if (inside)
      s.status = past_due ? Status::kDone : Status::kOnTrack;
    else
      s.status = past_due ? Status::kLate : Status::kOffTrack;
    s.basis = fmt::format("{} {} the band [{}, {}]",
                          value_text(v),
                          inside ? "inside" : "outside",
                          value_text(*ind.low),
                          value_text(*ind.high));
  }

  void toward_target(const Indicator& ind, const Commitment& c, IndicatorStatus& s) const {
    const auto& ts = targets_.at(ind.id);
    const double target = ts.back()->value;
    s.target = target;
    const double v = *s.latest;
    const double base = *ind.baseline;
    const bool up = ind.direction == Direction::kIncrease;
    const double e = expected_at(base, ind.baseline_date->days, ts, s.latest_date->days);
    s.expected = e;
    if (up ? v >= target : v <= target) {
      s.status = Status::kDone;
      s.basis = fmt::format("{} meets the final target {}", value_text(v), value_text(target));
    } else if (as_of_.days > c.due.days) {
      s.status = Status::kLate;
      s.basis = fmt::format("past the due date and {} does not meet the final target {}",
                            value_text(v),
                            value_text(target));
    } else if (ind.method == Method::kGrowth) {
      by_growth(ind, s, *ts.back());
    } else if (e == base) {
      const bool no_worse = up ? v >= base : v <= base;
      s.status = no_worse ? Status::kOnTrack : Status::kDeteriorating;
      s.basis = fmt::format("the trajectory has not left the baseline {} yet; {} is {}",
                            value_text(base),
                            value_text(v),
                            no_worse ? "no worse" : "worse");
    } else {
      const double r = (v - base) / (e - base);
      s.ratio = r;
      s.status = ratio_status(r);
      s.basis = fmt::format("r = ({} - {}) / ({} - {}) = {:.3f}",
                            value_text(v),
                            value_text(base),
                            value_text(e),
                            value_text(base),
                            r);
    }
  }

  /// The growth method decides by q = observed / required compound annual growth.
  void by_growth(const Indicator& ind, IndicatorStatus& s, const Target& final_target) const {
    const auto g =
        annual_growth(ind.baseline_date->days, *ind.baseline, s.latest_date->days, *s.latest);
    const auto need = annual_growth(
        ind.baseline_date->days, *ind.baseline, final_target.date.days, final_target.value);
    if (!g || !need || *need == 0) {
      s.status = Status::kNoData;
      s.basis = "no growth rate yet: the newest value is not after the baseline date";
      return;
    }
    const double q = *g / *need;
    s.ratio = q;
    s.status = ratio_status(q);
    s.basis = fmt::format(
        "q = observed {:.2f} %/yr / required {:.2f} %/yr = {:.3f}", 100 * *g, 100 * *need, q);
  }

  /// Growth rates and the least-squares projection, beside the deciding rule.
  void comparisons(const Indicator& ind, IndicatorStatus& s) const {
    if (ind.method == Method::kMilestone || s.series.empty()) return;
    if (ind.baseline && ind.baseline_date) {
      s.growth_observed =
          annual_growth(ind.baseline_date->days, *ind.baseline, s.latest_date->days, *s.latest);
      if (s.trajectory.size() > 1)
        s.growth_required = annual_growth(ind.baseline_date->days,
                                          *ind.baseline,
                                          s.trajectory.back().date.days,
                                          s.trajectory.back().value);
    }
    std::vector<double> x;
    std::vector<double> y;
    if (ind.baseline && ind.baseline_date && ind.baseline_date->days < s.series.front().date.days) {
      x.push_back(ind.baseline_date->days);
      y.push_back(*ind.baseline);
    }
    for (const Point& p : s.series) {
      x.push_back(p.date.days);
      y.push_back(p.value);
    }
    if (x.size() < 3) return;  // two points leave no spread for an interval
    if (auto f = stats::project(x, y, s.due.days)) {
      s.projection = Projection{s.due, f->value, f->low, f->high, static_cast<int>(x.size())};
    }
  }

  // A milestone is at risk when a commitment it depends on is late: known only once
  // every indicator's own status is.
  void apply_dependencies(StatusReport& rep, const std::vector<const Indicator*>& order) const {
    std::set<std::string> late;
    for (const auto& s : rep.indicators)
      if (s.status == Status::kLate) late.insert(s.commitment);
    for (std::size_t k = 0; k < order.size(); ++k) {
      auto& s = rep.indicators[k];
      if (order[k]->method != Method::kMilestone || s.status != Status::kOnTrack) continue;
      for (const auto& d : commitment_.at(s.commitment)->depends_on)
        if (late.count(d) != 0U) {
          s.status = Status::kAtRisk;
          s.basis = fmt::format("depends on {}, which is late", d);
          break;
        }
    }
  }

  CommitmentStatus commitment(const Commitment& c, const StatusReport& rep) const {
    CommitmentStatus cs;
    cs.commitment = c.id;
    cs.due = c.due;
    bool any = false;
    int worst = -1;
    for (const auto& s : rep.indicators) {
      if (s.commitment != c.id) continue;
      any = true;
      if (severity(s.shown()) > worst) {
        worst = severity(s.shown());
        cs.status = s.shown();
      }
      cs.days_overdue = std::max(cs.days_overdue, s.days_overdue);
    }
    if (!any) {
      cs.status = Status::kNoData;
      cs.days_overdue = std::max(0, as_of_.days - c.due.days);
    }
    return cs;
  }

  /// The newest override of each subject dated on or before as_of.
  std::map<std::string, const Override*> overrides_in_force() const {
    std::map<std::string, const Override*> newest;
    for (const auto& o : m_.overrides) {
      if (o.date.days > as_of_.days) continue;
      auto& slot = newest[o.subject];
      if (slot == nullptr || slot->date.days < o.date.days) slot = &o;
    }
    return newest;
  }

  /// Puts the override in force (a `clear` ends the one before it); a subject shown
  /// done is neither overdue nor stale.
  template <typename S>
  static void apply_override(const std::map<std::string, const Override*>& newest,
                             const std::string& subject,
                             S& s) {
    const auto it = newest.find(subject);
    if (it == newest.end() || !it->second->status) return;
    s.override_status = it->second->status;
    s.override_id = it->second->id;
    s.override_reason = it->second->reason;
    if (*s.override_status != Status::kDone) return;
    s.days_overdue = 0;
    if constexpr (std::is_same_v<S, IndicatorStatus>) s.stale = false;
  }

  // Most overdue first, then the worst shown status, then id; indicators follow their
  // commitments.
  static void sort(StatusReport& rep) {
    std::sort(rep.commitments.begin(),
              rep.commitments.end(),
              [](const CommitmentStatus& a, const CommitmentStatus& b) {
                if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
                if (severity(a.shown()) != severity(b.shown()))
                  return severity(a.shown()) > severity(b.shown());
                return a.commitment < b.commitment;
              });
    std::map<std::string, std::size_t> rank;
    for (std::size_t k = 0; k < rep.commitments.size(); ++k)
      rank[rep.commitments[k].commitment] = k;
    std::stable_sort(rep.indicators.begin(),
                     rep.indicators.end(),
                     [&](const IndicatorStatus& a, const IndicatorStatus& b) {
                       return rank.at(a.commitment) < rank.at(b.commitment);
                     });
  }

  const Monitor& m_;
  Date as_of_;
  std::map<std::string, std::vector<const Observation*>> obs_;  // in force, by date
  std::map<std::string, std::vector<const Target*>> targets_;   // by date
  std::map<std::string, const Evidence*> evidence_;
  std::map<std::string, const Commitment*> commitment_;
  std::map<std::string, const ModelValue*> model_;
};

}  // namespace

StatusReport status(const Monitor& m, const Date& as_of, const std::vector<ModelValue>& model) {
  return StatusComputer(m, as_of, model).run();
}

}  // namespace corridor::monitor
