#!/usr/bin/env bash
# `make run`'s mail (scripts/run-dev.sh): with no DOMINO_SMTP_HOST, what the demo sends reaches the local sink
# and is written as a file; a registration's confirmation carries its door code and a cancellation link that
# opens on the demo itself; a TERM stops the demo and the sink. Called by `make test`; alone after
# `swift build` and `make venv`. Needs jq.
source "$(dirname "$0")/common.sh"
scripts/local-postgres.sh start "$work" >/dev/null
DATABASE_URL=$(database_url domino) DOMINO_MIGRATIONS=Migrations "$domino" migrate >/dev/null
DATABASE_URL=$(database_url domino) "$domino" seed >/dev/null
port=$(free_port)
unset DOMINO_SMTP_HOST DOMINO_PUBLIC_URL
DATABASE_URL=$(database_url domino) PORT=$port DOMINO_DEV_MAIL_PORT=$(free_port) DOMINO_DEV_MAIL_DIR="$work/mail" LOG_LEVEL=warning \
    scripts/run-dev.sh "$domino" >"$work/dev.log" 2>&1 &
demo=$!
server_pids+=("$demo")
wait_until "dev-mail: the demo (scripts/run-dev.sh) did not answer /healthz on port $port" "$work/dev.log" "$demo" \
    answers "http://127.0.0.1:$port/healthz"
grep -q "^Mail: each message the demo sends is written to $work/mail/" "$work/dev.log" || { cat "$work/dev.log"; exit 1; }

organizer="Authorization: Bearer $(login "$port" organizer@demo.domino.example yokohama-demo-2026)"
starts=$(date -u -d '+40 days' +%Y-%m-%dT01:00:00Z); ends=$(date -u -d '+40 days' +%Y-%m-%dT03:00:00Z)
event=$(curl -fsS -H "$organizer" -H 'Content-Type: application/json' "http://127.0.0.1:$port/v1/events" \
    -d "{\"kind\":\"seminar\",\"titleJa\":\"メール確認\",\"titleEn\":\"Mail check\",\"startsAt\":\"$starts\",\"endsAt\":\"$ends\",\"format\":\"in_person\",\"inPersonCapacity\":10}" | jq -r .id)
code=$(curl -fsS -H "$organizer" -H 'Content-Type: application/json' "http://127.0.0.1:$port/v1/events/$event/registrations" \
    -d '{"participant":{"nameJa":"山田 花子","nameEn":"Hanako Yamada","email":"hanako@example.jp","country":"JP","sector":"industry","role":"local_company"},"attendance":"in_person"}' | jq -r .code)

message=""
mail_arrived() { message=$(grep -l "hanako@example.jp" "$work"/mail/*/*.envelope 2>/dev/null | head -n 1) && [ -n "$message" ]; }
wait_until "dev-mail: no message to hanako@example.jp reached the sink ($work/mail)" "$work/dev.log" "" mail_arrived
text=$(python3 -c 'import email, sys
message = email.message_from_file(open(sys.argv[1], encoding="utf-8"))
print(next(p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain"))' "${message%.envelope}.eml")
grep -q "$code" <<<"$text" || { echo "$text"; echo "dev-mail: the confirmation lacks the door code $code" >&2; exit 1; }
link=$(grep -o "http://127.0.0.1:$port/registrations/[^ ]*cancel?s=[0-9a-f]*" <<<"$text" | head -n 1)
[ -n "$link" ] || { echo "$text"; echo "dev-mail: no cancellation link to the demo" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$link")" = 200 ] || { echo "dev-mail: $link does not open" >&2; exit 1; }

sink=$(pgrep -f "smtp-sink.py .* $work/mail/" || true)
kill -TERM "$demo"
gone() { ! kill -0 "$1" 2>/dev/null; }
wait_until "dev-mail: the demo did not stop on TERM" "$work/dev.log" "" gone "$demo"
! curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "dev-mail: domino still answers after TERM" >&2; exit 1; }
[ -n "$sink" ] || { echo "dev-mail: the mail sink was not found running" >&2; exit 1; }
wait_until "dev-mail: the mail sink ($sink) outlived the demo" "$work/dev.log" "" gone "$sink"
echo "dev-mail: the confirmation reached $work/mail with its door code and a cancellation link that opens; TERM stopped both"
