#!/usr/bin/env bash
# Contact import benchmark (issue 4): a 100,000-row CSV uploaded to the running app on 127.0.0.1, mapped, started,
# and polled until done. Reports the wall time of the run (start → Done, the one-transaction write) and of the whole
# path (upload → Done), and the app's peak resident memory (VmHWM). See docs/benchmarks.md, "Contact import".
#
# Usage: bench/load/import.sh [sqlite|postgres|both]     (default: sqlite)
# Environment: ROWS=100000  APP_PORT=5191  PG_PORT=55505 (an already running PostgreSQL on loopback, trust auth)
#              NO_BUILD=1 (use the existing bin/Release output)
# Sends traffic only to 127.0.0.1. Everything it starts is stopped, and its temp directory removed, on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WHICH=${1:-sqlite}
ROWS=${ROWS:-100000}
APP_PORT=${APP_PORT:-5191}
PG_PORT=${PG_PORT:-55505}
BASE="http://127.0.0.1:$APP_PORT"
DLL="$ROOT/src/Groundwork/bin/Release/net10.0/Groundwork.dll"
TMP=$(mktemp -d /tmp/gw-import.XXXXXX)
APP_PID=""
cleanup() { set +e; cp "$TMP"/*-app.log /tmp/ 2>/dev/null; [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

[[ -n "${NO_BUILD:-}" ]] || dotnet build -c Release "$ROOT/src/Groundwork" -v q -nologo >/dev/null

log "generating $ROWS rows"
python3 - "$TMP/contacts.csv" "$ROWS" <<'PY'
import sys, random
path, n = sys.argv[1], int(sys.argv[2])
random.seed(4)
first = ["Ana","Bo","Cy","Dee","Eli","Fatima","Gus","Hana","Iker","Jo","Kemal","Lucía","Mo","Nadia","Omar","Pia"]
last = ["García","Smith","Nowak","Okafor","Rossi","Kim","Silva","Haddad","Müller","Ivanova"]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("Nombre,Correo,Teléfono,Departamento,Turno,Etiquetas,Puesto,Notas\n")
    for i in range(n):
        name = f"{random.choice(first)} {random.choice(last)} {i}"
        f.write(f'{name},p{i}@example.test,+34 6{i:08d},Dept {i % 50:02d},{"Day" if i % 2 else "Night"},'
                f'"tag{i % 7}; lang{i % 3}",Line cook,"Met at the gate, wants a raise"\n')
PY
ls -l "$TMP/contacts.csv" >&2

run() {
  local provider=$1
  export Groundwork__DataDirectory="$TMP/data-$provider" Groundwork__RateLimits__WritesPerMinute=100000
  mkdir -p "$Groundwork__DataDirectory"
  if [[ $provider == postgres ]]; then
    local db="gw_bench_import_$$"
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $db" >/dev/null
    export Groundwork__Database__Provider=Postgres Groundwork__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$db;Pooling=true"
  else
    export Groundwork__Database__Provider=Sqlite; unset Groundwork__Database__ConnectionString
  fi
  (cd "$ROOT/src/Groundwork" && dotnet "$DLL" admin create-user --email bench@example.test --password "bench password 2026!" >/dev/null)
  local token; token=$(cd "$ROOT/src/Groundwork" && dotnet "$DLL" admin create-token --email bench@example.test --name bench --scope write | grep -o "gwp_[A-Za-z0-9_-]*" | tail -1)
  (cd "$ROOT/src/Groundwork" && ASPNETCORE_URLS="$BASE" exec dotnet "$DLL" >"$TMP/$provider-app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 240); do curl -sS --fail-with-body "$BASE/healthz" >/dev/null && break; sleep 0.5; done
  local pid; pid=$(pgrep -P "$APP_PID" -f Groundwork.dll || echo "$APP_PID")
  echo "token: ${token:0:8}… (${#token} chars)" >&2
  local H=(-H "Authorization: Bearer $token")
  local org; org=$(curl -sS --fail-with-body "${H[@]}" -H 'Content-Type: application/json' -d '{"name":"Bench Local '"$provider"'","kind":"UnionLocal","visibility":"Secret"}' "$BASE/api/v1/organizations" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  local t0; t0=$(date +%s.%N)
  local job; job=$(curl -sS --fail-with-body "${H[@]}" -F "file=@$TMP/contacts.csv;type=text/csv" "$BASE/api/v1/organizations/$org/contact-imports")
  local id; id=$(echo "$job" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  local settings; settings=$(echo "$job" | python3 -c 'import sys,json;j=json.load(sys.stdin);print(json.dumps({"columns":j["suggestedColumns"],"duplicates":"Skip","createUnits":True}))')
  local t1; t1=$(date +%s.%N)
  curl -sS --fail-with-body "${H[@]}" -H 'Content-Type: application/json' -d "$settings" "$BASE/api/v1/organizations/$org/contact-imports/$id/start" >/dev/null
  local t2; t2=$(date +%s.%N) status="" seen=""
  while :; do
    status=$(curl -sS --fail-with-body "${H[@]}" "$BASE/api/v1/organizations/$org/contact-imports/$id" | python3 -c 'import sys,json;j=json.load(sys.stdin);print(j["status"], j["percent"], j["created"])')
    seen="$seen ${status#* }"
    [[ $status == Done* || $status == Failed* ]] && break
    sleep 0.5
  done
  local t3; t3=$(date +%s.%N)
  local hwm; hwm=$(grep VmHWM /proc/"$pid"/status | awk '{print $2/1024 " MB"}')
  printf '%s: rows=%s upload+parse+store=%.1fs start(validate all rows)=%.1fs run=%.1fs total=%.1fs peak-rss=%s status=%s load="%s"\n' \
    "$provider" "$ROWS" "$(echo "$t1-$t0" | bc)" "$(echo "$t2-$t1" | bc)" "$(echo "$t3-$t2" | bc)" "$(echo "$t3-$t0" | bc)" "$hwm" "$status" "$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "progress seen while polling (percent created):$seen" | cut -c1-400 >&2
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  [[ $provider == postgres ]] && psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS gw_bench_import_$$ WITH (FORCE)" >/dev/null
  return 0
}

case "$WHICH" in
  sqlite|postgres) run "$WHICH" ;;
  both) run sqlite; run postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
