#include "scenarios.hpp"

#include <ctime>

namespace corridor::server {

namespace {

using Json = nlohmann::json;
using store::Value;

Json names_json(const std::string& name, const scenario::LocalNames& n) {
  return {{"name", name}, {"name_ru", n.ru}, {"name_kk", n.kk}, {"name_zh", n.zh}};
}

Json version_json(const store::Row& r, std::size_t first) {
  return {{"version", r.integer(first)},
          {"fingerprint", r.text(first + 1)},
          {"published", r.integer(first + 2) != 0},
          {"created_at", r.text(first + 3)}};
}

}  // namespace

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool valid_scenario_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  for (const char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

Json scenario_detail(const scenario::Scenario& s) {
  Json nodes = Json::array();
  for (const auto& n : s.nodes) {
    Json j = names_json(n.name, n.names);
    j.update({{"id", n.id},
              {"name_local", n.name_local},
              {"kind", scenario::to_string(n.kind)},
              {"country", scenario::to_string(n.country)},
              {"lat", n.lat},
              {"lon", n.lon}});
    nodes.push_back(std::move(j));
  }
  Json crossings = Json::array();
  for (const auto& c : s.crossings) {
    Json j = names_json(c.name, c.names);
    j.update({{"id", c.id},
              {"mode", scenario::to_string(c.mode)},
              {"cn_node", c.cn_node},
              {"kz_node", c.kz_node},
              {"capacity_per_day", c.capacity_per_day},
              {"unit", scenario::to_string(c.unit)},
              {"status", scenario::to_string(c.status)}});
    crossings.push_back(std::move(j));
  }
  Json links = Json::array();
  for (const auto& l : s.links)
    links.push_back(
        {{"id", l.id}, {"from", l.from}, {"to", l.to}, {"mode", scenario::to_string(l.mode)}});
  Json sites = Json::array();
  for (const auto& w : s.sites)
    for (const auto& z : w.sizes)
      sites.push_back({{"site", w.id},
                       {"node", w.node},
                       {"size", z.size},
                       {"capacity_per_day", z.capacity_per_day},
                       {"fixed_cost_per_year", z.fixed_cost_per_year.value()}});
  Json zones = Json::array();
  for (const auto& z : s.zones)
    zones.push_back({{"id", z.id}, {"node", z.node}, {"parcels_per_day", z.parcels_per_day}});
  Json variants = Json::array();
  for (const auto& v : s.variants)
    variants.push_back({{"name", v.name}, {"description", v.description}});
  return {{"scenario", s.name},
          {"description", s.description},
          {"info", scenario::info_json(s)},
          {"variants", variants},
          {"nodes", nodes},
          {"crossings", crossings},
          {"links", links},
          {"sites", sites},
          {"zones", zones}};
}

AddedVersion add_version(store::Database& db,
                         const std::string& name,
                         const Files& files,
                         std::optional<std::int64_t> user) {
  // Diagnostics name files as in the uploaded folder ("nodes.csv:3:5").
  const scenario::Scenario s = scenario::load_from_memory(files, {}, {});
  const std::string fingerprint = scenario::fingerprint(s);
  const std::string detail = scenario_detail(s).dump();
  const Value who = user ? Value{*user} : Value{};
  AddedVersion added;
  added.fingerprint = fingerprint;
  db.write([&](store::Tx& tx) {
    const std::string now = now_utc();
    auto id = tx.query_one("SELECT id FROM scenarios WHERE name = ?", std::vector<Value>{name});
    std::int64_t scenario_id = 0;
    if (id) {
      scenario_id = id->integer(0);
    } else {
      scenario_id = tx.query_one(
                          "INSERT INTO scenarios (name, created_by, created_at) VALUES (?, ?, ?) "
                          "RETURNING id",
                          std::vector<Value>{name, who, now})
                        ->integer(0);
    }
    auto latest = tx.query_one(
        "SELECT id, version, fingerprint FROM scenario_versions WHERE scenario_id = ? ORDER BY "
        "version DESC LIMIT 1",
        std::vector<Value>{scenario_id});
    if (latest && latest->text(2) == fingerprint) {
      added = {latest->integer(0), static_cast<int>(latest->integer(1)), fingerprint, false};
      return;
    }
    added.version = latest ? static_cast<int>(latest->integer(1)) + 1 : 1;
    added.version_id =
        tx.query_one(
              "INSERT INTO scenario_versions (scenario_id, version, fingerprint, summary_json, "
              "created_by, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
              std::vector<Value>{
                  scenario_id, std::int64_t{added.version}, fingerprint, detail, who, now})
            ->integer(0);
    for (const auto& [path, content] : files)
      tx.exec("INSERT INTO scenario_files (version_id, path, content) VALUES (?, ?, ?)",
              std::vector<Value>{added.version_id, path, store::Blob{content}});
  });
  return added;
}

Json list_scenarios(store::Database& db, bool unpublished) {
  Json out = Json::array();
  db.read([&](store::Tx& tx) {
    const auto rows = tx.query(
        "SELECT s.name, v.version, v.fingerprint, v.published, v.created_at, v.summary_json "
        "FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id "
        "WHERE v.version = (SELECT MAX(w.version) FROM scenario_versions w "
        "                   WHERE w.scenario_id = s.id AND (? = 1 OR w.published = 1)) "
        "ORDER BY s.name",
        std::vector<Value>{std::int64_t{unpublished ? 1 : 0}});
    for (const auto& r : rows) {
      Json latest = version_json(r, 1);
      const Json detail = Json::parse(r.text(5));
      latest["summary"] = detail.value("info", Json::object());
      out.push_back({{"name", r.text(0)}, {"latest", latest}});
    }
  });
  return out;
}

std::optional<Json> scenario_versions(store::Database& db,
                                      const std::string& name,
                                      bool unpublished) {
  Json versions = Json::array();
  db.read([&](store::Tx& tx) {
    for (const auto& r : tx.query(
             "SELECT v.version, v.fingerprint, v.published, v.created_at FROM scenario_versions v "
             "JOIN scenarios s ON s.id = v.scenario_id WHERE s.name = ? AND (? = 1 OR v.published "
             "= 1) "
             "ORDER BY v.version",
             std::vector<Value>{name, std::int64_t{unpublished ? 1 : 0}}))
      versions.push_back(version_json(r, 0));
  });
  if (versions.empty()) return std::nullopt;
  return Json{{"name", name}, {"versions", versions}};
}

std::optional<VersionRow> find_version(store::Database& db,
                                       const std::string& name,
                                       int version,
                                       bool unpublished) {
  std::optional<VersionRow> out;
  db.read([&](store::Tx& tx) {
    auto r = tx.query_one(
        "SELECT v.id, v.version, v.fingerprint, v.published, v.created_at, v.summary_json "
        "FROM scenario_versions v JOIN scenarios s ON s.id = v.scenario_id "
        "WHERE s.name = ? AND v.version = ? AND (? = 1 OR v.published = 1)",
        std::vector<Value>{name, std::int64_t{version}, std::int64_t{unpublished ? 1 : 0}});
    if (!r) return;
    out = VersionRow{r->integer(0),
                     static_cast<int>(r->integer(1)),
                     r->text(2),
                     r->integer(3) != 0,
                     r->text(4),
                     Json::parse(r->text(5))};
  });
  return out;
}

Files version_files(store::Database& db, std::int64_t version_id) {
  Files files;
  db.read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT path, content FROM scenario_files WHERE version_id = ?",
                                  std::vector<Value>{version_id}))
      files.emplace(r.text(0), r.blob(1));
  });
  return files;
}

bool set_published(store::Database& db, std::int64_t version_id, bool published) {
  std::int64_t changed = 0;
  db.write([&](store::Tx& tx) {
    changed = tx.exec("UPDATE scenario_versions SET published = ? WHERE id = ?",
                      std::vector<Value>{std::int64_t{published ? 1 : 0}, version_id});
  });
  return changed > 0;
}

}  // namespace corridor::server
