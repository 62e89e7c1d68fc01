#!/usr/bin/env bash
# Benchmarks side by side on one PostgreSQL: the pgbench ceiling (a 2-statement INSERT+UPDATE transaction, 8
# clients), the API under load (dossiers started, task completions with durable commits, server RSS) and, as an
# optional stage, the firing lag of a burst of timers among many pending ones (real clock, 1 and more nodes).
# Usage: bash tests/bench/run.sh [dossiers] [clients]      — prints the figures; BENCHMARKS.md records them.
#   BENCH_STAGES="pgbench api timers"   stages to run (default "pgbench api"; "timers" alone runs only the timer stage)
#   BENCH_REPEAT=3      the pgbench and API stages that many times in turn, then each run's ratio and the medians
#   BENCH_TIMERS=100000 BENCH_BURST=1000 BENCH_TIMER_SPREAD_MS=1000 BENCH_TIMER_NODES="1 3"   timer stage settings
#   BENCH_MILLION=1000000 adds the read-query stage (tests/bench/million.sh): that many dossiers loaded into the same
#   PostgreSQL, then inbox / overdue / dashboard latencies through HTTP and in process (BENCH_REQUESTS each, 200).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dossiers=${1:-3000}
clients=${2:-16}
stages=" ${BENCH_STAGES:-pgbench api} "
data=$(mktemp -d /tmp/isodientu-bench-pg.XXXXXX)
port=$((56000 + $$ % 400))
admin=$(bash tests/scripts/postgres.sh start "$data" "$port")
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
server_pids=()
stop_servers() {
  local pid
  # Stop the servers before their database, or their shutdown waits on a PostgreSQL that is gone.
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
  server_pids=()
}
cleanup() {
  stop_servers
  bash tests/scripts/postgres.sh stop "$data" "$port"
  rm -rf "$data"
}
trap cleanup EXIT
psql() { "$bindir/psql" "host=127.0.0.1 port=$port user=postgres dbname=${PGDB:-postgres}" -qtA "$@"; }
# start_server NODE HTTP_PORT DATABASE: a real server process (real clock, scheduler on); waits until it is ready.
start_server() {
  ISODIENTU_DB="Host=127.0.0.1;Port=$port;Username=postgres;Database=$3;Maximum Pool Size=64" \
  ISODIENTU_ADMIN_PASSWORD=admin123 ISODIENTU_NODE="$1" Logging__LogLevel__Default=Warning \
    dotnet engine/IsoDienTu.Server/bin/Release/net10.0/IsoDienTu.Server.dll --urls "http://127.0.0.1:$2" >"$data/server-$1.log" 2>&1 &
  server_pids+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$2/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "server $1 did not start:" >&2; tail -n 30 "$data/server-$1.log" >&2; return 1
}
build() {
  dotnet build engine/IsoDienTu.Server -c Release -nologo -v q >/dev/null
  dotnet build samples/IsoDienTu.Bench -c Release -nologo -v q >/dev/null
}
bench() { dotnet samples/IsoDienTu.Bench/bin/Release/net10.0/IsoDienTu.Bench.dll "$@"; }

# The pgbench ceiling and the API load, BENCH_REPEAT times in turn (default 1): the machine's load from outside moves
# both between runs, so repeated pairs give medians and the ratio of each pair.
repeat=${BENCH_REPEAT:-1}
if [[ $stages == *" pgbench "* ]]; then
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
fi
if [[ $stages == *" api "* ]]; then build; fi
tps_all=() completions_all=()
for rep in $(seq 1 "$repeat"); do
  if [ "$repeat" -gt 1 ]; then echo "== run $rep of $repeat"; fi
  if [[ $stages == *" pgbench "* ]]; then
    echo "== pgbench ceiling (INSERT + UPDATE per transaction, 8 clients, 20 s)"
    "$bindir/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -c 8 -j 2 -T 20 -f "$data/tx.sql" postgres 2>/dev/null \
      | grep -E "^tps|latency average" | tee "$data/pgbench.out"
    tps_all+=("$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$data/pgbench.out")")
  fi
  if [[ $stages == *" api "* ]]; then
    echo "== API load ($dossiers dossiers, $clients clients)"
    psql -c "create database isodientu_$rep"
    start_server bench 5097 "isodientu_$rep"
    bench --url http://127.0.0.1:5097 --dossiers "$dossiers" --clients "$clients" --pid "${server_pids[0]}" \
      --pg-pid "$(head -n 1 "$data/postmaster.pid")" | tee "$data/api.out"
    completions_all+=("$(sed -n 's/^task completions: .* = \([0-9.]*\)\/s.*/\1/p' "$data/api.out")")
    stop_servers
  fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
if [ "${#tps_all[@]}" -gt 0 ] && [ "${#completions_all[@]}" -gt 0 ]; then
  echo "== completions against the pgbench ceiling"
  for i in "${!tps_all[@]}"; do
    awk -v r=$((i + 1)) -v c="${completions_all[$i]}" -v t="${tps_all[$i]}" \
      'BEGIN { printf "run %d: %.0f completions/s, pgbench %.0f tps, ratio %.2f\n", r, c, t, c / t }'
  done
  awk -v c="$(median "${completions_all[@]}")" -v t="$(median "${tps_all[@]}")" -v n="$repeat" \
    'BEGIN { printf "median of %d: %.0f completions/s, pgbench %.0f tps, ratio %.2f\n", n, c, t, c / t }'
fi

if [[ $stages == *" timers "* ]]; then
  timers=${BENCH_TIMERS:-100000}
  burst=${BENCH_BURST:-1000}
  spread=${BENCH_TIMER_SPREAD_MS:-1000}
  echo "== timers ($timers pending, $burst falling due within $spread ms, real clock; nodes: ${BENCH_TIMER_NODES:-1 3})"
  # Lag is measured to the commit of the firing transaction: PostgreSQL records commit times only when asked.
  psql -c "alter system set track_commit_timestamp = on"
  bash tests/scripts/postgres.sh stop "$data" "$port"
  bash tests/scripts/postgres.sh start "$data" "$port" >/dev/null
  psql -c "create database isodientu_timers"
  build
  running=0
  for nodes in ${BENCH_TIMER_NODES:-1 3}; do
    while [ "$running" -lt "$nodes" ]; do
      running=$((running + 1))
      start_server "timer-$running" $((5106 + running)) isodientu_timers
    done
    # The warm-up burst is per node: nodes started just before a burst and warmed by a third of it each were still
    # compiling their firing path during the burst (tiered JIT), which made 3 nodes look slower than 1.
    bench --mode timers --url http://127.0.0.1:5107 --db "Host=127.0.0.1;Port=$port;Username=postgres;Database=isodientu_timers" \
      --timers "$timers" --burst "$burst" --spread-ms "$spread" --warmup $((300 * nodes)) --label "$nodes node(s)"
  done
  stop_servers
fi

if [[ $stages == *" million "* ]] || [ -n "${BENCH_MILLION:-}" ]; then
  stop_servers
  bash tests/bench/million.sh "${BENCH_MILLION:-1000000}" "$port" "${BENCH_REQUESTS:-200}"
fi
