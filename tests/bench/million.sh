#!/usr/bin/env bash
# Read-query benchmark on a production-sized database: loads N dossiers with load-million.sh (BENCH_REUSE=1 keeps a
# database already loaded with N), starts the server on it as deployed (real clock, scheduler on: the watches that fell
# due since the load fire first, as a running cluster would have fired them, and the script waits for that backlog to
# drain) and times the officers' and supervisors' reads one request at a time, through HTTP and in process
# (samples/IsoDienTu.Bench --queries). BENCHMARKS.md records the figures.
# Usage: bash tests/bench/million.sh [dossiers=1000000] [port] [requests=200]
#   port: a running PostgreSQL on 127.0.0.1 (user postgres); without it load-million.sh's own cluster is used.
#   BENCH_DB_OPTIONS: added to the connection string of the server and the in-process reads (e.g. "Max Auto Prepare=0").
#   BENCH_WARMUP: uncounted requests of each query before it is measured (default 200; the optimised code of a server
#     that has been up a few minutes, not its start).
#   BENCH_SCHEDULER=off: once the backlog is fired, the reads are measured on a server without its scheduler (nothing
#     fires meanwhile, but the watches falling due pile up unfired, which the dashboard then counts the slow way).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dossiers=${1:-1000000}
port=${2:-}
requests=${3:-200}
db=isodientu_million
if [ -z "$port" ]; then
  data=${BENCH_PG_DATA:-/tmp/isodientu-million-pg}
  admin=$(bash tests/scripts/postgres.sh start "$data" 56460)
  port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$admin")
fi
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
loaded=$("$bindir/psql" "host=127.0.0.1 port=$port user=postgres dbname=$db" -XtAc "select count(*) from dossiers" 2>/dev/null || echo 0)
if [ "${BENCH_REUSE:-0}" = 1 ] && [ "$loaded" = "$dossiers" ]; then
  echo "== reusing $db ($loaded dossiers)"
else
  bash tests/bench/load-million.sh "$dossiers" "$port" "$db"
fi

connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=$db${BENCH_DB_OPTIONS:+;$BENCH_DB_OPTIONS}"
dotnet build engine/IsoDienTu.Server -c Release -nologo -v q >/dev/null
dotnet build samples/IsoDienTu.Bench -c Release -nologo -v q >/dev/null
log=$(mktemp /tmp/isodientu-million-server.XXXXXX.log)
server_port=$((57400 + $$ % 400))
server_pid=
start_server() { # scheduler on|off
  ISODIENTU_DB="$connection" ISODIENTU_ADMIN_PASSWORD=${ISODIENTU_ADMIN_PASSWORD:-admin123} ISODIENTU_SCHEDULER=$1 \
  Logging__LogLevel__Default=Warning \
    dotnet engine/IsoDienTu.Server/bin/Release/net10.0/IsoDienTu.Server.dll --urls "http://127.0.0.1:$server_port" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$server_port/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$server_port/health/ready" >/dev/null || { cat "$log"; exit 1; }
}
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$server_pid" 2>/dev/null || true
  server_pid=
}
trap 'stop_server; rm -f "$log"' EXIT

# The backlog: watches due more than 5 s ago and not fired (the lower bound lets the planner walk timers_pending_due).
# A running cluster fires them as they fall due; the server fires what fell due since the load first.
backlog() {
  "$bindir/psql" "host=127.0.0.1 port=$port user=postgres dbname=$db" -XtAc "select count(*) from timers where status = 'pending'
    and due_at < now() - interval '5 seconds' and due_at >= (select min(due_at) from timers where status = 'pending')"
}
start_server on
echo "== $(backlog) timers due since the load; waiting for the scheduler to fire them"
for _ in $(seq 1 600); do [ "$(backlog)" -lt 10 ] && break; sleep 1; done
echo "== backlog: $(backlog) timers"
if [ "${BENCH_SCHEDULER:-on}" = off ]; then
  stop_server
  start_server off
fi

echo "== read queries on $dossiers dossiers ($requests requests each)"
dotnet samples/IsoDienTu.Bench/bin/Release/net10.0/IsoDienTu.Bench.dll --queries --url "http://127.0.0.1:$server_port" \
  --admin-password "${ISODIENTU_ADMIN_PASSWORD:-admin123}" --requests "$requests" --db "$connection" ${BENCH_ONLY:+--only "$BENCH_ONLY"}
