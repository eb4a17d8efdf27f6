// run_replication(): the corridor model's event handlers (see model.hpp and
// docs/simulation.md for what each event means).

#include "model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <deque>
#include <limits>
#include <stdexcept>

#include "engine.hpp"

namespace corridor::sim {
namespace {

enum Kind : std::uint32_t {
  kDayStart,
  kArrival,
  kReview,
  kTrain,
  kTruckTimeout,
  kUnitAtCrossing,
  kServiceDone,
  kUnitLeaves,
  kSiteReceive,
  kReopen,
  kBackground,
};

struct Ev {
  std::uint32_t kind = 0;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t pad = 0;
};

struct Parcel {
  double ordered = 0.0;  // order time
  std::uint32_t choice = 0;
};

enum Where : std::uint8_t { kFree, kToCrossing, kAtCrossing, kToSite };

struct Consignment {
  std::uint32_t lane = kNone;  // kNone: background freight
  std::uint32_t crossing = 0;
  std::uint32_t repl = 0;       // replenishment parcels
  std::vector<Parcel> parcels;  // direct parcels
  double arrived = 0.0;         // at the crossing
  Where where = kFree;
};

struct LaneState {
  std::vector<Parcel> buf;   // direct parcels waiting at the hub
  std::uint64_t repl = 0;    // replenishment parcels waiting at the hub
  std::uint32_t serial = 0;  // current truck (stale timeouts are ignored)
};

struct CrossingState {
  std::deque<std::uint32_t> queue;
  int busy = 0;
  bool reopen_pending = false;
  TimeAverage q, sys, busy_avg;
  double q_area_day = 0.0;  // q.area at the last day start
};

struct Backorder {
  double ordered = 0.0;
  std::uint32_t choice = 0;
};

struct SiteState {
  std::int64_t stock = 0;
  std::int64_t on_order = 0;
  std::deque<Backorder> backorders;
  double pick_free_at = 0.0;
  TimeAverage stock_avg;
};

class Replication {
 public:
  Replication(const ModelInput& in, std::uint64_t seed) : in_(in), rng_(seed) {
    t_measure_ = 24.0 * in.warmup_days;
    t_end_ = 24.0 * in.total_days;
    lanes_.resize(in.lanes.size());
    crossings_.resize(in.crossings.size());
    sites_.resize(in.sites.size());
    out_.zones.resize(in.zones.size());
    for (auto& z : out_.zones) z.hist = Histogram(in.bin_days, in.max_days);
    out_.crossings.resize(in.crossings.size());
    out_.sites.resize(in.sites.size());
    const auto nd = static_cast<std::size_t>(in.total_days) + 1;
    created_by_day_.assign(nd, 0.0);
    delivered_by_day_.assign(nd + 1, 0.0);
    del_sum_.assign(nd, 0.0);
    del_cnt_.assign(nd, 0.0);
    backlog_.assign(nd, 0.0);
    if (in.time_series) {
      queue_day_.assign(in.crossings.size(), std::vector<double>(nd, 0.0));
      stock_day_.assign(in.sites.size(), std::vector<double>(nd, 0.0));
    }
    weights_.resize(in.choices.size());
  }

  RepOut run(std::atomic<double>* days_done, std::atomic<std::uint64_t>* events_done) {
    // Initial stock: each warehouse starts at its order-up-to level.
    for (std::uint32_t s = 0; s < sites_.size(); ++s) {
      sites_[s].stock = static_cast<std::int64_t>(std::floor(order_up_to(s, 0)));
      initial_stock_ += static_cast<std::uint64_t>(sites_[s].stock);
      sites_[s].stock_avg.reset(0.0, static_cast<double>(sites_[s].stock));
    }
    engine_.schedule(0.0, Ev{kDayStart, 0, 0, 0});
    for (std::uint32_t g = 0; g < in_.groups.size(); ++g) {
      const double t = next_train(-1e-9);
      if (t < t_end_) engine_.schedule(t, Ev{kTrain, g, 0, 0});
    }
    for (std::uint32_t x = 0; x < in_.crossings.size(); ++x)
      if (in_.crossings[x].background_per_hour > 0)
        engine_.schedule(rng_.exponential(1.0 / in_.crossings[x].background_per_hour),
                         Ev{kBackground, x, 0, 0});

    auto handler = [this](const Event<Ev>& e) { handle(e); };
    std::uint64_t reported = 0;
    for (int d = 1; d <= in_.total_days; ++d) {
      engine_.run_until(24.0 * d, handler);
      if (days_done) days_done->fetch_add(1.0, std::memory_order_relaxed);
      if (events_done) {
        events_done->fetch_add(engine_.processed() - reported, std::memory_order_relaxed);
        reported = engine_.processed();
      }
    }
    finish();
    return std::move(out_);
  }

