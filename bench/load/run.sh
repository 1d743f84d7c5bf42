#!/usr/bin/env bash
# Load benchmark of the web app: requests/s and p99 latency (wrk on loopback) of a trivial endpoint
# (/healthz), the signed-in home page (/) and an organization page, resident memory idle and under load,
# and the compressed bytes of a first and a repeat visit to the home page. See docs/benchmarks.md.
#
# Usage: bench/load/run.sh [sqlite|postgres|both]        (default: both, one after the other)
# Environment (all optional):
#   DURATION=15s THREADS=2 CONNECTIONS=16   wrk settings for every measured endpoint
#   WARMUP=5s                               wrk warm-up per endpoint before the idle memory sample
#   SIZE=large                              seed-demo size (large: 10,000 people, 26 organizations)
#   MODE=publish                            publish: `dotnet publish -c Release` into bench/load/publish and run
#                                           that (a deployment: precompressed, immutable static assets);
#                                           build: `dotnet build -c Release` and run bin/Release (as `dotnet run`)
#   NO_BUILD=1                              skip the build/publish step (use the existing output)
#   APP_DIR=dir                             with MODE=publish NO_BUILD=1: a published app elsewhere (before/after)
#   OUT=dir                                 where results go (default: bench/load/results/<UTC time>)
#   APP_PORT=5187 PG_PORT=55487             loopback ports for the app and the throwaway PostgreSQL
#   PG_BIN=/usr/lib/postgresql/15/bin
# Needs: dotnet, wrk, curl, gzip, brotli; for PostgreSQL, the server binaries and a `postgres` system user
# (initdb and pg_ctl run as that user through runuser, so the script runs as root for PostgreSQL).
# Everything it starts (app, sampler, PostgreSQL cluster) is stopped and its temp directory removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/load"
WHICH=${1:-both}
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-5s}
SIZE=${SIZE:-large}
APP_PORT=${APP_PORT:-5187}
PG_PORT=${PG_PORT:-55487}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
OUT=${OUT:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
MODE=${MODE:-publish}
case "$MODE" in
  publish) APP_DIR=${APP_DIR:-$HERE/publish} ;; # APP_DIR with NO_BUILD=1: run another published build
  build) APP_DIR="$ROOT/src/Groundwork" ;; # content root of the build output, as `dotnet run` has it
  *) echo "MODE is publish or build" >&2; exit 2 ;;
esac
DLL=$([[ $MODE == publish ]] && echo "$APP_DIR/Groundwork.dll" || echo "$ROOT/src/Groundwork/bin/Release/net10.0/Groundwork.dll")
BASE="http://127.0.0.1:$APP_PORT"
ORG_NAME="Leeds Hospitality Workers Local 12"
EMAIL="organizer@demo.groundwork"
PASSWORD="demo password 2024!"

case "$WHICH" in sqlite|postgres|both) ;; *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;; esac
for tool in dotnet wrk curl gzip brotli; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk brotli curl)" >&2; exit 2; }
done

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd) # absolute: the app is started from its own folder
TMP=$(mktemp -d /tmp/gw-load.XXXXXX)
chmod 755 "$TMP"
APP_PID="" SAMPLER_PID="" PG_DATA=""

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

