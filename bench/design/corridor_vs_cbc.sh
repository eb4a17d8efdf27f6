#!/usr/bin/env bash
# The corridor-shaped design model (corridor_gen.hpp) solved by our solver on 1 and on 2
# threads and by Debian's cbc on the exported LP (strong formulation), one after the
# other in one run, each with the same wall-clock limit. Reports per solver: the gap at
# the limit, and the first times the gap reached 1 % and 0.1 % (ours from the progress
# lines, cbc from its "best possible" log lines), and peak RSS. Gap = (incumbent -
# bound) / incumbent for all. With --highs PATH, also the HiGHS binary (built beside the
# bench from its public source: bench/README.md) on the same LP file, same limit and gap.
#
#   bench/design/corridor_vs_cbc.sh [--sites N] [--zones N] [--seed S] [--limit SECONDS]
#                                   [--no-cbc] [--threads "1 2"] [--highs PATH]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
driver="$root/build/bench/bench/design/corridor_design_bench"
sites=1000 zones=10000 seed=1 limit=60 cbc_on=1 threads="1 2" highs=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sites) sites=$2; shift 2 ;;
    --zones) zones=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --no-cbc) cbc_on=0; shift ;;
    --threads) threads=$2; shift 2 ;;
    --highs) highs=$(realpath "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -z "$highs" || -x "$highs" ]] || { echo "not an executable: $highs" >&2; exit 2; }
[[ -x "$driver" ]] || { echo "build first: cmake --preset bench && cmake --build --preset bench --target corridor_design_bench" >&2; exit 2; }
out=$(mktemp -d /tmp/corridor-vs-cbc-XXXXXX)
trap 'rm -rf "$out"' EXIT
shape=(--sites "$sites" --zones "$zones" --seed "$seed")
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
# first time (s) a "time incumbent bound" stream reaches a relative gap
first_at() {
  awk -v g="$1" '$2 > 0 && $2 < 1e300 && ($2 - $3) / $2 <= g { print $1; found = 1; exit }
                 END { if (!found) print "-" }' "$2"
}
# one table row: name incumbent bound gap tag ($out/tag.trace, $out/tag.time)
row() {
  printf "%-12s %14s %14s %9s %9s %9s %7s\n" "$1" "${2:--}" "${3:--}" "$4" \
    "$(first_at 0.01 "$out/$5.trace")" "$(first_at 0.001 "$out/$5.trace")" "$(rss "$out/$5.time")"
}
# a peer's row, its gap from its final incumbent and bound: name tag incumbent bound
peer_row() {
  local gap
  gap=$(awk -v o="${3:-0}" -v b="${4:-0}" 'BEGIN { if (o > 0 && b > 0) printf "%.4f%%", 100 * (o - b) / o; else print "-" }')
  row "$1" "$3" "$4" "$gap" "$2"
}

printf "%s sites x %s zones, seed %s, limit %s s, load %s\n" "$sites" "$zones" "$seed" "$limit" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-12s %14s %14s %9s %9s %9s %7s\n" solver incumbent bound gap_end t_1% t_0.1% MB
for t in $threads; do
  /usr/bin/time -v -o "$out/ours$t.time" "$driver" "${shape[@]}" --gap 0.0001 --threads "$t" \
    --time-limit "$limit" --progress > "$out/ours$t.out" 2> "$out/ours$t.err"
  # "[solver]   12.3s  incumbent X  bound Y  gap ..."
  awk '/^\[solver\]/ { t = $2; sub("s", "", t); print t, $4, $6 }' "$out/ours$t.err" > "$out/ours$t.trace"
  read -r obj bound gap < <(awk '/^objective/ { print $2, $4, $6 }' "$out/ours$t.out")
  row "ours -t $t" "$obj" "$bound" "$gap" "ours$t"
done
if [[ $cbc_on -eq 1 || -n "$highs" ]]; then
  "$driver" "${shape[@]}" --write-lp "$out/model.lp"
fi
if [[ $cbc_on -eq 1 ]]; then
  command -v cbc > /dev/null || { echo "cbc missing (apt-get install coinor-cbc)" >&2; exit 1; }
  /usr/bin/time -v -o "$out/cbc.time" timeout $((limit + 120)) cbc "$out/model.lp" -timeMode elapsed -sec "$limit" \
    -ratio 0.0001 -solve > "$out/cbc.out" 2>&1 || true
  # "Cbc0010I After 0 nodes, 1 on tree, 3.9e+08 best solution, best possible 3.6e+08 (41.2 seconds)"
  awk '/best solution, best possible/ {
         for (i = 1; i <= NF; ++i) { if ($i == "best" && $(i+1) == "solution,") inc = $(i-1);
                                     if ($i == "possible") bnd = $(i+1); }
         t = $(NF-1); sub("\\(", "", t); print t, inc, bnd }' "$out/cbc.out" > "$out/cbc.trace"
  peer_row "cbc 2.10" cbc "$(awk '/^Objective value:/ { print $3 }' "$out/cbc.out" | tail -1)" \
    "$(awk '/^Lower bound:/ { print $3 }' "$out/cbc.out" | tail -1)"
  grep -E "^Result|^Enumerated|^Total time" "$out/cbc.out" | sed 's/^/  cbc: /' || true
fi
if [[ -n "$highs" ]]; then
  printf "mip_rel_gap = 0.0001\n" > "$out/highs.opt"
  # in $out, where HiGHS leaves its Highs.log
  (cd "$out" && /usr/bin/time -v -o highs.time timeout $((limit + 120)) "$highs" --options_file highs.opt \
    --time_limit "$limit" model.lp > highs.out 2>&1) || true
  # B&B lines: "... Leaves Expl.% BestBound BestSol Gap% | Cuts InLp Confl. | LpIters Time"
  awk '$NF ~ /^[0-9.]+s$/ { e = 0
         for (i = 1; i <= NF; ++i) if ($i ~ /%$/) { e = i; break }
         if (e == 0 || $(e+2) == "inf") next
         t = $NF; sub("s", "", t); print t, $(e+2), $(e+1) }' "$out/highs.out" > "$out/highs.trace"
  peer_row "highs $("$highs" --version | awk '{ print $3; exit }')" highs \
    "$(awk '/Primal bound/ { print $3 }' "$out/highs.out" | tail -1)" \
    "$(awk '/Dual bound/ { print $3 }' "$out/highs.out" | tail -1)"
  grep -E "^  Status|^  Timing|^  Nodes" "$out/highs.out" | sed 's/^ */  highs: /' || true
fi
