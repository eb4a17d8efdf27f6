#include "build.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "values.hpp"

namespace corridor::scenario::detail {
namespace {

struct Loc {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Reads typed values from one text row, reporting each problem at its cell.
/// A value that fails keeps the field's default; ok() tells whether any failed.
class RowReader {
 public:
  RowReader(const TextTable& t,
            const TextRow& r,
            const std::string& manifest_diag,
            DiagnosticSink& sink)
      : t_(t), r_(r), manifest_diag_(manifest_diag), sink_(sink) {}

  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] RowRef ref() const {
    return RowRef{r_.from_manifest ? std::string("scenario.yaml") : t_.file_name, r_.line};
  }

  /// Location of a column's cell (the row start when the column is absent).
  [[nodiscard]] Loc loc(const char* col) const {
    const Cell* c = cell(col);
    if (c == nullptr) return Loc{r_.from_manifest ? manifest_diag_ : t_.diag_file, r_.line, 0};
    return Loc{c->from_manifest ? manifest_diag_ : t_.diag_file, c->line, c->column};
  }

  void error(ErrorCode code, const char* col, const std::string& msg) {
    const Loc l = loc(col);
    sink_.error(code, l.file, l.line, l.column, col, msg);
    ok_ = false;
  }
  void warning(ErrorCode code, const char* col, const std::string& msg) {
    const Loc l = loc(col);
    sink_.warning(code, l.file, l.line, l.column, col, msg);
  }

  /// Raw (trimmed) text; nullopt when the column is absent from the file.
  [[nodiscard]] std::optional<std::string> raw(const char* col) const {
    const Cell* c = cell(col);
    if (c == nullptr) return std::nullopt;
    return std::string(trim(c->text));
  }

  std::string text(const char* col, bool required = true) {
    auto v = raw(col);
    if (!v) {
      ok_ = false;  // missing column: reported once for the file (E106)
      return {};
    }
    if (required && v->empty())
      error(ErrorCode::kEmptyRequired, col, "value is empty (expected a value)");
    return *v;
  }

  std::optional<double> optional_number(const char* col, Bounds b) {
    auto v = raw(col);
    if (!v || v->empty()) return std::nullopt;
    return checked_number(col, *v, b);
  }

  double number(const char* col, Bounds b, double fallback = 0.0) {
    auto v = raw(col);
    if (!v) {
      ok_ = false;
      return fallback;
    }
    if (v->empty()) {
      error(ErrorCode::kEmptyRequired,
            col,
            fmt::format("value is empty (expected a number {})", b.describe()));
      return fallback;
    }
    return checked_number(col, *v, b).value_or(fallback);
  }

  std::optional<int> optional_integer(const char* col, long long lo, long long hi) {
    auto v = raw(col);
    if (!v || v->empty()) return std::nullopt;
    return checked_integer(col, *v, lo, hi);
  }

  int integer(const char* col, long long lo, long long hi, int fallback) {
    auto v = raw(col);
    if (!v) {
      ok_ = false;
      return fallback;
    }
    if (v->empty()) {
      error(ErrorCode::kEmptyRequired,
            col,
            fmt::format("value is empty (expected an integer in [{}, {}])", lo, hi));
      return fallback;
    }
    return checked_integer(col, *v, lo, hi).value_or(fallback);
  }

  bool boolean(const char* col, bool fallback) {
    auto v = raw(col);
    if (!v) {
      ok_ = false;
      return fallback;
    }
    if (v->empty()) {
      error(ErrorCode::kEmptyRequired, col, "value is empty (expected yes or no)");
      return fallback;
    }
    auto b = parse_bool(*v);
    if (!b) {
      error(ErrorCode::kWrongType,
            col,
            fmt::format("not a yes/no value (got {}, expected yes, no, true, false, 1 or 0)",
                        quote(*v)));
      return fallback;
    }
    return *b;
  }

  template <typename E>
  std::optional<E> choice(const char* col,
                          std::initializer_list<std::pair<const char*, E>> options) {
    auto v = raw(col);
    std::string list;
    for (const auto& [name, e] : options) list += (list.empty() ? "" : ", ") + std::string(name);
    if (!v) {
      ok_ = false;
      return std::nullopt;
    }
    if (v->empty()) {
      error(
          ErrorCode::kEmptyRequired, col, fmt::format("value is empty (expected one of {})", list));
      return std::nullopt;
    }
    for (const auto& [name, e] : options)
      if (*v == name) return e;
    error(ErrorCode::kBadEnum,
          col,
          fmt::format("not an allowed value (got {}, expected one of {})", quote(*v), list));
    return std::nullopt;
  }

