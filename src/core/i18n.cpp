#include "corridor/core/i18n.hpp"

#include <set>
#include <stdexcept>

namespace corridor::core {

std::string_view code(Lang lang) {
  switch (lang) {
    case Lang::kEn:
      return "en";
    case Lang::kRu:
      return "ru";
    case Lang::kKk:
      return "kk";
    case Lang::kZh:
      return "zh";
  }
  return "en";
}

std::string_view endonym(Lang lang) {
  switch (lang) {
    case Lang::kEn:
      return "English";
    case Lang::kRu:
      return "Русский";
    case Lang::kKk:
      return "Қазақша";
    case Lang::kZh:
      return "中文";
  }
  return "English";
}

std::optional<Lang> parse_lang(std::string_view tag) {
  for (Lang l : kLangs)
    if (code(l) == tag) return l;
  return std::nullopt;
}

std::string_view lang_choices() { return "en|ru|kk|zh"; }

std::string_view Phrase::in(Lang lang) const {
  switch (lang) {
    case Lang::kEn:
      return en;
    case Lang::kRu:
      return ru;
    case Lang::kKk:
      return kk;
    case Lang::kZh:
      return zh;
  }
  return en;
}

std::string_view Phrasebook::get(std::string_view key, Lang lang) const {
  for (const Phrase& p : phrases_)
    if (p.key == key) return p.in(lang);
  throw std::logic_error("phrasebook has no phrase '" + std::string(key) + "'");
}

bool Phrasebook::has(std::string_view key) const {
  for (const Phrase& p : phrases_)
    if (p.key == key) return true;
  return false;
}

std::vector<std::string> Phrasebook::missing() const {
  std::vector<std::string> out;
  std::set<std::string_view> seen;
  for (const Phrase& p : phrases_) {
    if (!seen.insert(p.key).second) out.push_back(std::string(p.key) + ": duplicate");
    for (Lang l : kLangs)
      if (p.in(l).empty()) out.push_back(std::string(p.key) + ": " + std::string(code(l)));
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace corridor::core
