#!/usr/bin/env bash
# `make run`'s last step: `domino dev` (the API and a worker). Without DOMINO_SMTP_HOST the worker would
# keep the demo's mail in the outbox for good ("no mail relay is configured"); here it delivers instead
# to a local sink (scripts/smtp-sink.py) that writes each message to .data/mail/<start time>/N.eml
# (DOMINO_DEV_MAIL_DIR instead of .data/mail), so a registration's confirmation, its QR code and its
# cancellation link can be read (docs/operations.md, "Mail relay").
# usage: scripts/run-dev.sh DOMINO_BINARY
set -euo pipefail
domino=$1
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/liveness.sh"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
if [ -z "${DOMINO_SMTP_HOST:-}" ]; then
    mail="${DOMINO_DEV_MAIL_DIR:-$root/.data/mail}/$(date -u +%Y%m%dT%H%M%SZ)"
    port=${DOMINO_DEV_MAIL_PORT:-8025}
    mkdir -p "$mail"
    "$root/.venv/bin/python" "$root/scripts/smtp-sink.py" "$port" "$mail" &
    pids+=("$!")
    # A liveness bound (scripts/liveness.sh): deploy/tests/dev-mail.sh runs this on CI's loaded machine.
    wait_until "the local mail sink did not start on port $port" "" "${pids[0]}" test -e "$mail/ready" || true
    if [ -e "$mail/ready" ]; then
        export DOMINO_SMTP_HOST=127.0.0.1 DOMINO_SMTP_PORT=$port
        echo "Mail: each message the demo sends is written to $mail/ (N.eml; DOMINO_SMTP_HOST sends it to a relay instead)"
    else
        echo "Mail: the local sink did not start on port $port (set DOMINO_DEV_MAIL_PORT); messages wait in the outbox" >&2
    fi
fi
# The messages' cancellation links point at this demo unless DOMINO_PUBLIC_URL says otherwise.
export DOMINO_PUBLIC_URL=${DOMINO_PUBLIC_URL:-http://127.0.0.1:${PORT:-8080}}
# In the background so that a TERM or an interrupt reaches this script at once and is passed on; domino
# then stops as it does on its own signals (the sink is stopped on exit).
"$domino" dev &
dev=$!
pids+=("$dev")
trap 'kill -TERM "$dev" 2>/dev/null || true' TERM INT
status=0
wait "$dev" || status=$?
if kill -0 "$dev" 2>/dev/null; then wait "$dev" || status=$?; fi
exit "$status"
