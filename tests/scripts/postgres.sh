#!/usr/bin/env bash
# Provision a throwaway PostgreSQL cluster for the tests (or the local service) and print its connection string.
# Usage: tests/scripts/postgres.sh start|stop DATA_DIR PORT
# Installs Debian's postgresql package when no server binaries are found. initdb refuses root, so the cluster
# runs as the 'postgres' user; the socket lives in the data dir and the server listens on 127.0.0.1:PORT only.
set -euo pipefail
action=${1:?start|stop}
data=${2:?data dir}
port=${3:-55432}

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
  echo "PostgreSQL not found: installing the Debian package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bindir=$(find_bindir)
fi

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$data" -w -l "$data/server.log" \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null
    fi
    # A cluster already running from an earlier start keeps its port: report the one it listens on.
    running_port=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null || true)
    port=${running_port:-$port}
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
