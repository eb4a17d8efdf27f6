// Good fixtures load into exactly the values written in their CSV files (checked by
// hand), UTF-8/BOM/CRLF/quoting round-trip, and each variant operation does what it
// says. Value parsers are checked on their edge cases.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "corridor/core/csv.hpp"
#include "corridor/scenario.hpp"
#include "fixture_files.hpp"
#include "values.hpp"

namespace corridor::scenario {
namespace {

std::string fixture(const char* name) { return std::string(CORRIDOR_TEST_DATA) + "/" + name; }

FileMap read_folder(const char* name) { return testing::read_fixture_files(name); }

std::vector<Diagnostic> errors_of(const FileMap& files, const std::string& variant = {}) {
  try {
    load_from_memory(files, variant);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

TEST(LoadOkMinimal, ReadsEveryTableWithHandCheckedValues) {
  const Scenario s = load(fixture("ok_minimal"));
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.currency, "USD");
  EXPECT_EQ(s.price_year, 2024);
  EXPECT_EQ(s.base_year, 2026);
  EXPECT_EQ(s.planning_days_per_year, 360);
  EXPECT_DOUBLE_EQ(s.parcels_per_container, 1500);
  EXPECT_DOUBLE_EQ(s.parcels_per_truck, 800);
  EXPECT_DOUBLE_EQ(s.unmet_penalty_per_parcel.value(), 25);
  EXPECT_DOUBLE_EQ(s.last_mile.circuity, 1.3);
  EXPECT_DOUBLE_EQ(s.last_mile.speed_kmh, 50);
  EXPECT_DOUBLE_EQ(s.last_mile.base_hours.value(), 12);
  EXPECT_DOUBLE_EQ(s.last_mile.cost_per_parcel.value(), 0.8);
  EXPECT_DOUBLE_EQ(s.last_mile.cost_per_parcel_km.value(), 0.002);
  EXPECT_DOUBLE_EQ(s.direct.clearance_hours.value(), 48);
  EXPECT_DOUBLE_EQ(s.direct.cost_per_parcel.value(), 2.5);
  EXPECT_TRUE(s.variant.empty());
  EXPECT_TRUE(s.warnings.empty());

  ASSERT_EQ(s.nodes.size(), 11u);
  const Node* nz = s.find_node("KHORGOS_KZ");
  ASSERT_NE(nz, nullptr);
  EXPECT_EQ(nz->name, "Nur Zholy");
  EXPECT_EQ(nz->kind, NodeKind::kCrossing);
  EXPECT_EQ(nz->country, Country::kKZ);
  EXPECT_DOUBLE_EQ(nz->lat, 44.22);
  EXPECT_DOUBLE_EQ(nz->lon, 80.26);
  EXPECT_EQ(nz->row.file, "nodes.csv");
  EXPECT_EQ(nz->row.line, 7);
  EXPECT_EQ(s.find_node("NOPE"), nullptr);

  ASSERT_EQ(s.crossings.size(), 2u);
  const Crossing& d = s.crossings[0];
  EXPECT_EQ(d.id, "DOSTYK_RAIL");
  EXPECT_EQ(d.mode, Mode::kRail);
  EXPECT_EQ(d.cn_node, "ALASHANKOU");
  EXPECT_EQ(d.kz_node, "DOSTYK");
  EXPECT_DOUBLE_EQ(d.capacity_per_day, 40);
  EXPECT_EQ(d.unit, Unit::kContainer);
  EXPECT_DOUBLE_EQ(d.background_share, 0.5);
  EXPECT_DOUBLE_EQ(d.processing_hours.value(), 12);
  EXPECT_DOUBLE_EQ(d.fee_per_unit.value(), 150);
  EXPECT_TRUE(d.gauge_change);
  EXPECT_DOUBLE_EQ(d.transshipment_hours.value(), 6);
  EXPECT_DOUBLE_EQ(d.transshipment_cost_per_unit.value(), 200);
  EXPECT_EQ(d.servers, 2);
  EXPECT_DOUBLE_EQ(d.inspection_probability, 0.1);
  EXPECT_DOUBLE_EQ(d.inspection_hours.value(), 8);
  EXPECT_EQ(d.status, CrossingStatus::kOperating);
  EXPECT_EQ(d.opening_year, 0);
  EXPECT_EQ(d.calendar, "ALWAYS");
  EXPECT_EQ(d.row.line, 2);
  EXPECT_TRUE(s.crossing_usable(d));
  EXPECT_EQ(s.crossings[1].unit, Unit::kTruck);
  EXPECT_FALSE(s.crossings[1].gauge_change);

  ASSERT_EQ(s.calendars.size(), 3u);
  EXPECT_EQ(s.calendars[0].weekdays, 0x7Fu);
  EXPECT_EQ(s.calendars[1].calendar, "WEEKDAYS");
  EXPECT_EQ(s.calendars[1].weekdays, 0x1Fu);  // Mon..Fri
  EXPECT_DOUBLE_EQ(s.calendars[1].open_hour, 9);
  EXPECT_DOUBLE_EQ(s.calendars[1].close_hour, 18);
  EXPECT_EQ(s.calendars[2].kind, CalendarRule::Kind::kHoliday);
  EXPECT_EQ(s.calendars[2].date_from, "2026-01-01");
  EXPECT_EQ(s.calendars[2].date_to, "2026-01-02");
  EXPECT_EQ(s.calendars[2].note, "new year");

  ASSERT_EQ(s.links.size(), 6u);
  EXPECT_FALSE(s.links[0].capacity_per_day.has_value());
  ASSERT_TRUE(s.links[2].capacity_per_day.has_value());
  EXPECT_DOUBLE_EQ(*s.links[2].capacity_per_day, 20);
  EXPECT_DOUBLE_EQ(s.links[3].distance.value(), 850);
  EXPECT_DOUBLE_EQ(s.links[3].hours.value(), 20);
  EXPECT_DOUBLE_EQ(s.links[3].cost_per_unit.value(), 700);

  ASSERT_EQ(s.hubs.size(), 2u);
  EXPECT_FALSE(s.hubs[0].supply_cap_per_day.has_value());
  EXPECT_DOUBLE_EQ(s.hubs[1].supply_cap_per_day.value_or(-1), 5000);

  ASSERT_EQ(s.sites.size(), 2u);
  EXPECT_EQ(s.sites[0].id, "ALA");
  EXPECT_EQ(s.sites[0].node, "ALMATY_WH");
  ASSERT_EQ(s.sites[0].sizes.size(), 2u);
  EXPECT_EQ(s.sites[0].sizes[1].size, "M");
  EXPECT_DOUBLE_EQ(s.sites[0].sizes[1].capacity_per_day, 40000);
  EXPECT_DOUBLE_EQ(s.sites[0].sizes[1].fixed_cost_per_year.value(), 1800000);
  EXPECT_DOUBLE_EQ(s.sites[0].sizes[1].handling_cost_per_parcel.value(), 0.25);
  EXPECT_FALSE(s.sites[0].existing);
  EXPECT_EQ(s.find_site("AST")->sizes.size(), 1u);

  ASSERT_EQ(s.zones.size(), 3u);
  EXPECT_FALSE(s.zones[0].stocked_share.has_value());
  EXPECT_TRUE(s.zones[0].direct_allowed);
  EXPECT_DOUBLE_EQ(s.zones[0].growth_per_year, 0.2);
  EXPECT_DOUBLE_EQ(s.zones[0].promise_days, 3);
  const Zone* sh = s.find_zone("Z_SHYMKENT");
  ASSERT_NE(sh, nullptr);
  EXPECT_FALSE(sh->direct_allowed);
  EXPECT_DOUBLE_EQ(sh->stocked_share.value_or(-1), 1.0);
  EXPECT_DOUBLE_EQ(s.total_demand_per_day(), 25000);

  ASSERT_EQ(s.events.size(), 3u);
  EXPECT_EQ(s.events[0].target, "*");
  EXPECT_DOUBLE_EQ(s.events[0].factor, 3);
  EXPECT_EQ(s.events[1].kind, Event::Kind::kCapacityCut);
  EXPECT_EQ(s.events[2].kind, Event::Kind::kClosure);

  EXPECT_DOUBLE_EQ(s.parcels_per_unit(Unit::kContainer), 1500);
  EXPECT_DOUBLE_EQ(s.parcels_per_unit(Unit::kTruck), 800);
  EXPECT_DOUBLE_EQ(s.parcels_per_unit(Unit::kParcel), 1);
  ASSERT_EQ(s.variants.size(), 1u);
  EXPECT_EQ(s.variants[0].name, "demand-plus-40");
  ASSERT_EQ(s.variants[0].overrides.size(), 1u);
  EXPECT_EQ(s.variants[0].overrides[0].op, Override::Op::kScale);
  EXPECT_EQ(s.variants[0].overrides[0].yaml_line, 38);
}

TEST(LoadOkMinimal, InfoSummaryHandComputed) {
  const nlohmann::json j = info_json(load(fixture("ok_minimal")));
  EXPECT_EQ(j["scenario"], "minimal");
  EXPECT_EQ(j["counts"]["nodes"], 11);
  EXPECT_EQ(j["counts"]["crossings_usable"], 2);
  EXPECT_EQ(j["counts"]["calendars"], 2);
  EXPECT_EQ(j["counts"]["size_options"], 3);
  EXPECT_DOUBLE_EQ(j["demand"]["parcels_per_day"].get<double>(), 25000);
  EXPECT_DOUBLE_EQ(j["demand"]["parcels_per_year"].get<double>(), 25000.0 * 360);
  // Dostyk: 40 containers x 1500 = 60,000 gross, half used by other freight.
  EXPECT_DOUBLE_EQ(j["crossings"][0]["capacity_parcels_per_day_gross"].get<double>(), 60000);
  EXPECT_DOUBLE_EQ(j["crossings"][0]["capacity_parcels_per_day_net"].get<double>(), 30000);
  // Khorgos: 100 trucks x 800 = 80,000 gross, 25 % background.
  EXPECT_DOUBLE_EQ(j["crossings"][1]["capacity_parcels_per_day_net"].get<double>(), 60000);
  EXPECT_DOUBLE_EQ(j["capacity_by_mode"]["rail"]["parcels_per_day_net"].get<double>(), 30000);
  EXPECT_DOUBLE_EQ(j["capacity_by_mode"]["road"]["units_per_day"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(j["capacity_parcels_per_day_net"].get<double>(), 90000);
  EXPECT_EQ(j["warehouse_sites"][0]["sizes"].size(), 2u);
  EXPECT_EQ(j["warehouse_sites"][0]["name"], "Almaty warehouse");
  const std::string text = format_info(load(fixture("ok_minimal")));
  EXPECT_NE(text.find("25,000 parcels/day"), std::string::npos) << text;
  EXPECT_NE(text.find("9,000,000 parcels/year"), std::string::npos) << text;
  EXPECT_NE(summary_line(load(fixture("ok_minimal"))).find("demand 25,000 parcels/day"),
            std::string::npos);
}

TEST(LoadOkMinimal, FromMemoryEqualsFromDisk) {
  const Scenario a = load(fixture("ok_minimal"));
  const Scenario b = load_from_memory(read_folder("ok_minimal"));
  EXPECT_EQ(info_json(a).dump(), info_json(b).dump());
}

TEST(LoadUtf8BomCrlf, NamesQuotesAndLineEndsRoundTrip) {
  const Scenario s = load(fixture("ok_utf8_bom_crlf"));
  EXPECT_EQ(s.find_node("URUMQI_HUB")->name_local, "乌鲁木齐, Үрімжі");
  EXPECT_EQ(s.find_node("KHORGOS_KZ")->name_local, "\"Нұр Жолы\" (Қорғас)");
  EXPECT_EQ(s.find_node("ALMATY")->name_local, "Алматы");
  EXPECT_EQ(s.find_node("ALMATY")->name, "Almaty");  // no stray \r
  EXPECT_EQ(s.links[0].source, "estimate: 470 km, 12 h; \"fast\" train");
  EXPECT_EQ(s.calendars[0].note, "open around the clock,\nall year");
  EXPECT_EQ(s.nodes[0].id, "URUMQI_HUB");  // BOM stripped
  EXPECT_EQ(s.zones.back().source, "estimate: test fixture");
  EXPECT_NE(s.description.find("Қазақстан – 新疆"), std::string::npos);
  // Apart from names and quoting it is ok_minimal.
  nlohmann::json a = info_json(s);
  nlohmann::json b = info_json(load(fixture("ok_minimal")));
  for (auto* j : {&a, &b}) {
    j->erase("scenario");
    j->erase("description");
  }
  EXPECT_EQ(a.dump(), b.dump());
  // Records after a multi-line quoted field keep their physical line numbers.
  EXPECT_EQ(s.calendars[1].row.line, 4);
}

TEST(LoadVariants, BaseHasAPlannedCrossing) {
  const Scenario s = load(fixture("ok_variants"));
  const Crossing* b = s.find_crossing("BAKHTY_RAIL");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->status, CrossingStatus::kPlanned);
  EXPECT_EQ(b->opening_year, 2030);
  EXPECT_FALSE(s.crossing_usable(*b));
  EXPECT_EQ(s.variants.size(), 5u);
}

TEST(LoadVariants, ScaleMultipliesEveryZone) {
  const Scenario s = load(fixture("ok_variants"), "demand-plus-40");
  EXPECT_EQ(s.variant, "demand-plus-40");
  EXPECT_DOUBLE_EQ(s.find_zone("Z_ALMATY")->parcels_per_day, 16800);
  EXPECT_DOUBLE_EQ(s.find_zone("Z_ASTANA")->parcels_per_day, 11200);
  EXPECT_DOUBLE_EQ(s.find_zone("Z_SHYMKENT")->parcels_per_day, 7000);
}

TEST(LoadVariants, SetStatusAndAddRows) {
  const Scenario s = load(fixture("ok_variants"), "third-railway");
  const Crossing* b = s.find_crossing("BAKHTY_RAIL");
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(s.crossing_usable(*b));
  ASSERT_EQ(s.links.size(), 8u);
  EXPECT_EQ(s.links[6].id, "L7");
  EXPECT_EQ(s.links[6].from, "URUMQI_HUB");
  EXPECT_DOUBLE_EQ(s.links[6].distance.value(), 620);
  EXPECT_FALSE(s.links[6].capacity_per_day.has_value());
  EXPECT_EQ(s.links[6].row.file, "scenario.yaml");
  EXPECT_DOUBLE_EQ(s.links[7].capacity_per_day.value_or(-1), 25);
}

TEST(LoadVariants, RemoveRowsAndTheEventsThatNameThem) {
  const Scenario s = load(fixture("ok_variants"), "no-khorgos");
  EXPECT_EQ(s.find_crossing("KHORGOS_ROAD"), nullptr);
  EXPECT_EQ(s.crossings.size(), 2u);
  EXPECT_EQ(s.events.size(), 2u);
}

TEST(LoadVariants, ScaleLeavesUnlimitedUnlimited) {
  const Scenario s = load(fixture("ok_variants"), "dostyk-half");
  EXPECT_DOUBLE_EQ(s.find_crossing("DOSTYK_RAIL")->capacity_per_day, 20);
  EXPECT_FALSE(s.hubs[0].supply_cap_per_day.has_value());  // empty x 2 is still unlimited
  EXPECT_DOUBLE_EQ(s.hubs[1].supply_cap_per_day.value_or(-1), 5000);
}

TEST(LoadVariants, AddAndRemoveSitesClearAField) {
  const Scenario s = load(fixture("ok_variants"), "shymkent-site");
  ASSERT_EQ(s.sites.size(), 2u);
  EXPECT_EQ(s.sites[0].id, "ALA");
  EXPECT_EQ(s.sites[1].id, "SHY");
  EXPECT_DOUBLE_EQ(s.sites[1].sizes.at(0).capacity_per_day, 8000);
  EXPECT_EQ(s.find_site("AST"), nullptr);
  EXPECT_FALSE(s.find_zone("Z_SHYMKENT")->stocked_share.has_value());
}

TEST(LoadWarnings, UnknownColumnWarnsButLoads) {
  FileMap files = read_folder("ok_minimal");
  std::string& zones = files["zones.csv"];
  zones.replace(zones.find("source\n"), 7, "source,comment\n");
  // Add the extra field to every data row.
  std::string out;
  std::size_t pos = 0;
  bool header = true;
  while (pos < zones.size()) {
    const std::size_t nl = zones.find('\n', pos);
    std::string line = zones.substr(pos, nl - pos);
    out += line + (header ? "" : ",note") + "\n";
    header = false;
    pos = nl + 1;
  }
  files["zones.csv"] = out;
  const Scenario s = load_from_memory(files);
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].code, ErrorCode::kUnknownColumn);
  EXPECT_EQ(s.warnings[0].field, "comment");
  EXPECT_EQ(s.warnings[0].line, 1);
  EXPECT_EQ(s.zones.size(), 3u);
}

TEST(LoadWarnings, HubOnANonHubNodeWarns) {
  FileMap files = read_folder("ok_minimal");
  std::string& nodes = files["nodes.csv"];
  nodes.replace(nodes.find("Kashgar,,hub"), 12, "Kashgar,,city");
  const Scenario s = load_from_memory(files);
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].code, ErrorCode::kWrongNodeKind);
  EXPECT_EQ(s.warnings[0].file, "hubs.csv");
  EXPECT_EQ(s.warnings[0].line, 3);
}

