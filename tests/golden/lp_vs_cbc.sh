#!/usr/bin/env bash
# The exported LP of a scenario, solved by Debian's cbc, has our optimum.
# Usage: lp_vs_cbc.sh CORRIDOR CBC SCENARIO_DIR WORK_DIR [--variant V]
set -euo pipefail
corridor=$1 cbc=$2 scenario=$3 work=$4
shift 4
mkdir -p "$work"
"$corridor" plan "$scenario" "$@" --export-lp "$work/model.lp" >/dev/null
ours=$("$corridor" plan "$scenario" "$@" --json --out "$work/plan" |
  python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["status"], repr(p["objective"]))')
"$cbc" "$work/model.lp" solve solu "$work/cbc.sol" quit >"$work/cbc.log"
theirs=$(head -n 1 "$work/cbc.sol")
python3 - "$ours" "$theirs" <<'PY'
import re, sys
status, ours = sys.argv[1].split()
ours = float(ours)
line = sys.argv[2]
m = re.search(r"objective value\s+([-0-9.eE+]+)", line)
if not line.startswith("Optimal") or not m:
    sys.exit(f"cbc did not prove optimality: {line!r}")
theirs = float(m.group(1))
rel = abs(ours - theirs) / max(1.0, abs(theirs))
print(f"corridor {status} {ours:.6f}; cbc {theirs:.6f}; relative difference {rel:.2e}")
sys.exit(0 if status == "optimal" and rel <= 1e-6 else 1)
PY
