#pragma once
// What the trade readers share (loader.cpp, sources.cpp): the country map and the HS
// nomenclature every table is checked against, and the checks themselves.

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "corridor/trade.hpp"
#include "table.hpp"

namespace corridor::trade {

inline constexpr int kHs17 = 1;
inline constexpr int kHs22 = 2;

struct Reference {
  std::unordered_map<std::string, std::string> iso_of_code;  // "398" -> "KAZ"
  std::unordered_set<std::string> iso;
  std::unordered_map<std::string, int> editions;  // HS code -> kHs17 | kHs22
};

/// One product cell seen in a table, kept to check the codes once the table is read.
struct CodeSeen {
  std::string code;
  int line, column;
};

/// Unknown codes are E703; codes of two HS editions in one table are one E706 warning
/// naming the minority's codes.
void check_codes(const std::string& file,
                 const char* field,
                 const std::vector<CodeSeen>& seen,
                 const Reference& ref,
                 DiagnosticSink& sink);
/// The coarsest detail (fewest digits) among the codes; 0 when none.
int digits_of(const std::vector<CodeSeen>& seen);
/// An ISO3 country of the map (E701 otherwise).
std::optional<std::string> country(const Row& row, const char* c, const Reference& ref);
/// A numeric (Comtrade/BACI) country code mapped to ISO3 (E701 otherwise).
std::optional<std::string> numeric_country(const Row& row, const char* c, const Reference& ref);

/// Reports the second row of one key (E705), naming the first.
class Duplicates {
 public:
  explicit Duplicates(std::string file) : file_(std::move(file)) {}
  bool fresh(const Row& row, const std::string& key, const char* field, DiagnosticSink& sink);

 private:
  std::string file_;
  std::unordered_map<std::string, int> first_;
};

/// BACI `t,i,j,k,v,q` (v in thousands of US$, q in tonnes): appends flows. Returns the
/// HS detail (digits) of its codes.
int read_baci(const std::string& file,
              const Reference& ref,
              std::vector<Flow>& flows,
              DiagnosticSink& sink);
/// A UN Comtrade (Comtrade+) CSV export: appends flows.
int read_comtrade(const std::string& file,
                  const Reference& ref,
                  std::vector<Flow>& flows,
                  DiagnosticSink& sink);
/// The market-access table (access.csv).
void read_access(const std::string& file,
                 const Reference& ref,
                 std::vector<MarketAccess>& out,
                 DiagnosticSink& sink);

}  // namespace corridor::trade
