// status(): the rules of docs/monitor.md, applied to every indicator and then to every
// commitment. Each indicator's status depends only on its own rows (sorted by date, so
// the order of rows in the files never matters), except that a milestone is at risk
// when a commitment it depends on is late: a second pass once every lateness is known.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "corridor/monitor.hpp"

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

StatusReport status(const Monitor& m, const Date& as_of) {
  StatusReport rep;
  rep.name = m.name;
  rep.fingerprint = fingerprint(m);
  rep.as_of = as_of;

  std::set<std::string> superseded;
  for (const auto& o : m.observations)
    if (!o.supersedes.empty()) superseded.insert(o.supersedes);
  std::map<std::string, std::vector<const Observation*>> obs;  // in force, by date
  for (const auto& o : m.observations)
    if (superseded.count(o.id) == 0U && o.date.days <= as_of.days) obs[o.indicator].push_back(&o);
  for (auto& [id, v] : obs)
    std::sort(v.begin(), v.end(), [](const Observation* a, const Observation* b) {
      return a->date.days < b->date.days;
    });
  std::map<std::string, std::vector<const Target*>> targets;
  for (const auto& t : m.targets) targets[t.indicator].push_back(&t);
  for (auto& [id, v] : targets)
    std::sort(v.begin(), v.end(), [](const Target* a, const Target* b) {
      return a->date.days < b->date.days;
    });
  std::map<std::string, const Evidence*> evidence;
  for (const auto& e : m.evidence) evidence.emplace(e.id, &e);
  std::map<std::string, const Commitment*> commitment;
  for (const auto& c : m.commitments) commitment.emplace(c.id, &c);

  std::vector<const Indicator*> order;
  for (const auto& i : m.indicators) order.push_back(&i);
  std::sort(order.begin(), order.end(), [](const Indicator* a, const Indicator* b) {
    return a->id < b->id;
  });

  for (const Indicator* ind : order) {
    const Commitment& c = *commitment.at(ind->commitment);
    IndicatorStatus s;
    s.indicator = ind->id;
    s.commitment = c.id;
    s.due = c.due;
    const auto& o = obs[ind->id];
    const bool past_due = as_of.days > c.due.days;
    if (!o.empty()) {
      s.latest_date = o.back()->date;
      s.latest = o.back()->value;
    }

    if (ind->method == Method::kMilestone) {
      const Observation* reached = nullptr;
      bool claimed = false;
      for (const Observation* x : o) {
        if (x->value != 1) continue;
        claimed = true;
        for (const auto& e : x->evidence) {
          const Evidence& ev = *evidence.at(e);
          if (ev.strength == Strength::kOfficial && ev.date.days <= as_of.days &&
              reached == nullptr)
            reached = x;
        }
      }
      if (reached != nullptr) {
        s.status = Status::kDone;
        s.basis = fmt::format("reached on {} with official evidence", reached->date.text);
      } else if (as_of.days > c.due.days + kMilestoneGraceDays) {
        s.status = Status::kLate;
        s.basis = fmt::format(
            "not reached with official evidence {} days after the due date "
            "(grace {} days)",
            as_of.days - c.due.days,
            kMilestoneGraceDays);
      } else {
        s.status = Status::kOnTrack;
        s.basis = claimed ? "reported reached, awaiting official evidence"
                          : "not due yet (or within the grace period)";
      }
    } else if (o.empty()) {
      s.status = past_due ? Status::kLate : Status::kNoData;
      s.basis = past_due ? "no observation and past the due date" : "no observation yet";
    } else if (ind->direction == Direction::kBand) {
      const double v = *s.latest;
      const bool inside = *ind->low <= v && v <= *ind->high;
      if (inside)
        s.status = past_due ? Status::kDone : Status::kOnTrack;
      else
        s.status = past_due ? Status::kLate : Status::kOffTrack;
      s.basis = fmt::format("{} {} the band [{}, {}]",
                            value_text(v),
                            inside ? "inside" : "outside",
                            value_text(*ind->low),
                            value_text(*ind->high));
    } else {
      const auto& ts = targets[ind->id];
      const double target = ts.back()->value;
      s.target = target;
      const double v = *s.latest;
      const double base = *ind->baseline;
      const bool up = ind->direction == Direction::kIncrease;
      const double e = expected_at(base, ind->baseline_date->days, ts, s.latest_date->days);
      s.expected = e;
      if (up ? v >= target : v <= target) {
        s.status = Status::kDone;
        s.basis = fmt::format("{} meets the final target {}", value_text(v), value_text(target));
      } else if (past_due) {
        s.status = Status::kLate;
        s.basis = fmt::format("past the due date and {} does not meet the final target {}",
                              value_text(v),
                              value_text(target));
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
        if (r >= 0.95)
          s.status = Status::kOnTrack;
        else if (r >= 0.6)
          s.status = Status::kAtRisk;
        else if (r >= 0)
          s.status = Status::kOffTrack;
        else
          s.status = Status::kDeteriorating;
        s.basis = fmt::format("r = ({} - {}) / ({} - {}) = {:.3f}",
                              value_text(v),
                              value_text(base),
                              value_text(e),
                              value_text(base),
                              r);
      }
    }
    if (s.status != Status::kDone) {
      s.days_overdue = std::max(0, as_of.days - c.due.days);
      if (!o.empty() && 2 * (as_of.days - o.back()->date.days) > 3 * ind->frequency_days)
        s.stale = true;
    }
    rep.indicators.push_back(std::move(s));
  }

  std::set<std::string> late;
  for (const auto& s : rep.indicators)
    if (s.status == Status::kLate) late.insert(s.commitment);
  for (std::size_t k = 0; k < order.size(); ++k) {
    auto& s = rep.indicators[k];
    if (order[k]->method != Method::kMilestone || s.status != Status::kOnTrack) continue;
    for (const auto& d : commitment.at(s.commitment)->depends_on)
      if (late.count(d) != 0U) {
        s.status = Status::kAtRisk;
        s.basis = fmt::format("depends on {}, which is late", d);
        break;
      }
  }

  for (const auto& c : m.commitments) {
    CommitmentStatus cs;
    cs.commitment = c.id;
    cs.due = c.due;
    bool any = false;
    int worst = -1;
    for (const auto& s : rep.indicators) {
      if (s.commitment != c.id) continue;
      any = true;
      if (severity(s.status) > worst) {
        worst = severity(s.status);
        cs.status = s.status;
      }
      cs.days_overdue = std::max(cs.days_overdue, s.days_overdue);
    }
    if (!any) {
      cs.status = Status::kNoData;
      cs.days_overdue = std::max(0, as_of.days - c.due.days);
    }
    rep.commitments.push_back(std::move(cs));
  }
  std::sort(rep.commitments.begin(),
            rep.commitments.end(),
            [](const CommitmentStatus& a, const CommitmentStatus& b) {
              if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
              if (severity(a.status) != severity(b.status))
                return severity(a.status) > severity(b.status);
              return a.commitment < b.commitment;
            });
  std::map<std::string, std::size_t> rank;
  for (std::size_t k = 0; k < rep.commitments.size(); ++k) rank[rep.commitments[k].commitment] = k;
  std::stable_sort(rep.indicators.begin(),
                   rep.indicators.end(),
                   [&](const IndicatorStatus& a, const IndicatorStatus& b) {
                     return rank.at(a.commitment) < rank.at(b.commitment);
                   });
  return rep;
}

}  // namespace corridor::monitor
