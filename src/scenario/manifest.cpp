#include "manifest.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "values.hpp"

namespace corridor::scenario::detail {
namespace {

Pos pos_of(const YAML::Node& n) {
  if (!n.IsDefined()) return {};
  const YAML::Mark m = n.Mark();
  if (m.is_null() || m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

/// Reads YAML on behalf of one diagnostics file: every helper reports at the node.
class Yaml {
 public:
  Yaml(const std::string& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

  void error(ErrorCode code, Pos p, const std::string& field, const std::string& msg) {
    sink_.error(code, file_, p.line, p.column, field, msg);
  }
  void warning(ErrorCode code, Pos p, const std::string& field, const std::string& msg) {
    sink_.warning(code, file_, p.line, p.column, field, msg);
  }

  struct Entry {
    YAML::Node key;
    YAML::Node value;
  };

  /// The entries of a mapping by key; duplicate or non-text keys are reported (E103).
  std::map<std::string, Entry> entries(const YAML::Node& map, const std::string& path) {
    std::map<std::string, Entry> out;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node key = it->first;
      const std::string where = path.empty() ? "" : path + ".";
      if (!key.IsScalar()) {
        error(ErrorCode::kMalformedYaml, pos_of(key), path, "a mapping key must be plain text");
        continue;
      }
      const std::string k = key.Scalar();
      if (out.count(k) != 0U) {
        error(ErrorCode::kMalformedYaml,
              pos_of(key),
              where + k,
              fmt::format("key appears twice (got {} again, expected each key once)", quote(k)));
        continue;
      }
      out.emplace(k, Entry{key, it->second});
    }
    return out;
  }

  /// Warns (E107) about keys not in `known`.
  void unknown_keys(const std::map<std::string, Entry>& e,
                    std::initializer_list<const char*> known,
                    const std::string& path) {
    for (const auto& [k, v] : e) {
      bool ok = false;
      for (const char* kn : known) ok = ok || k == kn;
      if (!ok) {
        std::string list;
        for (const char* kn : known) list += (list.empty() ? "" : ", ") + std::string(kn);
        warning(ErrorCode::kUnknownColumn,
                pos_of(v.key),
                (path.empty() ? "" : path + ".") + k,
                fmt::format("unknown key ignored (got {}, expected one of {})", quote(k), list));
      }
    }
  }

  /// A scalar as text; nullopt (after reporting) when absent, null or not a scalar.
  std::optional<std::string> text(const std::map<std::string, Entry>& e,
                                  const char* key,
                                  const std::string& path,
                                  Pos parent,
                                  bool required) {
    const std::string field = path.empty() ? key : path + "." + key;
    auto it = e.find(key);
    if (it == e.end()) {
      if (required)
        error(ErrorCode::kMissingManifestField,
              parent,
              field,
              fmt::format("required key is missing (expected `{}:`)", key));
      return std::nullopt;
    }
    const YAML::Node& v = it->second.value;
    if (v.IsNull()) {
      if (required)
        error(ErrorCode::kEmptyRequired, pos_of(v), field, "value is empty (expected a value)");
      return std::nullopt;
    }
    if (!v.IsScalar()) {
      error(ErrorCode::kWrongType,
            pos_of(v),
            field,
            fmt::format("wrong type (got a {}, expected a single value)",
                        v.IsMap() ? "mapping" : "list"));
      return std::nullopt;
    }
    if (!valid_utf8(v.Scalar())) {
      error(ErrorCode::kWrongType, pos_of(v), field, "value is not valid UTF-8");
      return std::nullopt;
    }
    return v.Scalar();
  }

  std::optional<double> number(const std::map<std::string, Entry>& e,
                               const char* key,
                               const std::string& path,
                               Pos parent,
                               bool required,
                               Bounds b) {
    auto t = text(e, key, path, parent, required);
    if (!t) return std::nullopt;
    const std::string field = path.empty() ? key : path + "." + key;
    const Pos p = pos_of(e.at(key).value);
    double v = 0.0;
    switch (parse_number(*t, v)) {
      case NumberStatus::kNotNumber:
        error(ErrorCode::kWrongType,
              p,
              field,
              fmt::format("not a number (got {}, expected a number {})", quote(*t), b.describe()));
        return std::nullopt;
      case NumberStatus::kNonFinite:
        error(ErrorCode::kNonFinite,
              p,
              field,
              fmt::format(
                  "not a finite number (got {}, expected a number {})", quote(*t), b.describe()));
        return std::nullopt;
      case NumberStatus::kOk:
        break;
    }
    if (!b.contains(v)) {
      error(ErrorCode::kOutOfRange,
            p,
            field,
            fmt::format("out of range (got {}, expected {})", format_number(v), b.describe()));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> integer(const std::map<std::string, Entry>& e,
                             const char* key,
                             const std::string& path,
                             Pos parent,
                             bool required,
                             int lo,
                             int hi) {
    auto t = text(e, key, path, parent, required);
    if (!t) return std::nullopt;
    const std::string field = path.empty() ? key : path + "." + key;
    const Pos p = pos_of(e.at(key).value);
    long long v = 0;
    if (!parse_integer(*t, v)) {
      double d = 0.0;
      const bool non_finite = parse_number(*t, d) == NumberStatus::kNonFinite;
      error(non_finite ? ErrorCode::kNonFinite : ErrorCode::kWrongType,
            p,
            field,
            fmt::format(
                "not a whole number (got {}, expected an integer in [{}, {}])", quote(*t), lo, hi));
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      error(ErrorCode::kOutOfRange,
            p,
            field,
            fmt::format("out of range (got {}, expected an integer in [{}, {}])", v, lo, hi));
      return std::nullopt;
    }
    return static_cast<int>(v);
  }

  /// A sub-mapping; nullopt (after reporting) when absent (if required) or not a mapping.
  std::optional<std::map<std::string, Entry>> mapping(const std::map<std::string, Entry>& e,
                                                      const char* key,
                                                      const std::string& path,
                                                      Pos parent,
                                                      bool required,
                                                      ErrorCode wrong_type) {
    const std::string field = path.empty() ? key : path + "." + key;
    auto it = e.find(key);
    if (it == e.end()) {
      if (required)
        error(ErrorCode::kMissingManifestField,
              parent,
              field,
              fmt::format("required key is missing (expected `{}:` with a mapping)", key));
      return std::nullopt;
    }
    const YAML::Node& v = it->second.value;
    if (!v.IsMap()) {
      if (v.IsNull() && !required) return std::map<std::string, Entry>{};
      error(wrong_type,
            pos_of(v),
            field,
            fmt::format("wrong type (got {}, expected a mapping of key: value)",
                        v.IsNull()     ? "nothing"
                        : v.IsScalar() ? "a single value"
                                       : "a list"));
      return std::nullopt;
    }
    return entries(v, field);
  }

 private:
  const std::string& file_;
  DiagnosticSink& sink_;
};

// One override mapping of a variant; every problem is reported and marks it not
// well formed. Steps: keys, target (table, id, field), then the one operation.
class OverrideParser {
 public:
  OverrideParser(Yaml& y, const std::string& path, OverrideSpec& out)
      : y_(y), path_(path), out_(out) {}

  void parse(const YAML::Node& node) {
    out_.at = pos_of(node);
    out_.o.yaml_line = out_.at.line;
    if (!node.IsMap()) {
      bad(out_.at,
          path_,
          "an override must be a mapping (expected {table: ..., id: ..., field: ..., set: ...})");
      return;
    }
    e_ = y_.entries(node, path_);
    check_keys();
    target();
    int ops = 0;
    for (const char* k : {"set", "scale", "add", "remove"}) ops += has(k) ? 1 : 0;
    if (ops != 1) {
      bad(out_.at,
          path_,
          fmt::format("an override needs exactly one of set, scale, add, remove (got {})", ops));
      return;
    }
    if (has("set") || has("scale"))
      set_or_scale();
    else if (has("remove"))
      remove();
    else
      add();
  }

 private:
  void bad(Pos p, const std::string& field, const std::string& msg) {
    y_.error(ErrorCode::kBadOverride, p, field, msg);
    out_.well_formed = false;
  }
  [[nodiscard]] bool has(const char* key) const { return e_.count(key) != 0U; }

  void check_keys() {
    static constexpr const char* kKeys[] = {
        "table", "id", "field", "set", "scale", "add", "remove"};
    for (const auto& [k, v] : e_) {
      bool known = false;
      for (const char* kk : kKeys) known = known || k == kk;
      if (!known)
        bad(pos_of(v.key),
            path_ + "." + k,
            fmt::format("unknown key in an override (got {}, expected table, id, field, set, "
                        "scale, add or remove)",
                        quote(k)));
    }
  }

  // A key's single value ("" when null), with its position in `at`; nullopt when absent
  // or not a single value (reported).
  std::optional<std::string> scalar(const char* key, Pos& at) {
    auto it = e_.find(key);
    if (it == e_.end()) return std::nullopt;
    at = pos_of(it->second.value);
    if (it->second.value.IsNull()) return std::string();
    if (!it->second.value.IsScalar() || !valid_utf8(it->second.value.Scalar())) {
      bad(at, path_ + "." + key, "wrong type (expected a single value)");
      return std::nullopt;
    }
    return it->second.value.Scalar();
  }

  void target() {
    const auto table = scalar("table", out_.table_at);
    id_ = scalar("id", out_.id_at);
    field_ = scalar("field", out_.field_at);
    if (!table) {
      if (!has("table")) bad(out_.at, path_ + ".table", "override has no `table:`");
    } else {
      out_.o.table = *table;
    }
    if (id_) out_.o.id = *id_;
    if (field_) out_.o.field = *field_;
  }

  void set_or_scale() {
    const bool is_set = has("set");
    out_.o.op = is_set ? Override::Op::kSet : Override::Op::kScale;
    const auto value = scalar(is_set ? "set" : "scale", out_.value_at);
    if (!value) return;
    out_.o.value = *value;
    if (!field_) bad(out_.at, path_ + ".field", "set and scale need `field:`");
    if (!id_) bad(out_.at, path_ + ".id", "set and scale need `id:` (a row id or \"*\")");
    if (!is_set) {
      double f = 0.0;
      if (parse_number(*value, f) != NumberStatus::kOk || f < 0.0)
        bad(out_.value_at,
            path_ + ".scale",
            fmt::format("scale factor must be a finite number >= 0 (got {})", quote(*value)));
    }
  }

  void remove() {
    out_.o.op = Override::Op::kRemove;
    const auto value = scalar("remove", out_.value_at);
    if (!value) return;
    if (parse_bool(*value) != std::optional<bool>(true))
      bad(out_.value_at,
          path_ + ".remove",
          fmt::format("remove must be true (got {})", quote(*value)));
    if (!id_) bad(out_.at, path_ + ".id", "remove needs `id:` (a row id or \"*\")");
  }

  void add() {
    out_.o.op = Override::Op::kAdd;
    const YAML::Node& add = e_.at("add").value;
    out_.value_at = pos_of(add);
    if (!add.IsMap()) {
      bad(out_.value_at, path_ + ".add", "add must be a mapping of column: value");
      return;
    }
    for (const auto& [k, v] : y_.entries(add, path_ + ".add")) {
      if (!(v.value.IsScalar() || v.value.IsNull()) ||
          (v.value.IsScalar() && !valid_utf8(v.value.Scalar()))) {
        bad(pos_of(v.value), path_ + ".add." + k, "wrong type (expected a single value)");
        continue;
      }
      out_.o.row.emplace_back(k, v.value.IsNull() ? std::string() : v.value.Scalar());
      out_.row_key_at.push_back(pos_of(v.key));
      out_.row_value_at.push_back(pos_of(v.value));
    }
  }

  Yaml& y_;
  const std::string& path_;
  OverrideSpec& out_;
  std::map<std::string, Yaml::Entry> e_;
  std::optional<std::string> id_, field_;
};

void parse_override(Yaml& y, const YAML::Node& node, const std::string& path, OverrideSpec& out) {
  OverrideParser(y, path, out).parse(node);
}

void parse_variants(Yaml& y, const YAML::Node& node, Manifest& m) {
  m.variants_at = pos_of(node);
  if (node.IsNull()) return;
  if (!node.IsMap()) {
    y.error(ErrorCode::kBadOverride,
            pos_of(node),
            "variants",
            "variants must be a mapping of name: {description, overrides}");
    return;
  }
  for (const auto& [name, entry] : y.entries(node, "variants")) {
    VariantSpec vs;
    vs.v.name = name;
    vs.at = pos_of(entry.key);
    const std::string path = "variants." + name;
    if (!valid_utf8(name)) {
      y.error(ErrorCode::kBadOverride, vs.at, "variants", "variant name is not valid UTF-8");
      continue;
    }
    if (entry.value.IsNull()) {
      m.variants.push_back(std::move(vs));
      continue;
    }
    if (!entry.value.IsMap()) {
      y.error(ErrorCode::kBadOverride,
              pos_of(entry.value),
              path,
              "a variant must be a mapping with `description:` and `overrides:`");
      continue;
    }
    const auto e = y.entries(entry.value, path);
    y.unknown_keys(e, {"description", "overrides"}, path);
    if (auto d = y.text(e, "description", path, vs.at, false)) vs.v.description = *d;
    if (auto it = e.find("overrides"); it != e.end() && !it->second.value.IsNull()) {
      const YAML::Node& list = it->second.value;
      if (!list.IsSequence()) {
        y.error(ErrorCode::kBadOverride,
                pos_of(list),
                path + ".overrides",
                "overrides must be a list (expected `- {table: ..., ...}` items)");
      } else {
        for (std::size_t i = 0; i < list.size(); ++i) {
          OverrideSpec os;
          parse_override(y, list[i], fmt::format("{}.overrides[{}]", path, i), os);
          vs.overrides.push_back(std::move(os));
        }
      }
    }
    for (const auto& os : vs.overrides) vs.v.overrides.push_back(os.o);
    m.variants.push_back(std::move(vs));
  }
}

}  // namespace

Manifest parse_manifest(std::string_view text,
                        const std::string& diag_file,
                        Scenario& s,
                        DiagnosticSink& sink) {
  Manifest m;
  Yaml y(diag_file, sink);
  if (!valid_utf8(text)) {
    y.error(ErrorCode::kMalformedYaml, {}, "", "scenario.yaml is not valid UTF-8");
    return m;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Pos p;
    if (!e.mark.is_null() && e.mark.line >= 0) p = {e.mark.line + 1, e.mark.column + 1};
    y.error(ErrorCode::kMalformedYaml, p, "", fmt::format("malformed YAML: {}", e.msg));
    return m;
  }
  if (!root.IsMap()) {
    y.error(ErrorCode::kMalformedYaml,
            pos_of(root),
            "",
            "scenario.yaml must be a mapping of key: value at the top level");
    return m;
  }
  m.parsed = true;
  const Pos top = pos_of(root);
  const auto e = y.entries(root, "");
  y.unknown_keys(e,
                 {"name",
                  "description",
                  "currency",
                  "price_year",
                  "base_year",
                  "planning_days_per_year",
                  "parcels_per_container",
                  "parcels_per_truck",
                  "unmet_penalty_per_parcel",
                  "value_of_time_per_parcel_hour",
                  "units",
                  "last_mile",
                  "direct_channel",
                  "tables",
                  "variants"},
                 "");

  if (auto v = y.text(e, "name", "", top, true)) {
    if (trim(*v).empty())
      y.error(ErrorCode::kEmptyRequired, pos_of(e.at("name").value), "name", "name is empty");
    s.name = *v;
  }
  if (auto v = y.text(e, "description", "", top, false)) s.description = *v;
  if (auto v = y.text(e, "currency", "", top, true)) {
    const bool ok = v->size() == 3 &&
                    std::all_of(v->begin(), v->end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!ok)
      y.error(ErrorCode::kWrongType,
              pos_of(e.at("currency").value),
              "currency",
              fmt::format("not a currency code (got {}, expected three capital letters, ISO "
                          "4217, e.g. USD)",
                          quote(*v)));
    s.currency = *v;
  }
  if (auto v = y.integer(e, "price_year", "", top, true, 1900, 2200)) s.price_year = *v;
  if (auto v = y.integer(e, "base_year", "", top, true, 1900, 2200)) s.base_year = *v;
  if (auto v = y.integer(e, "planning_days_per_year", "", top, true, 1, 366))
    s.planning_days_per_year = *v;
  if (auto v = y.number(e, "parcels_per_container", "", top, true, Bounds::above(0)))
    s.parcels_per_container = *v;
  if (auto v = y.number(e, "parcels_per_truck", "", top, true, Bounds::above(0)))
    s.parcels_per_truck = *v;
  if (auto v = y.number(e, "unmet_penalty_per_parcel", "", top, true, Bounds::at_least(0))) {
    s.unmet_penalty_per_parcel = Money(*v);
    // Valid, but with no penalty serving nothing costs nothing: the cheapest plan may
    // well be to deliver no parcel at all.
    if (*v == 0.0)
      y.warning(ErrorCode::kDubiousValue,
                pos_of(e.at("unmet_penalty_per_parcel").value),
                "unmet_penalty_per_parcel",
                "0 makes unserved demand free: the cheapest plan may serve nothing (expected "
                "the cost of losing a parcel, e.g. its margin)");
  }
  if (auto v = y.number(e, "value_of_time_per_parcel_hour", "", top, false, Bounds::at_least(0)))
    s.value_of_time_per_parcel_hour = Money(*v);

  if (auto u = y.mapping(e, "units", "", top, true, ErrorCode::kInconsistentUnits)) {
    const Pos at = pos_of(e.at("units").value);
    y.unknown_keys(*u, {"distance", "time", "money"}, "units");
    auto expect = [&](const char* key, const std::string& want) {
      auto v = y.text(*u, key, "units", at, true);
      if (v && *v != want)
        y.error(ErrorCode::kInconsistentUnits,
                pos_of(u->at(key).value),
                std::string("units.") + key,
                fmt::format("unsupported unit (got {}, expected {}{})",
                            quote(*v),
                            want,
                            std::string(key) == "money" ? ", the scenario currency" : ""));
    };
    expect("distance", "km");
    expect("time", "hours");
    if (!s.currency.empty()) expect("money", s.currency);
  }

  if (auto lm = y.mapping(e, "last_mile", "", top, false, ErrorCode::kWrongType)) {
    const Pos at = pos_of(e.at("last_mile").value);
    const std::string p = "last_mile";
    y.unknown_keys(
        *lm, {"circuity", "speed_kmh", "base_hours", "cost_per_parcel", "cost_per_parcel_km"}, p);
    if (auto v = y.number(*lm, "circuity", p, at, false, Bounds::at_least(1)))
      s.last_mile.circuity = *v;
    if (auto v = y.number(*lm, "speed_kmh", p, at, false, Bounds::above(0)))
      s.last_mile.speed_kmh = *v;
    if (auto v = y.number(*lm, "base_hours", p, at, false, Bounds::at_least(0)))
      s.last_mile.base_hours = Hours(*v);
    if (auto v = y.number(*lm, "cost_per_parcel", p, at, false, Bounds::at_least(0)))
      s.last_mile.cost_per_parcel = Money(*v);
    if (auto v = y.number(*lm, "cost_per_parcel_km", p, at, false, Bounds::at_least(0)))
      s.last_mile.cost_per_parcel_km = Money(*v);
  }
  if (auto dc = y.mapping(e, "direct_channel", "", top, false, ErrorCode::kWrongType)) {
    const Pos at = pos_of(e.at("direct_channel").value);
    const std::string p = "direct_channel";
    y.unknown_keys(*dc, {"clearance_hours", "cost_per_parcel"}, p);
    if (auto v = y.number(*dc, "clearance_hours", p, at, false, Bounds::at_least(0)))
      s.direct.clearance_hours = Hours(*v);
    if (auto v = y.number(*dc, "cost_per_parcel", p, at, false, Bounds::at_least(0)))
      s.direct.cost_per_parcel = Money(*v);
  }

  if (auto t = y.mapping(e, "tables", "", top, true, ErrorCode::kWrongType)) {
    m.tables_known = true;
    const Pos at = pos_of(e.at("tables").value);
    std::vector<const char*> known;
    for (const auto& spec : table_specs()) known.push_back(spec.name);
    for (const auto& [k, v] : *t) {
      if (find_table_spec(k) == nullptr)
        y.warning(ErrorCode::kUnknownColumn,
                  pos_of(v.key),
                  "tables." + k,
                  fmt::format("unknown table ignored (got {}, expected nodes, crossings, "
                              "calendars, links, hubs, warehouse_sites, zones or events)",
                              quote(k)));
    }
    for (const auto& spec : table_specs()) {
      auto f = y.text(*t, spec.name, "tables", at, spec.required);
      if (!f) continue;
      if (trim(*f).empty()) {
        y.error(ErrorCode::kEmptyRequired,
                pos_of(t->at(spec.name).value),
                std::string("tables.") + spec.name,
                "file name is empty");
        continue;
      }
      m.table_files[spec.name] = *f;
      m.table_file_at[spec.name] = pos_of(t->at(spec.name).value);
    }
  }

  if (auto it = e.find("variants"); it != e.end()) {
    parse_variants(y, it->second.value, m);
    m.variants_at = pos_of(it->second.key);
  }
  for (const auto& vs : m.variants) s.variants.push_back(vs.v);
  return m;
}

}  // namespace corridor::scenario::detail
