#pragma once
// One child process: fork + exec with limits, its output and progress read through
// pipes, signalled as a process group.

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace corridor::jobs {

struct ChildLimits {
  std::uint64_t memory_bytes = 0;  // RLIMIT_AS; 0 = none
  double cpu_seconds = 0;          // RLIMIT_CPU; 0 = none
  int nice = 0;                    // added to the child's nice value (capped at 19)
};

/// Calls made from the parent's loop while the child runs.
struct ChildHooks {
  /// Each complete line the child writes to fd 3.
  std::function<void(const std::string& line)> on_progress_line;
  /// Called about every 100 ms; returns a reason to stop the child (SIGTERM, SIGKILL after
  /// the grace period), or nullopt to let it run.
  std::function<std::optional<std::string>()> should_stop;
  /// The child's pid once it runs, 0 once it has been reaped.
  std::function<void(pid_t)> on_pid;
};

struct ChildResult {
  bool started = false;
  std::string start_error;  // why exec failed
  bool exited = false;      // else killed by a signal
  int exit_code = 0;
  int signal = 0;
  std::optional<std::string> stopped_because;  // should_stop's reason
  std::string output_tail;                     // stdout + stderr, last bytes, valid UTF-8
};

/// Runs `path args…` in its own process group, stdin /dev/null, stdout+stderr captured
/// (the last `tail_bytes` kept), fd 3 the progress pipe. Blocks until the child is reaped.
ChildResult run_child(const std::string& path,
                      const std::vector<std::string>& args,
                      const ChildLimits& limits,
                      double grace_seconds,
                      std::size_t tail_bytes,
                      const ChildHooks& hooks);

/// "SIGKILL" for 9; "signal N" for one without a name here.
std::string signal_name(int sig);
/// Replaces invalid UTF-8 and NUL bytes (PostgreSQL text refuses them).
std::string valid_utf8(std::string_view s);

}  // namespace corridor::jobs
