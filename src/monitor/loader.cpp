// load(), parse_date(), summary_line(): reads the tables of a monitor folder
// (docs/monitor-format.md), types every cell and checks references, keeping on past
// the first problem so that every one is reported at once (docs/errors.md).

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "corridor/core/csv.hpp"
#include "corridor/monitor.hpp"

namespace corridor::monitor {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s.substr(0, 60)) {
    if (c == '"')
      out += "\\\"";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  if (s.size() > 60) out += "...";
  return out + "\"";
}

std::string trim(const std::string& s) {
  std::size_t a = 0;
  std::size_t b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return s.substr(a, b - a);
}

/// True if `s` is valid UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = 0;            // continuation bytes
    unsigned lowest = 0;  // the smallest code point this length may encode
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      lowest = 0x80;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      lowest = 0x800;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      lowest = 0x10000;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(n) >= s.size()) return false;
    for (int k = 1; k <= n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < lowest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(n) + 1;
  }
  return true;
}

struct ColumnSpec {
  const char* name;
  bool required;  // the column must be in the header (its cells may still be optional)
};

/// One CSV table read with its header: cells are addressed by column name.
struct Table {
  std::string file;  // as printed in diagnostics: folder/name.csv
  bool present = false;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<core::CsvRecord> rows;  // rows with the header's number of fields
};

/// A table of the folder; an optional table that is absent is empty, not an error.
Table read_table(const std::string& folder,
                 const std::string& name,
                 const std::vector<ColumnSpec>& spec,
                 DiagnosticSink& sink,
                 bool optional = false) {
  Table t;
  t.file = (std::filesystem::path(folder) / name).string();
  std::error_code ec;
  if (!std::filesystem::exists(t.file, ec)) {
    if (optional) return t;
    sink.error(ErrorCode::kMissingFile,
               t.file,
               0,
               0,
               "",
               fmt::format("table file not found (got {}, expected a file in the monitor folder)",
                           quote(t.file)));
    return t;
  }
  std::string text;
  if (std::filesystem::is_directory(t.file, ec) || !core::read_file(t.file, text)) {
    sink.error(ErrorCode::kUnreadableFile, t.file, 0, 0, "", "cannot read the table file");
    return t;
  }
  core::CsvTable csv = core::parse_csv(text, t.file, sink);
  if (csv.header.fields.empty()) {
    sink.error(ErrorCode::kEmptyTable,
               t.file,
               0,
               0,
               "",
               "the file is empty (expected at least a header line)");
    return t;
  }
  for (std::size_t i = 0; i < csv.header.fields.size(); ++i) {
    const auto& f = csv.header.fields[i];
    const std::string name_i = trim(f.text);
    if (t.index.count(name_i) != 0U) {
      sink.error(ErrorCode::kDuplicateColumn,
                 t.file,
                 csv.header.line,
                 f.column,
                 name_i,
                 fmt::format("column appears twice (got {} again, expected each column once)",
                             quote(name_i)));
      continue;
    }
    t.index.emplace(name_i, i);
    const bool known = std::any_of(
        spec.begin(), spec.end(), [&](const ColumnSpec& c) { return name_i == c.name; });
    if (!known)
      sink.warning(ErrorCode::kUnknownColumn,
                   t.file,
                   csv.header.line,
                   f.column,
                   name_i,
                   fmt::format("unknown column ignored (got {}, expected one of the {} columns "
                               "in docs/monitor-format.md)",
                               quote(name_i),
                               name));
  }
  bool header_ok = true;
  for (const auto& c : spec) {
    if (c.required && t.index.count(c.name) == 0U) {
      sink.error(ErrorCode::kMissingColumn,
                 t.file,
                 csv.header.line,
                 0,
                 c.name,
                 fmt::format("required column is missing (expected a column named {})", c.name));
      header_ok = false;
    }
  }
  if (!header_ok) return t;
  const std::size_t width = csv.header.fields.size();
  for (auto& rec : csv.rows) {
    if (rec.fields.size() != width) {
      sink.error(ErrorCode::kMalformedCsv,
                 t.file,
                 rec.line,
                 rec.fields.size() > width ? rec.fields[width].column : 0,
                 "",
                 fmt::format("row has the wrong number of fields (got {}, expected {} as in the "
                             "header)",
                             rec.fields.size(),
                             width));
      continue;
    }
    bool bytes_ok = true;
    for (std::size_t i = 0; i < width; ++i)
      if (!valid_utf8(rec.fields[i].text)) {
        const std::string col = trim(csv.header.fields[i].text);
        sink.error(ErrorCode::kWrongType,
                   t.file,
                   rec.line,
                   rec.fields[i].column,
                   col,
                   "value is not valid UTF-8 (expected UTF-8 text)");
        bytes_ok = false;
      }
    if (bytes_ok) t.rows.push_back(std::move(rec));
  }
  t.present = true;
  return t;
}

