// Job options: checked once at enqueue (E821, every problem at once), turned into argv.

#include "request.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "corridor/core/i18n.hpp"
#include "corridor/jobs.hpp"

namespace corridor::jobs {

namespace {

using nlohmann::json;

const std::set<std::string>& keys_of(const std::string& kind) {
  static const std::set<std::string> plan{
      "variant", "time_limit", "gap", "threads", "alternatives", "lang"};
  static const std::set<std::string> compare{"variants", "time_limit", "gap", "lang"};
  static const std::set<std::string> simulate{
      "variant", "time_limit", "gap", "days", "replications", "warmup", "seed", "plan_job", "lang"};
  return kind == "plan" ? plan : kind == "compare" ? compare : simulate;
}

// A variant name becomes one argv element of its own; still refuse what could read as
// an option or split a --variants list.
bool good_name(const std::string& s) {
  if (s.empty() || s.size() > 200 || s[0] == '-') return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == ',' || c == 0x7f) return false;
  return true;
}

struct Checker {
  std::vector<Diagnostic> out;
  void bad(const std::string& field, std::string msg) {
    out.push_back(Diagnostic{
        ErrorCode::kBadJobRequest, Severity::kError, "job", 0, 0, field, std::move(msg)});
  }
  void number(const json& o, const std::string& k, double lo, bool open_lo) {
    if (!o.contains(k)) return;
    const json& v = o[k];
    if (!v.is_number() || !(open_lo ? v.get<double>() > lo : v.get<double>() >= lo))
      bad("options." + k,
          fmt::format("got {}, expected a number {} {}", v.dump(), open_lo ? ">" : ">=", lo));
  }
  void integer(const json& o, const std::string& k, long long lo, long long hi) {
    if (!o.contains(k)) return;
    const json& v = o[k];
    if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
      bad("options." + k, fmt::format("got {}, expected an integer in {}..{}", v.dump(), lo, hi));
  }
};

}  // namespace

std::vector<Diagnostic> check_request(std::string_view kind, std::string_view options_json) {
  Checker c;
  const std::string k(kind);
  if (k != "plan" && k != "compare" && k != "simulate") {
    c.bad("kind", fmt::format("got \"{}\", expected one of plan, compare, simulate", k));
    return c.out;
  }
  json o =
      json::parse(options_json.empty() ? std::string_view("{}") : options_json, nullptr, false);
  if (o.is_discarded() || !o.is_object()) {
    c.bad("options", "expected a JSON object");
    return c.out;
  }
  const auto& allowed = keys_of(k);
  for (const auto& [key, v] : o.items())
    if (!allowed.contains(key))
      c.bad("options." + key,
            fmt::format(
                "unknown option for a {} job (expected one of {})", k, fmt::join(allowed, ", ")));
  if (o.contains("variant") && !(o["variant"].is_string() && good_name(o["variant"])))
    c.bad("options.variant",
          fmt::format("got {}, expected a variant name (text, not starting with '-')",
                      o["variant"].dump()));
  if (o.contains("variants")) {
    const json& v = o["variants"];
    bool ok = v.is_array();
    if (ok)
      for (const auto& e : v) ok = ok && e.is_string() && good_name(e);
    if (!ok)
      c.bad("options.variants", fmt::format("got {}, expected a list of variant names", v.dump()));
  }
  if (o.contains("lang") &&
      !(o["lang"].is_string() && core::parse_lang(o["lang"].get<std::string>())))
    c.bad("options.lang",
          fmt::format("got {}, expected one of {}", o["lang"].dump(), core::lang_choices()));
  c.number(o, "time_limit", 0.0, true);
  c.number(o, "gap", 0.0, false);
  c.integer(o, "threads", 1, kMaxThreads);
  c.integer(o, "alternatives", 1, kMaxAlternatives);
  c.integer(o, "days", 1, 1000000);
  c.integer(o, "replications", 1, 100000);
  c.integer(o, "warmup", 0, 1000000);
  c.integer(o, "seed", 0, std::numeric_limits<long long>::max());
  c.integer(o, "plan_job", 1, std::numeric_limits<long long>::max());
  return c.out;
}

