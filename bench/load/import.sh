#!/usr/bin/env bash
# Contact import benchmark (issue 4): 100,000 realistic rows (names, phones and emails in several formats, units, tags,
# notes with quotes and commas, 2% duplicates of earlier rows by email or phone) uploaded to the app on 127.0.0.1,
# mapped, started and polled until done, while another client keeps writing (a new contact every half second). Before
# that, the same file with 100 bad rows is refused (per-row errors, nothing written). Prints the time of each step,
# rows/s, the app's peak resident memory (VmHWM), the slowest progress poll and concurrent write during the run, and
# the load average. See docs/benchmarks.md, "Organizing (issue 4): importing 100,000 contacts".
#
# Usage: bench/load/import.sh [sqlite|postgres|both]     (default: sqlite)
# Environment: ROWS=100000  APP_PORT=5191  PG_PORT=55505 (an already running PostgreSQL on loopback, trust auth)
#              NO_BUILD=1 (use the existing bin/Release output)
# Sends traffic only to 127.0.0.1, bounded (the run is given up after 15 minutes). Everything it starts is stopped,
# and its temp directory removed, on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WHICH=${1:-sqlite}
ROWS=${ROWS:-100000}
APP_PORT=${APP_PORT:-5191}
PG_PORT=${PG_PORT:-55505}
BASE="http://127.0.0.1:$APP_PORT"
DLL="$ROOT/src/Groundwork/bin/Release/net10.0/Groundwork.dll"
TMP=$(mktemp -d /tmp/gw-import.XXXXXX)
APP_PID="" WRITER_PID=""
cleanup() {
  set +e
  cp "$TMP"/*-app.log /tmp/ 2>/dev/null
  [[ -n "$WRITER_PID" ]] && kill "$WRITER_PID" 2>/dev/null
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

[[ -n "${NO_BUILD:-}" ]] || dotnet build -c Release "$ROOT/src/Groundwork" -v q -nologo >/dev/null

log "generating $ROWS rows, and a copy with 100 bad rows"
cat >"$TMP/gen.py" <<'EOF'
import sys, random
path, bad_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(4)
first = ["Ana","Bo","Cy","Dee","Eli","Fatima","Gus","Hana","Iker","Jo","Kemal","Lucía","Mo","Nadia","Omar","Pia","Quique","Rosa","Sven","Tariq","Uma","Víctor","Wen","Xiomara","Yusuf","Zoë"]
last = ["García","Smith","Nowak","Okafor","Rossi","Kim","Silva","Haddad","Müller","Ivanova","O'Brien","Nguyen","Pérez","Dubois"]
depts = ["Kitchen","Floor","Warehouse","Front desk","Laundry","Maintenance","Delivery","Office"]
tags = ["leader","spanish","night owl","steward","new hire","parent","driver"]
notes = ["", "", "", "Met at the gate, wants a raise", 'Worried about "the schedule"', "Talked 2026-11-03; supportive", "Ask about childcare, evenings"]
def phone(i):
    d = f"6{i:08d}"
    return random.choice([f"+34 {d[:3]} {d[3:6]} {d[6:]}", f"({d[:3]}) {d[3:6]}-{d[6:]}", f"+34{d}", f"{d[:3]}.{d[3:6]}.{d[6:]}"])
def q(v): return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
rows = []
for i in range(n):
    if i > 100 and random.random() < 0.02:  # the same person again, from another sheet: same email or same phone
        r = rows[random.randrange(i)]
        email = r[1] if r[1] and (not r[2] or random.random() < 0.5) else ""
        tel = r[2] if not email else ""
        name = r[0]
    else:
        name = f"{random.choice(first)} {random.choice(last)}"
        email = f"{name.split()[0].lower()}.{i}@example.test" if random.random() < 0.8 else ""
        tel = phone(i) if random.random() < 0.9 or not email else ""
    rows.append((name, email, tel, random.choice(depts), random.choice(["Day", "Night", "Weekend"]),
                 "; ".join(random.sample(tags, random.randint(0, 2))), random.choice(["Line cook", "Porter", "Driver", "Clerk", ""]),
                 random.choice(notes)))
header = "Nombre,Correo,Teléfono,Departamento,Turno,Etiquetas,Puesto,Notas\n"
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(header)
    for r in rows: f.write(",".join(q(v) for v in r) + "\n")
with open(bad_path, "w", encoding="utf-8", newline="") as f:
    f.write(header)
    for i, r in enumerate(rows):
        if i % max(1, n // 100) == 7:
            r = (r[0], "not-an-email", *r[2:]) if i % 2 else ('=HYPERLINK("x")', *r[1:])
        f.write(",".join(q(v) for v in r) + "\n")
EOF
python3 "$TMP/gen.py" "$TMP/contacts.csv" "$TMP/bad.csv" "$ROWS"
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
  for _ in $(seq 240); do curl -sS --fail-with-body "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  local pid; pid=$(pgrep -P "$APP_PID" -f Groundwork.dll || echo "$APP_PID")
  local H=(-H "Authorization: Bearer $token")
  local org; org=$(curl -sS --fail-with-body "${H[@]}" -H 'Content-Type: application/json' -d '{"name":"Bench Local '"$provider"'","kind":"UnionLocal","visibility":"Secret"}' "$BASE/api/v1/organizations" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  local api="$BASE/api/v1/organizations/$org"

  # The file with bad rows: refused at start with the rows named, nothing written.
  local b0; b0=$(now)
  local bad; bad=$(curl -sS --fail-with-body "${H[@]}" -F "file=@$TMP/bad.csv;type=text/csv" "$api/contact-imports")
  local bid; bid=$(echo "$bad" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  local bset; bset=$(echo "$bad" | python3 -c 'import sys,json;j=json.load(sys.stdin);print(json.dumps({"columns":j["suggestedColumns"],"duplicates":"Skip","createUnits":True}))')
  local bcode; bcode=$(curl -sS -o "$TMP/bad.json" -w '%{http_code}' "${H[@]}" -H 'Content-Type: application/json' -d "$bset" "$api/contact-imports/$bid/start")
  local b1; b1=$(now)
  local after_bad; after_bad=$(curl -sS --fail-with-body "${H[@]}" "$api/contacts?pageSize=1" | python3 -c 'import sys,json;print(json.load(sys.stdin)["total"])')
  echo "bad rows: start answered $bcode in $(secs "$b0" "$b1")s (upload + check): $(python3 -c 'import sys,json;print(json.load(open(sys.argv[1]))["title"][:160])' "$TMP/bad.json")…; contacts after: $after_bad" >&2

  local t0; t0=$(now)
  local job; job=$(curl -sS --fail-with-body "${H[@]}" -F "file=@$TMP/contacts.csv;type=text/csv" "$api/contact-imports")
  local id; id=$(echo "$job" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  local settings; settings=$(echo "$job" | python3 -c 'import sys,json;j=json.load(sys.stdin);print(json.dumps({"columns":j["suggestedColumns"],"duplicates":"Skip","createUnits":True}))')
  local t1; t1=$(now)
  curl -sS --fail-with-body "${H[@]}" -H 'Content-Type: application/json' -d "$settings" "$api/contact-imports/$id/start" >/dev/null
  local t2; t2=$(now)

  # Another writer while the import runs: a contact every half second; each answer's status and seconds.
  ( for i in $(seq 1800); do
      curl -sS -o /dev/null -m 60 -w '%{http_code} %{time_total}\n' "${H[@]}" -H 'Content-Type: application/json' \
        -d '{"name":"Walk-in '"$i"'"}' "$api/contacts" || echo "000 60"
      sleep 0.5
    done ) >"$TMP/writes.txt" 2>/dev/null &
  WRITER_PID=$!

  local status="" seen="" polls="$TMP/polls.txt"; : >"$polls"
  local deadline=$(( $(date +%s) + 900 ))
  while :; do
    local p0; p0=$(now)
    status=$(curl -sS -m 60 "${H[@]}" "$api/contact-imports/$id" | python3 -c '
import sys, json
try:
    j = json.load(sys.stdin); print(j["status"], j["percent"], j["created"], j["skipped"])
except Exception:
    print("PollFailed")')
    echo "$status $(secs "$p0" "$(now)")" >>"$polls"
    seen="$seen ${status#* }"
    [[ $status == Done* || $status == Failed* ]] && break
    (( $(date +%s) < deadline )) || { status="GaveUp $status"; break; }
    sleep 0.5
  done
  local t3; t3=$(now)
  kill "$WRITER_PID" 2>/dev/null; wait "$WRITER_PID" 2>/dev/null || true; WRITER_PID=""
  local hwm; hwm=$(grep VmHWM /proc/"$pid"/status | awk '{printf "%.0f MB", $2/1024}')
  local run; run=$(secs "$t2" "$t3")
  local writes; writes=$(awk '{n++; if ($1=="201") ok++; if ($2>m) m=$2} END {printf "%d/%d ok, slowest %.2fs", ok, n, m}' "$TMP/writes.txt")
  local pollstat; pollstat=$(awk '{n++; if ($1=="PollFailed") f++; if ($NF>m) m=$NF} END {printf "%d polls, %d failed, slowest %.2fs", n, f, m}' "$polls")
  printf '%s: rows=%s upload+check+store=%.1fs start(validate all rows)=%.1fs run=%.1fs total=%.1fs rows/s(run)=%.0f rows/s(total)=%.0f peak-rss=%s status=%s\n' \
    "$provider" "$ROWS" "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" "$run" "$(secs "$t0" "$t3")" \
    "$(echo "$ROWS / $run" | bc -l)" "$(echo "$ROWS / $(secs "$t0" "$t3")" | bc -l)" "$hwm" "$status"
  printf '%s: during the run: progress %s; other writes %s; load="%s"\n' "$provider" "$pollstat" "$writes" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%s: the run itself (app log): %s\n' "$provider" "$(grep -ho 'Import [0-9]* Done: .*' "$TMP/$provider-app.log" | tail -1)"
  echo "progress seen while polling (percent created skipped):$seen" | cut -c1-400 >&2
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  [[ $provider == postgres ]] && psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS gw_bench_import_$$ WITH (FORCE)" >/dev/null
  return 0
}

case "$WHICH" in
  sqlite|postgres) run "$WHICH" ;;
  both) run sqlite; run postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
