// corridor worker: runs queued jobs from a shared database (PostgreSQL) on this machine,
// beside `corridor serve` on another. SIGINT/SIGTERM stop it: running children get
// SIGTERM and their jobs go back to the queue when a worker of the same --id starts.

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "corridor/jobs.hpp"
#include "corridor/store.hpp"

namespace corridor::cli {

namespace {

struct WorkerArgs {
  std::string db;
  int slots = 0;
  std::string corridor;
  std::string id;
  double memory_mib = 0;
  double wall_seconds = jobs::RunnerOptions{}.wall_limit_seconds;
  int stale_after = 60;
};

std::string self_path() {
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("corridor");
}

int run_worker(const WorkerArgs& a) {
  // Blocked before the pool's threads exist, so only sigwait below sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  auto db = store::Database::open(a.db);
  jobs::PoolOptions o;
  o.slots = a.slots;
  o.worker_id = a.id.empty() ? jobs::default_worker_id("worker") : a.id;
  o.runner.corridor_path = a.corridor.empty() ? self_path() : a.corridor;
  o.runner.memory_limit_bytes = static_cast<std::uint64_t>(a.memory_mib * 1024 * 1024);
  o.runner.wall_limit_seconds = a.wall_seconds;
  o.stale_after = std::chrono::seconds(a.stale_after);
  jobs::Pool pool(*db, o);
  pool.start();
  std::fprintf(stderr,
               "corridor worker %s: %d slot%s on %s\n",
               o.worker_id.c_str(),
               pool.slots(),
               pool.slots() == 1 ? "" : "s",
               db->describe().c_str());
  int sig = 0;
  sigwait(&stop, &sig);
  std::fprintf(stderr, "corridor worker: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  pool.stop();
  return kExitOk;
}

}  // namespace

Runner add_worker(CLI::App& app) {
  auto a = std::make_shared<WorkerArgs>();
  auto* cmd = app.add_subcommand(
      "worker",
      "Run queued plan/compare/simulate jobs of a shared `corridor serve` database on this\n"
      "machine (docs/serve.md, \"Jobs\"). SIGINT or SIGTERM stops it.");
  cmd->add_option("--db", a->db, "database URL (postgresql://...)")->required();
  cmd->add_option("--slots", a->slots, "jobs at a time (default: cores - 1, at least 1)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--corridor", a->corridor, "the corridor binary jobs run (default: this one)");
  cmd->add_option("--id",
                  a->id,
                  "worker id, stable across restarts (default: HOST:worker); two workers on one "
                  "machine need their own");
  cmd->add_option("--memory-limit", a->memory_mib, "address-space limit per job, MiB (0 = none)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--wall-limit", a->wall_seconds, "wall-clock limit per job, seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--stale-after",
                  a->stale_after,
                  "a running job without a heartbeat for this many seconds goes back to the "
                  "queue")
      ->check(CLI::Range(5, 86400))
      ->capture_default_str();
  return [a] { return run_worker(*a); };
}

}  // namespace corridor::cli
