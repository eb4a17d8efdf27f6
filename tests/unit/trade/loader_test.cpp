// Every bad-input fixture of tests/data/trade/ gives its code at its place, every
// problem at once (docs/errors.md, 7xx and the generic codes the readers use).

#include <gtest/gtest.h>

#include <string>

#include "corridor/trade.hpp"

namespace corridor::trade {
namespace {

const std::string kData = std::string(CORRIDOR_TEST_DATA) + "/trade/";

std::vector<Diagnostic> errors_of(const LoadOptions& lo, const Options& o = Options{}) {
  try {
    Options q = o;
    q.perturbations = 0;
    analyse(load(lo), q);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

LoadOptions folder(const std::string& name) { return {kData + name, {}, {}, ""}; }

bool has(const std::vector<Diagnostic>& ds, ErrorCode code, const std::string& where) {
  for (const auto& d : ds)
    if (d.code == code && d.to_string().find(where) != std::string::npos) return true;
  return false;
}

std::string dump(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.to_string() + "\n";
  return s;
}

TEST(TradeLoader, OkTinyLoads) {
  const TradeData d = load(folder("ok_tiny"));
  EXPECT_EQ(d.exports.size(), 10U);
  EXPECT_EQ(d.exports_digits, 4);
  EXPECT_EQ(d.flows_digits, 6);
  EXPECT_TRUE(d.warnings.empty());
}

struct Case {
  const char* fixture;
  ErrorCode code;
  const char* where;
};

TEST(TradeLoader, EveryFixtureGivesItsCodeAtItsPlace) {
  const Case cases[] = {
      {"bad_unknown_country", ErrorCode::kUnknownCountry, "exports.csv:11:6: exporter"},
      {"bad_malformed_hs", ErrorCode::kMalformedHsCode, "exports.csv:4:10: product"},
      {"bad_unknown_hs", ErrorCode::kUnknownHsCode, "imports.csv:5:10: product"},
      {"bad_negative_value", ErrorCode::kNegativeValue, "flows.csv:3:21: value_usd"},
      {"bad_duplicate_row", ErrorCode::kDuplicateFlow, "imports.csv:9:10: product"},
      {"bad_empty_market", ErrorCode::kEmptyMarket, "--to"},
      {"bad_csv_field_count", ErrorCode::kMalformedCsv, "flows.csv:5:"},
      {"bad_non_numeric", ErrorCode::kWrongType, "exports.csv:6:15: value_usd"},
      {"bad_missing_column", ErrorCode::kMissingColumn, "imports.csv:1: value_usd"},
  };
  for (const auto& c : cases) {
    const auto ds = errors_of(folder(c.fixture));
    EXPECT_TRUE(has(ds, c.code, c.where)) << c.fixture << ":\n" << dump(ds);
  }
}

TEST(TradeLoader, EveryErrorAtOnce) {
  const auto ds = errors_of(folder("bad_multi"));
  EXPECT_TRUE(has(ds, ErrorCode::kNegativeValue, "exports.csv:2:")) << dump(ds);
  EXPECT_TRUE(has(ds, ErrorCode::kUnknownCountry, "exports.csv:3:")) << dump(ds);
  EXPECT_TRUE(has(ds, ErrorCode::kMalformedHsCode, "flows.csv:2:")) << dump(ds);
}

TEST(TradeLoader, MixedHsEditionsWarnAndNameTheCodes) {
  const TradeData d = load(folder("warn_mixed_hs"));
  ASSERT_EQ(d.warnings.size(), 1U);
  EXPECT_EQ(d.warnings[0].code, ErrorCode::kMixedHsVersions);
  EXPECT_NE(d.warnings[0].message.find("030"), std::string::npos) << d.warnings[0].to_string();
}

TEST(TradeLoader, OptionsTheDataCannotAnswer) {
  Options o;
  o.hs_digits = 6;  // exports.csv is HS4
  EXPECT_TRUE(has(errors_of(folder("ok_tiny"), o), ErrorCode::kHsLevelUnavailable, "--hs"));
  o = Options{};
  o.years = {2019};
  EXPECT_TRUE(has(errors_of(folder("ok_tiny"), o), ErrorCode::kYearNotInData, "--years"));
  o = Options{};
  o.to = "KAZ";
  EXPECT_TRUE(has(errors_of(folder("ok_tiny"), o), ErrorCode::kBadOption, "--to"));
  o = Options{};
  o.from = "USA";
  EXPECT_TRUE(has(errors_of(folder("ok_tiny"), o), ErrorCode::kUnknownCountry, "--from"));
}

TEST(TradeLoader, BaciComtradeAndAccessFiles) {
  LoadOptions lo = folder("ok_tiny");
  lo.baci_files = {kData + "bad_baci_unknown_country.csv"};
  EXPECT_TRUE(has(errors_of(lo), ErrorCode::kUnknownCountry, "bad_baci_unknown_country.csv:3:"));
  lo = folder("ok_tiny");
  lo.comtrade_files = {kData + "bad_comtrade_flow.csv"};
  EXPECT_TRUE(has(errors_of(lo), ErrorCode::kBadEnum, "bad_comtrade_flow.csv:3:"));
  lo = folder("ok_tiny");
  lo.access_file = kData + "bad_access_tariff.csv";
  const auto ds = errors_of(lo);
  EXPECT_TRUE(has(ds, ErrorCode::kOutOfRange, "bad_access_tariff.csv:2:")) << dump(ds);
  EXPECT_TRUE(has(ds, ErrorCode::kWrongType, "bad_access_tariff.csv:3:")) << dump(ds);
  lo = folder("no_such_folder");
  EXPECT_TRUE(has(errors_of(lo), ErrorCode::kMissingFile, "no_such_folder"));
}

TEST(TradeLoader, FingerprintIgnoresRowOrder) {
  const TradeData a = load(folder("ok_tiny"));
  TradeData b = a;
  std::reverse(b.exports.begin(), b.exports.end());
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  b.exports[0].value += 1;
  EXPECT_NE(fingerprint(a), fingerprint(b));
}

}  // namespace
}  // namespace corridor::trade
