#!/bin/sh
# `make bench`: builds DominoBench in release mode and prints the benchmark tables.
# Usage: scripts/bench.sh [postgres|http|me|matching|all]   (default: all)
# Environment: BENCH_SECONDS (default 10), BENCH_WARMUP_SECONDS (2), BENCH_SCALE (10),
#              BENCH_MATCH_COMPANIES (100000), BENCH_MATCH_ROUNDS (200),
#              DOMINO_BENCH_DATABASE_URL (default: a throwaway cluster of its own; a database
#              given here gets its pgbench_* tables dropped and reloaded by `pgbench -i`).
# Timing never fails this script; it fails only when a benchmark cannot run.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product DominoBench
bench="$(swift build -c release --show-bin-path)/DominoBench"
case "${1:-all}" in
    # One process per benchmark, so each table's peak RSS is that benchmark's alone.
    all) "$bench" postgres && "$bench" http && "$bench" me && "$bench" matching ;;
    *) exec "$bench" "$1" ;;
esac
