// Appending to the audit log: what a monitor and its status add to it (pending_records,
// a pure function), the locked append (sync_log), and the status history read back.

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "corridor/core/csv.hpp"
#include "corridor/core/output.hpp"
#include "corridor/monitor/audit.hpp"

namespace corridor::monitor {

namespace {

using Json = nlohmann::ordered_json;

/// The last record of each (kind, subject) in the log, in log order.
struct Logged {
  std::map<std::pair<LogKind, std::string>, const LogRecord*> last;
  std::set<std::string> observations;  // ids with an observation record
  const LogRecord* find(LogKind k, const std::string& subject) const {
    auto it = last.find({k, subject});
    return it == last.end() ? nullptr : it->second;
  }
};

Logged index(const std::vector<LogRecord>& log) {
  Logged out;
  for (const auto& r : log) {
    out.last[{r.kind, r.subject}] = &r;
    if (r.kind == LogKind::kObservation) out.observations.insert(r.subject);
  }
  return out;
}

/// Builds the new records one by one, each chained to the one before.
struct Appender {
  std::vector<LogRecord> out;
  std::int64_t seq;
  std::string prev;
  const std::string& actor;
  const std::string& now;

  void add(LogKind kind, std::string subject, Json before, Json after, std::string as_of = "") {
    LogRecord r;
    r.seq = ++seq;
    r.time = now;
    r.actor = actor;
    r.kind = kind;
    r.subject = std::move(subject);
    r.as_of = std::move(as_of);
    r.before = std::move(before);
    r.after = std::move(after);
    r.prev = prev;
    r.hash = record_hash(r);
    prev = r.hash;
    out.push_back(std::move(r));
  }
};

Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

/// The observations.csv line of each observation id ("" when the file is not known).
std::map<std::string, int> observation_lines(const std::string& file) {
  std::map<std::string, int> lines;
  std::string text;
  if (file.empty() || !core::read_file(file, text)) return lines;
  DiagnosticSink ignored;  // the file was loaded once already; only positions are wanted
  const auto table = core::parse_csv(text, file, ignored);
  std::size_t id_col = table.header.fields.size();
  for (std::size_t i = 0; i < table.header.fields.size(); ++i)
    if (table.header.fields[i].text == "id") id_col = i;
  for (const auto& row : table.rows)
    if (id_col < row.fields.size()) lines.emplace(row.fields[id_col].text, row.line);
  return lines;
}

std::string changed_fields(const Json& was, const Json& now) {
  std::string out;
  for (const auto& item : was.items()) {
    const Json& v = now.contains(item.key()) ? now[item.key()] : Json(nullptr);
    if (v == item.value()) continue;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {} now {}", item.key(), item.value().dump(), v.dump());
  }
  return out;
}

void check_observations(const Monitor& m,
                        const Logged& logged,
                        const std::string& observations_file,
                        const std::string& log_file,
                        DiagnosticSink& sink) {
  const std::string file = observations_file.empty() ? "observations.csv" : observations_file;
  std::map<std::string, const Observation*> present;
  for (const auto& o : m.observations) present.emplace(o.id, &o);
  std::map<std::string, int> lines;  // read only when there is something to locate
  auto line_of = [&](const std::string& id) {
    if (lines.empty()) lines = observation_lines(observations_file);
    auto it = lines.find(id);
    return it == lines.end() ? 0 : it->second;
  };
  for (const auto& id : logged.observations) {
    const LogRecord& rec = *logged.find(LogKind::kObservation, id);
    const auto it = present.find(id);
    if (it == present.end()) {
      sink.error(ErrorCode::kLoggedObservationMissing,
                 file,
                 0,
                 0,
                 "id",
                 fmt::format("observation \"{}\" was logged ({}:{}) but is no longer in the "
                             "table (append-only: keep the row and add a correction row that "
                             "supersedes it)",
                             id,
                             log_file,
                             rec.line));
      continue;
    }
    const Json now = observation_content(*it->second);
    if (now == rec.after) continue;
    sink.error(ErrorCode::kObservationEditedAfterLog,
               file,
               line_of(id),
               0,
               "id",
               fmt::format("observation \"{}\" was edited after it was logged ({}:{}; {}) "
                           "(append-only: add a correction row that supersedes it)",
                           id,
                           log_file,
                           rec.line,
                           changed_fields(rec.after, now)));
  }
}

void add_observations(const Monitor& m, const Logged& logged, Appender& app) {
  for (const auto& o : m.observations) {
    if (!logged.observations.count(o.id))
      app.add(LogKind::kObservation, o.id, nullptr, observation_content(o));
    const LogRecord* v = logged.find(LogKind::kVerification, o.id);
    const Json was = v ? v->after : Json(nullptr);
    const Json now = text_or_null(o.verified_by);
    if (was != now) app.add(LogKind::kVerification, o.id, was, now);
  }
}

void add_overrides(const Monitor& m, const Logged& logged, Appender& app) {
  std::set<std::string> present;
  for (const auto& o : m.overrides) {
    present.insert(o.id);
    const LogRecord* r = logged.find(LogKind::kOverride, o.id);
    const Json was = r ? r->after : Json(nullptr);
    const Json now = override_content(o);
    if (was != now) app.add(LogKind::kOverride, o.id, was, now);
  }
  for (const auto& [key, r] : logged.last)  // removed rows: logged as after = null
    if (key.first == LogKind::kOverride && !present.count(key.second) && !r->after.is_null())
      app.add(LogKind::kOverride, key.second, r->after, nullptr);
}

void add_status(const std::string& subject,
                Status status,
                const Date& as_of,
                const Logged& logged,
                Appender& app) {
  const LogRecord* r = logged.find(LogKind::kStatus, subject);
  const std::string now = to_string(status);
  if (r && r->after == Json(now)) return;
  // A status computed for an earlier date than the one logged is a look back, not a
  // change: logging it would make the history run backwards.
  if (r && parse_date(r->as_of) && as_of.days < parse_date(r->as_of)->days) return;
  app.add(LogKind::kStatus, subject, r ? r->after : Json(nullptr), now, as_of.text);
}

}  // namespace

Json observation_content(const Observation& o) {
  Json j = Json::object();
  j["id"] = o.id;
  j["indicator"] = o.indicator;
  j["date"] = o.date.text;
  j["value"] = core::num(o.value);
  j["entered_by"] = o.entered_by;
  j["evidence"] = o.evidence;
  j["supersedes"] = o.supersedes;
  j["reason"] = o.reason;
  j["source"] = o.source;
  return j;
}

Json override_content(const Override& o) {
  Json j = Json::object();
  j["id"] = o.id;
  j["subject"] = o.subject;
  j["status"] = o.status ? to_string(*o.status) : std::string("clear");
  j["reason"] = o.reason;
  j["entered_by"] = o.entered_by;
  j["date"] = o.date.text;
  j["source"] = o.source;
  return j;
}

std::vector<LogRecord> pending_records(const Monitor& m,
                                       const StatusReport& report,
                                       const std::vector<LogRecord>& logged_records,
                                       const std::string& actor,
                                       const std::string& now,
                                       const std::string& observations_file,
                                       const std::string& log_file,
                                       DiagnosticSink& sink) {
  const Logged logged = index(logged_records);
  check_observations(m, logged, observations_file, log_file, sink);
  Appender app{{},
               logged_records.empty() ? 0 : logged_records.back().seq,
               logged_records.empty() ? std::string(kZeroHash) : logged_records.back().hash,
               actor,
               now};
  add_observations(m, logged, app);
  add_overrides(m, logged, app);
  for (const auto& s : report.indicators)
    add_status(
        status_subject(SubjectKind::kIndicator, s.indicator), s.status, report.as_of, logged, app);
  for (const auto& c : report.commitments)
    add_status(status_subject(SubjectKind::kCommitment, c.commitment),
               c.status,
               report.as_of,
               logged,
               app);
  return std::move(app.out);
}

namespace {

[[noreturn]] void log_failed(const std::string& path, const std::string& what, int err) {
  Diagnostic d;
  d.code = ErrorCode::kOutputFailed;
  d.file = path;
  d.message = what + ": " + std::strerror(err);
  throw InputError({d});
}

/// An open file descriptor, closed (and so unlocked) on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string read_all(int fd, const std::string& path) {
  std::string text;
  char buf[65536];
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) log_failed(path, "cannot read the audit log", errno);
    if (n == 0) return text;
    text.append(buf, static_cast<std::size_t>(n));
    at += n;
  }
}

