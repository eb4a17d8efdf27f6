// The audit log: the canonical form against a hash computed outside corridor (Python's
// hashlib over the text of docs/monitor-format.md), the chain catching an edit, a
// deletion, a reordering, a duplicate and a re-hashed edit at every position of a
// hand-built log, the fixtures of E611–E618, and sync_log on hand-built monitors
// (exactly the new records, nothing twice, nothing at all after an E611/E612).

#include "corridor/monitor/audit.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corridor/core/artefact.hpp"

namespace corridor::monitor {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const std::string kAuditDir = std::string(CORRIDOR_TEST_DATA) + "/monitor/audit/";
const std::string kMonitorDir = std::string(CORRIDOR_TEST_DATA) + "/monitor/";

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) out.push_back(line);
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

/// A temporary folder removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "corridor_audit_XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  [[nodiscard]] std::string log() const { return (path / "audit.log").string(); }
};

/// A chain of `n` status records for subjects S1, S2, … built by hand.
std::vector<std::string> chain(int n) {
  std::vector<std::string> lines;
  std::string prev = kZeroHash;
  for (int i = 1; i <= n; ++i) {
    LogRecord r;
    r.seq = i;
    r.time = "2026-01-02T03:04:05Z";
    r.actor = "ana";
    r.kind = LogKind::kStatus;
    r.subject = "indicator:S" + std::to_string(i);
    r.as_of = "2026-01-01";
    r.after = "on_track";
    r.prev = prev;
    r.hash = record_hash(r);
    prev = r.hash;
    lines.push_back(to_line(r));
  }
  return lines;
}

std::vector<ErrorCode> codes(const LogCheck& c) {
  std::vector<ErrorCode> out;
  for (const auto& d : c.problems) out.push_back(d.code);
  return out;
}

std::string all(const LogCheck& c) {
  std::string out;
  for (const auto& d : c.problems) out += d.to_string() + "\n";
  return out;
}

TEST(AuditRecord, CanonicalTextAndHashAreTheDocumentedOnes) {
  LogRecord r;
  r.seq = 1;
  r.time = "2026-01-02T03:04:05Z";
  r.actor = "ana";
  r.kind = LogKind::kObservation;
  r.subject = "O1";
  r.after = Json::object();
  r.after["id"] = "O1";
  r.after["value"] = "12.5";
  r.prev = kZeroHash;
  // Written out by hand from docs/monitor-format.md; the digest is Python's
  // hashlib.sha256 of this text, computed outside corridor.
  const std::string canonical =
      R"({"seq":1,"time":"2026-01-02T03:04:05Z","actor":"ana","kind":"observation",)"
      R"("subject":"O1","as_of":null,"before":null,"after":{"id":"O1","value":"12.5"},)"
      R"("prev":"sha256:0000000000000000000000000000000000000000000000000000000000000000"})";
  EXPECT_EQ(record_canonical(r), canonical);
  EXPECT_EQ(record_hash(r),
            "sha256:1b248aff9b09fc6272e1c6e523161b5e8ef2b260851899d6ad23451c9734633c");
  r.hash = record_hash(r);
  EXPECT_EQ(to_line(r),
            canonical.substr(0, canonical.size() - 1) + R"(,"hash":")" + r.hash + "\"}");
  const auto back = parse_log(to_line(r) + "\n", "t.log");
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(record_hash(back[0]), r.hash);
  EXPECT_EQ(back[0].line, 1);
}

TEST(AuditVerify, HandBuiltChainIsIntactAndStartsFromTheZeroHash) {
  const auto lines = chain(6);
  const LogCheck c = verify_log_text(join_lines(lines), "t.log");
  EXPECT_TRUE(c.ok()) << all(c);
  EXPECT_EQ(c.records, 6U);
  EXPECT_EQ(Json::parse(lines[0])["prev"], kZeroHash);
  EXPECT_EQ(c.last_hash, Json::parse(lines[5])["hash"]);
  EXPECT_TRUE(verify_log_text("", "t.log").ok());  // an empty log is a valid empty chain
  EXPECT_EQ(verify_log_text("", "t.log").last_hash, kZeroHash);
}