cleanup() {
  set +e
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null
  stop_app
  if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1
  fi
  [[ -n "$PG_DATA" && -f "$PG_DATA/server.log" ]] && cp "$PG_DATA/server.log" "$OUT/postgres-server.log"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# Samples the app's resident set every 200 ms into a file while a load runs.
start_sampler() {
  local file=$1
  : >"$file"
  ( while kill -0 "$APP_PID" 2>/dev/null; do rss_kib "$APP_PID" >>"$file" 2>/dev/null || true; sleep 0.2; done ) &
  SAMPLER_PID=$!
}
stop_sampler() {
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
}

start_postgres() {
  [[ -x "$PG_BIN/initdb" ]] || { echo "PostgreSQL binaries not found in $PG_BIN" >&2; exit 2; }
  port_free "$PG_PORT" || { echo "port $PG_PORT is in use; set PG_PORT" >&2; exit 2; }
  PG_DATA="$TMP/pg"
  mkdir -p "$PG_DATA" && chown postgres "$PG_DATA" && chmod 700 "$PG_DATA"
  log "initdb (throwaway cluster in $PG_DATA, 127.0.0.1:$PG_PORT)"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$OUT/postgres-initdb.log" 2>&1
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA -c max_connections=200" start >/dev/null
  runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE groundwork" >/dev/null
}

# Signs in through the login form like a browser and leaves the cookies in $TMP/jar.
sign_in() {
  local jar="$TMP/jar" page token status
  rm -f "$jar"
  page=$(curl -sS -c "$jar" -b "$jar" "$BASE/Account/Login")
  token=$(grep -oP '<input[^>]*name="__RequestVerificationToken"[^>]*>' <<<"$page" | grep -oP 'value="\K[^"]+' | head -1)
  [[ -n "$token" ]] || { echo "no antiforgery token on /Account/Login" >&2; exit 1; }
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD" "$BASE/Account/Login")
  grep -qP '\tgw\t' "$jar" || { echo "sign-in failed (HTTP $status, no gw cookie)" >&2; exit 1; }
  # Every cookie the browser would send: the session (gw) and the antiforgery cookie (gw-af), so that the
  # pages' forms do not mint a new antiforgery cookie on every request.
  awk -F'\t' 'NF == 7 && $1 !~ /^# / { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}

# CPU seconds (user + system) used so far by a process, or by the PostgreSQL server and all its backends.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]] || { echo 0; return; }
  local pm t=0 p; pm=$(head -1 "$PG_DATA/postmaster.pid")
  for p in $pm $(ps -o pid= --ppid "$pm"); do t=$((t + $(cpu_ticks "$p"))); done
  echo "$t"
}
TICKS=$(getconf CLK_TCK)

run_wrk() { # name path provider [cookie] -> appends a RESULT line to the provider's results
  local name=$1 path=$2 provider=$3 cookie=${4-$COOKIE} res="$OUT/$3.txt" peak
  start_sampler "$TMP/rss-$name"
  local app0 pg0 app1 pg1; app0=$(cpu_ticks "$APP_PID"); pg0=$(pg_ticks)
  GW_COOKIE="$cookie" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/status.lua" "$BASE$path" \
    >"$OUT/$provider-wrk-$name.txt" 2>&1
  app1=$(cpu_ticks "$APP_PID"); pg1=$(pg_ticks)
  stop_sampler
  peak=$(sort -n "$TMP/rss-$name" | tail -1)
  local line
  line=$(grep '^RESULT' "$OUT/$provider-wrk-$name.txt")
  local n; n=$(grep -oP '^RESULT requests=\K[0-9]+' <<<"$line")
  local cpu; cpu=$(awk -v a=$((app1 - app0)) -v p=$((pg1 - pg0)) -v n="$n" -v hz="$TICKS" \
    'BEGIN { printf "app_cpu_ms_per_req=%.3f db_cpu_ms_per_req=%.3f", a * 1000 / hz / n, p * 1000 / hz / n }')
  echo "$name path=$path ${line#RESULT } $cpu peak_rss_mib=$(mib "$peak")" | tee -a "$res" >&2
}

hdr() { grep -i "^$1:" "$2" | tr -d '\r' | cut -d' ' -f2- || true; } # header value or nothing

# First and repeat visit to the signed-in home page: HTML plus every linked asset, as served.
measure_bytes() {
  local provider=$1 res="$OUT/$1-bytes.txt" html="$TMP/home.html"
  : >"$res"
  curl -sS -H "Cookie: $COOKIE" -D "$TMP/home.h" -o "$html" "$BASE/"
  curl -sS -o /dev/null -D "$TMP/home-br.h" -H "Cookie: $COOKIE" -H 'Accept-Encoding: br, gzip' "$BASE/"
  local raw gz br enc
  raw=$(wc -c <"$html"); gz=$(gzip -9c "$html" | wc -c); br=$(brotli -q 11 -c "$html" | wc -c)
  enc=$(hdr content-encoding "$TMP/home-br.h"); enc=${enc:-none}
  local cc; cc=$(hdr cache-control "$TMP/home.h")
  echo "html / raw=$raw gzip9=$gz brotli11=$br served_encoding_for_br_gzip=$enc cache_control=\"$cc\"" >>"$res"
  local first_gz=$gz first_br=$br repeat_gz=$gz repeat_br=$br
  # Linked assets: stylesheets, scripts, images, icons (the page has <base href="/">).
  local assets
  assets=$(grep -oP '<(link|script|img)\b[^>]*>' "$html" | grep -oP '(href|src)="\K[^"]+' | grep -vP '^(https?:|data:|#)' | sort -u || true)
  for a in $assets; do
    local url="$BASE/${a#/}" h="$TMP/a.h" b="$TMP/a.b" size_id size_gz size_br enc_gz enc_br acc etag
    # Same-origin: the browser sends the session cookie with every asset request.
    size_id=$(curl -sS -H "Cookie: $COOKIE" -o "$b" -D "$h" -w '%{size_download}' "$url")
    acc=$(hdr cache-control "$h")
    etag=$(hdr etag "$h")
    size_gz=$(curl -sS -H "Cookie: $COOKIE" -o /dev/null -D "$h" -w '%{size_download}' -H 'Accept-Encoding: gzip' "$url")
    enc_gz=$(hdr content-encoding "$h"); enc_gz=${enc_gz:-identity}
    size_br=$(curl -sS -H "Cookie: $COOKIE" -o /dev/null -D "$h" -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$url")
    enc_br=$(hdr content-encoding "$h"); enc_br=${enc_br:-identity}
    # A repeat visit: an asset with a long max-age is not requested at all; otherwise the browser
    # revalidates with If-None-Match and gets a 304 without a body if nothing changed.
    local rep_status rep_size
    if grep -qi 'no-store' <<<"$acc"; then
      rep_status="no-store(downloaded again)"; rep_size=$size_br
    elif grep -qiP 'immutable|max-age=[1-9]' <<<"$acc"; then
      rep_status="cached(no request)"; rep_size=0
    else
      read -r rep_status rep_size < <(curl -sS -H "Cookie: $COOKIE" -o /dev/null -w '%{http_code} %{size_download}\n' ${etag:+-H "If-None-Match: $etag"} "$url")
    fi
    local status; status=$(head -1 "$h" | cut -d' ' -f2)
    echo "asset /${a#/} status=$status identity=$size_id gzip_request=$size_gz($enc_gz) br_request=$size_br($enc_br) cache_control=\"$acc\" etag=${etag:-none} repeat=$rep_status/$rep_size" >>"$res"
    first_gz=$((first_gz + size_gz)); first_br=$((first_br + size_br))
    local rep_gz=$rep_size; [[ $rep_status == no-store* ]] && rep_gz=$size_gz
    repeat_gz=$((repeat_gz + rep_gz)); repeat_br=$((repeat_br + rep_size))
  done
  echo "total first_visit_gzip=$first_gz first_visit_br=$first_br repeat_visit_gzip=$repeat_gz repeat_visit_br=$repeat_br (bodies only; HTML compressed locally at gzip -9 / brotli 11, assets as served)" >>"$res"
  cat "$res" >&2
}

# Database commands per request, counted from EF Core's command log (a separate app start: logging every
# command would slow the load runs). Deterministic, unlike the timings.
count_queries() {
  local provider=$1 org_id=$2 res="$OUT/$1.txt" qlog="$OUT/$1-queries.log"
  stop_app
  (cd "$APP_DIR" && exec env ASPNETCORE_URLS="$BASE" 'Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information' \
     dotnet "$DLL" >"$qlog" 2>&1) &
  APP_PID=$!
  for _ in $(seq 300); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
  curl -sf -o /dev/null "$BASE/healthz" || { echo "app did not start; see $qlog" >&2; exit 1; }
  local name path before after line="queries"
  for name in healthz home org css; do
    case $name in healthz) path=/healthz ;; home) path=/ ;; org) path="/organizations/$org_id" ;;
      css) path=/$(grep -oP '^asset /\K\S+\.css' "$OUT/$provider-bytes.txt" | head -1) ;; esac
    curl -sS -o /dev/null -H "Cookie: $COOKIE" "$BASE$path" # first request after start: caches, key ring
    sleep 0.5; before=$(grep -c 'Executed DbCommand' "$qlog" || true)
    curl -sS -o /dev/null -H "Cookie: $COOKIE" "$BASE$path"
    sleep 0.5; after=$(grep -c 'Executed DbCommand' "$qlog" || true)
    line+=" $name=$((after - before))"
  done
  echo "$line (database commands for one signed-in request, after a first one)" | tee -a "$res" >&2
}

