// `corridor monitor status DIR [--as-of YYYY-MM-DD] [--json] [--out DIR]` and
// `corridor monitor validate DIR`: the agreement monitor (docs/monitor.md). Bad input
// exits 3 with every problem listed and nothing written (main maps InputError).

#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "corridor/core/output.hpp"
#include "corridor/error.hpp"
#include "corridor/monitor.hpp"

namespace corridor::cli {

namespace {
struct MonitorOptions {
  std::string folder;
  std::string as_of;
  bool json = false;
  std::string out;
};

void print_warnings(const monitor::Monitor& m) {
  for (const auto& w : m.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
}

[[noreturn]] void bad_option(const std::string& field, const std::string& message) {
  Diagnostic d;
  d.code = ErrorCode::kBadOption;
  d.field = field;
  d.message = message;
  throw InputError({d});
}

int run_status(const MonitorOptions& opt) {
  const monitor::Monitor m = monitor::load(opt.folder);
  print_warnings(m);
  std::optional<monitor::Date> as_of;
  if (!opt.as_of.empty()) {
    as_of = monitor::parse_date(opt.as_of);
    if (!as_of)
      bad_option(
          "--as-of",
          "not a valid date (got \"" + opt.as_of + "\", expected a real date written yyyy-mm-dd)");
  } else {
    as_of = monitor::newest_observation(m);
    if (!as_of)
      bad_option("--as-of",
                 "the monitor has no observation to date the status by (expected --as-of "
                 "yyyy-mm-dd)");
  }
  const monitor::StatusReport r = monitor::status(m, *as_of);
  const std::string json = monitor::to_json(r);
  if (!opt.out.empty()) {
    core::OutputSet out(opt.out);
    out.add("monitor.json", json);
    out.add("status.csv", monitor::to_csv(r));
    out.publish();
  }
  if (opt.json)
    std::fputs(json.c_str(), stdout);
  else
    std::fputs(monitor::to_table(r).c_str(), stdout);
  if (!opt.out.empty() && !opt.json)
    std::printf("wrote %s/monitor.json, %s/status.csv\n", opt.out.c_str(), opt.out.c_str());
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
  status->add_option("--out", opt->out, "Write monitor.json and status.csv into this folder");
  auto* validate = sub->add_subcommand("validate", "Check a monitor folder, report every problem");
  validate->add_option("dir", opt->folder, "Monitor folder (docs/monitor-format.md)")->required();
  return [opt, status, validate] {
    if (status->parsed()) return run_status(*opt);
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