TEST(AuditVerify, AnEditedByteNamesItsLineAsEdited) {
  for (int k = 1; k <= 6; ++k) {
    auto lines = chain(6);
    auto& line = lines[static_cast<std::size_t>(k - 1)];
    const auto at = line.find("on_track");
    line[at] = 'O';  // one byte of a value
    const LogCheck c = verify_log_text(join_lines(lines), "t.log");
    ASSERT_EQ(c.problems.size(), 1U) << "k=" << k;
    EXPECT_EQ(c.problems[0].code, ErrorCode::kLogRecordEdited);
    EXPECT_EQ(c.problems[0].line, k);
    EXPECT_NE(c.problems[0].message.find("edited"), std::string::npos);
    EXPECT_NE(c.problems[0].message.find("(seq " + std::to_string(k) + ")"), std::string::npos);
  }
}

TEST(AuditVerify, ADeletedLineIsNamedBySeq) {
  for (int k = 1; k <= 5; ++k) {  // the last line: see the next test
    auto lines = chain(6);
    lines.erase(lines.begin() + (k - 1));
    const LogCheck c = verify_log_text(join_lines(lines), "t.log");
    ASSERT_EQ(c.problems.size(), 1U) << "k=" << k << ": " << all(c);
    EXPECT_EQ(c.problems[0].code, ErrorCode::kLogRecordDeleted);
    EXPECT_EQ(c.problems[0].line, k);  // the line now holding seq k+1
    EXPECT_NE(c.problems[0].message.find("seq " + std::to_string(k) + " missing"),
              std::string::npos)
        << c.problems[0].message;
  }
  auto lines = chain(6);
  lines.erase(lines.begin() + 1, lines.begin() + 3);
  const LogCheck c = verify_log_text(join_lines(lines), "t.log");
  ASSERT_EQ(c.problems.size(), 1U);
  EXPECT_NE(c.problems[0].message.find("seqs 2-3 missing"), std::string::npos);
}

TEST(AuditVerify, ADeletedLastLineNeedsTheLastHashKeptElsewhere) {
  // The documented limit of a chain without an outside anchor: the shorter log is a
  // valid chain, but its last hash differs from the one printed before the deletion.
  auto lines = chain(6);
  const std::string before = verify_log_text(join_lines(lines), "t.log").last_hash;
  lines.pop_back();
  const LogCheck c = verify_log_text(join_lines(lines), "t.log");
  EXPECT_TRUE(c.ok());
  EXPECT_NE(c.last_hash, before);
}

TEST(AuditVerify, SwappedLinesAreNamedAsReordered) {
  for (int k = 1; k <= 5; ++k) {
    auto lines = chain(6);
    std::swap(lines[static_cast<std::size_t>(k - 1)], lines[static_cast<std::size_t>(k)]);
    const LogCheck c = verify_log_text(join_lines(lines), "t.log");
    ASSERT_EQ(codes(c), std::vector<ErrorCode>{ErrorCode::kLogRecordsReordered}) << "k=" << k;
    EXPECT_TRUE(c.problems[0].line == k || c.problems[0].line == k + 1);
    // The message names both lines of the swap.
    EXPECT_NE(c.problems[0].message.find("line " + std::to_string(k)), std::string::npos);
    EXPECT_NE(c.problems[0].message.find("line " + std::to_string(k + 1)), std::string::npos);
  }
  auto lines = chain(6);  // lines 2 and 5 swapped: both are out of place
  std::swap(lines[1], lines[4]);
  const LogCheck c = verify_log_text(join_lines(lines), "t.log");
  ASSERT_EQ(
      codes(c),
      (std::vector<ErrorCode>{ErrorCode::kLogRecordsReordered, ErrorCode::kLogRecordsReordered}));
  EXPECT_EQ(c.problems[0].line, 2);
  EXPECT_EQ(c.problems[1].line, 5);
}

