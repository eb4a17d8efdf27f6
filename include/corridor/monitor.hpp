#pragma once
// The agreement monitor: bilateral agreements, the commitments they make, the
// indicators that measure them, dated targets, append-only observations and the
// evidence behind them (a folder of CSV tables, docs/monitor-format.md), and the status
// of every indicator and commitment on a given date (docs/monitor.md).
//
// Status is a pure function of the folder's content, the as-of date and the model values
// read from named runs: rows may come in any order. The cost of delay plans a scenario
// with and without a commitment's object; the audit log (corridor/monitor/audit.hpp)
// and the HTML report (corridor/monitor/report.hpp) have their own headers.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/design.hpp"
#include "corridor/error.hpp"
#include "corridor/sim.hpp"

namespace corridor::monitor {

/// monitor.json's schema (corridor/core/artefact.hpp): "corridor.monitor/2".
inline constexpr const char* kMonitorSchema = "corridor.monitor";
inline constexpr int kMonitorSchemaVersion = 2;

/// A calendar date: days since 1970-01-01 plus its text.
struct Date {
  int days = 0;
  std::string text;  // yyyy-mm-dd
  friend bool operator<(const Date& a, const Date& b) { return a.days < b.days; }
};

/// Parses a real date written yyyy-mm-dd; nullopt otherwise.
std::optional<Date> parse_date(const std::string& text);

/// kDecision: a one-sided decision or instruction that a bilateral plan relies on (a
/// presidential instruction to open a trade mission).
enum class Instrument { kTreaty, kAgreement, kMou, kJointStatement, kContract, kDecision };
enum class CommitmentKind { kMilestone, kQuantity, kPolicy };
enum class Direction { kIncrease, kDecrease, kBand };
enum class Method { kTrajectory, kGrowth, kMilestone };
/// Where an indicator's values come from: reported observations, or a corridor run.
enum class Feed { kObserved, kModel };
enum class Strength { kOfficial, kMedia, kModel };

struct Agreement {
  std::string id;
  std::string title, title_kk, title_ru, title_zh;
  std::string parties;
  Date signed_on;
  std::optional<Date> in_force;
  Instrument instrument{};
  std::string source;
};

/// A commitment's corridor object: "crossing:ID", "site:ID", "link:ID", "zone:ID" or
/// "zone:*" (every zone).
struct ObjectLink {
  std::string kind;  // crossing | site | link | zone
  std::string id;
};
/// The object a link names; nullopt when the text is not one of the forms above.
std::optional<ObjectLink> parse_link(const std::string& text);

struct Commitment {
  std::string id;
  std::string agreement;
  std::string clause;
  std::string text;
  std::string responsible_kz, responsible_cn;
  Date due;
  CommitmentKind kind{};
  std::vector<std::string> depends_on;  // commitment ids
  std::string link;                     // a corridor object, e.g. crossing:BAKHTY_RAIL
  std::string source;
};

struct Indicator {
  std::string id;
  std::string commitment;
  std::string name;
  std::string unit;
  Direction direction{};
  std::optional<double> low, high;  // band only
  std::optional<double> baseline;   // trajectory only
  std::optional<Date> baseline_date;
  Method method{};
  int frequency_days = 0;  // how often a value is expected
  Feed feed = Feed::kObserved;
  std::string run;   // model: a runs.csv id
  std::string path;  // model: where the value sits in the run's artefact
                     // (docs/monitor-format.md), e.g. crossings[crossing=DOSTYK_RAIL].utilisation
  std::string source;
  int line = 0;  // in indicators.csv, for diagnostics about the model path
};

/// A named corridor run (runs.csv, optional): a plan.json or sim.json whose values feed
/// model indicators. `file` is relative to the monitor folder; `corridor monitor status
/// --run ID=FILE` points a run elsewhere.
struct Run {
  std::string id;
  std::string file;
  std::string description;
  std::string source;
};

struct Target {
  std::string indicator;
  Date date;
  double value = 0;
  std::string source;
};

/// One reported value. Append-only: a correction is a new row naming the row it
/// replaces in `supersedes`, with its `reason`.
struct Observation {
  std::string id;
  std::string indicator;
  Date date;
  double value = 0;
  std::string entered_by, verified_by;
  std::vector<std::string> evidence;  // evidence ids
  std::string supersedes;
  std::string reason;
  std::string source;
};

struct Evidence {
  std::string id;
  std::string url;
  std::string publisher;
  Date date;
  std::optional<Date> retrieved;
  std::string excerpt;
  Strength strength{};
  std::string sha256;
  std::string source;
};

enum class Status { kDone, kOnTrack, kAtRisk, kOffTrack, kDeteriorating, kLate, kNoData };

/// A manual status set by a person for an indicator or a commitment (overrides.csv,
/// optional). It needs a reason; the computed status stays visible beside it. The
/// newest override of a subject dated on or before the as-of date applies; an override
/// with status `clear` ends the previous one.
struct Override {
  std::string id;
  std::string subject;           // an indicator or commitment id
  std::optional<Status> status;  // nullopt: `clear`
  std::string reason;
  std::string entered_by;
  Date date;
  std::string source;
};

/// A loaded monitor folder. Rows keep the order of the files.
struct Monitor {
  std::string name;    // the folder's name
  std::string folder;  // as given to load()
  std::vector<Agreement> agreements;
  std::vector<Commitment> commitments;
  std::vector<Indicator> indicators;
  std::vector<Target> targets;
  std::vector<Observation> observations;
  std::vector<Evidence> evidence;
  std::vector<Override> overrides;   // overrides.csv, optional
  std::vector<Run> runs;             // runs.csv, optional
  std::vector<Diagnostic> warnings;  // unknown columns (E107)
};

/// Reads and checks a monitor folder. Throws InputError with every problem found.
Monitor load(const std::string& folder);

/// "monitor NAME: 2 agreements, 3 commitments, ..." for `corridor monitor validate`.
std::string summary_line(const Monitor& m);

/// The monitor's content as JSON text in a fixed order, independent of the order of
/// rows in the files; fingerprint() hashes it.
std::string canonical_text(const Monitor& m);
/// "sha256:" + the SHA-256 of canonical_text(m).
std::string fingerprint(const Monitor& m);

/// Milestones are late only this many days after their due date.
inline constexpr int kMilestoneGraceDays = 30;
/// A milestone not reported reached is at risk this many days before its due date.
inline constexpr int kMilestoneSlackDays = 90;

std::string to_string(Status s);
/// green (done, on_track), amber (at_risk), red (off_track, deteriorating, late), grey.
std::string light(Status s);

/// One dated value, for charts.
struct Point {
  Date date;
  double value = 0;
};

/// A least-squares line through the values in force, projected to the due date, with
/// its 95 % prediction interval (Student t, n - 2 degrees of freedom; docs/monitor.md).
struct Projection {
  Date at;  // the due date
  double value = 0;
  double low = 0, high = 0;  // the interval
  int points = 0;
};

struct IndicatorStatus {
  std::string indicator;
  std::string commitment;
  Status status = Status::kNoData;
  bool stale = false;
  std::optional<Date> latest_date;  // newest observation counted
  std::optional<double> latest;     // its value
  std::optional<double> expected;   // trajectory value at latest_date
  std::optional<double> ratio;      // r
  std::optional<double> target;     // the final target (trajectory)
  Date due;                         // the commitment's due date
  int days_overdue = 0;             // as_of - due, 0 when not yet due or done
  std::string basis;                // the rule that decided, in words
  Method method = Method::kTrajectory;
  std::vector<Point> series;      // the values in force up to as_of, by date
  std::vector<Point> trajectory;  // baseline then targets (trajectory and growth)
  // The two comparison methods beside the rule that decided (docs/monitor.md):
  std::optional<double> growth_observed;  // compound annual rate, baseline -> latest
  std::optional<double> growth_required;  // compound annual rate, baseline -> final target
  std::optional<Projection> projection;   // with 3 or more points (baseline included)
  // A manual override in force (overrides.csv); `status` stays the computed one.
  std::optional<Status> override_status;
  std::string override_id, override_reason;
  // Model-fed indicators: the run the value came from.
  std::string run, run_file, run_fingerprint;
  Status shown() const { return override_status.value_or(status); }
};

/// A crossing's flow with the linked object on time and delayed.
struct FlowShift {
  std::string crossing;
  double on_time_per_day = 0;  // parcels per day
  double delayed_per_day = 0;
};

/// The cost of delaying a commitment's corridor object (`corridor monitor delay`):
/// two plans of one scenario, with the object and without it (docs/monitor.md).
struct DelayResult {
  std::string commitment;
  std::string object;  // e.g. crossing:BAKHTY_RAIL
  double years = 0;
  std::string scenario, variant, currency;
  std::string fingerprint_on_time, fingerprint_delayed;  // the two models planned
  double cost_on_time_per_year = 0, cost_delayed_per_year = 0;
  double cost_per_year = 0;  // delayed - on time
  double cost_total = 0;     // cost_per_year * years, undiscounted
  double unmet_on_time_per_day = 0, unmet_delayed_per_day = 0;
  double days_on_time = 0, days_delayed = 0;  // flow-weighted mean planned delivery days
  // With --simulate: the simulated p95 delivery days and on-time share of each plan.
  std::optional<double> sim_p95_on_time, sim_p95_delayed;
  std::optional<double> sim_on_time_share_on_time, sim_on_time_share_delayed;
  std::vector<FlowShift> shifts;  // crossings whose flow changes
};

/// delay.json's schema: "corridor.delay/1". Its header names the scenario and variant
/// delayed and the fingerprint of the on-time model.
inline constexpr const char* kDelaySchema = "corridor.delay";
inline constexpr int kDelaySchemaVersion = 1;

struct DelayOptions {
  double years = 1;
  bool simulate = false;  // also simulate both plans
  design::PlanOptions plan;
  sim::SimOptions sim;
};

/// The cost of delaying `commitment`'s corridor object by `o.years`: `s` planned with
/// the object (a crossing made operating) and without it (a crossing closed, a site or
/// link removed). Unknown commitment or one without a link: E503; an object the
/// scenario lacks, or a zone: E609.
DelayResult delay_cost(const Monitor& m,
                       const std::string& commitment,
                       const scenario::Scenario& s,
                       const DelayOptions& o);
/// The result's fields, in a fixed order (the body of delay.json and of a commitment's
/// `delay` in monitor.json).
nlohmann::ordered_json delay_json(const DelayResult& d);
/// delay.json: the artefact header, then delay_json(d).
std::string delay_artefact(const DelayResult& d);
/// Reads delay.json strictly (E504 for anything but a corridor.delay/1 file).
DelayResult read_delay(const std::string& file);

/// A computed or manual status change, from the audit log (status history).
struct StatusChange {
  std::string subject;  // indicator or commitment id
  std::string as_of;    // yyyy-mm-dd
  std::string time;     // when it was logged (UTC ISO 8601)
  std::string actor;
  std::optional<Status> before;  // nullopt the first time
  Status after = Status::kNoData;
};

struct CommitmentStatus {
  std::string commitment;
  Status status = Status::kNoData;
  Date due;
  int days_overdue = 0;  // max of its indicators'
  std::optional<Status> override_status;
  std::string override_id, override_reason;
  std::optional<DelayResult> delay;  // when `--delay FILE` gave one for it
  Status shown() const { return override_status.value_or(status); }
};

struct StatusReport {
  std::string name;
  std::string fingerprint;
  Date as_of;
  std::vector<CommitmentStatus> commitments;  // most overdue first, then worst, then id
  std::vector<IndicatorStatus> indicators;    // in the order of their commitments, then id
};

/// The newest observation date, the default as-of; nullopt when there is none.
std::optional<Date> newest_observation(const Monitor& m);

/// The value a model indicator reads from its run (docs/monitor.md).
struct ModelValue {
  std::string indicator;
  std::string run, file, fingerprint;  // the run, its artefact, its scenario_fingerprint
  std::optional<double> value;         // nullopt when the run has no file (see problem)
  std::string problem;                 // why there is no value, in words
};

/// Reads every model indicator's value from its run's plan.json or sim.json. `files`
/// binds run ids to files (`--run ID=FILE`), overriding runs.csv's `file` (relative to
/// the monitor folder). A run with no file gives no value and says so (the indicator
/// shows no data); a file that is not a plan or sim artefact (E504) or a path that names
/// no number in it (E607) is an error, every one at once.
std::vector<ModelValue> read_model_values(const Monitor& m,
                                          const std::map<std::string, std::string>& files);

/// The status of every indicator and commitment as of `as_of` (docs/monitor.md); model
/// indicators take their value on `as_of` from `model`.
StatusReport status(const Monitor& m, const Date& as_of, const std::vector<ModelValue>& model = {});

/// monitor.json (schema corridor.monitor/2) of a report.
std::string to_json(const StatusReport& r);
/// status.csv: one row per indicator.
std::string to_csv(const StatusReport& r);
/// The traffic-light table printed by `corridor monitor status`.
std::string to_table(const StatusReport& r);

}  // namespace corridor::monitor
