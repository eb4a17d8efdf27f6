#pragma once
// The four languages a person reads corridor's pages in: English, Russian, Kazakh and
// Chinese. Every page (the plan report, the monitor report, the niches report, the
// server's pages) takes its labels from a Phrasebook: one table of phrases, each with
// all four texts side by side, so a missing translation is a visible hole in one row
// (and a failing test: Phrasebook::missing), never a silent fall-back to English.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

enum class Lang { kEn, kRu, kKk, kZh };

/// All four, in the order the language switch shows them.
inline constexpr Lang kLangs[] = {Lang::kEn, Lang::kRu, Lang::kKk, Lang::kZh};

/// "en", "ru", "kk", "zh" (the BCP 47 tags, also the html lang attribute).
std::string_view code(Lang lang);
/// The language's name in itself: "English", "Русский", "Қазақша", "中文".
std::string_view endonym(Lang lang);
/// The Lang of "en" | "ru" | "kk" | "zh"; nullopt for anything else.
std::optional<Lang> parse_lang(std::string_view tag);
/// "en|ru|kk|zh", for --help and error messages.
std::string_view lang_choices();

/// One label in the four languages.
struct Phrase {
  std::string_view key;
  std::string_view en, ru, kk, zh;
  std::string_view in(Lang lang) const;
};

/// A fixed table of phrases, looked up by key. The table is program text: asking for a
/// key it lacks is a programmer error (std::logic_error naming the key).
class Phrasebook {
 public:
  explicit Phrasebook(std::span<const Phrase> phrases) : phrases_(phrases) {}
  std::string_view get(std::string_view key, Lang lang) const;
  bool has(std::string_view key) const;
  /// "key: kk" for every phrase with an empty text in some language, and "key:
  /// duplicate" for every key given twice; empty when the table is complete.
  std::vector<std::string> missing() const;
  std::span<const Phrase> phrases() const { return phrases_; }

 private:
  std::span<const Phrase> phrases_;
};

/// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace corridor::core
