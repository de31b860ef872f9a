#!/usr/bin/env bash
# Runs schemathesis over every operation of docs/openapi.yaml against the real server and a real,
# throwaway PostgreSQL, with an admin token. Fails on any server error or spec violation.
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${SCHEMATHESIS_EXAMPLES:-25}
source scripts/throwaway-server.sh
throwaway_start domino-contract
DOMINO_USER_PASSWORD="schemathesis passphrase 2026" "$domino" user create --role admin --email contract@test.domino.example --name "Contract Test" >/dev/null
throwaway_serve
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
