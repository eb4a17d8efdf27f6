// Every route of the API against a real server and a real database, SQLite and
// PostgreSQL: status codes, validation errors, the roles matrix, CSRF, sessions, rate
// limits, uploads (good, invalid, hostile), jobs run by the real `corridor` binary, and
// the agreement monitor's entry and verification with its audit chain.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include "corridor/core/artefact.hpp"
#include "corridor/monitor/audit.hpp"
#include "monitors.hpp"
#include "pg_cluster.hpp"
#include "scenarios.hpp"
#include "server_fixture.hpp"
#include "upload.hpp"

namespace corridor::server::testing {
namespace {

using Json = nlohmann::json;

Files fixture_files(const std::string& dir) {
  Files f;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    f[e.path().filename().string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return f;
}

Json files_json(const Files& files) {
  Json a = Json::array();
  for (const auto& [p, c] : files) a.push_back({{"path", p}, {"content", c}});
  return {{"files", a}};
}

class Api : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == "postgresql") {
      const auto& pg = test_support::pg_cluster();
      if (pg.url.empty() && pg.skip) GTEST_SKIP() << "PostgreSQL unavailable: " << pg.problem;
      ASSERT_FALSE(pg.url.empty()) << "PostgreSQL is required under CI: " << pg.problem;
      url = test_support::pg_fresh_database();
    }
    ws_ = std::make_unique<Workspace>(url);
  }
  void TearDown() override { ws_.reset(); }

  /// Uploads ok_minimal as `name` (version 1) as the planner.
  void upload_minimal(const std::string& name) {
    auto planner = ws_->as("planner");
    const auto r =
        planner.post("/api/v1/scenarios/" + name + "/versions",
                     files_json(fixture_files(std::string(CORRIDOR_TEST_DATA) + "/ok_minimal")));
    ASSERT_EQ(r.status, 201) << r.body;
  }

  /// Polls a job until it ends; its final JSON.
  Json wait_job(Client& c, std::int64_t id) {
    for (int i = 0; i < 1200; ++i) {
      const auto j = c.get("/api/v1/jobs/" + std::to_string(id)).json();
      const std::string state = j.value("state", "");
      if (state == "succeeded" || state == "failed" || state == "cancelled") return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "job " << id << " did not end";
    return {};
  }

  std::unique_ptr<Workspace> ws_;
};

TEST_P(Api, HealthAndSecurityHeadersOnEveryAnswer) {
  auto c = ws_->client();
  const auto h = c.get("/api/v1/health");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.json()["database"], GetParam() == "postgresql" ? "postgresql" : "sqlite");
  for (const auto& r : {h, c.get("/api/v1/scenarios"), c.get("/api/v1/nowhere"), c.get("/")}) {
    EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos)
        << r.status;
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors"), std::string::npos);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(r.header("referrer-policy").empty());
    EXPECT_FALSE(r.header("x-request-id").empty());
  }
}

TEST_P(Api, EveryRouteIsInTheOpenApiDocumentAndBack) {
  auto c = ws_->client();
  const auto doc = c.get("/api/v1/openapi.json").json();
  std::set<std::string> documented, routed;
  for (const auto& [path, ops] : doc.at("paths").items())
    for (const auto& [method, op] : ops.items()) documented.insert(method + " " + path);
  for (const auto& r : ws_->app->router().routes()) {
    std::string p = r.pattern;
    if (auto star = p.find("{*"); star != std::string::npos) p.erase(star + 1, 1);
    std::string m(http::method_name(r.method));
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    routed.insert(m + " " + p);
  }
  for (const auto& r : routed) EXPECT_TRUE(documented.count(r)) << r << " is not in openapi.json";
  for (const auto& d : documented)
    EXPECT_TRUE(routed.count(d)) << d << " is documented but not routed";
}

TEST_P(Api, SignInIsNeededAndWrongPasswordsAreRateLimited) {
  auto c = ws_->client();
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
  EXPECT_EQ(c.get("/api/v1/scenarios").status, 401);
  EXPECT_EQ(c.login("planner", "wrong password 123").status, 401);
  EXPECT_EQ(c.login("nobody-at-all", "wrong password 123").status, 401);
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    const auto r = c.login("viewer", "wrong password 123");
    if (r.status == 429) {
      ++limited;
      EXPECT_FALSE(r.header("retry-after").empty());
      EXPECT_EQ(r.code(), "rate_limited");
    }
  }
  EXPECT_GE(limited, 1);
  // Even the right password waits out the backoff.
  EXPECT_EQ(c.login("viewer", kPassword).status, 429);
}

