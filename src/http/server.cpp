// The HTTP/1.1 server: Boost.Beast over Asio, confined to this file (and tls.cpp).
//
// One Session per connection, all of its I/O on its own strand. A request goes:
// head (deadline header_timeout, header_limit → 431) → route look-up → Content-Length
// against the route's max_body (413 before any body byte is read) → body (deadline
// body_timeout; chunked bodies stopped at the same limit) → the handler, posted to the
// handler pool → the response, serialized once and written back on the strand →
// keep-alive: wait idle_timeout for the next request. Server-made errors (400, 413,
// 431, 501, 503) close the connection after a lingering close, so the client reads
// the answer before the socket goes away. Streamed responses run on a thread of their
// own and write chunks through a blocking StreamWriter; stop() makes writers fail.

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "corridor/http.hpp"
#include "target.hpp"
#include "tls.hpp"

namespace corridor::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using ParsedRequest = bhttp::request<bhttp::string_body>;

// Limit on the body of a request no route takes (it is answered 404/405 anyway).
constexpr std::size_t kUnroutedBodyLimit = 64 * 1024;
// Connections beyond max_connections that are being answered 503 at the same time;
// beyond this they are closed without an answer.
constexpr int kMaxRejecting = 64;
// How long a closing connection keeps reading (and discarding) what the client still
// sends, so that the client sees our answer rather than a reset.
constexpr std::chrono::milliseconds kLinger{1000};
constexpr std::chrono::milliseconds kStopGrace{1000};

std::optional<Method> to_method(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return std::nullopt;
  }
}

bool quiet_error(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
         ec == net::error::operation_aborted || ec == net::error::connection_reset ||
         ec == net::error::eof || ec == net::error::broken_pipe ||
         ec == net::ssl::error::stream_truncated;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The status line and headers of `r` as bytes, for streamed responses whose body the
// stream thread writes piece by piece.
std::string serialize_head(const Response& r, unsigned version, bool chunked) {
  std::string out = version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += reason_phrase(r.status);
  out += "\r\n";
  for (const auto& [name, value] : r.headers) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (chunked) out += "Transfer-Encoding: chunked\r\n";
  out += "Connection: close\r\n\r\n";
  return out;
}

const std::shared_ptr<const std::string>& empty_body() {
  static const auto empty = std::make_shared<const std::string>();
  return empty;
}

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void on_stop() = 0;      // stop(): close when idle, else close after answering
  virtual void force_close() = 0;  // the grace period is over
};

// Everything the server shares with its sessions (Server::Impl is private to Server).
struct Core {
  Core(ServerOptions o, const Router& r)
      : options(std::move(o)),
        router(r),
        ioc(std::max(1, options.io_threads)),
        pool(static_cast<std::size_t>(std::max(1, options.handler_threads))) {}

  ServerOptions options;
  const Router& router;
  // Before ioc: a session's TLS stream may outlive the loop's handlers by a little.
  std::unique_ptr<net::ssl::context> tls;
  net::io_context ioc;
  // Declared after ioc: destroyed (joined) first, so no pool task outlives ioc.
  net::thread_pool pool;
  // The listener, its retry timer and the shutdown sequence share one strand, so that
  // stop() never races an accept completion when there are several io threads.
  net::strand<net::io_context::executor_type> control{net::make_strand(ioc)};
  tcp::acceptor acceptor{control};
  net::steady_timer accept_retry{control};
  net::steady_timer shutdown_timer{control};
  std::uint16_t bound_port = 0;

  std::atomic<bool> stopping{false};
  std::atomic<bool> io_stopped{false};
  bool shutdown_started = false;  // on the control strand only
  std::atomic<int> connections{0};
  std::atomic<int> rejecting{0};

  std::mutex sessions_mu;
  std::unordered_map<const SessionBase*, std::weak_ptr<SessionBase>> sessions;

  std::mutex streams_mu;
  std::condition_variable streams_cv;
  int streams = 0;  // guarded by streams_mu

  void accept();
  void on_accept(const beast::error_code& ec, tcp::socket socket);
  void begin_shutdown();
  void shutdown_tick(Clock::time_point deadline);
  std::vector<std::shared_ptr<SessionBase>> live_sessions();

