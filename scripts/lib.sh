# Shared helpers for scripts/run.sh and scripts/test.sh. Sourced, not executed.
# They install what a fresh Debian/Ubuntu machine with only the .NET SDK and Node lacks, and manage a private
# PostgreSQL cluster in a folder of our own (run as the `postgres` user when we are root: initdb refuses root).

log() { printf '\033[1;34m[officeeval]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[officeeval] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo "$@";
  else die "need root (or sudo) to run: $*"; fi
}

APT_UPDATED=""
apt_install() {
  # Installs the Debian packages given, only those not yet installed.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ${missing[*]} yourself"
  log "installing ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  if [ -z "$(pg_bindir)" ] || [ ! -x "$(pg_bindir)/initdb" ]; then
    apt_install postgresql
  fi
  PG_BIN=$(pg_bindir)
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found after install"
  export PG_BIN
}

ensure_node_modules() {
  # npm ci when node_modules is missing or older than the lock file.
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing npm packages in $(basename "$dir")"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Runs a PostgreSQL tool as the cluster owner: `postgres` when we are root, ourselves otherwise.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_init DATADIR [initdb options...]: creates the cluster if DATADIR holds none.
pg_init() {
  local data=$1; shift
  if [ -f "$data/PG_VERSION" ]; then return 0; fi
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
  chmod 700 "$data"
  pg_as_owner "$PG_BIN/initdb" -D "$data" --encoding=UTF8 --locale=C.UTF-8 "$@" >/dev/null
}

# pg_start DATADIR PORT SOCKETDIR: starts the cluster on 127.0.0.1:PORT.
pg_start() {
  local data=$1 port=$2 sock=$3
  mkdir -p "$sock"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$sock"; fi
  if pg_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running for $data"
    return 0
  fi
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-on}" start >/dev/null \
    || { tail -n 20 "$data/server.log" >&2; die "PostgreSQL did not start"; }
}

pg_stop() {
  local data=$1
  if [ -f "$data/postmaster.pid" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

free_port() {
  # Asks the kernel for a free loopback port.
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# wait_http_ok URL SECONDS [PID]: waits until GET URL answers 200 (each try bounded to 2 s); gives up after
# SECONDS, or at once when the server process PID has exited. Uses node's fetch: curl may be missing.
wait_http_ok() {
  local url=$1 deadline=$((SECONDS + $2)) pid=${3:-}
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$url" \
      && return 0
    sleep 0.5
  done
  return 1
}

# stop_process PID [SECONDS]: SIGTERM, then SIGKILL if it is still there after SECONDS (default 15).
stop_process() {
  local pid=$1 deadline=$((SECONDS + ${2:-15}))
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# ensure_libreoffice: headless LibreOffice Calc and Writer (the workbook's re-save and PDF tests; Word reports), CJK
# fonts for the PDFs it prints, poppler-utils (pdffonts, pdftotext, pdfinfo, pdfimages, pdftoppm) to inspect them and
# zbar-tools (zbarimg) to scan the QR codes of the survey links workbook. Installs only what is missing; sets
# OFFICEEVAL_SOFFICE to the soffice found.
ensure_libreoffice() {
  if ! command -v soffice >/dev/null 2>&1; then
    apt_install libreoffice-calc-nogui libreoffice-writer-nogui
  elif ! dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 && ! dpkg -s libreoffice-writer >/dev/null 2>&1; then
    # soffice is there without Writer: add the Writer that matches the installed core (the -nogui and GUI builds conflict).
    if dpkg -s libreoffice-core-nogui >/dev/null 2>&1; then apt_install libreoffice-writer-nogui; else apt_install libreoffice-writer; fi
  fi
  apt_install fonts-noto-cjk poppler-utils zbar-tools
  OFFICEEVAL_SOFFICE=$(command -v soffice) || die "LibreOffice (soffice) not found after install"
  export OFFICEEVAL_SOFFICE
}

# Benchmarks' PostgreSQL: the server on 127.0.0.1:$BENCH_PG_PORT (user postgres, trust) when that is set, else a
# throwaway cluster in WORK/pg (sets PG_DATA); sets PG_PORT and creates database DB. bench_postgres_cleanup drops DB
# and stops the throwaway cluster. psql_db runs psql as postgres against it.
psql_db() { psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }
bench_postgres() {
  local work=$1 db=$2
  if [ -n "${BENCH_PG_PORT:-}" ]; then
    PG_PORT=$BENCH_PG_PORT
  else
    ensure_postgres
    PG_DATA=$work/pg
    PG_PORT=$(free_port)
    log "starting a throwaway PostgreSQL cluster on port $PG_PORT"
    pg_init "$PG_DATA" --username=postgres --auth=trust
    pg_start "$PG_DATA" "$PG_PORT" "$work/socket"
  fi
  psql_db -d postgres -c "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0" >/dev/null
}
bench_postgres_cleanup() {
  local db=$1
  if [ -n "${PG_PORT:-}" ]; then psql_db -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ -n "${PG_DATA:-}" ]; then pg_stop "$PG_DATA"; fi
}
