// The schema's numbered migrations, embedded from migrations/: NNNN_name.sql holds the
// portable SQL, and NNNN_name.postgres.sql, where present, replaces it on PostgreSQL
// (only where the dialects differ).

#include <cstdlib>
#include <map>
#include <stdexcept>

#include "assets.hpp"
#include "corridor/server.hpp"

namespace corridor::server {

std::vector<store::Migration> migrations() {
  std::map<int, store::Migration> by_version;
  constexpr std::string_view kPg = ".postgres.sql";
  for (const auto& file : sql::asset_names()) {
    const int version = std::atoi(file.substr(0, 4).c_str());
    if (version <= 0 || file.size() < 10 || file[4] != '_')
      throw std::logic_error("migration file not named NNNN_name.sql: " + file);
    auto& m = by_version[version];
    m.version = version;
    const bool pg =
        file.size() > kPg.size() && file.compare(file.size() - kPg.size(), kPg.size(), kPg) == 0;
    if (pg) {
      m.postgres_sql = std::string(sql::asset(file));
    } else {
      m.name = file.substr(5, file.size() - 5 - 4);
      m.sql = std::string(sql::asset(file));
    }
  }
  std::vector<store::Migration> out;
  int expected = 1;
  for (auto& [version, m] : by_version) {
    if (version != expected++ || m.sql.empty())
      throw std::logic_error("migrations must be numbered 1, 2, 3 … each with its portable .sql");
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace corridor::server
