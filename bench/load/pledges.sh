#!/usr/bin/env bash
# Load benchmark of pledge signing (issue 6): N signers (default 10,000) POST their signature at once through the
# HTTP API of the app on a real Kestrel bound to 127.0.0.1, PLEDGE_LOAD_CONCURRENCY (default 64) in flight at a time.
# It runs the suite's own load test (tests/Groundwork.Tests/Pledges/PledgeLoadTests.cs) with a larger N, so the same
# assertions hold: the count is exact, no duplicate, none lost, one activation, each signer told once. The rate,
# median and p99 latency and the CPU time per signature are printed last (RESULT lines, also in $OUT/results.txt) with
# the load average; the test's full output is in $OUT/pledges-<provider>.log.
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
STATUS=0
run() {
  local log="$OUT/pledges-$1.log" before after verdict
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "$(date -u +%FT%TZ) $1 load before: $before" >> "$PLEDGE_LOAD_REPORT"
  if dotnet test "$ROOT/tests/Groundwork.Tests" -c "$CONFIG" --no-build \
       --filter "FullyQualifiedName~PledgeLoadTests" --logger "console;verbosity=normal" > "$log" 2>&1; then
    verdict=PASS
  else
    verdict=FAIL; STATUS=1
    grep -E "Assert|Error Message|Failed " "$log" | head -20 || true
  fi
  after=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "$(date -u +%FT%TZ) $1 load after: $after" >> "$PLEDGE_LOAD_REPORT"
  local line
  # The test writes its figures to $PLEDGE_LOAD_REPORT (dotnet test does not echo a passing test's output).
  line=$(grep -h "signers=" "$PLEDGE_LOAD_REPORT" | tail -1 || true)
  echo "RESULT $1 $verdict ${line:-no figures (see $log)} load-before=[$before] load-after=[$after]" >> "$OUT/results.txt"
}
case "$WHICH" in
  sqlite) (unset GROUNDWORK_TEST_POSTGRES; run sqlite) ;;
  postgres) : "${GROUNDWORK_TEST_POSTGRES:?set it to a PostgreSQL server}"; run postgres ;;
  both) (unset GROUNDWORK_TEST_POSTGRES; run sqlite); : "${GROUNDWORK_TEST_POSTGRES:?set it to a PostgreSQL server}"; run postgres ;;
esac
# The figures last, one line per provider: PASS/FAIL (the load test's assertions: exact count, no duplicate, none lost,
# one activation, each signer told once), rate, median and p99 latency, CPU time, load average.
echo
echo "== pledge signing load test ($OUT) =="
cat "$OUT/results.txt"
grep -q "RESULT .* FAIL" "$OUT/results.txt" && exit 1
exit 0