TEST_P(Api, SessionsRotateAtLoginAndDieAtLogout) {
  auto c = ws_->client();
  ASSERT_EQ(c.login("planner", kPassword).status, 200);
  const std::string first = c.cookie_;
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(c.get("/api/v1/me").json()["user"]["username"], "planner");
  ASSERT_EQ(c.login("planner", kPassword).status, 200);
  EXPECT_NE(c.cookie_, first);
  Client old = ws_->client();
  old.cookie_ = first;
  EXPECT_EQ(old.get("/api/v1/me").status, 401) << "the cookie presented at login is revoked";
  const std::string second = c.cookie_;
  EXPECT_EQ(c.post("/api/v1/logout", Json::object()).status, 200);
  Client after = ws_->client();
  after.cookie_ = second;
  EXPECT_EQ(after.get("/api/v1/me").status, 401);
}

TEST_P(Api, UnsafeMethodsNeedTheCsrfTokenAndOurOrigin) {
  auto c = ws_->as("planner");
  const Json body = {{"lang", "kk"}};
  c.send_csrf_ = false;
  auto r = c.put("/api/v1/me/lang", body);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "csrf");
  c.send_csrf_ = true;
  const std::string token = c.csrf_;
  c.csrf_ = "forged";
  EXPECT_EQ(c.put("/api/v1/me/lang", body).status, 403);
  c.csrf_ = token;
  c.origin_ = "https://evil.example";
  EXPECT_EQ(c.put("/api/v1/me/lang", body).status, 403);
  c.origin_ = "http://127.0.0.1:" + std::to_string(ws_->server->port());
  r = c.put("/api/v1/me/lang", body);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["user"]["lang"], "kk");
  EXPECT_EQ(c.get("/api/v1/me").json()["user"]["lang"], "kk");
  // Login from a foreign page is refused too.
  Client evil = ws_->client();
  evil.origin_ = "https://evil.example";
  EXPECT_EQ(evil.login("planner", kPassword).status, 403);
}

