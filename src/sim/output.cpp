// sim.json and timeseries.csv. Schema in docs/simulation.md; keys are stable.

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <system_error>

#include "corridor/core/artefact.hpp"
#include "corridor/core/csv.hpp"
#include "corridor/error.hpp"
#include "corridor/sim.hpp"

namespace corridor::sim {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kPercentileMethod = "fixed-bin histogram, bin {} days, linear within the bin";

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

// Reads sim.json back, collecting every missing or mistyped key with its JSON path.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void fail(const std::string& field, std::string message) {
    sink_.error(ErrorCode::kBadArtefact, file_, 0, 0, field, std::move(message));
  }
  void throw_if_errors() const { sink_.throw_if_errors(); }

  static std::string at(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }
  static std::string at(const std::string& path, std::size_t index) {
    return fmt::format("{}[{}]", path, index);
  }

  /// The member `key` of the object `obj` (found at `path`), or null after recording it.
  const nlohmann::json* member(const nlohmann::json& obj,
                               const std::string& path,
                               std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      fail(at(path, key), "required key is missing");
      return nullptr;
    }
    return &*it;
  }

  /// The member if it has the JSON type `want` ("object", "array", "string"), else null.
  const nlohmann::json* typed(const nlohmann::json& obj,
                              const std::string& path,
                              std::string_view key,
                              nlohmann::json::value_t want,
                              const char* expected) {
    const nlohmann::json* v = member(obj, path, key);
    if (v == nullptr) return nullptr;
    if (v->type() != want) {
      wrong(at(path, key), *v, expected);
      return nullptr;
    }
    return v;
  }
  const nlohmann::json* object(const nlohmann::json& obj,
                               const std::string& path,
                               std::string_view key) {
    return typed(obj, path, key, nlohmann::json::value_t::object, "an object");
  }
  const nlohmann::json* array(const nlohmann::json& obj,
                              const std::string& path,
                              std::string_view key) {
    return typed(obj, path, key, nlohmann::json::value_t::array, "an array");
  }

  void text(const nlohmann::json& obj,
            const std::string& path,
            std::string_view key,
            std::string& out) {
    if (auto* v = typed(obj, path, key, nlohmann::json::value_t::string, "a string"))
      out = v->get<std::string>();
  }
  void number(const nlohmann::json& obj,
              const std::string& path,
              std::string_view key,
              double& out) {
    const nlohmann::json* v = member(obj, path, key);
    if (v == nullptr) return;
    if (!v->is_number()) return wrong(at(path, key), *v, "a number");
    out = v->get<double>();
  }
  void integer(const nlohmann::json& obj, const std::string& path, std::string_view key, int& out) {
    const nlohmann::json* v = member(obj, path, key);
    if (v == nullptr) return;
    constexpr auto kMin = std::numeric_limits<int>::min();
    constexpr auto kMax = std::numeric_limits<int>::max();
    const bool fits = v->is_number_unsigned()
                          ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(kMax)
                          : v->is_number_integer() && v->get<std::int64_t>() >= kMin &&
                                v->get<std::int64_t>() <= kMax;
    if (!fits) return wrong(at(path, key), *v, "a whole number");
    out = v->get<int>();
  }
  void count(const nlohmann::json& obj,
             const std::string& path,
             std::string_view key,
             std::uint64_t& out) {
    const nlohmann::json* v = member(obj, path, key);
    if (v == nullptr) return;
    if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<std::int64_t>() >= 0))
      return wrong(at(path, key), *v, "a whole number >= 0");
    out = v->get<std::uint64_t>();
  }
  void stat(const nlohmann::json& obj, const std::string& path, std::string_view key, Stat& out) {
    const nlohmann::json* v = object(obj, path, key);
    if (v == nullptr) return;
    const std::string p = at(path, key);
    number(*v, p, "mean", out.mean);
    number(*v, p, "ci95", out.ci95);
    number(*v, p, "min", out.min);
    number(*v, p, "max", out.max);
  }

  /// Calls `each(element, path)` for every element of the array `key` that is an object.
  template <typename Each>
  void objects(const nlohmann::json& obj,
               const std::string& path,
               std::string_view key,
               const Each& each) {
    const nlohmann::json* a = array(obj, path, key);
    if (a == nullptr) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = at(at(path, key), i);
      if (!(*a)[i].is_object()) {
        wrong(p, (*a)[i], "an object");
        continue;
      }
      each((*a)[i], p);
    }
  }

  void wrong(const std::string& field, const nlohmann::json& v, const char* expected) {
    std::string got = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (got.size() > 40) got = got.substr(0, 37) + "...";
    fail(field, fmt::format("wrong type (got {} {}, expected {})", v.type_name(), got, expected));
  }

 private:
  std::string file_;
  DiagnosticSink sink_;
};

