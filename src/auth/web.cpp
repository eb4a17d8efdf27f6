// The HTTP side of auth: times, the session cookie and the CSRF rule. Reads headers from
// http::Request's fields directly, so that auth needs only http's types.

#include "web.hpp"

#include <ctime>

#include "corridor/auth.hpp"
#include "sodium_util.hpp"

namespace corridor::auth {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "https://host:port/path?q" → "https://host:port"; empty when it is no absolute URL.
std::string origin_of_url(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  const auto rest = url.find_first_of("/?#", scheme_end + 3);
  return std::string(url.substr(0, rest));
}

bool unsafe(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
         m == http::Method::kDelete;
}

}  // namespace

std::optional<std::string> header_of(const http::Request& request, std::string_view name) {
  for (const auto& [k, v] : request.headers)
    if (iequal(k, name)) return v;
  return std::nullopt;
}

std::optional<std::string> cookie_of(const http::Request& request, std::string_view name) {
  for (const auto& [k, v] : request.headers) {
    if (!iequal(k, "cookie")) continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      const auto pair = trim(rest.substr(0, semi));
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name)
        return std::string(pair.substr(eq + 1));
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  return std::nullopt;
}

std::optional<std::string> bearer_of(const http::Request& request) {
  const auto h = header_of(request, "authorization");
  if (!h || h->size() < 7 || !iequal(std::string_view(*h).substr(0, 7), "bearer ")) return {};
  auto token = trim(std::string_view(*h).substr(7));
  if (token.empty()) return {};
  return std::string(token);
}

std::string format_time(std::chrono::system_clock::time_point t) {
  const std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::chrono::system_clock::time_point> parse_time(std::string_view text) {
  // Exactly YYYY-MM-DDTHH:MM:SSZ.
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(5, 2) - 1;
  tm.tm_mday = num(8, 2);
  tm.tm_hour = num(11, 2);
  tm.tm_min = num(14, 2);
  tm.tm_sec = num(17, 2);
  if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
      tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 ||
      tm.tm_sec > 60)
    return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string_view session_cookie_name(const http::Request& request) {
  return plain_loopback(request) ? "corridor_session" : "__Host-corridor_session";
}

bool plain_loopback(const http::Request& request) { return request.loopback && !request.tls; }

std::string session_cookie(const http::Request& request, std::string_view token) {
  std::string c = std::string(session_cookie_name(request)) + "=" + std::string(token) +
                  "; Path=/; HttpOnly; SameSite=Lax";
  if (!plain_loopback(request)) c += "; Secure";
  return c;
}

std::string clear_session_cookie(const http::Request& request) {
  std::string c =
      std::string(session_cookie_name(request)) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (!plain_loopback(request)) c += "; Secure";
  return c;
}

CsrfCheck check_unsafe(const http::Request& request,
                       const Principal& principal,
                       std::string_view server_origin) {
  if (!unsafe(request.method) || principal.via != Principal::Via::kSession) return {};
  std::string origin;
  if (auto o = header_of(request, "origin")) {  // "null" (sandboxed) never matches
    origin = *o;
  } else if (auto r = header_of(request, "referer")) {
    origin = origin_of_url(*r);
  }
  if (origin.empty()) return {false, "origin_missing"};
  if (lowered(origin) != lowered(server_origin)) return {false, "origin_mismatch"};
  const auto token = header_of(request, "x-csrf-token");
  if (!token || token->empty()) return {false, "csrf_missing"};
  if (!constant_time_equal(*token, principal.csrf_token)) return {false, "csrf_mismatch"};
  return {};
}

}  // namespace corridor::auth
