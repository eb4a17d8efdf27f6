#include "monitors.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "corridor/error.hpp"
#include "corridor/monitor/audit.hpp"
#include "corridor/monitor/report.hpp"
#include "scenarios.hpp"

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using store::Value;
namespace fs = std::filesystem;

/// A folder under the system's temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "corridor-monitor-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary folder");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string observation_line(const Json& row,
                             const std::string& entered_by,
                             const std::string& verified_by) {
  const char* cols[] = {"id", "indicator", "date", "value"};
  std::string line;
  for (const char* c : cols) line += csv_cell(row.value(c, "")) + ",";
  line += csv_cell(entered_by) + "," + csv_cell(verified_by) + ",";
  line += csv_cell(row.value("evidence", "")) + "," + csv_cell(row.value("supersedes", "")) + "," +
          csv_cell(row.value("reason", "")) + "," + csv_cell(row.value("source", ""));
  return line;
}

std::optional<std::int64_t> monitor_id(store::Tx& tx, const std::string& name) {
  auto r = tx.query_one("SELECT id FROM monitors WHERE name = ?", std::vector<Value>{name});
  if (!r) return std::nullopt;
  return r->integer(0);
}

/// The folder's tables with the server's observations of `view` appended (and `extra`,
/// a row being checked), written to `dir`.
void materialise(
    store::Tx& tx, std::int64_t id, View view, const std::string& extra, const fs::path& dir) {
  Files files;
  for (const auto& r : tx.query("SELECT path, content FROM monitor_files WHERE monitor_id = ?",
                                std::vector<Value>{id}))
    files.emplace(r.text(0), r.blob(1));
  std::string& obs = files["observations.csv"];
  if (!obs.empty() && obs.back() != '\n') obs += '\n';
  const auto rows = tx.query(
      "SELECT o.row_json, COALESCE(e.username, ''), COALESCE(v.username, ''), o.state FROM "
      "monitor_observations o "
      "LEFT JOIN users e ON e.id = o.entered_by LEFT JOIN users v ON v.id = o.verified_by "
      "WHERE o.monitor_id = ? AND (o.state = 'verified' OR (? = 1 AND o.state = 'draft')) ORDER BY "
      "o.id",
      std::vector<Value>{id, std::int64_t{view == View::kWithDrafts ? 1 : 0}});
  for (const auto& r : rows)
    obs += observation_line(Json::parse(r.text(0)), r.text(1), r.text(2)) + "\n";
  if (!extra.empty()) obs += extra + "\n";
  for (const auto& [path, content] : files) {
    std::ofstream f(dir / path, std::ios::binary);
    f << content;
    if (!f) throw std::runtime_error("cannot write a temporary monitor file");
  }
}

std::vector<monitor::LogRecord> logged_records(store::Tx& tx, std::int64_t id) {
  std::string text;
  for (const auto& r :
       tx.query("SELECT record FROM monitor_audit WHERE monitor_id = ? ORDER BY seq",
                std::vector<Value>{id}))
    text += r.text(0) + "\n";
  return monitor::parse_log(text, "monitor_audit");
}

/// monitor::load of a temporary folder, with diagnostics naming the monitor rather than
/// the folder ("kz-xj/observations.csv").
monitor::Monitor load_as(const fs::path& dir, const std::string& name) {
  try {
    return monitor::load(dir.string());
  } catch (const InputError& e) {
    std::vector<Diagnostic> named = e.diagnostics();
    const std::string prefix = dir.string() + "/";
    for (auto& d : named)
      if (d.file.rfind(prefix, 0) == 0) d.file = name + "/" + d.file.substr(prefix.size());
    throw InputError(std::move(named));
  }
}

/// monitor_version() inside a transaction: the monitor's id, how many observations it
/// has, how many of them are decided, and the audit chain's length. Observations are
/// only ever added or decided (never edited or deleted) and the imported tables never
/// change, so every change of what a status is computed from changes one of these.
std::string version_of(store::Tx& tx, const std::string& name) {
  std::string v;
  auto r = tx.query_one(
      "SELECT m.id, (SELECT COUNT(*) FROM monitor_observations o WHERE o.monitor_id = m.id), "
      "(SELECT COUNT(*) FROM monitor_observations o WHERE o.monitor_id = m.id AND o.state <> "
      "'draft'), "
      "(SELECT COALESCE(MAX(seq), 0) FROM monitor_audit a WHERE a.monitor_id = m.id) "
      "FROM monitors m WHERE m.name = ?",
      std::vector<Value>{name});
  if (r)
    v = std::to_string(r->integer(0)) + "/" + std::to_string(r->integer(1)) + "/" +
        std::to_string(r->integer(2)) + "/" + std::to_string(r->integer(3));
  return v;
}

