#!/usr/bin/env python3
"""End-to-end tests of the corridor CLI: every command run as a user runs it, on the
default scenario and on small fixtures, and every bad input of the contracts (a plan
of another variant or scenario, files that are not plans, a read-only or full output
folder) checked for its code, its exit status and that nothing was written.

Usage: cli_e2e.py CORRIDOR_BIN REPO_DIR CASE      (CASE = list: print the case names)
Each case is one CTest. Exit 0 pass, 1 fail, 77 skip (only outside CI, only for the
cases that need mount namespaces)."""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

BIN, REPO = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ("", "")
KZ = os.path.join(REPO, "data", "scenarios", "kz-xj")
MINIMAL = os.path.join(REPO, "tests", "data", "ok_minimal")
VARIANTS = os.path.join(REPO, "tests", "data", "ok_variants")
SHORT_SIM = ["--days", "5", "--warmup", "2", "--replications", "1", "--quiet"]
CASES = {}


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def run(*args, cwd=None, expect=0):
    p = subprocess.run([BIN, *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    if expect is not None and p.returncode != expect:
        raise Failure(f"corridor {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
                      f"stdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def check(cond, what):
    if not cond:
        raise Failure(what)


def load_json_text(text):
    return json.loads(text)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def tree_digest(folder):
    """name -> sha256 of every file below `folder` (what 'nothing written' compares)."""
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return out


def expect_error(p, code, exit_code=3, text=None):
    check(p.returncode == exit_code, f"exit {p.returncode}, expected {exit_code}\n{p.stderr}")
    check(f"[{code}]" in p.stderr, f"expected {code} on stderr, got:\n{p.stderr}")
    if text is not None:
        check(text in p.stderr, f"expected {text!r} on stderr, got:\n{p.stderr}")


def header_ok(doc, schema, scenario, variant):
    check(doc.get("schema") == schema, f"schema {doc.get('schema')!r}, expected {schema!r}")
    check(doc.get("scenario") == scenario, f"scenario {doc.get('scenario')!r}")
    check(doc.get("variant") == variant, f"variant {doc.get('variant')!r}")
    fp = doc.get("scenario_fingerprint", "")
    check(fp.startswith("sha256:") and len(fp) == 71, f"fingerprint {fp!r}")
    check(isinstance(doc.get("corridor_version"), str) and doc["corridor_version"],
          "corridor_version")


# ---------------------------------------------------------------- every command works


@case
def validate_and_info(tmp):
    run("validate", KZ, "--all-variants")
    p = run("validate", os.path.join(REPO, "tests", "data", "bad_multi"), expect=None)
    for code in ("E203", "E302", "E201"):  # every error at once
        expect_error(p, code, 3)
    info = json.loads(run("info", KZ, "--json").stdout)
    check(info["scenario"] == "kz-xj", f"info names the scenario: {info.get('scenario')}")
    check("kz-xj" in run("info", KZ).stdout, "info text names the scenario")


@case
def plan_report_in_kazakh(tmp):
    """--lang kk: the plan's report is in Kazakh; simulate keeps that language; a bad --lang is refused."""
    out = os.path.join(tmp, "out")
    run("plan", KZ, "--out", out, "--lang", "kk")
    path = os.path.join(out, "report.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    check('<html lang="kk">' in html, "html lang is kk")
    # Headings a Kazakh reader expects, written here by hand.
    for kk in ("Желі және ағындар", "Ашық қоймалар", "Шекара өткелдері", "Сұраныс аймақтары",
               "Модельдеу", "Жылдық жалпы шығын"):
        check(kk in html, f"Kazakh heading {kk}")
    for en in ("Network and flows", "Open warehouses", "Border crossings", "Demand zones",
               "Total annual cost", "No simulation results were given"):
        check(en not in html, f"no English {en}")
    data = html.split('id="corridor-data">', 1)[1].split("</script>", 1)[0]
    page = json.loads(data)
    check(page["report"]["lang"] == "kk", "data block names the language")
    check(page["phrases"]["warehouse"] == "Қойма {}", "the JS words are Kazakh")
    run("simulate", KZ, "--plan", os.path.join(out, "plan.json"), "--out", out, *SHORT_SIM)
    with open(path, encoding="utf-8") as f:
        html = f.read()
    check('<html lang="kk">' in html and "Модельдеу" in html, "simulate kept the report in Kazakh")
    check("Simulation" not in html.split("<main>", 1)[1].split("<script", 1)[0], "no English section")
    bad = run("plan", KZ, "--out", os.path.join(tmp, "bad"), "--lang", "de", expect=2)
    check("--lang" in bad.stderr, bad.stderr)
    check(not os.path.exists(os.path.join(tmp, "bad")), "nothing written for a bad --lang")


@case
def plan_simulate_report_default(tmp):
    """The main job: plan, simulate into the same folder, the report gains the section."""
    out = os.path.join(tmp, "out")
    run("plan", KZ, "--out", out)
    plan = load(os.path.join(out, "plan.json"))
    header_ok(plan, "corridor.plan/3", "kz-xj", "")
    check(plan["status"] == "optimal", f"status {plan['status']}")
    check(plan["gap"] <= plan["requested_gap"] + 1e-12, "optimal within the requested gap")
    for f in ("warehouses.csv", "crossings.csv", "flows.csv", "zones.csv", "unmet.csv"):
        check(os.path.exists(os.path.join(out, f)), f)
    with open(os.path.join(out, "flows.csv"), encoding="utf-8") as f:
        check(sum(1 for _ in f) == len(plan["flows"]) + 1, "flows.csv has a row per flow")
    no_sim = "No simulation results were given"
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        check(no_sim in f.read(), "the plan's report has no simulation yet")
    p = run("simulate", KZ, "--plan", os.path.join(out, "plan.json"), "--out", out, *SHORT_SIM)
    check("report.html (with the simulation section)" in p.stdout, p.stdout)
    sim = load(os.path.join(out, "sim.json"))
    header_ok(sim, "corridor.sim/2", "kz-xj", "")
    check(sim["scenario_fingerprint"] == plan["scenario_fingerprint"], "same scenario")
    for run_ in sim["replications"]:
        o = run_["orders"]
        states = sum(v for k, v in o.items() if k != "created")
        check(states == o["created"], f"every order accounted for: {o}")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        html = f.read()
    check(no_sim not in html and "Warehouses under simulation" in html,
          "the report gained its simulation section")
    # The plan written is still the one simulated; nothing else was touched.
    check(load(os.path.join(out, "plan.json")) == plan, "plan.json unchanged by simulate")


@case
def plan_congestion_default(tmp):
    """plan --congestion on the default scenario: proven within its gap, a queue per used
    crossing whose wait is at least the wait for the opening, servers below saturation,
    and the waiting cost inside the objective."""
    out = os.path.join(tmp, "out")
    run("plan", KZ, "--congestion", "--out", out)
    plan = load(os.path.join(out, "plan.json"))
    check(plan["status"] == "optimal", f"status {plan['status']}")
    check(plan["gap"] <= plan["requested_gap"] + 1e-12, "optimal within the requested gap")
    cg = plan["congestion"]
    check(cg["value_of_time_per_parcel_hour"] > 0, "the scenario prices waiting")
    used = [x for x in cg["crossings"] if x["flow_parcels_per_day"] > 0]
    check(len(used) >= 2, f"several crossings used: {used}")
    for x in used:
        parts = x["closure_wait_hours"] + x["backlog_wait_hours"]
        check(x["predicted_wait_hours"] >= parts - 1e-9, f"wait has its parts: {x}")
        check(0 < x["utilisation"] < 1, f"below saturation: {x}")
        check(x["flow_parcels_per_day"] <= x["max_flow_parcels_per_day"] * (1 + 1e-9), str(x))
    check(abs(sum(x["wait_cost_per_year"] for x in cg["crossings"]) - cg["wait_cost_per_year"])
          <= 1e-6 * max(1.0, cg["wait_cost_per_year"]), "wait costs add up")
    check(all(not z["late"] for z in plan["zones"]), "every zone within its promise")


def open_set(plan_or_alternative):
    return frozenset((w["site"], w["size"]) for w in plan_or_alternative["warehouses"])


def forced_copy(tmp, name, sites):
    """A copy of the default scenario whose only warehouse rows are `sites` (site, size),
    each existing (forced open): its plan is the cost of exactly that open set."""
    folder = os.path.join(tmp, name)
    shutil.copytree(KZ, folder)
    path = os.path.join(folder, "warehouse_sites.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0].keys())
    kept = [dict(r, existing="yes") for r in rows if (r["site"], r["size"]) in sites]
    check(len(kept) == len(sites), f"every site of {sorted(sites)} is in the scenario")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(kept)
    return folder


@case
def plan_alternatives_default(tmp):
    """plan --alternatives 3 on the default scenario: three plans, costs non-decreasing,
    distinct open sets, and each alternative's cost is the cost of `corridor plan` re-run
    on a copy of the scenario whose only warehouses are that alternative's, forced open
    at its sizes (an independent solve of that one open set)."""
    out = os.path.join(tmp, "out")
    p = run("plan", KZ, "--alternatives", "3", "--threads", "2", "--out", out)
    plan = load(os.path.join(out, "plan.json"))
    header_ok(plan, "corridor.plan/3", "kz-xj", "")
    check(plan["status"] == "optimal", f"status {plan['status']}")
    alts = plan["alternatives"]
    check(len(alts) == 2, f"2 alternatives besides the best, got {len(alts)}")
    costs = [plan["objective"]] + [a["objective"] for a in alts]
    check(all(a <= b + 1e-9 * max(1.0, abs(b)) for a, b in zip(costs, costs[1:])),
          f"costs non-decreasing: {costs}")
    sets = [open_set(plan)] + [open_set(a) for a in alts]
    check(len(set(sets)) == len(sets), f"distinct open sets: {sets}")
    check([a["rank"] for a in alts] == [2, 3], "ranks 2, 3")
    best_sites = {w["site"] for w in plan["warehouses"]}
    for a in alts:
        gap = (a["objective"] - plan["objective"]) / max(1.0, abs(plan["objective"]))
        check(abs(a["gap_to_best"] - gap) <= 1e-12, f"gap_to_best of rank {a['rank']}")
        sites = {w["site"] for w in a["warehouses"]}
        check(sorted(sites - best_sites) == a["sites_opened"], f"sites_opened {a}")
        check(sorted(best_sites - sites) == a["sites_closed"], f"sites_closed {a}")
    table = p.stdout[p.stdout.find("the 3 best plans"):]
    check("the 3 best plans" in p.stdout and "rank" in table, f"summary table:\n{p.stdout}")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        html = f.read()
    check(html.count("<tr data-rank=") == 3, "the report's alternatives table has 3 rows")
    for a in alts:
        check(a["warehouses"], f"rank {a['rank']} opens warehouses")
        folder = forced_copy(tmp, f"forced{a['rank']}", open_set(a))
        forced_out = os.path.join(tmp, f"forced{a['rank']}-out")
        run("plan", folder, "--out", forced_out)
        forced = load(os.path.join(forced_out, "plan.json"))
        check(open_set(forced) == open_set(a), "the forced plan opens that set")
        check(abs(forced["objective"] - a["objective"]) <= 1e-6 * max(1.0, abs(a["objective"])),
              f"rank {a['rank']}: {a['objective']} vs forced re-run {forced['objective']}")


@case
def plan_alternatives_bad_options(tmp):
    """--alternatives out of 1..50, with --single-sourcing or --congestion, and --threads 0
    are E503 (exit 3, nothing written), each saying why."""
    out = os.path.join(tmp, "out")
    for args, text in ((["--alternatives", "0"], "must be in 1..50"),
                       (["--alternatives", "51"], "must be in 1..50"),
                       (["--alternatives", "2", "--single-sourcing"], "single sourcing"),
                       (["--alternatives", "2", "--congestion"], "not offered with congestion"),
                       (["--alternatives", "2", "--check-sim"], "not offered with --check-sim"),
                       (["--threads", "0"], "threads")):
        p = run("plan", KZ, *args, "--out", out, expect=None)
        expect_error(p, "E503", 3, text)
    check(not os.path.exists(out), "nothing written")


@case
def plan_lanes_small_fixture(tmp):
    """plan --congestion --lanes on the minimal fixture (a congestion-aware solve of the
    default scenario takes minutes; docs/design-model.md has its measured table): one plan
    per lane count at Khorgos road; lanes.csv adds plan cost and lanes x lane cost, the
    least total is chosen and its plan written. The 5-lane row is checked against a
    plain `plan --congestion` of a copy of the fixture edited by hand to 5 servers
    (capacity scaled by 5/servers, the same other freight in trucks/day)."""
    out = os.path.join(tmp, "out")
    cost = 20000.0
    p = run("plan", MINIMAL, "--congestion", "--lanes", "KHORGOS_ROAD=3..5",
            "--lane-cost", str(cost), "--out", out)
    check("<- chosen" in p.stdout, p.stdout)
    with open(os.path.join(out, "lanes.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check([int(r["lanes"]) for r in rows] == [3, 4, 5], f"rows {rows}")
    for r in rows:
        check(r["status"] == "optimal", f"proven: {r}")
        check(abs(float(r["lane_cost"]) - cost * int(r["lanes"])) < 1e-6, f"lane cost {r}")
        check(abs(float(r["plan_cost"]) + float(r["lane_cost"]) - float(r["total"]))
              <= 1e-6 * float(r["total"]), f"total adds up: {r}")
    best = min(rows, key=lambda r: (float(r["total"]), int(r["lanes"])))
    check([r["chosen"] for r in rows].count("yes") == 1 and best["chosen"] == "yes",
          f"least total chosen: {rows}")
    plan = load(os.path.join(out, "plan.json"))
    check(abs(plan["objective"] - float(best["plan_cost"])) <= 1e-6 * plan["objective"],
          "plan.json is the chosen row's plan")
    x = [c for c in plan["congestion"]["crossings"] if c["crossing"] == "KHORGOS_ROAD"]
    check(x and x[0]["servers"] == int(best["lanes"]), f"servers of the chosen plan: {x}")

    edited = os.path.join(tmp, "edited")
    shutil.copytree(MINIMAL, edited)
    path = os.path.join(edited, "crossings.csv")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, xs = reader.fieldnames, list(reader)
    for x in xs:
        if x["id"] == "KHORGOS_ROAD":
            servers = int(x["servers"])
            background = float(x["background_share"]) * float(x["capacity_per_day"])
            x["capacity_per_day"] = repr(float(x["capacity_per_day"]) * 5 / servers)
            x["background_share"] = repr(background / float(x["capacity_per_day"]))
            x["servers"] = "5"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(xs)
    run("plan", edited, "--congestion", "--out", os.path.join(tmp, "out5"))
    obj = load(os.path.join(tmp, "out5", "plan.json"))["objective"]
    row = next(r for r in rows if r["lanes"] == "5")
    check(abs(obj - float(row["plan_cost"])) <= 1e-6 * obj,
          f"5 lanes: {row['plan_cost']} against the hand-edited fixture's {obj}")


@case
def plan_lanes_bad_options(tmp):
    """--lanes: an unknown crossing, MIN > MAX, MIN < 1, a negative lane cost, and --lanes
    without --congestion are E503, all listed at once, exit 3, nothing written."""
    out = os.path.join(tmp, "out")
    p = run("plan", KZ, "--congestion", "--lanes", "NOPE=5..2", "--lane-cost", "-1",
            "--out", out, expect=None)
    expect_error(p, "E503", 3, "unknown crossing 'NOPE'")
    for text in ("MIN must be <= MAX", "lane-cost"):
        check(text in p.stderr, f"{text!r} listed too:\n{p.stderr}")
    p = run("plan", KZ, "--congestion", "--lanes", "NUR_ZHOLY_ROAD=0..2", "--lane-cost", "1",
            "--out", out, expect=None)
    expect_error(p, "E503", 3, "MIN must be >= 1")
    p = run("plan", KZ, "--lanes", "NUR_ZHOLY_ROAD=174..176", "--lane-cost", "1",
            "--out", out, expect=None)
    expect_error(p, "E503", 3, "needs --congestion")
    p = run("plan", KZ, "--congestion", "--lanes", "NUR_ZHOLY_ROAD=174-176", "--lane-cost",
            "1", "--out", out, expect=None)
    expect_error(p, "E503", 3, "CROSSING=MIN..MAX")
    check(not os.path.exists(out), "nothing written")


def check_sim_doc(out, scenario, max_rounds):
    doc = load(os.path.join(out, "check_sim.json"))
    header_ok(doc, "corridor.check-sim/1", scenario, "")
    rounds = doc["rounds"]
    check(1 <= len(rounds) <= max_rounds, f"{len(rounds)} rounds, at most {max_rounds}")
    check([r["round"] for r in rounds] == list(range(1, len(rounds) + 1)), "rounds in order")
    for r in rounds[:-1]:
        check(r["adjustments"], f"a round that is not the last says what changes: {r}")
    for r in rounds:
        for x in r["crossings"]:
            check(x["predicted_wait_hours"] > 0 and x["simulated_wait_hours"] >= 0, str(x))
    check(abs(doc["price_of_reliability"] - (doc["aware"]["cost"] - doc["blind"]["cost"]))
          <= 1e-6 * abs(doc["aware"]["cost"]), "price of reliability = aware - blind")
    check(doc["aware"]["on_time"] == rounds[-1]["on_time"], "the plan written is the last round's")
    return doc


@case
def plan_check_sim_met(tmp):
    """plan --check-sim on the small fixture with short windows: the target is met in a
    round, exit 0, every artefact written and the report shows plan against simulation."""
    out = os.path.join(tmp, "out")
    p = run("plan", MINIMAL, "--check-sim", "--sim-days", "10", "--sim-warmup", "2",
            "--sim-replications", "1", "--check-rounds", "3", "--out", out)
    doc = check_sim_doc(out, "minimal", 3)
    check(doc["met"] and doc["aware"]["on_time"] >= doc["target_on_time"], str(doc["verdict"]))
    check("check-sim: on-time" in p.stdout, p.stdout)
    for f in ("plan.json", "sim.json", "timeseries.csv", "report.html"):
        check(os.path.exists(os.path.join(out, f)), f)
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        html = f.read()
    check("Plan against simulation" in html and "Price of reliability" in html,
          "the report shows the plan beside its simulation")


@case
def plan_check_sim_target_not_met(tmp):
    """An on-time target no plan reaches: the loop stops after --check-rounds rounds, each
    reported, the verdict carries E511, the best plan is still written (exit 0)."""
    out = os.path.join(tmp, "out")
    p = run("plan", KZ, "--check-sim", "--on-time-target", "1", "--sim-days", "7",
            "--sim-warmup", "1", "--sim-replications", "1", "--check-rounds", "2",
            "--out", out)
    doc = check_sim_doc(out, "kz-xj", 2)
    check(not doc["met"] and "[E511]" in doc["verdict"], doc["verdict"])
    check("[E511]" in p.stderr, p.stderr)
    check(p.stdout.count("check-sim round ") == len(doc["rounds"]), "each round reported")


@case
def plan_and_simulate_small_fixture(tmp):
    out = os.path.join(tmp, "out")
    run("plan", MINIMAL, "--out", out)
    plan = load(os.path.join(out, "plan.json"))
    header_ok(plan, "corridor.plan/3", "minimal", "")
    run("simulate", MINIMAL, "--plan", os.path.join(out, "plan.json"), "--out", out, *SHORT_SIM)
    # Without --plan, simulate solves the plan itself; the folder's report (of the plan
    # written by `plan`) is kept because the simulated plan is not provably that file.
    out2 = os.path.join(tmp, "out2")
    p = run("simulate", MINIMAL, "--out", out2, *SHORT_SIM)
    check(os.path.exists(os.path.join(out2, "sim.json")), "sim.json written")
    check(not os.path.exists(os.path.join(out2, "report.html")), "no report without a plan")
    check("report.html not updated" in p.stdout, p.stdout)


@case
def compare_default_out_and_report_kept(tmp):
    """compare without --out writes out/compare; simulate never overwrites its report."""
    run("compare", KZ, "--variants", "third-railway", cwd=tmp)
    cmp_dir = os.path.join(tmp, "out", "compare")
    doc = load(os.path.join(cmp_dir, "compare.json"))
    header_ok(doc, "corridor.compare/2", "kz-xj", "")
    check([r["variant"] for r in doc["rows"]] == ["", "third-railway"], "rows")
    check(doc["plans"][1]["variant"] == "third-railway", "variant plan inside")
    before = tree_digest(cmp_dir)
    run("plan", KZ, "--out", os.path.join(tmp, "p"))
    p = run("simulate", KZ, "--plan", os.path.join(tmp, "p", "plan.json"), "--out", cmp_dir,
            *SHORT_SIM)
    check("comparison" in p.stdout, p.stdout)
    after = tree_digest(cmp_dir)
    check(after["report.html"] == before["report.html"], "the comparison report was kept")
    check("sim.json" in after, "sim.json written beside it")


@case
def report_regenerates_the_same_page(tmp):
    """report.html written again from the artefacts is byte for byte the page plan,
    simulate and compare wrote; a comparison's deltas are recomputed, not trusted."""
    out = os.path.join(tmp, "out")
    run("plan", KZ, "--out", out)
    run("simulate", KZ, "--plan", os.path.join(out, "plan.json"), "--out", out, *SHORT_SIM)
    with open(os.path.join(out, "report.html"), "rb") as f:
        written = f.read()
    os.remove(os.path.join(out, "report.html"))
    run("report", KZ, "--plan", os.path.join(out, "plan.json"), "--sim",
        os.path.join(out, "sim.json"))
    with open(os.path.join(out, "report.html"), "rb") as f:
        check(f.read() == written, "the regenerated plan report differs")
    cmp_dir = os.path.join(tmp, "cmp")
    run("compare", KZ, "--variants", "third-railway", "--out", cmp_dir)
    with open(os.path.join(cmp_dir, "report.html"), "rb") as f:
        written = f.read()
    doc = load(os.path.join(cmp_dir, "compare.json"))
    doc["rows"][1]["delta_total_cost"] = 12345.0  # derived: recomputed on reading
    with open(os.path.join(cmp_dir, "compare.json"), "w") as f:
        json.dump(doc, f)
    run("report", KZ, "--compare", os.path.join(cmp_dir, "compare.json"), "--out",
        os.path.join(tmp, "again"))
    with open(os.path.join(tmp, "again", "report.html"), "rb") as f:
        check(f.read() == written, "the regenerated comparison report differs")


@case
def report_refuses_what_was_not_made_for_the_scenario(tmp):
    out = os.path.join(tmp, "v")
    run("plan", VARIANTS, "--variant", "third-railway", "--out", out)
    before = tree_digest(out)
    p = run("report", VARIANTS, "--plan", os.path.join(out, "plan.json"), expect=None)
    expect_error(p, "E505", 3, "add --variant third-railway")
    run("report", VARIANTS, "--variant", "third-railway", "--plan",
        os.path.join(out, "plan.json"), "--out", os.path.join(tmp, "ok"))
    # A simulation of another scenario beside a good plan.
    run("plan", MINIMAL, "--out", os.path.join(tmp, "m"))
    run("simulate", MINIMAL, "--plan", os.path.join(tmp, "m", "plan.json"), "--out",
        os.path.join(tmp, "m"), *SHORT_SIM)
    p = run("report", VARIANTS, "--variant", "third-railway", "--plan",
            os.path.join(out, "plan.json"), "--sim", os.path.join(tmp, "m", "sim.json"),
            expect=None)
    expect_error(p, "E505", 3, 'scenario "minimal"')
    p = run("report", VARIANTS, "--plan", os.path.join(tmp, "m", "sim.json"), expect=None)
    expect_error(p, "E504", 3, "not a corridor.plan file")
    run("report", VARIANTS, expect=2)
    check(tree_digest(out) == before, "nothing written")


@case
def export_lp_and_orlib(tmp):
    lp = os.path.join(tmp, "lp", "model.lp")
    run("plan", MINIMAL, "--export-lp", lp)
    with open(lp, encoding="utf-8") as f:
        check(f.read().lstrip().lower().startswith(("\\", "minimize")), "an LP file")
    out = os.path.join(tmp, "orlib")
    run("plan", "--orlib", os.path.join(REPO, "data", "orlib-cflp", "cap71.txt"), "--out", out)
    plan = load(os.path.join(out, "plan.json"))
    check(abs(plan["objective"] - 932615.75) < 1e-3, f"cap71 optimum, got {plan['objective']}")
    check(plan["scenario_fingerprint"].startswith("sha256:"), "OR-Library file fingerprint")


@case
def solve_statuses(tmp):
    """Each status with its exit code: optimal 0, time_limit 5 (plan and gap written),
    no_solution 6 and infeasible 7 (nothing written)."""
    orlib = os.path.join(REPO, "data", "orlib-cflp")
    out = os.path.join(tmp, "gap")
    run("plan", "--orlib", os.path.join(orlib, "capc.txt"), "--capacity", "5000", "--gap",
        "0.05", "--out", out)
    plan = load(os.path.join(out, "plan.json"))
    check(plan["status"] == "optimal" and plan["requested_gap"] == 0.05, "optimal at --gap")
    check(0 <= plan["gap"] <= 0.05, f"proven within the requested gap: {plan['gap']}")
    # A time limit hit at once: the solver's first plan, not proven, with its honest gap.
    out = os.path.join(tmp, "tl")
    p = run("plan", "--orlib", os.path.join(orlib, "capc.txt"), "--capacity", "5000",
            "--time-limit", "1e-9", "--out", out, expect=5)
    plan = load(os.path.join(out, "plan.json"))
    check(plan["status"] == "time_limit" and isinstance(plan["objective"], float),
          f"time_limit with a plan: {plan['status']}")
    check(plan["gap"] is None or plan["gap"] > 0, "its gap is not hidden")
    # Cbc (single sourcing) stopped before any plan: no objective, nothing written.
    out = os.path.join(tmp, "none")
    p = run("plan", "--orlib", os.path.join(orlib, "cap131.txt"), "--single-sourcing",
            "--time-limit", "1e-6", "--out", out, expect=6)
    check("no_solution" in p.stderr and "nothing written" in p.stderr, p.stderr)
    check(not os.path.exists(out), "nothing written")
    # Two facilities of 10 for 45 units of demand: no plan exists.
    bad = os.path.join(tmp, "infeasible.txt")
    with open(bad, "w") as f:
        f.write("2 3\n10 100\n10 100\n15\n1 2\n15\n1 2\n15\n1 2\n")
    p = run("plan", "--orlib", bad, "--out", out, expect=7)
    check("infeasible: no plan exists" in p.stderr, p.stderr)
    check(not os.path.exists(out), "nothing written")


@case
def plan_with_orlib_is_a_usage_error(tmp):
    p = run("plan", MINIMAL, "--orlib", os.path.join(REPO, "data", "orlib-cflp", "cap71.txt"),
            "--out", os.path.join(tmp, "o"), expect=2)
    check("not both" in p.stderr, p.stderr)
    check(not os.path.exists(os.path.join(tmp, "o")), "nothing written")
    # compare has no --threads (plan has, tested in plan_alternatives_default).
    run("compare", MINIMAL, "--threads", "2", "--out", os.path.join(tmp, "o"), expect=2)
    check(not os.path.exists(os.path.join(tmp, "o")), "nothing written")


@case
def zero_unmet_penalty_warns(tmp):
    folder = os.path.join(tmp, "zero")
    shutil.copytree(MINIMAL, folder)
    yaml = os.path.join(folder, "scenario.yaml")
    with open(yaml, encoding="utf-8") as f:
        lines = [("unmet_penalty_per_parcel: 0\n" if ln.startswith("unmet_penalty_per_parcel:")
                  else ln) for ln in f]
    with open(yaml, "w", encoding="utf-8") as f:
        f.writelines(lines)
    p = run("plan", folder, "--out", os.path.join(tmp, "o"))
    check("[E208]" in p.stderr and "may serve nothing" in p.stderr, p.stderr)


@case
def fingerprint_ignores_csv_spelling(tmp):
    """The same model written with CRLF and quotes plans to the same fingerprint."""
    folder = os.path.join(tmp, "crlf")
    shutil.copytree(MINIMAL, folder)
    for name in os.listdir(folder):
        if name.endswith(".csv"):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", newline="") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write("\ufeff" + text.replace("\r\n", "\n").replace("\n", "\r\n"))
    run("plan", MINIMAL, "--out", os.path.join(tmp, "a"))
    run("plan", folder, "--out", os.path.join(tmp, "b"))
    a = load(os.path.join(tmp, "a", "plan.json"))
    b = load(os.path.join(tmp, "b", "plan.json"))
    check(a["scenario_fingerprint"] == b["scenario_fingerprint"], "same model, same fingerprint")
    # ... and a plan of one simulates on the other.
    run("simulate", folder, "--plan", os.path.join(tmp, "a", "plan.json"), "--out",
        os.path.join(tmp, "s"), *SHORT_SIM)


# ---------------------------------------------------------------- bad plans: E50x, exit 3


def base_plan(tmp):
    out = os.path.join(tmp, "base")
    if not os.path.exists(out):
        run("plan", VARIANTS, "--out", out)
    return os.path.join(out, "plan.json")


def simulate_rejects(tmp, plan_path, code, text=None, variant=None):
    out = os.path.join(tmp, "sim_out")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "keep.txt"), "w") as f:
        f.write("a file the failed run must leave alone")
    before = tree_digest(out)
    args = ["simulate", VARIANTS, "--plan", plan_path, "--out", out, *SHORT_SIM]
    if variant:
        args += ["--variant", variant]
    p = run(*args, expect=None)
    expect_error(p, code, 3, text)
    check("nothing written" in p.stderr, p.stderr)
    check(tree_digest(out) == before, "the output folder is unchanged")
    check(sorted(os.listdir(tmp)).count("sim_out") == 1
          and not [n for n in os.listdir(tmp) if ".tmp-" in n], "no temporary folder left")


@case
def plan_of_another_variant(tmp):
    out = os.path.join(tmp, "v")
    run("plan", VARIANTS, "--variant", "third-railway", "--out", out)
    simulate_rejects(tmp, os.path.join(out, "plan.json"), "E505",
                     'made for scenario "variants" variant "third-railway"')
    p = run("simulate", VARIANTS, "--plan", os.path.join(out, "plan.json"), "--out",
            os.path.join(tmp, "v_sim"), *SHORT_SIM, expect=None)
    check("add --variant third-railway" in p.stderr, p.stderr)
    # The base plan on the variant: refused the other way round.
    simulate_rejects(tmp, base_plan(tmp), "E505", "run without --variant",
                     variant="third-railway")


@case
def plan_of_another_scenario(tmp):
    out = os.path.join(tmp, "m")
    run("plan", MINIMAL, "--out", out)
    simulate_rejects(tmp, os.path.join(out, "plan.json"), "E505", 'scenario "minimal"')


@case
def plan_of_an_edited_scenario(tmp):
    folder = os.path.join(tmp, "edited")
    shutil.copytree(VARIANTS, folder)
    run("plan", folder, "--out", os.path.join(tmp, "e"))
    zones = os.path.join(folder, "zones.csv")
    with open(zones, encoding="utf-8") as f:
        text = f.read()
    with open(zones, "w", encoding="utf-8") as f:
        f.write(text.replace("12000", "13000", 1))
    p = run("simulate", folder, "--plan", os.path.join(tmp, "e", "plan.json"), "--out",
            os.path.join(tmp, "e_sim"), *SHORT_SIM, expect=None)
    expect_error(p, "E505", 3, "changed since")
    check(not os.path.exists(os.path.join(tmp, "e_sim")), "nothing written")


@case
def truncated_plan(tmp):
    with open(base_plan(tmp), encoding="utf-8") as f:
        text = f.read()
    bad = os.path.join(tmp, "truncated.json")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text[: len(text) // 2])
    simulate_rejects(tmp, bad, "E504", "not valid JSON")


@case
def files_that_are_not_plans(tmp):
    run("compare", VARIANTS, "--variants", "third-railway", "--out", os.path.join(tmp, "c"))
    simulate_rejects(tmp, os.path.join(tmp, "c", "compare.json"), "E504",
                     'not a corridor.plan file (got "corridor.compare/2"')
    run("simulate", VARIANTS, "--plan", base_plan(tmp), "--out", os.path.join(tmp, "s"),
        *SHORT_SIM)
    simulate_rejects(tmp, os.path.join(tmp, "s", "sim.json"), "E504", "corridor.sim/2")
    other = os.path.join(tmp, "random.json")
    with open(other, "w") as f:
        json.dump({"type": "FeatureCollection", "features": []}, f)
    simulate_rejects(tmp, other, "E504", "schema")
    binary = os.path.join(tmp, "binary.json")
    with open(binary, "wb") as f:
        f.write(bytes(range(256)) * 4)
    simulate_rejects(tmp, binary, "E504")
    empty = os.path.join(tmp, "empty.json")
    open(empty, "w").close()
    simulate_rejects(tmp, empty, "E504", "empty")
    simulate_rejects(tmp, os.path.join(tmp, "no-such.json"), "E101")


@case
def plan_missing_a_key(tmp):
    plan = load(base_plan(tmp))
    del plan["status"]          # once read as "optimal"
    del plan["flows"][0]["hub"]
    bad = os.path.join(tmp, "missing.json")
    with open(bad, "w") as f:
        json.dump(plan, f)
    simulate_rejects(tmp, bad, "E504", "status: required key is missing")
    p = run("simulate", VARIANTS, "--plan", bad, "--out", os.path.join(tmp, "x"), *SHORT_SIM,
            expect=None)
    check("flows[0].hub: required key is missing" in p.stderr, "all errors at once:\n" + p.stderr)


@case
def plan_naming_ids_the_scenario_lacks(tmp):
    plan = load(base_plan(tmp))
    flows = plan["flows"]
    outbound = next(f for f in flows if f["channel"] == "outbound")
    outbound["zone"] = "Z_NOWHERE"
    bad = os.path.join(tmp, "ids.json")
    with open(bad, "w") as f:
        json.dump(plan, f)
    simulate_rejects(tmp, bad, "E501", "Z_NOWHERE")
    p = run("simulate", VARIANTS, "--plan", bad, "--out", os.path.join(tmp, "y"), *SHORT_SIM,
            expect=None)
    check(p.stderr.startswith(bad) or f"\n{bad}:" in p.stderr or f"{bad}:" in p.stderr,
          "the error names the plan file:\n" + p.stderr)


# ---------------------------------------------------------------- outputs: E901, exit 4


def in_mount_namespace(tmp, script):
    """Runs `script` (bash) as root in a private mount namespace; Skip where that is
    not allowed (never under CI: there a missing capability fails the run)."""
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0 or os.geteuid() != 0:
        if os.environ.get("CI"):
            raise Failure("CI: mount namespaces are needed for this test (unshare -m as root)")
        raise Skip("needs root and unshare -m")
    p = subprocess.run(["unshare", "-m", "bash", "-euc", script], capture_output=True, text=True,
                       timeout=600)
    return p


@case
def output_folder_is_a_file(tmp):
    target = os.path.join(tmp, "out")
    with open(target, "w") as f:
        f.write("not a folder")
    p = run("plan", MINIMAL, "--out", target, expect=None)
    expect_error(p, "E901", 4, "not a folder")
    check("nothing written" in p.stderr, p.stderr)
    with open(target) as f:
        check(f.read() == "not a folder", "the file is left alone")


@case
def output_folder_read_only(tmp):
    ro = os.path.join(tmp, "ro")
    os.makedirs(os.path.join(ro, "out"))
    with open(os.path.join(ro, "out", "old.txt"), "w") as f:
        f.write("old outputs")
    script = f"""
mount --bind {ro} {ro}
mount -o remount,bind,ro {ro}
set +e
"{BIN}" plan "{MINIMAL}" --out "{ro}/out" 2>"{tmp}/stderr"
echo $? >"{tmp}/rc"
"""
    p = in_mount_namespace(tmp, script)
    check(p.returncode == 0, p.stderr)
    with open(os.path.join(tmp, "rc")) as f:
        rc = int(f.read())
    with open(os.path.join(tmp, "stderr")) as f:
        err = f.read()
    check(rc == 4 and "[E901]" in err and "Read-only" in err, f"exit {rc}\n{err}")
    check("nothing written" in err, err)
    check(sorted(os.listdir(ro)) == ["out"] and os.listdir(os.path.join(ro, "out")) == ["old.txt"],
          "nothing written")


@case
def output_disk_full(tmp):
    disk = os.path.join(tmp, "disk")
    os.makedirs(disk)
    script = f"""
mount -t tmpfs -o size=96k tmpfs {disk}
mkdir {disk}/out
echo "the previous outputs" >{disk}/out/plan.json
set +e
"{BIN}" plan "{KZ}" --out "{disk}/out" 2>"{tmp}/stderr"
echo $? >"{tmp}/rc"
find {disk} | sort >"{tmp}/after"
cat {disk}/out/plan.json >"{tmp}/plan_after"
"""
    p = in_mount_namespace(tmp, script)
    check(p.returncode == 0, p.stderr)
    with open(os.path.join(tmp, "rc")) as f:
        rc = int(f.read())
    with open(os.path.join(tmp, "stderr")) as f:
        err = f.read()
    check(rc == 4 and "[E901]" in err and "No space left" in err, f"exit {rc}\n{err}")
    with open(os.path.join(tmp, "after")) as f:
        after = f.read().split()
    check(after == [disk, f"{disk}/out", f"{disk}/out/plan.json"], f"left behind: {after}")
    with open(os.path.join(tmp, "plan_after")) as f:
        check(f.read() == "the previous outputs\n", "the old set is intact")


@case
def two_runs_into_one_folder(tmp):
    """Two plans of different variants published into one folder at once, many times:
    every run succeeds and the folder always ends as one whole set."""
    out = os.path.join(tmp, "shared")
    for _ in range(5):
        procs = [subprocess.Popen([BIN, "plan", VARIANTS, "--out", out, *v],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for v in ([], ["--variant", "third-railway"])]
        for p in procs:
            _, err = p.communicate(timeout=600)
            check(p.returncode == 0, err.decode())
        plan = load(os.path.join(out, "plan.json"))
        with open(os.path.join(out, "flows.csv"), encoding="utf-8") as f:
            rows = sum(1 for _ in f) - 1
        check(rows == len(plan["flows"]), "flows.csv belongs to plan.json")
        with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
            html = f.read()
        variant = plan["variant"] or "base"
        check(plan["variant"] == "" or plan["variant"] in html, f"report of {variant}")
        check(not [n for n in os.listdir(tmp) if ".tmp-" in n], "no temporary folder left")

# ---------------------------------------------------------------- the agreement monitor

MONITOR = os.path.join(REPO, "tests", "data", "monitor")


@case
def monitor_status_minimal(tmp):
    """The status of ok_minimal as of its newest observation (docs/monitor.md works it
    out by hand): the table most overdue first, monitor.json and status.csv."""
    ok = os.path.join(tmp, "ok_minimal")  # a copy: status appends to the folder's audit.log
    shutil.copytree(os.path.join(MONITOR, "ok_minimal"), ok)
    p = run("monitor", "validate", ok)
    check(p.stdout.startswith("monitor ok_minimal: 1 agreements, 5 commitments"), p.stdout)
    out = os.path.join(tmp, "out")
    p = run("monitor", "status", ok, "--as-of", "2026-09-01", "--out", out)
    rows = [line.split()[:3] for line in p.stdout.splitlines()[2:]
            if not line.startswith("wrote") and "appended" not in line]
    expected = [["red", "late", "C_RAIL"], ["red", "late", "I_RAIL"],
                ["amber", "at_risk", "C_TERMINAL"], ["amber", "at_risk", "I_TERMINAL"],
                ["amber", "at_risk", "C_TRUCKS"], ["amber", "at_risk", "I_TRUCKS"],
                ["green", "on_track", "C_SHARE"], ["green", "on_track", "I_SHARE"],
                ["green", "on_track", "C_WAIT"], ["green", "on_track", "I_WAIT"]]
    check(rows == expected, f"table:\n{p.stdout}")
    check("C_RAIL                   2026-06-30      63" in p.stdout, "63 days overdue")
    doc = load(os.path.join(out, "monitor.json"))
    header_ok(doc, "corridor.monitor/2", "ok_minimal", "")
    check(doc["as_of"] == "2026-09-01", doc["as_of"])
    trucks = [i for i in doc["indicators"] if i["id"] == "I_TRUCKS"][0]
    check(trucks["latest"] == 700 and trucks["expected"] == 850 and trucks["stale"] is True,
          f"I_TRUCKS: {trucks}")
    check(abs(trucks["r"] - 2 / 3) < 1e-12, f"r {trucks['r']}")
    with open(os.path.join(out, "status.csv"), encoding="utf-8") as f:
        csv_rows = f.read().splitlines()
    check(len(csv_rows) == 6
          and csv_rows[1].startswith("C_RAIL,I_RAIL,late,red,late,,no,2026-07-15,1,"),
          f"status.csv:\n{csv_rows}")
    # Without --as-of: the newest observation's date (2026-09-01), the same document.
    same = json.loads(run("monitor", "status", ok, "--json").stdout)
    check(same == doc, "default as-of is the newest observation")
    # A month earlier O7 is not in yet: I_SHARE is off track (O6 = 0.55 outside the band).
    early = json.loads(run("monitor", "status", ok, "--as-of", "2026-08-01", "--json").stdout)
    share = [c for c in early["commitments"] if c["id"] == "C_SHARE"][0]
    check(share["status"] == "off_track", f"C_SHARE as of 2026-08-01: {share}")
    check(early["scenario_fingerprint"] == doc["scenario_fingerprint"], "same folder")


@case
def monitor_bad_input_writes_nothing(tmp):
    out = os.path.join(tmp, "out")
    p = run("monitor", "status", os.path.join(MONITOR, "bad_multi"), "--out", out, expect=None)
    for code in ("E201", "E302", "E206", "E604"):  # every error at once
        expect_error(p, code, 3)
    check("nothing written" in p.stderr and not os.path.exists(out), "nothing written")
    # An existing output folder is left exactly as it was.
    ok = os.path.join(MONITOR, "ok_minimal")
    run("monitor", "status", ok, "--out", out, "--no-log")
    before = tree_digest(out)
    p = run("monitor", "status", ok, "--as-of", "2026-02-30", "--out", out, "--no-log",
            expect=None)
    expect_error(p, "E503", 3, "--as-of")
    p = run("monitor", "status", os.path.join(MONITOR, "bad_no_target"), "--out", out,
            expect=None)
    expect_error(p, "E606", 3, "bad_no_target/indicators.csv:5:1: id:")
    check(tree_digest(out) == before, "the output folder is unchanged")
    p = run("monitor", "validate", os.path.join(MONITOR, "bad_missing_file"), expect=None)
    expect_error(p, "E101", 3, "evidence.csv")


@case
def monitor_delay_equals_two_plans_solved_apart(tmp):
    """The cost of a year's delay of the third railway equals the difference of the two
    plans `corridor plan` solves on its own: the base scenario (Bakhty rail planned, so
    absent) and the third-railway variant (operating). The delay.json then sits beside
    its commitment in the status."""
    scen = os.path.join(REPO, "data", "scenarios", "kz-xj")
    mon = os.path.join(REPO, "data", "monitors", "kz-xj")
    run("plan", scen, "--out", os.path.join(tmp, "base"))
    run("plan", scen, "--variant", "third-railway", "--out", os.path.join(tmp, "rail"))
    base = load(os.path.join(tmp, "base", "plan.json"))
    rail = load(os.path.join(tmp, "rail", "plan.json"))
    out = os.path.join(tmp, "delay")
    p = run("monitor", "delay", mon, "--commitment", "C_AYAGOZ_RAIL", "--years", "2",
            "--scenario", scen, "--out", out)
    d = load(os.path.join(out, "delay.json"))
    check(d["schema"] == "corridor.delay/1" and d["object"] == "crossing:BAKHTY_RAIL", str(d))
    check(abs(d["cost_on_time_per_year"] - rail["objective"]) <= 1e-6 * rail["objective"],
          f"on time {d['cost_on_time_per_year']} vs the variant's plan {rail['objective']}")
    check(abs(d["cost_delayed_per_year"] - base["objective"]) <= 1e-6 * base["objective"],
          f"delayed {d['cost_delayed_per_year']} vs the base plan {base['objective']}")
    check(abs(d["cost_total"] - 2 * (base["objective"] - rail["objective"])) <= 1.0,
          "two years of the difference")
    moved = {f["crossing"]: f for f in d["shifts"]}
    bakhty = [c for c in rail["crossings"] if c["crossing"] == "BAKHTY_RAIL"][0]
    check(moved["BAKHTY_RAIL"]["delayed_per_day"] == 0
          and abs(moved["BAKHTY_RAIL"]["on_time_per_day"] - bakhty["flow_parcels_per_day"]) < 1e-6,
          f"Bakhty's flow moves elsewhere: {moved}")
    check("cost per year" in p.stdout, p.stdout)
    doc = json.loads(run("monitor", "status", mon, "--no-log", "--delay",
                         os.path.join(out, "delay.json"), "--json").stdout)
    c = [c for c in doc["commitments"] if c["id"] == "C_AYAGOZ_RAIL"][0]
    check(c["delay"]["cost_total"] == d["cost_total"], f"delay beside its commitment: {c}")


@case
def monitor_delay_bad_input(tmp):
    """A link the scenario lacks is E609; an unknown commitment, or one with no link, is
    E503; a delay.json for a commitment the monitor lacks is refused; nothing written."""
    ok = os.path.join(MONITOR, "ok_minimal")
    out = os.path.join(tmp, "out")
    scen = ("--scenario", KZ)
    p = run("monitor", "delay", ok, "--commitment", "C_TRUCKS", *scen, "--out", out, expect=None)
    expect_error(p, "E609", 3, "crossing KHORGOS_ROAD")
    p = run("monitor", "delay", ok, "--commitment", "C_NOPE", *scen, "--out", out, expect=None)
    expect_error(p, "E503", 3, "--commitment")
    p = run("monitor", "delay", ok, "--commitment", "C_WAIT", *scen, "--out", out, expect=None)
    expect_error(p, "E503", 3, "has no corridor object")
    p = run("monitor", "delay", ok, "--commitment", "C_RAIL", "--years", "0", *scen, expect=None)
    expect_error(p, "E503", 3, "--years")
    check(not os.path.exists(out), "nothing written")
    mon = os.path.join(REPO, "data", "monitors", "kz-xj")
    run("monitor", "delay", ok, "--commitment", "C_RAIL", *scen, "--out", out)
    p = run("monitor", "status", mon, "--no-log", "--delay", os.path.join(out, "delay.json"),
            expect=None)
    expect_error(p, "E503", 3, "no commitment C_RAIL")


@case
def monitor_default_fed_by_the_model(tmp):
    """The default monitor runs with no run given (model indicators say why they have no
    data) and, given the plan and the simulation, reads their values and fingerprints."""
    scen = os.path.join(REPO, "data", "scenarios", "kz-xj")
    mon = os.path.join(REPO, "data", "monitors", "kz-xj")
    doc = json.loads(run("monitor", "status", mon, "--no-log", "--json").stdout)
    util = [i for i in doc["indicators"] if i["id"] == "I_DOSTYK_UTIL_PLAN"][0]
    check(util["status"] == "late" and "--run plan=FILE" in util["basis"], str(util))
    visa = [i for i in doc["indicators"] if i["id"] == "I_VISA_FREE"][0]
    check(visa["status"] == "done" and visa["computed_status"] == "late"
          and visa["override"]["id"] == "OV_VISA", f"override shown, computed kept: {visa}")
    plan_dir = os.path.join(tmp, "p")
    run("plan", scen, "--out", plan_dir)
    plan = load(os.path.join(plan_dir, "plan.json"))
    doc = json.loads(run("monitor", "status", mon, "--no-log", "--run",
                         "plan=" + os.path.join(plan_dir, "plan.json"), "--json").stdout)
    util = [i for i in doc["indicators"] if i["id"] == "I_DOSTYK_UTIL_PLAN"][0]
    dostyk = [c for c in plan["crossings"] if c["crossing"] == "DOSTYK_RAIL"][0]
    check(util["latest"] == dostyk["utilisation"]
          and util["run"]["scenario_fingerprint"] == plan["scenario_fingerprint"], str(util))
    p = run("monitor", "status", mon, "--no-log", "--run", "plan", expect=None)
    expect_error(p, "E503", 3, "--run")


@case
def monitor_report_html(tmp):
    """monitor.html is published with monitor.json and status.csv, in the language asked
    for; a bad --lang is E503 (exit 3) and writes nothing."""
    ok = os.path.join(MONITOR, "ok_minimal")
    out = os.path.join(tmp, "out")
    run("monitor", "status", ok, "--no-log", "--out", out, "--lang", "kk")
    check(sorted(os.listdir(out)) == ["monitor.html", "monitor.json", "status.csv"],
          f"files: {os.listdir(out)}")
    with open(os.path.join(out, "monitor.html"), encoding="utf-8") as f:
        page = f.read()
    check('<html lang="kk">' in page, "lang attribute")
    check("Мәртебе күні" in page, "Kazakh labels")
    doc = load(os.path.join(out, "monitor.json"))
    check(doc["scenario_fingerprint"] in page and doc["as_of"] in page, "fingerprint, as-of")
    bad = os.path.join(tmp, "bad")
    p = run("monitor", "status", ok, "--no-log", "--out", bad, "--lang", "fr", expect=None)
    expect_error(p, "E503", 3, "--lang")
    check("nothing written" in p.stderr and not os.path.exists(bad), "nothing written")
    before = tree_digest(out)
    p = run("monitor", "status", ok, "--no-log", "--out", out, "--lang", "EN", expect=None)
    expect_error(p, "E503", 3, "en|ru|kk|zh")
    check(tree_digest(out) == before, "the output folder is unchanged")

# ---------------------------------------------------------------- trade niches

TRADE = os.path.join(REPO, "tests", "data", "trade")
TITLES = {"en": "Trade niches", "ru": "Торговые ниши", "kk": "Сауда тауашалары", "zh": "贸易商机"}


@case
def niches_default(tmp):
    """`corridor niches` with no argument reads the shipped data/trade (from the
    repository and, through the built-in fallback, from any other folder)."""
    p = run("niches", cwd=REPO)
    check("KAZ -> CHN: trade US$15.17 bn" in p.stdout, p.stdout[:400])
    check("GROW KAZ -> CHN" in p.stdout and "DIVERSIFY CHN -> KAZ" in p.stdout, "both lists")
    out = os.path.join(tmp, "out")
    run("niches", "--out", out, "--perturbations", "2", cwd=tmp)
    doc = load(os.path.join(out, "niches.json"))
    header_ok(doc, "corridor.niches/1", "trade", "")
    fwd, rev = doc["directions"]
    check((fwd["from"], fwd["to"], rev["from"], rev["to"]) == ("KAZ", "CHN", "CHN", "KAZ"),
          "both directions")
    check(abs(fwd["total_actual_usd"] / 1e9 - 15.17) < 0.005, str(fwd["total_actual_usd"]))
    check(len(fwd["grow"]) == 15 and len(fwd["diversify"]) == 15, "top 15 of each list")
    for g in fwd["grow"]:
        check(g["rca"] >= 1 and g["untapped_usd"] > 0 and g["reason"], f"grow row {g}")
    for g in fwd["diversify"]:
        check(g["rca"] < 1 and g["cog"] > 0 and g["reason"], f"diversify row {g}")
    for f in ("grow_KAZ_CHN.csv", "diversify_KAZ_CHN.csv", "products_CHN_KAZ.csv"):
        check(os.path.exists(os.path.join(out, f)), f)
    with open(os.path.join(out, "grow_KAZ_CHN.csv"), encoding="utf-8") as f:
        rows = f.read().splitlines()
    check(rows[1].split(",")[1] == fwd["grow"][0]["product"], "CSV and JSON agree")
    # The same data gives the same document (deterministic, seeded stability runs).
    again = json.loads(run("niches", "--json", "--perturbations", "2", cwd=REPO).stdout)
    again.pop("sources"), doc.pop("sources")  # paths as given: relative here, absolute there
    check(again == doc, "niches.json is reproducible")


@case
def niches_languages(tmp):
    ok = os.path.join(TRADE, "ok_tiny")
    for lang, title in TITLES.items():
        out = os.path.join(tmp, lang)
        run("niches", ok, "--out", out, "--lang", lang)
        with open(os.path.join(out, "niches.html"), encoding="utf-8") as f:
            html = f.read()
        check(f"<html lang={lang}>" in html and title in html, f"{lang}: page language")
        check("http://" not in html and "https://" not in html, f"{lang}: self-contained")
    p = run("niches", ok, "--lang", "fr", expect=None)
    check(p.returncode == 2, f"--lang fr is a usage error: {p.returncode}")


@case
def niches_bad_input_writes_nothing(tmp):
    out = os.path.join(tmp, "out")
    p = run("niches", os.path.join(TRADE, "bad_multi"), "--out", out, expect=None)
    for code in ("E704", "E701", "E702"):  # every error at once
        expect_error(p, code, 3)
    check("bad_multi/exports.csv:3:6: exporter" in p.stderr, p.stderr)
    check("nothing written" in p.stderr and not os.path.exists(out), "nothing written")
    ok = os.path.join(TRADE, "ok_tiny")
    run("niches", ok, "--out", out)
    before = tree_digest(out)
    expect_error(run("niches", ok, "--hs", "6", "--out", out, expect=None), "E708", 3, "--hs")
    expect_error(run("niches", ok, "--years", "2019", "--out", out, expect=None), "E709", 3)
    expect_error(run("niches", os.path.join(TRADE, "bad_empty_market"), "--out", out,
                     expect=None), "E707", 3, "--to")
    expect_error(run("niches", ok, "--baci", os.path.join(TRADE, "bad_baci_unknown_country.csv"),
                     "--out", out, expect=None), "E701", 3)
    check(tree_digest(out) == before, "the output folder is unchanged")
    p = run("niches", os.path.join(TRADE, "warn_mixed_hs"))
    check("[E706]" in p.stderr and "warning" in p.stderr, p.stderr)


ZERO_HASH = "sha256:" + "0" * 64


def audit_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def check_chain_independently(lines):
    """The chain of docs/monitor-format.md recomputed with Python's json and hashlib: each
    record's hash is the SHA-256 of its compact JSON without the hash key, each prev the
    hash of the line before (the zero hash first), seq 1, 2, … Returns the records."""
    records, prev = [], ZERO_HASH
    for n, line in enumerate(lines, start=1):
        rec = json.loads(line)
        check(list(rec) == ["seq", "time", "actor", "kind", "subject", "as_of", "before",
                            "after", "prev", "hash"], f"line {n}: keys {list(rec)}")
        body = {k: v for k, v in rec.items() if k != "hash"}
        canonical = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
        digest = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        check(rec["hash"] == digest, f"line {n}: hash {rec['hash']} != {digest}")
        check(line == canonical[:-1] + ',"hash":"' + digest + '"}', f"line {n} is canonical")
        check(rec["prev"] == prev and rec["seq"] == n, f"line {n}: seq/prev")
        prev = rec["hash"]
        records.append(rec)
    return records


def appended(p):
    """N from the "…: N records appended" line of monitor status."""
    line = [x for x in (p.stdout + p.stderr).splitlines() if x.endswith("appended")]
    check(len(line) == 1, f"one 'appended' line:\n{p.stdout}{p.stderr}")
    return int(line[0].split(": ")[-1].split()[0])


@case
def monitor_audit_log(tmp):
    """status appends to DIR/audit.log; verify-log passes and names an edited, a deleted
    and a reordered record; an observation edited after it was logged is refused."""
    ok = os.path.join(tmp, "m")
    shutil.copytree(os.path.join(MONITOR, "ok_minimal"), ok)
    log = os.path.join(ok, "audit.log")
    now = ["--actor", "ana", "--now", "2026-08-02T09:00:00Z"]
    p = run("monitor", "status", ok, "--as-of", "2026-08-01", *now)
    # 7 observations, 2 of them verified, 5 indicators and 5 commitments (ok_minimal).
    check(appended(p) == 7 + 2 + 5 + 5, p.stdout)
    recs = check_chain_independently(audit_lines(log))
    check(recs[0]["prev"] == ZERO_HASH and recs[0]["actor"] == "ana", "first record")
    check(all(r["time"] == "2026-08-02T09:00:00Z" for r in recs), "--now is the time")
    p = run("monitor", "verify-log", ok)
    check(p.stdout.strip() == f"{log}: 19 records, chain intact (last hash {recs[-1]['hash']})",
          p.stdout)
    check(appended(run("monitor", "status", ok, "--as-of", "2026-08-01", *now)) == 0,
          "a second identical run appends nothing")
    # A month later I_SHARE and C_SHARE go from off_track to on_track (docs/monitor.md).
    out09 = os.path.join(tmp, "out09")
    p = run("monitor", "status", ok, "--as-of", "2026-09-01", "--json", "--out", out09, *now)
    json.loads(p.stdout)  # stdout stays the JSON document; the count goes to stderr
    check(appended(p) == 2, p.stderr)
    # The report's status history is the log's: the 10 first statuses as of 2026-08-01
    # and the 2 changes as of 2026-09-01.
    with open(os.path.join(out09, "monitor.html"), encoding="utf-8") as f:
        page = f.read()
    history = page[page.index('<section id="history">'):]
    history = history[:history.index("</section>")]
    check(history.count("<tr><td>2026-08-01</td>") == 10
          and history.count("<tr><td>2026-09-01</td>") == 2
          and 'id="h-I_SHARE"' in history, f"history:\n{history[:2000]}")
    p = run("monitor", "status", ok, "--now", "yesterday", expect=None)
    expect_error(p, "E503", 3, "--now")
    recs = check_chain_independently(audit_lines(log))
    check([(r["subject"], r["before"], r["after"]) for r in recs[-2:]]
          == [("indicator:I_SHARE", "off_track", "on_track"),
              ("commitment:C_SHARE", "off_track", "on_track")], f"{recs[-2:]}")
    run("monitor", "status", ok, "--no-log", "--as-of", "2027-09-01")
    check(len(audit_lines(log)) == 21, "--no-log writes nothing")
    good = audit_lines(log)

    def verify_broken(lines, code, text):
        with open(log, "w", encoding="utf-8") as f:
            f.write("".join(x + "\n" for x in lines))
        p = run("monitor", "verify-log", ok, expect=None)
        expect_error(p, code, 3, text)
        return p

    edited = list(good)
    edited[4] = edited[4].replace('"value":"1"', '"value":"0"')  # O4, line 5
    verify_broken(edited, "E614", f"{log}:5: line 5 (seq 5): edited")
    verify_broken(good[:6] + good[7:], "E615", f"{log}:7: deleted: seq 7 missing")
    verify_broken(good[:7] + [good[8], good[7]] + good[9:], "E616",
                  f"{log}:8: line 8 (seq 9): reordered")
    # status refuses to extend a broken chain.
    p = run("monitor", "status", ok, *now, expect=None)
    expect_error(p, "E616", 3)
    # --log names another file; an observation edited after it was logged is E611.
    other = os.path.join(tmp, "other.log")
    run("monitor", "status", ok, "--log", other, "--as-of", "2026-09-01", *now)
    before = open(other, "rb").read()
    obs = os.path.join(ok, "observations.csv")
    with open(obs, encoding="utf-8") as f:
        text = f.read()
    with open(obs, "w", encoding="utf-8") as f:
        f.write(text.replace("O1,I_TRUCKS,2026-03-02,610,", "O1,I_TRUCKS,2026-03-02,601,"))
    out = os.path.join(tmp, "out")
    p = run("monitor", "status", ok, "--log", other, "--out", out, *now, expect=None)
    expect_error(p, "E611", 3, f"{obs}:2: id: observation \"O1\" was edited after it was "
                 f"logged ({other}:1;")
    check(open(other, "rb").read() == before and not os.path.exists(out), "nothing written")


@case
def monitor_audit_concurrent(tmp):
    """Two processes running status 20 times each on one folder keep one valid chain:
    every record reported appended is in the log once, each observation is logged once,
    and each subject's statuses follow on (before = the previous after)."""
    ok = os.path.join(tmp, "m")
    shutil.copytree(os.path.join(MONITOR, "ok_minimal"), ok)
    import datetime
    import fcntl
    import threading
    log = os.path.join(ok, "audit.log")
    # While this test holds the log's lock, status waits; the record written meanwhile
    # (hashed here, by the documented canonical form) is the one it then chains onto.
    with open(log, "a+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        p = subprocess.Popen([BIN, "monitor", "status", ok], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        try:
            p.wait(timeout=1)
            raise Failure("status finished while the log was locked")
        except subprocess.TimeoutExpired:
            pass
        body = {"seq": 1, "time": "2026-08-02T09:00:00Z", "actor": "test", "kind": "status",
                "subject": "indicator:I_ELSEWHERE", "as_of": "2026-08-01", "before": None,
                "after": "on_track", "prev": ZERO_HASH}
        canonical = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
        first = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        f.write(canonical[:-1] + ',"hash":"' + first + '"}\n')
        f.flush()
        fcntl.flock(f, fcntl.LOCK_UN)
    out, err = p.communicate(timeout=600)
    check(p.returncode == 0, err)
    recs = check_chain_independently(audit_lines(log))
    check(recs[1]["prev"] == first and len(recs) == 1 + 19, f"{len(recs)} records")
    counts, errors = [20], []

    def worker(p):
        for i in range(20):
            day = datetime.date(2026, 3, 1) + datetime.timedelta(days=12 * (2 * i + p))
            r = subprocess.run([BIN, "monitor", "status", ok, "--as-of", day.isoformat(),
                                "--actor", f"p{p}"], capture_output=True, text=True)
            if r.returncode != 0:
                errors.append(r.stderr)
            else:
                counts.append(appended(r))

    threads = [threading.Thread(target=worker, args=(p,)) for p in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(not errors, "every run succeeds:\n" + "".join(errors[:3]))
    recs = check_chain_independently(audit_lines(log))
    check(len(recs) == sum(counts), f"{len(recs)} records, {sum(counts)} reported appended")
    check(len(recs) > 20, f"status changes were logged too ({len(recs)} records)")
    obs = [r["subject"] for r in recs if r["kind"] == "observation"]
    check(sorted(obs) == [f"O{i}" for i in range(1, 8)], f"each observation once: {obs}")
    last = {}
    for r in recs:
        if r["kind"] != "status":
            continue
        was = last.get(r["subject"])
        check(r["before"] == (was["after"] if was else None) and r["after"] != r["before"],
              f"seq {r['seq']} follows on from {was}")
        check(was is None or r["as_of"] >= was["as_of"], f"seq {r['seq']}: no look back")
        last[r["subject"]] = r
    run("monitor", "verify-log", ok)

def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@case
def niches_corridor(tmp):
    """What the corridor can carry on the default scenario: the spare eastbound capacity
    recomputed here from crossings.csv and the plan's westbound units, the niches ranked
    by what fits, the default (solved) plan equal to the same plan given with --plan."""
    plan_dir = os.path.join(tmp, "plan")
    run("plan", KZ, "--out", plan_dir)
    plan_file = os.path.join(plan_dir, "plan.json")
    plan = load(plan_file)
    out = os.path.join(tmp, "out")
    run("niches", "--scenario", KZ, "--plan", plan_file, "--out", out, "--perturbations", "2")
    doc = load(os.path.join(out, "niches.json"))
    c = doc["corridor"]
    check(c["scenario"] == "kz-xj" and c["variant"] == "" and c["plan"] == plan_file, str(c)[:300])
    check(c["scenario_fingerprint"] == plan["scenario_fingerprint"], "the plan's scenario")
    check((c["from"], c["to"], c["destination"]) == ("KAZ", "CHN", "CN_URUMQI"), "eastbound")
    flows = {x["crossing"]: x["flow_units_per_day"] for x in plan["crossings"]}
    scen = {r["id"]: r for r in csv_rows(os.path.join(KZ, "crossings.csv"))}
    operating = [i for i, r in scen.items() if r["status"] == "operating"]
    check([x["crossing"] for x in c["crossings"]] == operating, "usable crossings in file order")
    total_t = 0
    for x in c["crossings"]:
        r = scen[x["crossing"]]
        cap, bg = float(r["capacity_per_day"]), float(r["background_share"])
        west = min(cap, flows[x["crossing"]] + cap * bg)
        spare = west * (1 - 0.49)
        check(abs(x["westbound_units_per_day"] - west) < 1e-6, f"{x['crossing']} westbound")
        check(abs(x["spare_eastbound_units_per_day"] - spare) < 1e-6, f"{x['crossing']} spare")
        check(abs(x["spare_eastbound_t_per_day"] - 20 * spare) < 1e-5, f"{x['crossing']} t")
        total_t += 20 * spare
        # At least the border's own processing time, and a route ending at Ürümqi.
        check(x["hours_to_destination"] >= float(r["processing_hours"]), f"{x['crossing']} hours")
        check(x["route"][0] == r["kz_node"] and x["route"][-1] == "CN_URUMQI", str(x["route"]))
    check(abs(c["spare_eastbound"]["t_per_day"] - total_t) < 1e-4, "total spare tonnes")
    products = {r["product"]: r for r in csv_rows(os.path.join(out, "products_KAZ_CHN.csv"))}
    listed = {r["product"] for f in ("grow_KAZ_CHN.csv", "diversify_KAZ_CHN.csv")
              for r in csv_rows(os.path.join(out, f))}
    ranked = csv_rows(os.path.join(out, "corridor_niches_KAZ_CHN.csv"))
    check(len(ranked) == c["niches_total"] > 0, "every niche in the CSV")
    fitted = [float(r["fitted_usd"]) for r in ranked]
    check(fitted == sorted(fitted, reverse=True), "ranked by the untapped potential that fits")
    for r in ranked:
        check(r["product"] in listed and products[r["product"]]["mode_class"] == "container",
              f"{r['product']}: a listed containerisable niche")
    check(len(csv_rows(os.path.join(out, "corridor_crossings.csv"))) == len(operating), "CSV")
    # With no --scenario: the shipped scenario and its plan solved here, the same figures.
    again = load_json_text(run("niches", "--json", "--perturbations", "2", cwd=tmp).stdout)
    d = again["corridor"]
    check(d["plan"] == "solved" and d["crossings"] == c["crossings"], "default = given plan")
    check(load_json_text(run("niches", "--json", "--perturbations", "0", "--no-corridor")
                         .stdout)["corridor"] is None, "--no-corridor")
    with open(os.path.join(out, "niches.html"), encoding="utf-8") as f:
        check("What the corridor can carry eastbound" in f.read(), "the page's section")


@case
def niches_corridor_refuses_another_plan(tmp):
    """A plan made for another variant is refused (E505) and nothing is written."""
    plan_dir = os.path.join(tmp, "plan")
    run("plan", KZ, "--variant", "third-railway", "--out", plan_dir)
    out = os.path.join(tmp, "out")
    p = run("niches", "--scenario", KZ, "--plan", os.path.join(plan_dir, "plan.json"),
            "--out", out, expect=None)
    expect_error(p, "E505", 3, "add --variant third-railway")
    check(not os.path.exists(out), "nothing written")
    p = run("niches", "--scenario", KZ, "--destination", "NOWHERE", "--out", out, expect=None)
    expect_error(p, "E503", 3, "--destination")
    run("niches", "--scenario", KZ, "--variant", "third-railway", "--perturbations", "0",
        "--plan", os.path.join(plan_dir, "plan.json"), "--out", out)
    doc = load(os.path.join(out, "niches.json"))
    check("BAKHTY_RAIL" in [x["crossing"] for x in doc["corridor"]["crossings"]],
          "the variant's new rail crossing carries spare capacity east")


# ---------------------------------------------------------------- corridor user add


def run_stdin(stdin, *args):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=120)


@case
def user_add(tmp):
    """E833 on an unmigrated database, E831 for a weak password and a bad role (both at
    once, the password never echoed), the account created with an argon2id hash, E832
    for the same name again; the password comes from stdin, never argv."""
    db = os.path.join(tmp, "c.db")
    import sqlite3
    sqlite3.connect(db).close()
    expect_error(run_stdin("river-lantern-7-basalt\n", "user", "add", "--db", db, "ann"),
                 "E833", 3, "corridor db migrate")
    run("db", "migrate", "--db", db)  # as the E833 message tells the user to
    p = run_stdin("ann2026!!!!!\n", "user", "add", "--db", db, "--roles", "viewer,boss", "ann")
    expect_error(p, "E831", 3, "username")
    check("--roles" in p.stderr and "boss" in p.stderr, f"the bad role named:\n{p.stderr}")
    check("ann2026!!!!!" not in p.stderr, "the password is never printed")
    p = run_stdin("river-lantern-7-basalt\n", "user", "add", "--admin", "--db", db,
                  "--display-name", "Ann <K> 'O'", "ann")
    check(p.returncode == 0, f"exit {p.returncode}: {p.stderr}")
    con = sqlite3.connect(db)
    row = con.execute("SELECT username, display_name, roles, password_hash FROM users").fetchone()
    audit = con.execute("SELECT action, object_type FROM audit_log").fetchall()
    con.close()
    check(row[:3] == ("ann", "Ann <K> 'O'", "admin"), f"stored {row[:3]}")
    check(row[3].startswith("$argon2id$v=19$m=65536,t=2,p=1$"), f"hash {row[3][:40]}")
    check("river-lantern" not in row[3], "only the hash is stored")
    check(audit == [("user.create", "user")], f"audit {audit}")
    expect_error(run_stdin("meadow stone cinnamon 42\n", "user", "add", "--db", db, "ann"),
                 "E832", 3)


def progress_lines(*args):
    """Runs corridor with --progress-fd on a pipe; returns (process, [(progress, message)])."""
    r, w = os.pipe()
    try:
        p = subprocess.run([BIN, *args, "--progress-fd", str(w)], pass_fds=(w,),
                           capture_output=True, text=True, timeout=600)
    finally:
        os.close(w)
    with os.fdopen(r, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    return p, [(x["progress"], x["message"]) for x in lines]


@case
def progress_fd(tmp):
    """--progress-fd: JSON lines in 0..1, never decreasing, ending at 1.0 once written;
    compare names each plan; an fd that is not open is E503."""
    tiny = os.path.join(REPO, "tests", "data", "plan_tiny")
    for args in (["plan", tiny, "--out", os.path.join(tmp, "p")],
                 ["compare", VARIANTS, "--out", os.path.join(tmp, "c")],
                 ["simulate", tiny, "--out", os.path.join(tmp, "s"), *SHORT_SIM]):
        p, lines = progress_lines(*args)
        check(p.returncode == 0, f"{args[0]}: exit {p.returncode}: {p.stderr}")
        check(len(lines) >= 2, f"{args[0]}: several steps: {lines}")
        values = [v for v, _ in lines]
        check(all(0.0 <= v <= 1.0 for v in values), f"{args[0]}: in 0..1: {values}")
        check(all(a < b for a, b in zip(values, values[1:])), f"{args[0]}: increasing: {values}")
        check(lines[-1] == (1.0, "written"), f"{args[0]}: ends written at 1.0: {lines[-1]}")
        if args[0] == "compare":
            check(any(m.startswith("base: ") for _, m in lines), f"names the base: {lines}")
    p = run("plan", tiny, "--out", os.path.join(tmp, "x"), "--progress-fd", "97", expect=None)
    expect_error(p, "E503", 3)


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "list":
        print("\n".join(CASES))
        return 0
    if len(sys.argv) != 4 or sys.argv[3] not in CASES:
        print(__doc__, file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix=f"corridor_e2e_{sys.argv[3]}_")
    try:
        CASES[sys.argv[3]](tmp)
    except Failure as e:
        print(f"FAIL {sys.argv[3]}: {e}", file=sys.stderr)
        return 1
    except Skip as e:
        print(f"SKIP {sys.argv[3]}: {e}")
        return 77
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok {sys.argv[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
