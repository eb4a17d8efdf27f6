// monitor::render_html on monitors and status reports built here by hand (no loader,
// no status()): lights and localized status names, overrides, the chart's geometry
// against the scale documented in corridor/monitor/report.hpp, optional sections,
// escaping, no network at view time, and the phrasebook's completeness.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "corridor/monitor.hpp"
#include "corridor/monitor/report.hpp"

namespace corridor::monitor {
namespace {

using core::Lang;

// Day counts since 1970-01-01, counted by hand: 56 years of 365 days plus 14 leap days
// (1972 … 2024) give 2026-01-01 = 20454.
Date date(int days, const char* text) { return Date{days, text}; }
const Date kJan1 = date(20454, "2026-01-01");
const Date kFeb1 = date(20485, "2026-02-01");
const Date kApr1 = date(20544, "2026-04-01");
const Date kMay1 = date(20574, "2026-05-01");
const Date kSep1 = date(20697, "2026-09-01");
const Date kDec31 = date(20818, "2026-12-31");

const Status kAll[] = {Status::kDone,
                       Status::kOnTrack,
                       Status::kAtRisk,
                       Status::kOffTrack,
                       Status::kDeteriorating,
                       Status::kLate,
                       Status::kNoData};

/// One agreement, a quantity commitment C_T with trajectory indicator I_T (baseline 400
/// on 2026-01-01, targets 1000 on 2026-05-01 and 2026-12-31, observations 500 and 700),
/// and one commitment per status (C_S0 … C_S6) without indicators.
struct Fixture {
  Monitor m;
  StatusReport r;
  Fixture() {
    m.name = "hand";
    Agreement a;
    a.id = "A1";
    a.title = "Rail <script>alert(1)</script> deal";
    a.title_ru = "Железнодорожное соглашение";
    a.title_kk = "Темір жол келісімі";
    a.signed_on = kJan1;
    m.agreements.push_back(a);
    Commitment c;
    c.id = "C_T";
    c.agreement = "A1";
    c.text = "Trucks a day";
    c.due = kDec31;
    c.kind = CommitmentKind::kQuantity;
    m.commitments.push_back(c);
    Indicator i;
    i.id = "I_T";
    i.commitment = "C_T";
    i.name = "Trucks";
    i.unit = "trucks/day";
    i.baseline = 400;
    i.baseline_date = kJan1;
    i.frequency_days = 30;
    m.indicators.push_back(i);
    m.targets = {Target{"I_T", kMay1, 1000, "t"}, Target{"I_T", kDec31, 1000, "t"}};
    Observation o1{"O1", "I_T", kFeb1, 500, "ann", "bob", {"E1"}, "", "", "t"};
    Observation o2{"O2", "I_T", kApr1, 700, "ann", "", {"E1", "E2"}, "", "", "t"};
    m.observations = {o1, o2};
    Evidence e1;
    e1.id = "E1";
    e1.url = "https://example.org/report?a=1&b=2";
    e1.publisher = "Ministry";
    e1.date = kFeb1;
    e1.strength = Strength::kOfficial;
    e1.sha256 = "ab12";
    Evidence e2 = e1;
    e2.id = "E2";
    e2.url = "javascript:alert(2)";
    e2.strength = Strength::kMedia;
    m.evidence = {e1, e2};

    r.name = "hand";
    r.fingerprint = "sha256:0123";
    r.as_of = kSep1;
    CommitmentStatus ct;
    ct.commitment = "C_T";
    ct.status = Status::kAtRisk;
    ct.due = kDec31;
    r.commitments.push_back(ct);
    IndicatorStatus s;
    s.indicator = "I_T";
    s.commitment = "C_T";
    s.status = Status::kAtRisk;
    s.due = kDec31;
    s.basis = "r = 0.667";
    s.series = {Point{kFeb1, 500}, Point{kApr1, 700}};
    s.trajectory = {Point{kJan1, 400}, Point{kMay1, 1000}, Point{kDec31, 1000}};
    r.indicators.push_back(s);
    for (int k = 0; k < 7; ++k) {
      Commitment x;
      x.id = "C_S" + std::to_string(k);
      x.agreement = "A1";
      x.due = kDec31;
      m.commitments.push_back(x);
      CommitmentStatus cs;
      cs.commitment = x.id;
      cs.status = kAll[k];
      cs.due = kDec31;
      r.commitments.push_back(cs);
    }
  }
  std::string page(Lang lang = Lang::kEn, const std::vector<StatusChange>& h = {}) const {
    return render_html(m, r, lang, h);
  }
};

/// The <tr> of commitment `id` in the traffic-light table.
std::string row(const std::string& page, const std::string& id) {
  const auto at = page.find("<tr id=\"row-" + id + "\"");
  if (at == std::string::npos) return "";
  return page.substr(at, page.find("</tr>", at) - at);
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(MonitorHtml, PhrasebookIsComplete) {
  EXPECT_TRUE(report_phrases().missing().empty())
      << ::testing::PrintToString(report_phrases().missing());
}

TEST(MonitorHtml, EveryStatusShowsItsLightAndLocalizedName) {
  const Fixture f;
  const char* const kLight[] = {"green", "green", "amber", "red", "red", "red", "grey"};
  const char* const kKey[] = {"st_done",
                              "st_on_track",
                              "st_at_risk",
                              "st_off_track",
                              "st_deteriorating",
                              "st_late",
                              "st_no_data"};
  for (Lang lang : core::kLangs) {
    const std::string page = f.page(lang);
    for (int k = 0; k < 7; ++k) {
      const std::string tr = row(page, "C_S" + std::to_string(k));
      ASSERT_FALSE(tr.empty()) << k;
      EXPECT_NE(tr.find(std::string("class=\"light ") + kLight[k] + "\""), std::string::npos)
          << k << " " << tr;
      EXPECT_NE(tr.find(std::string(report_phrases().get(kKey[k], lang))), std::string::npos)
          << k << " " << tr;
    }
  }
  // A few names written out: the table above is what the page must show.
  EXPECT_NE(row(f.page(Lang::kRu), "C_S5").find("просрочено"), std::string::npos);
  EXPECT_NE(row(f.page(Lang::kZh), "C_S1").find("进展正常"), std::string::npos);
  EXPECT_NE(row(f.page(Lang::kKk), "C_S6").find("деректер жоқ"), std::string::npos);
}

TEST(MonitorHtml, DefaultOrderIsTheReportsAndRowsCarrySortKeys) {
  const Fixture f;
  const std::string page = f.page();
  std::size_t last = 0;
  for (const auto& c : f.r.commitments) {
    const auto at = page.find("<tr id=\"row-" + c.commitment + "\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_GT(at, last) << c.commitment;
    last = at;
  }
  // Sort keys: the due date's day count, days overdue, and the status rank (late = 0).
  EXPECT_NE(row(page, "C_S5").find("data-status=\"0\" data-due=\"20818\" data-overdue=\"0\""),
            std::string::npos);
  EXPECT_NE(row(page, "C_S0").find("data-status=\"6\""), std::string::npos);
  EXPECT_NE(page.find("<th data-sort=\"due\">"), std::string::npos);
}

TEST(MonitorHtml, OverrideShowsBothStatusesAndTheReason) {
  Fixture f;
  f.r.commitments[1].override_status = Status::kOnTrack;  // C_S5 is late: red
  f.r.commitments[1].status = Status::kLate;
  f.r.commitments[1].override_id = "OV1";
  f.r.commitments[1].override_reason = "Opened <early> by decree";
  const std::string tr = row(f.page(Lang::kRu), "C_S0");
  EXPECT_NE(tr.find("class=\"light green\""), std::string::npos) << tr;
  EXPECT_NE(tr.find("class=\"light red\""), std::string::npos) << tr;
  EXPECT_NE(tr.find("по плану"), std::string::npos);
  EXPECT_NE(tr.find("просрочено"), std::string::npos);
  EXPECT_NE(tr.find("Расчётный статус"), std::string::npos);
  EXPECT_NE(tr.find("OV1"), std::string::npos);
  EXPECT_NE(tr.find("Opened &lt;early&gt; by decree"), std::string::npos);
  // The shown (overridden) status decides the sort rank: on_track = 5.
  EXPECT_NE(tr.find("data-status=\"5\""), std::string::npos);
}

/// The numbers of a points="x,y x,y" attribute.
std::vector<std::pair<double, double>> points(const std::string& attr) {
  std::vector<std::pair<double, double>> out;
  std::regex pair_re(R"((-?[0-9.]+),(-?[0-9.]+))");
  for (std::sregex_iterator it(attr.begin(), attr.end(), pair_re), end; it != end; ++it)
    out.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
  return out;
}

TEST(MonitorHtml, ChartPlacesTrajectoryAndObservationsOnTheDocumentedScale) {
  const Fixture f;
  const std::string page = f.page();
  // Dates span 2026-01-01 (baseline) to 2026-12-31 (due): 364 days over a plot 640 - 72 -
  // 16 = 552 wide. Values span 400 … 1000, widened by 5 % of 600 = 30: 370 … 1030 over
  // 240 - 12 - 36 = 192 high.
  auto x = [](int days) { return 72 + (days - 20454) / 364.0 * 552; };
  auto y = [](double v) { return 12 + (1030 - v) / 660.0 * 192; };
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, std::regex("class=\"trajectory\" points=\"([^\"]*)\"")));
  const auto traj = points(m[1]);
  ASSERT_EQ(traj.size(), 3U);
  const std::pair<int, double> want[] = {{20454, 400}, {20574, 1000}, {20818, 1000}};
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(traj[k].first, x(want[k].first), 0.006) << k;
    EXPECT_NEAR(traj[k].second, y(want[k].second), 0.006) << k;
  }
  // The baseline sits on the left edge at the bottom of the padded range, the May target
  // at 120/364 of the width: independent spot checks of the formula above.
  EXPECT_NEAR(traj[0].first, 72, 1e-9);
  EXPECT_NEAR(traj[0].second, 12 + 630.0 / 660 * 192, 0.006);
  EXPECT_NEAR(traj[1].first, 72 + 552.0 * 120 / 364, 0.006);
  // One circle per observation, at its place.
  EXPECT_EQ(count(page, "<circle class=\"obs\""), 2);
  std::regex circle_re(R"re(<circle class="obs" cx="([0-9.]+)" cy="([0-9.]+)")re");
  std::vector<std::pair<double, double>> circles;
  for (std::sregex_iterator it(page.begin(), page.end(), circle_re), end; it != end; ++it)
    circles.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
  ASSERT_EQ(circles.size(), 2U);
  EXPECT_NEAR(circles[0].first, x(20485), 0.006);
  EXPECT_NEAR(circles[0].second, y(500), 0.006);
  EXPECT_NEAR(circles[1].first, x(20544), 0.006);
  EXPECT_NEAR(circles[1].second, y(700), 0.006);
  // Vertical lines at the due date (the right edge) and the as-of date.
  EXPECT_NE(page.find("class=\"due\" x1=\"624.00\""), std::string::npos);
  char asof[64];
  std::snprintf(asof, sizeof asof, "class=\"asof\" x1=\"%.2f\"", x(20697));
  EXPECT_NE(page.find(asof), std::string::npos) << asof;
  // No band indicator, no projection: neither is drawn.
  EXPECT_EQ(page.find("class=\"proj-band\""), std::string::npos);
  EXPECT_EQ(page.find("class=\"band\""), std::string::npos);
}

TEST(MonitorHtml, ProjectionBandOnlyWhenPresentAndBandForBandIndicators) {
  Fixture f;
  f.r.indicators[0].projection = Projection{kDec31, 1100, 900, 1300, 2};
  const std::string page = f.page();
  EXPECT_EQ(count(page, "class=\"proj-band\""), 1);
  // The wedge runs from the latest observation to the interval at the due date. Values
  // now span 400 … 1300, padded by 45: 355 … 1345.
  auto y = [](double v) { return 12 + (1345 - v) / 990.0 * 192; };
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, std::regex("class=\"proj-band\" points=\"([^\"]*)\"")));
  const auto wedge = points(m[1]);
  ASSERT_EQ(wedge.size(), 3U);
  EXPECT_NEAR(wedge[0].second, y(700), 0.006);
  EXPECT_NEAR(wedge[1].first, 624, 1e-9);
  EXPECT_NEAR(wedge[1].second, y(1300), 0.006);
  EXPECT_NEAR(wedge[2].second, y(900), 0.006);
  EXPECT_NE(page.find("1,100 [900, 1,300]"), std::string::npos);

  f.m.indicators[0].direction = Direction::kBand;
  f.m.indicators[0].low = 450;
  f.m.indicators[0].high = 800;
  EXPECT_EQ(count(f.page(), "<rect class=\"band\""), 1);
}

