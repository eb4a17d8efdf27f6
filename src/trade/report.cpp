// to_html(): niches.html, one self-contained page (inline CSS and SVG, no script, no
// network) in the language asked: for each direction the summary indices, the two ranked
// lists with their factors, reasons and rank ranges, a scatter of distance against
// opportunity gain, and the product space in the Atlas layout with the exporter's current
// products and the niches highlighted.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "corridor/core/output.hpp"
#include "corridor/core/text.hpp"
#include "corridor/trade.hpp"

namespace corridor::trade {

namespace {

using core::html_escape;
using core::Lang;

constexpr const char* kCss = R"(
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:13px;margin:1em 0}
th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#f5f7fa;padding:.6em 1em;border-radius:6px}
.card b{display:block;font-size:1.3em}.muted{color:#777;font-size:12px}
svg{background:#fcfcfc;border:1px solid #eee;max-width:100%;height:auto}
.legend span{display:inline-block;margin-right:1.2em}.dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}
)";

struct Page {
  const NichesResult& r;
  const TradeData& data;
  Lang lang;
  std::string html;
  std::string t(const char* key) const { return std::string(phrasebook().get(key, lang)); }
  std::string country(const std::string& iso) const {
    return phrasebook().has(iso) ? t(iso.c_str()) : iso;
  }
};

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& args) {
  for (const auto& [k, v] : args) {
    const std::string token = "{" + k + "}";
    for (auto pos = text.find(token); pos != std::string::npos;
         pos = text.find(token, pos + v.size()))
      text.replace(pos, token.size(), v);
  }
  return text;
}

std::string fixed(double v, int decimals) {
  return std::isfinite(v) ? core::grouped(v, decimals) : std::string("–");
}

std::string money(const Page& p, double usd) {
  return fill(p.t("usd_m"), {{"x", fixed(usd / 1e6, 1)}});
}

void summary(Page& p, const DirectionResult& d) {
  p.html += "<div class=cards>";
  const std::pair<const char*, std::string> cards[] = {
      {"trade", money(p, d.total_actual)},
      {"complementarity", fixed(d.complementarity, 1)},
      {"intensity", fixed(d.intensity, 2)},
      {"ease", fixed(d.ease, 3)},
      {"eci", fixed(d.eci_from, 2)}};
  for (const auto& [key, value] : cards)
    p.html += fmt::format("<div class=card><span class=muted>{}</span><b>{}</b></div>",
                          html_escape(p.t(key)),
                          html_escape(value));
  p.html += "</div>";
  double all = 0;
  for (const auto& [m, v] : d.untapped_by_mode) all += v;
  if (all <= 0) return;
  p.html += "<p>" + html_escape(p.t("by_mode")) + ": ";
  bool first = true;
  for (const auto& [m, v] : d.untapped_by_mode) {
    const std::string name = phrasebook().has(m) ? p.t(m.c_str()) : m;
    p.html += fmt::format("{}{} {:.0f}% ({})",
                          first ? "" : " · ",
                          html_escape(name),
                          100 * v / all,
                          html_escape(money(p, v)));
    first = false;
  }
  p.html += "</p>";
}

std::string reason(const Page& p, const DirectionResult& d, const ProductScore& s, bool grow) {
  const std::vector<std::pair<std::string, std::string>> args = {
      {"rca", fixed(s.rca, 2)},
      {"to", p.country(d.to)},
      {"from", p.country(d.from)},
      {"imports", money(p, s.market_imports)},
      {"untapped", money(p, s.untapped)},
      {"density", fixed(s.density, 3)},
      {"cog", fixed(s.cog, 2)}};
  std::string text = fill(p.t(grow ? "reason_grow" : "reason_div"), args);
  if (std::isfinite(s.tariff_pct))
    text += "; " + fill(p.t("tariff"), {{"x", fixed(s.tariff_pct, 1)}});
  if (s.registration_missing) text += "; " + p.t("register");
  return text;
}

