#include "output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "corridor/design.hpp"
#include "corridor/error.hpp"

namespace corridor::design {

namespace fs = std::filesystem;

namespace {

std::string quote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw InputError({Diagnostic{ErrorCode::kOutputFailed, Severity::kError, path, 0, 0, "", what}});
}

}  // namespace

std::string CsvBuilder::str() const {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += quote(cells[i]);
    }
    out += '\n';
  };
  line(header_);
  for (const auto& r : rows_) line(r);
  return out;
}

std::string num(double v) { return fmt::format("{}", v); }

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ';';
    s += items[i];
  }
  return s;
}

void write_files_atomically(const std::string& dir,
                            const std::vector<std::pair<std::string, std::string>>& files) {
  std::error_code ec;
  const fs::path target = fs::path(dir).lexically_normal();
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) fail(parent.string(), "cannot create folder: " + ec.message());
  const fs::path tmp =
      parent / fmt::format(".{}.tmp-{}", target.filename().string(), static_cast<long>(getpid()));
  fs::remove_all(tmp, ec);
  if (!fs::create_directory(tmp, ec) || ec)
    fail(tmp.string(), "cannot create temporary folder: " + ec.message());
  try {
    for (const auto& [name, content] : files) {
      const fs::path p = tmp / name;
      std::ofstream out(p, std::ios::binary);
      out << content;
      out.close();
      if (!out) fail(p.string(), "cannot write file");
    }
    if (!fs::exists(target)) {
      fs::rename(tmp, target, ec);
      if (ec) fail(target.string(), "cannot move outputs into place: " + ec.message());
      return;
    }
    if (!fs::is_directory(target)) fail(target.string(), "exists and is not a folder");
    for (const auto& [name, content] : files) {
      fs::rename(tmp / name, target / name, ec);
      if (ec) fail((target / name).string(), "cannot move output into place: " + ec.message());
    }
    fs::remove_all(tmp, ec);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
}

void write_plan_outputs(const Plan& p, const std::string& dir) {
  CsvBuilder wh({"site",
                 "node",
                 "name",
                 "size",
                 "capacity_per_day",
                 "fixed_cost_per_year",
                 "handling_cost_per_parcel",
                 "throughput_per_day",
                 "utilisation",
                 "existing",
                 "zones"});
  for (const auto& w : p.warehouses)
    wh.add_row({w.site,
                w.node,
                w.name,
                w.size,
                num(w.capacity_per_day),
                num(w.fixed_cost_per_year),
                num(w.handling_cost_per_parcel),
                num(w.throughput_per_day),
                num(w.utilisation),
                w.existing ? "yes" : "no",
                join(w.zones)});
  CsvBuilder cx({"crossing",
                 "name",
                 "mode",
                 "status",
                 "usable",
                 "capacity_parcels_per_day",
                 "flow_parcels_per_day",
                 "flow_units_per_day",
                 "utilisation",
                 "shadow_price_per_unit_day"});
  for (const auto& x : p.crossings)
    cx.add_row({x.crossing,
                x.name,
                x.mode,
                x.status,
                x.usable ? "yes" : "no",
                num(x.capacity_parcels_per_day),
                num(x.flow_parcels_per_day),
                num(x.flow_units_per_day),
                num(x.utilisation),
                num(x.shadow_price_per_unit_day)});
  CsvBuilder fl({"channel",
                 "hub",
                 "crossing",
                 "site",
                 "zone",
                 "parcels_per_day",
                 "cost_per_parcel",
                 "hours",
                 "mode",
                 "route",
                 "legs"});
  for (const auto& f : p.flows)
    fl.add_row({f.channel,
                f.hub,
                f.crossing,
                f.site,
                f.zone,
                num(f.parcels_per_day),
                num(f.cost_per_parcel),
                num(f.hours),
                f.mode,
                join(f.route),
                join(f.legs)});
  CsvBuilder zn({"zone",
                 "node",
                 "name",
                 "demand_per_day",
                 "stocked_per_day",
                 "direct_per_day",
                 "unmet_per_day",
                 "main_site",
                 "promise_days",
                 "delivery_days",
                 "cost_per_parcel",
                 "late"});
  for (const auto& z : p.zones)
    zn.add_row({z.zone,
                z.node,
                z.name,
                num(z.demand_per_day),
                num(z.stocked_per_day),
                num(z.direct_per_day),
                num(z.unmet_per_day),
                z.main_site,
                num(z.promise_days),
                num(z.delivery_days),
                num(z.cost_per_parcel),
                z.late ? "yes" : "no"});
  CsvBuilder um({"zone", "part", "parcels_per_day", "reason", "binding"});
  for (const auto& u : p.unmet)
    um.add_row({u.zone, u.part, num(u.parcels_per_day), u.reason, u.binding});

  nlohmann::json j = p;
  write_files_atomically(dir,
                         {{"plan.json", j.dump(2) + "\n"},
                          {"warehouses.csv", wh.str()},
                          {"crossings.csv", cx.str()},
                          {"flows.csv", fl.str()},
                          {"zones.csv", zn.str()},
                          {"unmet.csv", um.str()}});
}

}  // namespace corridor::design