 private:
  // ------------------------------------------------------------------ events
  void handle(const Event<Ev>& e) {
    switch (e.payload.kind) {
      case kDayStart:
        day_start(e.payload.a);
        break;
      case kArrival:
        arrival();
        break;
      case kReview:
        review(e.payload.a);
        break;
      case kTrain:
        train(e.payload.a);
        break;
      case kTruckTimeout:
        if (lanes_[e.payload.a].serial == e.payload.b) dispatch_truck(e.payload.a);
        break;
      case kUnitAtCrossing:
        unit_at_crossing(e.payload.a);
        break;
      case kServiceDone:
        service_done(e.payload.a);
        break;
      case kUnitLeaves:
        unit_leaves(e.payload.a);
        break;
      case kSiteReceive:
        site_receive(e.payload.a);
        break;
      case kReopen:
        crossings_[e.payload.a].reopen_pending = false;
        serve_queue(e.payload.a);
        break;
      case kBackground: {
        const double rate = in_.crossings[e.payload.a].background_per_hour;
        engine_.schedule(now() + rng_.exponential(1.0 / rate), Ev{kBackground, e.payload.a, 0, 0});
        const std::uint32_t c = new_consignment(kNone, e.payload.a);
        unit_at_crossing(c);
        break;
      }
      default:
        throw std::logic_error("sim: unknown event kind");
    }
  }

  double now() const { return engine_.now(); }
  bool measured(double t) const { return t >= t_measure_ && t < t_end_; }

  void day_start(std::uint32_t d) {
    const double t = 24.0 * d;
    if (d > 0) snapshot(d - 1);
    if (static_cast<int>(d) == in_.warmup_days) start_window();
    if (static_cast<int>(d) >= in_.total_days) return;
    day_ = d;
    day_end_ = t + 24.0;
    // Today's order rates: plan flows x weekday/month profile x peaks.
    const std::size_t nz = in_.zones.size();
    for (std::size_t k = 0; k < in_.choices.size(); ++k) {
      const auto& ch = in_.choices[k];
      weights_[k] = ch.base_per_day * in_.zone_factor[d * nz + ch.zone];
    }
    const double per_day = alias_.build(weights_);
    rate_per_hour_ = per_day / 24.0;
    if (rate_per_hour_ > 0) {
      const double first = t + rng_.exponential(1.0 / rate_per_hour_);
      if (first < day_end_) engine_.schedule(first, Ev{kArrival, 0, 0, 0});
    }
    if (!sites_.empty()) engine_.schedule(t + in_.review_hour, Ev{kReview, d, 0, 0});
    engine_.schedule(t + 24.0, Ev{kDayStart, d + 1, 0, 0});
  }

  void start_window() {
    for (std::uint32_t x = 0; x < crossings_.size(); ++x) {
      auto& c = crossings_[x];
      c.q.reset(t_measure_, static_cast<double>(c.queue.size()));
      c.sys.reset(t_measure_, c.sys.level());
      c.busy_avg.reset(t_measure_, c.busy);
      c.q_area_day = 0.0;
    }
    for (auto& s : sites_) s.stock_avg.reset(t_measure_, static_cast<double>(s.stock));
    window_open_ = true;
  }

