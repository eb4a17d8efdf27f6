// Runner: one claimed job, as one or two child `corridor` runs (jobs.hpp).

#include <fmt/format.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "child.hpp"
#include "corridor/jobs.hpp"
#include "request.hpp"

namespace corridor::jobs {

namespace fs = std::filesystem;
using store::Tx;
using store::Value;
using SteadyClock = std::chrono::steady_clock;

namespace {

double seconds_since(SteadyClock::time_point t) {
  return std::chrono::duration<double>(SteadyClock::now() - t).count();
}

// A stored path must stay inside the folder: relative, no "..", no empty parts.
bool safe_relative(const std::string& p) {
  if (p.empty() || p[0] == '/' || p.find('\\') != std::string::npos) return false;
  std::stringstream ss(p);
  for (std::string part; std::getline(ss, part, '/');)
    if (part.empty() || part == "." || part == "..") return false;
  return p.back() != '/';
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream f(path, std::ios::binary);
  f.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& root, std::int64_t id) {
    std::string tmpl = (fs::path(root) / fmt::format("corridor-job-{}-XXXXXX", id)).string();
    if (::mkdtemp(tmpl.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary folder under " + root);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string default_root() {
  const char* t = std::getenv("TMPDIR");
  return t != nullptr && *t != '\0' ? t : "/tmp";
}

// What went wrong with a child, for people: the cause first, the output after.
std::string failure_message(const std::string& label,
                            const ChildResult& r,
                            const RunnerOptions& o) {
  std::string why;
  if (!r.started) {
    why = r.start_error;
  } else if (!r.exited) {
    why = fmt::format(
        "corridor {} was killed by signal {} ({})", label, r.signal, signal_name(r.signal));
    if (r.signal == SIGXCPU || (r.signal == SIGKILL && o.cpu_limit_seconds > 0 &&
                                r.output_tail.find("CPU time") != std::string::npos))
      why += fmt::format(": CPU time limit of {} s exceeded", o.cpu_limit_seconds);
  } else {
    why = fmt::format("corridor {} exited with code {}", label, r.exit_code);
  }
  const auto& t = r.output_tail;
  const bool memory = t.find("bad_alloc") != std::string::npos ||
                      t.find("Cannot allocate memory") != std::string::npos ||
                      t.find("failed to map segment") != std::string::npos ||
                      r.start_error.find("Cannot allocate memory") != std::string::npos;
  if (o.memory_limit_bytes > 0 && memory)
    why = fmt::format("memory limit of {} MiB exceeded: {}", o.memory_limit_bytes >> 20, why);
  if (!t.empty())
    why += fmt::format("\n--- output (last {} KB) ---\n{}", o.output_tail_bytes / 1024, t);
  return why;
}

}  // namespace

Runner::Runner(Queue& queue, store::Database& db, RunnerOptions options, std::string worker_id)
    : queue_(queue), db_(db), options_(std::move(options)), worker_id_(std::move(worker_id)) {
  if (options_.work_root.empty()) options_.work_root = default_root();
}

void Runner::stop() {
  stopping_ = true;
  if (const pid_t p = child_.load(); p > 0) ::kill(-p, SIGTERM);
}

namespace {

// The job's inputs on disk; returns the plan file a simulate job is given, if any.
std::optional<std::string> materialise(store::Database& db,
                                       const Job& job,
                                       const Request& req,
                                       const fs::path& scenario,
                                       const fs::path& input) {
  std::vector<std::pair<std::string, std::string>> files;
  std::optional<std::string> plan;
  db.read([&](Tx& tx) {
    const Value p[] = {Value{job.version_id}};
    for (const auto& r :
         tx.query("SELECT path, content FROM scenario_files WHERE version_id = ? ORDER BY path", p))
      files.emplace_back(r.text(0), r.blob(1));
    if (req.plan_job) {
      const Value q[] = {Value{static_cast<std::int64_t>(*req.plan_job)}};
      if (auto r = tx.query_one(
              "SELECT content FROM job_files WHERE job_id = ? AND name = 'plan.json'", q))
        plan = r->blob(0);
    }
  });
  if (files.empty())
    throw std::runtime_error(fmt::format("scenario version {} has no files", job.version_id));
  for (const auto& [path, content] : files) {
    if (!safe_relative(path))
      throw std::runtime_error(
          fmt::format("scenario file path \"{}\" is not a relative path inside the folder", path));
    write_file(scenario / path, content);
  }
  if (!req.plan_job) return std::nullopt;
  if (!plan)
    throw std::runtime_error(
        fmt::format("options.plan_job: job {} has no plan.json", *req.plan_job));
  write_file(input / "plan.json", *plan);
  return (input / "plan.json").string();
}

std::vector<JobFile> collect(const fs::path& out) {
  std::vector<JobFile> files;
  if (!fs::exists(out)) return files;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.symlink_status().type() == fs::file_type::regular)
      files.push_back({fs::relative(e.path(), out).generic_string(), read_file(e.path())});
  std::sort(
      files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return files;
}

}  // namespace

// Progress and heartbeats of one child step, throttled (jobs.hpp, RunnerOptions).
struct StepBeat {
  StepBeat(
      Queue& q, const Job& j, const std::string& w, const RunnerOptions& opts, double b, double wt)
      : queue(q), job(j), worker(w), o(opts), base(b), weight(wt) {}
  Queue& queue;
  const Job& job;
  const std::string& worker;
  const RunnerOptions& o;
  double base, weight;
  double latest = -1, written = -1;
  std::string message;
  SteadyClock::time_point last_write{}, last_beat = SteadyClock::now(),
                                        last_poll = SteadyClock::now();
  bool lost = false, cancel = false;

  void line(const std::string& l) {
    const auto j = nlohmann::json::parse(l, nullptr, false);
    if (!j.is_object() || !j.contains("progress") || !j["progress"].is_number()) return;
    const double p = std::clamp(j["progress"].get<double>(), 0.0, 1.0);
    latest = std::max(latest, base + weight * p);
    if (j.contains("message") && j["message"].is_string())
      message = j["message"].get<std::string>();
  }
  void tick() {
    const bool fresh = latest > written && seconds_since(last_write) >= o.progress_interval_seconds;
    if (fresh || seconds_since(last_beat) >= o.heartbeat_seconds) {
      const auto hb = fresh ? queue.heartbeat(job.id, worker, latest, valid_utf8(message))
                            : queue.heartbeat(job.id, worker);
      if (fresh) {
        written = latest;
        last_write = SteadyClock::now();
      }
      last_beat = last_poll = SteadyClock::now();
      lost = !hb.owned;
      cancel = hb.cancel_requested;
    } else if (seconds_since(last_poll) >= o.cancel_poll_seconds) {
      last_poll = SteadyClock::now();
      const auto j = queue.get(job.id);
      lost = !j || j->state != State::kRunning || j->claimed_by != worker;
      cancel = j && j->cancel_requested;
    }
  }
};

Outcome Runner::run(const Job& job) {
  Outcome oc;
  auto fail = [&](std::string msg, std::optional<int> code = {}) {
    oc.state = State::kFailed;
    oc.exit_code = code;
    oc.message = std::move(msg);
    oc.recorded = queue_.finish(job.id, worker_id_, oc.state, code, oc.message);
    return oc;
  };
  if (stopping_) return oc;
  const Request req = parse_request(job.kind, job.options_json);
  TempDir tmp(options_.work_root, job.id);
  const fs::path scenario = tmp.path / "scenario", out = tmp.path / "out";
  std::optional<std::string> plan_file;
  try {
    plan_file = materialise(db_, job, req, scenario, tmp.path / "input");
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  const auto steps = steps_of(req, scenario.string(), out.string(), plan_file);
  const auto started = SteadyClock::now();
  double base = 0.0;
  int code = 0;
  for (const auto& step : steps) {
    StepBeat beat{queue_, job, worker_id_, options_, base, step.weight};
    ChildHooks hooks;
    hooks.on_progress_line = [&](const std::string& l) { beat.line(l); };
    hooks.on_pid = [&](pid_t p) { child_ = p; };
    hooks.should_stop = [&]() -> std::optional<std::string> {
      try {
        beat.tick();
      } catch (const std::exception&) {
        // The database is away for a moment: the child goes on; a long outage makes the
        // reaper hand the job to another worker and this run's finish() a no-op.
      }
      if (stopping_) return "stop";
      if (beat.lost) return "lost";
      if (beat.cancel) return "cancel";
      if (seconds_since(started) > options_.wall_limit_seconds) return "wall";
      return std::nullopt;
    };
    const ChildResult r =
        run_child(options_.corridor_path,
                  step.args,
                  {options_.memory_limit_bytes, options_.cpu_limit_seconds, options_.nice},
                  options_.grace_seconds,
                  options_.output_tail_bytes,
                  hooks);
    if (r.stopped_because == "stop" || r.stopped_because == "lost")
      return oc;  // not ours to record
    if (r.stopped_because == "cancel") {
      oc.state = State::kCancelled;
      oc.message = fmt::format(
          "cancelled by request while corridor {} ran; its process group got "
          "SIGTERM ({} s grace before SIGKILL)",
          step.label,
          options_.grace_seconds);
      oc.recorded = queue_.finish(job.id, worker_id_, oc.state, std::nullopt, oc.message);
      return oc;
    }
    if (r.stopped_because == "wall")
      return fail(fmt::format("wall-clock limit of {} s exceeded: corridor {} stopped\n{}",
                              options_.wall_limit_seconds,
                              step.label,
                              r.output_tail));
    // 0: done; 5: the time limit stopped the solve with a plan and its honest gap.
    if (!r.started || !r.exited || (r.exit_code != 0 && r.exit_code != 5))
      return fail(failure_message(step.label, r, options_),
                  r.exited && r.started ? std::optional<int>(r.exit_code) : std::nullopt);
    code = std::max(code, r.exit_code);
    base += step.weight;
  }
  oc.state = State::kSucceeded;
  oc.exit_code = code;
  oc.message = code == 5
                   ? "done: the time limit stopped the solve; the plan is written with its gap"
                   : "done";
  oc.recorded = queue_.finish(job.id, worker_id_, oc.state, code, oc.message, collect(out));
  return oc;
}

}  // namespace corridor::jobs
