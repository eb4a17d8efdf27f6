// Reader for Beasley's OR-Library capacitated warehouse location files
// (data/orlib-cflp/README.md). The file lists the cost of serving ALL of a
// customer's demand from each warehouse; demand is splittable, so the per-unit
// cost is cost / demand.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/solver/model.hpp"

namespace corridor::design::solver {

namespace {

struct Token {
  std::string text;
  int line = 0;
  int column = 0;
};

class Tokens {
 public:
  Tokens(const std::string& path, std::istream& in) : path_(path) {
    std::string line;
    int no = 0;
    while (std::getline(in, line)) {
      ++no;
      std::size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])) != 0) ++i;
        if (i >= line.size()) break;
        const std::size_t b = i;
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])) == 0) ++i;
        tokens_.push_back(Token{line.substr(b, i - b), no, static_cast<int>(b) + 1});
      }
    }
    last_line_ = no;
  }

  [[noreturn]] void fail(const Token* at, const std::string& field, const std::string& msg) const {
    throw InputError({Diagnostic{ErrorCode::kBadOrlibFile,
                                 Severity::kError,
                                 path_,
                                 at != nullptr ? at->line : last_line_,
                                 at != nullptr ? at->column : 0,
                                 field,
                                 msg}});
  }

  const Token& next(const std::string& field) {
    if (pos_ >= tokens_.size()) fail(nullptr, field, "unexpected end of file");
    return tokens_[pos_++];
  }

  double number(const std::string& field,
                bool allow_word_capacity = false,
                bool* was_word = nullptr) {
    const Token& t = next(field);
    if (allow_word_capacity && t.text == "capacity") {
      *was_word = true;
      return 0.0;
    }
    char* end = nullptr;
    const double v = std::strtod(t.text.c_str(), &end);
    if (end == t.text.c_str() || *end != '\0')
      fail(&t, field, fmt::format("expected a number, got '{}'", t.text));
    if (!std::isfinite(v)) fail(&t, field, "number is not finite");
    if (v < 0) fail(&t, field, fmt::format("must be >= 0, got {}", t.text));
    return v;
  }

  int count(const std::string& field) {
    const Token& t = tokens_.size() > pos_ ? tokens_[pos_]
                     : tokens_.empty()     ? Token{}
                                           : tokens_.back();
    const double v = number(field);
    if (v != std::floor(v) || v < 1 || v > 1e7)
      fail(&t, field, fmt::format("expected a positive integer, got '{}'", t.text));
    return static_cast<int>(v);
  }

  const Token* peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }
  [[nodiscard]] bool done() const { return pos_ >= tokens_.size(); }

 private:
  std::string path_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int last_line_ = 0;
};

}  // namespace

Model read_orlib(const std::string& path, std::optional<double> capacity) {
  std::ifstream in(path);
  if (!in)
    throw InputError({Diagnostic{
        ErrorCode::kMissingFile, Severity::kError, path, 0, 0, "", "cannot open OR-Library file"}});
  Tokens tok(path, in);
  if (capacity && (!std::isfinite(*capacity) || *capacity < 0))
    tok.fail(
        nullptr, "capacity", fmt::format("capacity must be finite and >= 0, got {}", *capacity));
  const int m = tok.count("warehouses");
  const int n = tok.count("customers");
  Model model;
  model.facilities.resize(m);
  for (int i = 0; i < m; ++i) {
    const Token* at = tok.peek();
    bool word = false;
    double cap = tok.number("capacity", true, &word);
    if (word) {
      if (!capacity)
        tok.fail(at,
                 "capacity",
                 "this instance has symbolic capacities: give the capacity value (e.g. capa: "
                 "8000, 10000, 12000 or 14000)");
      cap = *capacity;
    } else if (capacity && *capacity != cap) {
      tok.fail(at,
               "capacity",
               fmt::format("file gives capacity {} but {} was requested", cap, *capacity));
    }
    const double fixed = tok.number("fixed_cost");
    auto& f = model.facilities[i];
    f.name = fmt::format("w{}", i + 1);
    f.options.push_back(SizeOption{cap, fixed, 0.0});
  }
  model.demand.resize(n);
  model.arcs.reserve(static_cast<std::size_t>(m) * n);
  for (int j = 0; j < n; ++j) {
    const double d = tok.number(fmt::format("demand of customer {}", j + 1));
    model.demand[j] = d;
    for (int i = 0; i < m; ++i) {
      const double c =
          tok.number(fmt::format("cost of customer {} from warehouse {}", j + 1, i + 1));
      model.arcs.push_back(Arc{i, j, d > 0 ? c / d : 0.0});
    }
  }
  if (!tok.done()) tok.fail(tok.peek(), "", "unexpected data after the last customer");
  return model;
}

}  // namespace corridor::design::solver