  void snapshot(std::uint32_t d) {
    std::uint64_t backlog = 0;
    for (std::uint32_t s = 0; s < sites_.size(); ++s) {
      backlog += sites_[s].backorders.size();
      if (static_cast<int>(d) >= in_.warmup_days && !sites_[s].backorders.empty())
        ++out_.sites[s].stockout_days;
    }
    backlog_[d] = static_cast<double>(backlog);
    if (!in_.time_series) return;
    const double t = 24.0 * (d + 1);
    for (std::uint32_t x = 0; x < crossings_.size(); ++x) {
      auto& c = crossings_[x];
      if (window_open_) {
        const double area = c.q.area(t);
        queue_day_[x][d] = (area - c.q_area_day) / 24.0;
        c.q_area_day = area;
      }
    }
    for (std::uint32_t s = 0; s < sites_.size(); ++s)
      stock_day_[s][d] = static_cast<double>(sites_[s].stock);
  }

  void arrival() {
    const double t = now();
    const double next = t + rng_.exponential(1.0 / rate_per_hour_);
    if (next < day_end_) engine_.schedule(next, Ev{kArrival, 0, 0, 0});

    const auto k = static_cast<std::uint32_t>(alias_.sample(rng_));
    const ChoiceIn& ch = in_.choices[k];
    ++out_.states.created;
    created_by_day_[day_] += 1.0;
    const bool win = measured(t);
    if (win) ++out_.zones[ch.zone].created;
    switch (ch.kind) {
      case ChoiceIn::kUnserved:
        ++out_.states.unserved;
        break;
      case ChoiceIn::kStocked: {
        auto& s = sites_[ch.site];
        if (win) ++out_.sites[ch.site].orders;
        if (s.backorders.empty() && s.stock > 0) {
          --s.stock;
          ++allocated_;
          s.stock_avg.set(t, static_cast<double>(s.stock));
          pick(ch.site, t, k);
        } else {
          s.backorders.push_back({t, k});
          if (win) ++out_.sites[ch.site].backordered;
        }
        break;
      }
      case ChoiceIn::kDirect:
        push_direct(ch.lane, Parcel{t, k});
        break;
    }
  }

  /// Allocated stock goes through the warehouse's FIFO pick/pack (a fluid server at
  /// capacity_per_day) and then the last mile; both are known now, so no event.
  void pick(std::uint32_t site, double ordered, std::uint32_t choice) {
    auto& s = sites_[site];
    const double t = now();
    const double start = s.pick_free_at > t ? s.pick_free_at : t;
    const double done = start + in_.sites[site].pick_hours;
    s.pick_free_at = done;
    if (measured(t)) ++out_.sites[site].picks;
    const auto& ch = in_.choices[choice];
    deliver(ordered, done, done + ch.to_door.sample(rng_), ch.zone);
  }

  void deliver(double ordered, double picked, double door, std::uint32_t zone) {
    if (door > t_end_) {
      if (picked > t_end_)
        ++out_.states.at_warehouse;
      else
        ++out_.states.to_door;
      return;
    }
    ++out_.states.delivered;
    delivered_by_day_[static_cast<std::size_t>(door / 24.0)] += 1.0;
    if (ordered < t_measure_) return;
    const double days = (door - ordered) / 24.0;
    auto& z = out_.zones[zone];
    ++z.delivered;
    z.hist.add(days);
    if (days <= in_.zones[zone].promise_days) ++z.on_time;
    const auto od = static_cast<std::size_t>(ordered / 24.0);
    del_sum_[od] += days;
    del_cnt_[od] += 1.0;
  }

  // ------------------------------------------------------------ consolidation
  std::uint32_t new_consignment(std::uint32_t lane, std::uint32_t crossing) {
    std::uint32_t c;
    if (!free_.empty()) {
      c = free_.back();
      free_.pop_back();
    } else {
      c = static_cast<std::uint32_t>(pool_.size());
      pool_.emplace_back();
    }
    auto& k = pool_[c];
    k.lane = lane;
    k.crossing = crossing;
    k.repl = 0;
    k.parcels.clear();
    k.where = kToCrossing;
    return c;
  }
  void release(std::uint32_t c) {
    pool_[c].where = kFree;
    pool_[c].parcels.clear();
    free_.push_back(c);
  }