void list(Page& p, const DirectionResult& d, bool grow) {
  const auto& idx = grow ? d.grow : d.diversify;
  p.html += fmt::format("<h3>{}</h3>", html_escape(p.t(grow ? "grow" : "diversify")));
  std::size_t shown = 0;
  for (std::size_t i : idx) shown += d.products[i].rank > 0 ? 1 : 0;
  if (shown == 0) {
    p.html += "<p>" + html_escape(p.t("none")) + "</p>";
    return;
  }
  p.html += "<table><tr>";
  for (const char* h : {"rank",
                        "product",
                        "actual",
                        "imports",
                        grow ? "potential" : "density",
                        grow ? "untapped" : "cog",
                        "rca",
                        "mode",
                        "stability",
                        "reason"})
    p.html += "<th>" + html_escape(p.t(h)) + "</th>";
  p.html += "</tr>";
  for (std::size_t r = 0; r < shown; ++r) {
    const auto& s = d.products[idx[r]];
    const std::string range =
        fmt::format("{}–{} ({:.0f}%)",
                    s.rank_min,
                    s.rank_max == 0 ? p.t("falls_out") : std::to_string(s.rank_max),
                    100 * s.in_list_share);
    p.html += fmt::format(
        "<tr><td class=n>{}</td><td><b>{}</b> {}</td><td class=n>{}</td><td class=n>{}</td>"
        "<td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>",
        r + 1,
        html_escape(s.product),
        html_escape(hs_name(p.data, s.product, p.lang)),
        fixed(s.actual / 1e6, 1),
        fixed(s.market_imports / 1e6, 1),
        grow ? fixed(s.potential / 1e6, 1) : fixed(s.density, 3),
        grow ? fixed(s.untapped / 1e6, 1) : fixed(s.cog, 2),
        fixed(s.rca, 2),
        s.mode_class.empty() ? "" : html_escape(p.t(s.mode_class.c_str())),
        html_escape(range),
        html_escape(reason(p, d, s, grow)));
  }
  p.html += "</table>";
}

void scatter(Page& p, const DirectionResult& d) {
  std::set<std::size_t> div(d.diversify.begin(), d.diversify.end());
  double x0 = 1, x1 = 0, y0 = 0, y1 = 0;
  std::vector<std::size_t> pts;
  for (std::size_t i = 0; i < d.products.size(); ++i) {
    const auto& s = d.products[i];
    if (!(s.rca < 1) || !std::isfinite(s.distance) || !std::isfinite(s.cog)) continue;
    pts.push_back(i);
    x0 = std::min(x0, s.distance);
    x1 = std::max(x1, s.distance);
    y0 = std::min(y0, s.cog);
    y1 = std::max(y1, s.cog);
  }
  if (pts.empty() || x1 <= x0 || y1 <= y0) return;
  const double w = 640, h = 320, m = 40;
  p.html += fmt::format("<h3>{}</h3><svg viewBox='0 0 {} {}' width={} height={}>",
                        html_escape(p.t("scatter")),
                        w,
                        h,
                        w,
                        h);
  p.html += fmt::format("<text x={} y={} font-size=11 text-anchor=middle>{}</text>",
                        w / 2,
                        h - 6,
                        html_escape(p.t("distance")));
  p.html += fmt::format(
      "<text x=12 y={} font-size=11 transform='rotate(-90 12 {})' "
      "text-anchor=middle>{}</text>",
      h / 2,
      h / 2,
      html_escape(p.t("cog")));
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i : pts) {
      const bool hi = div.count(i) != 0U && d.products[i].rank > 0;
      if ((pass == 1) != hi) continue;
      const auto& s = d.products[i];
      const double x = m + (s.distance - x0) / (x1 - x0) * (w - 2 * m);
      const double y = h - m - (s.cog - y0) / (y1 - y0) * (h - 2 * m);
      p.html +=
          fmt::format("<circle cx={:.1f} cy={:.1f} r={} fill='{}'><title>{} {}</title></circle>",
                      x,
                      y,
                      hi ? 4 : 2,
                      hi ? "#2a9d8f" : "#c8c8c8",
                      html_escape(s.product),
                      html_escape(hs_name(p.data, s.product, p.lang)));
    }
  p.html += "</svg>";
}