TEST(AuditVerify, AnEditWithItsHashRecomputedBreaksTheNextLink) {
  auto lines = chain(4);
  LogRecord r = parse_log(lines[1] + "\n", "t.log")[0];
  r.actor = "mallory";
  r.hash = record_hash(r);
  lines[1] = to_line(r);
  const LogCheck c = verify_log_text(join_lines(lines), "t.log");
  ASSERT_EQ(codes(c), std::vector<ErrorCode>{ErrorCode::kLogChainBroken});
  EXPECT_EQ(c.problems[0].line, 2);
  EXPECT_NE(c.problems[0].message.find("re-hashed"), std::string::npos);
}

TEST(AuditVerify, ACopiedLineIsNamedAsDuplicated) {
  auto lines = chain(4);
  lines.insert(lines.begin() + 2, lines[1]);
  const LogCheck c = verify_log_text(join_lines(lines), "t.log");
  ASSERT_EQ(codes(c), std::vector<ErrorCode>{ErrorCode::kLogRecordDuplicated});
  EXPECT_EQ(c.problems[0].line, 3);
}

TEST(AuditVerify, MalformedLinesAreE613WithLineAndColumn) {
  auto lines = chain(3);
  lines[1] = lines[1].substr(0, 20);
  LogCheck c = verify_log_text(join_lines(lines), "t.log");
  ASSERT_EQ(codes(c), std::vector<ErrorCode>{ErrorCode::kMalformedLogRecord});
  EXPECT_EQ(c.problems[0].line, 2);
  EXPECT_EQ(c.problems[0].column, 21);  // the parser ran out of text after 20 characters
  EXPECT_THROW((void)parse_log(join_lines(lines), "t.log"), InputError);

  lines = chain(3);
  Json j = Json::parse(lines[2]);
  j["seq"] = "3";
  j.erase("actor");
  lines[2] = j.dump();
  c = verify_log_text(join_lines(lines), "t.log");
  ASSERT_EQ(c.problems.size(), 1U) << all(c);
  EXPECT_EQ(c.problems[0].field, "actor");
  // The last line cut short (no line end) is reported rather than appended to.
  const std::string text = join_lines(chain(2));
  c = verify_log_text(text.substr(0, text.size() - 1), "t.log");
  ASSERT_EQ(codes(c), std::vector<ErrorCode>{ErrorCode::kMalformedLogRecord});
  EXPECT_EQ(c.problems[0].line, 2);
}

TEST(AuditVerify, AMissingLogIsE101) {
  const LogCheck c = verify_log("/nonexistent/audit.log");
  ASSERT_EQ(codes(c), std::vector<ErrorCode>{ErrorCode::kMissingFile});
}

struct LogFixture {
  const char* file;
  ErrorCode code;
  int line;
};

class AuditLogFixture : public ::testing::TestWithParam<LogFixture> {};

TEST_P(AuditLogFixture, NamesTheBrokenRecord) {
  const LogFixture& f = GetParam();
  const LogCheck c = verify_log(kAuditDir + f.file);
  ASSERT_EQ(c.problems.size(), 1U) << f.file;
  EXPECT_EQ(c.problems[0].code, f.code) << c.problems[0].to_string();
  EXPECT_EQ(c.problems[0].line, f.line) << c.problems[0].to_string();
  EXPECT_EQ(c.problems[0].file, kAuditDir + f.file);
}

// The defects are those written by tests/unit/monitor/make_audit_fixtures.py.
INSTANTIATE_TEST_SUITE_P(
    Fixtures,
    AuditLogFixture,
    ::testing::Values(LogFixture{"bad_malformed.log", ErrorCode::kMalformedLogRecord, 4},
                      LogFixture{"bad_edited.log", ErrorCode::kLogRecordEdited, 5},
                      LogFixture{"bad_deleted.log", ErrorCode::kLogRecordDeleted, 7},
                      LogFixture{"bad_reordered.log", ErrorCode::kLogRecordsReordered, 8},
                      LogFixture{"bad_duplicated.log", ErrorCode::kLogRecordDuplicated, 11},
                      LogFixture{"bad_rehashed.log", ErrorCode::kLogChainBroken, 6}));

TEST(AuditVerify, TheOkFixtureIsIntact) {
  const LogCheck c = verify_log(kAuditDir + "ok.log");
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(c.records, 21U);
}