  void send(std::uint32_t c, double travel) {
    pool_[c].where = kToCrossing;
    engine_.schedule(now() + travel, Ev{kUnitAtCrossing, c, 0, 0});
  }

  void push_direct(std::uint32_t lane, const Parcel& p) {
    const auto& li = in_.lanes[lane];
    if (in_.unit_per_parcel) {
      const std::uint32_t c = new_consignment(lane, li.crossing);
      pool_[c].parcels.push_back(p);
      send(c, li.to_crossing.sample(rng_));
      return;
    }
    auto& L = lanes_[lane];
    L.buf.push_back(p);
    if (li.rail) return;  // waits for the train
    if (L.buf.size() == 1)
      engine_.schedule(now() + in_.truck_max_wait, Ev{kTruckTimeout, lane, L.serial, 0});
    if (L.buf.size() >= li.unit_parcels) dispatch_truck(lane);
  }

  void push_repl(std::uint32_t lane, std::uint64_t n) {
    const auto& li = in_.lanes[lane];
    auto& L = lanes_[lane];
    if (in_.unit_per_parcel) {
      for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint32_t c = new_consignment(lane, li.crossing);
        pool_[c].repl = 1;
        send(c, li.to_crossing.sample(rng_));
      }
      return;
    }
    const bool was_empty = L.repl == 0;
    const std::uint32_t serial = L.serial;
    L.repl += n;
    if (li.rail) return;
    while (L.repl >= li.unit_parcels) {
      const std::uint32_t c = new_consignment(lane, li.crossing);
      pool_[c].repl = li.unit_parcels;
      L.repl -= li.unit_parcels;
      send(c, li.to_crossing.sample(rng_));
      ++L.serial;
    }
    // The partly filled truck left behind needs a timer unless it already had one.
    if (L.repl > 0 && (was_empty || L.serial != serial))
      engine_.schedule(now() + in_.truck_max_wait, Ev{kTruckTimeout, lane, L.serial, 0});
  }

  /// A truck leaves with what the lane holds (at most one truckload).
  void dispatch_truck(std::uint32_t lane) {
    const auto& li = in_.lanes[lane];
    auto& L = lanes_[lane];
    ++L.serial;
    if (li.site == kNone) {
      if (L.buf.empty()) return;
      const std::uint32_t c = new_consignment(lane, li.crossing);
      pool_[c].parcels.swap(L.buf);
      L.buf.clear();
      send(c, li.to_crossing.sample(rng_));
    } else {
      if (L.repl == 0) return;
      const std::uint32_t c = new_consignment(lane, li.crossing);
      const std::uint64_t n = L.repl < li.unit_parcels ? L.repl : li.unit_parcels;
      pool_[c].repl = static_cast<std::uint32_t>(n);
      L.repl -= n;
      send(c, li.to_crossing.sample(rng_));
      if (L.repl > 0)
        engine_.schedule(now() + in_.truck_max_wait, Ev{kTruckTimeout, lane, L.serial, 0});
    }
  }

  double next_train(double t) const {
    long day = static_cast<long>(std::floor(t / 24.0));
    if (day < 0) day = 0;
    for (;; ++day) {
      const int w = weekday_of(in_.first_day + day);
      if (!((in_.train_weekdays >> w) & 1u)) continue;
      for (double h : in_.train_hours) {
        const double c = 24.0 * static_cast<double>(day) + h;
        if (c > t) return c;
      }
    }
  }

