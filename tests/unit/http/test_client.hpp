#pragma once
// A small blocking HTTP/1.1 client over plain POSIX sockets (and OpenSSL for TLS), so
// that the server tests do not reuse the server's own code. Every read has a safety
// limit (kSafety) so that a broken server fails a test instead of hanging it; no test
// asserts on how long anything takes.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace corridor::http::testing {

inline constexpr int kSafetyMs = 10'000;

struct ClientResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-case
  std::string body;
  [[nodiscard]] std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  [[nodiscard]] std::size_t count(const std::string& name) const { return headers.count(name); }
};

class Client {
 public:
  explicit Client(std::uint16_t port, SSL_CTX* tls = nullptr) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      throw std::runtime_error("connect failed");
    }
    if (tls != nullptr) {
      ssl_ = SSL_new(tls);
      SSL_set_fd(ssl_, fd_);
      if (SSL_connect(ssl_) != 1) throw std::runtime_error("TLS handshake failed");
    }
  }
  ~Client() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool send(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
      long n = ssl_ != nullptr
                   ? SSL_write(ssl_, data.data() + done, static_cast<int>(data.size() - done))
                   : ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  /// Reads more bytes into the buffer; false on close, error or the safety limit.
  bool fill() {
    if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, kSafetyMs) <= 0) return false;
    }
    char buf[16384];
    long n = ssl_ != nullptr ? SSL_read(ssl_, buf, sizeof buf) : ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buf_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  /// True when the server closes the connection (end of stream or reset) with no
  /// further bytes than `allowed_bytes` arriving first; false if it stays open past the
  /// safety limit.
  bool wait_closed(std::size_t allowed_bytes = 0) {
    while (buf_.size() <= allowed_bytes) {
      if (ssl_ == nullptr) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, kSafetyMs) <= 0) return false;
        char buf[4096];
        long n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return true;
        buf_.append(buf, static_cast<std::size_t>(n));
      } else if (!fill()) {
        return true;
      }
    }
    return false;
  }

  std::optional<ClientResponse> read_response(bool head_request = false) {
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    ClientResponse r;
    std::string head = buf_.substr(0, end + 2);
    buf_.erase(0, end + 4);
    std::size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    if (status_line.size() < 12 || status_line.compare(0, 5, "HTTP/") != 0) return std::nullopt;
    r.status = std::stoi(status_line.substr(9, 3));
    std::size_t pos = line_end + 2;
    while (pos < head.size()) {
      std::size_t eol = head.find("\r\n", pos);
      std::string line = head.substr(pos, eol - pos);
      pos = eol + 2;
      std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') ++v;
      r.headers.emplace(name, line.substr(v));
    }
    if (head_request || r.status == 204 || r.status == 304 || r.status < 200) return r;
    if (r.header("transfer-encoding") == "chunked") {
      if (!read_chunked(r.body)) return std::nullopt;
    } else if (r.count("content-length") != 0) {
      std::size_t n = std::stoul(r.header("content-length"));
      while (buf_.size() < n) {
        if (!fill()) return std::nullopt;
      }
      r.body = buf_.substr(0, n);
      buf_.erase(0, n);
    } else {
      while (fill()) {
      }
      r.body = std::move(buf_);
      buf_.clear();
    }
    return r;
  }

  /// One chunk of a chunked body (after read_head_only); nullopt at the last chunk.
  std::optional<std::string> read_chunk() {
    std::size_t eol;
    while ((eol = buf_.find("\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    std::size_t size = std::stoul(buf_.substr(0, eol), nullptr, 16);
    while (buf_.size() < eol + 2 + size + 2) {
      if (!fill()) return std::nullopt;
    }
    std::string chunk = buf_.substr(eol + 2, size);
    buf_.erase(0, eol + 2 + size + 2);
    if (size == 0) return std::nullopt;
    return chunk;
  }

  /// What has arrived and not been consumed by read_response/read_chunk.
  [[nodiscard]] const std::string& buffered() const { return buf_; }

  /// The status line and headers only; the body stays for read_chunk().
  std::optional<ClientResponse> read_head_only() { return read_response(true); }

 private:
  bool read_chunked(std::string& body) {
    while (auto chunk = read_chunk()) body += *chunk;
    return true;
  }

  int fd_ = -1;
  SSL* ssl_ = nullptr;
  std::string buf_;
};

/// One request on a fresh connection.
inline std::optional<ClientResponse> fetch(std::uint16_t port, const std::string& raw) {
  Client c(port);
  if (!c.send(raw)) return std::nullopt;
  return c.read_response(raw.rfind("HEAD ", 0) == 0);
}

inline std::string get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

}  // namespace corridor::http::testing
