#pragma once
// The job queue of `corridor serve` and `corridor worker` (docs/serve.md, "Jobs"): plan,
// compare and simulate runs kept in the `jobs` table, run as child `corridor`
// processes, their progress, cancel and outputs written back to the database.
//
// Method. The queue is the table itself, so that any number of processes on any number
// of machines share it through the database. A job is claimed by one transaction that
// picks the oldest queued row and marks it running under the claimer's id: SQLite
// serialises writers (BEGIN IMMEDIATE), PostgreSQL locks the row with
// `SELECT … FOR UPDATE SKIP LOCKED`, so two claimers never take the same job (claim is
// O(log n) through the index jobs(state, id)). Every later write of a running job
// (heartbeat, finish) is conditional on `state = 'running' AND claimed_by = me`, so a
// claim that was reaped and handed to another worker cannot be finished twice: the
// stale runner's writes change nothing and it drops its result. A runner heartbeats
// every few seconds; the reaper re-queues a job whose heartbeat is older than
// `stale_after` (a worker that died), or fails it after `max_attempts` runs.
//
// A job runs as a child process of the `corridor` binary, never in-process: a solver
// bug, a memory blow-up or a kill cannot take the server down, and limits (address
// space, CPU, wall clock) are the kernel's. Progress comes from the child's
// `--progress-fd` JSON lines (docs/cli.md).

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/store.hpp"

namespace corridor::jobs {

enum class State { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
/// "queued", "running", "succeeded", "failed", "cancelled" (the `jobs.state` column).
std::string to_string(State s);
std::optional<State> state_from_string(std::string_view s);
/// succeeded, failed, cancelled.
bool is_final(State s);

/// One row of `jobs`. Times are UTC ISO-8601 text; empty when NULL.
struct Job {
  std::int64_t id = 0;
  std::string kind;  // plan | compare | simulate
  std::int64_t version_id = 0;
  std::string options_json = "{}";
  State state = State::kQueued;
  double progress = 0.0;
  std::string message;
  std::optional<int> exit_code;
  int attempts = 0;  // runs started (claims), including the current one
  bool cancel_requested = false;
  std::string claimed_by;
  std::string heartbeat_at;
  bool published = false;
  std::optional<std::int64_t> created_by;
  std::string created_at;
  std::string started_at;
  std::string finished_at;
};

/// An output of a finished job (`job_files`).
struct JobFile {
  std::string name;
  std::string content;
};

/// Checks a job request: `kind` is plan, compare or simulate and `options_json` a JSON
/// object of that kind's keys (docs/serve.md, "Jobs"). Returns every problem (E821),
/// empty when the request is good.
std::vector<Diagnostic> check_request(std::string_view kind, std::string_view options_json);

/// A clock the queue stamps and compares times with (tests pass a fake one).
using Clock = std::function<std::chrono::system_clock::time_point()>;
/// "2026-12-01T13:35:00Z".
std::string iso_utc(std::chrono::system_clock::time_point t);

struct QueueOptions {
  int max_attempts = 2;  // runs of one job before a lost run fails it
  Clock clock;           // default: the system clock
};

struct Heartbeat {
  bool owned = false;             // the job is still running under this worker
  bool cancel_requested = false;  // someone asked to cancel it
};

struct ReapResult {
  std::vector<std::int64_t> requeued;
  std::vector<std::int64_t> failed;
  std::vector<std::int64_t> cancelled;  // lost while a cancel was pending: not run again
};

/// The queue over the `jobs` and `job_files` tables of a migrated database. Thread-safe
/// as the Database is; holds no state of its own but the options.
class Queue {
 public:
  explicit Queue(store::Database& db, QueueOptions options = {});

  /// Checks the request (throws InputError with every E821 problem) and inserts a queued
  /// job; returns its id.
  std::int64_t enqueue(std::string_view kind,
                       std::int64_t version_id,
                       std::string_view options_json,
                       std::optional<std::int64_t> user);
  std::optional<Job> get(std::int64_t id);
  /// Newest first; `state` filters; at most `limit` rows.
  std::vector<Job> list(int limit = 100, std::optional<State> state = {});
  /// Names of a job's outputs, sorted.
  std::vector<std::string> file_names(std::int64_t id);
  std::optional<std::string> file(std::int64_t id, std::string_view name);

  /// A queued job is cancelled at once; a running one is flagged (its runner stops the
  /// child). False when the job does not exist or is already final.
  bool request_cancel(std::int64_t id);

  /// Takes the oldest queued job: running, claimed_by = worker_id, attempts + 1.
  /// nullopt when nothing is queued.
  std::optional<Job> claim(std::string_view worker_id);

