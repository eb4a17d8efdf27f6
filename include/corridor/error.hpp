#pragma once
// Bad input is one error type carrying every problem found, each with a stable
// code and a location. Expected outcomes (infeasible, time limit) are values in
// result types, never errors. The code table is append-only; docs/errors.md
// documents each code and apps/corridor maps codes to exit codes once.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor {

/// Stable error codes. Append only: never renumber or reuse a value.
enum class ErrorCode : int {
  // 1xx: files and syntax
  kMissingFile = 101,
  kUnreadableFile = 102,
  kMalformedYaml = 103,
  kMalformedCsv = 104,
  kEmptyTable = 105,
  kMissingColumn = 106,
  kUnknownColumn = 107,  // a warning, not an error
  kDuplicateColumn = 108,
  kMissingManifestField = 109,
  // 2xx: values
  kWrongType = 201,
  kNonFinite = 202,
  kOutOfRange = 203,
  kBadEnum = 204,
  kEmptyRequired = 205,
  kBadDate = 206,
  kInconsistentUnits = 207,
  kDubiousValue = 208,  // a warning: valid, but almost certainly not what is meant
  // 3xx: references and structure
  kDuplicateId = 301,
  kUnknownReference = 302,
  kSameCountryCrossing = 303,
  kNoSupplyPath = 304,
  kWrongCountry = 305,
  kWrongNodeKind = 306,
  kForcedOpenConflict = 307,
  // 4xx: variants
  kUnknownVariant = 401,
  kOverrideTargetMissing = 402,
  kBadOverride = 403,
  // 5xx: other inputs (plan files, OR-Library files, options, JSON artefacts)
  kBadPlanFile = 501,
  kBadOrlibFile = 502,
  kBadOption = 503,
  kBadArtefact = 504,        // a JSON artefact that is not what the command reads: wrong
                             // schema, not JSON, a missing or mistyped key
  kScenarioMismatch = 505,   // an artefact made for another scenario or variant
  kCrossingSaturated = 510,  // warning: background freight alone saturates a crossing
  kTargetNotMet = 511,       // plan --check-sim: no plan reached the on-time target
  // 6xx: monitor folders (docs/monitor-format.md)
  kDatesOutOfOrder = 601,          // in force before signed, retrieved before published
  kTargetBeforeBaseline = 602,     // a target dated on or before its indicator's baseline
  kSupersedesNothing = 603,        // a correction naming no observation of its indicator
  kBandWithoutBounds = 604,        // a band indicator without low or high
  kConflictingObservations = 605,  // two values in force for one indicator and date
  kNoTarget = 606,                 // a trajectory indicator without any target
  kModelPathNamesNothing = 607,    // a model path that is malformed or names no value
  kConflictingOverrides = 608,     // two overrides of one subject on one date
  kBadLink = 609,                  // a commitment link that is not a corridor object
  // 61x: the monitor's audit log (audit.log, docs/monitor-format.md)
  kObservationEditedAfterLog = 611,  // a logged observation row changed in observations.csv
  kLoggedObservationMissing = 612,   // a logged observation row gone from observations.csv
  kMalformedLogRecord = 613,         // a log line that is not a well-formed record
  kLogRecordEdited = 614,            // a record whose hash does not match its content
  kLogRecordDeleted = 615,           // a seq missing from the log
  kLogRecordsReordered = 616,        // a record out of seq order
  kLogRecordDuplicated = 617,        // a seq twice
  kLogChainBroken = 618,             // a prev that is not the hash of the record before
  // 7xx: trade data (docs/trade-format.md)
  kUnknownCountry = 701,      // a country code not in the country map or the data
  kMalformedHsCode = 702,     // not 2, 4 or 6 digits
  kUnknownHsCode = 703,       // well formed but in no HS nomenclature we know
  kNegativeValue = 704,       // a trade value or quantity below zero
  kDuplicateFlow = 705,       // the same year, partners and product twice
  kMixedHsVersions = 706,     // a warning: codes of another HS edition
  kEmptyMarket = 707,         // the market (or exporter) has no trade in the data
  kHsLevelUnavailable = 708,  // --hs finer than a table's detail
  kYearNotInData = 709,       // --years names a year a table lacks
  // 82x: server jobs (docs/serve.md, "Jobs")
  kBadJobRequest = 821,  // an unknown job kind, or options that are not that kind's
  // 83x: accounts (`corridor user`, src/auth)
  kAccountRefused = 831,       // a username, password, display name or role not accepted
  kUsernameTaken = 832,        // an account of that username exists
  kDatabaseNotMigrated = 833,  // the database has no users table: run `corridor db migrate`
  // 9xx: output
  kOutputFailed = 901,
};

/// "E203" style text for a code.
std::string error_code_name(ErrorCode code);

enum class Severity { kError, kWarning };

/// One problem found in the input, located as precisely as the input allows.
struct Diagnostic {
  ErrorCode code{};
  Severity severity = Severity::kError;
  std::string file;   // path as given by the user, or the table's file name
  int line = 0;       // 1-based; 0 when the problem is not tied to a line
  int column = 0;     // 1-based; 0 when unknown
  std::string field;  // column name or YAML path
  std::string message;

  /// `file:line:column: field: message [E203]`
  [[nodiscard]] std::string to_string() const;
};

/// Thrown when input is bad; carries every problem found, not just the first.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// The code of the first error (what the exit code is derived from).
  [[nodiscard]] ErrorCode code() const;

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Collects diagnostics while a reader keeps going past the first problem.
class DiagnosticSink {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(ErrorCode code,
             std::string file,
             int line,
             int column,
             std::string field,
             std::string message);
  void warning(ErrorCode code,
               std::string file,
               int line,
               int column,
               std::string field,
               std::string message);
  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] std::vector<Diagnostic> warnings() const;
  /// Throws InputError with every diagnostic if any is an error.
  void throw_if_errors() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace corridor
