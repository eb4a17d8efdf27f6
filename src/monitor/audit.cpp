// The audit log's records: their canonical text and hash, strict reading (E613), and the
// chain check of `corridor monitor verify-log` (E614–E618). Appending is audit_sync.cpp.

#include "corridor/monitor/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "corridor/core/artefact.hpp"
#include "corridor/core/csv.hpp"

namespace corridor::monitor {

namespace {

using Json = nlohmann::ordered_json;

const char* const kKindNames[] = {"observation", "verification", "override", "status"};
const char* const kKeys[] = {
    "seq", "time", "actor", "kind", "subject", "as_of", "before", "after", "prev", "hash"};

Json canonical_object(const LogRecord& r) {
  Json j = Json::object();
  j["seq"] = r.seq;
  j["time"] = r.time;
  j["actor"] = r.actor;
  j["kind"] = to_string(r.kind);
  j["subject"] = r.subject;
  j["as_of"] = r.as_of.empty() ? Json(nullptr) : Json(r.as_of);
  j["before"] = r.before;
  j["after"] = r.after;
  j["prev"] = r.prev;
  return j;
}

std::string dump(const Json& j) {
  // Invalid UTF-8 cannot come from a loaded monitor (E201); an actor's name from the
  // environment might, and is then written with U+FFFD rather than failing the run.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool is_hash(const Json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() != 71 || s.compare(0, 7, "sha256:") != 0) return false;
  return std::all_of(s.begin() + 7, s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

/// 1-based character column of byte offset `byte` (0-based) in `line`.
int column_of(std::string_view line, std::size_t byte) {
  int col = 1;
  for (std::size_t i = 0; i < byte && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  return col;
}

struct LineReader {
  const std::string& file;
  DiagnosticSink& sink;
  int line = 0;

  void bad(const std::string& field, const std::string& message, int column = 0) {
    sink.error(ErrorCode::kMalformedLogRecord, file, line, column, field, message);
  }
  bool check_keys(const Json& j) {
    bool ok = true;
    for (const char* k : kKeys)
      if (!j.contains(k)) {
        bad(k, "missing key (expected the ten keys seq … hash of docs/monitor-format.md)");
        ok = false;
      }
    for (const auto& item : j.items())
      if (std::find_if(std::begin(kKeys), std::end(kKeys), [&](const char* k) {
            return item.key() == k;
          }) == std::end(kKeys)) {
        bad(item.key(),
            "unknown key (expected only seq, time, actor, kind, subject, as_of, "
            "before, after, prev, hash)");
        ok = false;
      }
    return ok;
  }
  bool check_text(const Json& j, const char* key, LogRecord& r, std::string LogRecord::*out) {
    if (!j[key].is_string() || j[key].get_ref<const std::string&>().empty()) {
      bad(key, fmt::format("expected a non-empty string, got {}", dump(j[key])));
      return false;
    }
    r.*out = j[key].get<std::string>();
    return true;
  }
  bool check_value(const Json& v, LogKind kind, const char* key) {
    const bool text = kind == LogKind::kStatus || kind == LogKind::kVerification;
    const bool ok = v.is_null() || (text ? v.is_string() : v.is_object());
    if (!ok)
      bad(key,
          fmt::format("expected {} or null for a {} record, got {}",
                      text ? "a string" : "an object",
                      to_string(kind),
                      dump(v)));
    return ok;
  }
  bool fill(const Json& j, LogRecord& r);
  std::optional<LogRecord> read(std::string_view text);
};

bool LineReader::fill(const Json& j, LogRecord& r) {
  bool ok = true;
  if (!j["seq"].is_number_integer() || j["seq"].get<std::int64_t>() < 1) {
    bad("seq", fmt::format("expected a whole number >= 1, got {}", dump(j["seq"])));
    ok = false;
  } else {
    r.seq = j["seq"].get<std::int64_t>();
  }
  ok = check_text(j, "time", r, &LogRecord::time) && ok;
  if (!r.time.empty() && !is_log_time(r.time)) {
    bad("time", fmt::format("expected a UTC time yyyy-mm-ddThh:mm:ssZ, got \"{}\"", r.time));
    ok = false;
  }
  ok = check_text(j, "actor", r, &LogRecord::actor) && ok;
  ok = check_text(j, "subject", r, &LogRecord::subject) && ok;
  std::string kind;
  const auto* known = std::end(kKindNames);
  if (j["kind"].is_string()) {
    kind = j["kind"].get<std::string>();
    known = std::find(std::begin(kKindNames), std::end(kKindNames), kind);
  }
  if (known == std::end(kKindNames)) {
    bad("kind",
        fmt::format("expected observation, verification, override or status, got {}",
                    dump(j["kind"])));
    return false;
  }
  r.kind = static_cast<LogKind>(known - std::begin(kKindNames));
  const Json& as_of = j["as_of"];
  if (r.kind == LogKind::kStatus ? !(as_of.is_string() && parse_date(as_of.get<std::string>()))
                                 : !as_of.is_null()) {
    bad("as_of",
        fmt::format("expected {}, got {}",
                    r.kind == LogKind::kStatus ? "a date yyyy-mm-dd" : "null",
                    dump(as_of)));
    ok = false;
  } else if (as_of.is_string()) {
    r.as_of = as_of.get<std::string>();
  }
  ok = check_value(j["before"], r.kind, "before") && ok;
  ok = check_value(j["after"], r.kind, "after") && ok;
  r.before = j["before"];
  r.after = j["after"];
  for (const char* key : {"prev", "hash"})
    if (!is_hash(j[key])) {
      bad(key,
          fmt::format("expected \"sha256:\" and 64 lower-case hex digits, got {}", dump(j[key])));
      ok = false;
    }
  if (ok) {
    r.prev = j["prev"].get<std::string>();
    r.hash = j["hash"].get<std::string>();
  }
  return ok;
}

std::optional<LogRecord> LineReader::read(std::string_view text) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::parse_error& e) {
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    bad("", fmt::format("not a JSON record: {}", e.what()), column_of(text, at));
    return std::nullopt;
  }
  if (!j.is_object()) {
    bad("", fmt::format("expected a JSON object, got {}", j.type_name()), 1);
    return std::nullopt;
  }
  LogRecord r;
  r.line = line;
  if (!check_keys(j) || !fill(j, r)) return std::nullopt;
  return r;
}

/// Every well-formed record of `text`; malformed lines go to `sink` (E613).
std::vector<LogRecord> read_lines(std::string_view text,
                                  const std::string& file,
                                  DiagnosticSink& sink,
                                  std::vector<int>* malformed = nullptr) {
  std::vector<LogRecord> out;
  LineReader reader{file, sink};
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool terminated = end != std::string_view::npos;
    if (!terminated) end = text.size();
    ++reader.line;
    const std::string_view line = text.substr(start, end - start);
    if (!terminated) {
      reader.bad("", "the last line has no line end: a write was cut short");
    } else if (line.empty()) {
      reader.bad("", "empty line (expected one record per line)");
    } else if (auto r = reader.read(line)) {
      out.push_back(std::move(*r));
      start = end + 1;
      continue;
    }
    if (malformed) malformed->push_back(reader.line);
    start = end + 1;
  }
  return out;
}

std::string where(const LogRecord& r) { return fmt::format("line {} (seq {})", r.line, r.seq); }

}  // namespace

std::string to_string(LogKind k) { return kKindNames[static_cast<int>(k)]; }

std::string record_canonical(const LogRecord& r) { return dump(canonical_object(r)); }

std::string record_hash(const LogRecord& r) { return "sha256:" + sha256_hex(record_canonical(r)); }

std::string to_line(const LogRecord& r) {
  Json j = canonical_object(r);
  j["hash"] = r.hash;
  return dump(j);
}

std::string status_subject(SubjectKind kind, const std::string& id) {
  return (kind == SubjectKind::kIndicator ? "indicator:" : "commitment:") + id;
}

bool is_log_time(std::string_view t) {
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') return false;
  if (!parse_date(std::string(t.substr(0, 10)))) return false;
  auto two = [&](std::size_t at, int max) {
    if (t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return false;
    return (t[at] - '0') * 10 + (t[at + 1] - '0') <= max;
  };
  return two(11, 23) && two(14, 59) && two(17, 60);
}

std::vector<LogRecord> parse_log(std::string_view text, const std::string& file) {
  DiagnosticSink sink;
  auto records = read_lines(text, file, sink);
  sink.throw_if_errors();
  return records;
}

std::vector<LogRecord> read_log(const std::string& path) {
  std::string text;
  if (!core::read_file(path, text)) return {};
  return parse_log(text, path);
}

namespace {

/// Indices (into `seqs`) of a longest strictly increasing subsequence: the records that
/// are in order; the others were moved. O(n log n), patience sorting.
std::vector<bool> in_order(const std::vector<std::int64_t>& seqs) {
  std::vector<std::size_t> tails;  // index of the smallest tail of each length
  std::vector<std::ptrdiff_t> parent(seqs.size(), -1);
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    auto it = std::lower_bound(
        tails.begin(), tails.end(), seqs[i], [&](std::size_t t, auto v) { return seqs[t] < v; });
    if (it != tails.begin()) parent[i] = static_cast<std::ptrdiff_t>(*std::prev(it));
    if (it == tails.end())
      tails.push_back(i);
    else
      *it = i;
  }
  std::vector<bool> keep(seqs.size(), false);
  for (auto i = tails.empty() ? -1 : static_cast<std::ptrdiff_t>(tails.back()); i >= 0;
       i = parent[i])
    keep[i] = true;
  return keep;
}

struct ChainCheck {
  const std::string& file;
  DiagnosticSink& sink;
  std::vector<int> malformed;     // lines already reported as E613, in order
  std::set<std::int64_t> edited;  // seqs whose content does not match their hash

  /// A malformed line between lines a and b explains a seq missing there.
  bool malformed_between(int a, int b) const {
    auto it = std::upper_bound(malformed.begin(), malformed.end(), std::min(a, b));
    return it != malformed.end() && *it < std::max(a, b);
  }

  void problem(ErrorCode code, int line, const std::string& message) {
    sink.error(code, file, line, 0, "", message);
  }
  std::vector<const LogRecord*> own_hashes_and_duplicates(const std::vector<LogRecord>& rs);
  void order(const std::vector<const LogRecord*>& unique);
  void gaps_and_links(const std::vector<const LogRecord*>& unique);
};

std::vector<const LogRecord*> ChainCheck::own_hashes_and_duplicates(
    const std::vector<LogRecord>& rs) {
  std::map<std::int64_t, const LogRecord*> first;
  std::vector<const LogRecord*> unique;
  for (const auto& r : rs) {
    if (record_hash(r) != r.hash) {
      edited.insert(r.seq);
      problem(ErrorCode::kLogRecordEdited,
              r.line,
              fmt::format("{}: edited: its hash does not match its content (the record was "
                          "changed after it was written)",
                          where(r)));
    }
    const auto [it, fresh] = first.emplace(r.seq, &r);
    if (fresh) {
      unique.push_back(&r);
      continue;
    }
    problem(ErrorCode::kLogRecordDuplicated,
            r.line,
            fmt::format("{}: duplicated: seq {} is already on line {}{}",
                        where(r),
                        r.seq,
                        it->second->line,
                        it->second->hash == r.hash ? " (the same record copied)"
                                                   : " (a record inserted or replaced)"));
  }
  return unique;
}

void ChainCheck::order(const std::vector<const LogRecord*>& unique) {
  std::vector<std::int64_t> seqs;
  std::map<std::int64_t, int> line_of;
  for (const auto* r : unique) {
    seqs.push_back(r->seq);
    line_of[r->seq] = r->line;
  }
  const auto keep = in_order(seqs);
  for (std::size_t i = 0; i < unique.size(); ++i) {
    if (keep[i]) continue;
    const LogRecord& r = *unique[i];
    const auto before = line_of.find(r.seq - 1);
    const std::string belongs =
        r.seq == 1 ? std::string("it belongs first")
        : before != line_of.end()
            ? fmt::format("it belongs right after line {} (seq {})", before->second, r.seq - 1)
            : fmt::format("it belongs after seq {}", r.seq - 1);
    problem(ErrorCode::kLogRecordsReordered,
            r.line,
            fmt::format("{}: reordered: out of seq order, {}", where(r), belongs));
  }
}

void ChainCheck::gaps_and_links(const std::vector<const LogRecord*>& unique) {
  std::vector<const LogRecord*> by_seq = unique;
  std::sort(by_seq.begin(), by_seq.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
  const LogRecord* last = nullptr;
  for (const auto* r : by_seq) {
    const std::int64_t expected = last ? last->seq + 1 : 1;
    if (r->seq != expected && malformed_between(last ? last->line : 0, r->line)) {
      // the missing record is the malformed line, already reported
    } else if (r->seq != expected) {
      const std::string missing = r->seq - 1 == expected
                                      ? fmt::format("seq {}", expected)
                                      : fmt::format("seqs {}-{}", expected, r->seq - 1);
      const std::string between = last ? fmt::format("between {} and {}", where(*last), where(*r))
                                       : fmt::format("before {}", where(*r));
      problem(ErrorCode::kLogRecordDeleted,
              r->line,
              fmt::format("deleted: {} missing {}{}",
                          missing,
                          between,
                          r->prev == (last ? last->hash : kZeroHash)
                              ? ""
                              : fmt::format(" (the prev of seq {} names a record not in the log)",
                                            r->seq)));
    } else if (!edited.count(r->seq) && !(last && edited.count(last->seq))) {
      const std::string want = last ? last->hash : kZeroHash;
      if (r->prev != want)
        problem(ErrorCode::kLogChainBroken,
                last ? last->line : r->line,
                last ? fmt::format("{}: edited and re-hashed, or replaced: its hash is not the "
                                   "prev of {}",
                                   where(*last),
                                   where(*r))
                     : fmt::format("{}: the first record's prev is not the zero hash (records "
                                   "before it were removed and the rest renumbered)",
                                   where(*r)));
    }
    last = r;
  }
}

}  // namespace

LogCheck verify_log_text(std::string_view text, const std::string& file) {
  DiagnosticSink sink;
  std::vector<int> malformed;
  const auto records = read_lines(text, file, sink, &malformed);
  ChainCheck check{file, sink, std::move(malformed), {}};
  const auto unique = check.own_hashes_and_duplicates(records);
  check.order(unique);
  check.gaps_and_links(unique);
  LogCheck out;
  out.records = records.size();
  if (!records.empty()) out.last_hash = records.back().hash;
  out.problems = sink.items();
  std::stable_sort(out.problems.begin(), out.problems.end(), [](const auto& a, const auto& b) {
    return a.line < b.line;
  });
  return out;
}

LogCheck verify_log(const std::string& log_path) {
  std::string text;
  if (!core::read_file(log_path, text)) {
    LogCheck out;
    out.problems.push_back(Diagnostic{ErrorCode::kMissingFile,
                                      Severity::kError,
                                      log_path,
                                      0,
                                      0,
                                      "",
                                      "no audit log here (expected the file `corridor monitor "
                                      "status` appends to)"});
    return out;
  }
  return verify_log_text(text, log_path);
}

}  // namespace corridor::monitor
