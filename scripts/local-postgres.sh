#!/usr/bin/env bash
# Starts or stops the development cluster under .data/ (unix socket in .data/run, no TCP port, so it
# never collides with another PostgreSQL on the machine). As root it runs as the `postgres` OS user,
# because initdb and postgres refuse to run as root. POSTGRES_OPTIONS adds server options (-c name=value).
#
# The `postgres` user must be able to enter every directory above the cluster. A checkout under a
# private directory (e.g. /root/domino, mode 700) is not enterable, and initdb would stop with
# "Permission denied". Then the cluster is placed under the postgres user's home instead
# (/var/lib/postgresql/domino-dev/<hash of DATA_DIR>), and DATA_DIR/pg and DATA_DIR/run link to it,
# so the URL printed below (and the Makefile's) stays the same. `make clean` removes both.
set -euo pipefail
action=$1
data_dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_server_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# The directory that really holds pg/ and run/: DATA_DIR, or the relocated one when linked.
relocated_dir() {
    local home
    home=$(getent passwd postgres | cut -d: -f6)
    echo "${home:-/var/lib/postgresql}/domino-dev/$(printf '%s' "$data_dir" | sha256sum | cut -c1-16)"
}
case "$action" in
start)
    mkdir -p "$data_dir"
    cluster=$data_dir
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$data_dir"
        if [ -L "$data_dir/pg" ] || ! runuser -u postgres -- test -x "$data_dir" 2>/dev/null; then
            cluster=$(relocated_dir)
            if ! mkdir -p "$cluster" || ! chown postgres:postgres "$cluster" || ! runuser -u postgres -- test -w "$cluster"; then
                echo "local-postgres: the postgres user cannot enter $data_dir (a parent directory is private)," >&2
                echo "  nor use $cluster. Move the checkout somewhere world-enterable (e.g. /srv/domino)," >&2
                echo "  or set DATABASE_URL to a PostgreSQL server you run yourself." >&2
                exit 1
            fi
            [ -L "$data_dir/pg" ] || ln -sfn "$cluster/pg" "$data_dir/pg"
            if [ -d "$data_dir/run" ] && [ ! -L "$data_dir/run" ]; then rm -rf "$data_dir/run"; fi
            [ -L "$data_dir/run" ] || ln -sfn "$cluster/run" "$data_dir/run"
            echo "local-postgres: $data_dir is not enterable by the postgres user; the cluster lives in $cluster" >&2
        fi
    fi
    mkdir -p "$cluster/run"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$cluster/run"; fi
    if [ ! -f "$cluster/pg/PG_VERSION" ]; then
        as_server_user "$bin/initdb" -D "$cluster/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_server_user "$bin/pg_ctl" -D "$cluster/pg" status >/dev/null 2>&1; then
        # pg_ctl waits 60 s by default; on CI's loaded machine a start (and the recovery of a killed cluster)
        # may take longer, so the wait is a liveness bound (scripts/liveness.sh), and the log shows why it failed.
        as_server_user "$bin/pg_ctl" -D "$cluster/pg" -l "$cluster/postgres.log" -w -t "${LIVENESS_SECONDS:-300}" \
            -o "-k $cluster/run -c listen_addresses='' ${POSTGRES_OPTIONS:-}" start >/dev/null ||
            { echo "PostgreSQL did not start in $cluster; the last lines of $cluster/postgres.log:" >&2
              tail -n 40 "$cluster/postgres.log" >&2 || true; exit 1; }
    fi
    as_server_user "$bin/psql" -h "$cluster/run" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'domino'" | grep -q 1 ||
        as_server_user "$bin/createdb" -h "$cluster/run" -U postgres domino
    echo "PostgreSQL is up: postgres:///domino?host=$data_dir/run&user=postgres"
    ;;
stop)
    pg_dir=$(readlink -f "$data_dir/pg" 2>/dev/null || echo "$data_dir/pg")
    as_server_user "$bin/pg_ctl" -D "$pg_dir" -m fast stop >/dev/null 2>&1 || true
    ;;
remove)
    # After stop: the relocated cluster, if there is one (DATA_DIR itself is the caller's to delete).
    if [ -L "$data_dir/pg" ]; then rm -rf "$(dirname "$(readlink "$data_dir/pg")")"; fi
    ;;
*)
    echo "usage: $0 start|stop|remove DATA_DIR" >&2
    exit 2
    ;;
esac