run_provider() {
  local provider=$1 res="$OUT/$1.txt"
  : >"$res"
  export Groundwork__DataDirectory="$TMP/data-$provider"
  mkdir -p "$Groundwork__DataDirectory"
  if [[ $provider == postgres ]]; then
    start_postgres
    export Groundwork__Database__Provider=Postgres
    export Groundwork__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=groundwork;Pooling=true"
  else
    export Groundwork__Database__Provider=Sqlite
    unset Groundwork__Database__ConnectionString
  fi
  log "$provider: seed-demo --size $SIZE"
  local t0=$SECONDS
  (cd "$APP_DIR" && dotnet "$DLL" admin seed-demo --size "$SIZE") 2>&1 | tee -a "$OUT/$provider-seed.log" >&2
  log "$provider: seeded in $((SECONDS - t0)) s"

  port_free "$APP_PORT" || { echo "port $APP_PORT is in use; set APP_PORT" >&2; exit 2; }
  # Production environment (the default); the content root is the published folder (or src/Groundwork).
  (cd "$APP_DIR" && ASPNETCORE_URLS="$BASE" exec dotnet "$DLL" >"$OUT/$provider-app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 300); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
  curl -sf -o /dev/null "$BASE/healthz" || { echo "app did not start; see $OUT/$provider-app.log" >&2; exit 1; }
  # `dotnet app.dll` runs the app in the dotnet host process itself: this pid is the app's.
  log "$provider: app up (pid $APP_PID), signing in"

  COOKIE=$(sign_in)
  local org_id
  org_id=$(curl -sS -H "Cookie: $COOKIE" "$BASE/" | grep -oP "href=\"organizations/\K[0-9]+(?=\">\Q$ORG_NAME\E</a>)" | head -1)
  [[ -n "$org_id" ]] || { echo "organization '$ORG_NAME' not on the home page" >&2; exit 1; }
  local org_status; org_status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/organizations/$org_id")
  [[ $org_status == 200 ]] || { echo "organization page answered $org_status" >&2; exit 1; }

  log "$provider: warm-up ($WARMUP per endpoint, not recorded)"
  for p in /healthz / "/organizations/$org_id"; do
    GW_COOKIE="$COOKIE" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/status.lua" "$BASE$p" >>"$OUT/$provider-warmup.txt" 2>&1
  done
  sleep 5
  local idle; idle=$(rss_kib "$APP_PID")
  echo "memory idle_rss_mib=$(mib "$idle") (after seeding, sign-in and warm-up, 5 s quiet)" | tee -a "$res" >&2

  log "$provider: load (wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency)"
  run_wrk healthz /healthz "$provider"
  run_wrk healthz-anon /healthz "$provider" "" # the same without a session: no stamp check, no cookie renewal
  run_wrk home / "$provider"
  run_wrk org "/organizations/$org_id" "$provider"
  run_wrk healthz-end /healthz "$provider" # the first measurement again: shows drift (noise, JIT) over the run
  echo "memory peak_rss_mib_since_start=$(mib "$(hwm_kib "$APP_PID")") (VmHWM)" | tee -a "$res" >&2

  log "$provider: bytes of a first and a repeat visit"
  measure_bytes "$provider"
  count_queries "$provider" "$org_id"
  grep -iE 'fail|error|exception' "$OUT/$provider-app.log" | head -5 >&2 || true
  stop_app
}

if [[ -z "${NO_BUILD:-}" ]]; then
  if [[ $MODE == publish ]]; then
    log "dotnet publish src/Groundwork -c Release -o bench/load/publish"
    rm -rf "$APP_DIR"
    (cd "$ROOT" && dotnet publish src/Groundwork -c Release -o "$APP_DIR" -v q -nologo) >"$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log" >&2; exit 1; }
  else
    log "dotnet build src/Groundwork -c Release"
    (cd "$ROOT" && dotnet build src/Groundwork -c Release -v q -nologo) >"$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log" >&2; exit 1; }
  fi
