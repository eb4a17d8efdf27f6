#!/usr/bin/env bash
# with-pg.sh PG_TEMP COMMAND [ARGS...]: runs COMMAND with CORRIDOR_TEST_PG_URL naming a
# throw-away PostgreSQL cluster (scripts/pg-temp), stopped afterwards. Exit 77 (skip)
# when PostgreSQL is missing outside CI, as pg-temp decides.
set -uo pipefail
pg_temp=$1
shift
dir=$(mktemp -d /tmp/corridor-pg-jobs-XXXXXX)
url=$("$pg_temp" start "$dir" --watch $$)
rc=$?
if (( rc != 0 )); then
  rm -rf "$dir"
  exit "$rc"
fi
CORRIDOR_TEST_PG_URL=$url "$@"
rc=$?
"$pg_temp" stop "$dir" || rc=1
exit "$rc"