/// Typed access to one row's cells, reporting problems at the cell.
class Row {
 public:
  Row(const Table& t, const core::CsvRecord& r, DiagnosticSink& sink) : t_(t), r_(r), sink_(sink) {}

  [[nodiscard]] int line() const { return r_.line; }
  [[nodiscard]] int column(const char* c) const {
    auto it = t_.index.find(c);
    return it == t_.index.end() ? 0 : r_.fields[it->second].column;
  }
  /// The trimmed text of a cell; empty for an absent optional column.
  [[nodiscard]] std::string text(const char* c) const {
    auto it = t_.index.find(c);
    return it == t_.index.end() ? std::string() : trim(r_.fields[it->second].text);
  }
  void error(ErrorCode code, const char* c, const std::string& message) const {
    sink_.error(code, t_.file, r_.line, column(c), c, message);
  }
  /// A required text cell (E205 when empty).
  std::string required(const char* c) const {
    std::string s = text(c);
    if (s.empty()) error(ErrorCode::kEmptyRequired, c, "value is empty (expected a value)");
    return s;
  }
  std::optional<Date> date(const char* c, bool required) const {
    const std::string s = text(c);
    if (s.empty()) {
      if (required) error(ErrorCode::kEmptyRequired, c, "value is empty (expected a date)");
      return std::nullopt;
    }
    auto d = parse_date(s);
    if (!d)
      error(ErrorCode::kBadDate,
            c,
            fmt::format("not a valid date (got {}, expected a real date written yyyy-mm-dd)",
                        quote(s)));
    return d;
  }
  std::optional<double> number(const char* c, bool required) const {
    const std::string s = text(c);
    if (s.empty()) {
      if (required) error(ErrorCode::kEmptyRequired, c, "value is empty (expected a number)");
      return std::nullopt;
    }
    double v = 0;
    const char* first = s.data();
    if (*first == '+') ++first;
    auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
    if (ec == std::errc::result_out_of_range ||
        (ec == std::errc() && ptr == s.data() + s.size() && !std::isfinite(v))) {
      error(ErrorCode::kNonFinite,
            c,
            fmt::format("not a finite number (got {}, expected a number)", quote(s)));
      return std::nullopt;
    }
    if (ec != std::errc() || ptr != s.data() + s.size()) {
      error(ErrorCode::kWrongType,
            c,
            fmt::format("not a number (got {}, expected a number)", quote(s)));
      return std::nullopt;
    }
    return v;
  }
  /// One of `names` (its index), E204 otherwise.
  std::optional<int> choice(const char* c, const std::vector<const char*>& names) const {
    const std::string s = required(c);
    if (s.empty()) return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (s == names[i]) return static_cast<int>(i);
    std::string list;
    for (const char* n : names) list += (list.empty() ? "" : ", ") + std::string(n);
    error(ErrorCode::kBadEnum,
          c,
          fmt::format("not an allowed value (got {}, expected one of {})", quote(s), list));
    return std::nullopt;
  }
  /// A list of ids separated by ';' (spaces around them ignored).
  [[nodiscard]] std::vector<std::string> list(const char* c) const {
    std::vector<std::string> out;
    const std::string s = text(c);
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find(';', start);
      if (end == std::string::npos) end = s.size();
      std::string item = trim(s.substr(start, end - start));
      if (!item.empty()) out.push_back(std::move(item));
      start = end + 1;
    }
    return out;
  }

 private:
  const Table& t_;
  const core::CsvRecord& r_;
  DiagnosticSink& sink_;
};

/// Records ids of one table, reporting the second use of an id (E301).
class IdSet {
 public:
  IdSet(const char* what, const Table& t) : what_(what), t_(t) {}
  void add(const Row& row, const std::string& id, DiagnosticSink& sink) {
    if (id.empty()) return;
    auto [it, fresh] = lines_.emplace(id, row.line());
    if (!fresh)
      sink.error(ErrorCode::kDuplicateId,
                 t_.file,
                 row.line(),
                 row.column("id"),
                 "id",
                 fmt::format("duplicate {} id (got {}, expected a unique id; first at {}:{})",
                             what_,
                             quote(id),
                             t_.file,
                             it->second));
  }
  [[nodiscard]] bool has(const std::string& id) const { return lines_.count(id) != 0U; }

