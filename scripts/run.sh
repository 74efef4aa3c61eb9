#!/usr/bin/env bash
# Runs OfficeEval: API + add-in + manifest on https://localhost:3000 against a private PostgreSQL cluster.
# Ctrl+C stops everything; running again keeps the data (in .data/ unless OFFICEEVAL_DATA_DIR says otherwise).
# Set ConnectionStrings__Default to use an existing PostgreSQL instead of the private cluster.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh

PORT=${OFFICEEVAL_PORT:-3000}
BASE_URL=${OfficeEval__BaseUrl:-https://localhost:$PORT}
DATA=${OFFICEEVAL_DATA_DIR:-$ROOT/.data}
PG_PORT=${OFFICEEVAL_PG_PORT:-5433}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)

command -v dotnet >/dev/null || die "the .NET 10 SDK is required"
command -v node >/dev/null || die "Node.js is required"

API_PID=""
PG_DATA=""
cleanup() {
  trap - INT TERM EXIT
  # A closed terminal or pipe must not stop the clean-up half way.
  trap '' PIPE HUP
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API"
    kill -TERM "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_DATA" ]; then
    log "stopping PostgreSQL"
    pg_stop "$PG_DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${ConnectionStrings__Default:-}" ]; then
  ensure_postgres
  PG_DATA=$DATA/pg
  SECRETS=$DATA/secrets
  mkdir -p "$SECRETS"; chmod 700 "$SECRETS"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "creating a private PostgreSQL cluster in $PG_DATA"
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$SECRETS/postgres-password"
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$SECRETS/app-password"
    chmod 600 "$SECRETS"/*
    PWFILE=$(mktemp); cp "$SECRETS/postgres-password" "$PWFILE"; chmod 644 "$PWFILE"
    pg_init "$PG_DATA" --username=postgres --auth-local=peer --auth-host=scram-sha-256 --pwfile="$PWFILE"
    rm -f "$PWFILE"
  fi
  pg_start "$PG_DATA" "$PG_PORT" "$DATA/pg-socket"
  export PGPASSWORD
  PGPASSWORD=$(cat "$SECRETS/postgres-password")
  APP_PASSWORD=$(cat "$SECRETS/app-password")
  psql_admin() { psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname='officeeval'")" != 1 ]; then
    psql_admin -c "CREATE ROLE officeeval LOGIN PASSWORD '$APP_PASSWORD'"
  fi
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname='officeeval'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE officeeval OWNER officeeval ENCODING 'UTF8' TEMPLATE template0"
  fi
  unset PGPASSWORD
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=officeeval;Username=officeeval;Password=$APP_PASSWORD;Maximum Pool Size=50;Timeout=5;Command Timeout=30"
else
  log "using the configured PostgreSQL (ConnectionStrings__Default)"
fi

ensure_node_modules "$ROOT/addin"
log "building the add-in"
(cd addin && npm run --silent build >/dev/null)

log "building the API"
dotnet build api/OfficeEval.Api -c Release -nologo -v quiet >/dev/null

if ! dotnet dev-certs https --check >/dev/null 2>&1; then
  log "creating the HTTPS development certificate"
  dotnet dev-certs https >/dev/null
fi
mkdir -p "$DATA/certs"
dotnet dev-certs https --export-path "$DATA/certs/officeeval-dev.crt" --format PEM >/dev/null 2>&1 || true

log "serving on $BASE_URL  (manifest: $BASE_URL/manifest.xml, OpenAPI: $BASE_URL/openapi/v1.json)  Ctrl+C stops"
cd api/OfficeEval.Api
ASPNETCORE_URLS=${ASPNETCORE_URLS:-https://localhost:$PORT} \
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
Logging__Console__FormatterName=${Logging__Console__FormatterName:-simple} \
Logging__Console__FormatterOptions__SingleLine=true Logging__Console__FormatterOptions__IncludeScopes=false \
OfficeEval__BaseUrl=$BASE_URL \
OfficeEval__SeedDemo=${OfficeEval__SeedDemo:-true} \
  dotnet bin/Release/net10.0/OfficeEval.Api.dll &
API_PID=$!
wait "$API_PID"
