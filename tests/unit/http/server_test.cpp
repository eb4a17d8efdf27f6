// The server over real sockets on 127.0.0.1 (port 0), driven by the POSIX client of
// test_client.hpp. Timeouts are short (300 ms) so that slow-client tests finish fast;
// they assert that the connection is closed, never how long it took.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

#include "corridor/http.hpp"
#include "test_client.hpp"

namespace corridor::http {
namespace {

using testing::Client;
using testing::ClientResponse;
using testing::fetch;
using testing::get;

bool is_hex16(const std::string& s) { return std::regex_match(s, std::regex("[0-9a-f]{16}")); }

// The headers every response must carry, server-made errors included.
void expect_standard_headers(const ClientResponse& r) {
  ServerOptions defaults;
  for (const auto& [name, value] : defaults.default_headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(r.header(lower), value) << name << " on a " << r.status;
    EXPECT_EQ(r.count(lower), 1u) << name << " on a " << r.status;
  }
  EXPECT_EQ(r.header("server"), "corridor");
  EXPECT_FALSE(r.header("date").empty());
  EXPECT_FALSE(r.header("x-request-id").empty());
  EXPECT_EQ(r.count("x-corridor-user"), 0u);
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.port = 0;
    options_.io_threads = 2;
    options_.handler_threads = 4;
    options_.max_header_bytes = 4096;
    // Generous by default; the slow-client tests shorten the deadline they test.
    options_.header_timeout = std::chrono::milliseconds(10'000);
    options_.body_timeout = std::chrono::milliseconds(10'000);
    options_.idle_timeout = std::chrono::milliseconds(10'000);
    options_.access_log = [this](const AccessRecord& r) {
      std::lock_guard lock(log_mu_);
      log_.push_back(r);
      log_cv_.notify_all();
    };
    router_.add(Method::kGet, "/hello", [](Request&) {
      return Response::text(200, "hello", "text/plain; charset=utf-8");
    });
    router_.add(Method::kGet, "/shared", [this](Request&) {
      Response res = Response::text(200, "ignored", "text/plain");
      res.shared_body = shared_;
      return res;
    });
    router_.add(Method::kGet, "/items/{id}", [](Request& r) {
      return Response::json(200, {{"id", r.params.at("id")}});
    });
    RouteInfo small;
    small.max_body = 100;
    router_.add(
        Method::kPost,
        "/items/{id}",
        [](Request& r) {
          return Response::json(201, {{"id", r.params.at("id")}, {"size", r.body.size()}});
        },
        small);
    router_.add(Method::kGet, "/files/{*path}", [](Request& r) {
      return Response::text(200, r.params.at("path"), "text/plain");
    });
    router_.add(Method::kGet, "/query", [](Request& r) { return Response::json(200, r.query); });
    router_.add(Method::kGet, "/whoami", [](Request& r) {
      Response res = Response::json(200, {{"ok", true}});
      res.set("X-Corridor-User", "alice");
      (void)r;
      return res;
    });
    router_.add(Method::kGet, "/own-csp", [](Request&) {
      Response res = Response::text(200, "x", "text/html");
      res.set("Content-Security-Policy", "sandbox");
      return res;
    });
    router_.add(Method::kGet, "/info", [](Request& r) {
      return Response::json(200,
                            {{"id", r.request_id},
                             {"tls", r.tls},
                             {"loopback", r.loopback},
                             {"remote", r.remote_address},
                             {"agent", r.header("User-Agent").value_or("")}});
    });
    RouteInfo streaming;
    streaming.streaming = true;
    router_.add(
        Method::kGet,
        "/events",
        [](Request&) {
          Response res = Response::text(200, "", "text/event-stream");
          res.stream = [](const StreamWriter& write) {
            for (int i = 1; i <= 3; ++i) {
              if (!write("event: progress\ndata: " + std::to_string(i) + "\n\n")) return;
            }
          };
          return res;
        },
        streaming);
    router_.add(
        Method::kGet,
        "/forever",
        [this](Request&) {
          Response res = Response::text(200, "", "text/event-stream");
          res.stream = [this](const StreamWriter& write) {
            while (write("data: tick\n\n"))
              std::this_thread::sleep_for(std::chrono::milliseconds(5));
            forever_ended_ = true;
          };
          return res;
        },
        streaming);
  }

  void start() {
    server_ = std::make_unique<Server>(options_, router_);
    server_->start();
    port_ = server_->port();
    thread_ = std::thread([this] { server_->run(); });
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  // The access log is written after the response is sent, so wait for it.
  std::vector<AccessRecord> wait_log(std::size_t n) {
    std::unique_lock lock(log_mu_);
    log_cv_.wait_for(
        lock, std::chrono::milliseconds(testing::kSafetyMs), [&] { return log_.size() >= n; });
    return log_;
  }

  ServerOptions options_;
  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::mutex log_mu_;
  std::condition_variable log_cv_;
  std::vector<AccessRecord> log_;
  std::atomic<bool> forever_ended_{false};
  std::shared_ptr<const std::string> shared_ =
      std::make_shared<const std::string>(std::string(100'000, 'x') + "end");
};

TEST_F(ServerTest, RoutesAndParameters) {
  start();
  auto r = fetch(port_, get("/hello"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello");
  r = fetch(port_, get("/items/%D0%B0%D0%B1"));  // "аб", percent-encoded
  ASSERT_TRUE(r);
  EXPECT_EQ(nlohmann::json::parse(r->body)["id"], "аб");
  r = fetch(port_, get("/files/a/b/c.js"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "a/b/c.js");
  r = fetch(port_, get("/query?a=1&b=x+y&b=%E4%B8%AD"));
  ASSERT_TRUE(r);
  EXPECT_EQ(nlohmann::json::parse(r->body), nlohmann::json({{"a", "1"}, {"b", "中"}}));
  expect_standard_headers(*r);
}

TEST_F(ServerTest, HandlersRunOffTheIoThread) {
  options_.io_threads = 1;  // run() on thread_ is then the only io thread
  std::mutex mu;
  std::thread::id handler_thread;
  router_.add(Method::kGet, "/where", [&](Request&) {
    std::lock_guard lock(mu);
    handler_thread = std::this_thread::get_id();
    return Response::text(200, "here", "text/plain");
  });
  start();
  auto r = fetch(port_, get("/where"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  std::lock_guard lock(mu);
  EXPECT_NE(handler_thread, std::thread::id());
  EXPECT_NE(handler_thread, thread_.get_id());
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedCarryTheHeaders) {
  start();
  auto r = fetch(port_, get("/nowhere"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  expect_standard_headers(*r);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "not_found");
  r = fetch(port_, "DELETE /items/7 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->header("allow"), "GET, HEAD, POST");
  expect_standard_headers(*r);
}

TEST_F(ServerTest, HeadAnswersGetWithoutBody) {
  start();
  Client c(port_);
  // HEAD then GET on one connection: if the HEAD answer carried a body, the second
  // response would not parse.
  ASSERT_TRUE(c.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n" + get("/hello")));
  auto head = c.read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), "5");
  auto body = c.read_response();
  ASSERT_TRUE(body);
  EXPECT_EQ(body->body, "hello");
}

// A shared body is sent instead of `body`, whole, on keep-alive connections one after
// the other; HEAD gives its length without it; the handler's copy stays shared.
TEST_F(ServerTest, SharedBodiesAreSentWholeAndStayShared) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get("/shared") + "HEAD /shared HTTP/1.1\r\nHost: x\r\n\r\n" + get("/shared")));
  auto first = c.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, *shared_);
  auto head = c.read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->header("content-length"), std::to_string(shared_->size()));
  auto second = c.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, *shared_);
  EXPECT_EQ(wait_log(3).at(0).bytes_out, shared_->size());
}

TEST_F(ServerTest, HandlerHeaderWinsOverDefault) {
  start();
  auto r = fetch(port_, get("/own-csp"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->count("content-security-policy"), 1u);
  EXPECT_EQ(r->header("content-security-policy"), "sandbox");
  EXPECT_EQ(r->header("x-frame-options"), "DENY");
}

TEST_F(ServerTest, RequestIdKeptOrGenerated) {
  start();
  auto r = fetch(port_, get("/info", "X-Request-Id: trace-0042-ab\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("x-request-id"), "trace-0042-ab");
  EXPECT_EQ(nlohmann::json::parse(r->body)["id"], "trace-0042-ab");
  r = fetch(port_, get("/info", "X-Request-Id: not valid!\r\n"));
  ASSERT_TRUE(r);
  EXPECT_TRUE(is_hex16(r->header("x-request-id"))) << r->header("x-request-id");
  auto a = fetch(port_, get("/info"));
  auto b = fetch(port_, get("/info"));
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(is_hex16(a->header("x-request-id")));
  EXPECT_NE(a->header("x-request-id"), b->header("x-request-id"));
  auto info = nlohmann::json::parse(a->body);
  EXPECT_EQ(info["remote"], "127.0.0.1");
  EXPECT_EQ(info["loopback"], true);
  EXPECT_EQ(info["tls"], false);
}

TEST_F(ServerTest, OversizeContentLengthIs413BeforeTheBody) {
  start();
  Client c(port_);
  // The body is never sent: the answer must come from the head alone.
  ASSERT_TRUE(c.send("POST /items/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  expect_standard_headers(*r);
  EXPECT_TRUE(c.wait_closed());
  // At the limit it is accepted.
  r = fetch(
      port_,
      "POST /items/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(nlohmann::json::parse(r->body)["size"], 100);
}

TEST_F(ServerTest, ExpectContinueGetsA100First) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(
      "POST /items/9 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.send("hello"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(nlohmann::json::parse(r->body)["size"], 5);
}

TEST_F(ServerTest, OversizeChunkedBodyIs413) {
  start();
  Client c(port_);
  std::string chunk = "3c\r\n" + std::string(60, 'x') + "\r\n";  // 60 bytes, limit 100
  ASSERT_TRUE(c.send("POST /items/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                     chunk + chunk + chunk + "0\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  expect_standard_headers(*r);
  // Within the limit, chunked is fine.
  r = fetch(port_,
            "POST /items/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk +
                "0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(nlohmann::json::parse(r->body)["size"], 60);
}

TEST_F(ServerTest, HugeHeaderIs431) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get("/hello", "X-Big: " + std::string(8000, 'a') + "\r\n")));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  expect_standard_headers(*r);
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(ServerTest, ClientStallingInTheHeadIsDisconnected) {
  options_.header_timeout = std::chrono::milliseconds(300);
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: x\r\n"));  // never finishes the head
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(ServerTest, ClientStallingInTheBodyIsDisconnected) {
  options_.body_timeout = std::chrono::milliseconds(300);
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("POST /items/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n0123456789"));
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  options_.idle_timeout = std::chrono::milliseconds(300);
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get("/hello")));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get("/items/1")));
  auto a = c.read_response();
  ASSERT_TRUE(c.send(get("/items/2")));
  auto b = c.read_response();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(nlohmann::json::parse(a->body)["id"], "1");
  EXPECT_EQ(nlohmann::json::parse(b->body)["id"], "2");
  EXPECT_NE(a->header("x-request-id"), b->header("x-request-id"));
}

TEST_F(ServerTest, MaxConnectionsAnswers503) {
  options_.max_connections = 4;
  start();
  std::vector<std::unique_ptr<Client>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(std::make_unique<Client>(port_));
    // A full exchange proves the server has accepted (and counts) the connection.
    ASSERT_TRUE(held.back()->send(get("/hello")));
    auto r = held.back()->read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  Client fifth(port_);
  ASSERT_TRUE(fifth.send(get("/hello")));
  auto r = fifth.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  expect_standard_headers(*r);
  EXPECT_TRUE(fifth.wait_closed());
  // The four are still served.
  ASSERT_TRUE(held[0]->send(get("/hello")));
  r = held[0]->read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("THIS IS NOT HTTP\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  expect_standard_headers(*r);
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(ServerTest, UnknownMethodIs501AndThrowingHandlerIs500) {
  router_.add(
      Method::kGet, "/throws", [](Request&) -> Response { throw std::runtime_error("boom"); });
  start();
  auto r = fetch(port_, "TRACE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 501);
  expect_standard_headers(*r);
  r = fetch(port_, get("/throws"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "internal_error");
  EXPECT_EQ(r->body.find("boom"), std::string::npos);  // no internals leak out
  expect_standard_headers(*r);
}

TEST_F(ServerTest, BadPathEncodingIs400) {
  start();
  for (std::string target : {"/items/%C3%28",         // invalid UTF-8 (bad continuation)
                             "/items/%C0%AF",         // overlong '/'
                             "/items/a%00b",          // NUL
                             "/items/%ZZ",            // malformed escape
                             "/files/..%2F..%2Fetc",  // encoded slash
                             "/files/a/../b"}) {      // dot segment
    auto r = fetch(port_, get(target));
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    expect_standard_headers(*r);
  }
}

TEST_F(ServerTest, StreamDeliversEventsInOrder) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get("/events")));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("content-type"), "text/event-stream");
  expect_standard_headers(*r);
  EXPECT_EQ(r->body,
            "event: progress\ndata: 1\n\n"
            "event: progress\ndata: 2\n\n"
            "event: progress\ndata: 3\n\n");
  EXPECT_TRUE(c.wait_closed());
  auto log = wait_log(1);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].bytes_out, r->body.size());
}

TEST_F(ServerTest, StopEndsANeverEndingStream) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get("/forever")));
  auto head = c.read_head_only();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  auto first = c.read_chunk();
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, "data: tick\n\n");
  server_->stop();
  thread_.join();  // run() returns only once the stream function has returned
  EXPECT_TRUE(forever_ended_);
  EXPECT_TRUE(c.wait_closed(1 << 20));
}

TEST_F(ServerTest, StreamsBeyondTheCapAre503) {
  options_.max_streams = 1;
  start();
  Client first(port_);
  ASSERT_TRUE(first.send(get("/forever")));
  ASSERT_TRUE(first.read_head_only());
  ASSERT_TRUE(first.read_chunk());  // the one stream is running
  auto r = fetch(port_, get("/events"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  expect_standard_headers(*r);
}

TEST_F(ServerTest, StopLetsAnInFlightHandlerAnswer) {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false, stop_called = false;
  router_.add(Method::kGet, "/busy", [&](Request&) {
    std::unique_lock lock(mu);
    entered = true;
    cv.notify_all();
    cv.wait_for(lock, std::chrono::milliseconds(testing::kSafetyMs), [&] { return stop_called; });
    return Response::text(200, "done", "text/plain");
  });
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get("/busy")));
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(
        cv.wait_for(lock, std::chrono::milliseconds(testing::kSafetyMs), [&] { return entered; }));
  }
  server_->stop();
  {
    std::lock_guard lock(mu);
    stop_called = true;
  }
  cv.notify_all();
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "done");
  EXPECT_EQ(r->header("connection"), "close");
  thread_.join();
}

TEST_F(ServerTest, AccessLogRecordsEachRequest) {
  start();
  auto r = fetch(port_, get("/whoami", "X-Request-Id: log-1\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->count("x-corridor-user"), 0u);  // stripped before sending
  r = fetch(port_, get("/nowhere?x=1", "X-Request-Id: log-2\r\n"));
  ASSERT_TRUE(r);
  auto log = wait_log(2);
  ASSERT_EQ(log.size(), 2u);
  std::sort(log.begin(), log.end(), [](const auto& a, const auto& b) {
    return a.request_id < b.request_id;
  });
  EXPECT_EQ(log[0].request_id, "log-1");
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].target, "/whoami");
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].user, "alice");
  EXPECT_EQ(log[0].remote_address, "127.0.0.1");
  EXPECT_EQ(log[0].bytes_out, std::string(R"({"ok":true})").size());
  EXPECT_GE(log[0].duration_ms, 0.0);
  EXPECT_EQ(log[1].request_id, "log-2");
  EXPECT_EQ(log[1].target, "/nowhere?x=1");
  EXPECT_EQ(log[1].status, 404);
  EXPECT_EQ(log[1].user, "");
}

TEST_F(ServerTest, ConcurrentClientsAreAllAnswered) {
  start();
  constexpr int kThreads = 8, kRequests = 200;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Half the requests on a kept-alive connection, half on fresh ones.
      Client kept(port_);
      for (int i = 0; i < kRequests; ++i) {
        std::string id = std::to_string(t * kRequests + i);
        std::optional<ClientResponse> r;
        if (i % 2 == 0) {
          if (kept.send(get("/items/" + id))) r = kept.read_response();
        } else {
          r = fetch(port_, get("/items/" + id));
        }
        if (r && r->status == 200 && nlohmann::json::parse(r->body)["id"] == id) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads * kRequests);
}

}  // namespace
}  // namespace corridor::http
