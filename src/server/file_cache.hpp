#pragma once
// Finished jobs' output files kept in memory, shared between responses without copies.
// A job's files are written in the transaction that ends it and never change afterwards
// (jobs are never deleted), so an entry never goes stale: no invalidation is needed, only
// a bound on memory. Entries carry a strong ETag from the content's SHA-256 so that a
// client revalidating with If-None-Match gets 304 without the bytes (RFC 9110 §8.8.3,
// §13.1.2). Bounded by total bytes; when a new entry does not fit, the least recently
// used ones go (a list in use order plus a map into it: O(1) per get and put).

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "corridor/core/artefact.hpp"

namespace corridor::server {

struct CachedFile {
  std::shared_ptr<const std::string> bytes;
  std::string etag;  // the first 32 hex digits of the SHA-256, in double quotes
};

/// The strong ETag of `bytes` (a quoted SHA-256 prefix: 128 bits).
inline std::string etag_of(std::string_view bytes) {
  return "\"" + sha256_hex(bytes).substr(0, 32) + "\"";
}

/// Does an If-None-Match value match `etag`? "*" matches anything; otherwise a comma
/// list of entity tags compared weakly (a W/ prefix ignored), as RFC 9110 §13.1.2 asks.
inline bool none_match(std::string_view header, std::string_view etag) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  if (trim(header) == "*") return true;
  if (etag.substr(0, 2) == "W/") etag.remove_prefix(2);
  while (!header.empty()) {
    const auto comma = header.find(',');
    auto tag = trim(header.substr(0, comma));
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (!tag.empty() && tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

class FileCache {
 public:
  explicit FileCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  std::shared_ptr<const CachedFile> get(std::int64_t job, const std::string& name) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key(job, name));
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }

  /// Keeps `bytes` unless they alone exceed the bound; returns the entry either way.
  std::shared_ptr<const CachedFile> put(std::int64_t job,
                                        const std::string& name,
                                        std::string bytes) {
    auto entry = std::make_shared<CachedFile>();
    entry->etag = etag_of(bytes);
    entry->bytes = std::make_shared<const std::string>(std::move(bytes));
    const std::size_t size = entry->bytes->size();
    if (size > max_bytes_) return entry;
    std::lock_guard lock(mutex_);
    auto k = key(job, name);
    if (auto it = index_.find(k); it != index_.end()) {
      used_ -= it->second->second->bytes->size();
      order_.erase(it->second);
      index_.erase(it);
    }
    while (used_ + size > max_bytes_ && !order_.empty()) {
      used_ -= order_.back().second->bytes->size();
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(k, entry);
    index_[std::move(k)] = order_.begin();
    used_ += size;
    return entry;
  }

  [[nodiscard]] std::size_t bytes() const {
    std::lock_guard lock(mutex_);
    return used_;
  }

 private:
  static std::string key(std::int64_t job, const std::string& name) {
    return std::to_string(job) + "/" + name;
  }
  using Entry = std::pair<std::string, std::shared_ptr<const CachedFile>>;
  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::size_t used_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace corridor::server