 private:
  const char* what_;
  const Table& t_;
  std::map<std::string, int> lines_;
};

void unknown(const Row& row, const char* c, const std::string& got, const char* what) {
  row.error(ErrorCode::kUnknownReference,
            c,
            fmt::format(
                "unknown {} (got {}, expected an id from the {}s table)", what, quote(got), what));
}

template <typename E>
E as(std::optional<int> v) {
  return static_cast<E>(v.value_or(0));
}

const std::vector<ColumnSpec> kAgreementColumns = {
    {"id", true},
    {"title", true},
    {"title_kk", false},
    {"title_ru", false},
    {"title_zh", false},
    {"parties", true},
    {"signed", true},
    {"in_force", true},
    {"instrument", true},
    {"source", true},
};
const std::vector<ColumnSpec> kCommitmentColumns = {
    {"id", true},
    {"agreement", true},
    {"clause", true},
    {"text", true},
    {"responsible_kz", true},
    {"responsible_cn", true},
    {"due", true},
    {"kind", true},
    {"depends_on", true},
    {"link", false},
    {"source", true},
};
const std::vector<ColumnSpec> kIndicatorColumns = {
    {"id", true},
    {"commitment", true},
    {"name", true},
    {"unit", true},
    {"direction", true},
    {"low", true},
    {"high", true},
    {"baseline", true},
    {"baseline_date", true},
    {"method", true},
    {"frequency_days", true},
    {"feed", false},
    {"run", false},
    {"path", false},
    {"source", true},
};
const std::vector<ColumnSpec> kRunColumns = {
    {"id", true},
    {"file", true},
    {"description", true},
    {"source", true},
};
const std::vector<ColumnSpec> kOverrideColumns = {
    {"id", true},
    {"subject", true},
    {"status", true},
    {"reason", true},
    {"entered_by", true},
    {"date", true},
    {"source", true},
};
const std::vector<ColumnSpec> kTargetColumns = {
    {"indicator", true},
    {"date", true},
    {"value", true},
    {"source", true},
};
const std::vector<ColumnSpec> kObservationColumns = {
    {"id", true},
    {"indicator", true},
    {"date", true},
    {"value", true},
    {"entered_by", true},
    {"verified_by", true},
    {"evidence", true},
    {"supersedes", true},
    {"reason", true},
    {"source", true},
};
const std::vector<ColumnSpec> kEvidenceColumns = {
    {"id", true},
    {"url", true},
    {"publisher", true},
    {"date", true},
    {"retrieved", true},
    {"excerpt", true},
    {"strength", true},
    {"sha256", true},
    {"source", true},
};

bool is_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::optional<Date> parse_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int y = std::stoi(text.substr(0, 4));
  const int m = std::stoi(text.substr(5, 2));
  const int d = std::stoi(text.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  return Date{days_from_civil(y, m, d), text};
}

namespace {

/// The model paths of docs/monitor-format.md: dot-separated keys, each optionally
/// followed by [N] (an array index) or [key=value] (the element whose key is value).
bool valid_model_path(const std::string& path) {
  if (path.empty()) return false;
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t key_start = i;
    while (i < path.size() && path[i] != '.' && path[i] != '[') ++i;
    if (i == key_start) return false;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1) return false;
      i = close + 1;
    }
    if (i < path.size()) {
      if (path[i] != '.' || i + 1 == path.size()) return false;
      ++i;
    }
  }
  return true;
}

/// Reads a monitor folder table by table, every problem into one sink. Each table's
/// ids are read first (pass 1) so that references may point forward.
class Loader {
 public:
  explicit Loader(const std::string& folder) : folder_(folder) {}

  Monitor run() {
    std::filesystem::path p(folder_);
    m_.name = (p.has_filename() ? p : p.parent_path()).filename().string();
    m_.folder = folder_;
    read_tables();
    collect_ids();
    read_agreements();
    read_commitments();
    read_indicators();
    read_targets();
    read_evidence();
    read_observations();
    check_correction_loops();
    check_conflicting_observations();
    read_overrides();
    sink_.throw_if_errors();
    m_.warnings = sink_.warnings();
    return std::move(m_);
  }

