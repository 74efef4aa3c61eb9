#!/usr/bin/env bash
# Backs up OfficeEval: the database (pg_dump, custom format) and the files folder, into one timestamped folder with a
# manifest. See --help, the README's "Backup and restore" and docs/reliability.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/scripts/backup-lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/backup.sh --out DIR [--db CONNECTION] [--files DIR]

Backs up the OfficeEval database and its files folder into DIR/officeeval-backup-<UTC time>/:
  database.dump   pg_dump of the whole database, custom format (pg_restore reads it)
  files/          a copy of the files folder (report batches, rectification evidence, …)
  manifest.json   format version, time, PostgreSQL version, applied migrations, row count of every table, the audit
                  chain's head, and the size and SHA-256 of the dump and of every file

The database is read in one snapshot: the row counts and the audit head in the manifest are those of the dump. The
files are copied after the snapshot was taken, so every file a row of the dump names is already complete in the
folder; a file written later is a harmless extra. The backup is written under a hidden .partial name and renamed
only once complete: a folder named officeeval-backup-* is always a whole backup.

Options:
  --out DIR        the folder the backup is written into (created if missing); or OFFICEEVAL_BACKUP_DIR
  --db CONNECTION  the database: an Npgsql connection string as the API's ConnectionStrings__Default
                   ("Host=…;Port=…;Database=…;Username=…"), a libpq connection string ("host=… dbname=… user=…")
                   or URI ("postgresql://user@host:5432/dbname"). Default: ConnectionStrings__Default from the
                   environment, the API's own setting. A Password in ConnectionStrings__Default is handed to the tools
                   through PGPASSWORD, never on a command line; otherwise PGPASSWORD, PGPASSFILE or ~/.pgpass.
  --files DIR      the files folder; default OfficeEval__FilesPath from the environment (relative to
                   api/OfficeEval.Api, the API's content root under scripts/run.sh), else api/OfficeEval.Api/.data/files
  -h, --help       this text

The client tools come from PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH (postgresql-client is
installed when none is found); pg_dump must be of the server's major version or newer. jq is installed if missing.
Exits non-zero, removing what it wrote, on any failure.
EOF
}

DB_ARG=""
FILES=${OfficeEval__FilesPath:-}
OUT=${OFFICEEVAL_BACKUP_DIR:-}
while [ $# -gt 0 ]; do
  case $1 in
    --db) DB_ARG=${2:?--db needs a value}; shift 2 ;;
    --db=*) DB_ARG=${1#*=}; shift ;;
    --files) FILES=${2:?--files needs a value}; shift 2 ;;
    --files=*) FILES=${1#*=}; shift ;;
    --out) OUT=${2:?--out needs a value}; shift 2 ;;
    --out=*) OUT=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ -n "$OUT" ] || die "say where the backup goes: --out DIR (see --help)"

