#!/bin/sh
# `make bench`: builds DominoBench in release mode and prints the benchmark tables.
# Usage: scripts/bench.sh [postgres|http|me|checkin|directory|jobs|matching|kpi|console|conventions|all]   (default: all)
# Environment: BENCH_SECONDS (default 10), BENCH_WARMUP_SECONDS (2), BENCH_SCALE (10),
#              BENCH_COMPANIES (100000), BENCH_IMPORT_ROWS (20000),
#              BENCH_MATCH_COMPANIES (100000), BENCH_MATCH_ROUNDS (200),
#              DOMINO_BENCH_DATABASE_URL (default: a throwaway cluster of its own; a database
#              given here gets its pgbench_* tables dropped and reloaded by `pgbench -i`),
#              BENCH_JOBS (20000), BENCH_LATENCY_JOBS (1000),
#              BENCH_POOL_SIZE (the server's DB_POOL_SIZE default, 20; for `me`),
#              BENCH_RUNS (1): how many times each table runs, back to back (issue 19 asks for five).
# Timing never fails this script; it fails only when a benchmark cannot run.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product DominoBench
# The jobs table runs real `domino worker` processes from the same build directory.
swift build -c release --product domino
bench="$(swift build -c release --show-bin-path)/DominoBench"
# The machine may be shared: each table is printed between the load averages before and after it.
run() {
    runs="${BENCH_RUNS:-1}"
    case "$runs" in ''|*[!0-9]*|0) echo "BENCH_RUNS must be a positive whole number, not '$runs'" >&2; exit 2 ;; esac
    n=1
    while [ "$n" -le "$runs" ]; do
        echo "load average before $1 (run $n of $runs): $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M:%S) UTC)"
        "$bench" "$1"
        echo "load average after $1 (run $n of $runs): $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M:%S) UTC)"
        n=$((n + 1))
    done
}
case "${1:-all}" in
    # One process per benchmark, so each table's peak RSS is that benchmark's alone.
    all) run postgres && run http && run me && run checkin && run directory && run jobs && run matching && run kpi && run console && run conventions ;;
    *) run "$1" ;;
esac