TEST_P(Api, RolesAreCheckedOnEveryRoute) {
  upload_minimal("tiny");
  auto viewer = ws_->as("viewer");
  auto planner = ws_->as("planner");
  auto editor = ws_->as("editor");
  // A viewer sees no unpublished scenario and cannot start a job.
  EXPECT_TRUE(viewer.get("/api/v1/scenarios").json().empty());
  EXPECT_EQ(viewer.get("/api/v1/scenarios/tiny/versions/1").status, 404);
  EXPECT_EQ(viewer.get("/api/v1/scenarios/tiny/versions/1/zip").status, 404);
  auto r = viewer.post("/api/v1/jobs", {{"kind", "plan"}, {"scenario", "tiny"}, {"version", 1}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "forbidden");
  EXPECT_EQ(viewer.post("/api/v1/scenarios/x/versions", files_json({{"a", "b"}})).status, 403);
  // A planner cannot manage users or read the audit log; an editor cannot plan.
  EXPECT_EQ(planner.get("/api/v1/users").status, 403);
  EXPECT_EQ(planner.post("/api/v1/users", {{"username", "x"}, {"password", kPassword}}).status,
            403);
  EXPECT_EQ(planner.get("/api/v1/audit").status, 403);
  EXPECT_EQ(editor.post("/api/v1/scenarios/tiny/versions/1/publish", {{"published", true}}).status,
            403);
  // Published, the viewer sees it.
  EXPECT_EQ(planner.post("/api/v1/scenarios/tiny/versions/1/publish", {{"published", true}}).status,
            200);
  EXPECT_EQ(viewer.get("/api/v1/scenarios").json().size(), 1u);
  EXPECT_EQ(viewer.get("/api/v1/scenarios/tiny/versions/1").status, 200);
}

TEST_P(Api, AdminsManageUsersAndEveryWriteIsAudited) {
  auto admin = ws_->as("admin");
  auto r = admin.post("/api/v1/users",
                      {{"username", "analyst'; DROP TABLE users; --"},
                       {"password", "Kazakh-Steppe-Analyst-7"},
                       {"display_name", "<script>alert(1)</script>"},
                       {"roles", {"planner"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json()["id"].get<std::int64_t>();
  EXPECT_EQ(r.json().at("display_name"), "<script>alert(1)</script>");
  EXPECT_EQ(
      admin
          .post("/api/v1/users", {{"username", "planner"}, {"password", "Kazakh-Steppe-Analyst-7"}})
          .status,
      409);
  r = admin.post("/api/v1/users", {{"username", "weak"}, {"password", "password1234"}});
  EXPECT_EQ(r.status, 422);
  r = admin.post("/api/v1/users",
                 {{"username", "z"}, {"password", kPassword}, {"roles", {"emperor"}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["details"][0]["field"], "roles");
  r = admin.patch("/api/v1/users/" + std::to_string(id), {{"roles", {"viewer"}}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["roles"], Json::array({"viewer"}));
  EXPECT_EQ(admin.patch("/api/v1/users/999999", {{"disabled", true}}).status, 404);
  const auto users = admin.get("/api/v1/users").json();
  EXPECT_EQ(users.size(), 7u);
  const auto audit = admin.get("/api/v1/audit").json();
  std::set<std::string> actions;
  for (const auto& a : audit) actions.insert(a["action"].get<std::string>());
  EXPECT_FALSE(audit.empty());
  bool saw_patch = false;
  for (const auto& a : audit)
    if (a["object_id"] == std::to_string(id) && !a["before"].is_null() && !a["after"].is_null())
      saw_patch = true;
  EXPECT_TRUE(saw_patch) << audit.dump(1);
}

TEST_P(Api, RevokedSessionsAndDisabledUsersStopAtOnce) {
  auto admin = ws_->as("admin");
  auto viewer = ws_->as("viewer");
  EXPECT_EQ(viewer.get("/api/v1/me").status, 200);
  const auto id = viewer.get("/api/v1/me").json()["user"]["id"].get<std::int64_t>();
  EXPECT_EQ(admin.request("DELETE", "/api/v1/users/" + std::to_string(id) + "/sessions").status,
            200);
  EXPECT_EQ(viewer.get("/api/v1/me").status, 401);
}

TEST_P(Api, BadBodiesAreRefusedWithEveryProblem) {
  auto c = ws_->as("admin");
  auto r = c.request("POST", "/api/v1/users", "{\"username\": ");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "malformed_json");
  r = c.request("POST", "/api/v1/users", "{\"username\": \"\xff\xfe\"}");
  EXPECT_EQ(r.status, 400) << "invalid UTF-8";
  r = c.post("/api/v1/users", {{"username", 5}, {"password", true}, {"roles", "admin"}});
  EXPECT_EQ(r.status, 422);
  std::set<std::string> fields;
  const Json problems = r.json();
  for (const auto& d : problems.at("error").at("details"))
    fields.insert(d.at("field").get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"username", "password", "roles"}));
  r = c.request("POST", "/api/v1/users", "[1,2]");
  EXPECT_EQ(r.status, 400);
  r = c.request("POST", "/api/v1/users", "x=1", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 415);
  r = c.request("POST", "/api/v1/login", std::string(2u << 20, ' '));
  EXPECT_EQ(r.status, 413);
}

TEST_P(Api, ScenarioUploadsAreValidatedVersionedAndDownloadable) {
  auto planner = ws_->as("planner");
  Files files = fixture_files(std::string(CORRIDOR_TEST_DATA) + "/ok_minimal");
  // An error: a latitude out of range on line 3 of nodes.csv.
  Files bad = files;
  auto& nodes = bad.at("nodes.csv");
  const auto pos = nodes.find("39.47");
  ASSERT_NE(pos, std::string::npos);
  nodes.replace(pos, 5, "139.5");
  auto r = planner.post("/api/v1/scenarios/tiny/versions", files_json(bad));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.code(), "invalid_scenario");
  const Json refused = r.json();
  const auto& d = refused.at("error").at("details").at(0);
  EXPECT_EQ(d["file"], "nodes.csv");
  EXPECT_EQ(d["line"], 3);
  EXPECT_EQ(d["field"], "lat");
  EXPECT_EQ(d["code"], "E203");
  EXPECT_EQ(planner.get("/api/v1/scenarios/tiny").status, 404)
      << "nothing stored for a refused upload";
  // Fixed: version 1; the same again is not a new version; a change is version 2.
  r = planner.post("/api/v1/scenarios/tiny/versions", files_json(files));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["version"], 1);
  r = planner.post("/api/v1/scenarios/tiny/versions", files_json(files));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["created"], false);
  Files changed = files;
  changed.at("nodes.csv").replace(changed.at("nodes.csv").find("39.47"), 5, "39.48");
  r = planner.request(
      "POST", "/api/v1/scenarios/tiny/versions", zip(changed, "tiny"), "application/zip");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["version"], 2);
  EXPECT_EQ(planner.get("/api/v1/scenarios/tiny").json()["versions"].size(), 2u);
  const auto detail = planner.get("/api/v1/scenarios/tiny/versions/2").json();
  EXPECT_EQ(detail["nodes"].size(), 11u);
  const auto z = planner.get("/api/v1/scenarios/tiny/versions/1/zip");
  EXPECT_EQ(z.status, 200);
  EXPECT_EQ(z.header("content-type"), "application/zip");
  EXPECT_EQ(unzip(z.body), files);
  // Hostile archives: every bad entry named, nothing stored.
  r = planner.request("POST",
                      "/api/v1/scenarios/evil/versions",
                      zip({{"../../etc/cron.d/x", "y"}}, "evil"),
                      "application/zip");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "bad_upload");
  // Names that are not names: refused by the router (400) or the route (404).
  for (const char* name : {"..%2Fetc", "<b>x<%2Fb>", "%00", "a%20b"}) {
    const int status =
        planner.post(std::string("/api/v1/scenarios/") + name + "/versions", files_json(files))
            .status;
    EXPECT_TRUE(status == 400 || status == 404) << name << ": " << status;
  }
  EXPECT_EQ(planner.get("/api/v1/scenarios").json().size(), 1u) << "only tiny was stored";
}

