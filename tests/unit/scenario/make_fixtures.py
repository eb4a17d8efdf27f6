#!/usr/bin/env python3
"""Regenerates tests/data/bad_* and the derived ok_* fixtures from tests/data/ok_minimal.

Each bad_<defect> folder is a full copy of ok_minimal with exactly the edit listed
here (so a reader sees the defect in one line), except bad_multi which combines a
few. The expected code / file / line / field of each lives in
tests/unit/scenario/fixtures_test.cpp, written by hand from ok_minimal's line numbers.

Run from the repository root: python3 tests/unit/scenario/make_fixtures.py
"""

import os
import shutil
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
BASE = os.path.join(ROOT, "ok_minimal")


def read_base():
    files = {}
    for name in sorted(os.listdir(BASE)):
        with open(os.path.join(BASE, name), "rb") as f:
            files[name] = f.read().decode("utf-8")
    return files


def replace(file, old, new):
    """Replace the one occurrence of `old` in `file`."""
    def edit(files):
        text = files[file]
        if text.count(old) != 1:
            sys.exit(f"{file}: expected one occurrence of {old!r}, found {text.count(old)}")
        files[file] = text.replace(old, new)
    return edit


def delete(file):
    def edit(files):
        del files[file]
    return edit


def write(file, text):
    def edit(files):
        files[file] = text
    return edit


def directory(file):
    """Make `file` a directory (an unreadable table)."""
    def edit(files):
        files[file] = None
    return edit


HEADER_CROSSINGS = ("id,name,mode,cn_node,kz_node,capacity_per_day,unit,background_share,"
                    "processing_hours,fee_per_unit,gauge_change,transshipment_hours,"
                    "transshipment_cost_per_unit,servers,inspection_probability,inspection_hours,"
                    "status,opening_year,calendar,source")
DOSTYK = ("DOSTYK_RAIL,Alashankou-Dostyk rail,rail,ALASHANKOU,DOSTYK,40,container,0.5,12,150,yes,"
          "6,200,2,0.1,8,operating,,ALWAYS,")
KHORGOS = ("KHORGOS_ROAD,Khorgos-Nur Zholy road,road,KHORGOS_CN,KHORGOS_KZ,100,truck,0.25,4,50,no,"
           "0,0,4,0.2,6,operating,,WEEKDAYS,")
OVERRIDE = '{table: zones, id: "*", field: parcels_per_day, scale: 1.4}'