CONTENT_ROOT=$ROOT/api/OfficeEval.Api
FILES=${FILES:-.data/files}
case $FILES in /*) ;; *) FILES=$CONTENT_ROOT/$FILES ;; esac

pg_connect_from "$DB_ARG"
ensure_pg_client
ensure_jq

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
NAME=officeeval-backup-$STAMP
FINAL=$OUT/$NAME
PARTIAL=$OUT/.$NAME.partial
[ ! -e "$FINAL" ] || die "$FINAL already exists"

PSQL_PID=""
cleanup() {
  local status=$?
  if [ -n "$PSQL_PID" ]; then kill "$PSQL_PID" 2>/dev/null || true; wait "$PSQL_PID" 2>/dev/null || true; fi
  if [ -d "$PARTIAL" ]; then rm -rf "$PARTIAL"; fi
  if [ $status -ne 0 ]; then printf '\033[1;31m[officeeval] backup FAILED: nothing was kept\033[0m\n' >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "backing up $(pg_where) and $FILES"
SERVER_NUM=$(psql_q -c "SHOW server_version_num") || die "cannot connect to $(pg_where) (see above)"
SERVER_MAJOR=$((SERVER_NUM / 10000))
DUMP_MAJOR=$(tool_major pg_dump)
[ "$DUMP_MAJOR" -ge "$SERVER_MAJOR" ] ||
  die "pg_dump $DUMP_MAJOR ($PG_BIN) cannot back up a PostgreSQL $SERVER_MAJOR server: install the client tools of version $SERVER_MAJOR or later (postgresql-client-$SERVER_MAJOR) and set PG_BIN to their bin folder"
[ "$(psql_q -c "SELECT to_regclass('public.schema_migrations') IS NOT NULL AND to_regclass('public.audit_entries') IS NOT NULL")" = t ] ||
  die "$(pg_where) is not an OfficeEval database (no schema_migrations or audit_entries)"
mkdir "$PARTIAL"

# One session holds a REPEATABLE READ snapshot for the whole backup: pg_dump reads it (--snapshot) and so do the
# queries for the manifest, so counts, migrations and the audit head are exactly those of the dump.
coproc SNAP { exec "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1; }
# Our own copies: bash unsets SNAP_PID and closes SNAP's descriptors as soon as the coprocess exits.
PSQL_PID=$SNAP_PID
[ -n "${SNAP[1]:-}" ] || die "the database session ended at once (see the error above)"
exec {SNAP_IN}>&"${SNAP[1]}" {SNAP_OUT}<&"${SNAP[0]}"
snap() {
  local marker="__officeeval_done_${RANDOM}${RANDOM}__" line
  printf '%s\n\\echo %s\n' "$1" "$marker" >&"$SNAP_IN" 2>/dev/null || die "the database session ended (see the error above)"
  while IFS= read -r -t 3600 line <&"$SNAP_OUT"; do
    if [ "$line" = "$marker" ]; then return 0; fi
    printf '%s\n' "$line"
  done
  die "the database session ended (see the error above)"
}

snap "SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0; SET lock_timeout = 0;" >/dev/null
SERVER_VERSION=$(snap "SELECT current_setting('server_version');")

snap "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;" >/dev/null
SNAPSHOT=$(snap "SELECT pg_export_snapshot();")
TAKEN_AT=$(snap "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"');")
DATABASE_INFO=$(snap "SELECT json_build_object('name', datname, 'encoding', pg_encoding_to_char(encoding), 'collate', datcollate, 'ctype', datctype) FROM pg_database WHERE datname = current_database();")
MIGRATIONS=$(snap "$SQL_MIGRATIONS;")
COUNTS=$(snap "$(sql_counts "$(snap "$SQL_TABLES;")");")
AUDIT_HEAD=$(snap "$SQL_AUDIT_HEAD;")
AUDIT_BROKEN=$(snap "\\i '${ROOT//\'/\\\'}/docs/audit-verify.sql'")
REFERENCED=$(snap "$SQL_REFERENCED_FILES;")

log "dumping the database (snapshot $SNAPSHOT)"
"$PG_BIN/pg_dump" --format=custom --snapshot="$SNAPSHOT" --file="$PARTIAL/database.dump" ||
  die "pg_dump failed (see above)"
snap "COMMIT;" >/dev/null
printf '\\q\n' >&"$SNAP_IN"
exec {SNAP_IN}>&- {SNAP_OUT}<&-
wait "$PSQL_PID" 2>/dev/null || true
PSQL_PID=""

# The files, after the snapshot: every file a row of the dump names was complete (written, then renamed into place)
# before that row was committed. Files written meanwhile are harmless extras; a write in progress (*.partial) is left
# out. A file removed since the snapshot (a Graph snapshot once published) is reported below.
mkdir "$PARTIAL/files"
if [ -d "$FILES" ]; then
  log "copying the files folder"
  (cd "$FILES" && find . -type f ! -name '*.partial' -printf '%P\0') | while IFS= read -r -d '' f; do
    mkdir -p "$PARTIAL/files/$(dirname -- "$f")"
    if ! cp -p -- "$FILES/$f" "$PARTIAL/files/$f" 2>/dev/null; then
      [ ! -e "$FILES/$f" ] || die "cannot copy $FILES/$f"
      log "note: $f was removed while the backup ran"
    fi
  done
else
  log "note: the files folder $FILES does not exist (no file stored yet?)"
fi

file_sums "$PARTIAL/files" > "$PARTIAL/.sums"
MISSING=()
REFERENCED_COUNT=0
while IFS= read -r ref; do
  [ -n "$ref" ] || continue
  REFERENCED_COUNT=$((REFERENCED_COUNT + 1))
  [ -f "$PARTIAL/files/$ref" ] || MISSING+=("$ref")
done <<< "$REFERENCED"
if [ ${#MISSING[@]} -gt 0 ]; then
  [ ${#MISSING[@]} -lt "$REFERENCED_COUNT" ] ||
    die "none of the $REFERENCED_COUNT files the database names is in $FILES: is that the API's files folder (--files, OfficeEval__FilesPath)?"
  log "warning: ${#MISSING[@]} of the $REFERENCED_COUNT files the database names are not in the files folder (recorded in the manifest as missingReferenced): ${MISSING[*]:0:5}"
fi
if [ -n "$AUDIT_BROKEN" ]; then
  log "warning: the audit chain is broken at entry ${AUDIT_BROKEN%%|*} (${AUDIT_BROKEN#*|}) in the database backed up; recorded in the manifest"
fi

DUMP_SHA=$(sha256sum "$PARTIAL/database.dump" | cut -c1-64)
DUMP_BYTES=$(stat -c %s "$PARTIAL/database.dump")
jq -n \
  --arg format "$BACKUP_FORMAT" --argjson formatVersion "$BACKUP_FORMAT_VERSION" \
  --arg takenAt "$TAKEN_AT" --arg finishedAt "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --arg serverVersion "$SERVER_VERSION" --argjson serverVersionNum "$SERVER_NUM" \
  --arg pgDump "$("$PG_BIN/pg_dump" --version)" --argjson database "$DATABASE_INFO" \
  --arg dumpSha "$DUMP_SHA" --argjson dumpBytes "$DUMP_BYTES" \
  --argjson migrations "$MIGRATIONS" --argjson tables "$COUNTS" --argjson head "$AUDIT_HEAD" \
  --arg broken "$AUDIT_BROKEN" --argjson referenced "$REFERENCED_COUNT" \
  --rawfile sums "$PARTIAL/.sums" --args '
  ($sums | split("\n") | map(select(length > 0)
    | capture("^(?<sha256>[0-9a-f]{64}) (?<bytes>[0-9]+) (?<path>.+)$") | {path, bytes: (.bytes | tonumber), sha256})) as $items
  | {
      format: $format,
      formatVersion: $formatVersion,
      takenAt: $takenAt,
      finishedAt: $finishedAt,
      migration: ($migrations | last | .version),
      database: ($database + {
        server: {version: $serverVersion, versionNum: $serverVersionNum},
        dump: {path: "database.dump", format: "custom", bytes: $dumpBytes, sha256: $dumpSha, pgDump: $pgDump},
        migrations: $migrations,
        tables: $tables
      }),
      audit: {
        entries: $tables.audit_entries,
        head: $head,
        chainValid: ($broken == ""),
        broken: (if $broken == "" then null else ($broken | split("|") | {seq: (.[0] | tonumber), reason: .[1]}) end)
      },
      files: {
        path: "files",
        count: ($items | length),
        bytes: ($items | map(.bytes) | add // 0),
        referenced: $referenced,
        missingReferenced: $ARGS.positional,
        items: $items
      }
    }' "${MISSING[@]}" > "$PARTIAL/manifest.json"
rm -f "$PARTIAL/.sums"

# On disk before the name says it is complete.
sync -f "$PARTIAL/manifest.json" 2>/dev/null || sync
mv "$PARTIAL" "$FINAL"
sync -f "$FINAL" 2>/dev/null || true

jq -r --arg path "$FINAL" '"backup complete: \($path)",
  "  taken at \(.takenAt) from \(.database.name) (PostgreSQL \(.database.server.version)), migration \(.migration)",
  "  database: \(.database.dump.bytes) bytes; \(.database.tables.campaigns // 0) campaigns, \(.database.tables.self_assessment_versions // 0) submitted versions, \(.database.tables.users // 0) users, \(.audit.entries) audit entries (head \(.audit.head.seq // "-"), chain \(if .audit.chainValid then "valid" else "BROKEN" end))",
  "  files: \(.files.count) (\(.files.bytes) bytes); the database names \(.files.referenced), \(.files.missingReferenced | length) of them missing"' "$FINAL/manifest.json"
echo "$FINAL"
