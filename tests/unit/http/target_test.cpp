// Target decoding, request ids, response headers and the access-log line: the parts of
// the http module that need no socket. Expected values are worked out by hand (UTF-8
// byte patterns from RFC 3629, the Unix epoch as an HTTP date).

#include "target.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "corridor/http.hpp"

namespace corridor::http {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("ascii"));
  EXPECT_TRUE(valid_utf8("\xC3\xA9"));          // é U+00E9
  EXPECT_TRUE(valid_utf8("\xE4\xB8\xAD"));      // 中 U+4E2D
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x9A\x9A"));  // 🚚 U+1F69A
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
}

TEST(Utf8, RejectsMalformedText) {
  EXPECT_FALSE(valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(valid_utf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));      // overlong '/', three bytes
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // U+D800, a surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // U+110000, beyond Unicode
  EXPECT_FALSE(valid_utf8("\xFF"));
  EXPECT_FALSE(valid_utf8("\x80"));  // a lone continuation byte
}

TEST(PercentDecode, DecodesAndRejects) {
  EXPECT_EQ(percent_decode("a%20b", false), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%d0%b0", false), "\xD0\xB0");  // lower-case hex, "а"
  EXPECT_FALSE(percent_decode("%", false));
  EXPECT_FALSE(percent_decode("%4", false));
  EXPECT_FALSE(percent_decode("%G0", false));
  EXPECT_FALSE(percent_decode("%00", false));
  EXPECT_FALSE(percent_decode("%FF", false));
}

TEST(ParseTarget, SplitsPathAndQuery) {
  std::string why;
  auto t = parse_target("/a/b%20c/?x=1&y=a+b&x=2&flag&=v", &why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(t->path, "/a/b c/");
  std::map<std::string, std::string> q = {{"x", "2"}, {"y", "a b"}, {"flag", ""}, {"", "v"}};
  EXPECT_EQ(t->query, q);
  t = parse_target("http://example.org:8080/p?q=1", &why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(t->path, "/p");
  EXPECT_EQ(t->query.at("q"), "1");
  t = parse_target("/", &why);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/");
}

TEST(ParseTarget, RejectsWhatCouldMisroute) {
  std::string why;
  for (std::string bad : {"*",
                          "relative",
                          "",
                          "/a%2Fb",
                          "/a/../b",
                          "/a/./b",
                          "/..",
                          "/a%00",
                          "/%C0%AF",
                          "/x?a=%00",
                          "/x?a=%FF",
                          "/%E2%82"}) {
    EXPECT_FALSE(parse_target(bad, &why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
}

TEST(RequestId, KeepsValidIncomingIds) {
  EXPECT_EQ(request_id_for("abc-DEF-123"), "abc-DEF-123");
  std::string max(64, 'a');
  EXPECT_EQ(request_id_for(max), max);
  std::regex hex16("[0-9a-f]{16}");
  for (std::string bad : {std::string(),
                          std::string("has space"),
                          std::string("semi;colon"),
                          std::string("ünï"),
                          std::string(65, 'a')}) {
    std::string id = request_id_for(bad);
    EXPECT_TRUE(std::regex_match(id, hex16)) << bad << " -> " << id;
  }
  EXPECT_NE(request_id_for(""), request_id_for(""));
}

TEST(HttpDate, FormatsImfFixdate) {
  EXPECT_EQ(http_date(std::chrono::system_clock::time_point{}), "Thu, 01 Jan 1970 00:00:00 GMT");
  // 2026-12-01 13:19:06 UTC = 1796131146 s since the epoch (20,788 days + 47,946 s).
  EXPECT_EQ(http_date(std::chrono::system_clock::time_point{std::chrono::seconds(1796131146)}),
            "Tue, 01 Dec 2026 13:19:06 GMT");
}

std::size_t count(const Response& r, std::string_view name) {
  return static_cast<std::size_t>(std::count_if(
      r.headers.begin(), r.headers.end(), [&](const auto& h) { return h.first == name; }));
}

std::string value(const Response& r, std::string_view name) {
  for (const auto& h : r.headers) {
    if (h.first == name) return h.second;
  }
  return "";
}

TEST(FinishHeaders, AddsDefaultsIdDateServerAndStripsUser) {
  ServerOptions options;
  Response r = Response::text(200, "x", "text/plain");
  r.set("x-frame-options", "SAMEORIGIN");  // the handler's own value, any case
  r.set("X-Corridor-User", "alice");
  r.headers.emplace_back("Set-Cookie", "a=1");
  r.headers.emplace_back("Set-Cookie", "b=2");  // repeated headers survive
  r.headers.emplace_back("X-Evil", "a\r\nInjected: yes");
  r.headers.emplace_back("Bad Name", "x");
  r.headers.emplace_back("content-length", "999");
  r.headers.emplace_back("Connection", "keep-alive");
  std::string user = finish_headers(r, options, "req-1");
  EXPECT_EQ(user, "alice");
  EXPECT_EQ(count(r, "X-Corridor-User"), 0u);
  EXPECT_EQ(count(r, "X-Evil"), 0u);
  EXPECT_EQ(count(r, "Bad Name"), 0u);
  EXPECT_EQ(count(r, "content-length"), 0u);
  EXPECT_EQ(count(r, "Connection"), 0u);
  EXPECT_EQ(count(r, "X-Frame-Options"), 0u);
  EXPECT_EQ(value(r, "x-frame-options"), "SAMEORIGIN");
  EXPECT_EQ(count(r, "Set-Cookie"), 2u);
  EXPECT_EQ(value(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(value(r, "Referrer-Policy"), "same-origin");
  EXPECT_EQ(value(r, "X-Request-Id"), "req-1");
  EXPECT_EQ(value(r, "Server"), "corridor");
  EXPECT_EQ(count(r, "Date"), 1u);
  EXPECT_TRUE(value(r, "Content-Security-Policy").find("frame-ancestors 'none'") !=
              std::string::npos);
}

TEST(ResponseHelpers, ErrorBody) {
  Response r = Response::error(422, "invalid_scenario", "bad", nlohmann::json::array({1}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(value(r, "Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(r.body),
            nlohmann::json::parse(
                R"({"error":{"code":"invalid_scenario","message":"bad","details":[1]}})"));
  r.set("content-type", "text/plain");
  EXPECT_EQ(count(r, "Content-Type"), 0u);
  EXPECT_EQ(value(r, "content-type"), "text/plain");
}

TEST(AccessLog, OneJsonLine) {
  AccessRecord rec;
  rec.request_id = "r1";
  rec.remote_address = "127.0.0.1";
  rec.method = "GET";
  rec.target = "/a?b=\xFF";  // not UTF-8: logged with a replacement character
  rec.status = 404;
  rec.bytes_out = 12;
  rec.duration_ms = 1.5;
  rec.user = "bob";
  std::string line = to_json_line(rec);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["request_id"], "r1");
  EXPECT_EQ(j["remote_address"], "127.0.0.1");
  EXPECT_EQ(j["method"], "GET");
  EXPECT_EQ(j["target"], "/a?b=\xEF\xBF\xBD");
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["bytes_out"], 12);
  EXPECT_EQ(j["duration_ms"], 1.5);
  EXPECT_EQ(j["user"], "bob");
}

TEST(RequestLookups, HeadersAndCookies) {
  Request r;
  r.headers = {{"cookie", "a=1; __Host-corridor_session=tok\"en; b=\"q\""},
               {"x-two", "first"},
               {"x-two", "second"}};
  EXPECT_EQ(r.header("X-Two"), "first");
  EXPECT_FALSE(r.header("x-none"));
  EXPECT_EQ(r.cookie("a"), "1");
  EXPECT_EQ(r.cookie("b"), "q");
  EXPECT_EQ(r.cookie("__Host-corridor_session"), "tok\"en");
  EXPECT_FALSE(r.cookie("c"));
}

TEST(Loopback, Addresses) {
  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("127.3.2.1"));
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_TRUE(is_loopback_address("::ffff:127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("localhost"));
  EXPECT_FALSE(is_loopback_address("10.0.0.1"));
  EXPECT_FALSE(is_loopback_address("128.0.0.1"));
  EXPECT_FALSE(is_loopback_address("::2"));
}

}  // namespace
}  // namespace corridor::http