// ---------------------------------------------------------------- sync_log

Date day(const char* text) { return *parse_date(text); }

/// Commitment C with indicator I and two observations (O2 verified by "vera").
Monitor small_monitor() {
  Monitor m;
  m.name = "t";
  Observation o;
  o.id = "O1";
  o.indicator = "I";
  o.date = day("2026-02-01");
  o.value = 12.5;
  o.entered_by = "ed";
  o.evidence = {"E1"};
  o.source = "fixture";
  m.observations.push_back(o);
  o.id = "O2";
  o.date = day("2026-03-01");
  o.value = 14;
  o.verified_by = "vera";
  m.observations.push_back(o);
  return m;
}

StatusReport report(Status indicator, Status commitment, const char* as_of) {
  StatusReport r;
  r.name = "t";
  r.as_of = day(as_of);
  IndicatorStatus i;
  i.indicator = "I";
  i.commitment = "C";
  i.status = indicator;
  r.indicators.push_back(i);
  CommitmentStatus c;
  c.commitment = "C";
  c.status = commitment;
  r.commitments.push_back(c);
  return r;
}

std::vector<std::string> summary(const std::vector<LogRecord>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(to_string(r.kind) + " " + r.subject);
  return out;
}

TEST(AuditSync, AppendsExactlyTheNewRecordsAndNothingOnASecondRun) {
  TempDir tmp;
  const Monitor m = small_monitor();
  const auto r = report(Status::kOnTrack, Status::kOnTrack, "2026-03-01");
  const auto first = sync_log(m, r, tmp.log(), "ana", "2026-03-02T10:00:00Z");
  EXPECT_EQ(summary(first),
            (std::vector<std::string>{"observation O1",
                                      "observation O2",
                                      "verification O2",
                                      "status indicator:I",
                                      "status commitment:C"}));
  EXPECT_EQ(first[0].after["value"], "12.5");
  EXPECT_FALSE(first[0].after.contains("verified_by"));
  EXPECT_EQ(first[2].after, "vera");
  EXPECT_TRUE(first[2].before.is_null());
  EXPECT_EQ(first[3].as_of, "2026-03-01");
  EXPECT_TRUE(first[3].before.is_null());
  const std::string bytes = slurp(tmp.log());
  EXPECT_TRUE(sync_log(m, r, tmp.log(), "bob", "2026-03-03T10:00:00Z").empty());
  EXPECT_EQ(slurp(tmp.log()), bytes);  // idempotent: not a byte written
  const LogCheck c = verify_log(tmp.log());
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(c.records, 5U);
  EXPECT_EQ(read_log(tmp.log())[4].hash, first[4].hash);
}

TEST(AuditSync, RecordsAStatusChangeWithBeforeAndAfterButNotALookBack) {
  TempDir tmp;
  const Monitor m = small_monitor();
  (void)sync_log(m,
                 report(Status::kOnTrack, Status::kOnTrack, "2026-03-01"),
                 tmp.log(),
                 "a",
                 "2026-03-02T10:00:00Z");
  const auto later = sync_log(m,
                              report(Status::kAtRisk, Status::kAtRisk, "2026-04-01"),
                              tmp.log(),
                              "a",
                              "2026-04-02T10:00:00Z");
  ASSERT_EQ(later.size(), 2U);
  EXPECT_EQ(later[0].subject, "indicator:I");
  EXPECT_EQ(later[0].before, "on_track");
  EXPECT_EQ(later[0].after, "at_risk");
  EXPECT_EQ(later[0].seq, 6);
  // Computing an earlier date again is a look back, not a change.
  EXPECT_TRUE(sync_log(m,
                       report(Status::kOnTrack, Status::kOnTrack, "2026-03-01"),
                       tmp.log(),
                       "a",
                       "2026-04-03T10:00:00Z")
                  .empty());
  const auto history = status_history(read_log(tmp.log()), SubjectKind::kIndicator, "I");
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].subject, "I");
  EXPECT_FALSE(history[0].before);
  EXPECT_EQ(history[0].after, Status::kOnTrack);
  EXPECT_EQ(history[1].before, Status::kOnTrack);
  EXPECT_EQ(history[1].after, Status::kAtRisk);
  EXPECT_EQ(history[1].as_of, "2026-04-01");
  EXPECT_EQ(history[1].time, "2026-04-02T10:00:00Z");
  EXPECT_TRUE(status_history(read_log(tmp.log()), SubjectKind::kCommitment, "I").empty());
  EXPECT_EQ(status_history(read_log(tmp.log()), SubjectKind::kCommitment, "C").size(), 2U);
  // A report as of a date shows the changes logged for that date or before.
  EXPECT_EQ(status_history(read_log(tmp.log()), day("2026-03-31")).size(), 2U);
  const auto all = status_history(read_log(tmp.log()), day("2026-04-01"));
  ASSERT_EQ(all.size(), 4U);
  EXPECT_EQ(all[3].subject, "C");
  EXPECT_EQ(all[3].before, Status::kOnTrack);
}