void read_delivery(Reader& in, const nlohmann::json& j, const std::string& path, DeliveryStats& d) {
  in.text(j, path, "zone", d.zone);
  // to_json writes promise_days for zones only, not for the overall "*" row.
  if (d.zone != "*") in.number(j, path, "promise_days", d.promise_days);
  in.stat(j, path, "orders", d.orders);
  in.stat(j, path, "delivered", d.delivered);
  in.stat(j, path, "mean_days", d.mean_days);
  in.stat(j, path, "p50_days", d.p50_days);
  in.stat(j, path, "p90_days", d.p90_days);
  in.stat(j, path, "p95_days", d.p95_days);
  in.stat(j, path, "p99_days", d.p99_days);
  in.stat(j, path, "max_days", d.max_days);
  in.stat(j, path, "on_time_share", d.on_time_share);
}

// "fixed-bin histogram, bin 0.01 days, linear within the bin" -> 0.01; false otherwise.
bool bin_days_of(const std::string& method, double& bin) {
  const std::string head = "fixed-bin histogram, bin ";
  const std::string tail = " days, linear within the bin";
  if (method.size() <= head.size() + tail.size() || method.rfind(head, 0) != 0 ||
      method.compare(method.size() - tail.size(), tail.size(), tail) != 0)
    return false;
  const char* first = method.data() + head.size();
  const char* last = method.data() + method.size() - tail.size();
  auto [end, ec] = std::from_chars(first, last, bin);
  return ec == std::errc() && end == last && std::isfinite(bin) && bin > 0.0;
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
  write_header(j,
               ArtefactHeader{schema_id(kSimSchema, kSimSchemaVersion),
                              r.corridor_version,
                              r.scenario,
                              r.variant,
                              r.scenario_fingerprint});
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
  j["delivery"] = Json{{"percentile_method", fmt::format(kPercentileMethod, r.histogram_bin_days)},
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

void from_json(const nlohmann::json& j, SimResult& r, const std::string& file) {
  Reader in(file);
  // A file that is not a sim.json is reported alone: every other key would be noise.
  DiagnosticSink header_sink;
  const ArtefactHeader header = read_header(j, kSimSchema, kSimSchemaVersion, file, header_sink);
  header_sink.throw_if_errors();

  SimResult out;
  out.scenario = header.scenario;
  out.variant = header.variant;
  out.scenario_fingerprint = header.scenario_fingerprint;
  out.corridor_version = header.corridor_version;
  if (const auto* h = in.object(j, "", "horizon")) {
    in.text(*h, "horizon", "start_date", out.start_date);
    in.integer(*h, "horizon", "days", out.days);
    in.integer(*h, "horizon", "warmup_days", out.warmup_days);
    in.integer(*h, "horizon", "replications", out.replications);
    in.count(*h, "horizon", "seed", out.seed);
  }
  if (const auto* o = in.object(j, "", "orders")) {
    in.stat(*o, "orders", "created", out.created);
    if (const auto* b = in.object(*o, "orders", "by_state")) {
      const std::string p = "orders.by_state";
      in.stat(*b, p, "delivered", out.delivered);
      in.stat(*b, p, "to_door", out.to_door);
      in.stat(*b, p, "at_warehouse", out.at_warehouse);
      in.stat(*b, p, "backordered", out.backordered);
      in.stat(*b, p, "at_hub", out.at_hub);
      in.stat(*b, p, "to_crossing", out.to_crossing);
      in.stat(*b, p, "at_crossing", out.at_crossing);
      in.stat(*b, p, "unserved", out.unserved);
    }
  }
  if (const auto* d = in.object(j, "", "delivery")) {
    std::string method;
    in.text(*d, "delivery", "percentile_method", method);
    if (d->contains("percentile_method") && (*d)["percentile_method"].is_string() &&
        !bin_days_of(method, out.histogram_bin_days))
      in.fail("delivery.percentile_method",
              fmt::format("not a method corridor writes (got \"{}\", expected \"{}\")",
                          method,
                          fmt::format(kPercentileMethod, "<days>")));
    if (const auto* o = in.object(*d, "delivery", "overall"))
      read_delivery(in, *o, "delivery.overall", out.overall);
    in.objects(*d, "delivery", "zones", [&](const nlohmann::json& z, const std::string& p) {
      read_delivery(in, z, p, out.zones.emplace_back());
    });
  }
  in.objects(j, "", "crossings", [&](const nlohmann::json& x, const std::string& p) {
    CrossingStats& c = out.crossings.emplace_back();
    in.text(x, p, "crossing", c.crossing);
    in.text(x, p, "name", c.name);
    in.text(x, p, "mode", c.mode);
    in.integer(x, p, "servers", c.servers);
    in.number(x, p, "service_hours", c.service_hours);
    in.stat(x, p, "units_per_day", c.units_per_day);
    in.stat(x, p, "corridor_units_per_day", c.corridor_units_per_day);
    in.stat(x, p, "parcels_per_day", c.parcels_per_day);
    in.stat(x, p, "wait_hours_mean", c.wait_hours_mean);
    in.stat(x, p, "wait_hours_max", c.wait_hours_max);
    in.stat(x, p, "queue_mean", c.queue_mean);
    in.stat(x, p, "queue_max", c.queue_max);
    in.stat(x, p, "in_system_mean", c.in_system_mean);
    in.stat(x, p, "system_hours_mean", c.system_hours_mean);
    in.stat(x, p, "arrivals_per_hour", c.arrivals_per_hour);
    in.stat(x, p, "little_gap", c.little_gap);
    in.stat(x, p, "utilisation", c.utilisation);
    in.stat(x, p, "utilisation_open", c.utilisation_open);
    in.stat(x, p, "open_share", c.open_share);
  });
  in.objects(j, "", "modes", [&](const nlohmann::json& x, const std::string& p) {
    ModeStats& m = out.modes.emplace_back();
    in.text(x, p, "mode", m.mode);
    in.integer(x, p, "crossings", m.crossings);
    in.stat(x, p, "units_per_day", m.units_per_day);
    in.stat(x, p, "corridor_units_per_day", m.corridor_units_per_day);
    in.stat(x, p, "parcels_per_day", m.parcels_per_day);
    in.stat(x, p, "wait_hours_mean", m.wait_hours_mean);
    in.stat(x, p, "wait_hours_max", m.wait_hours_max);
    in.stat(x, p, "queue_mean", m.queue_mean);
  });
  in.objects(j, "", "sites", [&](const nlohmann::json& x, const std::string& p) {
    SiteStats& w = out.sites.emplace_back();
    in.text(x, p, "site", w.site);
    in.number(x, p, "capacity_per_day", w.capacity_per_day);
    in.number(x, p, "order_up_to_days", w.order_up_to_days);
    in.stat(x, p, "orders", w.orders);
    in.stat(x, p, "backordered_orders", w.backordered_orders);
    in.stat(x, p, "fill_rate", w.fill_rate);
    in.stat(x, p, "stockout_days", w.stockout_days);
    in.stat(x, p, "stock_mean", w.stock_mean);
    in.stat(x, p, "replenished_per_day", w.replenished_per_day);
    in.stat(x, p, "pick_utilisation", w.pick_utilisation);
  });
  in.stat(j, "", "events_processed", out.events);
  in.objects(j, "", "replications", [&](const nlohmann::json& x, const std::string& p) {
    ReplicationSummary& run = out.runs.emplace_back();
    in.integer(x, p, "replication", run.index);
    std::string seed;
    in.text(x, p, "seed", seed);
    if (x.contains("seed") && x["seed"].is_string()) {
      auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), run.seed, 16);
      if (seed.empty() || ec != std::errc() || end != seed.data() + seed.size())
        in.fail(
            Reader::at(p, "seed"),
            fmt::format("not a hexadecimal seed (got \"{}\", expected up to 16 hex digits)", seed));
    }
    in.count(x, p, "events", run.events);
    if (const auto* o = in.object(x, p, "orders")) {
      const std::string q = Reader::at(p, "orders");
      in.count(*o, q, "created", run.orders.created);
      in.count(*o, q, "delivered", run.orders.delivered);
      in.count(*o, q, "to_door", run.orders.to_door);
      in.count(*o, q, "at_warehouse", run.orders.at_warehouse);
      in.count(*o, q, "backordered", run.orders.backordered);
      in.count(*o, q, "at_hub", run.orders.at_hub);
      in.count(*o, q, "to_crossing", run.orders.to_crossing);
      in.count(*o, q, "at_crossing", run.orders.at_crossing);
      in.count(*o, q, "unserved", run.orders.unserved);
    }
  });
  if (const auto* w = in.array(j, "", "warnings")) {
    for (std::size_t i = 0; i < w->size(); ++i) {
      if ((*w)[i].is_string()) {
        out.warnings.push_back((*w)[i].get<std::string>());
      } else {
        in.wrong(Reader::at("warnings", i), (*w)[i], "a string");
      }
    }
  }
  in.throw_if_errors();
  r = std::move(out);
}

