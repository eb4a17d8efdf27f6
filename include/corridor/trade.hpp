#pragma once
// Trade niches (docs/niches.md, docs/trade-format.md): which products one country can
// sell more of to another, from bilateral trade by HS product (CEPII BACI, UN Comtrade,
// or the shipped tables in data/trade/).
//
// Data flows one way: load(LoadOptions) reads and checks every table (all problems at
// once, E1xx/E2xx/E7xx) → TradeData; analyse(data, Options) aggregates to the HS level
// and years asked, computes the measures (RCA, complementarity, intensity, the product
// space and complexity, export potential) for both directions and ranks the two lists
// (grow, diversify) with their rank stability → NichesResult; to_json / to_csv /
// to_table / to_html render it. compute_complexity() is the product-space core on its
// own (for the oracle test and the benchmark).

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "corridor/core/i18n.hpp"
#include "corridor/error.hpp"

namespace corridor::trade {

/// niches.json's schema (corridor/core/artefact.hpp): "corridor.niches/1".
inline constexpr const char* kNichesSchema = "corridor.niches";
inline constexpr int kNichesSchemaVersion = 1;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A country's trade in one product with all covered partners (exports or imports).
struct CountryValue {
  int year = 0;
  std::string country;  // ISO3
  std::string product;  // HS code, 2/4/6 digits
  double value = 0;     // US$
};

/// One bilateral flow.
struct Flow {
  int year = 0;
  std::string exporter, importer;  // ISO3
  std::string product;
  double value = 0;          // US$
  double quantity_t = kNaN;  // metric tonnes; NaN when not given
};

/// A market-access fact (docs/trade-format.md, access.csv): a tariff and/or an
/// approved-exporter requirement for an exporter's product in a market.
struct MarketAccess {
  std::string exporter, importer;
  std::string product;                 // HS prefix (2, 4 or 6 digits)
  std::optional<double> tariff_pct;    // applied ad-valorem tariff
  bool registration_required = false;  // e.g. China's GACC registration of exporters
  bool registered = false;             // the exporter holds it
  std::string source;
};

/// Names of an HS code. level: "section" (code S01..S21), "2", "4" or "6".
struct HsName {
  std::string level, code, section;
  std::string en, ru, kk, zh;  // kk and zh of sections and chapters are our translation
};

/// How a chapter's (or, overriding it, a heading's) goods travel (mode_classes.csv).
struct ModeClass {
  std::string hs;   // 2 or 4 digits
  std::string cls;  // bulk, liquid, container, perishable, hazardous
  std::string note;
};

struct LayoutNode {
  std::string product;  // HS4
  double x = 0, y = 0;
};

/// Everything read, checked and ready for analyse().
struct TradeData {
  std::string name;                   // the data folder's name
  std::vector<CountryValue> exports;  // exporter → all covered markets
  std::vector<CountryValue> imports;  // importer ← all covered partners
  std::vector<Flow> flows;            // bilateral detail
  std::vector<MarketAccess> access;
  std::vector<HsName> names;
  std::vector<ModeClass> modes;
  std::vector<LayoutNode> layout;
  std::vector<std::pair<std::string, std::string>> edges;
  int exports_digits = 0, imports_digits = 0, flows_digits = 0;  // HS detail of each table
  std::vector<std::string> sources;                              // the files the tables came from
  std::vector<Diagnostic> warnings;                              // E107, E706
};

/// Where the data comes from. The folder (data/trade/ by default) always gives the
/// country map, names, mode classes and layout; BACI files, when given, replace its
/// exports/imports/flows; Comtrade files replace its flows.
struct LoadOptions {
  std::string folder;
  std::vector<std::string> baci_files;
  std::vector<std::string> comtrade_files;
  std::string access_file;  // optional market-access table
};

/// Reads and checks everything. Throws InputError with every problem found.
TradeData load(const LoadOptions& options);

/// "trade data NAME: N exporters, ..." for the CLI.
std::string summary_line(const TradeData& data);

/// The tables' content in a fixed order (rows sorted), and "sha256:" of it: the
/// fingerprint of niches.json. The order of rows in the files never changes it.
std::string canonical_text(const TradeData& data);
std::string fingerprint(const TradeData& data);

// ------------------------------------------------------------------ the product space

/// A country × product matrix of export values, row-major.
struct Matrix {
  std::vector<std::string> countries, products;
  std::vector<double> x;  // countries.size() × products.size()
  double at(std::size_t c, std::size_t p) const { return x[c * products.size() + p]; }
};

/// The product space and complexity of one matrix, as Stata's `ecomplexity` computes
/// them with its defaults (discrete, symmetric proximity, M = RCA > 1). Countries and
/// products whose total is not positive are dropped first (as Stata does); `countries`
/// and `products` name what was kept.
struct Complexity {
  std::vector<std::string> countries, products;
  std::vector<double> rca;        // c × p, Balassa
  std::vector<std::uint8_t> m;    // c × p, RCA > threshold
  std::vector<double> diversity;  // per country
  std::vector<double> ubiquity;   // per product
  std::vector<double> proximity;  // p × p, φ_pp = 0
  std::vector<double> density;    // c × p
  std::vector<double> eci;        // per country, normalised as Stata (NaN if d = 0)
  std::vector<double> pci;        // per product, on ECI's scale (NaN if u = 0)
  std::vector<double> coi;        // per country, standardised
  std::vector<double> cog;        // c × p, divided by the sd of raw ECI
  double eigenvalue = 0;          // of the second eigenvector
  std::size_t np() const { return products.size(); }
};

Complexity compute_complexity(const Matrix& exports, double rca_threshold = 1.0);

// ------------------------------------------------------------------ the analysis

struct Options {
  std::string from = "KAZ";
  std::string to = "CHN";
  std::vector<int> years;  // empty: every year of the data; several are averaged
  int hs_digits = 4;       // 2, 4 or 6
  double rca_threshold = 1.0;
  double density_quantile = 0.75;   // "high density": at or above this quantile of the
                                    // exporter's RCA < 1 products
  std::size_t top = 15;             // length of each list
  int perturbations = 10;           // stability: draws per perturbed table
  double perturb_sigma = 0.10;      // lognormal noise on every value of the table
  double min_market_imports = 1e6;  // diversify: the market imports at least this, US$/yr
  std::uint64_t seed = 1;
};

/// One product of one direction with every factor behind its ranks.
struct ProductScore {
  std::string product;
  double actual = 0;         // exporter → market, US$/yr
  double quantity_t = kNaN;  // exporter → market, tonnes/yr (when the data has q)
  double exporter_exports = 0, world_exports = 0, market_imports = 0;
  double rca = kNaN, rca_sym = kNaN;
  double specialisation = kNaN;       // share in exports to the market / share in its imports
  double supply = 0;                  // exporter's share of world exports of the product
  double demand = 0;                  // market's imports, US$/yr
  double access = 1;                  // market-access factor (1 when nothing is known)
  double tariff_pct = kNaN;           // from the access table
  bool registration_missing = false;  // a registration the market requires, not held
  double potential = 0, untapped = 0;
  double density = kNaN, distance = kNaN, pci = kNaN, cog = kNaN;
  std::string mode_class;
  std::string reason;
  // stability: ranks over the perturbed and dropped-year runs (0 when not listed)
  int rank = 0, rank_min = 0, rank_max = 0;
  double in_list_share = 0;  // share of runs in which the product stays in the top
};

struct DirectionResult {
  std::string from, to;
  double total_actual = 0;        // US$/yr
  double from_exports = 0;        // exporter's exports to all markets
  double to_imports = 0;          // market's imports from all partners
  double complementarity = kNaN;  // Michaely, 0..100
  double intensity = kNaN;        // trade intensity index
  double eci_from = kNaN, coi_from = kNaN;
  double ease = kNaN;  // actual / Σ_k supply × demand × access
  /// Σ untapped potential by the products' mode class (bulk, liquid, container, ...):
  /// how much of the gap the corridor's containers could carry.
  std::vector<std::pair<std::string, double>> untapped_by_mode;
  std::vector<ProductScore> products;        // every product either traded or with potential
  std::vector<std::size_t> grow, diversify;  // indices into products, best first
};

// ------------------------------------------------------------------ the corridor

/// A setting of the corridor section with its value and where it comes from.
struct Assumption {
  std::string name;  // e.g. "eastbound_loaded_share_rail"
  double value = 0;
  std::string unit, source;
};

/// One usable crossing as the eastbound (KZ → CN) direction sees it: the units that came
/// west return east, a share of them loaded; the rest is spare (docs/niches.md).
struct CrossingSpare {
  std::string crossing, name;
  std::string mode, unit;              // rail|road; container|truck
  double capacity_units_per_day = 0;   // crossings.csv capacity_per_day
  double plan_units_per_day = 0;       // the plan's westbound flow
  double other_units_per_day = 0;      // capacity × background_share (other freight)
  double westbound_units_per_day = 0;  // min(capacity, plan + other)
  double loaded_share = 0;             // eastbound loaded share of the mode (a setting)
  double spare_units_per_day = 0;      // westbound × (1 − loaded share)
  double payload_t = 0;                // tonnes per loaded unit (a setting)
  double spare_t_per_day = 0;          // spare units × payload
  bool reachable = false;              // a path KZ side → destination of the crossing's mode
  double hours = kNaN;                 // KZ side of the crossing → destination
  double cost_per_unit = kNaN;         // scenario currency per container/truck
  double cost_per_t = kNaN;            // cost per unit / payload
  std::vector<std::string> route;      // node ids, KZ-side node first
};

/// A niche of the eastbound direction that the spare capacity could carry.
struct NicheFit {
  std::size_t product = 0;              // index into the direction's products
  std::string list;                     // grow | diversify
  double untapped_usd = 0;              // per year
  double usd_per_kg = kNaN;             // actual / quantity of the pair's flows; NaN when unknown
  double t_per_day = kNaN;              // untapped / US$ per kg / days per year
  double units_per_day = kNaN;          // containers at the container payload
  double fit_share = kNaN;              // min(1, spare t / t needed) alone; NaN when t unknown
  double fitted_usd = 0;                // untapped × fit share (untapped when t unknown)
  double break_even_usd_per_kg = kNaN;  // the value density at which all of it fits alone
  double cumulative_usd = 0;            // Σ untapped of this and the niches ranked above
  double cumulative_break_even_usd_per_kg = kNaN;  // ... at which those fit together
  std::string crossing;               // the cheapest reachable crossing with spare capacity
  double cost_per_t = kNaN;           // its cost per tonne to the destination
  double cost_share_of_value = kNaN;  // cost per kg / US$ per kg
};

/// "What the corridor can carry" (docs/niches.md): filled by fit_corridor()
/// (corridor/trade/corridor.hpp), rendered with the rest of the result.
struct CorridorFit {
  std::string scenario, variant, scenario_fingerprint;
  std::string plan;      // the plan's file, or "solved" when design::plan solved it here
  std::string from, to;  // the eastbound direction (KAZ → CHN)
  std::string destination, destination_name;  // node id (CN_URUMQI by default)
  int days_per_year = 360;                    // the scenario's planning days
  std::vector<Assumption> assumptions;
  std::vector<CrossingSpare> crossings;  // usable crossings, scenario order
  double spare_units_rail = 0, spare_units_road = 0, spare_t_per_day = 0;
  std::vector<NicheFit> niches;            // ranked by fitted_usd, all candidates
  std::size_t candidates_other_modes = 0;  // listed niches not containerisable
  double untapped_other_modes_usd = 0;
};

struct NichesResult {
  std::string data_name, fingerprint;
  std::vector<int> years;
  int hs_digits = 4;
  std::size_t n_countries = 0, n_products = 0;
  std::size_t stability_runs = 0;
  std::vector<std::string> stability_notes;  // what each run changed
  DirectionResult forward, reverse;
  std::vector<Diagnostic> warnings;
  std::optional<CorridorFit> corridor;  // with --scenario only
};

/// Michaely's trade complementarity, 0..100: 100 (1 − Σ_k |m_k/Σm − x_k/Σx| / 2) of an
/// exporter's exports x and a market's imports m by product (same order). NaN when
/// either sums to 0.
double complementarity(const std::vector<double>& exports, const std::vector<double>& imports);

/// The whole analysis. Throws InputError for options the data cannot answer (E503
/// reporter = market, E701 unknown country, E707 empty market, E708 HS level, E709
/// year).
NichesResult analyse(const TradeData& data, const Options& options);

/// The name of an HS code in a language; falls back to English marked "[en]", then to
/// the parent code's name.
std::string hs_name(const TradeData& data, const std::string& code, core::Lang lang);

/// niches.json text (header of corridor/core/artefact.hpp).
std::string to_json(const NichesResult& r, const TradeData& data);
/// corridor_crossings.csv and corridor_niches.csv of the corridor section.
std::string corridor_crossings_csv(const CorridorFit& c);
std::string corridor_niches_csv(const CorridorFit& c,
                                const DirectionResult& d,
                                const TradeData& data);
/// grow.csv / diversify.csv / products.csv for one direction.
std::string to_csv(const DirectionResult& d,
                   const std::vector<std::size_t>& rows,
                   const TradeData& data);
/// The printed summary.
std::string to_table(const NichesResult& r, const TradeData& data);
/// niches.html, self-contained.
std::string to_html(const NichesResult& r, const TradeData& data, core::Lang lang);
/// The report's phrase table (a unit test asserts it is complete).
const core::Phrasebook& phrasebook();

}  // namespace corridor::trade