monitor::Date today() { return *monitor::parse_date(now_utc().substr(0, 10)); }

/// Appends, in `tx`, what the audit chain lacks for the verified view as of today.
void sync_audit(store::Tx& tx, std::int64_t id, const std::string& name, const std::string& actor) {
  TempDir dir;
  materialise(tx, id, View::kVerified, {}, dir.path());
  const auto m = load_as(dir.path(), name);
  const auto report = monitor::status(m, today());
  const auto logged = logged_records(tx, id);
  DiagnosticSink sink;
  const auto records = monitor::pending_records(
      m, report, logged, actor, now_utc(), "observations.csv", "monitor_audit", sink);
  sink.throw_if_errors();
  for (const auto& r : records)
    tx.exec("INSERT INTO monitor_audit (monitor_id, seq, record) VALUES (?, ?, ?)",
            std::vector<Value>{id, r.seq, monitor::to_line(r)});
}

}  // namespace

bool valid_monitor_name(std::string_view name) { return valid_scenario_name(name); }

void add_monitor(store::Database& db,
                 const std::string& name,
                 const Files& files,
                 const std::string& actor) {
  {
    TempDir dir;
    for (const auto& [path, content] : files)
      std::ofstream(dir.path() / path, std::ios::binary) << content;
    load_as(dir.path(), name);  // throws InputError with every problem
  }
  db.write([&](store::Tx& tx) {
    const auto id =
        tx.query_one("INSERT INTO monitors (name, created_at) VALUES (?, ?) RETURNING id",
                     std::vector<Value>{name, now_utc()})
            ->integer(0);
    for (const auto& [path, content] : files)
      if (path.find('/') == std::string::npos && path != monitor::kAuditLogName)
        tx.exec("INSERT INTO monitor_files (monitor_id, path, content) VALUES (?, ?, ?)",
                std::vector<Value>{id, path, store::Blob{content}});
    sync_audit(tx, id, name, actor);
  });
}

Json list_monitors(store::Database& db) {
  Json out = Json::array();
  db.read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT m.name, m.created_at, "
                                  "(SELECT COUNT(*) FROM monitor_observations o WHERE o.monitor_id "
                                  "= m.id AND o.state = 'draft') "
                                  "FROM monitors m ORDER BY m.name"))
      out.push_back({{"name", r.text(0)}, {"created_at", r.text(1)}, {"drafts", r.integer(2)}});
  });
  return out;
}

std::optional<Loaded> load_monitor(store::Database& db,
                                   const std::string& name,
                                   View view,
                                   const std::optional<std::string>& as_of) {
  std::optional<Loaded> out;
  TempDir dir;
  bool found = false;
  std::string version;
  db.read([&](store::Tx& tx) {
    const auto id = monitor_id(tx, name);
    if (!id) return;
    found = true;
    version = version_of(tx, name);
    materialise(tx, *id, view, {}, dir.path());
  });
  if (!found) return std::nullopt;
  monitor::Monitor m = load_as(dir.path(), name);
  m.folder = name;
  m.name = name;  // not the temporary folder's random name, in the status and the report
  monitor::Date date = today();
  if (as_of) {
    auto d = monitor::parse_date(*as_of);
    if (!d) {
      DiagnosticSink sink;
      sink.error(ErrorCode::kBadDate,
                 "as_of",
                 0,
                 0,
                 "as_of",
                 "'" + *as_of + "' is not a date (expected yyyy-mm-dd)");
      sink.throw_if_errors();
    }
    date = *d;
  }
  auto report = monitor::status(m, date);
  out = Loaded{std::move(m), std::move(report), std::move(version)};
  return out;
}

std::string monitor_html(store::Database& db,
                         const Loaded& loaded,
                         const std::string& name,
                         core::Lang lang) {
  std::vector<monitor::LogRecord> log;
  db.read([&](store::Tx& tx) {
    if (const auto id = monitor_id(tx, name)) log = logged_records(tx, *id);
  });
  return monitor::render_html(
      loaded.monitor, loaded.report, lang, monitor::status_history(log, loaded.report.as_of));
}

