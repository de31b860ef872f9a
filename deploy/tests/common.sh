# Shared by the deployment drills (restore-drill.sh, faults.sh): a throwaway PostgreSQL cluster and
# `domino serve` processes started from the built binary, all removed on exit. Source, don't run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/liveness.sh
# Throwaway clusters and processes: the development secrets key and demo data are what the drills
# want, and `serve`/`worker` refuse the development key without this (docs/operations.md).
export DOMINO_ENV=development
work=$(mktemp -d /tmp/domino-drill-XXXXXX)
if [ "$(id -u)" = 0 ]; then chmod 755 "$work"; fi
domino=${DOMINO_BINARY:-$(swift build --show-bin-path)/domino}   # DOMINO_BINARY: e.g. a static release build
[ -x "$domino" ] || { echo "build first: swift build" >&2; exit 1; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
server_pids=()

cleanup() {
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    scripts/local-postgres.sh stop "$work" || true
    rm -rf "$work"
}
trap cleanup EXIT

as_server_user() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
database_url() { echo "postgres:///$1?host=$work/run&user=postgres"; }
sql() { psql --dbname="$(database_url "$1")" -X -v ON_ERROR_STOP=1 -tAc "$2"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_server DATABASE PORT LOGFILE: runs `domino serve` in the background, waits for /healthz,
# and leaves its pid in $server_pid.
start_server() {
    DATABASE_URL="$(database_url "$1")" PORT=$2 LOG_LEVEL=${SERVER_LOG_LEVEL:-warning} "$domino" serve >>"$3" 2>&1 &
    server_pid=$!
    server_pids+=("$server_pid")
    wait_until "domino serve did not answer /healthz on port $2" "$3" "$server_pid" answers "http://127.0.0.1:$2/healthz"
}

# login PORT EMAIL PASSWORD: prints a bearer token.
login() {
    curl -sf -H 'Content-Type: application/json' \
        -d "{\"email\":\"$2\",\"password\":\"$3\"}" "http://127.0.0.1:$1/v1/auth/login" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# start_nginx API_PORT_1 API_PORT_2: deploy/nginx/nginx.conf as shipped in front of the two instances
# (throwaway certificate, high ports instead of 80/443, paths under $work; nothing else changes).
# Sets $n (its directory; access log in $n/log/access.log), $http, $https and $base, and waits for it.
start_nginx() {
    http=$(free_port); https=$(free_port); n="$work/nginx"
    mkdir -p "$n/tls" "$n/domino" "$n/log"
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=domino.test" \
        -keyout "$n/tls/privkey.pem" -out "$n/tls/fullchain.pem" 2>/dev/null
    sed -e "s#/etc/nginx/#$n/#g" -e "s#/var/log/nginx/#$n/log/#g" -e "s#/run/nginx.pid#$n/nginx.pid#g" \
        -e "s#listen 80 default_server;#listen 127.0.0.1:$http default_server;#" \
        -e "s#listen 443 ssl default_server;#listen 127.0.0.1:$https ssl default_server;#" \
        -e "/listen \[::\]/d" deploy/nginx/nginx.conf > "$n/nginx.conf"
    sed -e "s#127.0.0.1:8081#127.0.0.1:$1#" -e "s#127.0.0.1:8082#127.0.0.1:$2#" deploy/nginx/upstream.conf > "$n/domino/upstream.conf"
    nginx -p "$n/" -e "$n/log/error.log" -c "$n/nginx.conf" -g "daemon off;" &
    server_pids+=("$!")
    base="https://127.0.0.1:$https"
    wait_until "nginx did not answer /healthz on port $https" "$n/log/error.log" "$!" answers "$base/healthz"
}