 private:
  void read_tables() {
    agreements_ = read_table(folder_, "agreements.csv", kAgreementColumns, sink_);
    commitments_ = read_table(folder_, "commitments.csv", kCommitmentColumns, sink_);
    indicators_ = read_table(folder_, "indicators.csv", kIndicatorColumns, sink_);
    targets_ = read_table(folder_, "targets.csv", kTargetColumns, sink_);
    observations_ = read_table(folder_, "observations.csv", kObservationColumns, sink_);
    evidence_ = read_table(folder_, "evidence.csv", kEvidenceColumns, sink_);
    runs_ = read_table(folder_, "runs.csv", kRunColumns, sink_, /*optional=*/true);
    overrides_ = read_table(folder_, "overrides.csv", kOverrideColumns, sink_, true);
  }

  void collect_ids() {
    const std::pair<const Table*, IdSet*> id_tables[] = {{&agreements_, &agreement_ids_},
                                                         {&commitments_, &commitment_ids_},
                                                         {&indicators_, &indicator_ids_},
                                                         {&observations_, &observation_ids_},
                                                         {&evidence_, &evidence_ids_},
                                                         {&runs_, &run_ids_},
                                                         {&overrides_, &override_ids_}};
    for (auto [t, ids] : id_tables)
      for (const auto& r : t->rows) {
        Row row(*t, r, sink_);
        ids->add(row, row.required("id"), sink_);
      }
  }

  void read_agreements() {
    for (const auto& r : agreements_.rows) {
      Row row(agreements_, r, sink_);
      Agreement a;
      a.id = row.text("id");
      a.title = row.required("title");
      a.title_kk = row.text("title_kk");
      a.title_ru = row.text("title_ru");
      a.title_zh = row.text("title_zh");
      a.parties = row.required("parties");
      auto s = row.date("signed", true);
      a.in_force = row.date("in_force", false);
      if (s) a.signed_on = *s;
      if (s && a.in_force && a.in_force->days < s->days)
        row.error(ErrorCode::kDatesOutOfOrder,
                  "in_force",
                  fmt::format("in force before it was signed (got {}, expected {} or later)",
                              a.in_force->text,
                              s->text));
      a.instrument = as<Instrument>(row.choice(
          "instrument", {"treaty", "agreement", "mou", "joint_statement", "contract", "decision"}));
      a.source = row.required("source");
      m_.agreements.push_back(std::move(a));
    }
  }

  void read_commitments() {
    for (const auto& r : commitments_.rows) {
      Row row(commitments_, r, sink_);
      Commitment c;
      c.id = row.text("id");
      c.agreement = row.required("agreement");
      if (!c.agreement.empty() && agreements_.present && !agreement_ids_.has(c.agreement))
        unknown(row, "agreement", c.agreement, "agreement");
      c.clause = row.text("clause");
      c.text = row.required("text");
      c.responsible_kz = row.required("responsible_kz");
      c.responsible_cn = row.required("responsible_cn");
      if (auto d = row.date("due", true)) c.due = *d;
      c.kind = as<CommitmentKind>(row.choice("kind", {"milestone", "quantity", "policy"}));
      c.depends_on = row.list("depends_on");
      for (const auto& d : c.depends_on)
        if (!commitment_ids_.has(d) || d == c.id)
          row.error(ErrorCode::kUnknownReference,
                    "depends_on",
                    fmt::format("unknown commitment (got {}, expected the id of another "
                                "commitment)",
                                quote(d)));
      c.link = row.text("link");
      if (!c.link.empty() && !parse_link(c.link))
        row.error(ErrorCode::kBadLink,
                  "link",
                  fmt::format("not a corridor object (got {}, expected crossing:ID, site:ID, "
                              "link:ID, zone:ID or zone:*)",
                              quote(c.link)));
      c.source = row.required("source");
      m_.commitments.push_back(std::move(c));
    }
  }

