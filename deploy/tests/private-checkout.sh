#!/usr/bin/env bash
# `make run` as root in a checkout the postgres user cannot enter (issue 17, item 11): the cluster of
# scripts/local-postgres.sh must still start, answer on DATA_DIR/run, stop and be removed. A private
# directory from mktemp (mode 700) stands in for /root. Only meaningful as root; skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" != 0 ]; then echo "private-checkout: skipped (not root)"; exit 0; fi
private=$(mktemp -d /tmp/domino-private-XXXXXX)
data="$private/domino/.data"
cleanup() {
    scripts/local-postgres.sh stop "$data" || true
    scripts/local-postgres.sh remove "$data" || true
    rm -rf "$private"
}
trap cleanup EXIT
chmod 700 "$private"
runuser -u postgres -- test -x "$private" && { echo "private-checkout: $private is enterable; the test proves nothing" >&2; exit 1; }
scripts/local-postgres.sh start "$data" >/dev/null 2>"$private.err" || { cat "$private.err" >&2; rm -f "$private.err"; exit 1; }
rm -f "$private.err"
answer=$(psql --dbname="postgres:///domino?host=$data/run&user=postgres" -X -tAc "SELECT 42")
[ "$answer" = 42 ] || { echo "private-checkout: the relocated cluster did not answer" >&2; exit 1; }
relocated=$(dirname "$(readlink "$data/pg")")
scripts/local-postgres.sh stop "$data"
scripts/local-postgres.sh remove "$data"
[ ! -e "$relocated" ] || { echo "private-checkout: $relocated was not removed" >&2; exit 1; }
echo "private-checkout: a cluster for a private checkout started in $relocated, answered, and was removed"
