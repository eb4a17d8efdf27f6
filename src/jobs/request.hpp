#pragma once
// A job's options (docs/serve.md, "Jobs") and the `corridor` command lines they make.

#include <optional>
#include <string>
#include <vector>

namespace corridor::jobs {

/// Upper bounds of a plan job's `threads` (a job shares the server's cores) and
/// `alternatives` (corridor plan's own cap, design::kMaxAlternatives).
inline constexpr int kMaxThreads = 64;
inline constexpr int kMaxAlternatives = 50;

/// The checked options of a job (check_request has accepted them).
struct Request {
  std::string kind;
  std::string variant;
  std::vector<std::string> variants;
  std::optional<double> time_limit;
  std::optional<double> gap;
  std::optional<int> threads, alternatives;  // plan jobs only
  std::optional<int> days, replications, warmup;
  std::optional<long long> seed;
  std::optional<long long> plan_job;
  std::string lang;  // report.html's language (en|ru|kk|zh); empty: the command's default
};

/// Parses options already accepted by check_request (throws std::invalid_argument when not).
Request parse_request(const std::string& kind, const std::string& options_json);

/// One child run: its arguments after the binary, and the share of the job's progress.
struct Step {
  std::string label;  // "plan", "simulate", "compare"
  std::vector<std::string> args;
  double weight = 1.0;
};

/// The child runs of a job over the scenario folder `scenario`, writing into `out`;
/// `plan_file`, when given, is the plan simulate reads instead of solving one.
std::vector<Step> steps_of(const Request& r,
                           const std::string& scenario,
                           const std::string& out,
                           const std::optional<std::string>& plan_file);

}  // namespace corridor::jobs
