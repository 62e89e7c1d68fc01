#!/usr/bin/env bash
# Starts IsoDienTu on this machine: a local PostgreSQL under .data/ (installed from Debian's packages when missing),
# migrations, a demo organisation and every procedure in definitions/, then the server with its UI.
#   ISODIENTU_DB       use this PostgreSQL instead of provisioning one
#   ISODIENTU_PORT     HTTP port (default 5080)
#   ISODIENTU_CLOCK    "simulated" lets an admin move time (POST /api/admin/clock)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
port=${ISODIENTU_PORT:-5080}

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet on PATH)." >&2
  exit 1
fi

if [ -z "${ISODIENTU_DB:-}" ]; then
  pgport=${ISODIENTU_PG_PORT:-55432}
  admin=$(bash tests/scripts/postgres.sh start "$root/.data/pg" "$pgport")
  pgport=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$admin") # an already running cluster keeps its port
  psql "host=127.0.0.1 port=$pgport user=postgres dbname=postgres" -tAc "select 1 from pg_database where datname = 'isodientu'" | grep -q 1 \
    || psql "host=127.0.0.1 port=$pgport user=postgres dbname=postgres" -qc "create database isodientu"
  export ISODIENTU_DB="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=isodientu"
  echo "PostgreSQL: $root/.data/pg on 127.0.0.1:$pgport (stop: bash tests/scripts/postgres.sh stop $root/.data/pg $pgport)"
fi

bash designer/build.sh
bash web/build.sh
dotnet build engine/IsoDienTu.Server -c Release -nologo -v q

export ISODIENTU_SEED_DEMO=1
export ISODIENTU_DEFINITIONS="$root/definitions"
export ISODIENTU_ADMIN_PASSWORD=${ISODIENTU_ADMIN_PASSWORD:-admin123}
cat <<MSG

IsoDienTu — ISO điện tử
  UI:       http://127.0.0.1:$port/
  API:      http://127.0.0.1:$port/openapi/v1.json
  Health:   http://127.0.0.1:$port/health/ready
  Sign in:  admin / $ISODIENTU_ADMIN_PASSWORD   (demo users are printed below, password matkhau123)

MSG
exec dotnet engine/IsoDienTu.Server/bin/Release/net10.0/IsoDienTu.Server.dll --urls "http://127.0.0.1:$port"