TEST(MonitorHtml, DelaySectionOnlyWhenPresent) {
  Fixture f;
  EXPECT_EQ(f.page().find("class=\"delay\""), std::string::npos);
  DelayResult d;
  d.commitment = "C_T";
  d.object = "crossing:AYAGOZ_RAIL";
  d.years = 1;
  d.currency = "USD";
  d.cost_on_time_per_year = 100000000;
  d.cost_delayed_per_year = 112345678;
  d.cost_per_year = 12345678;
  d.cost_total = 12345678;
  d.unmet_on_time_per_day = 0;
  d.unmet_delayed_per_day = 1500;
  d.days_on_time = 4.5;
  d.days_delayed = 5.25;
  d.shifts = {FlowShift{"DOSTYK_RAIL", 20000, 26000}, FlowShift{"AYAGOZ_RAIL", 6000, 0}};
  f.r.commitments[0].delay = d;
  const std::string page = f.page(Lang::kZh);
  EXPECT_EQ(count(page, "class=\"delay\""), 1);
  EXPECT_NE(page.find("延误成本"), std::string::npos);
  EXPECT_NE(page.find("12,345,678 USD"), std::string::npos);
  EXPECT_NE(page.find("crossing:AYAGOZ_RAIL"), std::string::npos);
  // Flow shifts by crossing: on time, delayed, and the change computed by hand.
  EXPECT_NE(page.find("<th>DOSTYK_RAIL</th><td class=\"num\">20,000</td><td class=\"num\">"
                      "26,000</td><td class=\"num\">6,000</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<th>AYAGOZ_RAIL</th><td class=\"num\">6,000</td><td class=\"num\">0"
                      "</td><td class=\"num\">-6,000</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<td class=\"num\">1,500</td>"), std::string::npos);  // unmet
}

