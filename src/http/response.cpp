// Responses: the JSON/text/error helpers handlers use, and the headers the server adds
// to every answer (defaults, request id, Date, Server). No Asio here.

#include <algorithm>
#include <ctime>
#include <random>
#include <thread>

#include "corridor/http.hpp"
#include "target.hpp"

namespace corridor::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

bool has_header(const Response& r, std::string_view name) {
  return std::any_of(
      r.headers.begin(), r.headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// A header a handler built from user input must not split the response: names are
// RFC 9110 tokens, values hold no CR, LF or NUL.
bool header_is_safe(const std::pair<std::string, std::string>& h) {
  static constexpr std::string_view kTokenPunct = "!#$%&'*+-.^_`|~";
  if (h.first.empty()) return false;
  for (char c : h.first) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && kTokenPunct.find(c) == std::string_view::npos) return false;
  }
  return h.second.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
}

}  // namespace

Response& Response::set(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return iequals(h.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

const std::string* Response::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (iequals(n, name)) return &v;
  return nullptr;
}

Response Response::json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", std::move(content_type));
  return r;
}

Response Response::error(int status,
                         std::string code,
                         std::string message,
                         nlohmann::json details) {
  nlohmann::json e = {{"code", std::move(code)}, {"message", std::move(message)}};
  if (!details.is_null()) e["details"] = std::move(details);
  return json(status, {{"error", std::move(e)}});
}

std::string request_id_for(std::string_view incoming) {
  if (!incoming.empty() && incoming.size() <= 64 &&
      std::all_of(incoming.begin(), incoming.end(), id_char)) {
    return std::string(incoming);
  }
  // Ids only correlate log lines; they need to be unlikely to collide, not secret.
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   std::hash<std::thread::id>{}(std::this_thread::get_id())};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, bits >>= 4) id[static_cast<std::size_t>(i)] = kHex[bits & 0xF];
  return id;
}

std::string http_date(std::chrono::system_clock::time_point now) {
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  if (t != cached_second) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached.assign(buf, n);
    cached_second = t;
  }
  return cached;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

std::string finish_headers(Response& response,
                           const ServerOptions& options,
                           std::string_view request_id) {
  std::string user;
  std::erase_if(response.headers, [&](const auto& h) {
    // Framing and connection management are the server's (Content-Length is computed
    // from the body, streams are chunked), never the handler's.
    if (!header_is_safe(h) || iequals(h.first, "Content-Length") ||
        iequals(h.first, "Transfer-Encoding") || iequals(h.first, "Connection") ||
        iequals(h.first, "Keep-Alive")) {
      return true;
    }
    if (!iequals(h.first, "X-Corridor-User")) return false;
    user = h.second;
    return true;
  });
  std::size_t own = response.headers.size();
  for (const auto& [name, value] : options.default_headers) {
    bool set_by_handler = std::any_of(response.headers.begin(),
                                      response.headers.begin() + static_cast<std::ptrdiff_t>(own),
                                      [&](const auto& h) { return iequals(h.first, name); });
    if (!set_by_handler) response.headers.emplace_back(name, value);
  }
  response.set("X-Request-Id", std::string(request_id));
  if (!has_header(response, "Date")) {
    response.headers.emplace_back("Date", http_date(std::chrono::system_clock::now()));
  }
  response.set("Server", "corridor");
  return user;
}

std::string to_json_line(const AccessRecord& r) {
  nlohmann::json j = {{"request_id", r.request_id},
                      {"remote_address", r.remote_address},
                      {"method", r.method},
                      {"target", r.target},
                      {"status", r.status},
                      {"bytes_out", r.bytes_out},
                      {"duration_ms", r.duration_ms},
                      {"user", r.user}};
  // The target is logged as received, so it may hold bytes that are not UTF-8.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace corridor::http
