#!/usr/bin/env bash
# A cheap measurement for the Deliberation capability: a thread with 1,000 replies, rendered. Seeds the thread
# through the API on a fresh SQLite data directory, then times N sequential requests (curl, loopback only) of the
# thread's first and last API page and HTML page (50 replies each, Markdown rendered and sanitized), and of the
# thread list. Prints median and p99 per URL. See docs/benchmarks.md, section "Deliberation".
#
# Usage: bench/load/deliberation-thread.sh        Environment: N=50 REPLIES=1000 APP_PORT=5191 CONFIG=Debug|Release
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
N=${N:-50}; REPLIES=${REPLIES:-1000}; APP_PORT=${APP_PORT:-5191}; CONFIG=${CONFIG:-Debug}
DLL="$ROOT/src/Groundwork/bin/$CONFIG/net10.0/Groundwork.dll"
BASE="http://127.0.0.1:$APP_PORT"
TMP=$(mktemp -d /tmp/gw-delib.XXXXXX)
APP_PID=""
cleanup() { [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
export Groundwork__DataDirectory="$TMP/data" Groundwork__RateLimits__WritesPerMinute=1000000 Groundwork__Jobs__NotificationOutbox=off
mkdir -p "$Groundwork__DataDirectory"
cd "$ROOT/src/Groundwork"
dotnet "$DLL" admin create-user --email bench@example.org --password "bench password 2024!" --name Bench >/dev/null
TOKEN=$(dotnet "$DLL" admin create-token --email bench@example.org --name bench --scope write | tail -1)
ASPNETCORE_URLS="$BASE" dotnet "$DLL" >"$TMP/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.3; done
H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
ORG_JSON=$(curl -s "${H[@]}" -d '{"name":"Bench union","kind":"UnionLocal"}' "$BASE/api/v1/organizations")
ORG=$(echo "$ORG_JSON" | sed -E 's/^\{"id":([0-9]+).*/\1/')
[[ "$ORG" =~ ^[0-9]+$ ]] || { echo "creating the organization failed: ${ORG_JSON:0:300}" >&2; tail -20 "$TMP/app.log" >&2; exit 1; }
THREAD=$(curl -fs "${H[@]}" -d '{"title":"Long thread","body":"Opening **post**"}' "$BASE/api/v1/organizations/$ORG/discussions" | sed -E 's/^\{"id":([0-9]+).*/\1/')
start=$(date +%s)
for i in $(seq "$REPLIES"); do
  curl -fs -o /dev/null "${H[@]}" -d "{\"body\":\"Reply $i with **bold**, a [link](https://example.org/$i) and a list:\\n\\n- one\\n- two\"}" \
    "$BASE/api/v1/organizations/$ORG/discussions/$THREAD/replies"
done
echo "seeded $REPLIES replies in $(( $(date +%s) - start )) s (sequential POSTs)"
LAST=$(( (REPLIES + 49) / 50 ))
measure() {
  local url=$1
  curl -fs -o /dev/null "${H[@]}" "$BASE$url" # warm
  for _ in $(seq "$N"); do curl -fs -o /dev/null -w '%{time_total}\n' "${H[@]}" "$BASE$url"; done | sort -n >"$TMP/t"
  local med p99
  med=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}' "$TMP/t")
  p99=$(awk '{a[NR]=$1} END {i=int(NR*0.99+0.999); if(i>NR)i=NR; print a[i]*1000}' "$TMP/t")
  printf '%-70s median %7.1f ms  p99 %7.1f ms\n' "$url" "$med" "$p99"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $N requests each, sequential"
measure "/api/v1/organizations/$ORG/discussions/$THREAD"
measure "/api/v1/organizations/$ORG/discussions/$THREAD?page=$LAST"
measure "/organizations/$ORG/discussions/$THREAD"
measure "/organizations/$ORG/discussions/$THREAD?page=$LAST"
measure "/organizations/$ORG/discussions"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