TEST(LoadErrors, OverrideNamingNothingIsReportedEvenForTheBase) {
  FileMap files = read_folder("ok_minimal");
  files["scenario.yaml"] +=
      "  bad:\n    overrides:\n      - {table: hubs, id: LHASA, remove: true}\n";
  const auto errors = errors_of(files);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::kOverrideTargetMissing);
  EXPECT_EQ(errors[0].line, 41);
  EXPECT_EQ(errors[0].field, "variants.bad.overrides[0].id");
}

TEST(LoadErrors, MissingTableInMemory) {
  FileMap files = read_folder("ok_minimal");
  files.erase("links.csv");
  const auto errors = errors_of(files);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, ErrorCode::kMissingFile);
  EXPECT_EQ(errors[0].field, "tables.links");
}

TEST(LoadErrors, AddedRowIsValidatedAtItsYamlLine) {
  FileMap files = read_folder("ok_minimal");
  files["scenario.yaml"] +=
      "  more:\n    overrides:\n"
      "      - {table: hubs, add: {id: X, node: NOWHERE, source: s}}\n";
  const auto errors = errors_of(files, "more");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::kUnknownReference);
  EXPECT_EQ(errors[0].file, "scenario.yaml");
  EXPECT_EQ(errors[0].line, 41);
  EXPECT_EQ(errors[0].field, "node");
}

