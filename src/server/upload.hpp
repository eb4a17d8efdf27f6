#pragma once
// Scenario folders in and out as zip files (libzip), with the checks an upload from
// anyone on the network needs: a cap on entries and on the bytes actually inflated
// (not the sizes the archive claims, so a zip bomb stops at the cap), and no entry
// that could land outside the folder (absolute paths, `..`, backslashes, drive
// letters, symlinks, NUL, invalid UTF-8).

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::server {

using Files = std::map<std::string, std::string>;  // relative path -> bytes

struct UploadLimits {
  std::size_t max_entries = 200;
  std::size_t max_file_bytes = 32u << 20;
  std::size_t max_total_bytes = 64u << 20;
};

/// One thing wrong with an upload: the entry (or "" for the archive) and why.
struct UploadProblem {
  std::string file;
  std::string message;
};

class UploadError : public std::runtime_error {
 public:
  explicit UploadError(std::vector<UploadProblem> problems);
  [[nodiscard]] const std::vector<UploadProblem>& problems() const { return problems_; }

 private:
  std::vector<UploadProblem> problems_;
};

/// Why `path` may not be a file of an uploaded folder, or "" when it may.
std::string unsafe_path_reason(std::string_view path);

/// The files of a zip archive. A single top-level folder holding everything is
/// stripped ("kz-xj/nodes.csv" -> "nodes.csv"); directory entries are skipped. Every
/// problem is collected and thrown at once as UploadError.
Files unzip(std::string_view archive, const UploadLimits& limits = {});

/// Checks a set of files given one by one (JSON upload) with the same rules.
void check_files(const Files& files, const UploadLimits& limits = {});

/// A zip archive of `files` under the folder name `folder`.
std::string zip(const Files& files, const std::string& folder);

}  // namespace corridor::server
