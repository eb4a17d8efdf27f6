#pragma once
// The monitor's audit trail: every observation, verification, override and computed
// status change appended to a JSON-lines log (by default audit.log in the monitor
// folder) in which each record carries the hash of the previous one, so that an edited,
// deleted or reordered record is detected and named (docs/monitor-format.md, "audit.log").
//
// Method: a hash chain. Record n holds prev = hash of record n-1 ("sha256:" + 64 zeros
// for the first) and hash = "sha256:" + SHA-256 of its canonical text (the compact JSON
// of its nine other keys in a fixed order, record_canonical()). Verification is O(n)
// in the log's size (one hash per record, a longest increasing subsequence of the seqs,
// O(n log n), to tell reordered records from deleted ones). Appends are serialised by
// an exclusive flock on the log file and written in one write() followed by fsync.
// Caveat (as for any hash chain without an outside anchor): a deleted last record, or an
// editor who recomputes every later hash, is only caught against a copy of the last hash
// kept elsewhere; `corridor monitor verify-log` prints it for that purpose.
// Reference: S. Haber and W. S. Stornetta, "How to time-stamp a digital document",
// J. Cryptology 3(2), 1991 (linking each record to the hash of its predecessor).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/monitor.hpp"

namespace corridor::monitor {

/// The log's default file name inside a monitor folder.
inline constexpr const char* kAuditLogName = "audit.log";
/// prev of the first record: "sha256:" + 64 zeros.
inline constexpr const char* kZeroHash =
    "sha256:0000000000000000000000000000000000000000000000000000000000000000";

enum class LogKind { kObservation, kVerification, kOverride, kStatus };
std::string to_string(LogKind k);

/// One line of the log. `before`/`after` are JSON values: the row's content for an
/// observation or override (null before it first appears), the verifier's name for a
/// verification (null when none), the status text for a status (null the first time).
struct LogRecord {
  std::int64_t seq = 0;  // 1, 2, … in the order written
  std::string time;      // UTC, yyyy-mm-ddThh:mm:ssZ
  std::string actor;
  LogKind kind{};
  std::string subject;  // observation id, override id, or status_subject(…)
  std::string as_of;    // status records: the status date; empty (null) otherwise
  nlohmann::ordered_json before, after;
  std::string prev;  // the previous record's hash
  std::string hash;
  int line = 0;  // 1-based line it was read from; 0 for a record not yet written
};

/// The canonical text hashed for a record: the compact JSON object (no spaces, UTF-8
/// unescaped, nlohmann::json's dump) of seq, time, actor, kind, subject, as_of, before,
/// after, prev in this order. Records hold no floating-point number (values are text),
/// so any JSON library reproduces it.
std::string record_canonical(const LogRecord& r);
/// "sha256:" + SHA-256 of record_canonical(r).
std::string record_hash(const LogRecord& r);
/// The line written to the log (without its "\n"): the canonical object with "hash"
/// appended as its tenth key.
std::string to_line(const LogRecord& r);

/// Status subjects name their table, since an indicator and a commitment may share an
/// id: "indicator:I_TRUCKS", "commitment:C_TRUCKS".
enum class SubjectKind { kIndicator, kCommitment };
std::string status_subject(SubjectKind kind, const std::string& id);

/// The content of an observation row as logged: every column but verified_by (its
/// changes are verification records), the value as shortest round-trip text.
nlohmann::ordered_json observation_content(const Observation& o);
/// The content of an override row as logged (status "clear" for a clearing row).
nlohmann::ordered_json override_content(const Override& o);

/// Reads a whole log strictly (text as given, `file` naming it in diagnostics): a line
/// that is not JSON, lacks a key or has one of the wrong type is E613 with its
/// line:column. Throws InputError with every such problem. Does not check the chain.
std::vector<LogRecord> parse_log(std::string_view text, const std::string& file);
/// parse_log of a file; a missing file is an empty log.
std::vector<LogRecord> read_log(const std::string& path);

/// The result of checking a log's chain.
struct LogCheck {
  std::size_t records = 0;            // well-formed records
  std::string last_hash = kZeroHash;  // hash of the last record
  std::vector<Diagnostic> problems;   // file:line, one per broken record (E613–E618)
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

/// Checks every record of a log: well-formed (E613), its own hash (edited, E614), no
/// seq missing (deleted, E615), seqs in order (reordered, E616), no seq twice
/// (duplicated, E617), and each prev equal to the hash of the record before it
/// (E618). Every problem names the record by line and seq.
LogCheck verify_log_text(std::string_view text, const std::string& file);
/// verify_log_text of a file; a missing file is E101.
LogCheck verify_log(const std::string& log_path);

/// What the log lacks for this monitor and status, as new records (seq and prev
/// following `logged`, hash set), in this order: each observation not yet logged
/// followed by its verification if its verified_by differs from the last logged one;
/// each override new, changed or removed; each indicator then commitment whose status
/// differs from its last logged status, unless that was logged for a later as-of date
/// (a look back in time is not a change). A logged observation whose content now
/// differs is E611, one now missing E612 (into `sink`; the records are then not to be
/// written). `observations_file` locates those rows in diagnostics (may be empty).
std::vector<LogRecord> pending_records(const Monitor& m,
                                       const StatusReport& report,
                                       const std::vector<LogRecord>& logged,
                                       const std::string& actor,
                                       const std::string& now,
                                       const std::string& observations_file,
                                       const std::string& log_file,
                                       DiagnosticSink& sink);

/// Appends pending_records() to the log at `log_path` (created if missing) under an
/// exclusive flock, in one write, then fsync; returns what it appended. Throws
/// InputError with every problem and appends nothing when the log's chain is broken
/// (E613–E618) or a logged observation was edited or removed (E611, E612); E901 when
/// the log cannot be written. `folder`, when given, is the monitor folder, used to
/// name the observations.csv line of an E611/E612.
std::vector<LogRecord> sync_log(const Monitor& m,
                                const StatusReport& report,
                                const std::string& log_path,
                                const std::string& actor,
                                const std::string& now,
                                const std::string& folder = "");

/// The computed status changes of indicator or commitment `id` in the order logged
/// (StatusChange of corridor/monitor.hpp, `subject` = id). Manual overrides are
/// override records (their `after` holds the row, status or `clear`), not listed here.
std::vector<StatusChange> status_history(const std::vector<LogRecord>& log,
                                         SubjectKind kind,
                                         const std::string& id);
/// Every computed status change logged for an as-of date on or before `as_of` (all
/// subjects, in the order logged): the history a report as of that date shows.
std::vector<StatusChange> status_history(const std::vector<LogRecord>& log, const Date& as_of);

/// True for a UTC time written yyyy-mm-ddThh:mm:ssZ (the log's `time`).
bool is_log_time(std::string_view text);

}  // namespace corridor::monitor
