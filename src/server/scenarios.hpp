#pragma once
// Scenarios in the workspace: each upload of a name is a new version, validated by the
// same loader as `corridor validate` and identified by its fingerprint; the files are
// kept in the database, so any version can be downloaded again or run by a worker on
// another machine.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "corridor/scenario.hpp"
#include "corridor/store.hpp"
#include "upload.hpp"

namespace corridor::server {

/// 1–64 of [A-Za-z0-9._-], not starting with a dot.
bool valid_scenario_name(std::string_view name);

/// What a page needs to show a scenario: its summary (`corridor info --json`), variants,
/// nodes with coordinates and names in every language, links, crossings, sites, zones.
nlohmann::json scenario_detail(const scenario::Scenario& s);

struct AddedVersion {
  std::int64_t version_id = 0;
  int version = 0;
  std::string fingerprint;
  bool created = true;  // false: identical to the latest version, which is returned
};

/// Validates `files` (throws corridor::InputError with every problem, file:line:column)
/// and stores them as the next version of `name`.
AddedVersion add_version(store::Database& db,
                         const std::string& name,
                         const Files& files,
                         std::optional<std::int64_t> user);

/// [{name, latest:{version, fingerprint, published, created_at, summary}}]; without
/// `unpublished`, only published versions count.
nlohmann::json list_scenarios(store::Database& db, bool unpublished);

/// {name, versions:[{version, fingerprint, published, created_at}]}; nullopt when the
/// name has no version the caller may see.
std::optional<nlohmann::json> scenario_versions(store::Database& db,
                                                const std::string& name,
                                                bool unpublished);

struct VersionRow {
  std::int64_t id = 0;
  int version = 0;
  std::string fingerprint;
  bool published = false;
  std::string created_at;
  nlohmann::json detail;
};

std::optional<VersionRow> find_version(store::Database& db,
                                       const std::string& name,
                                       int version,
                                       bool unpublished);
Files version_files(store::Database& db, std::int64_t version_id);
bool set_published(store::Database& db, std::int64_t version_id, bool published);

/// UTC now as "2026-12-01T13:35:00Z".
std::string now_utc();

}  // namespace corridor::server
