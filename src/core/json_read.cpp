#include "corridor/core/json_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>

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

namespace {

// What each C++ type accepts from JSON, and how the reader names it in a message.
template <typename T>
struct Accepts;
template <>
struct Accepts<double> {
  static constexpr const char* kName = "a number";
  static bool ok(const nlohmann::json& v) { return v.is_number(); }
};
template <>
struct Accepts<int> {
  static constexpr const char* kName = "an integer";
  static bool ok(const nlohmann::json& v) {
    return v.is_number_integer() && v.get<long long>() >= std::numeric_limits<int>::min() &&
           v.get<long long>() <= std::numeric_limits<int>::max();
  }
};
template <>
struct Accepts<long long> {
  static constexpr const char* kName = "an integer";
  static bool ok(const nlohmann::json& v) { return v.is_number_integer(); }
};
template <>
struct Accepts<std::uint64_t> {
  static constexpr const char* kName = "a non-negative integer";
  static bool ok(const nlohmann::json& v) { return v.is_number_unsigned(); }
};
template <>
struct Accepts<bool> {
  static constexpr const char* kName = "true or false";
  static bool ok(const nlohmann::json& v) { return v.is_boolean(); }
};
template <>
struct Accepts<std::string> {
  static constexpr const char* kName = "a string";
  static bool ok(const nlohmann::json& v) { return v.is_string(); }
};
template <>
struct Accepts<std::vector<std::string>> {
  static constexpr const char* kName = "an array of strings";
  static bool ok(const nlohmann::json& v) {
    return v.is_array() &&
           std::all_of(v.begin(), v.end(), [](const auto& e) { return e.is_string(); });
  }
};

}  // namespace

template <typename T>
void JsonReader::read(const nlohmann::json& obj,
                      const std::string& path,
                      std::string_view key,
                      T& out) {
  const nlohmann::json* v = member(obj, path, key);
  if (!v) return;
  if (!Accepts<T>::ok(*v)) {
    wrong_type(join(path, key), *v, Accepts<T>::kName);
    return;
  }
  out = v->get<T>();
}

template void JsonReader::read(const nlohmann::json&,
                               const std::string&,
                               std::string_view,
                               double&);
template void JsonReader::read(const nlohmann::json&, const std::string&, std::string_view, int&);
template void JsonReader::read(const nlohmann::json&,
                               const std::string&,
                               std::string_view,
                               long long&);
template void JsonReader::read(const nlohmann::json&,
                               const std::string&,
                               std::string_view,
                               std::uint64_t&);
template void JsonReader::read(const nlohmann::json&, const std::string&, std::string_view, bool&);
template void JsonReader::read(const nlohmann::json&,
                               const std::string&,
                               std::string_view,
                               std::string&);
template void JsonReader::read(const nlohmann::json&,
                               const std::string&,
                               std::string_view,
                               std::vector<std::string>&);

void JsonReader::read_nullable(const nlohmann::json& obj,
                               const std::string& path,
                               std::string_view key,
                               double& out,
                               double if_null) {
  const nlohmann::json* v = member(obj, path, key);
  if (!v) return;
  if (v->is_null()) {
    out = if_null;
  } else if (v->is_number()) {
    out = v->get<double>();
  } else {
    wrong_type(join(path, key), *v, "a number or null");
  }
}

}  // namespace corridor::core
