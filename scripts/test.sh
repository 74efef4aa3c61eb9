#!/usr/bin/env bash
# Runs every test (.NET and add-in) against a throwaway PostgreSQL cluster; exits non-zero on any failure.
# Installs what is missing first (PostgreSQL server, npm packages).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
set -e

command -v dotnet >/dev/null || die "the .NET 10 SDK is required"
command -v node >/dev/null || die "Node.js is required"

ensure_postgres
ensure_node_modules "$ROOT/addin"

WORK=$(mktemp -d -t officeeval-test.XXXXXX)
chmod 755 "$WORK"
PG_DATA=$WORK/pg
cleanup() {
  pg_stop "$PG_DATA"
  rm -rf "$WORK"
}
trap cleanup EXIT

PG_PORT=$(free_port)
log "starting a throwaway PostgreSQL cluster on port $PG_PORT"
pg_init "$PG_DATA" --username=postgres --auth=trust
PG_FSYNC=off pg_start "$PG_DATA" "$PG_PORT" "$WORK/socket"
# Tests create and drop a database of their own per test class through this connection.
export OFFICEEVAL_TEST_DATABASE="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
set +e

RESULTS=$WORK/results
mkdir -p "$RESULTS"
status=0

log ".NET tests"
dotnet test OfficeEval.sln -c Release --nologo --logger "console;verbosity=minimal" 2>&1 | tee "$RESULTS/dotnet.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

log "add-in: build, manifest validation, tests"
(
  cd addin
  npm run --silent build >/dev/null && npm run --silent validate && npx vitest run --reporter=default --reporter=json --outputFile="$RESULTS/vitest.json"
) 2>&1 | tee "$RESULTS/addin.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Summary: each runner's own summary line, then one plain total.
echo
echo "==================== test summary ===================="
grep -E "^(Passed!|Failed!)" "$RESULTS/dotnet.log" | sed 's/^/  /'
dn_passed=$(grep -E "^(Passed!|Failed!)" "$RESULTS/dotnet.log" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
dn_failed=$(grep -E "^(Passed!|Failed!)" "$RESULTS/dotnet.log" | sed -E 's/.*Failed: *([0-9]+),.*/\1/' | awk '{s+=$1} END {print s+0}')
js_passed=0; js_failed=0
if [ -f "$RESULTS/vitest.json" ]; then
  read -r js_passed js_failed < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$RESULTS/vitest.json")
  echo "  add-in (vitest): $js_passed passed, $js_failed failed"
else
  echo "  add-in: did not run to completion"
  status=1
fi
passed=$(( ${dn_passed:-0} + js_passed ))
failed=$(( ${dn_failed:-0} + js_failed ))
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "======================================================"
echo "$passed passed, $failed failed"
exit $status
