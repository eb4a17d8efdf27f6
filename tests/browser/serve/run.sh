#!/usr/bin/env bash
# Runs the dashboard's browser test (dashboard_test.mjs) against a real `corridor serve`:
# a fresh SQLite database, the first admin created through the setup page with the
# one-time token the server prints, headless Debian chromium driven by npm
# playwright-core (installed into the build folder from package-lock.json; no browser
# download). Screenshots go to ARTEFACTS.
#
# Usage: run.sh CORRIDOR_BIN ARTEFACTS WORK_DIR
# Exit 0 pass, 1 fail, 77 skip (no chromium or npm, outside CI only).
set -euo pipefail
BIN=$1 ARTEFACTS=$2 WORK=$3
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
missing() {
  echo "serve browser test: $1 not found (scripts/install-deps installs it)"
  [[ ${CI:-} == true ]] && exit 1
  exit 77
}
command -v node >/dev/null || missing node
command -v npm >/dev/null || missing npm
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || missing chromium

# playwright-core from the lock file, once per lock file.
mkdir -p "$WORK"
cp "$HERE"/package.json "$HERE"/package-lock.json "$HERE"/*.mjs "$WORK"/
if ! cmp -s "$HERE/package-lock.json" "$WORK/node_modules/.corridor-lock" 2>/dev/null; then
  (cd "$WORK" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$HERE/package-lock.json" "$WORK/node_modules/.corridor-lock"
fi

TMP=$(mktemp -d /tmp/corridor-dash-serve-XXXXXX)
SERVE_PID=""
cleanup() {
  [[ -n $SERVE_PID ]] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
# The default scenario and monitor imported (the tour visits the monitor's page); the
# access log kept beside the screenshots.
mkdir -p "$ARTEFACTS"
rm -f "$ARTEFACTS"/*.png "$ARTEFACTS/access.log"
"$BIN" serve --port 0 --port-file "$TMP/port" --db "$TMP/corridor.db" --slots 1 \
  --access-log "$ARTEFACTS/access.log" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVE_PID=$!
for _ in $(seq 300); do [[ -s $TMP/port ]] && break; sleep 0.1; done
[[ -s $TMP/port ]] || { echo "serve did not start"; cat "$TMP/serve.err"; exit 1; }
for _ in $(seq 100); do grep -q "listening" "$TMP/serve.out" && break; sleep 0.1; done
TOKEN=$(grep -A1 "one-time token" "$TMP/serve.out" | tail -1)
[[ -n $TOKEN ]] || { echo "no setup token printed"; cat "$TMP/serve.out"; exit 1; }
export CORRIDOR_SETUP_TOKEN=$TOKEN
export CORRIDOR_ADMIN_USER=admin
export CORRIDOR_ADMIN_PASSWORD='Steppe-Caravan-2026!'
export CORRIDOR_SCENARIO=$REPO/tests/data/ok_minimal
status=0
(cd "$WORK" && node dashboard_test.mjs "http://127.0.0.1:$(cat "$TMP/port")" "$ARTEFACTS") || status=$?
if (( status != 0 )); then
  echo "--- serve stderr"; tail -50 "$TMP/serve.err"
fi
exit $status
