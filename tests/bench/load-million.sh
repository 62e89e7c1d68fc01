#!/usr/bin/env bash
# Builds a production-shaped database of N dossiers for the query benchmark, in minutes: a fresh database, migrated
# and seeded by the server itself (demo organisation, every procedure under definitions/ published through
# DefinitionStore), then filled set-based by load-million.sql (see its header for the shape).
# Usage: bash tests/bench/load-million.sh [dossiers=1000000] [port] [database=isodientu_million]
#   port: a running PostgreSQL on 127.0.0.1 (user postgres). Without it a cluster is started in
#   ${BENCH_PG_DATA:-/tmp/isodientu-million-pg} on port 56460 and left running for the benchmark (stop it with
#   bash tests/scripts/postgres.sh stop <dir> 56460).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dossiers=${1:-1000000}
port=${2:-}
db=${3:-isodientu_million}
if [ -z "$port" ]; then
  data=${BENCH_PG_DATA:-/tmp/isodientu-million-pg}
  port=56460
  admin=$(bash tests/scripts/postgres.sh start "$data" "$port")
  port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$admin")
  echo "PostgreSQL: $data on 127.0.0.1:$port (stop: bash tests/scripts/postgres.sh stop $data $port)"
fi
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql() { "$bindir/psql" "host=127.0.0.1 port=$port user=postgres dbname=$1" -X -v ON_ERROR_STOP=1 "${@:2}"; }
start=$(date +%s)

psql postgres -qc "drop database if exists $db with (force)" -c "create database $db"
dotnet build engine/IsoDienTu.Server -c Release -nologo -v q >/dev/null

# The server migrates the database and publishes the real procedures; then it stops (the load needs no server).
log=$(mktemp /tmp/isodientu-million-seed.XXXXXX.log)
server_port=$((57000 + $$ % 400))
ISODIENTU_DB="Host=127.0.0.1;Port=$port;Username=postgres;Database=$db" ISODIENTU_ADMIN_PASSWORD=${ISODIENTU_ADMIN_PASSWORD:-admin123} \
ISODIENTU_SEED_DEMO=1 ISODIENTU_DEFINITIONS="$root/definitions" ISODIENTU_SCHEDULER=off Logging__LogLevel__Default=Warning \
  dotnet engine/IsoDienTu.Server/bin/Release/net10.0/IsoDienTu.Server.dll --urls "http://127.0.0.1:$server_port" >"$log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$server_port/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$server_port/health/ready" >/dev/null || { cat "$log"; exit 1; }
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
trap - EXIT
rm -f "$log"
echo "== migrated and seeded in $(( $(date +%s) - start )) s; loading $dossiers dossiers"

psql "$db" -q -v dossiers="$dossiers" -f tests/bench/load-million.sql
echo "== $dossiers dossiers loaded into $db in $(( $(date +%s) - start )) s"
