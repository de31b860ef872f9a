#!/usr/bin/env bash
# `make run`'s last step: `domino dev` (the API and a worker). Without DOMINO_SMTP_HOST the worker would
# keep the demo's mail in the outbox for good ("no mail relay is configured"); here it delivers instead
# to a local sink (scripts/smtp-sink.py) that writes each message to .data/mail/<start time>/N.eml, so a
# registration's confirmation, its QR code and the cancellation link can be read (docs/operations.md).
# usage: scripts/run-dev.sh DOMINO_BINARY
set -euo pipefail
domino=$1
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${DOMINO_SMTP_HOST:-}" ]; then
    mail="$root/.data/mail/$(date -u +%Y%m%dT%H%M%SZ)"
    port=${DOMINO_DEV_MAIL_PORT:-8025}
    mkdir -p "$mail"
    "$root/.venv/bin/python" "$root/scripts/smtp-sink.py" "$port" "$mail" &
    sink=$!
    trap 'kill "$sink" 2>/dev/null || true' EXIT
    for _ in $(seq 100); do [ -e "$mail/ready" ] && break; kill -0 "$sink" 2>/dev/null || break; sleep 0.1; done
    if [ -e "$mail/ready" ]; then
        export DOMINO_SMTP_HOST=127.0.0.1 DOMINO_SMTP_PORT=$port
        echo "Mail: each message the demo sends is written to $mail/ (N.eml; DOMINO_SMTP_HOST sends it to a relay instead)"
    else
        echo "Mail: the local sink did not start on port $port (set DOMINO_DEV_MAIL_PORT); messages wait in the outbox" >&2
    fi
fi
# The messages' cancellation links point at this demo unless DOMINO_PUBLIC_URL says otherwise.
export DOMINO_PUBLIC_URL=${DOMINO_PUBLIC_URL:-http://127.0.0.1:${PORT:-8080}}
"$domino" dev
