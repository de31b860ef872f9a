#!/usr/bin/env bash
# Starts or stops the development cluster under .data/ (unix socket in .data/run, no TCP port, so it
# never collides with another PostgreSQL on the machine). As root it runs as the `postgres` OS user,
# because initdb and postgres refuse to run as root. POSTGRES_OPTIONS adds server options (-c name=value).
set -euo pipefail
action=$1
data_dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_server_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
start)
    mkdir -p "$data_dir/run"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data_dir" "$data_dir/run"; fi
    if [ ! -f "$data_dir/pg/PG_VERSION" ]; then
        as_server_user "$bin/initdb" -D "$data_dir/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_server_user "$bin/pg_ctl" -D "$data_dir/pg" status >/dev/null 2>&1; then
        as_server_user "$bin/pg_ctl" -D "$data_dir/pg" -l "$data_dir/postgres.log" -w \
            -o "-k $data_dir/run -c listen_addresses='' ${POSTGRES_OPTIONS:-}" start >/dev/null
    fi
    as_server_user "$bin/psql" -h "$data_dir/run" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'domino'" | grep -q 1 ||
        as_server_user "$bin/createdb" -h "$data_dir/run" -U postgres domino
    echo "PostgreSQL is up: postgres:///domino?host=$data_dir/run&user=postgres"
    ;;
stop)
    as_server_user "$bin/pg_ctl" -D "$data_dir/pg" -m fast stop >/dev/null 2>&1 || true
    ;;
*)
    echo "usage: $0 start|stop DATA_DIR" >&2
    exit 2
    ;;
esac
