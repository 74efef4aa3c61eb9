#!/usr/bin/env bash
# Measures a batch of evaluation reports end to end through the API (docs/performance.md): the API in Release on its
# own database, the demo campaign grown to N units with submitted self-evaluations (seed.sql), then
# POST /api/campaigns/{id}/reports/batch, polling GET /api/report-jobs/{id} until the job succeeded, and the zip
# downloaded and counted. Prints the wall time from the request to the job seen succeeded, the worker's own time
# (started_at → finished_at), reports per second, the zip's size and the API process's peak resident memory; then
# times GET /api/campaigns/{id}/results/workbook three times on the same campaign, each after GET …/results (JSON).
#
# Usage: benchmarks/batch/run.sh [units]      (default 3000)
# PostgreSQL: a throwaway cluster in a temporary folder, or the server on 127.0.0.1:$BENCH_PG_PORT (user postgres,
# trust authentication) when that is set; either way the benchmark's database is dropped at the end.
# Needs curl and jq besides what scripts/test.sh needs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. scripts/lib.sh

UNITS=${1:-3000}
PASSWORD='Bench#Pass2026'
command -v curl >/dev/null || die "curl is required"
command -v jq >/dev/null || die "jq is required"

WORK=$(mktemp -d -t officeeval-batch.XXXXXX)
chmod 755 "$WORK"
API_PID=""
PG_DATA=""
DB=oe_batch_$$
cleanup() {
  stop_process "$API_PID"
  bench_postgres_cleanup "$DB"
  rm -rf "$WORK"
}
trap cleanup EXIT

bench_postgres "$WORK" "$DB"

log "building the API (Release)"
dotnet build -c Release -v q -nologo "$ROOT/api/OfficeEval.Api" >/dev/null
API_PORT=$(free_port)
(
  cd "$ROOT/api/OfficeEval.Api"
  export ASPNETCORE_URLS="http://127.0.0.1:$API_PORT"
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"
  export OfficeEval__SeedDemo=true OfficeEval__DemoPassword="$PASSWORD" OfficeEval__DemoMustChangePassword=false
  export OfficeEval__FilesPath="$WORK/files"
  exec dotnet bin/Release/net10.0/OfficeEval.Api.dll >"$WORK/api.log" 2>&1
) &
API_PID=$!
wait_http_ok "http://127.0.0.1:$API_PORT/health/ready" 120 "$API_PID" || { tail -n 30 "$WORK/api.log" >&2; die "the API did not start"; }

log "seeding the demo campaign up to $UNITS units"
psql_db -d "$DB" -v units="$UNITS" -f "$ROOT/benchmarks/batch/seed.sql" -tA | tail -n 1 | sed 's/^/units in the campaign: /' >&2

API="http://127.0.0.1:$API_PORT"
TOKEN=$(curl -sf "$API/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@demo.local\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken)
AUTH=(-H "Authorization: Bearer $TOKEN")
CAMPAIGN=$(psql_db -d "$DB" -tAc "SELECT id FROM campaigns WHERE year = 2026")

log "requesting the batch"
START=$(date +%s.%N)
JOB=$(curl -sf -X POST "${AUTH[@]}" "$API/api/campaigns/$CAMPAIGN/reports/batch" | jq -r .id)
LAST=""
while true; do
  STATE=$(curl -sf "${AUTH[@]}" "$API/api/report-jobs/$JOB")
  STATUS=$(jq -r .status <<<"$STATE")
  case "$STATUS" in
    Succeeded) END=$(date +%s.%N); break ;;
    Failed|Cancelled) echo "$STATE" | jq . >&2; die "the job ended $STATUS" ;;
  esac
  NOW=$(jq -r '"\(.status) \(.done)/\(.total) (\(.percent)%)"' <<<"$STATE")
  if [ "$NOW" != "$LAST" ] && [ $(( ${SECONDS} % 5 )) -eq 0 ]; then log "$NOW"; LAST=$NOW; fi
  sleep 0.2
done

curl -sf "${AUTH[@]}" -o "$WORK/reports.zip" "$API/api/report-jobs/$JOB/download"
ENTRIES=$(python3 -c 'import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))' "$WORK/reports.zip")
PEAK_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$API_PID/status" 2>/dev/null || echo 0)

jq -r --arg wall "$(awk "BEGIN { print $END - $START }")" --arg entries "$ENTRIES" --arg zip "$(stat -c %s "$WORK/reports.zip")" --arg peak "$PEAK_KB" '
  def seconds(t): t | sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601;
  def precise(t): (t | capture("\\.(?<f>[0-9]+)") .f // "0") as $f | seconds(t) + ("0." + $f | tonumber);
  (precise(.finishedAt) - precise(.startedAt)) as $worker
  | ($wall | tonumber) as $w
  | "reports:        \(.done) done, \(.failed) failed, \($entries) in the zip (\(($zip | tonumber) / 1048576 * 10 | round / 10) MB)",
    "request → done: \($w * 10 | round / 10) s wall, \(.done / $w * 10 | round / 10) reports/s",
    "worker:         \($worker * 10 | round / 10) s from claim to finish, \(.done / $worker * 10 | round / 10) reports/s",
    "API peak RSS:   \(($peak | tonumber) / 1024 | round) MB"
' <<<"$STATE"
grep -o '"Report job [^"]*succeeded[^"]*"' "$WORK/api.log" | head -n 1 >&2 || true

# The consolidated results workbook of the same campaign, through the API: scoring from the database plus writing;
# the results as JSON beside it, which score the same way and write no workbook.
for i in 1 2 3; do
  curl -sf "${AUTH[@]}" -o /dev/null -w "results (JSON):   %{time_total} s, %{size_download} bytes (request $i)\n" \
    "$API/api/campaigns/$CAMPAIGN/results"
  curl -sf "${AUTH[@]}" -o "$WORK/results.xlsx" -w "results workbook: %{time_total} s, %{size_download} bytes (request $i)\n" \
    "$API/api/campaigns/$CAMPAIGN/results/workbook"
done
