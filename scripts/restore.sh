#!/usr/bin/env bash
# Restores an OfficeEval backup made by scripts/backup.sh into a fresh database and files folder, then verifies it.
# See --help, the README's "Backup and restore" and docs/reliability.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/scripts/backup-lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/restore.sh BACKUP [--db CONNECTION] [--files DIR] [--create] [--force] [--no-owner]

Restores BACKUP (a folder officeeval-backup-<time> made by scripts/backup.sh) into the database and files folder
given, which must be empty. Stop the API first. In this order:
  1. checks the backup against its manifest: the SHA-256 and size of the dump and of every file, no file missing or
     added; a damaged or altered backup is refused before anything is touched;
  2. checks the target: the database must exist and hold no tables or functions (--create creates it; --force drops
     and re-creates a non-empty one), the files folder must be missing or empty (--force empties it);
  3. restores the dump with pg_restore in a single transaction (all or nothing), then copies the files;
  4. verifies the result: the applied migrations and the row count of every table are the manifest's, the audit chain
     verifies (docs/audit-verify.sql) and ends at the manifest's head, every file of the manifest is in the files
     folder with its SHA-256, and every file the restored database names is there. Prints a summary.

Options:
  --db CONNECTION  the target database, written as for scripts/backup.sh: an Npgsql connection string as the API's
                   ConnectionStrings__Default, a libpq connection string or a postgresql:// URI. Default:
                   ConnectionStrings__Default from the environment. Passwords: as for backup.sh (PGPASSWORD, ~/.pgpass).
  --files DIR      the target files folder; default OfficeEval__FilesPath from the environment (relative to
                   api/OfficeEval.Api), else api/OfficeEval.Api/.data/files
  --create         create the database when it does not exist (needs CREATEDB; connects to --maintenance-db)
  --force          replace a non-empty target: the database is dropped and created again (same owner, encoding and
                   locale), the files folder's contents are deleted. Everything in them is lost.
  --no-owner       do not restore owners and grants: every object belongs to the user restoring (use this when the
                   roles of the backed-up server do not exist here; restore as the API's role then)
  --maintenance-db NAME  the database to connect to for --create and --force (default: postgres)
  -h, --help       this text

Exit status: 0 restored and verified; 2 refused, nothing changed (bad arguments, damaged backup, non-empty target,
unsuitable tools or server); 3 restored but the verification failed (the differences are printed); 1 other errors.
EOF
}

refuse() { printf '\033[1;31m[officeeval] refused: %s\033[0m\n' "$*" >&2; exit 2; }

BACKUP=""
DB_ARG=""
FILES=${OfficeEval__FilesPath:-}
CREATE=0
FORCE=0
NO_OWNER=0
MAINTENANCE_DB=postgres
while [ $# -gt 0 ]; do
  case $1 in
    --db) DB_ARG=${2:?--db needs a value}; shift 2 ;;
    --db=*) DB_ARG=${1#*=}; shift ;;
    --files) FILES=${2:?--files needs a value}; shift 2 ;;
    --files=*) FILES=${1#*=}; shift ;;
    --create) CREATE=1; shift ;;
    --force) FORCE=1; shift ;;
    --no-owner) NO_OWNER=1; shift ;;
    --maintenance-db) MAINTENANCE_DB=${2:?--maintenance-db needs a value}; shift 2 ;;
    --maintenance-db=*) MAINTENANCE_DB=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) refuse "unknown option: $1 (see --help)" ;;
    *) [ -z "$BACKUP" ] || refuse "one backup at a time: $BACKUP and $1"; BACKUP=$1; shift ;;
  esac
done
[ -n "$BACKUP" ] || refuse "say which backup to restore (see --help)"
[ -d "$BACKUP" ] || refuse "$BACKUP is not a folder"
BACKUP=$(cd "$BACKUP" && pwd)
MANIFEST=$BACKUP/manifest.json
[ -f "$MANIFEST" ] || refuse "$BACKUP has no manifest.json: not a complete backup"

