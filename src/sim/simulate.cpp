// simulate(): replications in parallel (each on its own seeded stream, results stored
// by replication index so the thread count never changes them), then aggregation into
// means and Student-t 95 % confidence intervals.

#include <algorithm>
#include <chrono>
#include <exception>
#include <thread>

#include "calendar.hpp"
#include "corridor/sim.hpp"
#include "model.hpp"

namespace corridor::sim {
namespace {

template <typename F>
Stat stat_of(const std::vector<RepOut>& reps, F&& value) {
  std::vector<double> v;
  v.reserve(reps.size());
  for (const auto& r : reps) v.push_back(static_cast<double>(value(r)));
  const Summary s = summarise(v);
  return Stat{s.mean, s.ci95, s.min, s.max};
}

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

DeliveryStats delivery_stats(const std::vector<RepOut>& reps,
                             const std::vector<Histogram>& hists,
                             const std::vector<std::uint64_t>& created,
                             const std::vector<std::uint64_t>& on_time,
                             const std::string& zone,
                             double promise) {
  DeliveryStats d;
  d.zone = zone;
  d.promise_days = promise;
  auto by_index = [&](auto&& f) {
    std::vector<double> v;
    for (std::size_t r = 0; r < reps.size(); ++r) v.push_back(f(r));
    const Summary s = summarise(v);
    return Stat{s.mean, s.ci95, s.min, s.max};
  };
  d.orders = by_index([&](std::size_t r) { return static_cast<double>(created[r]); });
  d.delivered = by_index([&](std::size_t r) { return static_cast<double>(hists[r].count()); });
  d.mean_days = by_index([&](std::size_t r) { return hists[r].mean(); });
  d.p50_days = by_index([&](std::size_t r) { return hists[r].quantile(0.50); });
  d.p90_days = by_index([&](std::size_t r) { return hists[r].quantile(0.90); });
  d.p95_days = by_index([&](std::size_t r) { return hists[r].quantile(0.95); });
  d.p99_days = by_index([&](std::size_t r) { return hists[r].quantile(0.99); });
  d.max_days = by_index([&](std::size_t r) { return hists[r].max(); });
  d.on_time_share = by_index([&](std::size_t r) {
    return ratio(static_cast<double>(on_time[r]), static_cast<double>(hists[r].count()));
  });
  return d;
}

/// Runs the R replications on `threads` workers, each on stream_seed(seed, r) and stored
/// by index; reports progress from the calling thread. Rethrows a replication's error.
std::vector<RepOut> run_replications(const ModelInput& in, const SimOptions& options) {
  const int R = options.replications;
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, R);

  std::vector<RepOut> reps(static_cast<std::size_t>(R));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(R));
  std::atomic<int> next{0}, finished{0};
  std::atomic<double> days_done{0.0};
  std::atomic<std::uint64_t> events_done{0};
  auto worker = [&] {
    for (;;) {
      const int r = next.fetch_add(1);
      if (r >= R) return;
      try {
        reps[static_cast<std::size_t>(r)] = run_replication(
            in, stream_seed(options.seed, static_cast<std::uint64_t>(r)), &days_done, &events_done);
      } catch (...) {
        errors[static_cast<std::size_t>(r)] = std::current_exception();
      }
      finished.fetch_add(1);
    }
  };
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  if (options.on_progress) {
    double last_report = 0.0;
    while (finished.load() < R) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      const double el =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (el >= options.progress_after_seconds && el - last_report >= 1.0) {
        last_report = el;
        SimProgress p;
        p.simulated_days = days_done.load();
        p.total_days = static_cast<double>(R) * in.total_days;
        p.events = events_done.load();
        p.elapsed_seconds = el;
        options.on_progress(p);
      }
    }
  }
  for (auto& t : pool) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  return reps;
}

/// Orders by final state and events, across replications, and each run's exact counts.
void add_order_stats(SimResult& res, const std::vector<RepOut>& reps, std::uint64_t seed) {
  res.created = stat_of(reps, [](const RepOut& r) { return r.states.created; });
  res.delivered = stat_of(reps, [](const RepOut& r) { return r.states.delivered; });
  res.to_door = stat_of(reps, [](const RepOut& r) { return r.states.to_door; });
  res.at_warehouse = stat_of(reps, [](const RepOut& r) { return r.states.at_warehouse; });
  res.backordered = stat_of(reps, [](const RepOut& r) { return r.states.backordered; });
  res.at_hub = stat_of(reps, [](const RepOut& r) { return r.states.at_hub; });
  res.to_crossing = stat_of(reps, [](const RepOut& r) { return r.states.to_crossing; });
  res.at_crossing = stat_of(reps, [](const RepOut& r) { return r.states.at_crossing; });
  res.unserved = stat_of(reps, [](const RepOut& r) { return r.states.unserved; });
  res.events = stat_of(reps, [](const RepOut& r) { return r.events; });
  for (std::size_t r = 0; r < reps.size(); ++r) {
    ReplicationSummary s;
    s.index = static_cast<int>(r);
    s.seed = stream_seed(seed, static_cast<std::uint64_t>(r));
    s.orders = reps[r].states;
    s.events = reps[r].events;
    res.runs.push_back(s);
  }
}