BAD = {
    # 1xx files and syntax
    "bad_missing_manifest": [delete("scenario.yaml")],
    "bad_missing_table_file": [delete("zones.csv")],
    "bad_unreadable_table": [directory("hubs.csv")],
    "bad_malformed_yaml": [replace("scenario.yaml", "  time: hours\n", "  time: [hours\n")],
    "bad_yaml_not_mapping": [write("scenario.yaml", "- just\n- a list\n")],
    "bad_yaml_duplicate_key": [replace("scenario.yaml", "base_year: 2026\n",
                                       "base_year: 2026\ncurrency: EUR\n")],
    "bad_csv_unterminated_quote": [replace("links.csv", "L3,KASHGAR_HUB,KHORGOS_CN",
                                           'L3,"KASHGAR_HUB,KHORGOS_CN')],
    "bad_csv_field_count": [replace("nodes.csv", "KASHGAR_HUB,Kashgar,,hub,CN,",
                                    "KASHGAR_HUB,Kashgar,,,hub,CN,")],
    "bad_empty_table": [write("hubs.csv", "id,node,supply_cap_per_day,source\n")],
    "bad_empty_file": [write("calendars.csv", "")],
    "bad_missing_column": [replace("crossings.csv", ",servers,", ",lanes,")],
    "bad_duplicate_column": [replace("zones.csv", "growth_per_year", "node")],
    "bad_missing_manifest_field": [replace("scenario.yaml", "parcels_per_truck: 800\n", "")],
    # 2xx values
    "bad_wrong_type_number": [replace("crossings.csv", DOSTYK,
                                      DOSTYK.replace(",40,", ",forty,"))],
    "bad_non_finite": [replace("links.csv", "L4,DOSTYK,ALMATY_WH,rail,850,",
                               "L4,DOSTYK,ALMATY_WH,rail,NaN,")],
    "bad_negative_capacity": [replace("crossings.csv", KHORGOS, KHORGOS.replace(",100,", ",-5,"))],
    "bad_latitude_range": [replace("nodes.csv", "ASTANA_WH,Astana warehouse,,warehouse_site,KZ,51.13",
                                   "ASTANA_WH,Astana warehouse,,warehouse_site,KZ,95.13")],
    "bad_background_share": [replace("crossings.csv", DOSTYK,
                                     DOSTYK.replace("container,0.5,", "container,1,"))],
    "bad_mode_enum": [replace("crossings.csv", KHORGOS, KHORGOS.replace(",road,", ",ship,"))],
    "bad_country_enum": [replace("nodes.csv", "ASTANA,Astana,,zone,KZ", "ASTANA,Astana,,zone,RU")],
    "bad_empty_required": [replace("zones.csv", "Z_ASTANA,ASTANA,", "Z_ASTANA,,")],
    "bad_empty_source": [replace("hubs.csv", "KASHGAR,KASHGAR_HUB,5000,estimate: test fixture",
                                 "KASHGAR,KASHGAR_HUB,5000,")],
    "bad_date": [replace("events.csv", "CLOSE_KHORGOS,closure,KHORGOS_ROAD,2026-02-10",
                         "CLOSE_KHORGOS,closure,KHORGOS_ROAD,2026-02-30")],
    "bad_units_yaml": [replace("scenario.yaml", "  distance: km\n", "  distance: miles\n")],
    "bad_unit_mode_mismatch": [replace("crossings.csv", DOSTYK,
                                       DOSTYK.replace(",container,", ",truck,"))],
    "bad_servers_not_integer": [replace("crossings.csv", DOSTYK,
                                        DOSTYK.replace(",200,2,", ",200,2.5,"))],
    "bad_boolean": [replace("crossings.csv", DOSTYK, DOSTYK.replace(",yes,", ",maybe,"))],
    "bad_planning_days": [replace("scenario.yaml", "planning_days_per_year: 360",
                                  "planning_days_per_year: 400")],
    "bad_yaml_wrong_type": [replace("scenario.yaml", "parcels_per_container: 1500",
                                    "parcels_per_container: [1500]")],
    "bad_currency": [replace("scenario.yaml", "currency: USD", "currency: usd")],
    "bad_calendar_hours": [replace("calendars.csv", "Mon;Tue;Wed;Thu;Fri,9,18",
                                   "Mon;Tue;Wed;Thu;Fri,18,9")],
    "bad_calendar_days": [replace("calendars.csv", "Mon;Tue;Wed;Thu;Fri", "Mon;Funday")],
    "bad_growth": [replace("zones.csv", "Z_ASTANA,ASTANA,8000,0.15", "Z_ASTANA,ASTANA,8000,-1")],
    "bad_event_date_order": [replace("events.csv", "2026-03-01,2026-03-05", "2026-03-05,2026-03-01")],
    "bad_invalid_utf8": [replace("nodes.csv", "SHYMKENT,Shymkent,,", "SHYMKENT,Shym\udcffkent,,")],
    # 3xx references and structure
    "bad_duplicate_id": [replace("links.csv", "L5,KHORGOS_KZ", "L4,KHORGOS_KZ")],
    "bad_duplicate_site_size": [replace("warehouse_sites.csv", "ALA,ALMATY_WH,M,", "ALA,ALMATY_WH,S,")],
    "bad_unknown_node": [replace("links.csv", "L5,KHORGOS_KZ", "L5,KHORGOS_XX")],
    "bad_unknown_calendar": [replace("crossings.csv", ",WEEKDAYS,", ",NIGHTS,")],
    "bad_unknown_event_target": [replace("events.csv", "closure,KHORGOS_ROAD", "closure,NOPE_ROAD")],
    "bad_same_country_crossing": [replace("crossings.csv", "KHORGOS_CN,KHORGOS_KZ", "KHORGOS_CN,ALASHANKOU")],
    "bad_no_supply_path": [replace("links.csv",
                                   "L4,DOSTYK,ALMATY_WH,rail,850,20,700,container,,estimate: test fixture\n"
                                   "L5,KHORGOS_KZ,ALMATY_WH,road,330,5,250,truck,,estimate: test fixture\n"
                                   "L6,DOSTYK,ASTANA_WH,rail,1300,30,900,container,,estimate: test fixture\n",
                                   "")],
    "bad_all_crossings_closed": [replace("crossings.csv", DOSTYK, DOSTYK.replace(",operating,", ",closed,")),
                                 replace("crossings.csv", KHORGOS, KHORGOS.replace(",operating,", ",planned,"))],
    "bad_hub_wrong_country": [replace("hubs.csv", "KASHGAR,KASHGAR_HUB,", "KASHGAR,ASTANA_WH,")],
    "bad_link_crosses_border": [replace("links.csv", "L2,URUMQI_HUB,KHORGOS_CN", "L2,URUMQI_HUB,KHORGOS_KZ")],
    "bad_site_existing_conflict": [replace("warehouse_sites.csv", "1800000,0.25,no", "1800000,0.25,yes")],
    # 4xx variants
    "bad_override_unknown_id": [replace("scenario.yaml", OVERRIDE, OVERRIDE.replace('"*"', "Z_NOWHERE"))],
    "bad_override_unknown_field": [replace("scenario.yaml", OVERRIDE,
                                           OVERRIDE.replace("parcels_per_day", "parcels"))],
    "bad_override_unknown_table": [replace("scenario.yaml", OVERRIDE, OVERRIDE.replace("zones", "zonez"))],
    "bad_override_two_ops": [replace("scenario.yaml", OVERRIDE, OVERRIDE.replace("}", ", set: 5}"))],
    "bad_override_bad_value": [replace("scenario.yaml", "      - " + OVERRIDE + "\n",
                                       "      - " + OVERRIDE + "\n"
                                       "  open-khorgos-rail:\n"
                                       "    overrides:\n"
                                       "      - {table: crossings, id: KHORGOS_ROAD, field: status, set: opened}\n")],
    # Several defects in several files: all must be reported in one run.
    "bad_multi": [replace("crossings.csv", KHORGOS, KHORGOS.replace(",100,", ",-5,")),
                  replace("links.csv", "L5,KHORGOS_KZ", "L5,KHORGOS_XX"),
                  replace("zones.csv", "Z_ASTANA,ASTANA,8000,", "Z_ASTANA,ASTANA,lots,"),
                  write("hubs.csv", "id,node,supply_cap_per_day,source,colour\n"
                                    "URUMQI,URUMQI_HUB,,estimate: test fixture,red\n"
                                    "KASHGAR,KASHGAR_HUB,5000,estimate: test fixture,blue\n"),
                  replace("scenario.yaml", "planning_days_per_year: 360", "planning_days_per_year: 0")],
}