  /// An ISO date; empty string when bad or absent (after reporting if required).
  std::string date(const char* col, bool required) {
    auto v = raw(col);
    if (!v) {
      ok_ = false;
      return {};
    }
    if (v->empty()) {
      if (required)
        error(ErrorCode::kEmptyRequired, col, "value is empty (expected a date yyyy-mm-dd)");
      return {};
    }
    if (!valid_iso_date(*v)) {
      error(ErrorCode::kBadDate,
            col,
            fmt::format("not a valid date (got {}, expected a real date written yyyy-mm-dd)",
                        quote(*v)));
      return {};
    }
    return *v;
  }

 private:
  [[nodiscard]] const Cell* cell(const char* col) const {
    auto idx = t_.column_index(col);
    if (!idx || *idx >= r_.cells.size()) return nullptr;
    return &r_.cells[*idx];
  }

  std::optional<double> checked_number(const char* col, const std::string& v, Bounds b) {
    double d = 0.0;
    switch (parse_number(v, d)) {
      case NumberStatus::kNotNumber:
        error(ErrorCode::kWrongType,
              col,
              fmt::format("not a number (got {}, expected a number {})", quote(v), b.describe()));
        return std::nullopt;
      case NumberStatus::kNonFinite:
        error(ErrorCode::kNonFinite,
              col,
              fmt::format(
                  "not a finite number (got {}, expected a number {})", quote(v), b.describe()));
        return std::nullopt;
      case NumberStatus::kOk:
        break;
    }
    if (!b.contains(d)) {
      error(ErrorCode::kOutOfRange,
            col,
            fmt::format("out of range (got {}, expected {})", format_number(d), b.describe()));
      return std::nullopt;
    }
    return d;
  }

  std::optional<int> checked_integer(const char* col,
                                     const std::string& v,
                                     long long lo,
                                     long long hi) {
    long long i = 0;
    if (!parse_integer(v, i)) {
      double d = 0.0;
      const auto st = parse_number(v, d);
      error(st == NumberStatus::kNonFinite ? ErrorCode::kNonFinite : ErrorCode::kWrongType,
            col,
            fmt::format(
                "not a whole number (got {}, expected an integer in [{}, {}])", quote(v), lo, hi));
      return std::nullopt;
    }
    if (i < lo || i > hi) {
      error(ErrorCode::kOutOfRange,
            col,
            fmt::format("out of range (got {}, expected an integer in [{}, {}])", i, lo, hi));
      return std::nullopt;
    }
    return static_cast<int>(i);
  }

  const TextTable& t_;
  const TextRow& r_;
  const std::string& manifest_diag_;
  DiagnosticSink& sink_;
  bool ok_ = true;
};

/// True when `s` (valid UTF-8) holds a code point in one of the [lo, hi] ranges.
bool has_code_point_in(std::string_view s,
                       std::initializer_list<std::pair<char32_t, char32_t>> ranges) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    for (const auto& [lo, hi] : ranges)
      if (cp >= lo && cp <= hi) return true;
    i += len;
  }
  return false;
}

/// The optional name_ru, name_kk and name_zh columns. A name in the wrong script is
/// almost certainly in the wrong column (a Chinese name under name_ru), so it is a
/// warning, not silently shown to the wrong readers.
LocalNames local_names(RowReader& r) {
  LocalNames n;
  n.ru = r.text("name_ru", false);
  n.kk = r.text("name_kk", false);
  n.zh = r.text("name_zh", false);
  constexpr std::pair<char32_t, char32_t> kCyrillic{0x0400, 0x04FF};
  for (const auto& [col, value] : {std::pair{"name_ru", &n.ru}, std::pair{"name_kk", &n.kk}})
    if (!value->empty() && !has_code_point_in(*value, {kCyrillic}))
      r.warning(ErrorCode::kDubiousValue,
                col,
                "'" + *value + "' has no Cyrillic letter (expected a name in Cyrillic script)");
  if (!n.zh.empty() && !has_code_point_in(n.zh, {{0x4E00, 0x9FFF}, {0x3400, 0x4DBF}}))
    r.warning(ErrorCode::kDubiousValue,
              "name_zh",
              "'" + n.zh + "' has no Chinese character (expected a name in Chinese characters)");
  return n;
}

