#!/usr/bin/env bash
# One simulated year of the default scenario at national volume (kz-xj: ~171,000
# parcels/day, ~62 million orders in 365 days, ~68 million with the warm-up), on 2
# cores: wall time and peak memory (GNU time). Pass --demand-scale etc. after the
# build dir to change the load.
# usage: bench/sim/one_year.sh [build dir=build/bench] [extra simulate options...]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build/bench}
shift || true
if [[ ! -x $BUILD/apps/corridor/corridor ]]; then
  cmake --preset bench >/dev/null
  cmake --build "$BUILD" --target corridor_cli -j2 >/dev/null
fi
OUT=$(mktemp -d)
"$BUILD/apps/corridor/corridor" plan data/scenarios/kz-xj --out "$OUT/plan" >/dev/null
/usr/bin/time -v "$BUILD/apps/corridor/corridor" simulate data/scenarios/kz-xj --plan "$OUT/plan/plan.json" \
  --days 365 --warmup 30 --replications 2 --threads 2 --quiet --out "$OUT/sim" "$@" \
  >"$OUT/stdout" 2>"$OUT/time"
grep -E "^orders|^delivery|^events" "$OUT/stdout"
grep -E "Elapsed|Maximum resident" "$OUT/time"
echo "outputs in $OUT"