TEST_P(Api, APlanJobRunsAsAChildAndItsOutputsAreServed) {
  upload_minimal("tiny");
  auto planner = ws_->as("planner");
  auto r = planner.post("/api/v1/jobs", {{"kind", "plan"}, {"scenario", "tiny"}, {"version", 1}});
  ASSERT_EQ(r.status, 202) << r.body;
  const auto id = r.json()["id"].get<std::int64_t>();
  EXPECT_EQ(planner.post("/api/v1/jobs", {{"kind", "dance"}, {"scenario", "tiny"}, {"version", 1}})
                .status,
            422);
  EXPECT_EQ(
      planner.post("/api/v1/jobs", {{"kind", "plan"}, {"scenario", "tiny"}, {"version", 9}}).status,
      422);
  // The event stream ends at the final state, with progress 1.
  const auto events = planner.get("/api/v1/jobs/" + std::to_string(id) + "/events");
  EXPECT_EQ(events.status, 200);
  EXPECT_NE(events.header("content-type").find("text/event-stream"), std::string::npos);
  const auto last = events.body.rfind("data: ");
  ASSERT_NE(last, std::string::npos) << events.body;
  const auto final_event =
      Json::parse(events.body.substr(last + 6, events.body.find('\n', last) - last - 6));
  EXPECT_EQ(final_event["state"], "succeeded") << events.body;
  EXPECT_DOUBLE_EQ(final_event["progress"].get<double>(), 1.0);
  const auto job = wait_job(planner, id);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  std::set<std::string> files(job["files"].begin(), job["files"].end());
  EXPECT_TRUE(files.count("plan.json") && files.count("report.html")) << job["files"].dump();
  const auto plan = planner.get("/api/v1/jobs/" + std::to_string(id) + "/files/plan.json");
  EXPECT_EQ(plan.json()["status"], "optimal");
  const auto report = planner.get("/api/v1/jobs/" + std::to_string(id) + "/files/report.html");
  EXPECT_NE(report.header("content-security-policy").find("sandbox"), std::string::npos);
  // Viewers see it only once published; two runs compare.
  auto viewer = ws_->as("viewer");
  EXPECT_EQ(viewer.get("/api/v1/jobs/" + std::to_string(id)).status, 404);
  EXPECT_EQ(
      planner.post("/api/v1/jobs/" + std::to_string(id) + "/publish", {{"published", true}}).status,
      200);
  EXPECT_EQ(viewer.get("/api/v1/jobs/" + std::to_string(id)).status, 200);
  const auto cmp =
      planner.get("/api/v1/compare?a=" + std::to_string(id) + "&b=" + std::to_string(id)).json();
  EXPECT_DOUBLE_EQ(cmp["difference"]["objective"].get<double>(), 0.0);
  EXPECT_EQ(cmp["a"]["objective"], plan.json()["objective"]);
  EXPECT_EQ(planner.post("/api/v1/jobs/" + std::to_string(id) + "/cancel", Json::object()).status,
            409);
}