  void read_indicator_values(const Row& row, Indicator& i) {
    auto dir = row.choice("direction", {"increase", "decrease", "band"});
    i.direction = as<Direction>(dir);
    auto method = row.choice("method", {"trajectory", "growth", "milestone"});
    i.method = as<Method>(method);
    i.low = row.number("low", false);
    i.high = row.number("high", false);
    i.baseline = row.number("baseline", false);
    i.baseline_date = row.date("baseline_date", false);
    if (dir && i.direction == Direction::kBand) {
      for (const char* c : {"low", "high"})
        if (row.text(c).empty())
          row.error(ErrorCode::kBandWithoutBounds,
                    c,
                    "a band indicator needs both low and high (got an empty value)");
      if (i.low && i.high && *i.low > *i.high)
        row.error(ErrorCode::kOutOfRange,
                  "high",
                  fmt::format("out of range (got {}, expected >= low {})", *i.high, *i.low));
    }
    if (!method || !dir || i.method == Method::kMilestone || i.direction == Direction::kBand)
      return;
    if (row.text("baseline").empty())
      row.error(ErrorCode::kEmptyRequired,
                "baseline",
                "value is empty (expected the baseline of a trajectory or growth indicator)");
    if (row.text("baseline_date").empty())
      row.error(ErrorCode::kEmptyRequired,
                "baseline_date",
                "value is empty (expected the date of the baseline of a trajectory or growth "
                "indicator)");
    if (i.method == Method::kGrowth && i.baseline && *i.baseline <= 0)
      row.error(ErrorCode::kOutOfRange,
                "baseline",
                fmt::format("out of range (got {}, expected > 0: a growth rate needs a positive "
                            "baseline)",
                            *i.baseline));
  }

  void read_indicator_feed(const Row& row, Indicator& i) {
    const std::string feed = row.text("feed");
    if (feed.empty() || feed == "observed") return;
    if (feed != "model") {
      row.error(ErrorCode::kBadEnum,
                "feed",
                fmt::format("not an allowed value (got {}, expected one of observed, model)",
                            quote(feed)));
      return;
    }
    i.feed = Feed::kModel;
    i.run = row.text("run");
    i.path = row.text("path");
    if (i.run.empty())
      row.error(ErrorCode::kEmptyRequired,
                "run",
                "value is empty (expected the runs.csv id of the run a model indicator reads)");
    else if (!run_ids_.has(i.run))
      row.error(ErrorCode::kUnknownReference,
                "run",
                fmt::format("unknown run (got {}, expected an id from the runs table{})",
                            quote(i.run),
                            runs_.present ? "" : ": the folder has no runs.csv"));
    if (i.path.empty())
      row.error(ErrorCode::kEmptyRequired,
                "path",
                "value is empty (expected where the value sits in the run's plan.json or "
                "sim.json)");
    else if (!valid_model_path(i.path))
      row.error(ErrorCode::kModelPathNamesNothing,
                "path",
                fmt::format("not a model path (got {}, expected keys separated by dots, each "
                            "optionally with [N] or [key=value], e.g. "
                            "crossings[crossing=DOSTYK_RAIL].utilisation)",
                            quote(i.path)));
    if (i.method == Method::kMilestone)
      row.error(ErrorCode::kBadEnum,
                "method",
                "a model indicator cannot be a milestone (expected trajectory or growth: a "
                "milestone is reached only with official evidence)");
  }

  void read_frequency(const Row& row, Indicator& i) {
    const std::string f = row.required("frequency_days");
    if (f.empty()) return;
    int v = 0;
    auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (ec != std::errc() || ptr != f.data() + f.size())
      row.error(ErrorCode::kWrongType,
                "frequency_days",
                fmt::format("not a whole number (got {}, expected a whole number of days > 0)",
                            quote(f)));
    else if (v <= 0)
      row.error(ErrorCode::kOutOfRange,
                "frequency_days",
                fmt::format("out of range (got {}, expected > 0)", v));
    else
      i.frequency_days = v;
  }

  void read_indicators() {
    for (const auto& r : indicators_.rows) {
      Row row(indicators_, r, sink_);
      Indicator i;
      i.id = row.text("id");
      i.line = row.line();
      i.commitment = row.required("commitment");
      if (!i.commitment.empty() && commitments_.present && !commitment_ids_.has(i.commitment))
        unknown(row, "commitment", i.commitment, "commitment");
      i.name = row.required("name");
      i.unit = row.required("unit");
      read_indicator_values(row, i);
      read_frequency(row, i);
      i.source = row.required("source");
      m_.indicators.push_back(std::move(i));
    }
    read_runs();  // before the feed columns, which name runs
    for (std::size_t k = 0; k < indicators_.rows.size(); ++k)
      read_indicator_feed(Row(indicators_, indicators_.rows[k], sink_), m_.indicators[k]);
    for (const auto& i : m_.indicators) indicator_by_id_.emplace(i.id, &i);
  }

