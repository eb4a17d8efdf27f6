#include "api.hpp"

#include <charconv>

namespace corridor::server {

using Json = nlohmann::json;

Body::Body(const http::Request& request) {
  const auto type = request.header("content-type").value_or("");
  if (type.rfind("application/json", 0) != 0)
    throw ApiError(415, "unsupported_media_type", "the body must be application/json");
  try {
    json_ = Json::parse(request.body);
  } catch (const Json::parse_error& e) {
    throw ApiError(400, "malformed_json", std::string("the body is not valid JSON: ") + e.what());
  }
  if (!json_.is_object()) throw ApiError(400, "malformed_json", "the body must be a JSON object");
}

void Body::problem(const std::string& field, const std::string& message) {
  problems_.push_back({{"field", field}, {"message", message}});
}

void Body::check() const {
  if (!problems_.empty())
    throw ApiError(422,
                   "invalid_request",
                   "the request has " + std::to_string(problems_.size()) + " invalid field" +
                       (problems_.size() == 1 ? "" : "s"),
                   problems_);
}

std::optional<std::string> Body::opt_text(const char* field, std::size_t max_bytes) {
  auto it = json_.find(field);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    problem(field, std::string("expected a string, got ") + it->type_name());
    return std::nullopt;
  }
  auto s = it->get<std::string>();
  if (s.size() > max_bytes) {
    problem(field, "longer than " + std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::string Body::text(const char* field, std::size_t max_bytes, bool required) {
  const bool present = json_.contains(field) && !json_.at(field).is_null();
  auto s = opt_text(field, max_bytes);
  if (!present && required)
    problem(field, "required");
  else if (s && s->empty() && required)
    problem(field, "must not be empty");
  return s.value_or("");
}

std::optional<bool> Body::opt_bool(const char* field) {
  auto it = json_.find(field);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    problem(field, std::string("expected true or false, got ") + it->type_name());
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<double> Body::opt_number(const char* field, double lo, double hi) {
  auto it = json_.find(field);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) {
    problem(field, std::string("expected a number, got ") + it->type_name());
    return std::nullopt;
  }
  const double v = it->get<double>();
  if (!(v >= lo && v <= hi)) {
    problem(field, "must be between " + Json(lo).dump() + " and " + Json(hi).dump());
    return std::nullopt;
  }
  return v;
}

std::optional<std::vector<std::string>> Body::opt_strings(const char* field,
                                                          std::size_t max_items) {
  auto it = json_.find(field);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_array() || it->size() > max_items) {
    problem(field, "expected an array of at most " + std::to_string(max_items) + " strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) {
      problem(field, std::string("expected strings, got ") + v.type_name());
      return std::nullopt;
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  Json details = Json::array();
  for (const auto& d : diagnostics)
    details.push_back({{"file", d.file},
                       {"line", d.line},
                       {"column", d.column},
                       {"field", d.field},
                       {"code", error_code_name(d.code)},
                       {"severity", d.severity == Severity::kError ? "error" : "warning"},
                       {"message", d.message},
                       {"text", d.to_string()}});
  return details;
}

std::int64_t id_param(const http::Request& request, const char* name) {
  const auto it = request.params.find(name);
  std::int64_t v = 0;
  if (it != request.params.end()) {
    const auto& s = it->second;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size() && v > 0) return v;
  }
  throw ApiError(404, "not_found", std::string("no such ") + name);
}

}  // namespace corridor::server