/// Tracks ids of one table to report duplicates (E301) with the first occurrence.
class IdSet {
 public:
  /// False (after reporting) if `id` was seen before.
  bool add(RowReader& r, const char* col, const std::string& id, const std::string& what) {
    if (id.empty()) return true;
    auto [it, inserted] = first_.emplace(id, r.loc(col));
    if (!inserted) {
      r.error(ErrorCode::kDuplicateId,
              col,
              fmt::format("duplicate {} (got {}, expected a unique id; first at {}:{})",
                          what,
                          quote(id),
                          it->second.file,
                          it->second.line));
      return false;
    }
    return true;
  }
  [[nodiscard]] bool contains(const std::string& id) const { return first_.count(id) != 0U; }

 private:
  std::unordered_map<std::string, Loc> first_;
};

const TextTable* table(const std::vector<TextTable>& tables, const char* name) {
  for (const auto& t : tables)
    if (t.spec != nullptr && t.present && std::string(t.spec->name) == name) return &t;
  return nullptr;
}

constexpr double kInf = Bounds::kInf;

struct Builder {
  Builder(const std::vector<TextTable>& t,
          const std::string& manifest,
          Scenario& scenario,
          DiagnosticSink& diagnostics)
      : tables(t), manifest_diag(manifest), s(scenario), sink(diagnostics) {}

  const std::vector<TextTable>& tables;
  const std::string& manifest_diag;
  Scenario& s;
  DiagnosticSink& sink;

  std::unordered_map<std::string, std::size_t> node_index;
  std::unordered_set<std::string> calendar_ids;
  bool graph_errors = false;  // an error in a table the supply-path check relies on
  std::vector<bool> crossing_status_known;
  std::vector<bool> zone_direct_known;
  std::vector<Loc> zone_loc;

  const Node* node(const std::string& id) const {
    auto it = node_index.find(id);
    return it == node_index.end() ? nullptr : &s.nodes[it->second];
  }

  /// A node reference, optionally required on one side of the border.
  const Node* node_ref(RowReader& r,
                       const char* col,
                       const std::string& id,
                       std::optional<Country> country) {
    if (id.empty()) return nullptr;
    const Node* n = node(id);
    if (n == nullptr) {
      r.error(ErrorCode::kUnknownReference,
              col,
              fmt::format("unknown node (got {}, expected an id from the nodes table)", quote(id)));
      return nullptr;
    }
    if (country && n->country != *country)
      r.error(ErrorCode::kWrongCountry,
              col,
              fmt::format("node is on the wrong side of the border (got {} in {}, expected a "
                          "node in {})",
                          quote(id),
                          to_string(n->country),
                          to_string(*country)));
    return n;
  }

  /// Calls f for every typed row of a table; broken rows (already reported) are skipped
  /// but their ids are remembered so that references to them are not reported again.
  template <typename F>
  void each_row(const char* name, F&& f) {
    const TextTable* t = table(tables, name);
    if (t == nullptr) return;
    auto id_col = t->column_index(t->spec->id_column);
    for (const auto& row : t->rows) {
      if (row.broken) {
        if (id_col && *id_col < row.cells.size())
          broken_ids[name].insert(std::string(trim(row.cells[*id_col].text)));
        continue;
      }
      RowReader r(*t, row, manifest_diag, sink);
      f(r);
    }
  }

  /// True when references into `name` cannot be checked: the table is absent or unread.
  bool unchecked(const char* name) const {
    const TextTable* t = table(tables, name);
    return t == nullptr || t->rows.empty();
  }
  bool broken(const char* name, const std::string& id) const {
    auto it = broken_ids.find(name);
    return it != broken_ids.end() && it->second.count(id) != 0U;
  }
  std::map<std::string, std::unordered_set<std::string>> broken_ids;

