// sim.json and timeseries.csv. Schema in docs/simulation.md; keys are stable.

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "corridor/error.hpp"
#include "corridor/sim.hpp"

namespace corridor::sim {
namespace {

using Json = nlohmann::ordered_json;

/// 9 significant digits: enough for every KPI, and the text does not depend on the
/// last bits of a double.
double r9(double x) {
  if (!std::isfinite(x) || x == 0.0) return std::isfinite(x) ? 0.0 : x;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", x);
  return std::strtod(buf, nullptr);
}

Json stat(const Stat& s) {
  return Json{{"mean", r9(s.mean)}, {"ci95", r9(s.ci95)}, {"min", r9(s.min)}, {"max", r9(s.max)}};
}

Json delivery(const DeliveryStats& d) {
  Json j;
  j["zone"] = d.zone;
  if (d.zone != "*") j["promise_days"] = r9(d.promise_days);
  j["orders"] = stat(d.orders);
  j["delivered"] = stat(d.delivered);
  j["mean_days"] = stat(d.mean_days);
  j["p50_days"] = stat(d.p50_days);
  j["p90_days"] = stat(d.p90_days);
  j["p95_days"] = stat(d.p95_days);
  j["p99_days"] = stat(d.p99_days);
  j["max_days"] = stat(d.max_days);
  j["on_time_share"] = stat(d.on_time_share);
  return j;
}

Json states(const OrderStates& s) {
  return Json{{"created", s.created},
              {"delivered", s.delivered},
              {"to_door", s.to_door},
              {"at_warehouse", s.at_warehouse},
              {"backordered", s.backordered},
              {"at_hub", s.at_hub},
              {"to_crossing", s.to_crossing},
              {"at_crossing", s.at_crossing},
              {"unserved", s.unserved}};
}

void write_atomically(const std::filesystem::path& path, const std::string& text) {
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    f.flush();
    if (!f) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw InputError({Diagnostic{ErrorCode::kOutputFailed,
                                   Severity::kError,
                                   path.string(),
                                   0,
                                   0,
                                   "",
                                   "cannot write the file"}});
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw InputError({Diagnostic{ErrorCode::kOutputFailed,
                                 Severity::kError,
                                 path.string(),
                                 0,
                                 0,
                                 "",
                                 "cannot rename the temporary file into place"}});
  }
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

Json crossing_json(const CrossingStats& c) {
  return Json{{"crossing", c.crossing},
              {"name", c.name},
              {"mode", c.mode},
              {"servers", c.servers},
              {"service_hours", r9(c.service_hours)},
              {"units_per_day", stat(c.units_per_day)},
              {"corridor_units_per_day", stat(c.corridor_units_per_day)},
              {"parcels_per_day", stat(c.parcels_per_day)},
              {"wait_hours_mean", stat(c.wait_hours_mean)},
              {"wait_hours_max", stat(c.wait_hours_max)},
              {"queue_mean", stat(c.queue_mean)},
              {"queue_max", stat(c.queue_max)},
              {"in_system_mean", stat(c.in_system_mean)},
              {"system_hours_mean", stat(c.system_hours_mean)},
              {"arrivals_per_hour", stat(c.arrivals_per_hour)},
              {"little_gap", stat(c.little_gap)},
              {"utilisation", stat(c.utilisation)},
              {"utilisation_open", stat(c.utilisation_open)},
              {"open_share", stat(c.open_share)}};
}

Json mode_json(const ModeStats& m) {
  return Json{{"mode", m.mode},
              {"crossings", m.crossings},
              {"units_per_day", stat(m.units_per_day)},
              {"corridor_units_per_day", stat(m.corridor_units_per_day)},
              {"parcels_per_day", stat(m.parcels_per_day)},
              {"wait_hours_mean", stat(m.wait_hours_mean)},
              {"wait_hours_max", stat(m.wait_hours_max)},
              {"queue_mean", stat(m.queue_mean)}};
}

Json site_json(const SiteStats& s) {
  return Json{{"site", s.site},
              {"capacity_per_day", r9(s.capacity_per_day)},
              {"order_up_to_days", r9(s.order_up_to_days)},
              {"orders", stat(s.orders)},
              {"backordered_orders", stat(s.backordered_orders)},
              {"fill_rate", stat(s.fill_rate)},
              {"stockout_days", stat(s.stockout_days)},
              {"stock_mean", stat(s.stock_mean)},
              {"replenished_per_day", stat(s.replenished_per_day)},
              {"pick_utilisation", stat(s.pick_utilisation)}};
}

}  // namespace

void to_json(nlohmann::ordered_json& j, const SimResult& r) {
  j = Json::object();
  j["schema"] = "corridor.sim/1";
  j["scenario"] = r.scenario;
  j["variant"] = r.variant;
  j["horizon"] = Json{{"start_date", r.start_date},
                      {"days", r.days},
                      {"warmup_days", r.warmup_days},
                      {"replications", r.replications},
                      {"seed", r.seed}};
  j["orders"] = Json{{"created", stat(r.created)},
                     {"by_state",
                      Json{{"delivered", stat(r.delivered)},
                           {"to_door", stat(r.to_door)},
                           {"at_warehouse", stat(r.at_warehouse)},
                           {"backordered", stat(r.backordered)},
                           {"at_hub", stat(r.at_hub)},
                           {"to_crossing", stat(r.to_crossing)},
                           {"at_crossing", stat(r.at_crossing)},
                           {"unserved", stat(r.unserved)}}}};
  Json zones = Json::array();
  for (const auto& z : r.zones) zones.push_back(delivery(z));
  j["delivery"] = Json{{"percentile_method",
                        fmt::format("fixed-bin histogram, bin {} days, linear within the bin",
                                    r.histogram_bin_days)},
                       {"overall", delivery(r.overall)},
                       {"zones", zones}};
  Json xs = Json::array();
  for (const auto& c : r.crossings) xs.push_back(crossing_json(c));
  j["crossings"] = xs;
  Json ms = Json::array();
  for (const auto& m : r.modes) ms.push_back(mode_json(m));
  j["modes"] = ms;
  Json ss = Json::array();
  for (const auto& s : r.sites) ss.push_back(site_json(s));
  j["sites"] = ss;
  j["events_processed"] = stat(r.events);
  Json runs = Json::array();
  for (const auto& run : r.runs)
    runs.push_back(Json{{"replication", run.index},
                        {"seed", fmt::format("{:016x}", run.seed)},
                        {"events", run.events},
                        {"orders", states(run.orders)}});
  j["replications"] = runs;
  j["warnings"] = r.warnings;
}

void write_outputs(const SimResult& result, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw InputError({Diagnostic{ErrorCode::kOutputFailed,
                                 Severity::kError,
                                 dir,
                                 0,
                                 0,
                                 "",
                                 "cannot create the output folder: " + ec.message()}});
  Json j;
  to_json(j, result);
  write_atomically(std::filesystem::path(dir) / "sim.json", j.dump(2) + "\n");

  std::string csv = "date";
  for (const auto& c : result.series.columns) csv += "," + csv_field(c);
  csv += "\n";
  for (std::size_t i = 0; i < result.series.rows.size(); ++i) {
    csv += result.series.dates[i];
    for (double v : result.series.rows[i]) csv += fmt::format(",{:.9g}", v);
    csv += "\n";
  }
  write_atomically(std::filesystem::path(dir) / "timeseries.csv", csv);
}

}  // namespace corridor::sim
