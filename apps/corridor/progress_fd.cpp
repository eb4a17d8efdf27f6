// --progress-fd (progress_fd.hpp).

#include "progress_fd.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"

namespace corridor::cli {

void ProgressFd::add_option(CLI::App* cmd) {
  cmd->add_option("--progress-fd",
                  fd_,
                  "write progress as JSON lines {\"progress\":0..1,\"message\":...} to this "
                  "open file descriptor")
      ->check(CLI::Range(3, 1 << 20));
}

void ProgressFd::check() const {
  if (fd_ >= 0 && ::fcntl(fd_, F_GETFD) == -1)
    throw InputError({Diagnostic{ErrorCode::kBadOption,
                                 Severity::kError,
                                 "options",
                                 0,
                                 0,
                                 "progress-fd",
                                 fmt::format("file descriptor {} is not open", fd_)}});
}

void ProgressFd::report(double fraction, std::string_view message) {
  if (fd_ < 0) return;
  const double f = std::clamp(fraction, 0.0, 1.0);
  if (f <= last_ && f < 1.0) return;
  last_ = std::max(last_, f);
  nlohmann::json j{{"progress", f}, {"message", std::string(message)}};
  const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // A reader that went away must not stop the run: drop progress on any error.
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      fd_ = -1;
      return;
    }
    done += static_cast<std::size_t>(n);
  }
}

std::function<void(double, std::string_view)> ProgressFd::callback() {
  if (fd_ < 0) return {};
  return [this](double f, std::string_view m) { report(f, m); };
}

}  // namespace corridor::cli