  /// A train takes every parcel waiting for its crossing at the hub, lane by lane, in
  /// containers (the last one of each lane partly filled).
  void train(std::uint32_t g) {
    const auto& grp = in_.groups[g];
    const double travel = grp.to_crossing.sample(rng_);
    for (std::uint32_t lane : grp.lanes) {
      const auto& li = in_.lanes[lane];
      auto& L = lanes_[lane];
      const std::size_t cap = li.unit_parcels;
      for (std::size_t i = 0; i < L.buf.size(); i += cap) {
        const std::uint32_t c = new_consignment(lane, li.crossing);
        const std::size_t end = std::min(L.buf.size(), i + cap);
        pool_[c].parcels.assign(L.buf.begin() + static_cast<std::ptrdiff_t>(i),
                                L.buf.begin() + static_cast<std::ptrdiff_t>(end));
        send(c, travel);
      }
      L.buf.clear();
      while (L.repl > 0) {
        const std::uint32_t c = new_consignment(lane, li.crossing);
        const std::uint64_t n = L.repl < cap ? L.repl : cap;
        pool_[c].repl = static_cast<std::uint32_t>(n);
        L.repl -= n;
        send(c, travel);
      }
    }
    const double t = next_train(now());
    if (t < t_end_) engine_.schedule(t, Ev{kTrain, g, 0, 0});
  }

  // ---------------------------------------------------------------- crossings
  bool can_start(std::uint32_t x) const {
    return crossings_[x].busy < in_.crossings[x].servers &&
           in_.crossings[x].calendar.is_open(now());
  }

  void unit_at_crossing(std::uint32_t c) {
    auto& k = pool_[c];
    const std::uint32_t x = k.crossing;
    auto& cs = crossings_[x];
    const double t = now();
    k.where = kAtCrossing;
    k.arrived = t;
    if (measured(t)) {
      auto& o = out_.crossings[x];
      ++o.arrivals;
      if (k.lane != kNone) {
        ++o.corridor_units;
        o.parcels += k.repl + k.parcels.size();
      }
    }
    cs.sys.add(t, 1.0);
    if (cs.queue.empty() && can_start(x)) {
      start_service(x, c);
      return;
    }
    cs.queue.push_back(c);
    cs.q.add(t, 1.0);
    if (cs.busy < in_.crossings[x].servers) schedule_reopen(x);
  }

  void schedule_reopen(std::uint32_t x) {
    auto& cs = crossings_[x];
    if (cs.reopen_pending) return;
    const double t = in_.crossings[x].calendar.next_open(now());
    if (t <= now() || !std::isfinite(t)) return;
    cs.reopen_pending = true;
    engine_.schedule(t, Ev{kReopen, x, 0, 0});
  }

  void start_service(std::uint32_t x, std::uint32_t c) {
    auto& cs = crossings_[x];
    const auto& xi = in_.crossings[x];
    const double t = now();
    ++cs.busy;
    cs.busy_avg.set(t, cs.busy);
    const double arrived = pool_[c].arrived;
    if (measured(arrived)) {
      auto& o = out_.crossings[x];
      const double w = t - arrived;
      ++o.waits;
      o.wait_sum += w;
      if (w > o.wait_max) o.wait_max = w;
    }
    double service = xi.service.sample(rng_);
    if (!xi.speed.empty()) {
      const auto d = static_cast<std::size_t>(t / 24.0);
      if (d < xi.speed.size()) service /= xi.speed[d];
    }
    engine_.schedule(t + service, Ev{kServiceDone, c, 0, 0});
  }

  void serve_queue(std::uint32_t x) {
    auto& cs = crossings_[x];
    while (!cs.queue.empty() && can_start(x)) {
      const std::uint32_t c = cs.queue.front();
      cs.queue.pop_front();
      cs.q.add(now(), -1.0);
      start_service(x, c);
    }
    if (!cs.queue.empty() && cs.busy < in_.crossings[x].servers) schedule_reopen(x);
  }

  void service_done(std::uint32_t c) {
    auto& k = pool_[c];
    const std::uint32_t x = k.crossing;
    auto& cs = crossings_[x];
    const auto& xi = in_.crossings[x];
    const double t = now();
    --cs.busy;
    cs.busy_avg.set(t, cs.busy);
    cs.sys.add(t, -1.0);
    if (measured(k.arrived)) {
      auto& o = out_.crossings[x];
      ++o.done;
      o.system_sum += t - k.arrived;
    }
    if (k.lane == kNone) {
      release(c);
    } else {
      double extra = xi.transshipment.sample(rng_);
      if (xi.inspection_p > 0 && rng_.bernoulli(xi.inspection_p))
        extra += xi.inspection.sample(rng_);
      if (extra > 0)
        engine_.schedule(t + extra, Ev{kUnitLeaves, c, 0, 0});
      else
        unit_leaves(c);
    }
    serve_queue(x);
  }

