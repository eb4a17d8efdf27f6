#pragma once
// One output writer for every command: a command collects its whole output set (JSON,
// CSV, HTML) in an OutputSet and publishes it in one step, so a reader of the folder
// sees the old set or the new set, never a mix, and a failure leaves nothing behind.
//
// Method (Linux): the files are written and fsync'ed into a fresh temporary folder
// beside the target (mkdtemp: unique per run, so concurrent runs never share one);
// entries of the existing folder that the set does not replace (another command's
// outputs, sub-folders such as compare/) are hard-linked into it, so nothing is lost;
// then renameat2(RENAME_EXCHANGE) swaps the two folders in one atomic step and the old
// one is removed. A first publish into a missing folder is a plain rename. A reader who
// opens the folder once (a directory descriptor) and reads every file through it sees
// one set. Two runs publishing into one folder at once each leave a complete set; the
// last swap wins. O(files + carried-over entries).
//
// Errors (a read-only or missing parent, a file in the folder's place, a full disk)
// throw InputError(kOutputFailed) naming the path and the system's reason, after the
// temporary folder and any parent folder the call created are removed.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

/// RFC 4180 CSV text: a header, then rows. A field is quoted when it holds a comma, a
/// quote, CR or LF; quotes inside are doubled. Lines end in LF.
class CsvWriter {
 public:
  explicit CsvWriter(std::vector<std::string> header);
  void add_column(std::string name) { header_.push_back(std::move(name)); }
  void add_row(std::vector<std::string> row);
  [[nodiscard]] std::string str() const;
  /// One field as it appears in the text.
  static std::string field(std::string_view text);

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// Shortest text that reads back to the same double ("0.25", "1e+30").
std::string num(double v);

/// The output files of one command, published together into one folder.
class OutputSet {
 public:
  explicit OutputSet(std::filesystem::path dir);

  /// Adds a file of the set. `name` is a plain file name (no folder part); adding a
  /// name twice replaces the content.
  void add(const std::string& name, std::string content);
  [[nodiscard]] bool contains(const std::string& name) const;
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  /// File names in the order they were added.
  [[nodiscard]] std::vector<std::string> names() const;

  /// Writes the whole set into dir() as described above. Throws InputError
  /// (kOutputFailed); on failure dir() is as it was.
  void publish() const;

 private:
  std::filesystem::path dir_;
  std::vector<std::pair<std::string, std::string>> files_;
};

/// Writes one file atomically (a unique temporary file beside it, fsync, rename).
/// Creates missing parent folders. Throws InputError(kOutputFailed).
void publish_file(const std::filesystem::path& file, std::string_view content);

/// Every path this process has published so far (folders of OutputSets and single
/// files), in order: what the CLI reports as written when a later step fails.
std::vector<std::string> published_outputs();

}  // namespace corridor::core
