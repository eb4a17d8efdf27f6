#!/usr/bin/env bash
# Load test of `corridor serve` against nginx serving the same bytes as static files, in
# one run on this machine (bench/README.md, "Server"). Concurrent signed-in users read a
# published plan's outputs (report.html, plan.json) and the agreement monitor's status
# while a simulation job runs in the background; wrk (Debian) drives both servers with
# the same path mix, connections and duration.
#
# Usage: bench/serve/load_vs_nginx.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
# With CORRIDOR_PERF=FILE, a second run of corridor serve is profiled (perf record with
# DWARF call graphs on the server process) into FILE after the measured runs, so that
# the profiler's cost never enters the figures; read it with `perf report -i FILE`.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build/release}
SECONDS_PER_RUN=${2:-15}
CONNS=${3:-32}
BIN=$BUILD/apps/corridor/corridor
for tool in wrk nginx curl; do
  command -v $tool >/dev/null || { echo "load_vs_nginx: $tool missing (apt-get install wrk nginx-light curl)"; exit 1; }
done
[[ -x $BIN ]] || { echo "load_vs_nginx: build $BIN first"; exit 1; }

TMP=$(mktemp -d /tmp/corridor-load-XXXXXX)
chmod 755 "$TMP"  # nginx workers (www-data) read the static copies
SERVE_PID=""; NGINX_PID=""
cleanup() {
  [[ -n $SERVE_PID ]] && kill "$SERVE_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
PASS='Steppe-Caravan-2026!'
DB=$TMP/corridor.db
$BIN db migrate --db "$DB" >/dev/null
echo "$PASS" | $BIN user add --db "$DB" --roles planner bench >/dev/null
$BIN serve --port 0 --port-file "$TMP/port" --db "$DB" --slots 1 >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVE_PID=$!
for _ in $(seq 600); do [[ -s $TMP/port ]] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")
URL=http://127.0.0.1:$PORT
login=$(curl -s -c "$TMP/jar" -H "Origin: $URL" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$PASS\"}" "$URL/api/v1/login")
CSRF=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")
COOKIE=$(awk '$6 ~ /corridor_session/ {print $6"="$7}' "$TMP/jar")
api() { curl -s -b "$TMP/jar" -H "Origin: $URL" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' "$@"; }
job=$(api -d '{"kind":"plan","scenario":"kz-xj","version":1}' "$URL/api/v1/jobs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in $(seq 1200); do
  state=$(api "$URL/api/v1/jobs/$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
  [[ $state == succeeded || $state == failed ]] && break; sleep 0.5
done
[[ $state == succeeded ]] || { echo "plan job $state"; exit 1; }
# A long simulation keeps a job slot busy during the measurement.
sim=$(api -d '{"kind":"simulate","scenario":"kz-xj","version":1,"options":{"days":365,"replications":4}}' "$URL/api/v1/jobs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

PATHS=("/api/v1/jobs/$job/files/report.html" "/api/v1/jobs/$job/files/plan.json" "/api/v1/monitors/kz-xj")
mkdir -p "$TMP/www"
for p in "${PATHS[@]}"; do
  mkdir -p "$TMP/www$(dirname "$p")"
  api "$URL$p" >"$TMP/www$p"
done
NPORT=$((PORT + 1))
cat >"$TMP/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/octet-stream;
  server { listen 127.0.0.1:$NPORT; root $TMP/www; }
}
CONF
nginx -c "$TMP/nginx.conf" &
NGINX_PID=$!
sleep 1
lua=$TMP/mix.lua
{
  echo "paths = {"; for p in "${PATHS[@]}"; do echo "  \"$p\","; done; echo "}"
  cat <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
LUA
} >"$lua"
measure() {  # name url [header]
  local out
  out=$(wrk -t1 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency -s "$lua" ${3:+-H "$3"} "$2")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")
  printf '%-16s %10s req/s   p50 %8s   p99 %8s   errors %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" >"$TMP/$1.rps"
}
echo "machine load before: $(uptime)"
echo "corridor serve vs nginx, same bytes (${PATHS[*]}), $CONNS connections, ${SECONDS_PER_RUN}s each, wrk 1 thread"
measure "corridor-serve" "$URL" "Cookie: $COOKIE"
measure "nginx-static" "http://127.0.0.1:$NPORT"
if [[ -n ${CORRIDOR_PERF:-} ]]; then
  perf record -F 499 --call-graph dwarf,16384 -o "$CORRIDOR_PERF" -p "$SERVE_PID" \
    -- sleep "$SECONDS_PER_RUN" 2>"$TMP/perf.err" &
  PERF_PID=$!
  measure "corridor-perf" "$URL" "Cookie: $COOKIE"
  wait "$PERF_PID" || true
fi
echo "simulation job during the runs: $(api "$URL/api/v1/jobs/$sim" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')"
echo "machine load after: $(uptime)"
python3 -c "import sys; a,b=float(open(sys.argv[1]).read()),float(open(sys.argv[2]).read()); print(f'ratio corridor/nginx: {a/b:.2f}')" \
  "$TMP/corridor-serve.rps" "$TMP/nginx-static.rps"
