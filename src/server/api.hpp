#pragma once
// Helpers every route uses: reading a JSON body strictly (every wrong field reported at
// once), and the error answers of docs/serve.md.

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/http.hpp"

namespace corridor::server {

/// An answer that ends a handler early: thrown, caught by the route wrapper.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message, nlohmann::json details = nullptr)
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        details_(std::move(details)) {}
  [[nodiscard]] http::Response response() const {
    return http::Response::error(status_, code_, what(), details_);
  }

 private:
  int status_;
  std::string code_;
  nlohmann::json details_;
};

/// Reads fields of a JSON object body, collecting every problem; check() throws 422
/// `invalid_request` with details [{field, message}] when there is any.
class Body {
 public:
  explicit Body(const http::Request& request);  // 400 malformed_json, 415 not JSON
  std::string text(const char* field, std::size_t max_bytes = 1000, bool required = true);
  std::optional<std::string> opt_text(const char* field, std::size_t max_bytes = 1000);
  std::optional<bool> opt_bool(const char* field);
  std::optional<double> opt_number(const char* field, double lo, double hi);
  std::optional<std::vector<std::string>> opt_strings(const char* field,
                                                      std::size_t max_items = 50);
  [[nodiscard]] const nlohmann::json& json() const { return json_; }
  void problem(const std::string& field, const std::string& message);
  void check() const;

 private:
  nlohmann::json json_;
  nlohmann::json problems_ = nlohmann::json::array();
};

/// Every diagnostic of bad input as [{file, line, column, field, code, severity, message,
/// text}], the form the dashboard lists.
nlohmann::json diagnostics_json(const std::vector<Diagnostic>& diagnostics);

/// A path parameter as a positive integer (404 when it is not one: ids that cannot exist).
std::int64_t id_param(const http::Request& request, const char* name);

}  // namespace corridor::server