void append_all(int fd, const std::string& path, const std::string& bytes, off_t size) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      // Leave the log as it was: a half-written line would break the chain.
      if (::ftruncate(fd, size) != 0) {
      }
      log_failed(path, "cannot append to the audit log", err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) log_failed(path, "cannot sync the audit log", errno);
}

}  // namespace

std::vector<LogRecord> sync_log(const Monitor& m,
                                const StatusReport& report,
                                const std::string& log_path,
                                const std::string& actor,
                                const std::string& now,
                                const std::string& folder) {
  const std::filesystem::path parent = std::filesystem::path(log_path).parent_path();
  std::error_code ec;  // a missing folder is created, as for every output; failing that,
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);  // open says why
  Fd f{::open(log_path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644)};
  if (f.fd < 0) log_failed(log_path, "cannot open the audit log", errno);
  while (::flock(f.fd, LOCK_EX) != 0)
    if (errno != EINTR) log_failed(log_path, "cannot lock the audit log", errno);
  const std::string text = read_all(f.fd, log_path);
  // A broken chain is refused, not extended: appending would bury the damage.
  const LogCheck check = verify_log_text(text, log_path);
  if (!check.ok()) throw InputError(check.problems);
  const auto logged = parse_log(text, log_path);
  DiagnosticSink sink;
  const std::string observations = folder.empty() ? "" : folder + "/observations.csv";
  auto records = pending_records(m, report, logged, actor, now, observations, log_path, sink);
  sink.throw_if_errors();
  if (records.empty()) return records;
  std::string bytes;
  for (const auto& r : records) bytes += to_line(r) + "\n";
  append_all(f.fd, log_path, bytes, static_cast<off_t>(text.size()));
  return records;
}