TEST(LoadErrors, NoEventsTableIsFine) {
  FileMap files = read_folder("ok_minimal");
  files.erase("events.csv");
  std::string& y = files["scenario.yaml"];
  y.erase(y.find("  events: events.csv\n"), 21);
  EXPECT_TRUE(load_from_memory(files).events.empty());
}

namespace d = detail;

TEST(Values, Numbers) {
  double v = 0;
  EXPECT_EQ(d::parse_number("1e3", v), d::NumberStatus::kOk);
  EXPECT_DOUBLE_EQ(v, 1000);
  EXPECT_EQ(d::parse_number(" +2.5 ", v), d::NumberStatus::kOk);
  EXPECT_DOUBLE_EQ(v, 2.5);
  EXPECT_EQ(d::parse_number("-0.125", v), d::NumberStatus::kOk);
  EXPECT_DOUBLE_EQ(v, -0.125);
  EXPECT_EQ(d::parse_number("1e-999", v), d::NumberStatus::kOk);
  EXPECT_EQ(d::parse_number("1e999", v), d::NumberStatus::kNonFinite);
  EXPECT_EQ(d::parse_number("inf", v), d::NumberStatus::kNonFinite);
  EXPECT_EQ(d::parse_number("NaN", v), d::NumberStatus::kNonFinite);
  EXPECT_EQ(d::parse_number("-.inf", v), d::NumberStatus::kNonFinite);
  for (const char* bad : {"", "-", "+", "1,5", "0x10", "1.2.3", "5 km", "++1", "e5"})
    EXPECT_EQ(d::parse_number(bad, v), d::NumberStatus::kNotNumber) << bad;
}

