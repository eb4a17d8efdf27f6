#include "corridor/core/json_read.hpp"

#include <fmt/format.h>

#include <cmath>

namespace corridor::core {

std::string JsonReader::join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

void JsonReader::error(const std::string& path, std::string message) {
  sink_.error(code_, file_, 0, 0, path, std::move(message));
}

void JsonReader::wrong_type(const std::string& path,
                            const nlohmann::json& got,
                            std::string_view expected) {
  error(path, fmt::format("wrong type (got {}, expected {})", got.type_name(), expected));
}

const nlohmann::json* JsonReader::member(const nlohmann::json& obj,
                                         const std::string& path,
                                         std::string_view key) {
  if (!obj.is_object()) {
    wrong_type(path, obj, "an object");
    return nullptr;
  }
  auto it = obj.find(key);
  if (it == obj.end()) {
    error(join(path, key), "required key is missing");
    return nullptr;
  }
  return &*it;
}

template <typename Check, typename Get>
void JsonReader::read_typed(const nlohmann::json& obj,
                            const std::string& path,
                            std::string_view key,
                            std::string_view expected,
                            Check check,
                            Get get) {
  const nlohmann::json* v = member(obj, path, key);
  if (!v) return;
  if (!check(*v)) {
    wrong_type(join(path, key), *v, expected);
    return;
  }
  get(*v);
}

void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      double& out) {
  read_typed(
      obj,
      path,
      key,
      "a number",
      [](const auto& v) { return v.is_number(); },
      [&](const auto& v) { out = v.template get<double>(); });
}

void JsonReader::read_nullable(const nlohmann::json& obj,
                               const std::string& path,
                               std::string_view key,
                               double& out,
                               double if_null) {
  read_typed(
      obj,
      path,
      key,
      "a number or null",
      [](const auto& v) { return v.is_number() || v.is_null(); },
      [&](const auto& v) { out = v.is_null() ? if_null : v.template get<double>(); });
}

void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      int& out) {
  read_typed(
      obj,
      path,
      key,
      "an integer",
      [](const auto& v) { return v.is_number_integer(); },
      [&](const auto& v) { out = v.template get<int>(); });
}

void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      long long& out) {
  read_typed(
      obj,
      path,
      key,
      "an integer",
      [](const auto& v) { return v.is_number_integer(); },
      [&](const auto& v) { out = v.template get<long long>(); });
}

void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      std::uint64_t& out) {
  read_typed(
      obj,
      path,
      key,
      "a non-negative integer",
      [](const auto& v) { return v.is_number_unsigned(); },
      [&](const auto& v) { out = v.template get<std::uint64_t>(); });
}

void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      bool& out) {
  read_typed(
      obj,
      path,
      key,
      "true or false",
      [](const auto& v) { return v.is_boolean(); },
      [&](const auto& v) { out = v.template get<bool>(); });
}

void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      std::string& out) {
  read_typed(
      obj,
      path,
      key,
      "a string",
      [](const auto& v) { return v.is_string(); },
      [&](const auto& v) { out = v.template get<std::string>(); });
}

void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      std::vector<std::string>& out) {
  read_typed(
      obj,
      path,
      key,
      "an array of strings",
      [](const auto& v) {
        if (!v.is_array()) return false;
        for (const auto& e : v)
          if (!e.is_string()) return false;
        return true;
      },
      [&](const auto& v) { out = v.template get<std::vector<std::string>>(); });
}

}  // namespace corridor::core
