#!/usr/bin/env python3
"""Compare a command's JSON output with an expected file, numbers within a relative
tolerance. Usage: json_compare.py EXPECTED.json [--rtol 1e-9] [--ignore key,...] [--only key,...]
                       -- CMD ARGS...
--ignore drops keys at any depth; --only keeps just these top-level keys.
Exit 0 when equal; prints every difference otherwise."""
import json
import subprocess
import sys


def compare(exp, got, path, rtol, ignore, diffs):
    if isinstance(exp, dict) and isinstance(got, dict):
        for k in sorted(set(exp) | set(got)):
            if k in ignore:
                continue
            if k not in got:
                diffs.append(f"{path}/{k}: missing in output")
            elif k not in exp:
                diffs.append(f"{path}/{k}: unexpected in output")
            else:
                compare(exp[k], got[k], f"{path}/{k}", rtol, ignore, diffs)
    elif isinstance(exp, list) and isinstance(got, list):
        if len(exp) != len(got):
            diffs.append(f"{path}: {len(got)} items, expected {len(exp)}")
        for i, (a, b) in enumerate(zip(exp, got)):
            compare(a, b, f"{path}[{i}]", rtol, ignore, diffs)
    elif isinstance(exp, (int, float)) and isinstance(got, (int, float)) \
            and not isinstance(exp, bool) and not isinstance(got, bool):
        if abs(exp - got) > rtol * max(1.0, abs(exp)):
            diffs.append(f"{path}: got {got}, expected {exp}")
    elif exp != got:
        diffs.append(f"{path}: got {got!r}, expected {exp!r}")


def main(argv):
    sep = argv.index("--")
    opts, cmd = argv[1:sep], argv[sep + 1:]
    expected_path, rtol, ignore, only = opts[0], 1e-9, set(), None
    i = 1
    while i < len(opts):
        if opts[i] == "--rtol":
            rtol = float(opts[i + 1]); i += 2
        elif opts[i] == "--ignore":
            ignore = set(opts[i + 1].split(",")); i += 2
        elif opts[i] == "--only":
            only = set(opts[i + 1].split(",")); i += 2
        else:
            raise SystemExit(f"unknown option {opts[i]}")
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        print(f"command failed with exit {run.returncode}:\n{run.stderr}")
        return 1
    got = json.loads(run.stdout)
    with open(expected_path, encoding="utf-8") as f:
        exp = json.load(f)
    if only is not None:
        exp = {k: v for k, v in exp.items() if k in only}
        got = {k: v for k, v in got.items() if k in only}
    diffs = []
    compare(exp, got, "", rtol, ignore, diffs)
    for d in diffs[:50]:
        print(d)
    if diffs:
        print(f"{len(diffs)} difference(s) against {expected_path}")
        return 1
    print(f"matches {expected_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