  void read_runs() {
    for (const auto& r : runs_.rows) {
      Row row(runs_, r, sink_);
      Run run;
      run.id = row.text("id");
      run.file = row.text("file");
      run.description = row.required("description");
      run.source = row.required("source");
      m_.runs.push_back(std::move(run));
    }
  }

  void read_targets() {
    std::map<std::pair<std::string, int>, int> target_lines;
    std::set<std::string> with_target;
    for (const auto& r : targets_.rows) {
      Row row(targets_, r, sink_);
      Target t;
      t.indicator = row.required("indicator");
      auto d = row.date("date", true);
      auto v = row.number("value", true);
      t.source = row.required("source");
      if (d) t.date = *d;
      if (v) t.value = *v;
      const auto it = indicator_by_id_.find(t.indicator);
      if (!t.indicator.empty() && indicators_.present && it == indicator_by_id_.end()) {
        unknown(row, "indicator", t.indicator, "indicator");
      } else if (it != indicator_by_id_.end()) {
        with_target.insert(t.indicator);
        check_target(row, *it->second, d, v);
      }
      if (d && !t.indicator.empty()) {
        auto [pos, fresh] = target_lines.emplace(std::make_pair(t.indicator, d->days), r.line);
        if (!fresh)
          row.error(ErrorCode::kDuplicateId,
                    "date",
                    fmt::format("a second target for indicator {} on {} (expected one target "
                                "per indicator and date; first at {}:{})",
                                quote(t.indicator),
                                d->text,
                                targets_.file,
                                pos->second));
      }
      m_.targets.push_back(std::move(t));
    }
    if (targets_.present) check_every_trajectory_has_a_target(with_target);
  }

  void check_target(const Row& row,
                    const Indicator& i,
                    const std::optional<Date>& d,
                    const std::optional<double>& v) {
    if (d && i.baseline_date && d->days <= i.baseline_date->days)
      row.error(ErrorCode::kTargetBeforeBaseline,
                "date",
                fmt::format("target is not after the baseline (got {}, expected a date after the "
                            "baseline date {} of indicator {})",
                            d->text,
                            i.baseline_date->text,
                            quote(i.id)));
    if (v && i.method == Method::kGrowth && *v <= 0)
      row.error(
          ErrorCode::kOutOfRange,
          "value",
          fmt::format(
              "out of range (got {}, expected > 0: {} is a growth indicator)", *v, quote(i.id)));
  }

  void check_every_trajectory_has_a_target(const std::set<std::string>& with_target) {
    for (const auto& r : indicators_.rows) {
      Row row(indicators_, r, sink_);
      const std::string id = row.text("id");
      const auto it = indicator_by_id_.find(id);
      if (it == indicator_by_id_.end() || it->second->method == Method::kMilestone ||
          it->second->direction == Direction::kBand || with_target.count(id) != 0U ||
          (row.text("method") != "trajectory" && row.text("method") != "growth"))
        continue;
      row.error(ErrorCode::kNoTarget,
                "id",
                fmt::format("{} indicator {} has no target (expected at least one row for it "
                            "in {})",
                            row.text("method"),
                            quote(id),
                            targets_.file));
    }
  }

  void read_evidence() {
    for (const auto& r : evidence_.rows) {
      Row row(evidence_, r, sink_);
      Evidence e;
      e.id = row.text("id");
      e.url = row.required("url");
      e.publisher = row.required("publisher");
      auto d = row.date("date", true);
      if (d) e.date = *d;
      e.retrieved = row.date("retrieved", false);
      if (d && e.retrieved && e.retrieved->days < d->days)
        row.error(ErrorCode::kDatesOutOfOrder,
                  "retrieved",
                  fmt::format("retrieved before it was published (got {}, expected {} or later)",
                              e.retrieved->text,
                              d->text));
      e.excerpt = row.text("excerpt");
      e.strength = as<Strength>(row.choice("strength", {"official", "media", "model"}));
      e.sha256 = row.text("sha256");
      if (!e.sha256.empty() && !is_hex64(e.sha256))
        row.error(ErrorCode::kWrongType,
                  "sha256",
                  fmt::format("not a SHA-256 (got {}, expected 64 lower-case hex digits)",
                              quote(e.sha256)));
      e.source = row.required("source");
      m_.evidence.push_back(std::move(e));
    }
  }