fi
{
  echo "date_utc=$(date -u +%FT%TZ) commit=$(git -C "$ROOT" rev-parse --short HEAD) app_dir=$APP_DIR dotnet=$(dotnet --version)"
  echo "cpu=$(nproc)x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs) mem=$(free -g | awk '/^Mem:/ {print $2}')GiB"
  echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg) wrk=-t$THREADS -c$CONNECTIONS -d$DURATION size=$SIZE mode=$MODE"
} | tee "$OUT/machine.txt" >&2

# (if, not &&: errexit must stay on inside run_provider)
if [[ $WHICH == sqlite || $WHICH == both ]]; then run_provider sqlite; fi
if [[ $WHICH == postgres || $WHICH == both ]]; then run_provider postgres; fi

# Ratios to /healthz from the same run.
for f in "$OUT"/sqlite.txt "$OUT"/postgres.txt; do
  [[ -f $f ]] || continue
  awk -v p="$(basename "$f" .txt)" '
    /^(healthz|healthz-anon|home|org|healthz-end) / { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] = kv[2] } n[$1] = 1 }
    END {
      for (e in n) if (e != "healthz")
        printf "%s %s rps=%s (%.3f of healthz) p99_ms=%s (%.1fx healthz)\n", p, e, v[e, "rps"], v[e, "rps"] / v["healthz", "rps"],
          v[e, "p99_ms"], v[e, "p99_ms"] / v["healthz", "p99_ms"]
    }' "$f"
done | sort | tee "$OUT/summary.txt" >&2
echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2
log "results in $OUT"