  /// Stamps the heartbeat; `progress` (kept monotone) and `message` when given.
  Heartbeat heartbeat(std::int64_t id,
                      std::string_view worker_id,
                      std::optional<double> progress = {},
                      std::optional<std::string_view> message = {});

  /// Ends a running job of this worker in `state` (final), with its outputs inserted in
  /// the same transaction. False (and nothing written) when the job is no longer this
  /// worker's: it was reaped and re-queued meanwhile.
  bool finish(std::int64_t id,
              std::string_view worker_id,
              State state,
              std::optional<int> exit_code,
              std::string_view message,
              const std::vector<JobFile>& files = {});

  /// Running jobs whose heartbeat is older than `stale_after`: back to queued, or
  /// failed after max_attempts runs (cancelled when a cancel was pending).
  ReapResult reap(std::chrono::seconds stale_after);

  /// This worker's own running jobs, left by a previous process under the same id (a
  /// restart or a stop): re-queued, or failed after max_attempts runs.
  ReapResult recover_on_start(std::string_view worker_id);

  [[nodiscard]] const QueueOptions& options() const { return options_; }
  [[nodiscard]] std::string now() const;

 private:
  ReapResult put_back(const std::vector<std::pair<std::int64_t, int>>& jobs,
                      const std::string& why);
  store::Database& db_;
  QueueOptions options_;
};

struct RunnerOptions {
  std::string corridor_path;             // the `corridor` binary run for each job
  std::string work_root;                 // temp dirs go here; default $TMPDIR or /tmp
  std::uint64_t memory_limit_bytes = 0;  // RLIMIT_AS of the child; 0 = none
  double cpu_limit_seconds = 0;          // RLIMIT_CPU of the child; 0 = none
  int nice = 10;  // the child runs this much nicer than its parent, so that a server on the
                  // same cores keeps answering while a job computes (0: same priority)
  double wall_limit_seconds = 6 * 3600;       // SIGTERM, then SIGKILL, then failed
  double heartbeat_seconds = 5.0;             // heartbeat without progress
  double progress_interval_seconds = 0.25;    // at most 4 progress writes a second
  double cancel_poll_seconds = 1.0;           // cancel_requested read this often
  double grace_seconds = 5.0;                 // SIGTERM -> SIGKILL
  std::size_t output_tail_bytes = 64 * 1024;  // stdout+stderr kept for the message
};

/// How a run ended.
struct Outcome {
  State state = State::kFailed;
  std::optional<int> exit_code;
  std::string message;
  bool recorded = false;  // finish() wrote it (false when stopped or no longer ours)
};

/// Runs one claimed job as a child process: materialises the scenario version into a
/// temp dir, runs `corridor` with the job's arguments (plan; compare; simulate = plan,
/// then simulate that plan, unless `plan_job` names a finished plan job), streams its
/// progress to the database and records the outcome and every output file.
class Runner {
 public:
  Runner(Queue& queue, store::Database& db, RunnerOptions options, std::string worker_id);
  /// Blocks until the job ends. Stopped by stop(): the job is left running in the
  /// database (recover_on_start) and the outcome is not recorded.
  Outcome run(const Job& job);
  /// From another thread: SIGTERM to the current child's process group (SIGKILL after
  /// the grace period); run() returns without recording.
  void stop();
  /// The current child's pid (0 when none).
  [[nodiscard]] pid_t child_pid() const { return child_.load(); }

 private:
  Queue& queue_;
  store::Database& db_;
  RunnerOptions options_;
  std::string worker_id_;
  std::atomic<pid_t> child_{0};
  std::atomic<bool> stopping_{false};
};

struct PoolOptions {
  int slots = 0;          // runner threads; 0 = nproc - 1, at least 1
  std::string worker_id;  // claimed_by; stable across restarts of this process
  RunnerOptions runner;
  double poll_seconds = 2.0;  // claim() this often when idle (enqueue wakes earlier)
  bool reaper = true;         // also reap stale jobs of any worker
  std::chrono::seconds stale_after{60};
  /// One line per claim, end and problem ("job 7 claimed (plan)"); default: stderr.
  std::function<void(const std::string&)> log;
};

/// N runner threads claiming jobs from the queue. start() first recovers this worker's
/// own jobs of a previous process.
class Pool {
 public:
  Pool(store::Database& db, PoolOptions options);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  void start();
  /// Wakes idle slots (call after enqueueing).
  void notify();
  /// Stops claiming, SIGTERMs running children and joins; their jobs stay running for
  /// recover_on_start.
  void stop();
  [[nodiscard]] int slots() const;
  [[nodiscard]] Queue& queue();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// nproc − 1, at least 1.
int default_slots();
/// "HOST:NAME".
std::string default_worker_id(std::string_view name);

}  // namespace corridor::jobs