  /// A unit leaves the crossing on the KZ side: direct parcels clear customs and go to
  /// the door (known now: no event); replenishment travels on to its warehouse.
  void unit_leaves(std::uint32_t c) {
    auto& k = pool_[c];
    const auto& li = in_.lanes[k.lane];
    const double t = now();
    if (li.site == kNone) {
      for (const Parcel& p : k.parcels) {
        const auto& ch = in_.choices[p.choice];
        const double door = t + in_.clearance.sample(rng_) + ch.to_door.sample(rng_);
        deliver(p.ordered, -1.0, door, ch.zone);
      }
      release(c);
      return;
    }
    k.where = kToSite;
    engine_.schedule(t + li.to_site.sample(rng_), Ev{kSiteReceive, c, 0, 0});
  }

  // ---------------------------------------------------------------- warehouses
  double order_up_to(std::uint32_t s, std::uint32_t d) const {
    const auto& site = in_.sites[s];
    const double cover = site.cover_days;
    double S = in_.safety_days * site.base_per_day;
    const auto whole = static_cast<std::size_t>(cover);
    auto rate = [&](std::size_t day) {
      return day < site.rate.size() ? site.rate[day] : site.base_per_day;
    };
    for (std::size_t j = 0; j < whole; ++j) S += rate(d + j);
    S += (cover - static_cast<double>(whole)) * rate(d + whole);
    return S;
  }

  /// Daily order-up-to review: order S - (on hand + on order - backorders), split over
  /// the inbound paths by the plan's shares (cumulative rounding: the parts add up).
  void review(std::uint32_t d) {
    for (std::uint32_t s = 0; s < sites_.size(); ++s) {
      auto& st = sites_[s];
      const auto& site = in_.sites[s];
      if (site.inbound.empty()) continue;
      const double position =
          static_cast<double>(st.stock + st.on_order) - static_cast<double>(st.backorders.size());
      const double q = std::floor(order_up_to(s, d) - position);
      if (q < 1.0) continue;
      const auto Q = static_cast<std::uint64_t>(q);
      st.on_order += static_cast<std::int64_t>(Q);
      ordered_total_ += Q;
      std::uint64_t given = 0;
      for (const auto& [lane, cum] : site.inbound) {
        const auto upto = static_cast<std::uint64_t>(std::llround(cum * static_cast<double>(Q)));
        const std::uint64_t n = upto > given ? upto - given : 0;
        given += n;
        if (n > 0) push_repl(lane, n);
      }
      if (given != Q) throw std::logic_error("sim: replenishment split does not add up");
    }
  }

  void site_receive(std::uint32_t c) {
    auto& k = pool_[c];
    const std::uint32_t s = in_.lanes[k.lane].site;
    auto& st = sites_[s];
    const double t = now();
    st.stock += k.repl;
    st.on_order -= k.repl;
    received_total_ += k.repl;
    if (measured(t)) out_.sites[s].received += k.repl;
    release(c);
    while (st.stock > 0 && !st.backorders.empty()) {
      const Backorder b = st.backorders.front();
      st.backorders.pop_front();
      --st.stock;
      ++allocated_;
      pick(s, b.ordered, b.choice);
    }
    st.stock_avg.set(t, static_cast<double>(st.stock));
  }