TEST(Values, IntegersBooleansDates) {
  long long i = 0;
  EXPECT_TRUE(d::parse_integer("2030", i));
  EXPECT_EQ(i, 2030);
  EXPECT_FALSE(d::parse_integer("2.5", i));
  EXPECT_FALSE(d::parse_integer("99999999999999999999", i));
  EXPECT_EQ(d::parse_bool("Yes"), true);
  EXPECT_EQ(d::parse_bool("0"), false);
  EXPECT_FALSE(d::parse_bool("maybe").has_value());
  EXPECT_TRUE(d::valid_iso_date("2024-02-29"));
  EXPECT_FALSE(d::valid_iso_date("2023-02-29"));
  EXPECT_TRUE(d::valid_iso_date("2000-02-29"));
  EXPECT_FALSE(d::valid_iso_date("1900-02-29"));
  EXPECT_FALSE(d::valid_iso_date("2024-13-01"));
  EXPECT_FALSE(d::valid_iso_date("2024-4-01"));
  EXPECT_FALSE(d::valid_iso_date("2024-04-31"));
}

TEST(Values, BoundsAndFormatting) {
  EXPECT_TRUE(d::Bounds::closed_open(0, 1).contains(0));
  EXPECT_FALSE(d::Bounds::closed_open(0, 1).contains(1));
  EXPECT_FALSE(d::Bounds::above(0).contains(0));
  EXPECT_EQ(d::Bounds::closed_open(0, 1).describe(), "in [0, 1)");
  EXPECT_EQ(d::Bounds::at_least(0).describe(), ">= 0");
  EXPECT_EQ(d::format_number(1.4 * 12000), "16800");
  EXPECT_EQ(d::format_number(0.1), "0.1");
}