void from_json(const nlohmann::json& j, SimResult& r) { from_json(j, r, std::string()); }

namespace {

// timeseries.csv: numbers to 9 significant digits, like sim.json.
core::CsvWriter series_csv(const TimeSeries& series) {
  std::vector<std::string> header{"date"};
  header.insert(header.end(), series.columns.begin(), series.columns.end());
  core::CsvWriter csv(std::move(header));
  for (std::size_t i = 0; i < series.rows.size(); ++i) {
    std::vector<std::string> row{series.dates[i]};
    for (double v : series.rows[i]) row.push_back(fmt::format("{:.9g}", v));
    csv.add_row(std::move(row));
  }
  return csv;
}

}  // namespace

void read_timeseries(const std::string& text, const std::string& file, TimeSeries& series) {
  DiagnosticSink sink;
  const core::CsvTable t = core::parse_csv(text, file, sink);
  sink.throw_if_errors();
  TimeSeries s;
  const auto& head = t.header.fields;
  if (head.empty() || head[0].text != "date")
    sink.error(ErrorCode::kBadArtefact,
               file,
               t.header.line,
               1,
               "date",
               "not a corridor timeseries.csv (expected a first column named date)");
  for (std::size_t c = 1; c < head.size(); ++c) s.columns.push_back(head[c].text);
  for (const auto& row : t.rows) {
    if (row.fields.size() != head.size()) continue;  // parse_csv reported it
    s.dates.push_back(row.fields[0].text);
    std::vector<double> values;
    for (std::size_t c = 1; c < row.fields.size(); ++c) {
      const auto& f = row.fields[c];
      double v = 0.0;
      const char* end = f.text.data() + f.text.size();
      const auto [ptr, ec] = std::from_chars(f.text.data(), end, v);
      if (ec != std::errc() || ptr != end)
        sink.error(ErrorCode::kBadArtefact,
                   file,
                   row.line,
                   f.column,
                   head[c].text,
                   fmt::format("not a number (got \"{}\")", f.text));
      values.push_back(v);
    }
    s.rows.push_back(std::move(values));
  }
  sink.throw_if_errors();
  series = std::move(s);
}

SimResult as_written(const SimResult& r) {
  Json j;
  to_json(j, r);
  SimResult back;
  from_json(nlohmann::json(j), back, "sim.json");
  read_timeseries(series_csv(r.series).str(), "timeseries.csv", back.series);
  return back;
}

void add_outputs(const SimResult& result, core::OutputSet& out) {
  Json j;
  to_json(j, result);
  out.add("sim.json", j.dump(2) + "\n");

  out.add("timeseries.csv", series_csv(result.series).str());
}

}  // namespace corridor::sim
