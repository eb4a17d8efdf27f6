#pragma once
// HTTP/1.1 for `corridor serve`: a Boost.Beast server (Asio confined to src/http/) and a
// small router of our own. Handlers are plain synchronous functions run on a handler
// pool, so the application never sees Asio. The server enforces, for every connection:
// header size (431), body size (413, per route), a deadline for headers and for the
// body (slow clients are closed), idle keep-alive expiry and a cap on concurrent
// connections (503 beyond it). Every response carries the security headers below
// unless the handler set its own value for one of them; every request gets an id
// (X-Request-Id) and one line in the structured access log.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions };
std::string_view method_name(Method m);

struct Request {
  Method method = Method::kGet;
  std::string target;                                        // as received: path and query
  std::string path;                                          // percent-decoded path, no query
  std::map<std::string, std::string> query;                  // decoded; last value wins
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::map<std::string, std::string> params;  // from the route pattern: {id} -> value
  std::string remote_address;                 // peer IP (not X-Forwarded-For)
  bool loopback = false;                      // peer is 127.0.0.0/8 or ::1
  bool tls = false;                           // arrived over TLS
  std::string request_id;

  /// First header of that (case-insensitive) name.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  /// A cookie from the Cookie header.
  [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
};

/// Writes one chunk of a streamed body; returns false when the client is gone.
using StreamWriter = std::function<bool(std::string_view chunk)>;

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // added to the defaults
  std::string body;
  /// When set, sent instead of `body` and never copied: bytes that many responses share
  /// (a cache's entry) stay alive until the last write that uses them is done.
  std::shared_ptr<const std::string> shared_body;
  /// When set, the server sends the status and headers, then calls `stream` on a thread
  /// of its own (server-sent events, large downloads); the body above is ignored. The
  /// function returns when it is done or when the writer returns false. The server's
  /// stop() makes every writer return false.
  std::function<void(const StreamWriter&)> stream;

  Response& set(std::string name, std::string value);  // replaces a header of that name
  /// The first value of a header (case-insensitive name), null when absent.
  [[nodiscard]] const std::string* header(std::string_view name) const;
  /// The bytes sent: `shared_body` when set, else `body`.
  [[nodiscard]] std::string_view payload() const {
    return shared_body ? std::string_view(*shared_body) : std::string_view(body);
  }
  static Response json(int status, const nlohmann::json& body);
  static Response text(int status, std::string body, std::string content_type);
  /// `{"error":{"code":…,"message":…,"details":…}}` with that status.
  static Response error(int status,
                        std::string code,
                        std::string message,
                        nlohmann::json details = nullptr);
};

using Handler = std::function<Response(Request&)>;

/// What the OpenAPI document and the limits need to know about a route.
struct RouteInfo {
  std::string summary;
  std::size_t max_body = 1 << 20;  // bytes; 413 beyond it
  bool streaming = false;          // answers with Response::stream
};

struct Route {
  Method method;
  std::string pattern;  // "/api/v1/scenarios/{id}", "/assets/{*path}" (rest of path)
  RouteInfo info;
  Handler handler;
};

/// Matches a request to a route: exact segments, `{name}` for one segment, `{*name}`
/// for the rest. 404 when no pattern matches the path, 405 (with Allow) when patterns
/// match but not for this method. HEAD falls back to GET.
class Router {
 public:
  void add(Method method, std::string pattern, Handler handler, RouteInfo info = {});
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }
  /// The matching route and its parameters, or a 404/405 response.
  [[nodiscard]] Response dispatch(Request& request) const;
  /// The route a request would reach (for limits, before the body is read).
  [[nodiscard]] const Route* find(Method method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
};

/// One line of the access log (JSON lines), written after the response is sent.
struct AccessRecord {
  std::string request_id;
  std::string remote_address;
  std::string method;
  std::string target;
  int status = 0;
  std::uint64_t bytes_out = 0;
  double duration_ms = 0;
  std::string user;  // set by the application through the X-Corridor-User response
                     // header, which the server strips before sending
};

/// The record as one JSON object on one line (no trailing newline): request_id,
/// remote_address, method, target, status, bytes_out (body bytes), duration_ms, user.
std::string to_json_line(const AccessRecord& record);

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (tests); port() tells which
  int io_threads = 1;
  int handler_threads = 4;
  int max_connections = 512;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds header_timeout{10'000};  // whole request head
  std::chrono::milliseconds body_timeout{60'000};    // whole body
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive between requests
  int max_streams = 64;         // concurrent Response::stream bodies (one thread each); 503 beyond
  std::string tls_certificate;  // PEM files; both or neither
  std::string tls_private_key;
  /// Content-Security-Policy etc. sent unless the response sets its own.
  std::vector<std::pair<std::string, std::string>> default_headers = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  std::function<void(const AccessRecord&)> access_log;  // null: no log
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  /// Binds and listens (throws std::runtime_error naming the address when it cannot).
  void start();
  /// The bound port (after start()).
  [[nodiscard]] std::uint16_t port() const;
  /// Serves until stop(); returns after every connection is closed.
  void run();
  /// Thread-safe and signal-safe to call from a watcher thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_address(std::string_view address);

}  // namespace corridor::http