// Outputs of an ended job are kept in memory (file_cache.hpp): the same bytes every time,
// an ETag that names them, 304 on a matching If-None-Match (RFC 9110 §13.1.2: "*", lists,
// weak comparison), and access still checked on every request, cached or not.
TEST_P(Api, JobOutputsCarryAnETagAndAccessIsCheckedEveryTime) {
  upload_minimal("tiny");
  auto planner = ws_->as("planner");
  auto r = planner.post("/api/v1/jobs", {{"kind", "plan"}, {"scenario", "tiny"}, {"version", 1}});
  ASSERT_EQ(r.status, 202) << r.body;
  const auto id = r.json()["id"].get<std::int64_t>();
  ASSERT_EQ(wait_job(planner, id)["state"], "succeeded");
  const std::string path = "/api/v1/jobs/" + std::to_string(id) + "/files/report.html";
  std::string stored;
  ws_->db->read([&](store::Tx& tx) {
    stored = tx.query_one("SELECT content FROM job_files WHERE job_id = ? AND name = ?",
                          std::vector<store::Value>{id, std::string("report.html")})
                 ->blob(0);
  });
  const auto first = planner.get(path);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, stored);
  const std::string etag = first.header("etag");
  EXPECT_EQ(etag, "\"" + sha256_hex(stored).substr(0, 32) + "\"");
  EXPECT_EQ(first.header("cache-control"), "private, no-cache");
  const auto again = planner.get(path);  // from the cache
  EXPECT_EQ(again.body, stored);
  EXPECT_EQ(again.header("etag"), etag);
  auto conditional = [&](Client& c, const std::string& inm) {
    return c.request("GET", path, {}, "application/json", {{"If-None-Match", inm}});
  };
  for (const std::string& match : {etag, "W/" + etag, "\"x\", " + etag, std::string("*")}) {
    const auto not_modified = conditional(planner, match);
    EXPECT_EQ(not_modified.status, 304) << match;
    EXPECT_TRUE(not_modified.body.empty()) << match;
    EXPECT_EQ(not_modified.header("etag"), etag) << match;
    // A 304's headers replace the cached ones: the report must stay frameable by the
    // dashboard (the server's default policy says frame-ancestors 'none').
    EXPECT_EQ(not_modified.header("content-security-policy"),
              first.header("content-security-policy"))
        << match;
  }
  EXPECT_NE(first.header("content-security-policy").find("frame-ancestors 'self'"),
            std::string::npos);
  EXPECT_EQ(conditional(planner, "\"x\", \"y\"").status, 200);
  // A viewer: refused while the run is unpublished, though its files are cached.
  auto viewer = ws_->as("viewer");
  EXPECT_EQ(viewer.get(path).status, 404);
  EXPECT_EQ(conditional(viewer, etag).status, 404);
  const std::string publish = "/api/v1/jobs/" + std::to_string(id) + "/publish";
  ASSERT_EQ(planner.post(publish, {{"published", true}}).status, 200);
  EXPECT_EQ(viewer.get(path).body, stored);
  ASSERT_EQ(planner.post(publish, {{"published", false}}).status, 200);
  EXPECT_EQ(viewer.get(path).status, 404);
  // Signed out: 401, whatever the client holds.
  ASSERT_EQ(planner.post("/api/v1/logout", Json::object()).status, 200);
  EXPECT_EQ(conditional(planner, etag).status, 401);
  EXPECT_EQ(planner.get(path).status, 401);
  // Other answers are still not stored by the browser.
  EXPECT_EQ(viewer.get("/api/v1/me").header("cache-control"), "no-store");
}

