#pragma once
// Fixed-chunk parallel loops for the Lagrangian evaluations. The work [0, n) is cut
// into chunks whose bounds depend only on n and the chunk size, never on the thread
// count, and callers combine per-chunk results in chunk order: a computation gives the
// same bits with 1 or 16 threads, so the branch and bound follows the same search for
// every --threads (only where a time limit stops it depends on speed). Runs on a TBB
// task arena of the requested size; with one thread it is a plain loop.

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <memory>

namespace corridor::design::solver {

class Chunks {
 public:
  explicit Chunks(int threads) : threads_(std::max(1, threads)) {
    if (threads_ > 1) arena_ = std::make_unique<tbb::task_arena>(threads_);
  }

  [[nodiscard]] static int count(int n, int chunk) { return n <= 0 ? 0 : (n + chunk - 1) / chunk; }

  /// Calls fn(c, begin, end) for every chunk c of [0, n) of `chunk` items, in parallel.
  /// fn must only write to data owned by its chunk.
  template <class Fn>
  void run(int n, int chunk, const Fn& fn) const {
    const int nc = count(n, chunk);
    auto body = [&](int c) { fn(c, c * chunk, std::min(n, (c + 1) * chunk)); };
    if (arena_ == nullptr || nc <= 1) {
      for (int c = 0; c < nc; ++c) body(c);
      return;
    }
    arena_->execute([&] {
      tbb::parallel_for(
          0, nc, [&](int c) { body(c); }, tbb::simple_partitioner());
    });
  }

  [[nodiscard]] int threads() const { return threads_; }

 private:
  int threads_;
  std::unique_ptr<tbb::task_arena> arena_;
};

}  // namespace corridor::design::solver
