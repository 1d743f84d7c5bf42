#!/usr/bin/env bash
# Pledge signing (issue 6) against the app as deployed: `dotnet Groundwork.dll` from the Release build with its own
# runtimeconfig (Server GC, TieredPGO off), Production settings, Kestrel on 127.0.0.1, and the load client out of
# process (wrk, bench/load/pledges.lua). N signers (default 10,000), each with a personal access token and a
# membership, POST SignPledge once each, CONNECTIONS (default 64) in flight; the threshold (2/3 of them) is crossed
# mid-run, so the last third get 409. After the run bench/Groundwork.PledgeLoad checks against the database: 201 + 409
# = N, the maintained count = the rows = the 201s, no duplicate hash, one activation, every signer told once and the
# told people are exactly the signers. Prints one RESULT line per provider last (PASS/FAIL, rate, median, p99, CPU of
# the app process per signature, of PostgreSQL too, load average); exits non-zero on FAIL.
#
# Usage: bench/load/pledges-app.sh [sqlite|postgres|both]        (default both)
# Environment: APP_DLL=<a Groundwork.dll> PERF=1 | TRACE=<dotnet-trace> (profiles, see below) SIGNERS=10000 WARMUP=2000 CONNECTIONS=64 (also wrk's threads: one connection each) NO_BUILD=1 APP_PORT=5611 PG_PORT=55611
#              PG_BIN=/usr/lib/postgresql/15/bin OUT=bench/load/results/<time>
# PostgreSQL is a throwaway cluster started here (runuser -u postgres, so run as root) with the default durability
# (fsync on, synchronous_commit on), on 127.0.0.1 only. Everything started is stopped and its temp directory removed.
# The write rate limit (per person, 120/min by default) is raised for the run, as it was when bearer writes were
# limited per client address and ten thousand signers all came from 127.0.0.1; kept so that figures stay comparable.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/load"
WHICH=${1:-both}
SIGNERS=${SIGNERS:-10000}
WARMUP=${WARMUP:-2000}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=$CONNECTIONS
APP_PORT=${APP_PORT:-5611}
PG_PORT=${PG_PORT:-55611}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
OUT=${OUT:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)-pledges-app}
APP_DLL=${APP_DLL:-"$ROOT/src/Groundwork/bin/Release/net10.0/Groundwork.dll"} # another build of the app: before/after
LOAD_DLL="$ROOT/bench/Groundwork.PledgeLoad/bin/Release/net10.0/Groundwork.PledgeLoad.dll"
BASE="http://127.0.0.1:$APP_PORT"
case "$WHICH" in sqlite|postgres|both) ;; *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;; esac
for tool in dotnet wrk curl python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }; done
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
TMP=$(mktemp -d /tmp/gw-pledges.XXXXXX); chmod 755 "$TMP"
APP_PID="" PG_DATA=""

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
stop_pg() {
  if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
cleanup() { set +e; stop_app; stop_pg; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]] || { echo 0; return; }
  local pm t=0 p; pm=$(head -1 "$PG_DATA/postmaster.pid")
  for p in $pm $(ps -o pid= --ppid "$pm"); do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
HZ=$(getconf CLK_TCK)

if [[ -z "${NO_BUILD:-}" ]]; then
  dotnet build "$ROOT/bench/Groundwork.PledgeLoad" -c Release -v q -nologo >"$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log" >&2; exit 1; }
fi
[[ -f "$APP_DLL" && -f "$LOAD_DLL" ]] || { echo "build first (or drop NO_BUILD)" >&2; exit 2; }

