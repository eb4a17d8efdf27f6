#pragma once
// What auth.cpp (setup, login, sessions) and users.cpp (accounts, tokens, the audit
// log) share: the service's state, row decoding and the input rules for names.

#include <atomic>
#include <string>
#include <vector>

#include "corridor/auth.hpp"
#include "session_cache.hpp"

namespace corridor::auth {

using Params = std::vector<store::Value>;

/// The users columns every query selects, in this order (user_from_row reads them).
inline constexpr std::string_view kUserColumns =
    "u.id, u.username, u.display_name, u.roles, u.lang, u.disabled, u.created_at";
User user_from_row(const store::Row& row, std::size_t first = 0);
std::optional<User> load_user(store::Tx& tx, std::int64_t id);

/// nullopt when acceptable; otherwise the reason ("empty", "too_long", "invalid_utf8",
/// "control_character", "surrounding_space").
std::optional<std::string> text_problem(std::string_view text,
                                        std::size_t max_length,
                                        bool may_be_empty);
inline constexpr std::size_t kMaxUsername = 64;
inline constexpr std::size_t kMaxDisplayName = 200;
inline constexpr std::size_t kMaxTokenName = 100;

struct Auth::Impl {
  store::Database& db;
  Options options;
  std::string dummy_hash;  // verified for unknown users so they cost what known ones do
  std::atomic<std::uint64_t> verifications{0};
  SessionCache sessions;

  /// db.write, then the session cache forgets everything (session_cache.hpp): every
  /// write of this module that may end or change a session or its user goes here.
  void write(const std::function<void(store::Tx&)>& fn);

  Impl(store::Database& d, Options o);
  [[nodiscard]] std::chrono::system_clock::time_point now() const;
  [[nodiscard]] std::string now_text() const { return format_time(now()); }
  bool verify(const std::string& hash, std::string_view password);
  /// A new session row; returns {plain token, csrf token}.
  std::pair<std::string, std::string> create_session(store::Tx& tx,
                                                     std::int64_t user_id,
                                                     const http::Request& request);
  void record_failure(store::Tx& tx, const std::string& subject);
  /// Seconds until `subject` may try again (0: now).
  std::chrono::seconds blocked_for(const store::Row& failure_row) const;
};

/// The audit call every write makes: the request's id and address, now.
void audit_request(store::Tx& tx,
                   const Principal* actor,
                   std::string_view action,
                   std::string_view object_type,
                   std::string_view object_id,
                   const std::optional<nlohmann::json>& before,
                   const std::optional<nlohmann::json>& after,
                   const http::Request& request,
                   const std::string& at);

}  // namespace corridor::auth