Request parse_request(const std::string& kind, const std::string& options_json) {
  if (!check_request(kind, options_json).empty())
    throw std::invalid_argument("jobs: options not checked: " + options_json);
  const json o = json::parse(options_json.empty() ? std::string("{}") : options_json);
  Request r;
  r.kind = kind;
  if (o.contains("variant")) r.variant = o["variant"].get<std::string>();
  if (o.contains("variants")) r.variants = o["variants"].get<std::vector<std::string>>();
  if (o.contains("time_limit")) r.time_limit = o["time_limit"].get<double>();
  if (o.contains("gap")) r.gap = o["gap"].get<double>();
  if (o.contains("threads")) r.threads = o["threads"].get<int>();
  if (o.contains("alternatives")) r.alternatives = o["alternatives"].get<int>();
  if (o.contains("days")) r.days = o["days"].get<int>();
  if (o.contains("replications")) r.replications = o["replications"].get<int>();
  if (o.contains("warmup")) r.warmup = o["warmup"].get<int>();
  if (o.contains("seed")) r.seed = o["seed"].get<long long>();
  if (o.contains("plan_job")) r.plan_job = o["plan_job"].get<long long>();
  if (o.contains("lang")) r.lang = o["lang"].get<std::string>();
  return r;
}

namespace {

void solve_args(const Request& r, std::vector<std::string>& a) {
  if (r.time_limit) a.insert(a.end(), {"--time-limit", fmt::format("{}", *r.time_limit)});
  if (r.gap) a.insert(a.end(), {"--gap", fmt::format("{}", *r.gap)});
  if (r.threads) a.insert(a.end(), {"--threads", std::to_string(*r.threads)});
  if (r.alternatives) a.insert(a.end(), {"--alternatives", std::to_string(*r.alternatives)});
  if (!r.lang.empty()) a.push_back("--lang=" + r.lang);
}

}  // namespace

std::vector<Step> steps_of(const Request& r,
                           const std::string& scenario,
                           const std::string& out,
                           const std::optional<std::string>& plan_file) {
  const std::vector<std::string> fd{"--progress-fd", "3"};
  std::vector<Step> steps;
  auto plan_step = [&](double weight) {
    Step s{"plan", {"plan", scenario, "--out", out}, weight};
    if (!r.variant.empty()) s.args.push_back("--variant=" + r.variant);
    solve_args(r, s.args);
    s.args.insert(s.args.end(), fd.begin(), fd.end());
    return s;
  };
  if (r.kind == "plan") {
    steps.push_back(plan_step(1.0));
  } else if (r.kind == "compare") {
    Step s{"compare", {"compare", scenario, "--out", out}, 1.0};
    if (!r.variants.empty())
      s.args.push_back("--variants=" + fmt::format("{}", fmt::join(r.variants, ",")));
    solve_args(r, s.args);
    s.args.insert(s.args.end(), fd.begin(), fd.end());
    steps.push_back(std::move(s));
  } else {
    // Without a given plan, solve it first into the same folder: the job keeps the plan
    // it simulated (plan.json), and report.html gains the simulation section.
    std::string plan_path = plan_file.value_or(out + "/plan.json");
    if (!plan_file) steps.push_back(plan_step(0.3));
    Step s{"simulate",
           {"simulate", scenario, "--plan", plan_path, "--out", out, "--quiet"},
           plan_file ? 1.0 : 0.7};
    if (!r.variant.empty()) s.args.push_back("--variant=" + r.variant);
    if (r.days) s.args.insert(s.args.end(), {"--days", std::to_string(*r.days)});
    if (r.replications)
      s.args.insert(s.args.end(), {"--replications", std::to_string(*r.replications)});
    if (r.warmup) s.args.insert(s.args.end(), {"--warmup", std::to_string(*r.warmup)});
    if (r.seed) s.args.insert(s.args.end(), {"--seed", std::to_string(*r.seed)});
    if (!r.lang.empty()) s.args.push_back("--lang=" + r.lang);
    s.args.insert(s.args.end(), fd.begin(), fd.end());
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace corridor::jobs
