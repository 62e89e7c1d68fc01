#!/usr/bin/env bash
# Benchmarks side by side on one PostgreSQL: the pgbench ceiling (a 2-statement INSERT+UPDATE transaction, 8
# clients) and the API under load (dossiers started, task completions with durable commits, server RSS).
# Usage: bash tests/bench/run.sh [dossiers] [clients]      — prints the figures; BENCHMARKS.md records them.
#   BENCH_MILLION=1000000 adds the read-query stage (tests/bench/million.sh): that many dossiers loaded into the same
#   PostgreSQL, then inbox / overdue / dashboard latencies through HTTP and in process (BENCH_REQUESTS each, 200).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dossiers=${1:-3000}
clients=${2:-16}
data=$(mktemp -d /tmp/isodientu-bench-pg.XXXXXX)
port=$((56000 + $$ % 400))
admin=$(bash tests/scripts/postgres.sh start "$data" "$port")
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    # Stop the server before its database, or its shutdown waits on a PostgreSQL that is gone.
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  bash tests/scripts/postgres.sh stop "$data" "$port"
  rm -rf "$data"
}
trap cleanup EXIT
psql() { "$bindir/psql" "host=127.0.0.1 port=$port user=postgres dbname=${PGDB:-postgres}" -qtA "$@"; }

echo "== pgbench ceiling (INSERT + UPDATE per transaction, 8 clients, 20 s)"
psql -c "create table bench_accounts (aid int primary key, n bigint not null default 0)" \
     -c "create table bench_log (id bigserial primary key, aid int not null, at timestamptz not null)" \
     -c "insert into bench_accounts (aid) select generate_series(1, 100000)"
cat > "$data/tx.sql" <<'SQL'
\set aid random(1, 100000)
BEGIN;
INSERT INTO bench_log (aid, at) VALUES (:aid, now());
UPDATE bench_accounts SET n = n + 1 WHERE aid = :aid;
END;
SQL
"$bindir/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -c 8 -j 2 -T 20 -f "$data/tx.sql" postgres 2>/dev/null | grep -E "^tps|latency average"

echo "== API load ($dossiers dossiers, $clients clients)"
psql -c "create database isodientu"
dotnet build engine/IsoDienTu.Server -c Release -nologo -v q >/dev/null
dotnet build samples/IsoDienTu.Bench -c Release -nologo -v q >/dev/null
ISODIENTU_DB="Host=127.0.0.1;Port=$port;Username=postgres;Database=isodientu;Maximum Pool Size=64" \
ISODIENTU_ADMIN_PASSWORD=admin123 Logging__LogLevel__Default=Warning \
  dotnet engine/IsoDienTu.Server/bin/Release/net10.0/IsoDienTu.Server.dll --urls http://127.0.0.1:5097 >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5097/health/ready >/dev/null && break; sleep 0.5; done
dotnet samples/IsoDienTu.Bench/bin/Release/net10.0/IsoDienTu.Bench.dll --url http://127.0.0.1:5097 \
  --dossiers "$dossiers" --clients "$clients" --pid "$server_pid"

if [ -n "${BENCH_MILLION:-}" ]; then
  stop_server
  bash tests/bench/million.sh "$BENCH_MILLION" "$port" "${BENCH_REQUESTS:-200}"
fi
