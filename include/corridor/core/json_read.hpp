#pragma once
// Strict reading of corridor's JSON artefacts: every key is required and typed. A
// missing or mistyped key is a diagnostic located by its JSON path
// ("flows[3].parcels_per_day"), never a default; reading goes on past the first
// problem so the user sees them all. Used by the plan, compare and sim readers.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"

namespace corridor::core {

class JsonReader {
 public:
  /// Problems go to `sink` with `code`, located in `file`.
  JsonReader(std::string file, DiagnosticSink& sink, ErrorCode code = ErrorCode::kBadArtefact)
      : file_(std::move(file)), sink_(sink), code_(code) {}

  /// The member `key` of the object `obj` at `path`; nullptr (and a diagnostic) when
  /// `obj` is not an object or the key is missing.
  const nlohmann::json* member(const nlohmann::json& obj,
                               const std::string& path,
                               std::string_view key);

  /// Reads the member `key` into `out`, which is one of double, int, long long,
  /// std::uint64_t, bool, std::string or std::vector<std::string>: a missing key or a
  /// value of another JSON type is a diagnostic and leaves `out` as it was.
  template <typename T>
  void read(const nlohmann::json& obj, const std::string& path, std::string_view key, T& out);
  /// Like read(double) but accepts null, reading it as `if_null` (a figure that is
  /// legitimately absent, e.g. the objective of a plan that has none).
  void read_nullable(const nlohmann::json& obj,
                     const std::string& path,
                     std::string_view key,
                     double& out,
                     double if_null);

  /// Reads the array `key` element by element: `each(element, element_path, item)`.
  template <typename T, typename Each>
  void read_array(const nlohmann::json& obj,
                  const std::string& path,
                  std::string_view key,
                  std::vector<T>& out,
                  Each each) {
    const nlohmann::json* a = member(obj, path, key);
    if (!a) return;
    const std::string here = join(path, key);
    if (!a->is_array()) {
      wrong_type(here, *a, "an array");
      return;
    }
    out.clear();
    out.reserve(a->size());
    for (std::size_t i = 0; i < a->size(); ++i) {
      T item{};
      const std::string at = here + "[" + std::to_string(i) + "]";
      if (!(*a)[i].is_object()) {
        wrong_type(at, (*a)[i], "an object");
        continue;
      }
      each((*a)[i], at, item);
      out.push_back(std::move(item));
    }
  }

  /// Reports a problem at `path`.
  void error(const std::string& path, std::string message);
  void wrong_type(const std::string& path, const nlohmann::json& got, std::string_view expected);

  static std::string join(const std::string& path, std::string_view key);

 private:
  std::string file_;
  DiagnosticSink& sink_;
  ErrorCode code_;
};

}  // namespace corridor::core