  // ---------------------------------------------------------------- the end
  void finish() {
    auto& st = out_.states;
    for (const auto& s : sites_) st.backordered += s.backorders.size();
    for (std::uint32_t l = 0; l < lanes_.size(); ++l) st.at_hub += lanes_[l].buf.size();
    std::uint64_t repl_in_pipeline = 0;
    for (std::uint32_t l = 0; l < lanes_.size(); ++l) repl_in_pipeline += lanes_[l].repl;
    for (const auto& k : pool_) {
      if (k.where == kToCrossing) st.to_crossing += k.parcels.size();
      if (k.where == kAtCrossing) st.at_crossing += k.parcels.size();
      if (k.where != kFree && k.lane != kNone) repl_in_pipeline += k.repl;
    }
    if (st.accounted() != st.created)
      throw std::logic_error(fmt::format(
          "sim: order count does not balance: created {} but delivered {} + to_door {} + "
          "at_warehouse {} + backordered {} + at_hub {} + to_crossing {} + at_crossing {} + "
          "unserved {} = {}",
          st.created,
          st.delivered,
          st.to_door,
          st.at_warehouse,
          st.backordered,
          st.at_hub,
          st.to_crossing,
          st.at_crossing,
          st.unserved,
          st.accounted()));
    // Stock conservation: everything ordered was received or is still on its way, and
    // stock on hand = initial + received - allocated.
    if (ordered_total_ != received_total_ + repl_in_pipeline)
      throw std::logic_error(fmt::format(
          "sim: replenishment does not balance: ordered {} != received {} + in transit {}",
          ordered_total_,
          received_total_,
          repl_in_pipeline));
    std::int64_t on_hand = 0;
    for (const auto& s : sites_) on_hand += s.stock;
    if (on_hand < 0 ||
        static_cast<std::uint64_t>(on_hand) + allocated_ != initial_stock_ + received_total_)
      throw std::logic_error(fmt::format(
          "sim: stock does not balance: on hand {} + allocated {} != initial {} + received {}",
          on_hand,
          allocated_,
          initial_stock_,
          received_total_));

    out_.events = engine_.processed();
    for (std::uint32_t x = 0; x < crossings_.size(); ++x) {
      auto& c = crossings_[x];
      auto& o = out_.crossings[x];
      o.queue_mean = c.q.mean(t_end_);
      o.queue_max = c.q.max();
      o.system_mean = c.sys.mean(t_end_);
      o.busy_mean = c.busy_avg.mean(t_end_);
      o.open_hours = in_.crossings[x].calendar.open_hours(t_measure_, t_end_);
    }
    for (std::uint32_t s = 0; s < sites_.size(); ++s)
      out_.sites[s].stock_mean = sites_[s].stock_avg.mean(t_end_);

    const auto w = static_cast<std::size_t>(in_.warmup_days);
    const auto n = static_cast<std::size_t>(in_.days);
    auto slice = [&](const std::vector<double>& v) {
      return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(w),
                                 v.begin() + static_cast<std::ptrdiff_t>(w + n));
    };
    if (in_.time_series) {
      out_.created_by_day = slice(created_by_day_);
      out_.delivered_by_day = slice(delivered_by_day_);
      out_.backlog_by_day = slice(backlog_);
      out_.del_sum_by_day = slice(del_sum_);
      out_.del_cnt_by_day = slice(del_cnt_);
      for (auto& q : queue_day_) out_.queue_by_day.push_back(slice(q));
      for (auto& s : stock_day_) out_.stock_by_day.push_back(slice(s));
    }
  }

  const ModelInput& in_;
  Rng rng_;
  Engine<Ev> engine_;
  RepOut out_;
  double t_measure_ = 0.0, t_end_ = 0.0;
  bool window_open_ = false;
  std::uint32_t day_ = 0;
  double day_end_ = 0.0;
  double rate_per_hour_ = 0.0;
  std::vector<double> weights_;
  AliasTable alias_;
  std::vector<LaneState> lanes_;
  std::vector<CrossingState> crossings_;
  std::vector<SiteState> sites_;
  std::vector<Consignment> pool_;
  std::vector<std::uint32_t> free_;
  std::uint64_t initial_stock_ = 0, ordered_total_ = 0, received_total_ = 0, allocated_ = 0;
  std::vector<double> created_by_day_, delivered_by_day_, del_sum_, del_cnt_, backlog_;
  std::vector<std::vector<double>> queue_day_, stock_day_;
};

}  // namespace

RepOut run_replication(const ModelInput& in,
                       std::uint64_t seed,
                       std::atomic<double>* days_done,
                       std::atomic<std::uint64_t>* events_done) {
  Replication r(in, seed);
  return r.run(days_done, events_done);
}

}  // namespace corridor::sim
