// The report's inline script: ES modules shared with the serve dashboard, turned into a
// classic script (classic_script) and assembled with report.js (page_script).
#include <gtest/gtest.h>

#include <string>

#include "assets.hpp"
#include "corridor/report.hpp"
#include "sample_plan.hpp"

namespace corridor::report {
namespace {

TEST(ClassicScript, DropsImportsAndExportKeywords) {
  const std::string module =
      "// a comment that says export and import\n"
      "import {svgEl} from './map.js';\n"
      "export const kA = 1;\n"
      "export function f(x) {\n"
      "  return x + kA;  // export inside a line stays\n"
      "}\n"
      "const notExported = 2;\n"
      "  export_like();\n";
  EXPECT_EQ(classic_script(module),
            "// a comment that says export and import\n"
            "const kA = 1;\n"
            "function f(x) {\n"
            "  return x + kA;  // export inside a line stays\n"
            "}\n"
            "const notExported = 2;\n"
            "  export_like();\n");
}

TEST(ClassicScript, LastLineWithoutNewline) {
  EXPECT_EQ(classic_script("export const a = 1;"), "const a = 1;");
  EXPECT_EQ(classic_script(""), "");
}

// Every line of the shared modules must survive as classic script: no line may start with
// import/export after the conversion, and their functions are defined before report.js
// uses them.
TEST(PageScript, SharedModulesComeFirstAsClassicScript) {
  const std::string js = page_script();
  EXPECT_EQ(js.rfind("'use strict';\n", 0), 0u);
  EXPECT_EQ(js.find("\nexport "), std::string::npos);
  EXPECT_EQ(js.find("\nimport "), std::string::npos);
  const auto svg_el = js.find("function svgEl(");
  const auto bar_chart = js.find("function barChart(");
  const auto report = js.find("corridor report: draws the map");
  ASSERT_NE(svg_el, std::string::npos);
  ASSERT_NE(bar_chart, std::string::npos);
  ASSERT_NE(report, std::string::npos);
  EXPECT_LT(svg_el, report);
  EXPECT_LT(bar_chart, report);
  // The page builds no HTML from strings: the tooltip is made of text nodes now.
  EXPECT_EQ(js.find(".innerHTML"), std::string::npos);
}

TEST(PageScript, IsTheScriptOfTheRenderedPage) {
  const scenario::Scenario s = testing::sample_scenario();
  const std::string html = render_plan_report(s, testing::sample_plan(s));
  EXPECT_NE(html.find(page_script()), std::string::npos);
}

}  // namespace
}  // namespace corridor::report
