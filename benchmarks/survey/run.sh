#!/usr/bin/env bash
# Questionnaire collection under load (docs/performance.md, docs/surveys.md): the API in Release on a database of its
# own with the demo seeded, then load.mjs: N single-use links issued through the Admin API for one unit, C respondents
# at a time opening the page, reading the questionnaire and submitting; the stored count checked through the results
# API; every code replayed (all 410); R codes raced (exactly one of two stored). Prints the API's peak resident memory.
# Exits non-zero when load.mjs finds a mismatch.
#
# Usage: benchmarks/survey/run.sh [tokens] [concurrency] [race]      (defaults 1000 200 50)
# PostgreSQL: a throwaway cluster in a temporary folder, or the server on 127.0.0.1:$BENCH_PG_PORT (user postgres,
# trust authentication) when that is set; either way the benchmark's database is dropped at the end.
# BENCH_POOL_SIZE=n sets Npgsql's Maximum Pool Size (default 50, as the product ships); SURVEY_LOAD_JSON=path also
# writes load.mjs's summary as JSON; SURVEY_KEEP_LOG=path keeps the API's log.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. scripts/lib.sh

TOKENS=${1:-1000}
CONCURRENCY=${2:-200}
RACE=${3:-50}
PASSWORD='Bench#Pass2026'
command -v node >/dev/null || die "Node.js 20 or later is required"

WORK=$(mktemp -d -t officeeval-survey.XXXXXX)
chmod 755 "$WORK"
API_PID=""
PG_DATA=""
DB=oe_survey_$$
cleanup() {
  stop_process "$API_PID"
  bench_postgres_cleanup "$DB"
  if [ -n "${SURVEY_KEEP_LOG:-}" ]; then cp "$WORK/api.log" "$SURVEY_KEEP_LOG"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

bench_postgres "$WORK" "$DB"

log "building the API (Release)"
dotnet build -c Release -v q -nologo "$ROOT/api/OfficeEval.Api" >/dev/null
API_PORT=$(free_port)
API="http://127.0.0.1:$API_PORT"
(
  cd "$ROOT/api/OfficeEval.Api"
  export ASPNETCORE_URLS="$API"
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB;Maximum Pool Size=${BENCH_POOL_SIZE:-50}"
  export OfficeEval__SeedDemo=true OfficeEval__DemoPassword="$PASSWORD" OfficeEval__DemoMustChangePassword=false
  export OfficeEval__BaseUrl="$API" OfficeEval__FilesPath="$WORK/files"
  exec dotnet bin/Release/net10.0/OfficeEval.Api.dll >"$WORK/api.log" 2>&1
) &
API_PID=$!
wait_http_ok "$API/health/ready" 120 "$API_PID" || { tail -n 30 "$WORK/api.log" >&2; die "the API did not start"; }

log "$TOKENS respondents, $CONCURRENCY concurrent, $RACE raced codes; connection pool ${BENCH_POOL_SIZE:-50 (shipped)}"
status=0
node "$ROOT/benchmarks/survey/load.mjs" --base "$API" --password "$PASSWORD" --tokens "$TOKENS" --concurrency "$CONCURRENCY" \
  --race "$RACE" ${SURVEY_LOAD_JSON:+--json "$SURVEY_LOAD_JSON"} || status=$?
PEAK_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$API_PID/status" 2>/dev/null || echo 0)
echo "API peak RSS: $((PEAK_KB / 1024)) MB"
# The log (production JSON, with scopes) must not hold a single code: RequestLogging writes /s/*** and
# /api/public/surveys/***, and no other message or scope may carry the path.
if grep -Eq '(/s|/api/public/surveys)/[ko][A-Za-z0-9_-]{16,}' "$WORK/api.log"; then
  echo "a questionnaire code appears in the API's log:" >&2
  grep -Eo '"[A-Za-z]+":"[^"]*(/s|/api/public/surveys)/[ko][A-Za-z0-9_-]{16,}' "$WORK/api.log" | sed -E 's/[A-Za-z0-9_-]{16,}$/…/' | sort | uniq -c | head -n 5 >&2
  status=1
fi
exit $status
