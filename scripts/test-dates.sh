#!/usr/bin/env bash
# The whole suite at dates that matter, with the test binary's clock moved by libfaketime and PostgreSQL
# on the real clock (issue 13, docs/operations.md): the last minute of a fiscal year in Japan, the first
# minute of the next, and a date years ahead. With time injected, no test may notice either clock.
# Usage: scripts/test-dates.sh [DATE ...]   (dates as `date -d` reads them; the defaults below)
set -euo pipefail
cd "$(dirname "$0")/.."
dates=("$@")
if [ ${#dates[@]} -eq 0 ]; then
    dates=("2027-03-31 23:59:00 +0900" "2027-04-01 00:00:00 +0900" "2031-08-20 12:00:00 +0900")
fi
binary=.build/debug/DominoPackageTests.xctest
library=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -n 1)
[ -n "$library" ] || { echo "libfaketime is missing (Debian package faketime)" >&2; exit 1; }
[ -x "$binary" ] || { echo "build the tests first: swift build --build-tests" >&2; exit 1; }

# A cluster of its own for each date: a run leaves some four hundred databases (about 4.5 GB) behind, and
# three runs' worth on one cluster once stalled a slower machine's disk until statements timed out.
cluster=""
trap 'if [ -n "$cluster" ]; then scripts/local-postgres.sh stop "$cluster"; rm -rf "$cluster"; fi' EXIT
start_cluster() {
    cluster=$(mktemp -d /tmp/domino-dates.XXXXXX)
    chmod 755 "$cluster"
    # The test suites run in parallel, each with its own pool: as many connections as TestCluster allows.
    POSTGRES_OPTIONS="-c max_connections=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        scripts/local-postgres.sh start "$cluster" >/dev/null
    export DOMINO_TEST_DATABASE_URL="postgres:///domino?host=$cluster/run&user=postgres"
}
stop_cluster() {
    scripts/local-postgres.sh stop "$cluster"
    rm -rf "$cluster"
    cluster=""
}

# Swift Testing's own list is the count a full run must report; a run that fell back to XCTest reports none.
expected=$(timeout 300 "$binary" --testing-library swift-testing --list-tests 2>/dev/null | grep -c '/')
[ "$expected" -gt 0 ] || { echo "the test binary lists no Swift Testing tests" >&2; exit 1; }

for when in "${dates[@]}"; do
    start_cluster
    offset=$(( $(date -d "$when" +%s) - $(date +%s) ))
    log="$cluster/run-$offset.log"
    echo "== the suite at $when (FAKETIME=+$offset s), $expected tests"
    status=0
    FAKETIME="+$offset" FAKETIME_DONT_FAKE_MONOTONIC=1 LD_PRELOAD="$library" \
        timeout 1800 "$binary" --testing-library swift-testing >"$log" 2>&1 || status=$?
    summary=$(grep -E "Test run with [0-9]+ tests" "$log" | tail -n 1 || true)
    echo "$summary"
    if [ "$status" -ne 0 ] || ! grep -qE "Test run with $expected tests .* passed" <<<"$summary"; then
        grep -E "✘" "$log" | head -n 40 || tail -n 60 "$log"
        echo "FAILED at $when (exit $status; expected $expected tests to pass)" >&2
        cp "$log" "/tmp/domino-dates-failed.log" && echo "the whole log: /tmp/domino-dates-failed.log" >&2
        exit 1
    fi
    stop_cluster
done
echo "test-dates: all $expected tests passed at each of ${#dates[@]} dates"