  void nodes() {
    IdSet ids;
    each_row("nodes", [&](RowReader& r) {
      Node n;
      n.id = r.text("id");
      n.name = r.text("name");
      n.name_local = r.text("name_local", false);
      n.names = local_names(r);
      n.kind = r.choice<NodeKind>("kind",
                                  {{"hub", NodeKind::kHub},
                                   {"city", NodeKind::kCity},
                                   {"crossing", NodeKind::kCrossing},
                                   {"dry_port", NodeKind::kDryPort},
                                   {"warehouse_site", NodeKind::kWarehouseSite},
                                   {"zone", NodeKind::kZone},
                                   {"junction", NodeKind::kJunction}})
                   .value_or(NodeKind::kCity);
      auto country = r.choice<Country>("country", {{"KZ", Country::kKZ}, {"CN", Country::kCN}});
      n.country = country.value_or(Country::kKZ);
      n.lat = r.number("lat", Bounds::closed(-90, 90));
      n.lon = r.number("lon", Bounds::closed(-180, 180));
      n.source = r.text("source");
      n.row = r.ref();
      const bool unique = ids.add(r, "id", n.id, "node id");
      if (!r.ok()) graph_errors = true;
      // A node whose country failed to parse would fake wrong-country errors later.
      if (unique && !n.id.empty() && country) node_index.emplace(n.id, s.nodes.size());
      if (unique && !n.id.empty() && !country) unknown_country_nodes.insert(n.id);
      s.nodes.push_back(std::move(n));
    });
  }
  std::unordered_set<std::string> unknown_country_nodes;

  /// Like node_ref, but a node whose own row failed is not reported again.
  const Node* node_ref_quiet(RowReader& r,
                             const char* col,
                             const std::string& id,
                             std::optional<Country> country) {
    if (unknown_country_nodes.count(id) != 0U || broken("nodes", id) || unchecked("nodes"))
      return nullptr;
    return node_ref(r, col, id, country);
  }

  void calendars() {
    each_row("calendars", [&](RowReader& r) {
      CalendarRule c;
      c.calendar = r.text("calendar");
      auto kind = r.choice<CalendarRule::Kind>("kind",
                                               {{"weekly", CalendarRule::Kind::kWeekly},
                                                {"holiday", CalendarRule::Kind::kHoliday},
                                                {"closure", CalendarRule::Kind::kClosure}});
      c.kind = kind.value_or(CalendarRule::Kind::kWeekly);
      if (kind == CalendarRule::Kind::kWeekly) {
        const std::string days = r.text("days");
        if (!days.empty()) c.weekdays = parse_days(r, days);
        auto open = r.number("open_hour", Bounds::closed(0, 24), 0.0);
        auto close = r.number("close_hour", Bounds::closed(0, 24), 24.0);
        c.open_hour = open;
        c.close_hour = close;
        if (r.ok() && !(open < close))
          r.error(ErrorCode::kOutOfRange,
                  "close_hour",
                  fmt::format("closes before it opens (got {}, expected > open_hour {})",
                              format_number(close),
                              format_number(open)));
      } else if (kind) {
        c.date_from = r.date("date_from", true);
        c.date_to = r.date("date_to", true);
        if (!c.date_from.empty() && !c.date_to.empty() && c.date_to < c.date_from)
          r.error(ErrorCode::kOutOfRange,
                  "date_to",
                  fmt::format("range ends before it starts (got {}, expected on or after "
                              "date_from {})",
                              c.date_to,
                              c.date_from));
      }
      c.note = r.text("note", false);
      c.source = r.text("source");
      c.row = r.ref();
      if (!c.calendar.empty()) calendar_ids.insert(c.calendar);
      s.calendars.push_back(std::move(c));
    });
  }

  static unsigned parse_days(RowReader& r, const std::string& days) {
    static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    std::string l;
    for (char ch : days) l += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (l == "all") return 0x7F;
    unsigned mask = 0;
    std::size_t start = 0;
    while (start <= l.size()) {
      std::size_t end = l.find(';', start);
      if (end == std::string::npos) end = l.size();
      const std::string day(trim(std::string_view(l).substr(start, end - start)));
      bool found = false;
      for (unsigned d = 0; d < 7; ++d) {
        if (day == kDays[d]) {
          mask |= 1U << d;
          found = true;
        }
      }
      if (!found) {
        r.error(ErrorCode::kBadEnum,
                "days",
                fmt::format("not a day list (got {}, expected `all` or days like Mon;Tue;Sat)",
                            quote(days)));
        return 0x7F;
      }
      start = end + 1;
    }
    return mask;
  }