/// The class of an Atlas HS4 node: 3 grow, 2 diversify, 1 current (RCA ≥ 1), 0 other.
int node_class(const DirectionResult& d, const std::string& hs4, int digits) {
  int best = 0;
  const std::string key = hs4.substr(0, std::min<std::size_t>(hs4.size(), digits));
  for (const auto& s : d.products) {
    const bool match = digits >= 4 ? s.product.rfind(hs4, 0) == 0 : s.product == key;
    if (!match) continue;
    if (s.rank > 0 && s.rca >= 1)
      best = std::max(best, 3);
    else if (s.rank > 0)
      best = std::max(best, 2);
    else if (s.rca >= 1)
      best = std::max(best, 1);
  }
  return best;
}

void space(Page& p, const DirectionResult& d) {
  p.html += fmt::format("<h3>{}</h3>", html_escape(p.t("space")));
  if (p.data.layout.empty()) {
    p.html += "<p>" + html_escape(p.t("no_layout")) + "</p>";
    return;
  }
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  std::map<std::string, std::pair<double, double>> at;
  for (const auto& n : p.data.layout) {
    x0 = std::min(x0, n.x);
    x1 = std::max(x1, n.x);
    y0 = std::min(y0, n.y);
    y1 = std::max(y1, n.y);
    at[n.product] = {n.x, n.y};
  }
  const double w = 1000, h = 640;
  auto sx = [&](double x) { return 10 + (x - x0) / std::max(1.0, x1 - x0) * (w - 20); };
  auto sy = [&](double y) { return 10 + (y - y0) / std::max(1.0, y1 - y0) * (h - 20); };
  const char* colour[] = {"#d9d9d9", "#264653", "#2a9d8f", "#e76f51"};
  p.html += "<p class=legend>";
  const char* legend[] = {"legend_other", "legend_current", "legend_div", "legend_grow"};
  for (int c = 3; c >= 0; --c)
    p.html += fmt::format("<span><i class=dot style='background:{}'></i>{}</span>",
                          colour[c],
                          html_escape(p.t(legend[c])));
  p.html += fmt::format(
      "</p><svg viewBox='0 0 {} {}' width={} height={}><g stroke='#e4e4e4'>", w, h, w, h);
  for (const auto& [a, b] : p.data.edges) {
    auto ia = at.find(a), ib = at.find(b);
    if (ia == at.end() || ib == at.end()) continue;
    p.html += fmt::format("<line x1='{:.0f}' y1='{:.0f}' x2='{:.0f}' y2='{:.0f}'/>",
                          sx(ia->second.first),
                          sy(ia->second.second),
                          sx(ib->second.first),
                          sy(ib->second.second));
  }
  p.html += "</g>";
  for (int pass = 0; pass < 4; ++pass)
    for (const auto& n : p.data.layout) {
      const int c = node_class(d, n.product, p.r.hs_digits);
      if (c != pass) continue;
      p.html +=
          fmt::format("<circle cx={:.0f} cy={:.0f} r={} fill='{}'><title>{} {}</title></circle>",
                      sx(n.x),
                      sy(n.y),
                      c == 0 ? 3 : 5,
                      colour[c],
                      n.product,
                      html_escape(hs_name(p.data, n.product, p.lang)));
    }
  p.html += "</svg>";
}