run() {
  local provider=$1 dir="$TMP/$1" log="$OUT/$1"
  mkdir -p "$dir/data"
  export Groundwork__DataDirectory="$dir/data" Groundwork__RateLimits__WritesPerMinute=1000000
  if [[ $provider == postgres ]]; then
    port_free "$PG_PORT" || { echo "port $PG_PORT is in use; set PG_PORT" >&2; exit 2; }
    PG_DATA="$dir/pg"; mkdir -p "$PG_DATA"; chown postgres "$PG_DATA"; chmod 700 "$PG_DATA"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$log-initdb.log" 2>&1
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA -c max_connections=200" start >/dev/null
    runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE groundwork" >/dev/null
    export Groundwork__Database__Provider=Postgres
    export Groundwork__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=groundwork;Pooling=true;Maximum Pool Size=100"
  else
    export Groundwork__Database__Provider=Sqlite
    unset Groundwork__Database__ConnectionString
  fi
  local org; org=$(cd "$ROOT/src/Groundwork" && dotnet "$LOAD_DLL" seed "$SIGNERS" "$dir" 2>"$log-seed.log" | tail -1)
  [[ $org =~ ^[0-9]+$ ]] || { cat "$log-seed.log" >&2; exit 1; }
  port_free "$APP_PORT" || { echo "port $APP_PORT is in use; set APP_PORT" >&2; exit 2; }
  # `dotnet Groundwork.dll` runs the app in this process (the pid is the app's), content root src/Groundwork as `dotnet run`.
  (cd "$ROOT/src/Groundwork" && ASPNETCORE_URLS="$BASE" exec env ${PERF:+DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} dotnet "$APP_DLL" >"$log-app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 300); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
  curl -sf -o /dev/null "$BASE/healthz" || { echo "app did not start; see $log-app.log" >&2; exit 1; }
  local admin threshold pledge
  admin=$(cat "$dir/admin")
  threshold=$((SIGNERS * 2 / 3))
  create() { # minSigners -> pledge id
    curl -sS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"statement\":\"Load pledge\",\"deadline\":\"$(date -u -d '+1 day' +%FT%TZ)\",\"minSigners\":$1}" \
      "$BASE/api/v1/organizations/$org/pledges" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' || true
  }
  sign() { # pledge tokens-file wrk-output: each token signs once, CONNECTIONS in flight
    rm -f "$dir/done"
    PLEDGE_TOKENS="$2" PLEDGE_DONE="$dir/done" PLEDGE_THREADS=$THREADS PLEDGE_PATH="/api/v1/organizations/$org/pledges/$1/signatures" \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d180s --timeout 60s --latency -s "$HERE/pledges.lua" "$BASE" >"$3" 2>&1 &
    local wrk_pid=$! # wrk sleeps for all of -d: interrupted (it then reports) once every thread has noted its last answer
    while kill -0 "$wrk_pid" 2>/dev/null; do
      if [[ -f "$dir/done" && $(wc -l <"$dir/done") -ge $THREADS ]]; then sleep 0.2; kill -INT "$wrk_pid" 2>/dev/null || true; break; fi
      sleep 0.1
    done
    wait "$wrk_pid" || true
  }
  # Warm-up, not measured (WARMUP signers, default 2,000, 0 for none): the same people sign another pledge first, so that
  # the run measures a server past its start (JIT tiering, pools), as one that has been up for a while is.
  if (( WARMUP > 0 )); then
    local warm; warm=$(create $((WARMUP * 2 / 3)))
    [[ $warm =~ ^[0-9]+$ ]] || { echo "could not create the warm-up pledge; see $log-app.log" >&2; exit 1; }
    head -n "$WARMUP" "$dir/tokens" >"$dir/warm-tokens"
    sign "$warm" "$dir/warm-tokens" "$log-warmup.txt"
    sleep 2
  fi
  pledge=$(create "$threshold")
  [[ $pledge =~ ^[0-9]+$ ]] || { echo "could not create the pledge; see $log-app.log" >&2; exit 1; }
  local before app0 pg0 app1 pg1 line trace_pid=""
  # TRACE=/path/to/dotnet-trace: a CPU sampling trace of the app during the run, in $OUT/<provider>.nettrace (slows it).
  if [[ -n "${TRACE:-}" ]]; then
    "$TRACE" collect -p "$APP_PID" --profile dotnet-sampled-thread-time,dotnet-common -o "$log.nettrace" >"$log-trace.log" 2>&1 &
    trace_pid=$!; sleep 2
  fi
  # PERF=1: CPU samples of the app (perf, with the runtime's perf map for JIT-compiled code) in $OUT/<provider>.perf.data.
  if [[ -n "${PERF:-}" ]]; then
    perf record -e cpu-clock -F 499 -g -p "$APP_PID" -o "$log.perf.data" >"$log-perf.log" 2>&1 &
    trace_pid=$!; sleep 1
  fi
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  app0=$(ticks "$APP_PID"); pg0=$(pg_ticks)
  sign "$pledge" "$dir/tokens" "$log-wrk.txt"
  if [[ -n $trace_pid ]]; then kill -TERM "$trace_pid" 2>/dev/null || true; wait "$trace_pid" || true; fi
  app1=$(ticks "$APP_PID"); pg1=$(pg_ticks)
  local after; after=$(cut -d' ' -f1-3 /proc/loadavg)
  line=$(grep '^RESULT' "$log-wrk.txt" || true)
  [[ -n $line ]] || { cat "$log-wrk.txt" >&2; exit 1; }
  local created conflict verdict=PASS
  created=$(grep -oP 'created=\K[0-9]+' <<<"$line"); conflict=$(grep -oP 'conflict=\K[0-9]+' <<<"$line")
  stop_app
  (cd "$ROOT/src/Groundwork" && dotnet "$LOAD_DLL" check "$dir" "$pledge" "$created" "$conflict") >"$log-check.txt" 2>&1 || verdict=FAIL
  cat "$log-check.txt" >&2
  grep -iE '\b(fail|crit)[a-z]*:' "$log-app.log" | head -5 >&2 || true
  stop_pg
  local cpu; cpu=$(awk -v a=$((app1 - app0)) -v p=$((pg1 - pg0)) -v n="$SIGNERS" -v hz="$HZ" \
    'BEGIN { printf "app_cpu=%.1fs app_cpu_per_signature=%.2fms db_cpu_per_signature=%.2fms", a / hz, a * 1000 / hz / n, p * 1000 / hz / n }')
  echo "RESULT $provider $verdict ${line#RESULT } $cpu load-before=[$before] load-after=[$after]" >>"$OUT/results.txt"
  [[ $verdict == PASS ]]
}

STATUS=0
{ echo "date_utc=$(date -u +%FT%TZ) commit=$(git -C "$ROOT" rev-parse --short HEAD) signers=$SIGNERS connections=$CONNECTIONS threads=$THREADS"
  echo "cpu=$(nproc)x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"; } >"$OUT/machine.txt"
# (run's own failures exit the script through the trap; its verdict FAIL returns 1)
if [[ $WHICH == sqlite || $WHICH == both ]]; then run sqlite || STATUS=1; fi
if [[ $WHICH == postgres || $WHICH == both ]]; then run postgres || STATUS=1; fi
echo
echo "== pledge signing, the app as deployed, wrk out of process ($OUT) =="
cat "$OUT/machine.txt" "$OUT/results.txt"
exit $STATUS