TEST(AuditSync, AVerificationSetLaterIsOneRecord) {
  TempDir tmp;
  Monitor m = small_monitor();
  const auto r = report(Status::kOnTrack, Status::kOnTrack, "2026-03-01");
  (void)sync_log(m, r, tmp.log(), "a", "2026-03-02T10:00:00Z");
  m.observations[0].verified_by = "vic";
  const auto v = sync_log(m, r, tmp.log(), "a", "2026-03-03T10:00:00Z");
  ASSERT_EQ(summary(v), std::vector<std::string>{"verification O1"});
  EXPECT_TRUE(v[0].before.is_null());
  EXPECT_EQ(v[0].after, "vic");
}

TEST(AuditSync, AnEditedObservationIsE611AndNothingIsAppended) {
  TempDir tmp;
  Monitor m = small_monitor();
  const auto r = report(Status::kOnTrack, Status::kOnTrack, "2026-03-01");
  (void)sync_log(m, r, tmp.log(), "a", "2026-03-02T10:00:00Z");
  const std::string bytes = slurp(tmp.log());
  m.observations[0].value = 13;
  m.observations[1].verified_by = "other";  // would be a new record, were it not for O1
  try {
    (void)sync_log(m, r, tmp.log(), "a", "2026-03-03T10:00:00Z");
    FAIL() << "expected E611";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1U);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.code, ErrorCode::kObservationEditedAfterLog);
    EXPECT_NE(d.message.find("\"O1\""), std::string::npos);
    EXPECT_NE(d.message.find(tmp.log() + ":1"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("value \"12.5\" now \"13\""), std::string::npos) << d.message;
  }
  EXPECT_EQ(slurp(tmp.log()), bytes);
  m.observations.erase(m.observations.begin());
  try {
    (void)sync_log(m, r, tmp.log(), "a", "2026-03-03T10:00:00Z");
    FAIL() << "expected E612";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kLoggedObservationMissing);
  }
  EXPECT_EQ(slurp(tmp.log()), bytes);
}

TEST(AuditSync, OverridesAreLoggedWhenNewChangedOrRemoved) {
  TempDir tmp;
  Monitor m = small_monitor();
  Override o;
  o.id = "V1";
  o.subject = "C";
  o.status = Status::kAtRisk;
  o.reason = "the contractor withdrew";
  o.entered_by = "ed";
  o.date = day("2026-03-01");
  o.source = "fixture";
  m.overrides.push_back(o);
  const auto r = report(Status::kOnTrack, Status::kOnTrack, "2026-03-01");
  auto rs = sync_log(m, r, tmp.log(), "a", "2026-03-02T10:00:00Z");
  ASSERT_EQ(rs.size(), 6U);
  EXPECT_EQ(rs[3].kind, LogKind::kOverride);
  EXPECT_EQ(rs[3].after["status"], "at_risk");
  EXPECT_EQ(rs[3].after["reason"], "the contractor withdrew");
  m.overrides[0].status.reset();  // now a `clear` row
  rs = sync_log(m, r, tmp.log(), "a", "2026-03-03T10:00:00Z");
  ASSERT_EQ(rs.size(), 1U);
  EXPECT_EQ(rs[0].before["status"], "at_risk");
  EXPECT_EQ(rs[0].after["status"], "clear");
  m.overrides.clear();
  rs = sync_log(m, r, tmp.log(), "a", "2026-03-04T10:00:00Z");
  ASSERT_EQ(rs.size(), 1U);
  EXPECT_TRUE(rs[0].after.is_null());
  EXPECT_TRUE(sync_log(m, r, tmp.log(), "a", "2026-03-05T10:00:00Z").empty());
  EXPECT_TRUE(verify_log(tmp.log()).ok());
}

