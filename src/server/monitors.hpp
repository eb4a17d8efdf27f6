#pragma once
// Agreement monitors in the workspace. The imported folder's tables live in
// monitor_files; observations entered on the server live in monitor_observations, as
// drafts until a verifier other than their editor verifies them. A monitor is read by
// writing its tables and the observations the caller may see into a temporary folder
// and loading it with the same loader as `corridor monitor`, so a server-entered row is
// checked by exactly the rules of docs/monitor-format.md. The hash-chained audit log
// (docs/monitor-format.md, "audit.log") is kept in monitor_audit, one record per row,
// appended in the same transaction as the verification that causes it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "corridor/core/i18n.hpp"
#include "corridor/monitor.hpp"
#include "corridor/store.hpp"
#include "upload.hpp"

namespace corridor::server {

bool valid_monitor_name(std::string_view name);

/// Stores a monitor folder's tables (observations.csv included: they are the imported,
/// published record) and logs them. Throws InputError if the folder does not load.
void add_monitor(store::Database& db,
                 const std::string& name,
                 const Files& files,
                 const std::string& actor);

nlohmann::json list_monitors(store::Database& db);

/// Which server-entered observations a view includes.
enum class View { kVerified, kWithDrafts };

struct Loaded {
  monitor::Monitor monitor;
  monitor::StatusReport report;
  std::string version;  // monitor_version() of the snapshot it was read from
};

/// The monitor as the caller may see it, with its status as of `as_of` (default: today).
std::optional<Loaded> load_monitor(store::Database& db,
                                   const std::string& name,
                                   View view,
                                   const std::optional<std::string>& as_of);

/// The monitor's report page in `lang`, with the status history from its audit log.
std::string monitor_html(store::Database& db,
                         const Loaded& loaded,
                         const std::string& name,
                         core::Lang lang);

/// An observation entered on the server: the observations.csv columns but verified_by.
struct NewObservation {
  std::string id;  // empty: "SRV_<row id>"
  std::string indicator, date, value, evidence, supersedes, reason, source;
};

/// Checks the row by loading the monitor with it (throws InputError naming the field)
/// and stores it as a draft; returns its row id.
std::int64_t add_observation(store::Database& db,
                             const std::string& name,
                             const NewObservation& o,
                             std::int64_t user_id,
                             const std::string& username);

nlohmann::json list_observations(store::Database& db, const std::string& name);

enum class Decision { kVerify, kReject };
struct DecisionResult {
  enum class Status { kOk, kNotFound, kOwn, kNotDraft } status = Status::kOk;
  nlohmann::json before, after;
};
/// A verifier's decision on a draft; never on their own. Verifying appends the audit
/// records (observation, verification, status changes) in the same transaction.
DecisionResult decide(store::Database& db,
                      const std::string& name,
                      std::int64_t observation_id,
                      Decision d,
                      const std::string& note,
                      std::int64_t user_id,
                      const std::string& username);

/// A token that changes whenever what a monitor's status is computed from changes (its
/// observations' rows and decisions, its audit chain), for caching computed answers.
std::string monitor_version(store::Database& db, const std::string& name);

/// The monitor's audit records, oldest first, as JSON lines text (`verify-log` format).
std::string audit_text(store::Database& db, const std::string& name);

}  // namespace corridor::server
