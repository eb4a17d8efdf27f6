#include "corridor/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace corridor {

std::string error_code_name(ErrorCode code) {
  return fmt::format("E{:03d}", static_cast<int>(code));
}

std::string Diagnostic::to_string() const {
  std::string where = file.empty() ? std::string("<input>") : file;
  if (line > 0) where += fmt::format(":{}", line);
  if (line > 0 && column > 0) where += fmt::format(":{}", column);
  std::string text = where + ": ";
  if (severity == Severity::kWarning) text += "warning: ";
  if (!field.empty()) text += field + ": ";
  text += message;
  text += fmt::format(" [{}]", error_code_name(code));
  return text;
}

namespace {
std::string summarise(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (d.severity != Severity::kError) continue;
    if (!s.empty()) s += '\n';
    s += d.to_string();
  }
  return s.empty() ? std::string("invalid input") : s;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ErrorCode InputError::code() const {
  for (const auto& d : diagnostics_)
    if (d.severity == Severity::kError) return d.code;
  return diagnostics_.empty() ? ErrorCode::kWrongType : diagnostics_.front().code;
}

void DiagnosticSink::error(ErrorCode code,
                           std::string file,
                           int line,
                           int column,
                           std::string field,
                           std::string message) {
  items_.push_back(Diagnostic{
      code, Severity::kError, std::move(file), line, column, std::move(field), std::move(message)});
}

void DiagnosticSink::warning(ErrorCode code,
                             std::string file,
                             int line,
                             int column,
                             std::string field,
                             std::string message) {
  items_.push_back(Diagnostic{code,
                              Severity::kWarning,
                              std::move(file),
                              line,
                              column,
                              std::move(field),
                              std::move(message)});
}

bool DiagnosticSink::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  });
}

std::vector<Diagnostic> DiagnosticSink::warnings() const {
  std::vector<Diagnostic> w;
  for (const auto& d : items_)
    if (d.severity == Severity::kWarning) w.push_back(d);
  return w;
}

void DiagnosticSink::throw_if_errors() const {
  if (has_errors()) throw InputError(items_);
}

}  // namespace corridor
