#pragma once
// --progress-fd N: machine-readable progress for the job runner of `corridor serve`
// (docs/cli.md): one JSON line {"progress":0.42,"message":"…"} per step, progress in
// 0..1, never decreasing, ending with 1.0 once the outputs are written.

#include <CLI/CLI.hpp>
#include <functional>
#include <string_view>

namespace corridor::cli {

class ProgressFd {
 public:
  /// Declares --progress-fd on `cmd`.
  void add_option(CLI::App* cmd);
  /// Checks the descriptor is open (E503 otherwise); call before any work.
  void check() const;
  [[nodiscard]] bool enabled() const { return fd_ >= 0; }
  /// Writes a line when `fraction` exceeds the last one written (or for 1.0).
  void report(double fraction, std::string_view message);
  /// A callback for design::PlanOptions::on_progress (empty when disabled).
  std::function<void(double, std::string_view)> callback();

 private:
  int fd_ = -1;
  double last_ = -1.0;
};

}  // namespace corridor::cli
