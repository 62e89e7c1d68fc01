#!/usr/bin/env bash
# The one test command (README, .ci/run): provisions what the suites need, runs every suite, and ends with
# the line `tests: N passed, N failed` summed over all of them.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"

# A throwaway PostgreSQL for the integration suites (unless the caller points at one).
if [ -z "${ISODIENTU_TEST_DB:-}" ]; then
  # A data dir and port of this run's own, so runs side by side (several work trees) never share a cluster.
  pgdata=$(mktemp -d "${TMPDIR:-/tmp}/isodientu-test-pg.XXXXXX")
  pgport=${ISODIENTU_TEST_PG_PORT:-$((55500 + $$ % 400))}
  ISODIENTU_TEST_DB=$(bash tests/scripts/postgres.sh start "$pgdata" "$pgport") || { echo "tests: 0 passed, 1 failed"; exit 1; }
  export ISODIENTU_TEST_DB
  trap 'bash tests/scripts/postgres.sh stop "$pgdata" "$pgport"; rm -rf "$pgdata"' EXIT
fi

# The front ends' static files (npm ci + vite build, a no-op when nothing changed) and Debian's Chromium for
# the browser tests.
bash designer/build.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }
bash web/build.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }
bash tests/scripts/chromium.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

status=0
dotnet build IsoDienTu.sln -c Release -nologo -v q || { echo "tests: 0 passed, 1 failed"; exit 1; }
for proj in $(ls tests/*/*.Tests.csproj | sort); do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# Sum the counters of every TRX file (dotnet test's own summary is per project).
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && status=1
echo "tests: $passed passed, $failed failed"
exit $status
