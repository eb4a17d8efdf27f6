#pragma once
// Request targets and the response headers every answer carries: the parts of the HTTP
// layer that need no socket, shared by the server (server.cpp) and the router, and
// tested on their own (tests/unit/http/target_test.cpp).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "corridor/http.hpp"

namespace corridor::http {

/// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
bool valid_utf8(std::string_view text);

/// %XX-decodes `text` (and '+' as a space when `plus_is_space`). Nullopt on a malformed
/// escape, a decoded NUL, or a result that is not valid UTF-8.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

struct Target {
  std::string path;                          // decoded; always starts with '/'
  std::map<std::string, std::string> query;  // decoded; last value wins
};

/// Splits and decodes an origin-form ("/a/b?x=1") or absolute-form ("http://h/a")
/// request target. Nullopt, with the reason in `why`, when the target is not one of
/// those forms, a segment decodes to NUL, invalid UTF-8, '/' (an encoded slash), "."
/// or "..", or the query does not decode.
std::optional<Target> parse_target(std::string_view target, std::string* why);

/// The id of a request: `incoming` when it is 1–64 characters of [A-Za-z0-9-], else a
/// fresh random 16-hex-digit id.
std::string request_id_for(std::string_view incoming);

/// An IMF-fixdate ("Tue, 01 Dec 2026 13:19:06 GMT"), cached per second and per thread.
std::string http_date(std::chrono::system_clock::time_point now);

/// The reason phrase of a status ("Not Found"); "Unknown" for codes we never send.
std::string_view reason_phrase(int status);

/// Completes a response's headers in place: the handler's own first, then every
/// default header the handler did not set, X-Request-Id, Date and Server. Drops
/// headers that could split the response (CR, LF, NUL; a name that is not a token)
/// and the framing headers the server owns (Content-Length, Transfer-Encoding,
/// Connection, Keep-Alive). Removes X-Corridor-User and returns its value (empty when
/// absent) for the access log.
std::string finish_headers(Response& response,
                           const ServerOptions& options,
                           std::string_view request_id);

}  // namespace corridor::http
