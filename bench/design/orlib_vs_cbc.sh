#!/usr/bin/env bash
# Whole-process comparison on the 12 OR-Library capa/capb/capc variants: our design
# solver (corridor_orlib_bench) against Debian's cbc on the exported LP of the same
# instance (strong formulation). Records wall time and peak memory (/usr/bin/time -v)
# and prints a table with the ratio cbc/ours. CBC runs are capped (CBC_CAP seconds,
# default 600) and reported as "> cap" when they do not finish. CBC results are cached
# in OUT/ (delete OUT/*.cbc.* or pass --rerun-cbc to measure again).
#
#   bench/design/orlib_vs_cbc.sh [--driver PATH] [--out DIR] [--cap SECONDS]
#                                [--ours-only] [--rerun-cbc] [--only NAME-CAP ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
driver="$root/build/bench/bench/design/corridor_orlib_bench"
out="$root/build/bench/orlib_vs_cbc"
cap=${CBC_CAP:-600}
ours_only=0
rerun_cbc=0
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --driver) driver=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --cap) cap=$2; shift 2 ;;
    --ours-only) ours_only=1; shift ;;
    --rerun-cbc) rerun_cbc=1; shift ;;
    --only) only+=("$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -x "$driver" ]] || { echo "build the driver first: cmake --preset bench && cmake --build --preset bench --target corridor_orlib_bench" >&2; exit 2; }
cbc=$(command -v cbc || true)
timev=""
[[ -x /usr/bin/time ]] && timev=/usr/bin/time
mkdir -p "$out"
data="$root/data/orlib-cflp"
cases=(capa-8000 capa-10000 capa-12000 capa-14000 capb-5000 capb-6000 capb-7000 capb-8000
       capc-5000 capc-5750 capc-6500 capc-7250)
[[ ${#only[@]} -gt 0 ]] && cases=("${only[@]}")

# run NAME CMD...: wall seconds and peak RSS (MB) into NAME.time, stdout into NAME.out
run() {
  local name=$1; shift
  if [[ -n "$timev" ]]; then
    "$timev" -v -o "$name.time" "$@" > "$name.out" 2> "$name.err" || true
  else
    local t0=$(date +%s.%N)
    "$@" > "$name.out" 2> "$name.err" || true
    echo "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:$(echo "$(date +%s.%N) - $t0" | bc)" > "$name.time"
  fi
}
wall() {  # seconds from /usr/bin/time -v
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s }' "$1"
}
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

printf "%-11s %16s %9s %7s %9s | %16s %9s %7s %-10s | %7s\n" instance ours_obj ours_s MB status cbc_obj cbc_s MB cbc_status ratio
for c in "${cases[@]}"; do
  inst=${c%-*}; q=${c#*-}
  base="$out/$c"
  run "$base.ours" "$driver" "$data/$inst.txt" --capacity "$q"
  read -r _ _ obj _ _ status _ _ < "$base.ours.out" || { obj=nan; status=failed; }
  ow=$(wall "$base.ours.time"); om=$(rss "$base.ours.time")
  cw="-"; cm="-"; cobj="-"; cst="-"; ratio="-"
  if [[ $ours_only -eq 0 && -n "$cbc" ]]; then
    if [[ $rerun_cbc -eq 1 || ! -s "$base.cbc.time" ]]; then
      "$driver" "$data/$inst.txt" --capacity "$q" --write-lp "$base.lp"
      run "$base.cbc" timeout $((cap + 60)) "$cbc" "$base.lp" -sec "$cap" -solve -solu "$base.cbc.sol"
    fi
  fi
  if [[ -s "$base.cbc.time" ]]; then
    cw=$(wall "$base.cbc.time"); cm=$(rss "$base.cbc.time")
    cobj=$(awk '/^Objective value:/ { print $3 }' "$base.cbc.out" | tail -1)
    if grep -q "Result - Optimal solution found" "$base.cbc.out"; then
      cst=optimal; ratio=$(awk -v a="$cw" -v b="$ow" 'BEGIN { printf "%.1f", a / b }')
    else
      cst="stopped"; ratio=$(awk -v a="$cw" -v b="$ow" 'BEGIN { printf ">%.1f", a / b }'); cw=">$cw"
    fi
  fi
  printf "%-11s %16s %9s %7s %9s | %16s %9s %7s %-10s | %7s\n" "$c" "$obj" "$ow" "$om" "$status" "${cobj:--}" "$cw" "$cm" "$cst" "$ratio"
done