  void log(const AccessRecord& record) const {
    if (!options.access_log) return;
    try {
      options.access_log(record);
    } catch (...) {
      // A failing log sink must not take the connection (or the io thread) down.
    }
  }
};

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  template <class... Args>
  Session(Core& srv, bool reject, Args&&... args)
      : srv_(srv), stream_(std::forward<Args>(args)...), reject_(reject) {}

  ~Session() override {
    {
      std::lock_guard lock(srv_.sessions_mu);
      srv_.sessions.erase(this);
    }
    (reject_ ? srv_.rejecting : srv_.connections).fetch_sub(1);
  }

  void start() {
    {
      std::lock_guard lock(srv_.sessions_mu);
      srv_.sessions.emplace(this, this->weak_from_this());
    }
    beast::error_code ec;
    auto endpoint = lowest().socket().remote_endpoint(ec);
    if (!ec) {
      auto address = endpoint.address();
      if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
      }
      remote_ = address.to_string();
      loopback_ = address.is_loopback();
    }
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

  void on_stop() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->state_ == State::kReading) {
        self->close_now();
      } else {
        self->close_after_ = true;
      }
    });
  }

  void force_close() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->close_now(); });
  }

 private:
  enum class State { kReading, kHandling, kWriting, kStreaming, kClosing };

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void begin() {
    started_ = Clock::now();
    if constexpr (kTls) {
      lowest().expires_after(srv_.options.header_timeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->close_now();
                                self->after_handshake();
                              });
    } else {
      after_handshake();
    }
  }

  void after_handshake() {
    if (reject_) {
      request_id_ = request_id_for("");
      return send_error(503, "overloaded", "too many connections; try again later");
    }
    read_head(true);
  }

  // Keep-alive: wait up to idle_timeout for the first byte of the next request, then
  // give the whole head header_timeout.
  void read_head(bool first) {
    state_ = State::kReading;
    if (close_after_ || srv_.stopping) return close_now();
    if (!first && buffer_.size() == 0) {
      lowest().expires_after(srv_.options.idle_timeout);
      stream_.async_read_some(
          buffer_.prepare(4096),
          [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
            if (ec) return self->close_now();
            self->buffer_.commit(n);
            self->read_head(true);
          });
      return;
    }
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(srv_.options.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(boost::none);  // checked against the route once the head is in
    lowest().expires_after(srv_.options.header_timeout);
    bhttp::async_read_header(stream_,
                             buffer_,
                             *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               self->on_head(ec);
                             });
  }

  void on_head(beast::error_code ec) {
    started_ = Clock::now();
    if (ec == bhttp::error::header_limit) {
      request_id_ = request_id_for("");
      return send_error(431, "header_too_large", "the request head is too large");
    }
    if (ec) {
      if (quiet_error(ec)) return close_now();
      request_id_ = request_id_for("");
      return send_error(400, "bad_request", "malformed request: " + ec.message());
    }
    const ParsedRequest& msg = parser_->get();
    auto incoming_id = msg.find("X-Request-Id");
    request_id_ = request_id_for(incoming_id == msg.end() ? "" : incoming_id->value());
    method_text_ = std::string(msg.method_string());
    target_ = std::string(msg.target());
    version_ = msg.version();
    auto method = to_method(msg.method());
    if (!method) {
      return send_error(501, "not_implemented", "method " + method_text_ + " is not supported");
    }
    std::string why;
    auto target = parse_target(target_, &why);
    if (!target) return send_error(400, "bad_target", why);
    request_ = std::make_unique<Request>();
    request_->method = *method;
    request_->path = std::move(target->path);
    request_->query = std::move(target->query);
    check_body_and_read();
  }

  void check_body_and_read() {
    const Route* route = srv_.router.find(request_->method, request_->path);
    std::size_t limit = route != nullptr ? route->info.max_body : kUnroutedBodyLimit;
    auto length = parser_->content_length();
    if (length && *length > limit) {
      return send_error(413,
                        "body_too_large",
                        "the body has " + std::to_string(*length) + " bytes; at most " +
                            std::to_string(limit) + " are accepted here");
    }
    parser_->body_limit(limit);
    if (parser_->is_done()) return handle();
    auto expect = parser_->get().find(bhttp::field::expect);
    if (expect != parser_->get().end() && beast::iequals(expect->value(), "100-continue")) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      lowest().expires_after(srv_.options.body_timeout);
      net::async_write(stream_,
                       net::buffer(kContinue),
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->close_now();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    lowest().expires_after(srv_.options.body_timeout);
    bhttp::async_read(stream_,
                      buffer_,
                      *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec == bhttp::error::body_limit) {
                          return self->send_error(413, "body_too_large", "the body is too large");
                        }
                        if (ec) {
                          if (quiet_error(ec)) return self->close_now();
                          return self->send_error(
                              400, "bad_request", "malformed body: " + ec.message());
                        }
                        self->handle();
                      });
  }

  void handle() {
    state_ = State::kHandling;
    ParsedRequest msg = parser_->release();
    parser_.reset();
    keep_alive_ = msg.keep_alive();
    Request& req = *request_;
    req.target = target_;
    req.headers.reserve(static_cast<std::size_t>(std::distance(msg.begin(), msg.end())));
    for (const auto& field : msg) {
      req.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    req.remote_address = remote_;
    req.loopback = loopback_;
    req.tls = kTls;
    req.request_id = request_id_;
    net::post(srv_.pool, [self = this->shared_from_this(), req = std::move(request_)]() mutable {
      Response response;
      try {
        response = self->srv_.router.dispatch(*req);
      } catch (...) {
        response = Response::error(500, "internal_error", "internal error");
      }
      net::post(self->stream_.get_executor(),
                [self, head = req->method == Method::kHead, r = std::move(response)]() mutable {
                  self->send(std::move(r), head, false);
                });
    });
  }

  void send_error(int status, std::string code, std::string message) {
    send(Response::error(status, std::move(code), std::move(message)), false, true);
  }

  void send(Response r, bool head, bool close) {
    if (r.status < 100 || r.status > 599) {
      r = Response::error(500, "internal_error", "the handler answered an invalid status");
    }
    if (r.stream && !head) {
      std::unique_lock lock(srv_.streams_mu);
      if (srv_.streams >= srv_.options.max_streams || srv_.stopping) {
        lock.unlock();
        r = Response::error(503, "too_many_streams", "too many open streams; try again later");
      } else {
        ++srv_.streams;
        return start_stream(std::move(r));
      }
    }
    status_ = r.status;
    user_ = finish_headers(r, srv_.options, request_id_);
    bool keep = keep_alive_ && !close && !close_after_ && !srv_.stopping;
    // The body is written from where it lies (a span over the handler's string or a
    // cache's shared bytes), never copied into the message.
    std::shared_ptr<const std::string> body = std::move(r.shared_body);
    if (!body) body = std::make_shared<const std::string>(std::move(r.body));
    if (r.status < 200 || r.status == 204 || r.status == 304) body = empty_body();
    auto res = std::make_shared<bhttp::response<bhttp::span_body<const char>>>();
    res->version(version_);
    res->result(static_cast<unsigned>(r.status));
    res->reason(reason_phrase(r.status));
    for (auto& [name, value] : r.headers) res->insert(name, value);
    res->body() = {body->data(), body->size()};
    res->prepare_payload();
    res->keep_alive(keep);
    if (head) res->body() = {};  // Content-Length stays that of the GET
    bytes_out_ = res->body().size();
    state_ = State::kWriting;
    lowest().expires_after(srv_.options.body_timeout);
    bhttp::async_write(
        stream_,
        *res,
        [self = this->shared_from_this(), res, body, keep](beast::error_code ec, std::size_t) {
          self->log();
          if (ec) return self->close_now();
          if (!keep) return self->close_gracefully();
          self->read_head(false);
        });
  }

  void log() {
    AccessRecord record;
    record.request_id = request_id_;
    record.remote_address = remote_;
    record.method = method_text_;
    record.target = target_;
    record.status = status_;
    record.bytes_out = bytes_out_;
    record.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    record.user = user_;
    srv_.log(record);
  }

  // The head goes out on the strand; the body function then runs on a thread of its
  // own, each chunk handed back to the strand and waited for.
  void start_stream(Response r) {
    state_ = State::kStreaming;
    status_ = r.status;
    user_ = finish_headers(r, srv_.options, request_id_);
    chunked_ = version_ >= 11;
    auto head = std::make_shared<std::string>(serialize_head(r, version_, chunked_));
    lowest().expires_after(srv_.options.body_timeout);
    net::async_write(stream_,
                     net::buffer(*head),
                     [self = this->shared_from_this(), head, fn = std::move(r.stream)](
                         beast::error_code ec, std::size_t) mutable {
                       if (ec) {
                         self->stream_dead_ = true;
                         self->log();
                         end_stream_count(self->srv_);
                         return self->close_now();
                       }
                       std::thread(&Session::run_stream, std::move(self), std::move(fn)).detach();
                     });
  }

  // The thread's entry; `self` is dropped before the count goes down, so that run()
  // (which waits for the count) never returns while this thread still owns a session.
  static void run_stream(std::shared_ptr<Session> self,
                         std::function<void(const StreamWriter&)> fn) {
    StreamWriter writer = [s = self.get()](std::string_view chunk) {
      return s->write_blocking(chunk);
    };
    try {
      fn(writer);
    } catch (...) {
      // The head is out; all we can do is end the body early.
    }
    fn = nullptr;
    if (!self->stream_dead_ && !self->srv_.io_stopped && self->chunked_) {
      self->write_raw_blocking(std::make_shared<std::string>("0\r\n\r\n"));
    }
    self->log();  // the strand does not touch the fields log() reads while streaming
    if (!self->srv_.io_stopped) {
      net::post(self->stream_.get_executor(), [self] {
        if (self->state_ != State::kClosing) self->close_gracefully();
      });
    }
    Core& srv = self->srv_;
    self.reset();
    end_stream_count(srv);
  }

  // Notifies under the lock: once it is released, run() may return and the server be
  // destroyed, so this thread must not touch the condition variable after that.
  static void end_stream_count(Core& srv) {
    std::lock_guard lock(srv.streams_mu);
    --srv.streams;
    srv.streams_cv.notify_all();
  }

  bool write_blocking(std::string_view chunk) {
    if (stream_dead_ || srv_.stopping) return false;
    if (chunk.empty()) return true;  // an empty chunk would end a chunked body
    auto data = std::make_shared<std::string>();
    if (chunked_) {
      std::ostringstream size;
      size << std::hex << chunk.size() << "\r\n";
      *data = size.str();
    }
    data->append(chunk);
    if (chunked_) data->append("\r\n");
    bytes_out_ += chunk.size();
    return write_raw_blocking(data);
  }

  bool write_raw_blocking(const std::shared_ptr<std::string>& data) {
    auto done = std::make_shared<std::promise<bool>>();
    auto result = done->get_future();
    net::post(stream_.get_executor(), [self = this->shared_from_this(), data, done] {
      if (self->state_ == State::kClosing) return done->set_value(false);
      self->lowest().expires_after(self->srv_.options.idle_timeout);
      net::async_write(self->stream_,
                       net::buffer(*data),
                       [data, done](beast::error_code ec, std::size_t) { done->set_value(!ec); });
    });
    // Once the io threads are gone nothing will complete the write: give up then.
    while (result.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      if (srv_.io_stopped) {
        stream_dead_ = true;
        return false;
      }
    }
    bool ok = result.get();
    if (!ok) stream_dead_ = true;
    return ok;
  }

  // Stop sending, then read and discard what the client still sends for a while, so
  // that it reads our answer instead of a connection reset (RFC 9112 §9.6).
  void close_gracefully() {
    state_ = State::kClosing;
    if (srv_.stopping) {  // no lingering while the server shuts down
      beast::error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      return close_now();
    }
    if constexpr (kTls) {
      lowest().expires_after(kLinger);
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->close_now(); });
    } else {
      beast::error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) return close_now();
      lowest().expires_after(kLinger);
      drain();
    }
  }

  void drain() {
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->buffer_.consume(self->buffer_.size());
                              self->drained_ += n;
                              if (ec || self->drained_ > (1u << 20)) return self->close_now();
                              self->drain();
                            });
  }

  void close_now() {
    state_ = State::kClosing;
    stream_dead_ = true;
    beast::error_code ec;
    lowest().socket().close(ec);
  }

  Core& srv_;
  Stream stream_;
  bool reject_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::unique_ptr<Request> request_;
  State state_ = State::kReading;
  bool close_after_ = false;
  bool keep_alive_ = false;
  bool chunked_ = false;
  std::atomic<bool> stream_dead_{false};
  unsigned version_ = 11;
  std::string remote_;
  bool loopback_ = false;
  std::string request_id_;
  std::string method_text_;
  std::string target_;
  std::string user_;
  int status_ = 0;
  std::uint64_t bytes_out_ = 0;
  std::size_t drained_ = 0;
  Clock::time_point started_;
};