  void crossings() {
    IdSet ids;
    each_row("crossings", [&](RowReader& r) {
      Crossing c;
      c.id = r.text("id");
      c.name = r.text("name");
      c.names = local_names(r);
      auto mode = r.choice<Mode>("mode", {{"rail", Mode::kRail}, {"road", Mode::kRoad}});
      c.mode = mode.value_or(Mode::kRail);
      c.cn_node = r.text("cn_node");
      c.kz_node = r.text("kz_node");
      c.capacity_per_day = r.number("capacity_per_day", Bounds::at_least(0));
      auto unit =
          r.choice<Unit>("unit", {{"container", Unit::kContainer}, {"truck", Unit::kTruck}});
      c.unit = unit.value_or(Unit::kContainer);
      if (mode && unit) {
        const Unit want = *mode == Mode::kRail ? Unit::kContainer : Unit::kTruck;
        if (*unit != want)
          r.error(ErrorCode::kInconsistentUnits,
                  "unit",
                  fmt::format("unit does not match the mode (got {} for a {} crossing, "
                              "expected {})",
                              to_string(*unit),
                              to_string(*mode),
                              to_string(want)));
      }
      c.background_share = r.number("background_share", Bounds::closed_open(0, 1));
      c.processing_hours = Hours(r.number("processing_hours", Bounds::at_least(0)));
      c.fee_per_unit = Money(r.number("fee_per_unit", Bounds::at_least(0)));
      c.gauge_change = r.boolean("gauge_change", false);
      c.transshipment_hours = Hours(r.number("transshipment_hours", Bounds::at_least(0)));
      c.transshipment_cost_per_unit =
          Money(r.number("transshipment_cost_per_unit", Bounds::at_least(0)));
      c.servers = r.integer("servers", 1, 100000, 1);
      c.inspection_probability = r.number("inspection_probability", Bounds::closed(0, 1));
      c.inspection_hours = Hours(r.number("inspection_hours", Bounds::at_least(0)));
      auto status = r.choice<CrossingStatus>("status",
                                             {{"operating", CrossingStatus::kOperating},
                                              {"planned", CrossingStatus::kPlanned},
                                              {"closed", CrossingStatus::kClosed}});
      c.status = status.value_or(CrossingStatus::kOperating);
      c.opening_year = r.optional_integer("opening_year", 1900, 2200).value_or(0);
      c.calendar = r.text("calendar");
      c.source = r.text("source");
      c.row = r.ref();
      ids.add(r, "id", c.id, "crossing id");

      const Node* cn = node_ref_quiet(r, "cn_node", c.cn_node, std::nullopt);
      const Node* kz = node_ref_quiet(r, "kz_node", c.kz_node, std::nullopt);
      if (cn != nullptr && kz != nullptr && cn->country == kz->country) {
        const bool both_kz = cn->country == Country::kKZ;
        r.error(ErrorCode::kSameCountryCrossing,
                both_kz ? "cn_node" : "kz_node",
                fmt::format("both sides of the crossing are in {} (got {} and {}, expected "
                            "cn_node in CN and kz_node in KZ)",
                            to_string(cn->country),
                            quote(c.cn_node),
                            quote(c.kz_node)));
      } else {
        if (cn != nullptr && cn->country != Country::kCN)
          r.error(ErrorCode::kWrongCountry,
                  "cn_node",
                  fmt::format("node is on the wrong side of the border (got {} in KZ, expected a "
                              "node in CN)",
                              quote(c.cn_node)));
        if (kz != nullptr && kz->country != Country::kKZ)
          r.error(ErrorCode::kWrongCountry,
                  "kz_node",
                  fmt::format("node is on the wrong side of the border (got {} in CN, expected a "
                              "node in KZ)",
                              quote(c.kz_node)));
      }
      if (!c.calendar.empty() && calendar_ids.count(c.calendar) == 0U &&
          !broken("calendars", c.calendar) && !unchecked("calendars"))
        r.error(ErrorCode::kUnknownReference,
                "calendar",
                fmt::format("unknown calendar (got {}, expected a calendar id from the calendars "
                            "table)",
                            quote(c.calendar)));
      if (!r.ok()) graph_errors = true;
      crossing_status_known.push_back(status.has_value());
      s.crossings.push_back(std::move(c));
    });
  }

