// The report in four languages: the phrase table is complete, every template phrase
// takes as many figures in each language as in English, and a page rendered in
// Russian, Kazakh or Chinese carries its language's headings and none of the English
// ones (English stays the default, which the other report tests read).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alternatives.hpp"
#include "corridor/report.hpp"
#include "phrases.hpp"
#include "sample_plan.hpp"

namespace corridor::report {
namespace {

int placeholders(std::string_view s) {
  int n = 0;
  for (auto at = s.find("{}"); at != std::string_view::npos; at = s.find("{}", at + 2)) ++n;
  return n;
}

nlohmann::json data_block(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"corridor-data\">";
  const auto from = html.find(open);
  const auto to = html.find("</script>", from);
  EXPECT_NE(from, std::string::npos);
  return nlohmann::json::parse(html.substr(from + open.size(), to - from - open.size()));
}

// Headings and captions: the phrases a reader scans the page by.
bool is_heading(std::string_view key) {
  for (std::string_view p : {"sec_", "tbl_", "side_", "chart_"})
    if (key.substr(0, p.size()) == p) return true;
  return key == "map_title" || key == "details";
}

TEST(ReportLang, PhraseTablesAreComplete) {
  EXPECT_TRUE(report_phrasebook().missing().empty())
      << ::testing::PrintToString(report_phrasebook().missing());
  EXPECT_TRUE(alternatives_phrasebook().missing().empty());
}

TEST(ReportLang, TemplatesTakeTheSameFiguresInEveryLanguage) {
  for (const auto& p : report_phrasebook().phrases()) {
    const int n = placeholders(p.en);
    for (core::Lang l : core::kLangs) EXPECT_EQ(placeholders(p.in(l)), n) << p.key;
  }
}

// A plan page with its simulation and alternatives, and a comparison page: every
// section the report has, in `lang`.
std::vector<std::string> pages(core::Lang lang) {
  const scenario::Scenario s = testing::sample_scenario();
  design::Plan p = testing::sample_plan(s);
  design::PlanAlternative a;
  a.rank = 2;
  a.objective = p.objective * 1.01;
  a.gap_to_best = 0.01;
  a.sites_opened = {p.warehouses.empty() ? "X" : p.warehouses.front().site};
  p.alternatives.push_back(a);
  const sim::SimResult r = testing::sample_sim(s, p);
  const design::Plan v = testing::sample_plan(s, "ayagoz");
  return {render_plan_report(s, p, &r, nullptr, lang),
          render_compare_report(s, {{"base", &p}, {"ayagoz", &v}}, nullptr, lang)};
}

TEST(ReportLang, EnglishIsTheDefault) {
  const scenario::Scenario s = testing::sample_scenario();
  const design::Plan p = testing::sample_plan(s);
  const std::string h = render_plan_report(s, p);
  EXPECT_NE(h.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(h.find("<h2>Simulation</h2>"), std::string::npos);
  EXPECT_NE(h.find(">Network and flows</h2>"), std::string::npos);
  EXPECT_EQ(data_block(h)["phrases"]["warehouse"], "Warehouse {}");
}

TEST(ReportLang, TranslatedPagesHaveTheirHeadingsAndNoEnglishOnes) {
  // Expected words written here by hand, one per language, for headings of each part.
  struct Want {
    core::Lang lang;
    const char* code;
    std::vector<std::string> words;
  };
  const std::vector<Want> wants = {
      {core::Lang::kRu,
       "ru",
       {"<h2>Моделирование</h2>",
        "Открытые склады",
        "Пограничные переходы",
        "Зоны спроса",
        "Альтернативные планы",
        "Варианты в сравнении с базовым",
        "Сеть и потоки"}},
      {core::Lang::kKk,
       "kk",
       {"<h2>Модельдеу</h2>",
        "Ашық қоймалар",
        "Шекара өткелдері",
        "Сұраныс аймақтары",
        "Балама жоспарлар",
        "Нұсқалар базалықпен салыстырғанда",
        "Желі және ағындар"}},
      {core::Lang::kZh,
       "zh",
       {"<h2>仿真</h2>",
        "开设的仓库",
        "边境口岸",
        "需求区",
        "备选方案",
        "各方案与基准对比",
        "网络与流量"}},
  };
  for (const auto& w : wants) {
    const std::vector<std::string> two = pages(w.lang);
    const std::string both = two[0] + two[1];
    EXPECT_NE(two[0].find(std::string("<html lang=\"") + w.code + "\">"), std::string::npos);
    EXPECT_NE(two[1].find(std::string("<html lang=\"") + w.code + "\">"), std::string::npos);
    for (const auto& word : w.words) EXPECT_NE(both.find(word), std::string::npos) << word;
    for (const auto& p : report_phrasebook().phrases()) {
      if (!is_heading(p.key) || p.en == p.in(w.lang)) continue;
      const std::string en(p.en);
      EXPECT_EQ(both.find(">" + en + "<"), std::string::npos) << w.code << ": " << en;
      EXPECT_EQ(both.find("\"" + en + "\""), std::string::npos) << w.code << ": " << en;
    }
    EXPECT_EQ(both.find("Alternative plans"), std::string::npos) << w.code;
    // The words the page's JS writes come from the data block, in the same language.
    const nlohmann::json phrases = data_block(two[0])["phrases"];
    EXPECT_EQ(phrases, script_phrases(w.lang));
    EXPECT_NE(phrases.value("warehouse", std::string()), "Warehouse {}") << w.code;
    EXPECT_EQ(data_block(two[0])["report"]["lang"], w.code);
  }
}

}  // namespace
}  // namespace corridor::report
