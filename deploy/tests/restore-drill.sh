#!/usr/bin/env bash
# Restore drill: proves a backup restores into a working Domino, using the operator's own scripts.
#   demo data in a throwaway cluster → deploy/backup.sh → new database → deploy/restore.sh →
#   `domino serve` on the restored database → log in as a demo user → the same answers as before.
# Also: restore.sh refuses a database that holds tables or any other object a user made (a view, a
# function, a sequence, a type, a schema), and accepts one with only extensions; backup.sh's retention removes old dumps but
# keeps the newest BACKUP_KEEP_MIN. A script rather than a Swift test because it drives exactly what an
# operator runs (two shell scripts, pg_dump/pg_restore, the built binary as separate processes).
# Called by `make test`; alone: `deploy/tests/restore-drill.sh` after `swift build`.
source "$(dirname "$0")/common.sh"

scripts/local-postgres.sh start "$work" >/dev/null
export DATABASE_URL
DATABASE_URL=$(database_url domino)
DOMINO_MIGRATIONS=Migrations "$domino" migrate >/dev/null
DOMINO_MIGRATIONS=Migrations "$domino" seed >/dev/null

password="yokohama-demo-2026"   # DemoData.password
user="coordinator@demo.domino.example"
read_back() {   # read_back PORT OUTFILE: what a demo user sees, through the API
    local token
    token=$(login "$1" "$user" "$password")
    : >"$2"
    for path in /v1/me /v1/cities /v1/needs /v1/companies; do
        echo "== $path" >>"$2"
        curl -s -H "Authorization: Bearer $token" -w '\nstatus %{http_code}\n' "http://127.0.0.1:$1$path" >>"$2"
    done
}
table_counts() {   # every table's row count, including the audit log
    for table in $(sql "$1" "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
        echo "$table $(sql "$1" "SELECT count(*) FROM public.\"$table\"")"
    done
}

port=$(free_port)
start_server domino "$port" "$work/original.log"
read_back "$port" "$work/original.txt"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
grep -q "ダナン" "$work/original.txt" || { echo "the demo data lacks Da Nang: the drill would prove nothing" >&2; exit 1; }
table_counts domino >"$work/original-counts.txt"

dump=$(deploy/backup.sh "$work/backups")
echo "backup: $(basename "$dump") ($(stat -c %s "$dump") bytes)"

sql postgres "CREATE DATABASE domino_restored" >/dev/null
DATABASE_URL=$(database_url domino_restored) DOMINO="$domino" DOMINO_MIGRATIONS=Migrations \
    deploy/restore.sh "$dump" >"$work/status.txt"
if grep -q pending "$work/status.txt"; then echo "migrations pending after restore:" >&2; cat "$work/status.txt" >&2; exit 1; fi
echo "restore: $(grep -c applied "$work/status.txt") migrations applied, none pending"

table_counts domino_restored >"$work/restored-counts.txt"
diff -u "$work/original-counts.txt" "$work/restored-counts.txt" || { echo "row counts differ after restore" >&2; exit 1; }
# Reading back logs in once more (a new session row), so compare before that and read after.
port=$(free_port)
start_server domino_restored "$port" "$work/restored.log"
read_back "$port" "$work/restored.txt"
if ! diff -u "$work/original.txt" "$work/restored.txt"; then
    echo "the restored Domino answers differently" >&2; exit 1
fi
grep -c "^status 200" "$work/restored.txt" | grep -qx 4 || { echo "not every read answered 200" >&2; cat "$work/restored.txt" >&2; exit 1; }
echo "restored Domino: login as $user and 4 reads match the original"

if DATABASE_URL=$(database_url domino_restored) DOMINO="$domino" deploy/restore.sh "$dump" >/dev/null 2>&1; then
    echo "restore.sh restored over a database that has tables" >&2; exit 1
fi
echo "restore.sh refuses a non-empty database"

# A database with no table but another object a user made is refused too, naming what it holds; one
# with only the extensions an operator may create beforehand is restored into.
leftovers=(
    "view|CREATE VIEW leftover AS SELECT 1 AS one"
    "function|CREATE FUNCTION leftover() RETURNS integer LANGUAGE sql AS 'SELECT 1'"
    "sequence|CREATE SEQUENCE leftover"
    "type|CREATE TYPE leftover AS ENUM ('a')"
    "type|CREATE TYPE leftover AS (a integer)"
    "type|CREATE DOMAIN leftover AS integer"
    "schema|CREATE SCHEMA leftover"
    "materialized view|CREATE MATERIALIZED VIEW leftover AS SELECT 1 AS one"
)
for index in "${!leftovers[@]}"; do
    kind=${leftovers[$index]%%|*}; statement=${leftovers[$index]#*|}
    sql postgres "CREATE DATABASE domino_leftover_$index" >/dev/null
    sql "domino_leftover_$index" "$statement" >/dev/null
    if DATABASE_URL=$(database_url "domino_leftover_$index") DOMINO="$domino" deploy/restore.sh "$dump" >/dev/null 2>"$work/leftover.txt"; then
        echo "restore.sh restored into a database holding a $kind ($statement)" >&2; exit 1
    fi
    grep -q "not empty (1 $kind)" "$work/leftover.txt" || { echo "the refusal does not name the $kind:" >&2; cat "$work/leftover.txt" >&2; exit 1; }
    [ "$(sql "domino_leftover_$index" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] || {
        echo "restore.sh wrote into a refused database" >&2; exit 1; }
done
echo "restore.sh refuses a database with no tables but one other object, naming it (${#leftovers[@]} cases: view, function, sequence, type, domain, schema, …)"
sql postgres "CREATE DATABASE domino_with_extensions" >/dev/null
sql domino_with_extensions "CREATE EXTENSION pgcrypto; CREATE EXTENSION pg_trgm" >/dev/null
DATABASE_URL=$(database_url domino_with_extensions) DOMINO="$domino" DOMINO_MIGRATIONS=Migrations \
    deploy/restore.sh "$dump" >/dev/null
table_counts domino_with_extensions >"$work/extensions-counts.txt"
diff -u "$work/original-counts.txt" "$work/extensions-counts.txt" || { echo "row counts differ after restoring beside extensions" >&2; exit 1; }
echo "restore.sh restores into a database that holds only the extensions pgcrypto and pg_trgm"

# Retention: two 30-day-old dumps and one recent; keep 14 days, at least 2.
touch -d "30 days ago" "$work/backups/domino-20200101T000000Z.dump" "$work/backups/domino-20200102T000000Z.dump"
# Backup names have a one-second resolution: give the first one an earlier (recent) name.
mv "$dump" "$work/backups/domino-20260101T000000Z.dump"
dump="$work/backups/domino-20260101T000000Z.dump"
newest=$(BACKUP_KEEP_DAYS=14 BACKUP_KEEP_MIN=2 deploy/backup.sh "$work/backups" 2>/dev/null)
left=$(ls "$work/backups" | sort | tr '\n' ' ')
expected="$(basename "$dump") $(basename "$newest") "
[ "$left" = "$expected" ] || { echo "retention left: $left; expected: $expected" >&2; exit 1; }
echo "retention: old dumps removed, newest kept"
echo "restore drill: passed"