TEST(ToString, Enums) {
  EXPECT_EQ(to_string(Mode::kRail), "rail");
  EXPECT_EQ(to_string(Country::kCN), "CN");
  EXPECT_EQ(to_string(NodeKind::kWarehouseSite), "warehouse_site");
  EXPECT_EQ(to_string(CrossingStatus::kPlanned), "planned");
  EXPECT_EQ(to_string(Unit::kParcel), "parcel");
}

}  // namespace
}  // namespace corridor::scenario

namespace corridor::scenario {
namespace {

// The shipped default scenario must load cleanly, base and every variant.
TEST(DefaultScenario, LoadsWithEveryVariantAndNoWarnings) {
  const std::string folder = std::string(CORRIDOR_DATA_DIR) + "/scenarios/kz-xj";
  const Scenario base = load(folder);
  EXPECT_TRUE(base.warnings.empty());
  EXPECT_GT(base.total_demand_per_day(), 0.0);
  for (const auto& v : base.variants) {
    SCOPED_TRACE(v.name);
    const Scenario s = load(folder, v.name);
    EXPECT_EQ(s.variant, v.name);
    EXPECT_TRUE(s.warnings.empty());
  }
}

}  // namespace
}  // namespace corridor::scenario

namespace corridor::scenario {
namespace {

// The optional name_ru / name_kk / name_zh columns: read as written, shown per language
// with a fallback to `name`, and a name in the wrong script warned about at its cell.
FileMap with_local_names(const std::string& ru, const std::string& kk, const std::string& zh) {
  FileMap files = testing::read_fixture_files("ok_minimal");
  std::string& nodes = files.at("nodes.csv");
  const auto eol = nodes.find('\n');
  nodes = "id,name,name_ru,name_kk,name_zh" +
          nodes.substr(nodes.find(",name_local"), eol - nodes.find(",name_local")) +
          nodes.substr(eol);
  // Every data row gains three empty cells after its name, but Urumqi gets the names.
  std::string out;
  std::size_t pos = 0;
  bool header = true;
  while (pos < nodes.size()) {
    const auto end = nodes.find('\n', pos);
    std::string line = nodes.substr(pos, end - pos);
    pos = end == std::string::npos ? nodes.size() : end + 1;
    if (!header && !line.empty()) {
      const auto second = line.find(',', line.find(',') + 1);
      const bool urumqi = line.rfind("URUMQI_HUB,", 0) == 0;
      line.insert(second, urumqi ? "," + ru + "," + kk + "," + zh : ",,,");
    }
    header = false;
    out += line + "\n";
  }
  nodes = out;
  return files;
}

TEST(LocalNames, ReadAndShownPerLanguageWithFallback) {
  const Scenario s = load_from_memory(with_local_names("Урумчи", "Үрімші", "乌鲁木齐"));
  const Node* u = s.find_node("URUMQI_HUB");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->names.ru, "Урумчи");
  EXPECT_EQ(u->names.kk, "Үрімші");
  EXPECT_EQ(u->names.zh, "乌鲁木齐");
  EXPECT_EQ(name_in(u->name, u->names, core::Lang::kKk), "Үрімші");
  EXPECT_EQ(name_in(u->name, u->names, core::Lang::kZh), "乌鲁木齐");
  EXPECT_EQ(name_in(u->name, u->names, core::Lang::kEn), "Urumqi");
  const Node* k = s.find_node("KASHGAR_HUB");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(name_in(k->name, k->names, core::Lang::kRu), "Kashgar");  // empty: fallback
  EXPECT_TRUE(s.warnings.empty());
}

TEST(LocalNames, WrongScriptIsAWarningAtItsCell) {
  const Scenario s = load_from_memory(with_local_names("乌鲁木齐", "Urumqi", "Урумчи"));
  std::vector<std::string> fields;
  for (const auto& w : s.warnings) {
    EXPECT_EQ(w.code, ErrorCode::kDubiousValue);
    EXPECT_EQ(w.line, 2);
    fields.push_back(w.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"name_ru", "name_kk", "name_zh"}));
}

TEST(LocalNames, ChangeTheFingerprint) {
  const auto a = fingerprint(load_from_memory(with_local_names("Урумчи", "", "")));
  const auto b = fingerprint(load_from_memory(with_local_names("Урумчи", "Үрімші", "")));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace corridor::scenario