void crossings_table(Page& p, const CorridorFit& c) {
  const std::string dest = p.country(c.destination_name);
  p.html += "<table><tr>";
  for (const char* h : {"c_crossing", "c_mode", "c_west", "c_loaded", "c_spare_units", "c_spare_t"})
    p.html += "<th>" + html_escape(p.t(h)) + "</th>";
  for (const char* h : {"c_hours", "c_cost"})
    p.html += "<th>" + html_escape(fill(p.t(h), {{"dest", dest}})) + "</th>";
  p.html += "</tr>";
  for (const auto& x : c.crossings) {
    std::string route;
    for (const auto& n : x.route) route += (route.empty() ? "" : " → ") + n;
    const std::string transit =
        x.reachable ? fmt::format("<td class=n title='{}'>{}</td><td class=n>{} ({})</td>",
                                  html_escape(route),
                                  fixed(x.hours, 1),
                                  fixed(x.cost_per_unit, 0),
                                  fixed(x.cost_per_t, 1))
                    : "<td colspan=2>" + html_escape(p.t("c_unreachable")) + "</td>";
    p.html += fmt::format(
        "<tr><td><b>{}</b> {}</td><td>{}</td><td class=n>{} ({})</td><td class=n>{}</td>"
        "<td class=n>{}</td><td class=n>{}</td>{}</tr>",
        html_escape(x.crossing),
        html_escape(x.name),
        html_escape(p.t(x.mode.c_str())),
        fixed(x.westbound_units_per_day, 1),
        fixed(x.plan_units_per_day, 2),
        fixed(x.loaded_share, 2),
        fixed(x.spare_units_per_day, 1),
        fixed(x.spare_t_per_day, 0),
        transit);
  }
  p.html += "</table><p>" +
            html_escape(fill(p.t("c_total"),
                             {{"rail", fixed(c.spare_units_rail, 0)},
                              {"road", fixed(c.spare_units_road, 0)},
                              {"t", fixed(c.spare_t_per_day, 0)},
                              {"mt", fixed(c.spare_t_per_day * c.days_per_year / 1e6, 2)}})) +
            " " + html_escape(p.t("c_reverse_note")) + "</p>";
}

void niches_table(Page& p, const CorridorFit& c, const DirectionResult& d, std::size_t top) {
  p.html += "<h3>" + html_escape(p.t("c_niches")) + "</h3>";
  if (c.niches.empty()) {
    p.html += "<p>" + html_escape(p.t("none")) + "</p>";
    return;
  }
  p.html += "<table><tr>";
  for (const char* h :
       {"rank", "product", "c_list", "untapped", "c_usd_kg", "c_t_day", "c_fits", "c_cum"})
    p.html += "<th>" + html_escape(p.t(h)) + "</th>";
  p.html += "</tr>";
  for (std::size_t i = 0; i < std::min(top, c.niches.size()); ++i) {
    const auto& n = c.niches[i];
    const auto& s = d.products[n.product];
    const std::string kg =
        std::isfinite(n.usd_per_kg)
            ? fixed(n.usd_per_kg, 2)
            : fill(p.t("c_unknown_kg"), {{"x", fixed(n.break_even_usd_per_kg, 3)}});
    p.html += fmt::format(
        "<tr><td class=n>{}</td><td><b>{}</b> {}</td><td>{}</td><td class=n>{}</td><td>{}</td>"
        "<td class=n>{}</td><td class=n>{}</td><td class=n>{} (≥ {})</td></tr>",
        i + 1,
        html_escape(s.product),
        html_escape(hs_name(p.data, s.product, p.lang)),
        html_escape(p.t(n.list == "grow" ? "legend_grow" : "legend_div")),
        fixed(n.untapped_usd / 1e6, 1),
        html_escape(kg),
        fixed(n.t_per_day, 1),
        fixed(n.fitted_usd / 1e6, 1),
        fixed(n.cumulative_usd / 1e6, 1),
        fixed(n.cumulative_break_even_usd_per_kg, 3));
  }
  p.html += "</table>";
  if (c.candidates_other_modes > 0)
    p.html += "<p>" +
              html_escape(fill(p.t("c_other"),
                               {{"n", std::to_string(c.candidates_other_modes)},
                                {"x", fixed(c.untapped_other_modes_usd / 1e6, 1)}})) +
              "</p>";
}

