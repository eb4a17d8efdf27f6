// `corridor niches [DIR] [--from KAZ --to CHN] [--years Y,...] [--hs 2|4|6] [--baci FILE]
// [--comtrade FILE] [--access FILE] [--scenario DIR [--variant V] [--plan FILE]]
// [--out DIR] [--lang en|ru|kk|zh]`: trade niches in both directions (docs/niches.md).
// With no arguments it reads the shipped data set data/trade/. With --scenario it adds
// what the corridor can carry: the spare eastbound capacity of the scenario's crossings
// under the plan's westbound flows (--plan, else the plan solved here) and the niches
// that fit it. Bad input exits 3 with every problem listed and nothing written.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "corridor/core/i18n.hpp"
#include "corridor/core/output.hpp"
#include "corridor/design.hpp"
#include "corridor/error.hpp"
#include "corridor/scenario.hpp"
#include "corridor/trade.hpp"
#include "corridor/trade/corridor.hpp"

namespace corridor::cli {

namespace {

struct NichesOptions {
  std::string folder;
  trade::LoadOptions load;
  trade::Options analysis;
  std::string out;
  std::string lang = "en";
  bool json = false;
  std::string scenario, variant, plan;  // the corridor section
  bool no_corridor = false;
  trade::CorridorSettings corridor;
};

/// data/trade in the working folder, else the one of the source tree this was built from.
std::string default_folder() {
  if (std::filesystem::is_directory("data/trade")) return "data/trade";
  return std::string(CORRIDOR_SOURCE_DIR) + "/data/trade";
}

/// The corridor section: the scenario, the plan of --plan (checked against it inside
/// fit_corridor, E505) or one solved here, and the join.
void add_corridor(NichesOptions& opt, trade::NichesResult& r) {
  const scenario::Scenario s = scenario::load(opt.scenario, opt.variant);
  for (const auto& w : s.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
  design::Plan plan;
  if (opt.plan.empty()) {
    plan = design::plan(s);
  } else {
    plan = design::load_plan(opt.plan);
    opt.corridor.plan_file = opt.plan;
  }
  r.corridor = trade::fit_corridor(r, s, plan, opt.corridor);
}

/// The corridor scenario of `corridor niches` without --scenario, found as data/trade is.
std::string default_scenario() {
  if (std::filesystem::is_directory("data/scenarios/kz-xj")) return "data/scenarios/kz-xj";
  return std::string(CORRIDOR_SOURCE_DIR) + "/data/scenarios/kz-xj";
}

bool kz_cn(const trade::Options& a, const trade::CorridorSettings& c) {
  return (a.from == c.kz && a.to == c.cn) || (a.from == c.cn && a.to == c.kz);
}

int run(NichesOptions& opt) {
  opt.load.folder = opt.folder.empty() ? default_folder() : opt.folder;
  const trade::TradeData data = trade::load(opt.load);
  for (const auto& w : data.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
  trade::NichesResult r = trade::analyse(data, opt.analysis);
  // The corridor section by default for Kazakhstan and China (the scenario's two sides).
  if (opt.scenario.empty() && !opt.no_corridor && kz_cn(opt.analysis, opt.corridor))
    opt.scenario = default_scenario();
  if (!opt.scenario.empty() && !opt.no_corridor) add_corridor(opt, r);
  const std::string json = trade::to_json(r, data);
  if (!opt.out.empty()) {
    const core::Lang lang = *core::parse_lang(opt.lang);
    core::OutputSet out(opt.out);
    out.add("niches.json", json);
    for (const auto* d : {&r.forward, &r.reverse}) {
      const std::string pair = d->from + "_" + d->to;
      out.add("grow_" + pair + ".csv", trade::to_csv(*d, d->grow, data));
      out.add("diversify_" + pair + ".csv", trade::to_csv(*d, d->diversify, data));
      std::vector<std::size_t> all(d->products.size());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      out.add("products_" + pair + ".csv", trade::to_csv(*d, all, data));
      if (r.corridor && r.corridor->from == d->from) {
        out.add("corridor_crossings.csv", trade::corridor_crossings_csv(*r.corridor));
        out.add("corridor_niches_" + pair + ".csv",
                trade::corridor_niches_csv(*r.corridor, *d, data));
      }
    }
    out.add("niches.html", trade::to_html(r, data, lang));
    out.publish();
  }
  if (opt.json) {
    std::fputs(json.c_str(), stdout);
  } else {
    std::fputs(trade::to_table(r, data).c_str(), stdout);
    if (!opt.out.empty())
      std::printf("\nwrote %s/niches.json, niches.html and the CSV lists\n", opt.out.c_str());
  }
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace

Runner add_niches(CLI::App& app) {
  auto opt = std::make_shared<NichesOptions>();
  auto* sub = app.add_subcommand(
      "niches",
      "Trade niches: products one country can sell more of to another, both directions "
      "(docs/niches.md)");
  sub->add_option("dir",
                  opt->folder,
                  "Trade data folder (docs/trade-format.md; default: the shipped data/trade)");
  sub->add_option("--from", opt->analysis.from, "Exporter, ISO3")->capture_default_str();
  sub->add_option("--to", opt->analysis.to, "Market, ISO3 (the reverse direction is computed too)")
      ->capture_default_str();
  sub->add_option("--years",
                  opt->analysis.years,
                  "Years to average, e.g. 2023,2024 (default: every year of the data)")
      ->delimiter(',');
  sub->add_option("--hs", opt->analysis.hs_digits, "HS level: 2, 4 or 6 digits")
      ->check(CLI::IsMember({2, 4, 6}))
      ->capture_default_str();
  sub->add_option("--baci",
                  opt->load.baci_files,
                  "BACI CSV file(s) t,i,j,k,v,q: replace the folder's exports, imports, flows");
  sub->add_option("--comtrade",
                  opt->load.comtrade_files,
                  "UN Comtrade CSV export(s): replace the folder's bilateral flows");
  sub->add_option("--access",
                  opt->load.access_file,
                  "Market-access table (tariffs, exporter registration) with sources");
  sub->add_option("--top", opt->analysis.top, "Length of each list")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--perturbations",
                  opt->analysis.perturbations,
                  "Rank stability: perturbed runs per input table")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--seed", opt->analysis.seed, "Seed of the perturbations")->capture_default_str();
  sub->add_option(
      "--out", opt->out, "Write niches.json, the CSV lists and niches.html into this folder");
  sub->add_option("--lang", opt->lang, "Language of niches.html: en|ru|kk|zh")
      ->check(CLI::IsMember({"en", "ru", "kk", "zh"}))
      ->capture_default_str();
  sub->add_flag("--json", opt->json, "Print niches.json instead of the table");
  sub->add_option("--scenario",
                  opt->scenario,
                  "Corridor scenario of what the corridor can carry eastbound (default for "
                  "KAZ and CHN: the shipped data/scenarios/kz-xj)");
  sub->add_option("--variant", opt->variant, "Scenario variant to apply");
  sub->add_option("--plan",
                  opt->plan,
                  "plan.json of this scenario and variant with the westbound flows "
                  "(default: solve the plan here)");
  auto* no = sub->add_flag("--no-corridor", opt->no_corridor, "Leave the corridor section out");
  no->excludes("--scenario")->excludes("--variant")->excludes("--plan");
  sub->add_option("--destination",
                  opt->corridor.destination,
                  "Node the eastbound goods go to (transit time and cost)")
      ->capture_default_str();
  sub->add_option("--loaded-share-rail",
                  opt->corridor.loaded_share_rail,
                  "Share of returning eastbound rail units that are loaded")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_option("--loaded-share-road",
                  opt->corridor.loaded_share_road,
                  "Share of returning eastbound trucks that are loaded")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_option("--payload-container", opt->corridor.payload_container_t, "Tonnes per container")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--payload-truck", opt->corridor.payload_truck_t, "Tonnes per truck")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return [opt] { return run(*opt); };
}

}  // namespace corridor::cli
