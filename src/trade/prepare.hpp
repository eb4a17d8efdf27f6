#pragma once
// The tables of TradeData brought to one HS level and averaged over the years asked,
// as dense vectors over one product list: what the measures read (niches.cpp).

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "corridor/trade.hpp"

namespace corridor::trade {

struct Prepared {
  std::vector<int> years;
  int digits = 4;
  Matrix exports;  // every exporter × products, US$/yr
  std::unordered_map<std::string, std::size_t> product_index, country_index;
  std::map<std::string, std::vector<double>> imports;  // importer -> per product
  std::map<std::pair<std::string, std::string>, std::vector<double>> flows, tonnes;
};

/// Throws InputError for a level finer than a table (E708) or a year a table lacks
/// (E709).
Prepared prepare(const TradeData& data, const std::vector<int>& years, int digits);

}  // namespace corridor::trade