namespace {
std::optional<Status> parse_status(const Json& v) {
  if (!v.is_string()) return std::nullopt;
  for (int i = 0; i <= static_cast<int>(Status::kNoData); ++i)
    if (to_string(static_cast<Status>(i)) == v.get_ref<const std::string&>())
      return static_cast<Status>(i);
  return std::nullopt;
}
}  // namespace

namespace {
/// The status records accepted by `keep`, as StatusChange with `subject` = the id.
template <typename Keep>
std::vector<StatusChange> changes(const std::vector<LogRecord>& log, Keep keep) {
  std::vector<StatusChange> out;
  for (const auto& r : log) {
    if (r.kind != LogKind::kStatus || !keep(r)) continue;
    const auto after = parse_status(r.after);
    if (!after) continue;  // a status this build does not know (a newer writer)
    StatusChange c;
    c.subject = r.subject.substr(r.subject.find(':') + 1);
    c.as_of = r.as_of;
    c.time = r.time;
    c.actor = r.actor;
    c.before = parse_status(r.before);
    c.after = *after;
    out.push_back(std::move(c));
  }
  return out;
}
}  // namespace

std::vector<StatusChange> status_history(const std::vector<LogRecord>& log,
                                         SubjectKind kind,
                                         const std::string& id) {
  const std::string subject = status_subject(kind, id);
  return changes(log, [&](const LogRecord& r) { return r.subject == subject; });
}

std::vector<StatusChange> status_history(const std::vector<LogRecord>& log, const Date& as_of) {
  // yyyy-mm-dd texts order as the dates do
  return changes(log, [&](const LogRecord& r) { return r.as_of <= as_of.text; });
}

}  // namespace corridor::monitor
