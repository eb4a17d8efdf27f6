// The report's "Alternative plans" section: present only with alternatives, one row per
// plan with the differences the plan carries, labels complete in all four languages.

#include "alternatives.hpp"

#include <gtest/gtest.h>

#include <string>

#include "corridor/report.hpp"
#include "sample_plan.hpp"

namespace corridor::report {
namespace {

int count(const std::string& h, const std::string& what) {
  int n = 0;
  for (auto at = h.find(what); at != std::string::npos; at = h.find(what, at + 1)) ++n;
  return n;
}

design::Plan with_two_alternatives() {
  design::Plan p;
  p.objective = 1000000;
  design::CrossingResult x;
  x.crossing = "DOSTYK";
  x.flow_parcels_per_day = 500;
  p.crossings.push_back(x);
  design::PlanAlternative a;
  a.rank = 2;
  a.objective = 1010000;
  a.gap_to_best = 0.01;
  a.sites_opened = {"ASTANA"};
  a.sites_closed = {"ALMATY"};
  p.alternatives.push_back(a);
  design::PlanAlternative b;
  b.rank = 3;
  b.objective = 1020000;
  b.gap_to_best = 0.02;
  b.sizes_changed = {design::SizeChange{"ALMATY", "M", "L"}};
  b.crossings_now_used = {"KHORGOS"};
  b.crossings_now_unused = {"DOSTYK"};
  p.alternatives.push_back(b);
  return p;
}

TEST(AlternativesSection, PhrasebookIsCompleteInFourLanguages) {
  EXPECT_TRUE(alternatives_phrasebook().missing().empty());
}

TEST(AlternativesSection, NoneWithoutAlternatives) {
  EXPECT_EQ(alternatives_section(design::Plan{}, "USD"), "");
}

TEST(AlternativesSection, OneRowPerPlanWithWhatDiffers) {
  const std::string h = alternatives_section(with_two_alternatives(), "USD");
  EXPECT_EQ(count(h, "<tr data-rank="), 3);
  EXPECT_NE(h.find("Alternative plans"), std::string::npos);
  EXPECT_NE(h.find("1,010,000 USD"), std::string::npos) << h;
  EXPECT_NE(h.find("+1.000 %"), std::string::npos) << h;
  EXPECT_NE(h.find("<td>ASTANA</td><td>ALMATY</td>"), std::string::npos) << h;
  EXPECT_NE(h.find("ALMATY: M \u2192 L"), std::string::npos) << h;
  // Rank 3 stops using DOSTYK and starts KHORGOS; rank 2 keeps the best plan's DOSTYK.
  EXPECT_NE(h.find("<td>KHORGOS</td></tr>"), std::string::npos) << h;
  EXPECT_EQ(count(h, "DOSTYK"), 2) << h;
}

TEST(AlternativesSection, RussianKazakhChineseLabels) {
  const auto p = with_two_alternatives();
  EXPECT_NE(alternatives_section(p, "USD", core::Lang::kRu).find("Альтернативные планы"),
            std::string::npos);
  EXPECT_NE(alternatives_section(p, "USD", core::Lang::kKk).find("Балама жоспарлар"),
            std::string::npos);
  EXPECT_NE(alternatives_section(p, "USD", core::Lang::kZh).find("备选方案"), std::string::npos);
}

TEST(AlternativesSection, InThePlanReportOnlyWhenThePlanHasAlternatives) {
  const scenario::Scenario s = testing::sample_scenario();
  design::Plan p = testing::sample_plan(s);
  EXPECT_EQ(render_plan_report(s, p).find("id=\"alternatives\""), std::string::npos);
  p.alternatives = with_two_alternatives().alternatives;
  EXPECT_NE(render_plan_report(s, p).find("id=\"alternatives\""), std::string::npos);
}

}  // namespace
}  // namespace corridor::report
