# Shared by scripts/backup.sh and scripts/restore.sh. Sourced after scripts/lib.sh, not executed.
# Connection settings, the PostgreSQL client tools, and the queries both sides of a backup must agree on.

BACKUP_FORMAT=officeeval-backup
BACKUP_FORMAT_VERSION=1

# ---- connection settings ------------------------------------------------------------------------------------------
# pg_connect SPEC: turns SPEC into the libpq environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE, …)
# that psql, pg_dump and pg_restore read, so a password never reaches a command line. SPEC is either
#   - the API's own setting, an Npgsql connection string: "Host=db;Port=5432;Database=officeeval;Username=…;Password=…"
#   - a libpq connection string, "host=db port=5432 dbname=officeeval user=officeeval", or
#   - a libpq URI, "postgresql://officeeval@db:5432/officeeval?sslmode=require".
# Settings SPEC leaves out keep their PG* environment values (and libpq's defaults); the password may come from
# PGPASSWORD, PGPASSFILE or ~/.pgpass. Npgsql-only settings (pooling, timeouts of commands, …) are ignored.
pg_connect() {
  local spec=$1 keys=() values=()
  if [[ $spec =~ ^postgres(ql)?:// ]]; then
    _pg_parse_uri "$spec"
  elif [[ $spec == *";"* ]] || [[ $spec =~ ^[[:space:]]*[A-Za-z][A-Za-z\ ]*=[^=]*$ && $spec =~ [A-Z] ]]; then
    _pg_parse_pairs "$spec" ";"
  else
    # libpq allows spaces around '=' ("host = db"); the splitter does not.
    _pg_parse_pairs "$(sed -E 's/[[:space:]]*=[[:space:]]*/=/g' <<< "$spec")" " "
  fi
  local i
  for i in "${!keys[@]}"; do _pg_set "${keys[$i]}" "${values[$i]}"; done
  [ -n "${PGDATABASE:-}" ] || die "the connection settings name no database"
}

# Splits "key=value<sep>key=value" into keys/values (the caller's arrays); a value may be quoted with ' or ".
_pg_parse_pairs() {
  local text=$1 sep=$2 key="" value="" quote="" in_value=0 c i
  for ((i = 0; i <= ${#text}; i++)); do
    c=${text:i:1}
    if [ $i -eq ${#text} ] || { [ -z "$quote" ] && [ "$c" = "$sep" ]; }; then
      key=$(_trim "$key")
      if [ -n "$key" ]; then keys+=("$key"); values+=("$value"); fi
      key=""; value=""; in_value=0
    elif [ $in_value -eq 0 ]; then
      if [ "$c" = "=" ]; then in_value=1; else key+=$c; fi
    elif [ -n "$quote" ]; then
      if [ "$c" = "$quote" ]; then quote=""; elif [ "$c" = "\\" ] && [ "$sep" = " " ]; then i=$((i + 1)); value+=${text:i:1}; else value+=$c; fi
    elif { [ "$c" = "'" ] || [ "$c" = '"' ]; } && [ -z "$(_trim "$value")" ]; then
      quote=$c; value=""
    elif [ "$c" != " " ] || [ -n "$value" ]; then
      value+=$c
    fi
  done
  local j
  for j in "${!values[@]}"; do values[$j]=$(_trim "${values[$j]}"); done
}

# postgresql://[user[:password]@][host][:port][/dbname][?key=value&…] into keys/values (percent-decoded).
_pg_parse_uri() {
  local rest=${1#*://} query="" authority path="" userinfo="" hostport
  if [[ $rest == *"?"* ]]; then query=${rest#*\?}; rest=${rest%%\?*}; fi
  if [[ $rest == */* ]]; then path=${rest#*/}; authority=${rest%%/*}; else authority=$rest; fi
  if [[ $authority == *@* ]]; then userinfo=${authority%@*}; hostport=${authority##*@}; else hostport=$authority; fi
  if [ -n "$userinfo" ]; then
    keys+=(user); values+=("$(_pct_decode "${userinfo%%:*}")")
    if [[ $userinfo == *:* ]]; then keys+=(password); values+=("$(_pct_decode "${userinfo#*:}")"); fi
  fi
  if [ -n "$hostport" ]; then
    local host=$hostport port=""
    if [[ $hostport =~ ^\[(.*)\](:([0-9]+))?$ ]]; then host=${BASH_REMATCH[1]}; port=${BASH_REMATCH[3]}
    elif [[ $hostport =~ ^([^:]*):([0-9]+)$ ]]; then host=${BASH_REMATCH[1]}; port=${BASH_REMATCH[2]}; fi
    if [ -n "$host" ]; then keys+=(host); values+=("$(_pct_decode "$host")"); fi
    if [ -n "$port" ]; then keys+=(port); values+=("$port"); fi
  fi
  if [ -n "$path" ]; then keys+=(dbname); values+=("$(_pct_decode "$path")"); fi
  local pair
  local IFS='&'
  for pair in $query; do
    [ -n "$pair" ] || continue
    keys+=("$(_pct_decode "${pair%%=*}")"); values+=("$(_pct_decode "${pair#*=}")")
  done
}

_pct_decode() { local s=${1//+/ }; printf '%b' "${s//%/\\x}"; }
_trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

# One setting, by its libpq keyword or Npgsql name (case and spaces ignored), into its PG* variable.
_pg_set() {
  local key value=$2
  key=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | tr -d ' _')
  case $key in
    host|server) export PGHOST=$value ;;
    hostaddr) export PGHOSTADDR=$value ;;
    port) export PGPORT=$value ;;
    database|db|dbname) export PGDATABASE=$value ;;
    username|user|userid|uid) export PGUSER=$value ;;
    password|pwd|psw) export PGPASSWORD=$value ;;
    passfile) export PGPASSFILE=$value ;;
    sslmode)
      case $(printf '%s' "$value" | tr '[:upper:]' '[:lower:]' | tr -d '-') in
        disable) export PGSSLMODE=disable ;; allow) export PGSSLMODE=allow ;; prefer) export PGSSLMODE=prefer ;;
        require) export PGSSLMODE=require ;; verifyca) export PGSSLMODE=verify-ca ;; verifyfull) export PGSSLMODE=verify-full ;;
        *) die "unknown SSL mode: $value" ;;
      esac ;;
    sslrootcert|rootcertificate) export PGSSLROOTCERT=$value ;;
    sslcert|sslcertificate) export PGSSLCERT=$value ;;
    sslkey) export PGSSLKEY=$value ;;
    connecttimeout|timeout) export PGCONNECT_TIMEOUT=$value ;;
    applicationname) export PGAPPNAME=$value ;;
    options) export PGOPTIONS=$value ;;
    # Npgsql's pool, command and logging settings mean nothing to the client tools.
    *) ;;
  esac
}

# pg_connect_from ARG: the --db argument when given, else the API's ConnectionStrings__Default.
pg_connect_from() {
  local given=$1
  if [ -n "$given" ]; then
    if [[ $given =~ ([Pp]ass(word)?|PWD|[Pp]wd)[[:space:]]*= || $given =~ ://[^/@]*:[^/@]*@ ]]; then
      log "warning: a password on the command line is visible to other users of this machine; use PGPASSWORD or ~/.pgpass"
    fi
    pg_connect "$given"
  elif [ -n "${ConnectionStrings__Default:-}" ]; then
    pg_connect "$ConnectionStrings__Default"
  else
    die "say which database: --db CONNECTION, or ConnectionStrings__Default in the environment (as the API reads it)"
  fi
}

# Where the connection goes, for messages (never the password).
pg_where() { printf '%s@%s:%s/%s' "${PGUSER:-$(id -un)}" "${PGHOST:-local socket}" "${PGPORT:-5432}" "$PGDATABASE"; }

# ---- tools --------------------------------------------------------------------------------------------------------
# ensure_pg_client: psql, pg_dump and pg_restore of one PostgreSQL version in PG_BIN: PG_BIN when it holds them, else
# the newest /usr/lib/postgresql/*/bin (the postgresql package run.sh and test.sh install brings them), else those on
# PATH, else the distribution's postgresql-client is installed.
ensure_pg_client() {
  if [ -n "${PG_BIN:-}" ] && _pg_has_client "$PG_BIN"; then export PG_BIN; return 0; fi
  local dir
  dir=$(_pg_newest_client)
  if [ -z "$dir" ] && command -v pg_dump >/dev/null 2>&1; then
    dir=$(dirname "$(readlink -f "$(command -v pg_dump)")")
    _pg_has_client "$dir" || dir=""
  fi
  if [ -z "$dir" ]; then
    apt_install postgresql-client
    dir=$(_pg_newest_client)
  fi
  [ -n "$dir" ] || die "the PostgreSQL client tools (psql, pg_dump, pg_restore) were not found: install them or set PG_BIN"
  PG_BIN=$dir
  export PG_BIN
}

_pg_has_client() { [ -x "$1/pg_dump" ] && [ -x "$1/pg_restore" ] && [ -x "$1/psql" ]; }

_pg_newest_client() {
  local d found=""
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    if _pg_has_client "$d"; then found=$d; fi
  done
  printf '%s' "$found"
}

ensure_jq() { command -v jq >/dev/null 2>&1 || apt_install jq; command -v jq >/dev/null 2>&1 || die "jq not found after install"; }

# The major version of a client tool ("pg_dump (PostgreSQL) 15.18 (Debian …)" → 15).
tool_major() { "$PG_BIN/$1" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/'; }

# psql with our defaults on the database of the environment: no psqlrc, stop at the first error, unaligned rows.
psql_q() { "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# ---- what a backup records and a restore checks --------------------------------------------------------------------
# The applied migrations, oldest first: [{version, checksum}].
SQL_MIGRATIONS="SELECT coalesce(json_agg(json_build_object('version', version, 'checksum', checksum) ORDER BY version), '[]') FROM schema_migrations"

# The tables of the database (not PostgreSQL's own), one per line, quoted for SQL.
SQL_TABLES="SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
  ORDER BY 1"

# sql_counts TABLES: one statement counting the rows of each table (one per line, as SQL_TABLES lists them), as a JSON
# object keyed by table name (schema-qualified outside public).
sql_counts() {
  local tables=$1 parts=() t name
  while IFS= read -r t; do
    [ -n "$t" ] || continue
    name=${t#public.}
    name=${name//\"/}
    parts+=("'${name//\'/\'\'}', (SELECT count(*) FROM $t)")
  done <<< "$tables"
  if [ ${#parts[@]} -eq 0 ]; then echo "SELECT '{}'::json"; return; fi
  local IFS=,
  echo "SELECT json_build_object(${parts[*]})"
}

# The chain's head: {seq, hash} of the last entry, or null for an empty log.
SQL_AUDIT_HEAD="SELECT coalesce((SELECT json_build_object('seq', seq, 'hash', hash) FROM audit_entries ORDER BY seq DESC LIMIT 1)::text, 'null')"

# Every file the database refers to, relative to the files folder, one per line: finished report batches, the ledger's
# evidence files (rectification/{item}/{file}, ids without dashes), and the sources of Graph deliveries still to run.
# A new column that names a file in the files folder must be added here.
SQL_REFERENCED_FILES="SELECT result_path FROM report_jobs WHERE result_path IS NOT NULL
UNION
SELECT format('rectification/%s/%s', replace(i.id::text, '-', ''), replace(f ->> 'id', '-', ''))
  FROM rectification_items i
  CROSS JOIN LATERAL jsonb_array_elements(i.evidence) e
  CROSS JOIN LATERAL jsonb_array_elements(coalesce(e -> 'files', '[]'::jsonb)) f
UNION
SELECT payload ->> 'source' FROM graph_deliveries WHERE status IN ('Pending', 'Running') AND payload ? 'source'
ORDER BY 1"

# The files under a folder, relative to it, as "sha256 bytes path" lines sorted by path; *.partial files (a write in
# progress, named by no row) are left out. The files folder holds names made of ids only; a name sha256sum would
# escape (a backslash or a line break in it) is refused rather than recorded wrongly.
file_sums() {
  local folder=$1 list
  list=$(mktemp)
  (cd "$folder" && find . -type f ! -name '*.partial' -printf '%P\0' | LC_ALL=C sort -z) > "$list"
  if tr '\0' '\n' < "$list" | grep -q '\\'; then rm -f "$list"; die "a file name with a backslash in $folder cannot be recorded"; fi
  if [ "$(tr -cd '\0' < "$list" | wc -c)" -ne "$(tr '\0' '\n' < "$list" | wc -l)" ]; then rm -f "$list"; die "a file name with a line break in $folder cannot be recorded"; fi
  (cd "$folder" && paste -d' ' <(xargs -0 -r sha256sum -- < "$list" | cut -c1-64) <(xargs -0 -r stat -c '%s %n' -- < "$list"))
  rm -f "$list"
}
