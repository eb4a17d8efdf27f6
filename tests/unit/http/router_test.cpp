// The router on its own: hand-made routes, requests built in the test.

#include <gtest/gtest.h>

#include "corridor/http.hpp"

namespace corridor::http {
namespace {

Handler named(std::string name) {
  return [name](Request& r) {
    nlohmann::json params = r.params;
    return Response::json(200, {{"route", name}, {"params", params}});
  };
}

Request request(Method m, std::string path) {
  Request r;
  r.method = m;
  r.path = std::move(path);
  return r;
}

nlohmann::json body(const Response& r) { return nlohmann::json::parse(r.body); }

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(Method::kGet, "/", named("root"));
    router_.add(Method::kGet, "/api/v1/scenarios", named("list"));
    router_.add(Method::kPost, "/api/v1/scenarios/{name}/versions", named("upload"));
    router_.add(Method::kGet, "/api/v1/scenarios/{name}/versions/{v}", named("version"));
    router_.add(Method::kGet, "/api/v1/scenarios/{name}", named("scenario"));
    router_.add(Method::kGet, "/api/v1/scenarios/special", named("special"));
    router_.add(Method::kDelete, "/api/v1/tokens/{id}", named("revoke"));
    router_.add(Method::kGet, "/assets/{*path}", named("asset"));
    router_.add(Method::kGet, "/assets/app.js", named("app"));
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralsAndParameters) {
  Request r = request(Method::kGet, "/api/v1/scenarios/kz-xj/versions/3");
  Response res = router_.dispatch(r);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(body(res)["route"], "version");
  EXPECT_EQ(body(res)["params"], nlohmann::json({{"name", "kz-xj"}, {"v", "3"}}));
  EXPECT_EQ(r.params.at("v"), "3");
  r = request(Method::kGet, "/");
  EXPECT_EQ(body(router_.dispatch(r))["route"], "root");
  r = request(Method::kGet, "/api/v1/scenarios");
  EXPECT_EQ(body(router_.dispatch(r))["route"], "list");
}

TEST_F(RouterTest, MostSpecificRouteWins) {
  // Registered after {name}, the literal still wins; and a literal file over {*path}.
  Request r = request(Method::kGet, "/api/v1/scenarios/special");
  EXPECT_EQ(body(router_.dispatch(r))["route"], "special");
  r = request(Method::kGet, "/api/v1/scenarios/other");
  EXPECT_EQ(body(router_.dispatch(r))["route"], "scenario");
  r = request(Method::kGet, "/assets/app.js");
  EXPECT_EQ(body(router_.dispatch(r))["route"], "app");
}

TEST_F(RouterTest, RestParameterTakesTheRestOfThePath) {
  Request r = request(Method::kGet, "/assets/js/map/chart.js");
  Response res = router_.dispatch(r);
  EXPECT_EQ(body(res)["route"], "asset");
  EXPECT_EQ(r.params.at("path"), "js/map/chart.js");
  r = request(Method::kGet, "/assets");  // no segment for the rest
  EXPECT_EQ(router_.dispatch(r).status, 404);
}

TEST_F(RouterTest, NotFound) {
  for (std::string path : {"/nope",
                           "/api/v1",
                           "/api/v1/scenarios/x/versions/1/extra",
                           "/api/v1/scenarios/",
                           "/api/v1/scenarios//versions/1"}) {
    Request r = request(Method::kGet, path);
    Response res = router_.dispatch(r);
    EXPECT_EQ(res.status, 404) << path;
    EXPECT_EQ(body(res)["error"]["code"], "not_found") << path;
  }
}

TEST_F(RouterTest, MethodNotAllowedListsAllow) {
  Request r = request(Method::kPut, "/api/v1/scenarios/x");
  Response res = router_.dispatch(r);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(body(res)["error"]["code"], "method_not_allowed");
  auto allow = std::find_if(
      res.headers.begin(), res.headers.end(), [](const auto& h) { return h.first == "Allow"; });
  ASSERT_NE(allow, res.headers.end());
  EXPECT_EQ(allow->second, "GET, HEAD");
  r = request(Method::kGet, "/api/v1/tokens/5");
  res = router_.dispatch(r);
  EXPECT_EQ(res.status, 405);
  allow = std::find_if(
      res.headers.begin(), res.headers.end(), [](const auto& h) { return h.first == "Allow"; });
  ASSERT_NE(allow, res.headers.end());
  EXPECT_EQ(allow->second, "DELETE");
  r = request(Method::kGet, "/api/v1/scenarios/x/versions");  // only POST there
  res = router_.dispatch(r);
  EXPECT_EQ(res.status, 405);
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  Request r = request(Method::kHead, "/api/v1/scenarios");
  EXPECT_EQ(body(router_.dispatch(r))["route"], "list");
  EXPECT_EQ(router_.find(Method::kHead, "/api/v1/scenarios"),
            router_.find(Method::kGet, "/api/v1/scenarios"));
  EXPECT_EQ(router_.find(Method::kHead, "/api/v1/tokens/1"), nullptr);
}

TEST_F(RouterTest, FindGivesTheRouteForLimits) {
  const Route* route = router_.find(Method::kPost, "/api/v1/scenarios/a/versions");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/api/v1/scenarios/{name}/versions");
  EXPECT_EQ(router_.find(Method::kPost, "/api/v1/scenarios/a"), nullptr);
}

TEST(RouterPatterns, RejectsMalformedPatterns) {
  Router router;
  EXPECT_THROW(router.add(Method::kGet, "no-slash", named("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::kGet, "/a/{*rest}/b", named("x")), std::invalid_argument);
}

}  // namespace
}  // namespace corridor::http
