#include "corridor/core/i18n.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace corridor::core {
namespace {

TEST(Lang, EveryTagParsesBackToItsLanguageAndNothingElseParses) {
  for (Lang l : kLangs) EXPECT_EQ(parse_lang(code(l)), l);
  EXPECT_FALSE(parse_lang("EN"));
  EXPECT_FALSE(parse_lang("kz"));  // Kazakh is kk, not the country code
  EXPECT_FALSE(parse_lang(""));
  EXPECT_EQ(lang_choices(), "en|ru|kk|zh");
  EXPECT_EQ(endonym(Lang::kKk), "Қазақша");
}

constexpr Phrase kBook[] = {
    {"due", "Due", "Срок", "Мерзімі", "截止日期"},
    {"status", "Status", "Статус", "Мәртебесі", "状态"},
};

TEST(Phrasebook, LooksUpEachLanguageAndRefusesAnUnknownKey) {
  const Phrasebook book(kBook);
  EXPECT_EQ(book.get("due", Lang::kEn), "Due");
  EXPECT_EQ(book.get("due", Lang::kRu), "Срок");
  EXPECT_EQ(book.get("status", Lang::kZh), "状态");
  EXPECT_TRUE(book.has("status"));
  EXPECT_FALSE(book.has("stale"));
  EXPECT_THROW((void)book.get("stale", Lang::kEn), std::logic_error);
  EXPECT_TRUE(book.missing().empty());
}

TEST(Phrasebook, MissingNamesEveryEmptyTextAndEveryDuplicateKey) {
  constexpr Phrase holes[] = {
      {"due", "Due", "Срок", "", "截止日期"},
      {"due", "Due", "Срок", "Мерзімі", ""},
  };
  const std::vector<std::string> want = {"due: kk", "due: duplicate", "due: zh"};
  EXPECT_EQ(Phrasebook(holes).missing(), want);
}

TEST(HtmlEscape, EscapesTheFiveCharactersAndKeepsUtf8) {
  EXPECT_EQ(html_escape(R"(<a href="x">'Ş' & 中</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;Ş&#39; &amp; 中&lt;/a&gt;");
}

}  // namespace
}  // namespace corridor::core
