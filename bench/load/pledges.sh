#!/usr/bin/env bash
# Load benchmark of pledge signing (issue 6): N signers (default 10,000) POST their signature at once through the
# HTTP API of the app on a real Kestrel bound to 127.0.0.1, PLEDGE_LOAD_CONCURRENCY (default 64) in flight at a time.
# It runs the suite's own load test (tests/Groundwork.Tests/Pledges/PledgeLoadTests.cs) with a larger N, so the same
# assertions hold: the count is exact, no duplicate, none lost, one activation, each signer told once. The rate,
# median and p99 latency go to $OUT/pledges.txt with the load average.
#
# Usage: bench/load/pledges.sh [sqlite|postgres|both]     (PostgreSQL needs GROUNDWORK_TEST_POSTGRES, a server to
#        create throwaway databases on, e.g. Host=127.0.0.1;Port=55503;Username=postgres;Database=postgres)
# Environment: PLEDGE_LOAD_SIGNERS=10000 PLEDGE_LOAD_CONCURRENCY=64 OUT=bench/load/results/<time> CONFIG=Release NO_BUILD=1
# Only loopback traffic; the test's app, database and temp directory are removed when it ends.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WHICH=${1:-both}
export PLEDGE_LOAD_SIGNERS=${PLEDGE_LOAD_SIGNERS:-10000}
export PLEDGE_LOAD_CONCURRENCY=${PLEDGE_LOAD_CONCURRENCY:-64}
OUT=${OUT:-$ROOT/bench/load/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
export PLEDGE_LOAD_REPORT="$OUT/pledges.txt"
CONFIG=${CONFIG:-Release}
[ -n "${NO_BUILD:-}" ] || dotnet build "$ROOT/tests/Groundwork.Tests" -c "$CONFIG" -v q
run() {
  echo "$(date -u +%FT%TZ) $1 load before: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$PLEDGE_LOAD_REPORT"
  dotnet test "$ROOT/tests/Groundwork.Tests" -c "$CONFIG" --no-build \
    --filter "FullyQualifiedName~PledgeLoadTests" --logger "console;verbosity=normal" | grep -E "signers=|Passed!|Failed!|Passed: |Failed: |Total tests" || true
  echo "$(date -u +%FT%TZ) $1 load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$PLEDGE_LOAD_REPORT"
}
case "$WHICH" in
  sqlite) (unset GROUNDWORK_TEST_POSTGRES; run sqlite) ;;
  postgres) : "${GROUNDWORK_TEST_POSTGRES:?set it to a PostgreSQL server}"; run postgres ;;
  both) (unset GROUNDWORK_TEST_POSTGRES; run sqlite); : "${GROUNDWORK_TEST_POSTGRES:?set it to a PostgreSQL server}"; run postgres ;;
esac
cat "$PLEDGE_LOAD_REPORT"
