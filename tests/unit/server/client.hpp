#pragma once
// A small blocking HTTP/1.1 client over POSIX sockets for the API tests: one request
// per connection, so that the server's code is never used to test itself.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace corridor::server::testing {

struct Reply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-case
  std::string body;
  [[nodiscard]] std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(body); }
  [[nodiscard]] std::string code() const {
    try {
      return json().at("error").at("code").get<std::string>();
    } catch (...) {
      return {};
    }
  }
};

inline Reply parse_reply(const std::string& raw) {
  Reply r;
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return r;
  const std::string head = raw.substr(0, head_end);
  std::size_t pos = head.find("\r\n");
  r.status = std::stoi(head.substr(9, 3));
  while (pos != std::string::npos && pos < head.size()) {
    const auto next = head.find("\r\n", pos + 2);
    const std::string line =
        head.substr(pos + 2, (next == std::string::npos ? head.size() : next) - pos - 2);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers.emplace(name, value);
    }
    pos = next;
  }
  std::string body = raw.substr(head_end + 4);
  if (r.header("transfer-encoding") == "chunked") {
    std::string out;
    std::size_t p = 0;
    while (p < body.size()) {
      const auto eol = body.find("\r\n", p);
      const std::size_t n = std::stoul(body.substr(p, eol - p), nullptr, 16);
      if (n == 0) break;
      out += body.substr(eol + 2, n);
      p = eol + 2 + n + 2;
    }
    body = out;
  }
  r.body = body;
  return r;
}

/// A browser-like caller: keeps its session cookie and CSRF token, sends Origin.
class Client {
 public:
  explicit Client(std::uint16_t port)
      : port_(port), origin_("http://127.0.0.1:" + std::to_string(port)) {}

  Reply request(const std::string& method,
                const std::string& path,
                const std::string& body = {},
                const std::string& content_type = "application/json",
                std::vector<std::pair<std::string, std::string>> extra = {}) {
    std::string req = method + " " + path +
                      " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                      "\r\nConnection: close\r\n";
    if (send_origin_) req += "Origin: " + origin_ + "\r\n";
    if (!cookie_.empty()) req += "Cookie: " + cookie_ + "\r\n";
    if (!csrf_.empty() && send_csrf_) req += "X-CSRF-Token: " + csrf_ + "\r\n";
    if (!bearer_.empty()) req += "Authorization: Bearer " + bearer_ + "\r\n";
    for (const auto& [k, v] : extra) req += k + ": " + v + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
      req += "Content-Type: " + content_type +
             "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    Reply r = parse_reply(exchange(req));
    for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it) {
      const std::string& c = it->second;
      const auto eq = c.find('='), semi = c.find(';');
      const std::string value = c.substr(eq + 1, semi - eq - 1);
      cookie_ = value.empty() ? std::string() : c.substr(0, semi);
    }
    return r;
  }
  Reply get(const std::string& path) { return request("GET", path); }
  Reply post(const std::string& path, const nlohmann::json& body) {
    return request("POST", path, body.dump());
  }
  Reply put(const std::string& path, const nlohmann::json& body) {
    return request("PUT", path, body.dump());
  }
  Reply patch(const std::string& path, const nlohmann::json& body) {
    return request("PATCH", path, body.dump());
  }

  /// Signs in; keeps the cookie and the CSRF token.
  Reply login(const std::string& user, const std::string& password) {
    Reply r = post("/api/v1/login", {{"username", user}, {"password", password}});
    if (r.status == 200) csrf_ = r.json().at("csrf_token").get<std::string>();
    return r;
  }

  /// Raw bytes in, raw reply out (for malformed requests).
  std::string exchange(const std::string& raw) const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      return {};
    }
    std::size_t sent = 0;
    while (sent < raw.size()) {
      const ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    std::string out;
    char buf[65536];
    while (true) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
  }

  std::string cookie_, csrf_, bearer_;
  bool send_origin_ = true, send_csrf_ = true;
  std::uint16_t port_;
  std::string origin_;
};

}  // namespace corridor::server::testing
