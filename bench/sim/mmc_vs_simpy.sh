#!/usr/bin/env bash
# M/M/c on corridor's engine vs SimPy 2.3, side by side, one thread each.
# Events are counted the same way on both sides (one arrival + one departure per
# customer); the ratio is of events per second.
# usage: bench/sim/mmc_vs_simpy.sh [build dir=build/bench] [c=2] [rho=0.8]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build/bench}
C=${2:-2}
RHO=${3:-0.8}
if [[ ! -x $BUILD/bench/sim/sim_mmc_bench ]]; then
  cmake --preset bench >/dev/null
  cmake --build "$BUILD" --target sim_mmc_bench -j2 >/dev/null
fi
PY=/usr/bin/python3   # Debian's python, where python3-simpy lives
ours=$(taskset -c 0 "$BUILD/bench/sim/sim_mmc_bench" 5000000 "$C" "$RHO" 1)
theirs=$(taskset -c 0 $PY bench/sim/mmc_simpy.py 200000 "$C" "$RHO" 1)
echo "$ours"
echo "$theirs"
$PY - "$ours" "$theirs" "$C" "$RHO" <<'PY'
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
c, rho = int(sys.argv[3]), float(sys.argv[4])
mu = 1.0; lam = rho * c * mu
# Erlang C, for a sanity check of both sides.
term, s = 1.0, 0.0
for k in range(c):
    s += term; term *= (lam / mu) / (k + 1)
top = term * c / (c - lam / mu)
wq = top / (s + top) / (c * mu - lam)
print(f"M/M/{c} rho={rho}: Erlang C Wq={wq:.4f}; corridor Wq={a['wq']:.4f}, SimPy Wq={b['wq']:.4f}")
print(f"corridor {a['events_per_second']/1e6:.2f} M events/s, SimPy {b['events_per_second']/1e6:.3f} M events/s,"
      f" ratio {a['events_per_second']/b['events_per_second']:.0f}x")
PY