  void links() {
    IdSet ids;
    each_row("links", [&](RowReader& r) {
      Link l;
      l.id = r.text("id");
      l.from = r.text("from");
      l.to = r.text("to");
      l.mode = r.choice<Mode>("mode", {{"rail", Mode::kRail}, {"road", Mode::kRoad}})
                   .value_or(Mode::kRoad);
      l.distance = Km(r.number("distance_km", Bounds::above(0)));
      l.hours = Hours(r.number("hours", Bounds::above(0)));
      l.cost_per_unit = Money(r.number("cost_per_unit", Bounds::at_least(0)));
      l.unit = r.choice<Unit>("unit",
                              {{"container", Unit::kContainer},
                               {"truck", Unit::kTruck},
                               {"parcel", Unit::kParcel}})
                   .value_or(Unit::kTruck);
      l.capacity_per_day = r.optional_number("capacity_per_day", Bounds::at_least(0));
      l.source = r.text("source");
      l.row = r.ref();
      ids.add(r, "id", l.id, "link id");
      const Node* a = node_ref_quiet(r, "from", l.from, std::nullopt);
      const Node* b = node_ref_quiet(r, "to", l.to, std::nullopt);
      if (a != nullptr && b != nullptr) {
        if (a == b)
          r.error(ErrorCode::kOutOfRange,
                  "to",
                  fmt::format("link goes nowhere (got {}, expected a node other than from)",
                              quote(l.to)));
        else if (a->country != b->country)
          r.error(ErrorCode::kWrongCountry,
                  "to",
                  fmt::format("link crosses the border outside a crossing (got {} in {} to {} "
                              "in {}, expected both ends in one country; border legs are rows "
                              "of the crossings table)",
                              quote(l.from),
                              to_string(a->country),
                              quote(l.to),
                              to_string(b->country)));
      }
      if (!r.ok()) graph_errors = true;
      s.links.push_back(std::move(l));
    });
  }

  void hubs() {
    IdSet ids;
    each_row("hubs", [&](RowReader& r) {
      Hub h;
      h.id = r.text("id");
      h.node = r.text("node");
      h.supply_cap_per_day = r.optional_number("supply_cap_per_day", Bounds::at_least(0));
      h.source = r.text("source");
      h.row = r.ref();
      ids.add(r, "id", h.id, "hub id");
      const Node* n = node_ref_quiet(r, "node", h.node, Country::kCN);
      if (n != nullptr && n->kind != NodeKind::kHub)
        r.warning(ErrorCode::kWrongNodeKind,
                  "node",
                  fmt::format("hub sits on a node of kind {} (got {}, expected kind hub)",
                              to_string(n->kind),
                              quote(h.node)));
      if (!r.ok()) graph_errors = true;
      s.hubs.push_back(std::move(h));
    });
  }