TEST_P(Api, MonitorObservationsAreEnteredVerifiedByAnotherAndChained) {
  import_monitor(*ws_->db, "kz", std::string(CORRIDOR_TEST_DATA) + "/monitor/ok_minimal");
  auto editor = ws_->as("editor");
  auto verifier = ws_->as("verifier");
  auto both = ws_->as("both");
  auto viewer = ws_->as("viewer");
  const Json row = {{"indicator", "I_TRUCKS"},
                    {"date", "2026-05-01"},
                    {"value", 820},
                    {"source", "KGD press release"}};
  EXPECT_EQ(viewer.post("/api/v1/monitors/kz/observations", row).status, 403);
  auto r =
      editor.post("/api/v1/monitors/kz/observations",
                  {{"indicator", "I_NOPE"}, {"date", "2026-05-01"}, {"value", 1}, {"source", "x"}});
  EXPECT_EQ(r.status, 422) << "checked by the monitor's own loader";
  EXPECT_EQ(r.json()["error"]["details"][0]["field"], "indicator");
  r = editor.post("/api/v1/monitors/kz/observations", row);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json()["id"].get<std::int64_t>();
  auto count = [&](Client& c, const std::string& q) {
    const auto j = c.get("/api/v1/monitors/kz" + q).json();
    for (const auto& i : j["indicators"])
      if (i["indicator"] == "I_TRUCKS") return i.value("observations", 0);
    return -1;
  };
  (void)count;
  // The draft is not in the verified view; an editor who is also a verifier cannot
  // verify their own entry; another verifier can.
  const auto own = both.post("/api/v1/monitors/kz/observations", row);
  ASSERT_EQ(own.status, 422) << "the same date twice conflicts: " << own.body;
  const Json conflict = own.json();
  EXPECT_EQ(conflict.at("error").at("details").at(0).at("code"), "E605");
  EXPECT_EQ(conflict.at("error").at("details").at(0).at("file"), "kz/observations.csv")
      << "no temporary path shown";
  const auto own2 =
      both.post("/api/v1/monitors/kz/observations",
                {{"indicator", "I_WAIT"}, {"date", "2026-06-01"}, {"value", 20}, {"source", "x"}});
  ASSERT_EQ(own2.status, 201) << own2.body;
  r = both.post("/api/v1/monitors/kz/observations/" +
                    std::to_string(own2.json()["id"].get<std::int64_t>()) + "/verify",
                {{"decision", "verify"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "own_observation");
  EXPECT_EQ(editor
                .post("/api/v1/monitors/kz/observations/" + std::to_string(id) + "/verify",
                      {{"decision", "verify"}})
                .status,
            403);
  // The status (cached per monitor version) follows the verification at once; compared
  // with a status computed afresh, bypassing the cache.
  auto fresh = [&] {
    Json j = Json::parse(
        monitor::to_json(load_monitor(*ws_->db, "kz", View::kVerified, std::nullopt)->report));
    j["view"] = "verified";
    return j;
  };
  const Json status_before = viewer.get("/api/v1/monitors/kz").json();
  EXPECT_EQ(status_before, fresh());
  EXPECT_EQ(viewer.get("/api/v1/monitors/kz").json(), status_before);
  const std::string before = audit_text(*ws_->db, "kz");
  r = verifier.post("/api/v1/monitors/kz/observations/" + std::to_string(id) + "/verify",
                    {{"decision", "verify"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(verifier
                .post("/api/v1/monitors/kz/observations/" + std::to_string(id) + "/verify",
                      {{"decision", "verify"}})
                .status,
            409);
  const Json status_after = viewer.get("/api/v1/monitors/kz").json();
  EXPECT_NE(status_after, status_before) << "the verified observation counts";
  EXPECT_EQ(status_after, fresh());
  // The chain grew, still verifies, and names the new observation.
  const std::string after = audit_text(*ws_->db, "kz");
  EXPECT_GT(after.size(), before.size());
  EXPECT_EQ(after.substr(0, before.size()), before);
  const auto check = monitor::verify_log_text(after, "monitor_audit");
  EXPECT_TRUE(check.ok());
  EXPECT_NE(after.find("SRV_" + std::to_string(id)), std::string::npos);
  EXPECT_EQ(viewer.get("/api/v1/monitors/kz/observations").status, 403);
  const auto list = editor.get("/api/v1/monitors/kz/observations").json();
  EXPECT_EQ(list.size(), 2u);
  const auto page = viewer.get("/api/v1/monitors/kz/report?lang=zh");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.header("content-security-policy").find("sandbox"), std::string::npos);
  EXPECT_EQ(viewer.get("/api/v1/monitors/kz/report?lang=xx").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Databases,
                         Api,
                         ::testing::Values(std::string("sqlite"), std::string("postgresql")),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace corridor::server::testing
