#pragma once
// Sessions already checked against the database, so that a signed-in user's request does
// not cost a query (and a join) every time.
//
// Correctness. Every auth write that could end or change a session (logout, login's
// rotation, an admin's revocation, a role, name, language or disabled change, a password
// change) goes through Auth::Impl::write, which commits and then calls invalidate(): the
// generation goes up and every entry goes. A request that read the database before
// such a commit took the generation before its read, and put() refuses an entry from an
// older generation, so a revoked session can never be put back. Within this process a
// revocation therefore takes effect at the next request. Other processes on the same
// database (a second `corridor serve` on PostgreSQL, `corridor user` on the command
// line) do not reach this cache: an entry is used for at most Options::session_cache_ttl
// after it was read, so their changes take effect within that time (0 turns the cache
// off). Expiry is checked on every hit (absolute and idle); an entry whose last_seen_at
// is due for its periodic rewrite is not used, so the rewrite still happens.
// Cost: O(1) expected per lookup under one mutex; bounded at kMaxEntries (cleared when
// full, like the other answer caches of the server).

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "corridor/auth.hpp"

namespace corridor::auth {

class SessionCache {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  struct Entry {
    Principal principal;
    TimePoint last_seen;  // sessions.last_seen_at as stored
    TimePoint expires;    // sessions.expires_at
    TimePoint read_at;    // when the database said it was valid
  };
  struct Limits {
    std::chrono::seconds ttl;
    std::chrono::seconds idle;
    std::chrono::seconds touch;  // last_seen_at is rewritten when older than this
  };
  static constexpr std::size_t kMaxEntries = 10'000;

  /// The principal of a valid entry for `token_hash` at `now`, nullopt otherwise.
  std::optional<Principal> find(const std::string& token_hash,
                                TimePoint now,
                                const Limits& limits) const {
    if (limits.ttl.count() <= 0) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end()) return std::nullopt;
    const Entry& e = it->second;
    if (now >= e.expires || now - e.last_seen >= limits.idle || now - e.last_seen >= limits.touch ||
        now - e.read_at >= limits.ttl || now < e.read_at)
      return std::nullopt;
    return e.principal;
  }

  /// Take this before reading the database; hand it to put().
  [[nodiscard]] std::uint64_t generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
  }

  /// Keeps `entry` unless an invalidation happened since `generation` was taken.
  void put(const std::string& token_hash, Entry entry, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.insert_or_assign(token_hash, std::move(entry));
  }

  /// After every committed write that may end or change a session or its user.
  void invalidate() {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace corridor::auth