  void sites() {
    std::map<std::pair<std::string, std::string>, Loc> sizes_seen;
    std::unordered_map<std::string, std::size_t> site_index;
    each_row("warehouse_sites", [&](RowReader& r) {
      const std::string id = r.text("site");
      const std::string node_id = r.text("node");
      SizeOption o;
      o.size = r.text("size");
      o.capacity_per_day = r.number("capacity_per_day", Bounds::above(0));
      o.fixed_cost_per_year = Money(r.number("fixed_cost_per_year", Bounds::at_least(0)));
      o.handling_cost_per_parcel = Money(r.number("handling_cost_per_parcel", Bounds::at_least(0)));
      const bool existing = r.boolean("existing", false);
      o.source = r.text("source");
      o.row = r.ref();
      const Node* n = node_ref_quiet(r, "node", node_id, Country::kKZ);
      if (n != nullptr && n->kind != NodeKind::kWarehouseSite)
        r.warning(ErrorCode::kWrongNodeKind,
                  "node",
                  fmt::format("site sits on a node of kind {} (got {}, expected kind "
                              "warehouse_site)",
                              to_string(n->kind),
                              quote(node_id)));
      if (!id.empty() && !o.size.empty()) {
        auto [it, inserted] = sizes_seen.emplace(std::make_pair(id, o.size), r.loc("size"));
        if (!inserted)
          r.error(ErrorCode::kDuplicateId,
                  "size",
                  fmt::format("duplicate size for site {} (got {}, expected each size once per "
                              "site; first at {}:{})",
                              quote(id),
                              quote(o.size),
                              it->second.file,
                              it->second.line));
      }
      if (id.empty()) {
        graph_errors = true;
        return;
      }
      auto [it, inserted] = site_index.emplace(id, s.sites.size());
      if (inserted) {
        WarehouseSite site;
        site.id = id;
        site.node = node_id;
        site.existing = existing;
        site.row = r.ref();
        s.sites.push_back(std::move(site));
      } else {
        const WarehouseSite& first = s.sites[it->second];
        if (first.node != node_id)
          r.error(ErrorCode::kForcedOpenConflict,
                  "node",
                  fmt::format("rows of site {} disagree on the node (got {}, expected {} as on "
                              "line {})",
                              quote(id),
                              quote(node_id),
                              quote(first.node),
                              first.row.line));
        if (first.existing != existing)
          r.error(ErrorCode::kForcedOpenConflict,
                  "existing",
                  fmt::format("rows of site {} disagree on existing (got {}, expected {} as on "
                              "line {})",
                              quote(id),
                              existing ? "yes" : "no",
                              first.existing ? "yes" : "no",
                              first.row.line));
      }
      if (!r.ok()) graph_errors = true;
      s.sites[it->second].sizes.push_back(std::move(o));
    });
  }

  void zones() {
    IdSet ids;
    each_row("zones", [&](RowReader& r) {
      Zone z;
      z.id = r.text("id");
      z.node = r.text("node");
      z.parcels_per_day = r.number("parcels_per_day", Bounds::at_least(0));
      z.growth_per_year = r.number("growth_per_year", Bounds::open_closed(-1, 10));
      z.promise_days = r.number("promise_days", Bounds::above(0), 1.0);
      auto direct = r.raw("direct_allowed");
      z.direct_allowed = r.boolean("direct_allowed", true);
      z.stocked_share = r.optional_number("stocked_share", Bounds::closed(0, 1));
      z.source = r.text("source");
      z.row = r.ref();
      ids.add(r, "id", z.id, "zone id");
      node_ref_quiet(r, "node", z.node, Country::kKZ);
      zone_direct_known.push_back(direct && parse_bool(*direct).has_value());
      zone_loc.push_back(r.loc("id"));
      s.zones.push_back(std::move(z));
    });
  }

  void events() {
    IdSet ids;
    std::unordered_set<std::string> crossing_ids;
    std::unordered_set<std::string> zone_ids;
    for (const auto& c : s.crossings) crossing_ids.insert(c.id);
    for (const auto& z : s.zones) zone_ids.insert(z.id);
    each_row("events", [&](RowReader& r) {
      Event e;
      e.id = r.text("id");
      auto kind = r.choice<Event::Kind>("kind",
                                        {{"peak", Event::Kind::kPeak},
                                         {"closure", Event::Kind::kClosure},
                                         {"capacity_cut", Event::Kind::kCapacityCut}});
      e.kind = kind.value_or(Event::Kind::kPeak);
      e.target = r.text("target");
      e.date_from = r.date("date_from", true);
      e.date_to = r.date("date_to", true);
      if (!e.date_from.empty() && !e.date_to.empty() && e.date_to < e.date_from)
        r.error(ErrorCode::kOutOfRange,
                "date_to",
                fmt::format("range ends before it starts (got {}, expected on or after "
                            "date_from {})",
                            e.date_to,
                            e.date_from));
      const bool cut = kind == Event::Kind::kCapacityCut;
      e.factor = r.number("factor", cut ? Bounds::closed(0, 1) : Bounds::at_least(0), 1.0);
      e.source = r.text("source");
      e.row = r.ref();
      ids.add(r, "id", e.id, "event id");
      if (kind && !e.target.empty()) {
        if (*kind == Event::Kind::kPeak) {
          if (e.target != "*" && zone_ids.count(e.target) == 0U && !broken("zones", e.target) &&
              !unchecked("zones"))
            r.error(ErrorCode::kUnknownReference,
                    "target",
                    fmt::format("unknown zone (got {}, expected a zone id or * for a peak)",
                                quote(e.target)));
        } else if (crossing_ids.count(e.target) == 0U && !broken("crossings", e.target) &&
                   !unchecked("crossings")) {
          r.error(ErrorCode::kUnknownReference,
                  "target",
                  fmt::format("unknown crossing (got {}, expected a crossing id for a {})",
                              quote(e.target),
                              *kind == Event::Kind::kClosure ? "closure" : "capacity_cut"));
        }
      }
      s.events.push_back(std::move(e));
    });
  }

