#pragma once
// Small writers shared by plan and compare outputs: RFC 4180 CSV text, numbers in
// shortest round-trip form, and an all-or-nothing write of a set of files.

#include <string>
#include <utility>
#include <vector>

namespace corridor::design {

/// Builds CSV text: a header, then rows; quotes fields that need it.
class CsvBuilder {
 public:
  explicit CsvBuilder(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_column(std::string name) { header_.push_back(std::move(name)); }
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  [[nodiscard]] std::string str() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// Shortest text that reads back to the same double ("0.25", "1e+30").
std::string num(double v);
/// Joins with ';' (lists inside one CSV cell).
std::string join(const std::vector<std::string>& items);

/// Writes every (name, content) into `dir`: all files go to a fresh temporary folder
/// beside `dir` first, then are renamed in, so a failure leaves none of them behind.
/// Throws InputError(kOutputFailed) naming the path that failed.
void write_files_atomically(const std::string& dir,
                            const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace corridor::design
