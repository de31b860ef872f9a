#!/usr/bin/env bash
# deploy/nginx/nginx.conf in front of two real `domino serve` instances (throwaway cluster, TLS with a
# throwaway certificate, high ports instead of 80/443; nothing else in the file changes):
# TLS answers, plain HTTP redirects, a 2 MiB body is refused by nginx (413) on an ordinary route but
# reaches the app on a CSV import route (the API's and the console's), X-Request-Id passes through, a CSV export streams, /metrics
# answers locally, and with one instance killed (-9) every request still succeeds (passive health).
# Called by `make test`; alone: `deploy/tests/nginx-smoke.sh` after `swift build`.
source "$(dirname "$0")/common.sh"
command -v nginx >/dev/null || { echo "nginx is missing: run deploy/verify.sh first" >&2; exit 1; }

scripts/local-postgres.sh start "$work" >/dev/null
export DATABASE_URL DOMINO_MIGRATIONS=Migrations
DATABASE_URL=$(database_url domino)
"$domino" migrate >/dev/null
password="tls terminated gateway 2026"
DOMINO_USER_PASSWORD=$password "$domino" user create --role admin --email ops@test.domino.example --name "Proxy Check" >/dev/null

api1=$(free_port); api2=$(free_port)
TRUST_PROXY=1 start_server domino "$api1" "$work/api1.log"; pid1=$server_pid
TRUST_PROXY=1 start_server domino "$api2" "$work/api2.log"

start_nginx "$api1" "$api2"

failures=0
check() {   # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected $2, got $3" >&2; failures=$((failures + 1)); fi
}
status() { curl -sk -o /dev/null -w '%{http_code}' "$@"; }

check "TLS: /healthz through nginx" 200 "$(status "$base/healthz")"
check "plain HTTP redirects to HTTPS" 301 "$(status "http://127.0.0.1:$http/v1/cities")"
token=$(curl -skf -H 'Content-Type: application/json' \
    -d "{\"email\":\"ops@test.domino.example\",\"password\":\"$password\"}" "$base/v1/auth/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth="Authorization: Bearer $token"
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$work/2mib.txt"
# The app sets X-Request-Id on every answer; nginx's own 413 has none.
big_headers=$(curl -sk -o /dev/null -D - -H "$auth" -H 'Expect:' -H 'Content-Type: application/json' --data-binary @"$work/2mib.txt" "$base/v1/cities")
check "2 MiB JSON body refused by nginx itself (the app's limit is 1 MiB)" "413 from nginx" \
    "$(echo "$big_headers" | head -n 1 | awk '{printf "%s", $2}') $(echo "$big_headers" | grep -qi '^x-request-id:' && echo from app || echo from nginx)"
import_status=$(curl -sk -o /dev/null -D "$work/import-headers.txt" -w '%{http_code}' -H "$auth" -H 'Expect:' \
    -H 'Content-Type: text/csv' --data-binary @"$work/2mib.txt" "$base/v1/needs/import?dryRun=true")
import_headers=$(cat "$work/import-headers.txt")
app_answered=$(echo "$import_headers" | grep -qi '^x-request-id:' && echo yes || echo no)
check "2 MiB CSV import reaches the app (it answered $import_status itself)" "yes" \
    "$([ "$app_answered" = yes ] && [ "$import_status" != 413 ] && echo yes || echo "status $import_status, app answered: $app_answered")"
for path in /needs/import /companies/import/confirm /conventions/events/00000000-0000-0000-0000-000000000000/attendance-import; do
    console_headers=$(curl -sk -o /dev/null -D - -H 'Expect:' -F "file=@$work/2mib.txt;type=text/csv" "$base$path")
    check "2 MiB console upload to $path reaches the app" "from app" \
        "$(echo "$console_headers" | grep -qi '^x-request-id:' && echo from app || echo "from nginx: $(echo "$console_headers" | head -n 1)")"
done
check "X-Request-Id passes through" "smoke-request-42" \
    "$(curl -sk -o /dev/null -D - -H 'X-Request-Id: smoke-request-42' "$base/healthz" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-request-id"{print $2}')"
check "CSV export answers through the unbuffered location" "200 text/csv" \
    "$(curl -sk -o /dev/null -w '%{http_code} %{content_type}' -H "$auth" "$base/v1/needs/export" | cut -d';' -f1)"
check "/metrics answers from loopback" 200 "$(status "$base/metrics")"

{ kill -9 "$pid1"; wait "$pid1"; } 2>/dev/null || true
codes=$(for _ in $(seq 1 20); do status -H "$auth" "$base/v1/cities"; echo; done | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')
check "one instance killed: 20 requests all succeed" "200x20 " "$codes"

[ "$failures" = 0 ] || { echo "nginx smoke: $failures failure(s)" >&2; exit 1; }
echo "nginx smoke: passed"
