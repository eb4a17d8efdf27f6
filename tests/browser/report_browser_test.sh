#!/usr/bin/env bash
# Opens the sample reports in headless chromium with the network off, dumps the DOM
# after the page's JS ran and takes a screenshot, then checks both with
# check_report.py. Artefacts (HTML, DOM dumps, PNGs, chromium logs) stay in OUT_DIR.
# Usage: report_browser_test.sh MAKE_SAMPLE_REPORT OUT_DIR CHROMIUM PYTHON3 [SCENARIO_DIR]
# Exit 77 (CTest "skipped") when no chromium is available, except under CI=true, where
# a missing browser is a failure (scripts/install-deps installs it).
set -euo pipefail
make_sample=$1 out=$2 chromium=${3:-} python=${4:-python3} scenario=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
if [[ -z "$chromium" || "$chromium" == *NOTFOUND* ]] || ! command -v "$chromium" >/dev/null; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "report_browser_test: chromium not found under CI (scripts/install-deps installs it)"
    exit 1
  fi
  echo "report_browser_test: chromium not found (scripts/install-deps installs it); skipping"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out"
pages=(plan_report compare_report plan_report_zh compare_report_kk)
if [[ -n "$scenario" ]]; then
  "$make_sample" "$out" "$scenario"
  pages+=(scenario_report scenario_compare)
else
  "$make_sample" "$out"
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# A closed network: no background fetches, no component updates, no sync, no proxy.
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-default-apps --disable-extensions
       --no-proxy-server --hide-scrollbars --user-data-dir="$profile" --enable-logging=stderr --v=0
       --virtual-time-budget=5000)
for page in "${pages[@]}"; do
  url="file://$out/$page.html"
  "$chromium" "${flags[@]}" --dump-dom "$url" >"$out/$page.dom.html" 2>"$out/$page.dom.log"
  "$chromium" "${flags[@]}" --window-size=1400,1500 --screenshot="$out/$page.png" "$url" \
    >/dev/null 2>"$out/$page.png.log"
  "$python" "$here/check_report.py" "$out/$page.html" "$out/$page.dom.html" "$out/$page.png" \
    "$out/$page.dom.log"
done
# The comparison opened on the variant's change map (selected by the URL hash).
"$chromium" "${flags[@]}" --window-size=1400,1500 --screenshot="$out/compare_change.png" \
  "file://$out/compare_report.html#variant=1&view=change" >/dev/null 2>"$out/compare_change.log"
"$python" "$here/check_report.py" "$out/compare_report.html" - "$out/compare_change.png" \
  "$out/compare_change.log"
echo "report_browser_test: ok; artefacts in $out"