void corridor_section(Page& p, const CorridorFit& c, const DirectionResult& d, std::size_t top) {
  const std::string scenario = c.scenario + (c.variant.empty() ? "" : " / " + c.variant);
  p.html += "<h3>" + html_escape(p.t("c_title")) + "</h3><p>" +
            html_escape(fill(p.t("c_intro"),
                             {{"scenario", scenario},
                              {"plan", c.plan},
                              {"from", p.country(c.from)},
                              {"dest", c.destination_name}})) +
            "</p>";
  crossings_table(p, c);
  niches_table(p, c, d, top);
  p.html += "<h3>" + html_escape(p.t("c_assumptions")) + "</h3><ul>";
  // Addresses without their scheme: the page links to nothing (niches.json keeps them whole).
  const auto bare = [](std::string text) {
    for (const char* scheme : {"https://", "http://"})
      for (auto at = text.find(scheme); at != std::string::npos; at = text.find(scheme, at))
        text.erase(at, std::string(scheme).size());
    return text;
  };
  for (const auto& a : c.assumptions)
    p.html += fmt::format("<li><b>{}</b> = {} {}: {}</li>",
                          html_escape(a.name),
                          core::num(a.value),
                          html_escape(a.unit),
                          html_escape(bare(a.source)));
  p.html += fmt::format("<li class=muted>{}</li></ul>", html_escape(c.scenario_fingerprint));
}

}  // namespace

std::string to_html(const NichesResult& r, const TradeData& data, Lang lang) {
  Page p{r, data, lang, {}};
  std::size_t top = 0;  // the lists' length, as niches.json's "top"
  for (const auto* d : {&r.forward, &r.reverse})
    for (const auto& s : d->products) top = std::max(top, static_cast<std::size_t>(s.rank));
  std::string years;
  for (int y : r.years) years += (years.empty() ? "" : ", ") + std::to_string(y);
  p.html = fmt::format(
      "<!doctype html><html lang={}><head><meta charset=utf-8><title>{}</title>"
      "<style>{}</style></head><body><h1>{}</h1><p>{}</p>",
      core::code(lang),
      html_escape(p.t("title")),
      kCss,
      html_escape(p.t("title")),
      html_escape(p.t("subtitle")));
  p.html += fmt::format("<p class=muted>{}: {} · {}: {} · {}: {} {} · {}: {}</p>",
                        html_escape(p.t("data")),
                        html_escape(r.data_name),
                        html_escape(p.t("years")),
                        years,
                        html_escape(p.t("hs_level")),
                        r.hs_digits,
                        html_escape(p.t("digits")),
                        html_escape(p.t("fingerprint")),
                        html_escape(r.fingerprint));
  for (const auto* d : {&r.forward, &r.reverse}) {
    p.html += fmt::format(
        "<h2>{} → {}</h2>", html_escape(p.country(d->from)), html_escape(p.country(d->to)));
    summary(p, *d);
    list(p, *d, true);
    list(p, *d, false);
    scatter(p, *d);
    space(p, *d);
    if (r.corridor && r.corridor->from == d->from) corridor_section(p, *r.corridor, *d, top);
  }
  if (!r.warnings.empty()) {
    p.html += "<h2>" + html_escape(p.t("warnings")) + "</h2><ul>";
    for (const auto& w : r.warnings) p.html += "<li>" + html_escape(w.to_string()) + "</li>";
    p.html += "</ul>";
  }
  p.html += fmt::format("<h2>{}</h2><p>{}</p><h2>{}</h2><p>{}</p><ul>",
                        html_escape(p.t("method")),
                        html_escape(p.t("method_text")),
                        html_escape(p.t("sources")),
                        html_escape(p.t("names_note")));
  for (const auto& s : data.sources) p.html += "<li>" + html_escape(s) + "</li>";
  p.html +=
      "<li>CEPII BACI (Gaulier &amp; Zignago 2010), Etalab Licence Ouverte 2.0</li>"
      "<li>Atlas product space layout: cid-harvard/product-space (MIT)</li></ul>"
      "</body></html>\n";
  return p.html;
}

}  // namespace corridor::trade
