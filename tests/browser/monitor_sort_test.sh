#!/usr/bin/env bash
# The monitor report's sortable traffic-light table in a real browser: the CLI writes
# monitor.html for a monitor folder, headless chromium opens it from disk with the network
# off once per sort (the URL hash "#sort=KEY[&reverse]" makes the page click that column
# header on load, once or twice: the reader's code path), and check_monitor_sort.py
# compares the rows in the DOM after the page's JS ran with the order computed from the
# rows' own data-* keys, and the page without a hash with the report's default order.
# Usage: monitor_sort_test.sh CORRIDOR OUT_DIR CHROMIUM PYTHON3 MONITOR_DIR
# Exit 77 (CTest "skipped") without chromium, except under CI=true (then a failure).
set -euo pipefail
corridor=$1 out=$2 chromium=${3:-} python=${4:-python3} monitor=$5
here=$(cd "$(dirname "$0")" && pwd)
if [[ -z "$chromium" || "$chromium" == *NOTFOUND* ]] || ! command -v "$chromium" >/dev/null; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "monitor_sort_test: chromium not found under CI (scripts/install-deps installs it)"
    exit 1
  fi
  echo "monitor_sort_test: chromium not found (scripts/install-deps installs it); skipping"
  exit 77
fi
rm -rf "$out"
"$corridor" monitor status "$monitor" --out "$out" --lang ru --no-log >/dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-default-apps --disable-extensions
       --no-proxy-server --user-data-dir="$profile" --virtual-time-budget=3000)
dumps=()
for sort in none order due status overdue due_reverse overdue_reverse; do
  hash=""
  case $sort in
    none) ;;
    *_reverse) hash="#sort=${sort%_reverse}&reverse" ;;
    *) hash="#sort=$sort" ;;
  esac
  "$chromium" "${flags[@]}" --dump-dom "file://$out/monitor.html$hash" >"$out/$sort.dom.html" \
    2>"$out/$sort.log"
  dumps+=("$sort=$out/$sort.dom.html")
done
"$python" "$here/check_monitor_sort.py" "$out/monitor.html" "$out/monitor.json" "${dumps[@]}"
echo "monitor_sort_test: ok; artefacts in $out"