CONTENT_ROOT=$ROOT/api/OfficeEval.Api
FILES=${FILES:-.data/files}
case $FILES in /*) ;; *) FILES=$CONTENT_ROOT/$FILES ;; esac

pg_connect_from "$DB_ARG"
TARGET_DB=$PGDATABASE
ensure_pg_client
ensure_jq

# ---- 1. the backup is what its manifest says -------------------------------------------------------------------------
jq -e . "$MANIFEST" >/dev/null 2>&1 || refuse "$MANIFEST is not valid JSON"
[ "$(jq -r .format "$MANIFEST")" = "$BACKUP_FORMAT" ] || refuse "$MANIFEST is not an OfficeEval backup manifest"
VERSION=$(jq -r .formatVersion "$MANIFEST")
[ "$VERSION" = "$BACKUP_FORMAT_VERSION" ] || refuse "backup format version $VERSION is not supported by this script (it reads $BACKUP_FORMAT_VERSION)"

log "checking $BACKUP against its manifest"
DUMP=$BACKUP/database.dump
[ -f "$DUMP" ] || refuse "the dump $DUMP is missing"
[ "$(stat -c %s "$DUMP")" = "$(jq -r .database.dump.bytes "$MANIFEST")" ] || refuse "the dump's size differs from the manifest's: the backup is damaged or was altered"
[ "$(sha256sum "$DUMP" | cut -c1-64)" = "$(jq -r .database.dump.sha256 "$MANIFEST")" ] || refuse "the dump's SHA-256 differs from the manifest's: the backup is damaged or was altered"

BACKUP_FILES=$BACKUP/files
[ -d "$BACKUP_FILES" ] || refuse "the backup's files folder $BACKUP_FILES is missing"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Both sides as {path: "sha256 bytes"}; the differences by path.
jq '.files.items | map({key: .path, value: "\(.sha256) \(.bytes)"}) | from_entries' "$MANIFEST" > "$WORK/expected.json"
sums_json() { file_sums "$1" > "$WORK/sums"; jq -R -s 'split("\n") | map(select(length > 0) | capture("^(?<s>[0-9a-f]{64} [0-9]+) (?<p>.+)$") | {key: .p, value: .s}) | from_entries' "$WORK/sums"; }
# compare_files EXPECTED ACTUAL: one line per file missing, added or changed (the first 20).
compare_files() {
  jq -r -n --slurpfile e "$1" --slurpfile a "$2" '$e[0] as $e | $a[0] as $a
    | (($e | keys) - ($a | keys) | map("missing: " + .)),
      (($a | keys) - ($e | keys) | map("not in the manifest: " + .)),
      ([$e | keys[] | select($a[.] != null and $a[.] != $e[.])] | map("changed: " + .))
    | .[]' | head -n 20
}
sums_json "$BACKUP_FILES" > "$WORK/actual.json"
DIFFERENCES=$(compare_files "$WORK/expected.json" "$WORK/actual.json")
if [ -n "$DIFFERENCES" ]; then
  echo "the backup's files differ from its manifest:" >&2
  sed 's/^/  /' <<< "$DIFFERENCES" >&2
  refuse "the backup does not match its manifest: it is damaged or was altered"
fi
log "backup intact: the dump and $(jq length "$WORK/expected.json") files match their SHA-256"

# ---- 2. the target is fresh ------------------------------------------------------------------------------------------
PG_RESTORE_MAJOR=$(tool_major pg_restore)
DUMPED_BY=$(jq -r .database.dump.pgDump "$MANIFEST" | sed -E 's/^[^0-9]*([0-9]+).*/\1/')
[ "$PG_RESTORE_MAJOR" -ge "$DUMPED_BY" ] ||
  refuse "pg_restore $PG_RESTORE_MAJOR ($PG_BIN) cannot read a dump made by pg_dump $DUMPED_BY: set PG_BIN to version $DUMPED_BY or later"

if [ -d "$FILES" ] && [ -n "$(find "$FILES" -mindepth 1 -print -quit)" ] && [ $FORCE -eq 0 ]; then
  refuse "the files folder $FILES is not empty: restore into an empty folder, or pass --force to delete its contents"
fi
[ ! -e "$FILES" ] || [ -d "$FILES" ] || refuse "$FILES exists and is not a folder"

