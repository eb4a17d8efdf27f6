#!/usr/bin/env bash
# Side by side in one run: corridor's product space against the numpy reference on the
# largest real HS6 matrix of the shared data (BACI 2024: every exporter's HS6 exports
# into China and Kazakhstan). Prints both times, the ratio, and the largest differences.
# Usage: bench/trade/complexity_vs_numpy.sh [build dir] [shared trade dir]
# (numpy: Debian python3-numpy, run by PYTHON, default /usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/bench}
shared=${2:-../shared/data/trade}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$shared" "$work/matrix.csv" <<'PY'
import csv, sys
from collections import defaultdict
src, out = sys.argv[1], sys.argv[2]
x = defaultdict(float)
for f in ("chn_imports_by_exporter_hs6_2024.csv", "kaz_imports_by_exporter_hs6_2024.csv"):
    for r in csv.DictReader(open(f"{src}/baci-2024/{f}", encoding="utf-8")):
        x[(r["exporter"], r["hs6"])] += float(r["value_usd"])
with open(out, "w", newline="") as o:
    w = csv.writer(o)
    w.writerow(["exporter", "product", "value"])
    for (e, p), v in sorted(x.items()):
        if v > 0:
            w.writerow([e, p, repr(v)])
PY
nproc_used=$(nproc)
echo "machine: $nproc_used cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
ours=$("$build/bench/trade/trade_complexity_bench" "$work/matrix.csv" "$work" 3)
echo "$ours"
theirs=$("${PYTHON:-/usr/bin/python3}" bench/trade/complexity_numpy.py "$work/matrix.csv" "$work" 3)
echo "$theirs"
o=$(echo "$ours" | sed -n 's/.*: \([0-9.]*\) s.*/\1/p')
t=$(echo "$theirs" | sed -n 's/^numpy_seconds \([0-9.]*\).*/\1/p')
python3 -c "print(f'ratio numpy / corridor: {float($t) / float($o):.1f}x')"