std::int64_t add_observation(store::Database& db,
                             const std::string& name,
                             const NewObservation& o,
                             std::int64_t user_id,
                             const std::string& username) {
  Json row = {{"id", o.id},
              {"indicator", o.indicator},
              {"date", o.date},
              {"value", o.value},
              {"evidence", o.evidence},
              {"supersedes", o.supersedes},
              {"reason", o.reason},
              {"source", o.source}};
  std::int64_t new_id = 0;
  db.write([&](store::Tx& tx) {
    const auto id = monitor_id(tx, name);
    if (!id) throw std::out_of_range("no monitor");
    new_id =
        tx.query_one(
              "INSERT INTO monitor_observations (monitor_id, row_json, entered_by, entered_at) "
              "VALUES (?, ?, ?, ?) RETURNING id",
              std::vector<Value>{*id, row.dump(), user_id, now_utc()})
            ->integer(0);
    if (o.id.empty()) {
      row["id"] = "SRV_" + std::to_string(new_id);
      tx.exec("UPDATE monitor_observations SET row_json = ? WHERE id = ?",
              std::vector<Value>{row.dump(), new_id});
    }
    // The row must load with every draft and verified row around it: the same checks
    // as a row typed into observations.csv (types, references, conflicts).
    TempDir dir;
    materialise(tx, *id, View::kWithDrafts, {}, dir.path());
    (void)username;
    load_as(dir.path(), name);
  });
  return new_id;
}

Json list_observations(store::Database& db, const std::string& name) {
  Json out = Json::array();
  db.read([&](store::Tx& tx) {
    const auto id = monitor_id(tx, name);
    if (!id) throw std::out_of_range("no monitor");
    for (const auto& r : tx.query(
             "SELECT o.id, o.row_json, o.state, COALESCE(e.username, ''), o.entered_at, "
             "COALESCE(v.username, ''), "
             "o.verified_at, o.note, o.entered_by FROM monitor_observations o "
             "LEFT JOIN users e ON e.id = o.entered_by LEFT JOIN users v ON v.id = o.verified_by "
             "WHERE o.monitor_id = ? ORDER BY o.id DESC",
             std::vector<Value>{*id}))
      out.push_back({{"id", r.integer(0)},
                     {"row", Json::parse(r.text(1))},
                     {"state", r.text(2)},
                     {"entered_by", r.text(3)},
                     {"entered_by_id", r.opt_integer(8) ? Json(*r.opt_integer(8)) : Json(nullptr)},
                     {"entered_at", r.text(4)},
                     {"verified_by", r.text(5)},
                     {"verified_at", r.opt_text(6) ? Json(*r.opt_text(6)) : Json(nullptr)},
                     {"note", r.text(7)}});
  });
  return out;
}

DecisionResult decide(store::Database& db,
                      const std::string& name,
                      std::int64_t observation_id,
                      Decision d,
                      const std::string& note,
                      std::int64_t user_id,
                      const std::string& username) {
  DecisionResult result;
  db.write([&](store::Tx& tx) {
    const auto id = monitor_id(tx, name);
    auto r = id ? tx.query_one(
                      "SELECT state, entered_by, row_json FROM monitor_observations WHERE id = ? "
                      "AND monitor_id = ?",
                      std::vector<Value>{observation_id, *id})
                : std::nullopt;
    if (!r) {
      result.status = DecisionResult::Status::kNotFound;
      return;
    }
    result.before = {{"state", r->text(0)}, {"row", Json::parse(r->text(2))}};
    if (r->opt_integer(1) == user_id) {
      result.status = DecisionResult::Status::kOwn;
      return;
    }
    if (r->text(0) != "draft") {
      result.status = DecisionResult::Status::kNotDraft;
      return;
    }
    const std::string state = d == Decision::kVerify ? "verified" : "rejected";
    tx.exec(
        "UPDATE monitor_observations SET state = ?, verified_by = ?, verified_at = ?, note = ? "
        "WHERE id = ?",
        std::vector<Value>{state, user_id, now_utc(), note, observation_id});
    result.after = {{"state", state}, {"note", note}};
    if (d == Decision::kVerify) sync_audit(tx, *id, name, username);
  });
  return result;
}

std::string monitor_version(store::Database& db, const std::string& name) {
  std::string v;
  db.read([&](store::Tx& tx) { v = version_of(tx, name); });
  return v;
}

std::string audit_text(store::Database& db, const std::string& name) {
  std::string text;
  db.read([&](store::Tx& tx) {
    const auto id = monitor_id(tx, name);
    if (!id) throw std::out_of_range("no monitor");
    for (const auto& r :
         tx.query("SELECT record FROM monitor_audit WHERE monitor_id = ? ORDER BY seq",
                  std::vector<Value>{*id}))
      text += r.text(0) + "\n";
  });
  return text;
}

}  // namespace corridor::server
