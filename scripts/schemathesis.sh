#!/usr/bin/env bash
# Runs schemathesis over every operation of docs/openapi.yaml against the real server and a real,
# throwaway PostgreSQL, with an admin token. Fails on any server error or spec violation.
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${SCHEMATHESIS_EXAMPLES:-25}
work=$(mktemp -d /tmp/domino-contract-XXXXXX)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    scripts/local-postgres.sh stop "$work" || true
    rm -rf "$work"
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ]; then chmod 755 "$work"; fi

scripts/local-postgres.sh start "$work" >/dev/null
export DATABASE_URL="postgres:///domino?host=$work/run&user=postgres"
# A throwaway server: the development secrets key is fine here (serve refuses it otherwise).
export DOMINO_ENV=development
domino=$(swift build --show-bin-path)/domino
"$domino" migrate >/dev/null
DOMINO_USER_PASSWORD="schemathesis passphrase 2026" "$domino" user create --role admin --email contract@test.domino.example --name "Contract Test" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$port LOG_LEVEL=error "$domino" serve > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"email":"contract@test.domino.example","password":"schemathesis passphrase 2026"}' \
    "http://127.0.0.1:$port/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# logout would revoke the token the run depends on; its behaviour is covered by the Swift tests.
# Three checks are left out on purpose:
# - positive_data_acceptance wants every schema-valid body accepted, but business rules (password
#   policy, role bindings, cursors this list never issued) rightly refuse some with 4xx;
# - missing_required_header wants 400 for a missing If-Match, where RFC 6585 §3 says 428;
# - negative_data_rejection: in 4.32.5 its coverage phase labels a valid body that omits an optional
#   property as "Missing required property" (seen: POST /v1/cities/{id}/local-partners without the
#   optional `sector`), and whether it reaches that route depends on run order, so CI would flake.
#   Rejection of invalid input is asserted field by field in the Swift tests instead.
.venv/bin/schemathesis run docs/openapi.yaml --url "http://127.0.0.1:$port" \
    --header "Authorization: Bearer $token" --exclude-operation-id logout \
    --checks all --exclude-checks positive_data_acceptance,missing_required_header,negative_data_rejection \
    --max-examples "$examples" --seed 20261126 --no-color
