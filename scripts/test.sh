#!/usr/bin/env bash
# Runs every test (.NET and add-in) against a throwaway PostgreSQL cluster; exits non-zero on any failure.
# Installs what is missing first (PostgreSQL server, npm packages, LibreOffice with CJK fonts, poppler-utils, zbar-tools).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
set -e

command -v dotnet >/dev/null || die "the .NET 10 SDK is required"
command -v node >/dev/null || die "Node.js is required"

ensure_postgres
ensure_node_modules "$ROOT/addin"
# The .NET tests convert workbooks with LibreOffice; under CI=true they fail rather than skip when it is missing.
ensure_libreoffice
log "LibreOffice for the .NET tests: $OFFICEEVAL_SOFFICE"

WORK=$(mktemp -d -t officeeval-test.XXXXXX)
chmod 755 "$WORK"
PG_DATA=$WORK/pg
API_PID=""
cleanup() {
  stop_process "$API_PID"
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

log "add-in e2e: the built panes in headless Chromium against the API (demo seed, Office stubbed)"
# The API on a database of its own, serving addin/dist as built above; the tests sign in as the demo users, who
# must change their initial password first (the tests do it through the pane's form).
E2E_PORT=$(free_port)
E2E_BASE_URL=http://127.0.0.1:$E2E_PORT
E2E_PASSWORD='E2e#Pass2026'
API_LOG=$WORK/api-e2e.log
run_e2e() {
  (apt_install chromium fonts-wqy-microhei) || { log "e2e: could not install chromium"; return 1; }
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres officeeval_e2e || return 1
  dotnet build api/OfficeEval.Api -c Release -nologo -v quiet >"$RESULTS/api-build.log" 2>&1 \
    || { tail -n 30 "$RESULTS/api-build.log"; log "e2e: the API did not build"; return 1; }
  (
    cd api/OfficeEval.Api
    ASPNETCORE_URLS=$E2E_BASE_URL \
    ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=officeeval_e2e;Timeout=5;Command Timeout=30" \
    OfficeEval__SeedDemo=true OfficeEval__DemoPassword=$E2E_PASSWORD OfficeEval__DemoMustChangePassword=true \
    OfficeEval__BaseUrl=$E2E_BASE_URL \
    Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true \
      exec dotnet bin/Release/net10.0/OfficeEval.Api.dll
  ) >"$API_LOG" 2>&1 &
  API_PID=$!
  if ! wait_http_ok "$E2E_BASE_URL/health/ready" 60 "$API_PID"; then
    echo "--- last lines of $API_LOG ---"; tail -n 40 "$API_LOG"; echo "---"
    log "e2e: the API did not become ready on $E2E_BASE_URL within 60 s"
    return 1
  fi
  (
    cd addin
    OFFICEEVAL_E2E_BASE_URL=$E2E_BASE_URL OFFICEEVAL_E2E_PASSWORD=$E2E_PASSWORD \
      npm run --silent test:e2e -- --reporter=default --reporter=json --outputFile="$RESULTS/e2e.json"
  )
}
# Not in a pipeline: run_e2e must set API_PID in this shell, for the stop below and the EXIT trap.
run_e2e || status=1
stop_process "$API_PID"; API_PID=""

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
e2e_passed=0; e2e_failed=0
if [ -f "$RESULTS/e2e.json" ]; then
  # A test file that fails outside its tests (browser launch, import) counts as one failure.
  read -r e2e_passed e2e_failed < <(node -e '
    const r = require(process.argv[1]);
    const outside = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"));
    console.log(r.numPassedTests, r.numFailedTests + outside.length)' "$RESULTS/e2e.json")
  echo "  add-in e2e (chromium): $e2e_passed passed, $e2e_failed failed"
else
  echo "  add-in e2e (chromium): did not run to completion (counted as 1 failed; see the log above)"
  e2e_failed=1
  status=1
fi
passed=$(( ${dn_passed:-0} + js_passed + e2e_passed ))
failed=$(( ${dn_failed:-0} + js_failed + e2e_failed ))
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "======================================================"
echo "$passed passed, $failed failed"
exit $status
