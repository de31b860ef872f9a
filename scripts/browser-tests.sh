#!/usr/bin/env bash
# The console's journeys in a real browser (Debian's chromium through /usr/bin/chromedriver, driven by
# selenium from .venv/), against the real server on a throwaway PostgreSQL loaded with the demo data.
# Each journey signs in as its role. Screenshots of every page at desktop and phone width go to the
# folder printed below (under .build/, so never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
screenshots=${CONSOLE_SCREENSHOTS:-$PWD/.build/console-screenshots}
source scripts/throwaway-server.sh
throwaway_start domino-browser
"$domino" seed >/dev/null
throwaway_serve
# The worker delivers mail to a relay on this port; test_conventions.py starts an aiosmtpd sink there.
smtp_port=$(free_port)
throwaway_worker DOMINO_SMTP_HOST=127.0.0.1 DOMINO_SMTP_PORT="$smtp_port"

rm -rf "$screenshots" && mkdir -p "$screenshots"
echo "console screenshots: $screenshots"
SE_OFFLINE=true CONSOLE_URL="http://127.0.0.1:$port" CONSOLE_SCREENSHOTS="$screenshots" SMTP_SINK_PORT="$smtp_port" \
    .venv/bin/python -m unittest discover -s Tests/browser -p "${BROWSER_TESTS:-test_*.py}" -v \
    || { tail -n 50 "$work/server.log" "$work/worker.log" >&2; exit 1; }