TEST(MonitorHtml, DataIsEscapedAndOnlyEvidenceLinksLeaveThePage) {
  const Fixture f;
  for (Lang lang : core::kLangs) {
    const std::string page = f.page(lang);
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    if (lang == Lang::kEn || lang == Lang::kZh) {  // ru and kk show their own titles
      EXPECT_NE(page.find("Rail &lt;script&gt;alert(1)&lt;/script&gt; deal"), std::string::npos);
    }
    EXPECT_EQ(count(page, "<script"), 1);  // the page's own inline script
    EXPECT_EQ(page.find(" src="), std::string::npos);
    EXPECT_EQ(page.find("<link"), std::string::npos);
    EXPECT_EQ(page.find("@import"), std::string::npos);
    // Every address that leaves the page is an evidence link, escaped.
    std::regex href_re("(?:href|src)=\"([^\"#][^\"]*)\"");
    std::vector<std::string> external;
    for (std::sregex_iterator it(page.begin(), page.end(), href_re), end; it != end; ++it)
      external.push_back((*it)[1]);
    EXPECT_EQ(external, std::vector<std::string>{"https://example.org/report?a=1&amp;b=2"});
    // The javascript: address is shown as text, never as a link.
    EXPECT_NE(page.find("javascript:alert(2)"), std::string::npos);
    EXPECT_EQ(page.find("href=\"javascript"), std::string::npos);
  }
}

