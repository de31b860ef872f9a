#!/usr/bin/env bash
# The console's journeys in a real browser (Debian's chromium through /usr/bin/chromedriver, driven by
# selenium from .venv/), against the real server on a throwaway PostgreSQL loaded with the demo data.
# Each journey signs in as its role. Screenshots of every page at desktop and phone width go to the
# folder printed below (under .build/, so never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/domino-browser-XXXXXX)
screenshots=${CONSOLE_SCREENSHOTS:-$PWD/.build/console-screenshots}
server_pid=""
worker_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
    scripts/local-postgres.sh stop "$work" || true
    rm -rf "$work"
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ]; then chmod 755 "$work"; fi

scripts/local-postgres.sh start "$work" >/dev/null
export DATABASE_URL="postgres:///domino?host=$work/run&user=postgres"
# A throwaway cluster with the demo users: the development secrets key and seeding are allowed here.
export DOMINO_ENV=development
domino=$(swift build --show-bin-path)/domino
"$domino" migrate >/dev/null
"$domino" seed >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
HOST=127.0.0.1 PORT=$port LOG_LEVEL=error "$domino" serve > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
# The worker delivers mail to a relay on this port; test_conventions.py starts an aiosmtpd sink there.
smtp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DOMINO_SMTP_HOST=127.0.0.1 DOMINO_SMTP_PORT=$smtp_port LOG_LEVEL=error "$domino" worker > "$work/worker.log" 2>&1 &
worker_pid=$!

rm -rf "$screenshots" && mkdir -p "$screenshots"
echo "console screenshots: $screenshots"
SE_OFFLINE=true CONSOLE_URL="http://127.0.0.1:$port" CONSOLE_SCREENSHOTS="$screenshots" SMTP_SINK_PORT="$smtp_port" \
    .venv/bin/python -m unittest discover -s Tests/browser -p "${BROWSER_TESTS:-test_*.py}" -v \
    || { tail -n 50 "$work/server.log" "$work/worker.log" >&2; exit 1; }