maintenance() { PGDATABASE=$MAINTENANCE_DB psql_q -v db="$TARGET_DB" "$@"; }
EXISTS=$(echo "SELECT count(*) FROM pg_database WHERE datname = :'db';" | maintenance 2>"$WORK/maintenance.err") || EXISTS=""
if [ -z "$EXISTS" ]; then
  # No maintenance database to ask: find out by connecting to the target itself.
  if psql_q -c "SELECT 1" >/dev/null 2>"$WORK/connect.err"; then EXISTS=1
  elif grep -q "does not exist" "$WORK/connect.err" && grep -q "database" "$WORK/connect.err"; then EXISTS=0
  else cat "$WORK/connect.err" >&2; refuse "cannot connect to $(pg_where)"; fi
fi
if [ "$EXISTS" = 0 ]; then
  [ $CREATE -eq 1 ] || refuse "the database $TARGET_DB does not exist: create it (empty), or pass --create"
  [ -s "$WORK/maintenance.err" ] && { cat "$WORK/maintenance.err" >&2; refuse "--create needs a connection to the maintenance database $MAINTENANCE_DB"; }
fi

if [ "$EXISTS" = 1 ]; then SERVER_NUM=$(psql_q -c "SHOW server_version_num"); else SERVER_NUM=$(PGDATABASE=$MAINTENANCE_DB psql_q -c "SHOW server_version_num"); fi
[ $((SERVER_NUM / 10000)) -ge $(( $(jq -r .database.server.versionNum "$MANIFEST") / 10000 )) ] ||
  refuse "the target server (PostgreSQL $((SERVER_NUM / 10000))) is older than the one backed up ($(jq -r .database.server.version "$MANIFEST")): restore into the same major version or a newer one"

OBJECTS_SQL="SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%')
  + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))"
if [ "$EXISTS" = 1 ]; then
  OBJECTS=$(psql_q -c "$OBJECTS_SQL")
  if [ "$OBJECTS" != 0 ]; then
    [ $FORCE -eq 1 ] || refuse "the database $TARGET_DB is not empty ($OBJECTS tables, sequences, indexes or functions): restore into an empty database, or pass --force to drop and re-create it"
    log "--force: dropping and re-creating the database $TARGET_DB"
    SETTINGS=$(echo "SELECT format('OWNER %I ENCODING %L LC_COLLATE %L LC_CTYPE %L', pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype) FROM pg_database WHERE datname = :'db';" | maintenance)
    maintenance <<< "DROP DATABASE :\"db\" WITH (FORCE);" >/dev/null
    maintenance <<< "CREATE DATABASE :\"db\" TEMPLATE template0 $SETTINGS;" >/dev/null
  fi
else
  log "creating the database $TARGET_DB"
  maintenance <<< "CREATE DATABASE :\"db\" TEMPLATE template0 ENCODING 'UTF8';" >/dev/null
fi

# ---- 3. restore ------------------------------------------------------------------------------------------------------
log "restoring the database into $(pg_where)"
RESTORE_OPTIONS=(--exit-on-error --single-transaction)
[ $NO_OWNER -eq 0 ] || RESTORE_OPTIONS+=(--no-owner --no-privileges)
"$PG_BIN/pg_restore" "${RESTORE_OPTIONS[@]}" --dbname="$TARGET_DB" "$DUMP" ||
  die "pg_restore failed (see above); nothing was restored into $TARGET_DB (single transaction)"

log "restoring the files into $FILES"
if [ $FORCE -eq 1 ] && [ -d "$FILES" ]; then find "$FILES" -mindepth 1 -delete; fi
mkdir -p "$FILES"
cp -a "$BACKUP_FILES/." "$FILES/" ||
  die "copying the files into $FILES failed (see above): the database is restored but the files folder is incomplete; fix the cause and restore again with --force"

# ---- 4. verify -------------------------------------------------------------------------------------------------------
log "verifying the restored database and files"
PROBLEMS=()
problem() { PROBLEMS+=("$*"); printf '\033[1;31m[officeeval] %s\033[0m\n' "$*" >&2; }

