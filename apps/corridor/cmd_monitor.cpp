// `corridor monitor status DIR [--as-of YYYY-MM-DD] [--json] [--out DIR] [--lang L]
// [--log FILE | --no-log] [--actor NAME]`, `corridor monitor validate DIR`, `corridor
// monitor delay DIR --commitment C` and `corridor monitor verify-log DIR [--log FILE]`:
// the agreement monitor (docs/monitor.md) and its audit log. Bad input exits 3 with every
// problem listed and nothing written (main maps InputError).

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "corridor/core/i18n.hpp"
#include "corridor/core/output.hpp"
#include "corridor/core/text.hpp"
#include "corridor/error.hpp"
#include "corridor/monitor.hpp"
#include "corridor/monitor/audit.hpp"
#include "corridor/monitor/report.hpp"
#include "corridor/scenario.hpp"

namespace corridor::cli {

namespace {
struct MonitorOptions {
  std::string folder;
  std::string as_of;
  bool json = false;
  std::string out;
  std::string lang = "en";          // monitor.html
  std::vector<std::string> runs;    // ID=FILE
  std::vector<std::string> delays;  // delay.json files
  // delay
  std::string commitment;
  double years = 1;
  std::string scenario;
  std::string variant;
  bool simulate = false;
  int days = 28;
  int warmup = 14;
  int replications = 2;
  double time_limit = 1e30;
  // the audit log
  std::string log;  // empty: DIR/audit.log
  bool no_log = false;
  std::string actor;
  std::string now;  // hidden, for tests: the time written in the log
};

std::string log_path(const MonitorOptions& opt) {
  return opt.log.empty() ? opt.folder + "/" + monitor::kAuditLogName : opt.log;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void print_warnings(const monitor::Monitor& m) {
  for (const auto& w : m.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
}

Diagnostic option_problem(const std::string& field, const std::string& message) {
  Diagnostic d;
  d.code = ErrorCode::kBadOption;
  d.field = field;
  d.message = message;
  return d;
}

[[noreturn]] void bad_option(const std::string& field, const std::string& message) {
  throw InputError({option_problem(field, message)});
}

/// Puts each --delay file beside its commitment; one for a commitment the monitor lacks,
/// or two for one commitment, is refused.
void attach_delays(const MonitorOptions& opt, monitor::StatusReport& r) {
  for (const auto& file : opt.delays) {
    monitor::DelayResult d = monitor::read_delay(file);
    bool placed = false;
    for (auto& c : r.commitments) {
      if (c.commitment != d.commitment) continue;
      if (c.delay)
        bad_option("--delay",
                   "two delay files for commitment " + d.commitment + " (got " + file +
                       ", expected one per commitment)");
      c.delay = std::move(d);
      placed = true;
      break;
    }
    if (!placed)
      bad_option("--delay",
                 "the monitor has no commitment " + d.commitment + " (got " + file +
                     ", expected a delay.json made for this monitor)");
  }
}

int run_delay(const MonitorOptions& opt) {
  const monitor::Monitor m = monitor::load(opt.folder);
  print_warnings(m);
  if (!(opt.years > 0) || opt.years > 50)
    bad_option("--years", "out of range (expected a number of years > 0 and <= 50)");
  const scenario::Scenario s = scenario::load(opt.scenario, opt.variant);
  monitor::DelayOptions o;
  o.years = opt.years;
  o.simulate = opt.simulate;
  o.plan.time_limit_seconds = opt.time_limit;
  o.sim.days = opt.days;
  o.sim.warmup_days = opt.warmup;
  o.sim.replications = opt.replications;
  o.sim.time_series = false;
  const monitor::DelayResult d = monitor::delay_cost(m, opt.commitment, s, o);
  std::printf("delay of %s (%s) by %s year%s, scenario %s%s%s\n",
              d.commitment.c_str(),
              d.object.c_str(),
              core::num(d.years).c_str(),
              d.years == 1 ? "" : "s",
              d.scenario.c_str(),
              d.variant.empty() ? "" : " variant ",
              d.variant.c_str());
  std::printf(
      "  cost per year: on time %s, delayed %s, difference %s %s/yr; over the delay %s %s\n",
      core::grouped(d.cost_on_time_per_year).c_str(),
      core::grouped(d.cost_delayed_per_year).c_str(),
      core::grouped(d.cost_per_year).c_str(),
      d.currency.c_str(),
      core::grouped(d.cost_total).c_str(),
      d.currency.c_str());
  std::printf("  unmet parcels/day: %s -> %s; planned mean delivery days: %.2f -> %.2f\n",
              core::grouped(d.unmet_on_time_per_day).c_str(),
              core::grouped(d.unmet_delayed_per_day).c_str(),
              d.days_on_time,
              d.days_delayed);
  if (d.sim_p95_on_time)
    std::printf("  simulated p95 days: %.2f -> %.2f; on time: %.1f%% -> %.1f%%\n",
                *d.sim_p95_on_time,
                *d.sim_p95_delayed,
                100 * *d.sim_on_time_share_on_time,
                100 * *d.sim_on_time_share_delayed);
  for (const auto& f : d.shifts)
    std::printf("  %-18s %12s -> %12s parcels/day\n",
                f.crossing.c_str(),
                core::grouped(f.on_time_per_day).c_str(),
                core::grouped(f.delayed_per_day).c_str());
  if (!opt.out.empty()) {
    core::OutputSet out(opt.out);
    out.add("delay.json", monitor::delay_artefact(d));
    out.publish();
    std::printf("wrote %s/delay.json\n", opt.out.c_str());
  }
  std::fflush(stdout);
  return kExitOk;
}

std::size_t append_log(const MonitorOptions& opt,
                       const monitor::Monitor& m,
                       const monitor::StatusReport& r) {
  std::string actor = opt.actor;
  if (actor.empty() && std::getenv("USER")) actor = std::getenv("USER");
  if (actor.empty()) actor = "unknown";
  const std::string now = opt.now.empty() ? utc_now() : opt.now;
  return monitor::sync_log(m, r, log_path(opt), actor, now, opt.folder).size();
}

int run_status(const MonitorOptions& opt) {
  const monitor::Monitor m = monitor::load(opt.folder);
  print_warnings(m);
  std::vector<Diagnostic> bad;  // every bad option at once
  const std::optional<core::Lang> lang = core::parse_lang(opt.lang);
  if (!lang)
    bad.push_back(option_problem("--lang",
                                 "not a page language (got \"" + opt.lang + "\", expected one of " +
                                     std::string(core::lang_choices()) + ")"));
  std::optional<monitor::Date> as_of;
  if (!opt.as_of.empty()) {
    as_of = monitor::parse_date(opt.as_of);
    if (!as_of)
      bad.push_back(option_problem(
          "--as-of",
          "not a valid date (got \"" + opt.as_of + "\", expected a real date written yyyy-mm-dd)"));
  } else {
    as_of = monitor::newest_observation(m);
    if (!as_of)
      bad.push_back(option_problem("--as-of",
                                   "the monitor has no observation to date the status by "
                                   "(expected --as-of yyyy-mm-dd)"));
  }
  std::map<std::string, std::string> run_files;
  for (const auto& b : opt.runs) {
    const std::size_t eq = b.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == b.size())
      bad.push_back(option_problem(
          "--run", "not ID=FILE (got \"" + b + "\", expected e.g. plan=out/plan.json)"));
    else
      run_files[b.substr(0, eq)] = b.substr(eq + 1);
  }
  if (!opt.now.empty() && !monitor::is_log_time(opt.now))
    bad.push_back(option_problem(
        "--now", "not a UTC time (got \"" + opt.now + "\", expected yyyy-mm-ddThh:mm:ssZ)"));
  if (!bad.empty()) throw InputError(bad);
  monitor::StatusReport r = monitor::status(m, *as_of, monitor::read_model_values(m, run_files));
  attach_delays(opt, r);
  const std::string json = monitor::to_json(r);
  // The log is appended before the outputs are published: a log refused (an edited
  // observation, a broken chain) leaves nothing written.
  std::size_t logged = 0;
  std::vector<monitor::StatusChange> history;  // from the log just verified and extended
  if (!opt.no_log) {
    logged = append_log(opt, m, r);
    history = monitor::status_history(monitor::read_log(log_path(opt)), r.as_of);
  }
  if (!opt.out.empty()) {
    core::OutputSet out(opt.out);
    out.add("monitor.json", json);
    out.add("status.csv", monitor::to_csv(r));
    out.add("monitor.html", monitor::render_html(m, r, *lang, history));
    out.publish();
  }
  if (opt.json)
    std::fputs(json.c_str(), stdout);
  else
    std::fputs(monitor::to_table(r).c_str(), stdout);
  if (!opt.out.empty() && !opt.json)
    std::printf("wrote %s/monitor.json, %s/status.csv, %s/monitor.html\n",
                opt.out.c_str(),
                opt.out.c_str(),
                opt.out.c_str());
  if (!opt.no_log)
    std::fprintf(opt.json ? stderr : stdout,
                 "%s: %zu record%s appended\n",
                 log_path(opt).c_str(),
                 logged,
                 logged == 1 ? "" : "s");
  std::fflush(stdout);
  return kExitOk;
}

int run_verify_log(const MonitorOptions& opt) {
  const std::string path = log_path(opt);
  const monitor::LogCheck check = monitor::verify_log(path);
  if (!check.ok()) throw InputError(check.problems);
  std::printf("%s: %zu record%s, chain intact (last hash %s)\n",
              path.c_str(),
              check.records,
              check.records == 1 ? "" : "s",
              check.last_hash.c_str());
  std::fflush(stdout);
  return kExitOk;
}
}  // namespace

Runner add_monitor(CLI::App& app) {
  auto opt = std::make_shared<MonitorOptions>();
  auto* sub = app.add_subcommand(
      "monitor", "Monitor bilateral agreements: commitments, indicators and their status");
  sub->require_subcommand(1);
  auto* status =
      sub->add_subcommand("status",
                          "Status of every commitment and indicator on a date, most overdue first "
                          "(docs/monitor.md)");
  status->add_option("dir", opt->folder, "Monitor folder (docs/monitor-format.md)")->required();
  status->add_option("--as-of",
                     opt->as_of,
                     "Date of the status, yyyy-mm-dd (default: the newest observation's date, "
                     "never today, so the same folder gives the same status)");
  status->add_flag("--json", opt->json, "Print monitor.json instead of the table");
  status->add_option(
      "--out", opt->out, "Write monitor.json, status.csv and monitor.html into this folder");
  status->add_option("--lang",
                     opt->lang,
                     "Language of monitor.html: en|ru|kk|zh (default en; a bad value is E503)");
  status->add_option("--run",
                     opt->runs,
                     "ID=FILE: read model indicators of run ID (runs.csv) from this plan.json or "
                     "sim.json (repeatable)");
  status->add_option("--delay",
                     opt->delays,
                     "A delay.json of `corridor monitor delay`, shown beside its commitment "
                     "(repeatable)");
  auto* log = status->add_option(
      "--log",
      opt->log,
      "Audit log to append new observations, verifications, overrides and status "
      "changes to (default: DIR/audit.log)");
  status->add_flag("--no-log", opt->no_log, "Do not append to the audit log")->excludes(log);
  status->add_option(
      "--actor", opt->actor, "Who is recorded in the audit log (default: $USER, else unknown)");
  status->add_option("--now", opt->now, "The time recorded in the log (for tests)")->group("");
  auto* delay = sub->add_subcommand(
      "delay",
      "Cost of delaying a commitment's corridor object: the scenario planned with and without "
      "it (docs/monitor.md)");
  delay->add_option("dir", opt->folder, "Monitor folder (docs/monitor-format.md)")->required();
  delay->add_option("--commitment", opt->commitment, "Commitment id (its link names the object)")
      ->required();
  delay->add_option("--years", opt->years, "Years of delay (default 1)");
  delay->add_option("--scenario", opt->scenario, "Scenario folder the commitment's object is in")
      ->required();
  delay->add_option("--variant", opt->variant, "Scenario variant to plan (default: the base)");
  delay->add_flag("--simulate", opt->simulate, "Also simulate both plans");
  delay->add_option("--days", opt->days, "Simulated days with --simulate (default 28)");
  delay->add_option("--warmup", opt->warmup, "Warm-up days with --simulate (default 14)");
  delay->add_option(
      "--replications", opt->replications, "Replications with --simulate (default 2)");
  delay->add_option("--time-limit", opt->time_limit, "Seconds per plan (default: none)");
  delay->add_option("--out", opt->out, "Write delay.json into this folder");
  auto* validate = sub->add_subcommand("validate", "Check a monitor folder, report every problem");
  validate->add_option("dir", opt->folder, "Monitor folder (docs/monitor-format.md)")->required();
  auto* verify =
      sub->add_subcommand("verify-log",
                          "Check the audit log's hash chain: name every edited, deleted or "
                          "reordered record");
  verify->add_option("dir", opt->folder, "Monitor folder (its audit.log)")->required();
  verify->add_option("--log", opt->log, "Audit log to check (default: DIR/audit.log)");
  return [opt, status, validate, delay, verify] {
    if (status->parsed()) return run_status(*opt);
    if (verify->parsed()) return run_verify_log(*opt);
    if (delay->parsed()) return run_delay(*opt);
    if (validate->parsed()) {
      const monitor::Monitor m = monitor::load(opt->folder);
      print_warnings(m);
      std::printf("%s\n", monitor::summary_line(m).c_str());
      std::fflush(stdout);
      return static_cast<int>(kExitOk);
    }
    return static_cast<int>(kExitUsage);
  };
}

}  // namespace corridor::cli
