// Requests: header and cookie look-up, and the decoding of request targets (percent
// escapes, UTF-8, query strings). No Asio here: the server hands us strings.

#include <array>
#include <cstdint>

#include "corridor/http.hpp"
#include "target.hpp"

namespace corridor::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one path segment: an encoded '/' would let a segment pose as two, and "."
// or ".." would let a {*rest} parameter climb out of its folder, so all are refused.
bool decode_segment(std::string_view raw, std::string& out, std::string* why) {
  auto decoded = percent_decode(raw, false);
  if (!decoded) {
    *why = "the path has a malformed escape, a NUL or invalid UTF-8";
    return false;
  }
  if (decoded->find('/') != std::string::npos) {
    *why = "the path has an encoded slash (%2F)";
    return false;
  }
  if (*decoded == "." || *decoded == "..") {
    *why = "the path has a dot segment";
    return false;
  }
  out += *decoded;
  return true;
}

bool parse_query(std::string_view query, Target& target, std::string* why) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!key || !value) {
      *why = "the query has a malformed escape, a NUL or invalid UTF-8";
      return false;
    }
    target.query[*key] = std::move(*value);
  }
  return true;
}

}  // namespace

std::string_view method_name(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
  }
  return "GET";
}

std::optional<std::string> Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (!iequals(key, "cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view item = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      std::size_t eq = item.find('=');
      if (eq == std::string_view::npos || trim(item.substr(0, eq)) != name) continue;
      std::string_view v = trim(item.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return std::nullopt;
}

bool is_loopback_address(std::string_view address) {
  if (address == "localhost" || address == "::1" || address == "[::1]") return true;
  if (address.substr(0, 7) == "::ffff:") address.remove_prefix(7);  // v4-mapped
  return address.substr(0, 4) == "127.";
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::array<std::uint32_t, 4> kMin = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return std::nullopt;
    out += c;
  }
  if (!valid_utf8(out)) return std::nullopt;
  return out;
}

std::optional<Target> parse_target(std::string_view target, std::string* why) {
  std::string scratch;
  if (why == nullptr) why = &scratch;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() && iequals(target.substr(0, scheme.size()), scheme)) {
      target.remove_prefix(scheme.size());
      std::size_t slash = target.find_first_of("/?");
      target = slash == std::string_view::npos ? "/" : target.substr(slash);
      break;
    }
  }
  if (target.empty() || target.front() != '/') {
    *why = "the request target is not a path";
    return std::nullopt;
  }
  std::size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  std::size_t hash = raw_path.find('#');
  if (hash != std::string_view::npos) raw_path = raw_path.substr(0, hash);
  Target out;
  out.path.reserve(raw_path.size());
  std::size_t pos = 1;
  out.path = "/";
  while (pos <= raw_path.size()) {
    std::size_t next = raw_path.find('/', pos);
    if (next == std::string_view::npos) next = raw_path.size();
    if (!decode_segment(raw_path.substr(pos, next - pos), out.path, why)) return std::nullopt;
    if (next < raw_path.size()) out.path += '/';
    pos = next + 1;
  }
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    query = query.substr(0, query.find('#'));
    if (!parse_query(query, out, why)) return std::nullopt;
  }
  return out;
}

}  // namespace corridor::http