MIGRATIONS=$(psql_q -c "$SQL_MIGRATIONS")
jq -e --argjson restored "$MIGRATIONS" '.database.migrations == $restored' "$MANIFEST" >/dev/null ||
  problem "the applied migrations differ from the backup's: $(jq -c '[.database.migrations[] | "\(.version) \(.checksum[0:12])"]' "$MANIFEST") backed up, $(jq -c '[.[] | "\(.version) \(.checksum[0:12])"]' <<< "$MIGRATIONS") restored (version, checksum)"

COUNTS=$(psql_q -c "$(sql_counts "$(psql_q -c "$SQL_TABLES")")")
DIFFERENT=$(jq -r --argjson restored "$COUNTS" '.database.tables as $backed
  | ($backed + $restored | keys) | map(select($backed[.] != $restored[.]) | "\(.): \($backed[.] // "none") backed up, \($restored[.] // "none") restored") | .[]' "$MANIFEST")
[ -z "$DIFFERENT" ] || problem "row counts differ: $(echo "$DIFFERENT" | paste -sd ';' | sed 's/;/; /g')"

BROKEN=$(psql_q -f "$ROOT/docs/audit-verify.sql")
EXPECTED_BROKEN=$(jq -r 'if .audit.chainValid then "" else "\(.audit.broken.seq)|\(.audit.broken.reason)" end' "$MANIFEST")
if [ "$BROKEN" != "$EXPECTED_BROKEN" ]; then
  if [ -z "$EXPECTED_BROKEN" ]; then problem "the restored audit chain is broken at entry ${BROKEN%%|*} (${BROKEN#*|})"
  else problem "the audit chain was broken at ${EXPECTED_BROKEN/|/ (}) when backed up, restored: ${BROKEN:-valid}"; fi
fi
HEAD=$(psql_q -c "$SQL_AUDIT_HEAD")
jq -e --argjson head "$HEAD" '.audit.head == $head' "$MANIFEST" >/dev/null ||
  problem "the audit chain's head differs: $(jq -c .audit.head "$MANIFEST") backed up, $HEAD restored"

# The folder was empty before, so every file in it came from the backup: the same set, each with its SHA-256.
sums_json "$FILES" > "$WORK/restored.json"
DIFFERENCES=$(compare_files "$WORK/expected.json" "$WORK/restored.json")
[ -z "$DIFFERENCES" ] || problem "the restored files differ from the backup's: $(paste -sd ';' <<< "$DIFFERENCES" | sed 's/;/; /g')"

UNFOUND=()
while IFS= read -r ref; do
  [ -n "$ref" ] || continue
  [ -f "$FILES/$ref" ] || jq -e --arg ref "$ref" '.files.missingReferenced | index($ref)' "$MANIFEST" >/dev/null || UNFOUND+=("$ref")
done <<< "$(psql_q -c "$SQL_REFERENCED_FILES")"
[ ${#UNFOUND[@]} -eq 0 ] || problem "${#UNFOUND[@]} files the restored database names are not in $FILES: ${UNFOUND[*]:0:5}"

if [ ${#PROBLEMS[@]} -gt 0 ]; then
  printf '\033[1;31m[officeeval] restored into %s and %s, but the verification FAILED (%d problems above)\033[0m\n' "$(pg_where)" "$FILES" ${#PROBLEMS[@]} >&2
  exit 3
fi

jq -r --arg db "$(pg_where)" --arg files "$FILES" '"restored and verified: \(input_filename | sub("/manifest.json$"; ""))",
  "  database \($db): migration \(.migration); \(.database.tables.campaigns // 0) campaigns, \(.database.tables.self_assessment_versions // 0) submitted versions, \(.database.tables.users // 0) users, \(.database.tables | length) tables with the backed-up row counts",
  "  audit: \(.audit.entries) entries, chain \(if .audit.chainValid then "valid" else "broken as when backed up" end), head \(.audit.head.seq // "-") \(.audit.head.hash // "")",
  "  files \($files): \(.files.count) files (\(.files.bytes) bytes) with their SHA-256",
  "  taken at \(.takenAt); start the API on this database and files folder"' "$MANIFEST"
