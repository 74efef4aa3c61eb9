#!/usr/bin/env bash
# The API under load (docs/reliability.md, "Under load"): a Release build on loopback, on a database of its own with
# the demo seeded; load.mjs prepares one unit with its own staff account per client; then wrk drives, one after the
# other, each for a warm-up and then DURATION seconds with CONNECTIONS concurrent clients:
#   ceiling     GET /health/live with a bearer token: the same middleware, no endpoint work (ceiling.lua);
#   validate    POST …/self-assessment/validate, the whole sheet as unsaved answers (validate.lua);
#   save-draft  PATCH …/self-assessment/answers with If-Match, each client on its own unit with its own ETag (save-draft.lua).
# Then the database's floor: pgbench sends PostgreSQL the statements of a check (floor-read.sql) and of an audited
# save (floor-write.sql) with the same connections and no API, which bounds what the endpoints can reach here.
# Prints requests/s, p50/p95/p99 latency, status counts, the ratio to the ceiling and where the CPU went, writes it
# all as JSON, and exits non-zero when any request failed (socket error, timeout, non-2xx status, a save that
# changed nothing).
#
# Usage: benchmarks/load/run.sh [duration_seconds] [connections]        (defaults 20 50)
# Environment:
#   LOAD_WARMUP=s            warm-up per scenario before the measured run (default 10: the JIT tiers up meanwhile)
#   LOAD_THREADS=n           wrk threads (default 2, one per core of the target machine)
#   LOAD_JSON=path           where the JSON goes (default benchmarks/load/results.json)
#   LOAD_SCENARIOS=a,b       a subset of ceiling,validate,save-draft
#   LOAD_FLOOR=0             skip the database's floor (pgbench); it also needs the server's port, so it is skipped
#                            with LOAD_CONNECTION_STRING
#   LOAD_API_DLL=path        run this build of OfficeEval.Api.dll instead of building Release
#   LOAD_CONNECTION_STRING=s an empty database to use (it is left as the run leaves it) instead of creating one
#   BENCH_PG_PORT=port       the PostgreSQL server on 127.0.0.1:port (user postgres, trust) instead of a throwaway
#                            cluster (fsync on, as a server runs); the run's database is dropped at the end either way
#   BENCH_POOL_SIZE=n        Npgsql's Maximum Pool Size (default 50, as appsettings.json ships)
#   LOAD_CONNECTION_OPTIONS="K=V;…"  more Npgsql connection string settings, to compare them
#   LOAD_KEEP_LOG=path       keep the API's log
#   LOAD_API_ENV="K=V …"     extra environment for the API process (e.g. DOTNET_gcServer=0), to compare settings
#   LOAD_TRACE=folder        a CPU-sampling trace of the API during each measured run, <scenario>.nettrace (needs
#                            dotnet-trace: dotnet tool install -g dotnet-trace); tracing slows the API down
#   LOAD_PERF=folder         the same with Linux perf (perf record -g, with the runtime's perf map for managed frames),
#                            <scenario>.perf.data; read it with perf report -i … --no-children --sort symbol
# Needs wrk (installed with apt-get when missing), Node.js 20 and the .NET SDK.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. scripts/lib.sh

DURATION=${1:-20}
CONNECTIONS=${2:-50}
WARMUP=${LOAD_WARMUP:-10}
THREADS=${LOAD_THREADS:-2}
SCENARIOS=${LOAD_SCENARIOS:-ceiling,validate,save-draft}
JSON_OUT=${LOAD_JSON:-$ROOT/benchmarks/load/results.json}
PASSWORD='Bench#Pass2026'
[ "$THREADS" -le "$CONNECTIONS" ] || THREADS=$CONNECTIONS
[ $((CONNECTIONS % THREADS)) -eq 0 ] || die "connections ($CONNECTIONS) must be a multiple of the wrk threads ($THREADS)"
command -v node >/dev/null || die "Node.js 20 or later is required"
command -v wrk >/dev/null || apt_install wrk
command -v wrk >/dev/null || die "wrk is required"