void Core::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    on_accept(ec, std::move(socket));
  });
}

void Core::on_accept(const beast::error_code& ec, tcp::socket socket) {
  if (stopping || !acceptor.is_open()) return;
  if (ec) {
    // Out of descriptors or a transient failure: try again shortly rather than spin.
    accept_retry.expires_after(std::chrono::milliseconds(50));
    accept_retry.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec) accept();
    });
    return;
  }
  bool reject = connections.load() >= options.max_connections;
  if (reject && rejecting.load() >= kMaxRejecting) {
    beast::error_code ignored;
    socket.close(ignored);
    return accept();
  }
  (reject ? rejecting : connections).fetch_add(1);
  if (tls) {
    using TlsStream = beast::ssl_stream<beast::tcp_stream>;
    std::make_shared<Session<TlsStream>>(*this, reject, std::move(socket), *tls)->start();
  } else {
    std::make_shared<Session<beast::tcp_stream>>(*this, reject, std::move(socket))->start();
  }
  accept();
}

std::vector<std::shared_ptr<SessionBase>> Core::live_sessions() {
  std::vector<std::shared_ptr<SessionBase>> out;
  std::lock_guard lock(sessions_mu);
  out.reserve(sessions.size());
  for (auto& [key, weak] : sessions) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

void Core::begin_shutdown() {
  if (shutdown_started) return;
  shutdown_started = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  accept_retry.cancel();
  for (auto& s : live_sessions()) s->on_stop();
  shutdown_tick(Clock::now() + kStopGrace);
}

// Polls (every 20 ms, only while stopping) until every connection is gone or the grace
// period for in-flight handlers is over; then closes what is left and stops the loop.
void Core::shutdown_tick(Clock::time_point deadline) {
  bool empty;
  {
    std::lock_guard lock(sessions_mu);
    empty = sessions.empty();
  }
  if (empty) return;
  if (Clock::now() >= deadline) {
    for (auto& s : live_sessions()) s->force_close();
    shutdown_timer.expires_after(std::chrono::milliseconds(100));
    shutdown_timer.async_wait([this](beast::error_code) { ioc.stop(); });
    return;
  }
  shutdown_timer.expires_after(std::chrono::milliseconds(20));
  shutdown_timer.async_wait([this, deadline](beast::error_code ec) {
    if (!ec) shutdown_tick(deadline);
  });
}

}  // namespace