/// Delivery times: per zone, and all zones (merged histograms).
void add_delivery_stats(SimResult& res, const std::vector<RepOut>& reps, const ModelInput& in) {
  std::vector<Histogram> all(reps.size(), Histogram(in.bin_days, in.max_days));
  std::vector<std::uint64_t> all_created(reps.size(), 0), all_on_time(reps.size(), 0);
  for (std::size_t z = 0; z < in.zones.size(); ++z) {
    std::vector<Histogram> h;
    std::vector<std::uint64_t> created, on_time;
    for (std::size_t r = 0; r < reps.size(); ++r) {
      const auto& zr = reps[r].zones[z];
      h.push_back(zr.hist);
      created.push_back(zr.created);
      on_time.push_back(zr.on_time);
      all[r].merge(zr.hist);
      all_created[r] += zr.created;
      all_on_time[r] += zr.on_time;
    }
    res.zones.push_back(
        delivery_stats(reps, h, created, on_time, in.zones[z].id, in.zones[z].promise_days));
  }
  res.overall = delivery_stats(reps, all, all_created, all_on_time, "*", 0.0);
}

/// KPIs of crossing `x` over the measured window of `window` hours.
CrossingStats crossing_stats(const std::vector<RepOut>& reps,
                             const CrossingIn& xi,
                             std::size_t x,
                             double window) {
  CrossingStats c;
  c.crossing = xi.id;
  c.name = xi.name;
  c.mode = xi.mode;
  c.servers = xi.servers;
  c.service_hours = xi.service_mean;
  auto X = [&](auto&& f) {
    return stat_of(reps, [&](const RepOut& r) { return f(r.crossings[x]); });
  };
  using C = RepOut::Crossing;
  c.units_per_day = X([&](const C& o) { return 24.0 * static_cast<double>(o.arrivals) / window; });
  c.corridor_units_per_day =
      X([&](const C& o) { return 24.0 * static_cast<double>(o.corridor_units) / window; });
  c.parcels_per_day = X([&](const C& o) { return 24.0 * static_cast<double>(o.parcels) / window; });
  c.wait_hours_mean = X([](const C& o) { return ratio(o.wait_sum, static_cast<double>(o.waits)); });
  c.wait_hours_max = X([](const C& o) { return o.wait_max; });
  c.queue_mean = X([](const C& o) { return o.queue_mean; });
  c.queue_max = X([](const C& o) { return o.queue_max; });
  c.in_system_mean = X([](const C& o) { return o.system_mean; });
  c.system_hours_mean =
      X([](const C& o) { return ratio(o.system_sum, static_cast<double>(o.done)); });
  c.arrivals_per_hour = X([&](const C& o) { return static_cast<double>(o.arrivals) / window; });
  c.little_gap = X([&](const C& o) {
    const double lambda = static_cast<double>(o.arrivals) / window;
    const double w = ratio(o.system_sum, static_cast<double>(o.done));
    return o.system_mean > 0 ? (o.system_mean - lambda * w) / o.system_mean : 0.0;
  });
  c.utilisation = X([&](const C& o) { return o.busy_mean / xi.servers; });
  c.utilisation_open =
      X([&](const C& o) { return ratio(o.busy_mean * window, xi.servers * o.open_hours); });
  c.open_share = X([&](const C& o) { return o.open_hours / window; });
  return c;
}

/// KPIs of the crossings `xs` of one mode together.
ModeStats mode_stats(const std::vector<RepOut>& reps,
                     const char* mode,
                     const std::vector<std::size_t>& xs,
                     double window) {
  ModeStats m;
  m.mode = mode;
  m.crossings = static_cast<int>(xs.size());
  auto M = [&](auto&& f) {
    return stat_of(reps, [&](const RepOut& r) {
      RepOut::Crossing sum;
      for (std::size_t x : xs) {
        const auto& o = r.crossings[x];
        sum.arrivals += o.arrivals;
        sum.corridor_units += o.corridor_units;
        sum.parcels += o.parcels;
        sum.waits += o.waits;
        sum.wait_sum += o.wait_sum;
        sum.wait_max = std::max(sum.wait_max, o.wait_max);
        sum.queue_mean += o.queue_mean;
      }
      return f(sum);
    });
  };
  using C = RepOut::Crossing;
  m.units_per_day = M([&](const C& o) { return 24.0 * static_cast<double>(o.arrivals) / window; });
  m.corridor_units_per_day =
      M([&](const C& o) { return 24.0 * static_cast<double>(o.corridor_units) / window; });
  m.parcels_per_day = M([&](const C& o) { return 24.0 * static_cast<double>(o.parcels) / window; });
  m.wait_hours_mean = M([](const C& o) { return ratio(o.wait_sum, static_cast<double>(o.waits)); });
  m.wait_hours_max = M([](const C& o) { return o.wait_max; });
  m.queue_mean = M([](const C& o) { return o.queue_mean; });
  return m;
}