def to_utf8_bom_crlf(files):
    """ok_utf8_bom_crlf: BOM + CRLF, Kazakh/Chinese names, quoted commas and quotes."""
    local = {
        "URUMQI_HUB,Urumqi,,": 'URUMQI_HUB,Urumqi,"乌鲁木齐, Үрімжі",',
        "KASHGAR_HUB,Kashgar,,": "KASHGAR_HUB,Kashgar,喀什,",
        "ALASHANKOU,Alashankou,,": "ALASHANKOU,Alashankou,阿拉山口,",
        "DOSTYK,Dostyk,,": "DOSTYK,Dostyk,Достық,",
        "KHORGOS_KZ,Nur Zholy,,": 'KHORGOS_KZ,Nur Zholy,"""Нұр Жолы"" (Қорғас)",',
        "ALMATY,Almaty,,": "ALMATY,Almaty,Алматы,",
        "ASTANA,Astana,,": "ASTANA,Astana,Астана,",
        "SHYMKENT,Shymkent,,": "SHYMKENT,Shymkent,Шымкент,",
    }
    for old, new in local.items():
        replace("nodes.csv", old, new)(files)
    replace("links.csv", "L1,URUMQI_HUB,ALASHANKOU,rail,470,12,600,container,,estimate: test fixture",
            'L1,URUMQI_HUB,ALASHANKOU,rail,470,12,600,container,,'
            '"estimate: 470 km, 12 h; ""fast"" train"')(files)
    replace("calendars.csv", "open around the clock", '"open around the clock,\nall year"')(files)
    replace("scenario.yaml", "name: minimal", "name: utf8-bom-crlf")(files)
    replace("scenario.yaml", "description: Two hubs",
            "description: Қазақстан – 新疆 corridor fixture. Two hubs")(files)
    for name in list(files):
        text = files[name].replace("\n", "\r\n")
        if name.endswith(".csv"):
            text = "\ufeff" + text
        files[name] = text
    files[".gitattributes"] = "* -text\n"  # keep the CRLF line ends byte for byte