TEST(AuditSync, ABrokenChainIsRefusedNotExtended) {
  TempDir tmp;
  const Monitor m = small_monitor();
  const auto r = report(Status::kOnTrack, Status::kOnTrack, "2026-03-01");
  (void)sync_log(m, r, tmp.log(), "a", "2026-03-02T10:00:00Z");
  auto lines = split_lines(slurp(tmp.log()));
  lines.erase(lines.begin() + 1);
  std::ofstream(tmp.log(), std::ios::binary | std::ios::trunc) << join_lines(lines);
  const std::string bytes = slurp(tmp.log());
  try {
    (void)sync_log(m, r, tmp.log(), "a", "2026-03-03T10:00:00Z");
    FAIL() << "expected E615";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kLogRecordDeleted);
  }
  EXPECT_EQ(slurp(tmp.log()), bytes);
}

TEST(AuditSync, AMissingFolderIsCreatedAnUnwritableLogIsE901) {
  TempDir tmp;
  const Monitor m = small_monitor();
  const auto r = report(Status::kOnTrack, Status::kOnTrack, "2026-03-01");
  const std::string nested = (tmp.path / "new" / "audit.log").string();
  EXPECT_EQ(sync_log(m, r, nested, "a", "2026-03-02T10:00:00Z").size(), 5U);
  std::ofstream((tmp.path / "file").string()) << "a file, not a folder";
  try {
    (void)sync_log(m, r, (tmp.path / "file" / "audit.log").string(), "a", "2026-03-02T10:00:00Z");
    FAIL() << "expected E901";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kOutputFailed);
  }
}

TEST(AuditSync, FixtureFoldersWhoseObservationsChangedAfterLogging) {
  struct Case {
    const char* folder;
    ErrorCode code;
    int line;  // in observations.csv
  };
  for (const Case& c : {Case{"bad_observation_edited", ErrorCode::kObservationEditedAfterLog, 2},
                        Case{"bad_observation_removed", ErrorCode::kLoggedObservationMissing, 0}}) {
    TempDir tmp;
    const fs::path copy = tmp.path / c.folder;
    fs::copy(kMonitorDir + c.folder, copy);
    const Monitor m = load(copy.string());
    const StatusReport r = status(m, day("2026-09-01"));
    const std::string bytes = slurp((copy / "audit.log").string());
    try {
      (void)sync_log(
          m, r, (copy / "audit.log").string(), "a", "2026-09-02T10:00:00Z", copy.string());
      FAIL() << c.folder << ": expected an error";
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1U) << e.what();
      EXPECT_EQ(e.diagnostics()[0].code, c.code) << e.what();
      EXPECT_EQ(e.diagnostics()[0].file, (copy / "observations.csv").string());
      EXPECT_EQ(e.diagnostics()[0].line, c.line) << e.what();
    }
    EXPECT_EQ(slurp((copy / "audit.log").string()), bytes);
  }
}

TEST(AuditTime, IsLogTime) {
  EXPECT_TRUE(is_log_time("2026-12-01T10:21:47Z"));
  EXPECT_TRUE(is_log_time("2024-02-29T23:59:60Z"));  // a leap second
  EXPECT_FALSE(is_log_time("2026-02-29T10:00:00Z"));
  EXPECT_FALSE(is_log_time("2026-12-01T24:00:00Z"));
  EXPECT_FALSE(is_log_time("2026-12-01 10:21:47Z"));
  EXPECT_FALSE(is_log_time("2026-12-01T10:21:47+00:00"));
}

}  // namespace
}  // namespace corridor::monitor
