#pragma once
// Generic discrete-event engine: a pending-event set ordered by (time, sequence
// number) and a run loop that hands each event to a handler chosen at compile time.
//
// Method: an implicit 4-ary min-heap of {time, seq, payload}. The sequence number is
// assigned at scheduling, so events at the same time run in the order they were
// scheduled: the run is deterministic whatever the heap does with ties.
// Complexity: push O(log4 n), pop O(4 log4 n); n = pending events. A 4-ary heap
// halves the depth of a binary heap and keeps a node's children in one cache line
// for small payloads (the corridor model's events are 32 bytes).
// No virtual call per event: the handler is a template parameter (usually a lambda
// that switches on a small event kind), so the compiler can inline it.
// References: D. E. Knuth, TAOCP vol. 3, 5.2.3 (heaps); SimCpp20's (time, id) order.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

namespace corridor::sim {

template <typename Payload>
struct Event {
  double time = 0.0;
  std::uint64_t seq = 0;
  Payload payload{};
};

/// Min-priority queue of events keyed by (time, seq).
template <typename Payload>
class EventQueue {
 public:
  using Item = Event<Payload>;

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] const Item& top() const { return heap_.front(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

  void push(const Item& item) {
    std::size_t hole = heap_.size();
    heap_.push_back(item);
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!before(item, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = item;
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  Item pop() {
    Item result = heap_.front();
    Item last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return result;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = kArity * hole + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (before(heap_[c], heap_[best])) best = c;
      if (!before(heap_[best], last)) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = last;
    return result;
  }

 private:
  static constexpr std::size_t kArity = 4;
  static bool before(const Item& a, const Item& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  std::vector<Item> heap_;
};

/// The simulation clock and its pending events. The model owns an Engine and passes
/// a handler to run_until(); the handler may schedule further events.
template <typename Payload>
class Engine {
 public:
  [[nodiscard]] double now() const { return now_; }
  [[nodiscard]] std::uint64_t processed() const { return processed_; }
  [[nodiscard]] std::size_t pending() const { return queue_.size(); }
  [[nodiscard]] const EventQueue<Payload>& queue() const { return queue_; }

  /// Schedules `payload` at absolute time `time` (>= now()).
  void schedule(double time, const Payload& payload) {
    if (!(time >= now_)) throw std::logic_error("sim::Engine: event scheduled in the past");
    queue_.push(Event<Payload>{time, next_seq_++, payload});
  }
  /// Schedules `payload` `delay` after now().
  void schedule_in(double delay, const Payload& payload) { schedule(now_ + delay, payload); }

  /// Runs every event with time <= t_end in (time, seq) order, then sets the clock to
  /// t_end. handler(const Event<Payload>&) is called with the clock at the event time.
  template <typename Handler>
  void run_until(double t_end, Handler&& handler) {
    while (!queue_.empty() && queue_.top().time <= t_end) {
      const Event<Payload> ev = queue_.pop();
      now_ = ev.time;
      ++processed_;
      handler(ev);
    }
    if (t_end > now_ && t_end < std::numeric_limits<double>::infinity()) now_ = t_end;
  }

  /// Visits every pending event (in heap order, not time order), e.g. for end-of-run
  /// accounting.
  template <typename Visitor>
  void for_each_pending(Visitor&& visit) const {
    // EventQueue keeps its storage private; the copy is cheap relative to a run end.
    EventQueue<Payload> copy = queue_;
    while (!copy.empty()) visit(copy.pop());
  }

 private:
  EventQueue<Payload> queue_;
  double now_ = 0.0;
  std::uint64_t next_seq_ = 0;
  std::uint64_t processed_ = 0;
};

}  // namespace corridor::sim