TEST(MonitorHtml, EvidenceIsLinkedFromObservationsAndBack) {
  const Fixture f;
  const std::string page = f.page();
  EXPECT_EQ(count(page, "<li id=\"ev-E1\">"), 1);
  EXPECT_EQ(count(page, "<li id=\"ev-E2\">"), 1);
  EXPECT_EQ(count(page, "href=\"#ev-E1\""), 2);  // cited by O1 and O2
  EXPECT_EQ(count(page, "href=\"#ev-E2\""), 1);
  EXPECT_NE(page.find("<tr id=\"obs-O2\""), std::string::npos);
  EXPECT_NE(page.find("<code>ab12</code>"), std::string::npos);
}

TEST(MonitorHtml, LanguageAttributeTitlesAndNoEnglishLabelsInChinese) {
  const Fixture f;
  const std::string zh = f.page(Lang::kZh);
  EXPECT_NE(zh.find("<html lang=\"zh\">"), std::string::npos);
  for (const char* english : {"Status history",
                              "Evidence list",
                              "Days overdue",
                              "Due date",
                              "on track",
                              "Commitments at a glance",
                              "Status as of",
                              "Observations",
                              "Final target"})
    EXPECT_EQ(zh.find(english), std::string::npos) << english;
  EXPECT_NE(zh.find("状态变更历史"), std::string::npos);
  // No Chinese title: the English one, marked as such.
  EXPECT_NE(zh.find("（英文名称，暂无译文）"), std::string::npos);
  const std::string ru = f.page(Lang::kRu);
  EXPECT_NE(ru.find("<html lang=\"ru\">"), std::string::npos);
  EXPECT_NE(ru.find("Железнодорожное соглашение"), std::string::npos);
  EXPECT_EQ(ru.find("(название на английском"), std::string::npos);
  EXPECT_NE(f.page(Lang::kKk).find("Темір жол келісімі"), std::string::npos);
  // The as-of date and the fingerprint head every section (5) and the page (1).
  EXPECT_EQ(count(zh, "<p class=\"stamp\">状态日期: <strong>2026-09-01</strong>"), 6);
  EXPECT_EQ(count(zh, "<code>sha256:0123</code></p>"), 7);  // and the footer
}