def to_variants(files):
    """ok_variants: a planned third railway and variants using set, scale, add, remove."""
    replace("nodes.csv", "SHYMKENT,Shymkent,,zone,KZ,42.32,69.59,estimate: test fixture\n",
            "SHYMKENT,Shymkent,,zone,KZ,42.32,69.59,estimate: test fixture\n"
            "TACHENG,Tacheng,塔城,crossing,CN,46.75,82.98,estimate: test fixture\n"
            "BAKHTY,Bakhty,Бақты,crossing,KZ,46.70,82.70,estimate: test fixture\n"
            "SHYMKENT_WH,Shymkent warehouse,,warehouse_site,KZ,42.36,69.65,estimate: test fixture\n")(files)
    files["crossings.csv"] += (
        "BAKHTY_RAIL,Tacheng-Bakhty rail,rail,TACHENG,BAKHTY,30,container,0,10,150,yes,6,200,1,"
        "0.1,8,planned,2030,ALWAYS,estimate: test fixture\n")
    replace("scenario.yaml", "name: minimal", "name: variants")(files)
    replace("scenario.yaml", "      - " + OVERRIDE + "\n",
            "      - " + OVERRIDE + "\n"
            "  third-railway:\n"
            "    description: Tacheng-Bakhty railway open, with its feeder and onward links\n"
            "    overrides:\n"
            "      - {table: crossings, id: BAKHTY_RAIL, field: status, set: operating}\n"
            "      - table: links\n"
            "        add: {id: L7, from: URUMQI_HUB, to: TACHENG, mode: rail, distance_km: 620,\n"
            "              hours: 14, cost_per_unit: 650, unit: container,\n"
            "              source: \"estimate: test fixture\"}\n"
            "      - table: links\n"
            "        add: {id: L8, from: BAKHTY, to: ASTANA_WH, mode: rail, distance_km: 1100,\n"
            "              hours: 26, cost_per_unit: 800, unit: container, capacity_per_day: 25,\n"
            "              source: \"estimate: test fixture\"}\n"
            "  no-khorgos:\n"
            "    description: Khorgos road closed for good (its closure event goes too)\n"
            "    overrides:\n"
            "      - {table: crossings, id: KHORGOS_ROAD, remove: true}\n"
            "      - {table: events, id: CLOSE_KHORGOS, remove: true}\n"
            "  dostyk-half:\n"
            "    overrides:\n"
            "      - {table: crossings, id: DOSTYK_RAIL, field: capacity_per_day, scale: 0.5}\n"
            "      - {table: hubs, id: URUMQI, field: supply_cap_per_day, scale: 2}\n"
            "  shymkent-site:\n"
            "    description: A candidate site in Shymkent, reached by road from Almaty\n"
            "    overrides:\n"
            "      - table: warehouse_sites\n"
            "        add: {site: SHY, node: SHYMKENT_WH, size: S, capacity_per_day: 8000,\n"
            "              fixed_cost_per_year: 500000, handling_cost_per_parcel: 0.3,\n"
            "              existing: no, source: \"estimate: test fixture\"}\n"
            "      - {table: zones, id: Z_SHYMKENT, field: stocked_share, set: \"\"}\n"
            "      - {table: warehouse_sites, id: AST, remove: true}\n")(files)


def emit(name, files):
    path = os.path.join(ROOT, name)
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    for fname, text in sorted(files.items()):
        target = os.path.join(path, fname)
        if text is None:
            os.makedirs(target)
            with open(os.path.join(target, "README"), "w") as f:
                f.write("A directory where a table file is expected (unreadable table).\n")
            continue
        with open(target, "wb") as f:
            f.write(text.encode("utf-8", "surrogateescape"))


def main():
    base = read_base()
    for name, edits in BAD.items():
        files = dict(base)
        for e in edits:
            e(files)
        emit(name, files)
    for name, fn in {"ok_utf8_bom_crlf": to_utf8_bom_crlf, "ok_variants": to_variants}.items():
        files = dict(base)
        fn(files)
        emit(name, files)
    print(f"{len(BAD)} bad fixtures, 2 derived ok fixtures")


if __name__ == "__main__":
    main()