  void check_value(const Row& row, const Observation& o) {
    const auto it = indicator_by_id_.find(o.indicator);
    if (it == indicator_by_id_.end()) return;
    const Indicator& i = *it->second;
    if (i.method == Method::kMilestone && o.value != 0 && o.value != 1)
      row.error(ErrorCode::kOutOfRange,
                "value",
                fmt::format("out of range (got {}, expected 1 for reached or 0 for not yet: {} "
                            "is a milestone)",
                            row.text("value"),
                            quote(o.indicator)));
    if (i.method == Method::kGrowth && o.value <= 0)
      row.error(ErrorCode::kOutOfRange,
                "value",
                fmt::format("out of range (got {}, expected > 0: {} is a growth indicator)",
                            row.text("value"),
                            quote(o.indicator)));
    if (i.feed == Feed::kModel)
      row.error(ErrorCode::kUnknownReference,
                "indicator",
                fmt::format("{} is fed by the model (run {}), not by observations (expected an "
                            "observed indicator)",
                            quote(o.indicator),
                            quote(i.run)));
  }

  void check_supersedes(const Row& row,
                        const Observation& o,
                        const std::map<std::string, std::string>& indicator_of) {
    if (o.supersedes.empty()) return;
    const auto s = indicator_of.find(o.supersedes);
    if (s == indicator_of.end() || o.supersedes == o.id)
      row.error(ErrorCode::kSupersedesNothing,
                "supersedes",
                fmt::format("names no earlier observation (got {}, expected the id of the "
                            "observation this row corrects)",
                            quote(o.supersedes)));
    else if (s->second != o.indicator)
      row.error(ErrorCode::kSupersedesNothing,
                "supersedes",
                fmt::format("corrects an observation of another indicator (got {} of {}, "
                            "expected one of {})",
                            quote(o.supersedes),
                            quote(s->second),
                            quote(o.indicator)));
    if (o.reason.empty())
      row.error(ErrorCode::kEmptyRequired,
                "reason",
                "value is empty (expected why this row corrects an earlier one)");
  }

  void read_observations() {
    std::map<std::string, std::string> indicator_of;
    for (const auto& r : observations_.rows) {
      Row row(observations_, r, sink_);
      indicator_of[row.text("id")] = row.text("indicator");
    }
    for (const auto& r : observations_.rows) {
      Row row(observations_, r, sink_);
      Observation o;
      o.id = row.text("id");
      o.indicator = row.required("indicator");
      if (!o.indicator.empty() && indicators_.present &&
          indicator_by_id_.find(o.indicator) == indicator_by_id_.end())
        unknown(row, "indicator", o.indicator, "indicator");
      if (auto d = row.date("date", true)) o.date = *d;
      auto v = row.number("value", true);
      if (v) {
        o.value = *v;
        check_value(row, o);
      }
      o.entered_by = row.required("entered_by");
      o.verified_by = row.text("verified_by");
      o.evidence = row.list("evidence");
      if (evidence_.present)
        for (const auto& e : o.evidence)
          if (!evidence_ids_.has(e)) unknown(row, "evidence", e, "evidence");
      o.supersedes = row.text("supersedes");
      o.reason = row.text("reason");
      check_supersedes(row, o, indicator_of);
      o.source = row.required("source");
      m_.observations.push_back(std::move(o));
    }
  }

  // Corrections that lead back to their own row would remove every row of the loop:
  // reported on the row with the smallest id of the loop, once.
  void check_correction_loops() {
    std::map<std::string, std::string> corrects;  // observation id -> the id it supersedes
    std::map<std::string, std::size_t> row_of;
    for (std::size_t k = 0; k < m_.observations.size(); ++k) {
      const auto& o = m_.observations[k];
      row_of.emplace(o.id, k);
      if (!o.supersedes.empty() && o.supersedes != o.id) corrects.emplace(o.id, o.supersedes);
    }
    for (const auto& [start, next0] : corrects) {
      std::string at = next0;
      bool smallest = true;
      for (std::size_t steps = 0; steps <= corrects.size() && at != start; ++steps) {
        if (at < start) smallest = false;
        const auto it = corrects.find(at);
        if (it == corrects.end()) break;
        at = it->second;
      }
      if (at != start || !smallest) continue;
      Row row(observations_, observations_.rows[row_of.at(start)], sink_);
      row.error(ErrorCode::kSupersedesNothing,
                "supersedes",
                fmt::format("corrections form a loop back to this row (got {} superseding {}, "
                            "expected each correction to replace an earlier row)",
                            quote(start),
                            quote(next0)));
    }
  }

