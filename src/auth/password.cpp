// Passwords: argon2id hashing through libsodium and the policy (NIST SP 800-63B §5.1.1:
// a length range counted in code points, a blocklist, no composition rules).

#include <sodium.h>

#include <stdexcept>

#include "common_passwords.hpp"
#include "corridor/auth.hpp"
#include "sodium_util.hpp"

namespace corridor::auth {

std::string_view problem_code(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::kTooShort:
      return "too_short";
    case PasswordProblem::kTooLong:
      return "too_long";
    case PasswordProblem::kInvalidUtf8:
      return "invalid_utf8";
    case PasswordProblem::kCommon:
      return "common";
    case PasswordProblem::kRepetitive:
      return "repetitive";
    case PasswordProblem::kUsername:
      return "username";
    case PasswordProblem::kProductName:
      return "product_name";
  }
  return "common";
}

namespace {

// Decodes one code point at `i` (advancing it); nullopt on invalid UTF-8 (overlong
// forms, surrogates and values beyond U+10FFFF included).
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    extra = 1, cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2, cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3, cp = b0 & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + extra >= s.size()) return std::nullopt;
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += extra + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Lower case for ASCII and basic Cyrillic (Russian and Kazakh letters), enough for the
// blocklist's entries; other scripts are compared as typed.
char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  const bool paired = (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x4FF);
  if (paired && c % 2 == 0) return c + 1;  // Ә Ғ Қ Ң Ө Ұ Ү Һ …
  return c;
}

// Valid UTF-8 assumed.
std::string folded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) append_utf8(out, fold(*next_code_point(s, i)));
  return out;
}

bool is_filler(unsigned char c) {  // what people add around a word: digits, symbols, spaces
  return c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z');
}

// `lower` is `word`, or `word` one or more times with only digits, symbols and spaces
// around or between ("Password2026!", "2026corridor", "qwertyqwerty").
bool derived_from(std::string_view lower, std::string_view word) {
  if (word.empty()) return false;
  std::string rest;
  bool found = false;
  for (std::size_t i = 0; i < lower.size();) {
    if (lower.compare(i, word.size(), word) == 0) {
      found = true;
      i += word.size();
    } else {
      rest += lower[i++];
    }
  }
  if (!found) return false;
  for (char c : rest)
    if (!is_filler(static_cast<unsigned char>(c))) return false;
  return true;
}

// One unit of at most 4 code points repeated ("aaaaaaaaaaaa", "abcabcabcabc").
bool repetitive(std::string_view s) {
  for (std::size_t p = 1; p <= s.size() / 2; ++p) {
    if (s.size() % p != 0) continue;
    bool periodic = true;
    for (std::size_t i = p; i < s.size() && periodic; ++i) periodic = s[i] == s[i - p];
    if (periodic) return utf8_length(s.substr(0, p)).value_or(p) <= 4;
  }
  return false;
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n)
    if (!next_code_point(text, i)) return std::nullopt;
  return n;
}

std::optional<PasswordProblem> check_password(std::string_view password,
                                              std::string_view username) {
  const auto length = utf8_length(password);
  if (!length) return PasswordProblem::kInvalidUtf8;
  if (*length < kMinPasswordLength) return PasswordProblem::kTooShort;
  if (*length > kMaxPasswordLength) return PasswordProblem::kTooLong;
  const std::string lower = folded(password);
  if (derived_from(lower, "corridor")) return PasswordProblem::kProductName;
  if (utf8_length(username) && derived_from(lower, folded(username)))
    return PasswordProblem::kUsername;
  for (std::string_view word : common_passwords())
    if (derived_from(lower, word)) return PasswordProblem::kCommon;
  if (repetitive(lower)) return PasswordProblem::kRepetitive;
  return std::nullopt;
}

HashCost HashCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
HashCost HashCost::moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
HashCost HashCost::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string hash_password(std::string_view password, const HashCost& cost) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out,
                            password.data(),
                            password.size(),
                            cost.opslimit,
                            cost.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("auth: argon2id ran out of memory");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  ensure_sodium();
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& hash, const HashCost& cost) {
  ensure_sodium();
  if (hash.rfind("$argon2id$", 0) != 0) return true;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), cost.opslimit, cost.memlimit) != 0;
}

}  // namespace corridor::auth