  /// Every zone must have a possible supply path (E304): hub -CN links-> crossing
  /// (operating) -> KZ links -> any site (then the last-mile rule reaches every zone),
  /// or, for zones that allow it, the direct channel from a reached crossing.
  /// Skipped when the network tables have errors: a bad row would fake unreachability.
  void supply_paths() {
    for (const char* name : {"nodes", "crossings", "links", "hubs", "warehouse_sites"}) {
      const TextTable* t = table(tables, name);
      if (t == nullptr || !t->clean) graph_errors = true;
    }
    if (graph_errors || s.zones.empty()) return;
    std::unordered_map<std::string, std::vector<std::string>> adj;
    for (const auto& l : s.links) adj[l.from].push_back(l.to);  // links never cross the border
    auto bfs = [&](std::vector<std::string> start) {
      std::unordered_set<std::string> seen(start.begin(), start.end());
      std::deque<std::string> q(start.begin(), start.end());
      while (!q.empty()) {
        const std::string u = q.front();
        q.pop_front();
        auto it = adj.find(u);
        if (it == adj.end()) continue;
        for (const auto& v : it->second)
          if (seen.insert(v).second) q.push_back(v);
      }
      return seen;
    };
    std::vector<std::string> hub_nodes;
    for (const auto& h : s.hubs) hub_nodes.push_back(h.node);
    const auto cn_reached = bfs(hub_nodes);
    std::vector<std::string> kz_start;
    bool some_operating = false;
    for (std::size_t i = 0; i < s.crossings.size(); ++i) {
      const auto& c = s.crossings[i];
      const bool usable = c.status == CrossingStatus::kOperating || !crossing_status_known[i];
      some_operating = some_operating || usable;
      if (usable && cn_reached.count(c.cn_node) != 0U) kz_start.push_back(c.kz_node);
    }
    const bool crossing_reached = !kz_start.empty();
    const auto kz_reached = bfs(kz_start);
    bool site_reached = false;
    for (const auto& site : s.sites) site_reached = site_reached || kz_reached.count(site.node);

    for (std::size_t i = 0; i < s.zones.size(); ++i) {
      const Zone& z = s.zones[i];
      const bool direct = z.direct_allowed || !zone_direct_known[i];
      if (site_reached || (direct && crossing_reached)) continue;
      std::string why;
      if (!some_operating)
        why = "no crossing is operating";
      else if (!crossing_reached)
        why = "no hub reaches an operating crossing over CN links";
      else if (s.sites.empty())
        why =
            "there is no warehouse site and direct delivery is not allowed (direct_allowed = "
            "no)";
      else
        why =
            "no warehouse site is reachable over KZ links from an operating crossing, and "
            "direct delivery is not allowed (direct_allowed = no)";
      sink.error(ErrorCode::kNoSupplyPath,
                 zone_loc[i].file,
                 zone_loc[i].line,
                 zone_loc[i].column,
                 "id",
                 fmt::format("zone {} has no possible supply path: {} (expected hub -> "
                             "crossing -> site, or hub -> crossing -> zone when direct is "
                             "allowed)",
                             quote(z.id),
                             why));
    }
  }
};

}  // namespace

void build_model(const std::vector<TextTable>& tables,
                 const std::string& manifest_diag,
                 Scenario& s,
                 DiagnosticSink& sink) {
  Builder b(tables, manifest_diag, s, sink);
  // Order matters: references are checked against tables read before.
  b.nodes();
  b.calendars();
  b.crossings();
  b.links();
  b.hubs();
  b.sites();
  b.zones();
  b.events();
  b.supply_paths();
}

}  // namespace corridor::scenario::detail
