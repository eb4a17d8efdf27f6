// `corridor niches [DIR] [--from KAZ --to CHN] [--years Y,...] [--hs 2|4|6] [--baci FILE]
// [--comtrade FILE] [--access FILE] [--out DIR] [--lang en|ru|kk|zh]`: trade niches in
// both directions (docs/niches.md). With no arguments it reads the shipped data set
// data/trade/. Bad input exits 3 with every problem listed and nothing written.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "corridor/core/i18n.hpp"
#include "corridor/core/output.hpp"
#include "corridor/error.hpp"
#include "corridor/trade.hpp"

namespace corridor::cli {

namespace {

struct NichesOptions {
  std::string folder;
  trade::LoadOptions load;
  trade::Options analysis;
  std::string out;
  std::string lang = "en";
  bool json = false;
};

/// data/trade in the working folder, else the one of the source tree this was built from.
std::string default_folder() {
  if (std::filesystem::is_directory("data/trade")) return "data/trade";
  return std::string(CORRIDOR_SOURCE_DIR) + "/data/trade";
}

int run(NichesOptions& opt) {
  opt.load.folder = opt.folder.empty() ? default_folder() : opt.folder;
  const trade::TradeData data = trade::load(opt.load);
  for (const auto& w : data.warnings) std::fprintf(stderr, "%s\n", w.to_string().c_str());
  const trade::NichesResult r = trade::analyse(data, opt.analysis);
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
  return [opt] { return run(*opt); };
}

}  // namespace corridor::cli