WORK=$(mktemp -d -t officeeval-load.XXXXXX)
chmod 755 "$WORK"
API_PID=""
PG_DATA=""
PG_PORT=""
DB=oe_load_$$
cleanup() {
  stop_process "$API_PID"
  if [ -z "${LOAD_CONNECTION_STRING:-}" ]; then bench_postgres_cleanup "$DB"; fi
  if [ -n "${LOAD_KEEP_LOG:-}" ] && [ -f "$WORK/api.log" ]; then cp "$WORK/api.log" "$LOAD_KEEP_LOG"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

if [ -n "${LOAD_CONNECTION_STRING:-}" ]; then
  CONNECTION_STRING=$LOAD_CONNECTION_STRING
else
  bench_postgres "$WORK" "$DB"
  CONNECTION_STRING="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB;Maximum Pool Size=${BENCH_POOL_SIZE:-50}${LOAD_CONNECTION_OPTIONS:+;$LOAD_CONNECTION_OPTIONS}"
fi

if [ -n "${LOAD_API_DLL:-}" ]; then
  API_DLL=$LOAD_API_DLL
else
  log "building the API (Release)"
  dotnet build -c Release -v q -nologo "$ROOT/api/OfficeEval.Api" >/dev/null
  API_DLL=$ROOT/api/OfficeEval.Api/bin/Release/net10.0/OfficeEval.Api.dll
fi
API_PORT=$(free_port)
API="http://127.0.0.1:$API_PORT"
(
  cd "$ROOT/api/OfficeEval.Api"
  export ASPNETCORE_URLS="$API"
  export ConnectionStrings__Default="$CONNECTION_STRING"
  export OfficeEval__SeedDemo=true OfficeEval__DemoPassword="$PASSWORD" OfficeEval__DemoMustChangePassword=false
  export OfficeEval__BaseUrl="$API" OfficeEval__FilesPath="$WORK/files"
  # W^X off: with it, JIT-compiled code lives in a memfd mapping that perf cannot match to the perf map.
  if [ -n "${LOAD_PERF:-}" ]; then export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; fi
  # shellcheck disable=SC2086 # LOAD_API_ENV is a list of NAME=VALUE words; env takes names bash cannot export.
  exec env ${LOAD_API_ENV:-} dotnet "$API_DLL" >"$WORK/api.log" 2>&1
) &
API_PID=$!
wait_http_ok "$API/health/ready" 120 "$API_PID" || { tail -n 30 "$WORK/api.log" >&2; die "the API did not start"; }

# One unit (and staff account) per connection, and one spare per wrk thread (see save-draft.lua).
UNITS=$((CONNECTIONS + THREADS))
log "preparing $UNITS units with their staff and complete drafts"
node benchmarks/load/load.mjs prepare --base "$API" --password "$PASSWORD" --units "$UNITS" --dir "$WORK"

# CPU accounting, in clock ticks: the whole machine (/proc/stat), the API process, PostgreSQL (the throwaway cluster's
# processes, or this database's backends on a shared server) and wrk (this shell's waited-for children).
TICKS=$(getconf CLK_TCK)
proc_ticks() { # utime+stime of the given pids (fields 14 and 15, counted after the command name's closing parenthesis)
  local total=0 pid t
  for pid in "$@"; do
    t=$(sed -E 's/^.*\) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || t=0
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
postgres_pids() {
  if [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    local main pid
    main=$(head -n 1 "$PG_DATA/postmaster.pid")
    echo "$main"
    for pid in /proc/[0-9]*; do
      [ "$(sed -E 's/^.*\) //' "$pid/stat" 2>/dev/null | awk '{ print $2 }')" = "$main" ] && echo "${pid#/proc/}"
    done
  elif [ -n "${PG_PORT:-}" ]; then
    psql_db -d "$DB" -At -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" 2>/dev/null || true
  fi
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
children_ticks() { sed -E 's/^.*\) //' /proc/$$/stat | awk '{ print $14 + $15 }'; }

run_wrk() { # run_wrk SCENARIO SECONDS RESULT_FILE
  LOAD_DIR=$WORK LOAD_LUA_DIR=$ROOT/benchmarks/load LOAD_THREADS=$THREADS LOAD_RESULT=$3 \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --timeout 10s -s "$ROOT/benchmarks/load/$1.lua" "$API" >>"$WORK/wrk.log" 2>&1
}

IFS=, read -r -a RUN <<<"$SCENARIOS"
for scenario in "${RUN[@]}"; do
  [ -f "benchmarks/load/$scenario.lua" ] || die "no scenario $scenario (ceiling, validate, save-draft)"
  if [ "$scenario" = save-draft ]; then node benchmarks/load/load.mjs etags --base "$API" --dir "$WORK"; fi
  log "$scenario: ${WARMUP} s warm-up, then ${DURATION} s with $CONNECTIONS connections"
  run_wrk "$scenario" "$WARMUP" "$WORK/$scenario-warmup.json" || true
  if [ "$scenario" = save-draft ]; then node benchmarks/load/load.mjs etags --base "$API" --dir "$WORK"; fi

  read -r load_before _ </proc/loadavg
  mapfile -t pg_pids < <(postgres_pids)
  read -r busy0 idle0 < <(machine_ticks)
  api0=$(proc_ticks "$API_PID"); pg0=$(proc_ticks "${pg_pids[@]}"); wrk0=$(children_ticks)
  trace_pid=""
  if [ -n "${LOAD_TRACE:-}" ]; then
    mkdir -p "$LOAD_TRACE"
    dotnet-trace collect -p "$API_PID" --profile dotnet-sampled-thread-time --format Speedscope --duration "$(printf '00:%02d:%02d:%02d' $((DURATION / 3600)) $((DURATION / 60 % 60)) $((DURATION % 60)))" \
      -o "$LOAD_TRACE/$scenario.nettrace" >"$WORK/trace-$scenario.log" 2>&1 &
    trace_pid=$!
    sleep 1
  elif [ -n "${LOAD_PERF:-}" ]; then
    mkdir -p "$LOAD_PERF"
    perf record -F 499 -g -p "$API_PID" -o "$LOAD_PERF/$scenario.perf.data" -- sleep "$DURATION" >"$WORK/trace-$scenario.log" 2>&1 &
    trace_pid=$!
  fi
  started=$(date +%s%N)
  run_wrk "$scenario" "$DURATION" "$WORK/$scenario.json" || true
  ended=$(date +%s%N)
  read -r busy1 idle1 < <(machine_ticks)
  api1=$(proc_ticks "$API_PID"); pg1=$(proc_ticks "${pg_pids[@]}"); wrk1=$(children_ticks)
  if [ -n "$trace_pid" ]; then wait "$trace_pid" || { cat "$WORK/trace-$scenario.log" >&2; die "the profiler failed"; }; fi
  awk -v s="$(( (ended - started) / 1000000 ))" -v hz="$TICKS" -v api=$((api1 - api0)) -v pg=$((pg1 - pg0)) -v pgn=${#pg_pids[@]} \
    -v wrk=$((wrk1 - wrk0)) -v busy=$((busy1 - busy0)) -v idle=$((idle1 - idle0)) -v load="$load_before" 'BEGIN {
      c = hz * s / 1000
      pgv = pgn > 0 ? sprintf("%.3f", pg / c) : "null"
      other = (busy - api - (pgn > 0 ? pg : 0) - wrk) / c
      printf "{\"seconds\": %.1f, \"api\": %.3f, \"postgres\": %s, \"wrk\": %.3f, \"other\": %.3f, \"idle\": %.3f, \"loadBefore\": %s}\n",
        s / 1000, api / c, pgv, wrk / c, other < 0 ? 0 : other, idle / c, load
    }' >"$WORK/$scenario.cpu.json"
done

# The database's floor (floor-read.sql, floor-write.sql): what PostgreSQL alone, on the same machine, does with the
# same connections when pgbench sends it the statements of a check or an audited save, with no API in between.
# Throughput past this is out of reach of any API on this database. Needs the server's port (not LOAD_CONNECTION_STRING).
PEAK_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$API_PID/status" 2>/dev/null || echo 0)
log "API peak RSS: $((PEAK_KB / 1024)) MB; log lines: $(wc -l <"$WORK/api.log")"
FLOORS=()
if [ "${LOAD_FLOOR:-1}" != 0 ] && [ -z "${LOAD_CONNECTION_STRING:-}" ] && [ -n "${PG_PORT:-}" ]; then
  PGBENCH=${PG_BIN:-$(pg_bindir)}/pgbench
  [ -x "$PGBENCH" ] || die "pgbench not found beside the PostgreSQL server"
  # The API goes first: its pool's connections would count against the server's max_connections, and its CPU would
  # count against the floor's.
  stop_process "$API_PID"; API_PID=""
  read -r CAMPAIGN UNIT DRAFT < <(psql_db -d "$DB" -At -F ' ' -c \
    "SELECT campaign_id, unit_id, id FROM self_assessments ORDER BY id LIMIT 1")
  psql_db -d "$DB" -c "
    CREATE TABLE load_floor_audit (seq bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), details jsonb NOT NULL, hash text NOT NULL);
    CREATE TABLE load_floor_drafts (client int PRIMARY KEY, draft uuid NOT NULL, codes text[] NOT NULL);
    INSERT INTO load_floor_drafts
      SELECT (row_number() OVER (ORDER BY s.id)) - 1, s.id,
             (SELECT array_agg(code) FROM (SELECT a.indicator_code AS code FROM self_assessment_answers a
                                           WHERE a.self_assessment_id = s.id ORDER BY 1 LIMIT 3) three)
      FROM self_assessments s;" >/dev/null
  for floor in floor-read floor-write; do
    log "$floor: pgbench, ${DURATION} s with $CONNECTIONS connections"
    # pgbench's connections are backends that come and go with it: PostgreSQL's share is the machine's busy time
    # less pgbench's (the API is stopped).
    read -r busy0 idle0 < <(machine_ticks)
    bench0=$(children_ticks)
    started=$(date +%s%N)
    PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
      -D campaign="$CAMPAIGN" -D unit="$UNIT" -D draft="$DRAFT" -f "$ROOT/benchmarks/load/$floor.sql" \
      -l --log-prefix="$WORK/$floor" "$DB" >"$WORK/$floor.out" 2>&1 || { cat "$WORK/$floor.out" >&2; die "pgbench failed ($floor)"; }
    ended=$(date +%s%N)
    read -r busy1 idle1 < <(machine_ticks)
    bench1=$(children_ticks)
    # Per transaction: latency in µs is the third field of pgbench's log.
    cat "$WORK/$floor".* | awk '{ print $3 }' | sort -n >"$WORK/$floor.latencies"
    awk -v s="$(( (ended - started) / 1000000 ))" -v hz="$TICKS" -v bench=$((bench1 - bench0)) \
      -v busy=$((busy1 - busy0)) -v idle=$((idle1 - idle0)) -v failed="$(grep -Eo 'number of failed transactions: [0-9]+' "$WORK/$floor.out" | grep -Eo '[0-9]+$' || echo 0)" '
      { v[NR] = $1 }
      END {
        c = hz * s / 1000
        printf "{\"transactions\": %d, \"seconds\": %.1f, \"tps\": %.1f, \"failed\": %d, \"latency\": {\"p50\": %d, \"p95\": %d, \"p99\": %d, \"max\": %d}, ",
          NR, s / 1000, NR / (s / 1000), failed, v[int(NR * 0.50) + 1], v[int(NR * 0.95) + 1], v[int(NR * 0.99) + 1], v[NR]
        printf "\"cpu\": {\"postgres\": %.3f, \"pgbench\": %.3f, \"idle\": %.3f}}\n", (busy - bench) / c, bench / c, idle / c
      }' "$WORK/$floor.latencies" >"$WORK/$floor.floor.json"
    FLOORS+=("$floor")
  done
fi

if [ -n "${LOAD_VERBOSE:-}" ]; then cat "$WORK/wrk.log"; fi
export LOAD_SETTINGS="{\"duration\": $DURATION, \"warmup\": $WARMUP, \"connections\": $CONNECTIONS, \"threads\": $THREADS, \"units\": $UNITS, \"apiPeakRssMb\": $((PEAK_KB / 1024)), \"postgres\": \"$([ -n "${PG_DATA:-}" ] && echo throwaway cluster, fsync on || echo "${BENCH_PG_PORT:+server on port $BENCH_PG_PORT}${LOAD_CONNECTION_STRING:+given connection string}")\", \"apiEnvironment\": \"${LOAD_API_ENV:-}\"}"
status=0
node benchmarks/load/load.mjs report --dir "$WORK" --json "$JSON_OUT" --scenarios "$SCENARIOS" --floors "$(IFS=,; echo "${FLOORS[*]}")" || status=$?
log "results written to $JSON_OUT"
# Errors the API logged. wrk stops by closing its connections, so the last request of each may be cut off mid-save:
# the API logs 499 for it and EF Core an error for the transaction it rolled back. Those are allowed; anything else fails.
errors=$(grep -c '"LogLevel":"\(Error\|Critical\)"' "$WORK/api.log" || true)
ef_errors=$(grep '"LogLevel":"Error"' "$WORK/api.log" | grep -c '"Category":"Microsoft.EntityFrameworkCore.Database' || true)
aborted=$(grep -c '"StatusCode":499' "$WORK/api.log" || true)
if [ $((errors - (ef_errors < aborted ? ef_errors : aborted))) -gt 0 ]; then
  log "the API logged $errors errors ($aborted requests cut off by wrk's stop):"
  grep -m 5 '"LogLevel":"\(Error\|Critical\)"' "$WORK/api.log" | cut -c1-400 >&2
  status=1
fi
exit $status
