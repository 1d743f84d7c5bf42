#!/usr/bin/env bash
# Every test of Groundwork, on a fresh Debian 12 machine that has only the .NET SDK:
#   1. installs what is missing (PostgreSQL, Debian's chromium, Node.js for axe-core) — as root, or skips if present;
#   2. starts a throwaway PostgreSQL cluster on 127.0.0.1 (removed on exit, also on failure);
#   3. builds the solution once, then runs the unit tests, the HTTP tests on SQLite and again on PostgreSQL,
#      and the browser tests (Playwright on /usr/bin/chromium, axe-core on every page);
#   4. ends with one plain line, "N passed, N failed", and a non-zero exit code if anything failed.
# Usage: ./test.sh            (CONFIGURATION=Debug ./test.sh for a Debug build; GROUNDWORK_TEST_START_SECONDS=300
#        and GROUNDWORK_TEST_WAIT_SECONDS=60 give PostgreSQL, the app and each browser step longer on a slow machine)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
CONFIGURATION=${CONFIGURATION:-Release}
START=$SECONDS

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild nodes left running after the script: CI waits for every process that holds its output.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

say() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - START)); }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

PROJECTS=(
  tests/Groundwork.Tally.Tests/Groundwork.Tally.Tests.csproj
  tests/Groundwork.Tests/Groundwork.Tests.csproj
  tests/Groundwork.BrowserTests/Groundwork.BrowserTests.csproj
)
for p in "${PROJECTS[@]}"; do
  [[ -f $p ]] || die "$p is missing: this script runs every test project of the solution and none may be left out."
done
[[ -d ../shared/testdata ]] || die "../shared/testdata is missing: the vote-counting tests read the published elections from shared/ beside the repository."
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH."

# ---------------------------------------------------------------------------------------------------- 1. tools
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[[ -n $(pg_bin) && -x $(pg_bin)/initdb ]] || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}; run as root (or install them: apt-get install ${missing[*]})."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # With recommends: chromium's fonts make text, and so axe's target sizes and contrast, as a person sees them.
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
fi
PGBIN=$(pg_bin)

say "axe-core (npm ci)"
(cd tests/Groundwork.BrowserTests && npm ci --no-audit --no-fund --loglevel=error)

# ---------------------------------------------------------------------------------------------------- 2. PostgreSQL
WORK=$(mktemp -d /tmp/groundwork-test.XXXXXX)
PGROOT=$WORK/pg
mkdir "$PGROOT"
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  local code=$?
  if [[ -f $PGROOT/data/postmaster.pid ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PGPORT=55432
while ! port_free "$PGPORT"; do PGPORT=$((PGPORT + 1)); done

say "PostgreSQL on 127.0.0.1:$PGPORT"
[[ $(id -u) -ne 0 ]] || { chmod 755 "$WORK"; chown postgres: "$PGROOT"; }
# trust is fine here: the cluster listens on loopback only and lives as long as this script.
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$PGROOT/initdb.log" 2>&1 \
  || { cat "$PGROOT/initdb.log"; die "initdb failed"; }
# Durability is not under test here; speed is welcome.
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/postgres.log" -w -t "${GROUNDWORK_TEST_START_SECONDS:-120}" start \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
  || { cat "$PGROOT/postgres.log"; die "PostgreSQL did not start"; }
POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# ---------------------------------------------------------------------------------------------------- 3. build and test
say "dotnet build Groundwork.slnx -c $CONFIGURATION"
build_args=(-c "$CONFIGURATION" -nodeReuse:false)
# In CI, no compiler server either: nothing may outlive the run.
[[ ${CI:-} != true ]] || build_args+=(-p:UseSharedCompilation=false)
dotnet build Groundwork.slnx "${build_args[@]}"

RESULTS=$WORK/results
passed=0
failed=0
summary=()

# run NAME PROJECT [env arguments…]: one dotnet test run; its counts come from its TRX file.
run() {
  local name=$1 project=$2
  shift 2
  say "$name"
  local t0=$SECONDS code=0
  env "$@" dotnet test "$project" -c "$CONFIGURATION" --no-build \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" || code=$?
  local counters p=0 f=0
  counters=$(grep -o '<Counters [^>]*>' "$RESULTS/$name.trx" 2>/dev/null || true)
  if [[ -n $counters ]]; then
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    local total executed
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    # Tests that never ran (a crashed host, a skip) count as failures: nothing here may pass by not running.
    f=$((f + total - executed))
    ((total > 0)) || { echo "$name ran no test" >&2; f=$((f + 1)); }
  else
    f=1
  fi
  if ((code != 0 && f == 0)); then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  summary+=("$(printf '%-28s %5d passed, %3d failed  %4ds' "$name" "$p" "$f" $((SECONDS - t0)))")
}

run tally tests/Groundwork.Tally.Tests
run http-sqlite tests/Groundwork.Tests -u GROUNDWORK_TEST_POSTGRES
run http-postgres tests/Groundwork.Tests "GROUNDWORK_TEST_POSTGRES=$POSTGRES"
run browser tests/Groundwork.BrowserTests


printf '\n'
printf '%s\n' "${summary[@]}"
printf 'total time %ds\n' $((SECONDS - START))
echo "$passed passed, $failed failed"
((failed == 0))
