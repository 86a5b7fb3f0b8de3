#!/usr/bin/env bash
# Runs every test suite of Jiceng:
#   1. unit + HTTP integration tests on SQLite,
#   2. the same suite again on a throwaway PostgreSQL cluster (started here, stopped on exit),
#   3. browser tests (Playwright driving Debian's Chromium against a real Kestrel server).
# Installs Debian's postgresql and chromium when missing. Safe to run twice in a row, as root or not.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log() { printf '\n==> %s\n' "$*"; }

# --- system packages -------------------------------------------------------------------------
find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
[ -n "$(find_pg_bin)" ] && [ -x "$(find_pg_bin)/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
PG_BIN=$(find_pg_bin)

# --- a throwaway PostgreSQL on a free loopback port ----------------------------------------------
PG_DIR=$(mktemp -d /tmp/jiceng-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PG_PORT=$(( 20000 + RANDOM % 30000 ))
while ! port_free "$PG_PORT"; do PG_PORT=$(( PG_PORT + 1 )); done
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
log "Starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT in $PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U jiceng --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log"; exit 1; }
# Durability is pointless for a throwaway cluster; turning it off makes the suite much faster.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$PG_DIR/server.log"; exit 1; }
PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=jiceng;Database=postgres;Pooling=true;Maximum Pool Size=20"

# --- build once, then run the suites -----------------------------------------------------------
log "Building"
dotnet build "$ROOT/Jiceng.slnx" -c Debug -nologo -v quiet

declare -a SUITES=() FAILED_TESTS=()
TOTAL_PASSED=0; TOTAL_FAILED=0; TOTAL_SKIPPED=0; STATUS=0
run_suite() {
  local name=$1; shift
  local out="$PG_DIR/$name.log"
  log "Test suite: $name"
  set +e
  env "$@" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  set -e
  local passed failed skipped
  passed=$(awk '/^[[:space:]]*succeeded:/ {s+=$2} END {print s+0}' "$out")
  failed=$(awk '/^[[:space:]]*failed:/ {s+=$2} END {print s+0}' "$out")
  skipped=$(awk '/^[[:space:]]*skipped:/ {s+=$2} END {print s+0}' "$out")
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crash or a build error counts as a failure
  if [ "$rc" -ne 0 ] || [ "$passed" -eq 0 ]; then STATUS=1; fi     # a suite that ran nothing is a failure too
  SUITES+=("$name: $passed passed, $failed failed, $skipped skipped")
  # Name the failed tests in the summary: CI shows only the tail of the output.
  while IFS= read -r line; do FAILED_TESTS+=("$name: $line"); done \
    < <(grep -E '^[[:space:]]*failed [^:]' "$out" | sed -E 's/^[[:space:]]*failed //' | head -50)
  TOTAL_PASSED=$((TOTAL_PASSED + passed)); TOTAL_FAILED=$((TOTAL_FAILED + failed)); TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
}

run_suite sqlite   JICENG_TEST_PROVIDER=sqlite dotnet test --project tests/Jiceng.Tests --no-build
run_suite postgres JICENG_TEST_PROVIDER=postgres JICENG_TEST_PG="$PG_CONN" dotnet test --project tests/Jiceng.Tests --no-build
run_suite browser  dotnet test --project tests/Jiceng.BrowserTests --no-build

log "Summary"
printf '  %s\n' "${SUITES[@]}"
if [ ${#FAILED_TESTS[@]} -gt 0 ]; then echo "Failed tests:"; printf '  %s\n' "${FAILED_TESTS[@]}"; fi
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
[ "$TOTAL_FAILED" -eq 0 ] || STATUS=1
exit $STATUS
