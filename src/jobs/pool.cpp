// Pool: N runner threads over the queue, and the reaper (jobs.hpp).

#include <fmt/format.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "corridor/jobs.hpp"

namespace corridor::jobs {

int default_slots() {
  const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 1 ? static_cast<int>(n - 1) : 1;
}

std::string default_worker_id(std::string_view name) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "localhost");
  return std::string(host) + ":" + std::string(name);
}

struct Pool::Impl {
  store::Database& db;
  PoolOptions o;
  Queue queue;
  std::vector<std::unique_ptr<Runner>> runners;
  std::vector<std::thread> threads;
  std::mutex m;
  std::condition_variable cv;
  bool stopping = false;
  bool started = false;
  std::uint64_t wakeups = 0;

  Impl(store::Database& d, PoolOptions opts) : db(d), o(std::move(opts)), queue(d) {
    if (o.slots <= 0) o.slots = default_slots();
    if (o.worker_id.empty()) o.worker_id = default_worker_id("serve");
    if (!o.log) o.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  }

  // Sleeps until notified, stopped, or `seconds` passed.
  void idle(double seconds) {
    std::unique_lock lock(m);
    const auto seen = wakeups;
    cv.wait_for(
        lock, std::chrono::duration<double>(seconds), [&] { return stopping || wakeups != seen; });
  }
  bool stopped() {
    std::lock_guard lock(m);
    return stopping;
  }

  void slot(Runner& runner) {
    while (!stopped()) {
      std::optional<Job> job;
      try {
        job = queue.claim(o.worker_id);
      } catch (const std::exception& e) {
        o.log(fmt::format("jobs: claim failed: {}", e.what()));
      }
      if (!job) {
        idle(o.poll_seconds);
        continue;
      }
      o.log(fmt::format("jobs: job {} claimed by {} ({}, attempt {})",
                        job->id,
                        o.worker_id,
                        job->kind,
                        job->attempts));
      try {
        const Outcome oc = runner.run(*job);
        o.log(
            fmt::format("jobs: job {} {}",
                        job->id,
                        oc.recorded ? to_string(oc.state) : std::string("left running (stopped)")));
      } catch (const std::exception& e) {
        // A bug or the database gone: say so on the job if it is still ours.
        try {
          queue.finish(job->id,
                       o.worker_id,
                       State::kFailed,
                       std::nullopt,
                       std::string("the runner failed: ") + e.what());
        } catch (const std::exception&) {
        }
      }
    }
  }

  void reaper() {
    while (!stopped()) {
      try {
        const ReapResult r = queue.reap(o.stale_after);
        for (auto id : r.requeued)
          o.log(fmt::format("jobs: job {} re-queued (stale heartbeat)", id));
        for (auto id : r.failed) o.log(fmt::format("jobs: job {} failed (stale heartbeat)", id));
      } catch (const std::exception& e) {
        o.log(fmt::format("jobs: reap failed: {}", e.what()));
      }
      idle(std::max(1.0, static_cast<double>(o.stale_after.count()) / 4));
    }
  }
};

Pool::Pool(store::Database& db, PoolOptions options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {}

Pool::~Pool() { stop(); }

void Pool::start() {
  if (impl_->started) return;
  impl_->started = true;
  const ReapResult r = impl_->queue.recover_on_start(impl_->o.worker_id);
  for (auto id : r.requeued)
    impl_->o.log(fmt::format("jobs: job {} re-queued (this worker restarted)", id));
  for (auto id : r.failed)
    impl_->o.log(fmt::format("jobs: job {} failed (this worker restarted)", id));
  for (int i = 0; i < impl_->o.slots; ++i) {
    impl_->runners.push_back(
        std::make_unique<Runner>(impl_->queue, impl_->db, impl_->o.runner, impl_->o.worker_id));
    impl_->threads.emplace_back([this, r = impl_->runners.back().get()] { impl_->slot(*r); });
  }
  if (impl_->o.reaper) impl_->threads.emplace_back([this] { impl_->reaper(); });
}

void Pool::notify() {
  {
    std::lock_guard lock(impl_->m);
    ++impl_->wakeups;
  }
  impl_->cv.notify_all();
}

void Pool::stop() {
  {
    std::lock_guard lock(impl_->m);
    if (impl_->stopping) return;
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  for (auto& r : impl_->runners) r->stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
}

int Pool::slots() const { return impl_->o.slots; }
Queue& Pool::queue() { return impl_->queue; }

}  // namespace corridor::jobs