TEST(MonitorHtml, EnumValuesHaveTheirOwnLabels) {
  Fixture f;
  f.m.agreements[0].instrument = Instrument::kDecision;
  f.m.evidence[1].strength = Strength::kModel;
  f.m.indicators[0].method = Method::kGrowth;
  const std::string ru = f.page(Lang::kRu);
  EXPECT_NE(ru.find("<td>решение</td>"), std::string::npos);
  EXPECT_NE(ru.find("<td>модель</td>"), std::string::npos);
  EXPECT_NE(ru.find("<td>темп роста</td>"), std::string::npos);
  EXPECT_NE(ru.find("<td>рост</td>"), std::string::npos);  // direction increase
}

TEST(MonitorHtml, HistoryPerSubjectNewestFirst) {
  const Fixture f;
  EXPECT_NE(f.page(Lang::kKk).find("Мәртебе өзгерістері әлі тіркелмеген."), std::string::npos);
  std::vector<StatusChange> h = {
      {"C_T", "2026-03-01", "2026-03-01T10:00:00Z", "monitor", std::nullopt, Status::kOnTrack},
      {"I_T", "2026-03-01", "2026-03-01T10:00:00Z", "monitor", std::nullopt, Status::kOnTrack},
      {"C_T", "2026-09-01", "2026-09-01T10:00:00Z", "ann", Status::kOnTrack, Status::kAtRisk},
  };
  const std::string page = f.page(Lang::kEn, h);
  const auto section = page.substr(page.find("<section id=\"history\">"));
  const auto c = section.find("<h3 id=\"h-C_T\">");
  const auto i = section.find("<h3 id=\"h-I_T\">");
  ASSERT_NE(c, std::string::npos);
  ASSERT_NE(i, std::string::npos);
  EXPECT_LT(c, i);  // the commitment, then its indicator
  const auto newer = section.find("2026-09-01T10:00:00Z");
  const auto older = section.find("2026-03-01T10:00:00Z");
  EXPECT_LT(c, newer);
  EXPECT_LT(newer, older);
  EXPECT_LT(older, i);
  EXPECT_NE(section.find("first status"), std::string::npos);
}

}  // namespace
}  // namespace corridor::monitor
