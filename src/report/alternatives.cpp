// "Alternative plans": one row per plan of the K best, the differences against the best
// as design::describe_alternatives found them (no figure is computed here).

#include "alternatives.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "format.hpp"

namespace corridor::report {

namespace {

constexpr core::Phrase kPhrases[] = {
    {"title", "Alternative plans", "Альтернативные планы", "Балама жоспарлар", "备选方案"},
    {"intro",
     "The best plans with distinct open warehouses (sites and sizes), cheapest first. Any "
     "other set of open warehouses costs more than the last one shown, or is one of these "
     "with extra sites or larger sizes. Near-equal plans leave room for what the model does "
     "not hold: land, approvals, a partner already there.",
     "Лучшие планы с разными наборами открытых складов (площадки и размеры), от самого "
     "дешёвого. Любой другой набор открытых складов дороже последнего в таблице или "
     "совпадает с одним из них, но с лишними площадками или большими размерами. "
     "Почти равные по стоимости планы оставляют место для того, чего нет в модели: земля, "
     "согласования, партнёр, который уже работает на месте.",
     "Ашық қоймалар жиыны (алаңдар мен өлшемдер) әртүрлі ең жақсы жоспарлар, ең арзанынан "
     "бастап. Ашық қоймалардың кез келген басқа жиыны кестедегі соңғысынан қымбат немесе "
     "солардың біріне артық алаңдар не үлкенірек өлшемдер қосылғаны ғана. Құны "
     "шамалас жоспарлар модельде жоқ жайттарға орын қалдырады: жер, келісімдер, сол жерде "
     "жұмыс істеп жүрген серіктес.",
     "各方案开设的仓库（选址与规模）互不相同，按成本从低到高排列。"
     "任何其他仓库组合的成本都高于表中最后一个方案，"
     "或只是在表中某方案基础上多开仓库、扩大规模。"
     "成本相近的方案为模型未涵盖的因素留出余地：土地、审批、已在当地的合作伙伴。"},
    {"rank", "Rank", "Место", "Орны", "排名"},
    {"cost", "Annual cost", "Годовая стоимость", "Жылдық құны", "年度成本"},
    {"gap", "Gap to the best", "Отставание от лучшего", "Ең жақсыдан айырмасы", "与最优方案之差"},
    {"opened", "Sites opened", "Открытые площадки", "Ашылған алаңдар", "新开仓库"},
    {"closed", "Sites closed", "Закрытые площадки", "Жабылған алаңдар", "关闭仓库"},
    {"resized", "Sizes changed", "Изменённые размеры", "Өлшемі өзгерген", "规模变化"},
    {"crossings",
     "Crossings used",
     "Используемые переходы",
     "Пайдаланылатын өткелдер",
     "使用的口岸"},
    {"best", "best plan", "лучший план", "ең жақсы жоспар", "最优方案"},
    {"same", "same as the best", "как в лучшем", "ең жақсыдағыдай", "与最优方案相同"},
    {"caption",
     "The best plan and its alternatives; differences against the best plan",
     "Лучший план и альтернативы; отличия от лучшего плана",
     "Ең жақсы жоспар және баламалары; ең жақсы жоспардан айырмашылықтары",
     "最优方案及其备选方案；与最优方案的差异"},
};

const core::Phrasebook kBook{kPhrases};

std::string list(const std::vector<std::string>& ids, std::string_view none) {
  if (ids.empty()) return std::string(none);
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : ", ") + html_escape(id);
  return s;
}

std::vector<std::string> crossings_used(const design::Plan& p) {
  std::vector<std::string> ids;
  for (const auto& x : p.crossings)
    if (x.flow_parcels_per_day > design::kFlowChangeTol) ids.push_back(x.crossing);
  return ids;
}

// The alternative's crossings: the best plan's, less those it stops, plus those it starts.
std::vector<std::string> crossings_used(const design::Plan& best,
                                        const design::PlanAlternative& a) {
  std::vector<std::string> ids;
  for (const auto& id : crossings_used(best))
    if (std::find(a.crossings_now_unused.begin(), a.crossings_now_unused.end(), id) ==
        a.crossings_now_unused.end())
      ids.push_back(id);
  ids.insert(ids.end(), a.crossings_now_used.begin(), a.crossings_now_used.end());
  return ids;
}

}  // namespace

const core::Phrasebook& alternatives_phrasebook() { return kBook; }

std::string alternatives_section(const design::Plan& p,
                                 const std::string& currency,
                                 core::Lang lang) {
  if (p.alternatives.empty()) return {};
  auto t = [lang](std::string_view key) { return std::string(kBook.get(key, lang)); };
  std::string h = fmt::format(
      "<section id=\"alternatives\" class=\"card\"><h2>{}</h2>\n<p>{}</p>\n"
      "<table class=\"data\" data-table=\"alternatives\"><caption>{}</caption><thead><tr>"
      "<th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      t("title"),
      t("intro"),
      t("caption"),
      t("rank"),
      t("cost"),
      t("gap"),
      t("opened"),
      t("closed"),
      t("resized"),
      t("crossings"));
  const std::string dash = "\u2014";
  h += fmt::format(
      "<tr data-rank=\"1\"><td class=\"num\">1</td><td class=\"num\">{}</td><td "
      "class=\"num\">{}</td><td colspan=\"3\">{}</td><td>{}</td></tr>\n",
      html_escape(fmt_money(p.objective, currency)),
      dash,
      t("best"),
      list(crossings_used(p), dash));
  for (const auto& a : p.alternatives) {
    std::vector<std::string> resized;
    for (const auto& c : a.sizes_changed)
      resized.push_back(c.site + ": " + c.from + " \u2192 " + c.to);
    const auto used = crossings_used(p, a);
    const bool same = a.crossings_now_used.empty() && a.crossings_now_unused.empty();
    h += fmt::format(
        "<tr data-rank=\"{}\"><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">+{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        a.rank,
        a.rank,
        html_escape(fmt_money(a.objective, currency)),
        html_escape(fmt_pct(a.gap_to_best, 3)),
        list(a.sites_opened, dash),
        list(a.sites_closed, dash),
        list(resized, dash),
        same ? list(used, dash) + " <small>(" + t("same") + ")</small>" : list(used, dash));
  }
  return h + "</tbody></table></section>\n";
}

}  // namespace corridor::report