/// Crossing KPIs, then per mode ("rail", "road") for the modes in use.
void add_crossing_stats(SimResult& res, const std::vector<RepOut>& reps, const ModelInput& in) {
  const double window = 24.0 * in.days;
  for (std::size_t x = 0; x < in.crossings.size(); ++x)
    res.crossings.push_back(crossing_stats(reps, in.crossings[x], x, window));
  for (const char* mode : {"rail", "road"}) {
    std::vector<std::size_t> xs;
    for (std::size_t x = 0; x < in.crossings.size(); ++x)
      if (in.crossings[x].mode == mode) xs.push_back(x);
    if (!xs.empty()) res.modes.push_back(mode_stats(reps, mode, xs, window));
  }
}

void add_site_stats(SimResult& res, const std::vector<RepOut>& reps, const ModelInput& in) {
  const double window = 24.0 * in.days;
  for (std::size_t s = 0; s < in.sites.size(); ++s) {
    const auto& si = in.sites[s];
    SiteStats st;
    st.site = si.id;
    st.capacity_per_day = si.capacity_per_day;
    st.order_up_to_days = si.cover_days;
    auto S = [&](auto&& f) {
      return stat_of(reps, [&](const RepOut& r) { return f(r.sites[s]); });
    };
    using O = RepOut::Site;
    st.orders = S([](const O& o) { return o.orders; });
    st.backordered_orders = S([](const O& o) { return o.backordered; });
    st.fill_rate = S([](const O& o) {
      return o.orders ? 1.0 - static_cast<double>(o.backordered) / static_cast<double>(o.orders)
                      : 1.0;
    });
    st.stockout_days = S([](const O& o) { return o.stockout_days; });
    st.stock_mean = S([](const O& o) { return o.stock_mean; });
    st.replenished_per_day =
        S([&](const O& o) { return 24.0 * static_cast<double>(o.received) / window; });
    st.pick_utilisation = S([&](const O& o) {
      return ratio(24.0 * static_cast<double>(o.picks) / window, si.capacity_per_day);
    });
    res.sites.push_back(st);
  }
}

/// Day `d`'s row of the series: mean over replications.
std::vector<double> series_row(const std::vector<RepOut>& reps, const ModelInput& in, int d) {
  const auto dd = static_cast<std::size_t>(d);
  const double nr = static_cast<double>(reps.size());
  std::vector<double> row{static_cast<double>(d)};
  double orders = 0, deliveries = 0, backlog = 0, dsum = 0, dcnt = 0;
  for (const auto& r : reps) {
    orders += r.created_by_day[dd];
    deliveries += r.delivered_by_day[dd];
    backlog += r.backlog_by_day[dd];
    dsum += r.del_sum_by_day[dd];
    dcnt += r.del_cnt_by_day[dd];
  }
  row.push_back(orders / nr);
  row.push_back(deliveries / nr);
  row.push_back(backlog / nr);
  row.push_back(ratio(dsum, dcnt));
  for (std::size_t x = 0; x < in.crossings.size(); ++x) {
    double v = 0;
    for (const auto& r : reps) v += r.queue_by_day[x][dd];
    row.push_back(v / nr);
  }
  for (std::size_t s = 0; s < in.sites.size(); ++s) {
    double v = 0;
    for (const auto& r : reps) v += r.stock_by_day[s][dd];
    row.push_back(v / nr);
  }
  return row;
}

void add_time_series(SimResult& res, const std::vector<RepOut>& reps, const ModelInput& in) {
  auto& ts = res.series;
  ts.columns = {"day", "orders", "deliveries", "backordered", "mean_delivery_days"};
  for (const auto& x : in.crossings) ts.columns.push_back("queue:" + x.id);
  for (const auto& s : in.sites) ts.columns.push_back("stock:" + s.id);
  for (int d = 0; d < in.days; ++d) {
    ts.dates.push_back(format_iso_date(in.first_day + in.warmup_days + d));
    ts.rows.push_back(series_row(reps, in, d));
  }
}

}  // namespace

SimResult simulate(const scenario::Scenario& scenario,
                   const design::Plan& plan,
                   const SimOptions& options) {
  const ModelInput in = prepare(scenario, plan, options);
  const std::vector<RepOut> reps = run_replications(in, options);

  SimResult res;
  res.scenario = scenario.name;
  res.variant = scenario.variant;
  res.scenario_fingerprint = scenario::fingerprint(scenario);
  res.corridor_version = CORRIDOR_VERSION;
  res.start_date = format_iso_date(in.first_day + in.warmup_days);
  res.days = in.days;
  res.warmup_days = in.warmup_days;
  res.replications = options.replications;
  res.seed = options.seed;
  res.warnings = in.warnings;
  res.histogram_bin_days = in.bin_days;
  add_order_stats(res, reps, options.seed);
  add_delivery_stats(res, reps, in);
  add_crossing_stats(res, reps, in);
  add_site_stats(res, reps, in);
  if (in.time_series) add_time_series(res, reps, in);
  return res;
}

}  // namespace corridor::sim