struct Server::Impl : Core {
  using Core::Core;
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  if (impl_) {
    stop();
    impl_->pool.join();
  }
}

void Server::start() {
  Impl& s = *impl_;
  if (s.options.tls_certificate.empty() != s.options.tls_private_key.empty()) {
    throw std::runtime_error("TLS needs both a certificate and a private key");
  }
  if (!s.options.tls_certificate.empty()) {
    s.tls = make_tls_context(s.options.tls_certificate, s.options.tls_private_key);
  }
  std::string where = s.options.address + ":" + std::to_string(s.options.port);
  try {
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(s.options.address,
                                    std::to_string(s.options.port),
                                    tcp::resolver::numeric_service | tcp::resolver::passive);
    tcp::endpoint endpoint = results.begin()->endpoint();
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(net::socket_base::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen(net::socket_base::max_listen_connections);
    s.bound_port = s.acceptor.local_endpoint().port();
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot listen on " + where + ": " + e.what());
  }
  s.accept();
}

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::run() {
  Impl& s = *impl_;
  std::vector<std::thread> extra;
  for (int i = 1; i < s.options.io_threads; ++i) extra.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : extra) t.join();
  s.io_stopped = true;
  std::unique_lock lock(s.streams_mu);
  s.streams_cv.wait(lock, [&s] { return s.streams == 0; });
}

void Server::stop() {
  Impl* s = impl_.get();
  s->stopping = true;
  net::post(s->control, [s] { s->begin_shutdown(); });
}

}  // namespace corridor::http