  // Two rows in force for one indicator and date would make "the latest value" depend
  // on the order of rows: one must supersede the other.
  void check_conflicting_observations() {
    std::set<std::string> superseded;
    for (const auto& o : m_.observations)
      if (!o.supersedes.empty()) superseded.insert(o.supersedes);
    std::map<std::pair<std::string, int>, std::size_t> in_force;
    for (std::size_t k = 0; k < m_.observations.size(); ++k) {
      const auto& o = m_.observations[k];
      if (o.id.empty() || o.indicator.empty() || o.date.text.empty() || superseded.count(o.id))
        continue;
      auto [pos, fresh] = in_force.emplace(std::make_pair(o.indicator, o.date.days), k);
      if (fresh) continue;
      Row row(observations_, observations_.rows[k], sink_);
      const auto& first = m_.observations[pos->second];
      row.error(ErrorCode::kConflictingObservations,
                "date",
                fmt::format("a second value for indicator {} on {} (got {} beside {} of "
                            "observation {}, expected one to supersede the other)",
                            quote(o.indicator),
                            o.date.text,
                            row.text("value"),
                            fmt::format("{}", first.value),
                            quote(first.id)));
    }
  }

  void read_overrides() {
    std::map<std::pair<std::string, int>, int> first_line;  // (subject, day) -> line
    for (const auto& r : overrides_.rows) {
      Row row(overrides_, r, sink_);
      Override o;
      o.id = row.text("id");
      o.subject = row.required("subject");
      if (!o.subject.empty() && !indicator_ids_.has(o.subject) && !commitment_ids_.has(o.subject))
        row.error(ErrorCode::kUnknownReference,
                  "subject",
                  fmt::format("unknown subject (got {}, expected an indicator or commitment id)",
                              quote(o.subject)));
      auto st = row.choice("status",
                           {"done",
                            "on_track",
                            "at_risk",
                            "off_track",
                            "deteriorating",
                            "late",
                            "no_data",
                            "clear"});
      if (st && *st != 7) o.status = static_cast<Status>(*st);
      o.reason = row.required("reason");
      o.entered_by = row.required("entered_by");
      auto d = row.date("date", true);
      if (d) o.date = *d;
      o.source = row.required("source");
      if (d && !o.subject.empty()) {
        auto [pos, fresh] = first_line.emplace(std::make_pair(o.subject, d->days), r.line);
        if (!fresh)
          row.error(ErrorCode::kConflictingOverrides,
                    "date",
                    fmt::format("a second override of {} on {} (expected one per subject and "
                                "date: which one holds would depend on the order of rows; "
                                "first at {}:{})",
                                quote(o.subject),
                                d->text,
                                overrides_.file,
                                pos->second));
      }
      m_.overrides.push_back(std::move(o));
    }
  }

  std::string folder_;
  DiagnosticSink sink_;
  Monitor m_;
  Table agreements_, commitments_, indicators_, targets_, observations_, evidence_, runs_,
      overrides_;
  IdSet agreement_ids_{"agreement", agreements_};
  IdSet commitment_ids_{"commitment", commitments_};
  IdSet indicator_ids_{"indicator", indicators_};
  IdSet observation_ids_{"observation", observations_};
  IdSet evidence_ids_{"evidence", evidence_};
  IdSet run_ids_{"run", runs_};
  IdSet override_ids_{"override", overrides_};
  std::map<std::string, const Indicator*> indicator_by_id_;
};

}  // namespace

Monitor load(const std::string& folder) { return Loader(folder).run(); }

std::optional<ObjectLink> parse_link(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return std::nullopt;
  ObjectLink l{text.substr(0, colon), text.substr(colon + 1)};
  if (l.kind != "crossing" && l.kind != "site" && l.kind != "link" && l.kind != "zone")
    return std::nullopt;
  if (l.id.find_first_of(" :;,") != std::string::npos) return std::nullopt;
  if (l.id == "*" && l.kind != "zone") return std::nullopt;
  return l;
}

std::string summary_line(const Monitor& m) {
  return fmt::format(
      "monitor {}: {} agreements, {} commitments, {} indicators, {} targets, {} "
      "observations, {} evidence",
      m.name,
      m.agreements.size(),
      m.commitments.size(),
      m.indicators.size(),
      m.targets.size(),
      m.observations.size(),
      m.evidence.size());
}

}  // namespace corridor::monitor
