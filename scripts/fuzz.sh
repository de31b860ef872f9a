#!/usr/bin/env bash
# Builds the libFuzzer target for HTTPRequestParser (Tests/fuzz/, a package of its own) and runs it for
# a given number of seconds, 600 by default: `scripts/fuzz.sh [seconds]`, or `make fuzz`.
#
# libFuzzer writes every input that finds new coverage into its first corpus directory, so it runs
# on a copy of Tests/fuzz/corpus in a temporary directory and the repository keeps only the seeds. A
# crashing input is saved as Tests/fuzz/crash-<sha1> (ignored by git): minimise it with
#   Tests/fuzz/.build/release/FuzzHTTPRequestParser -minimize_crash=1 -runs=100000 Tests/fuzz/crash-<sha1>
# and add it to Tests/fuzz/corpus/http-request once the parser is fixed.
set -euo pipefail

seconds="${1:-600}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target=FuzzHTTPRequestParser
binary="$root/Tests/fuzz/.build/release/$target"

# -parse-as-library: libFuzzer supplies main(). The flags reach every module of the fuzz package,
# so the parser itself is instrumented for coverage and checked by AddressSanitizer.
swift build -c release --package-path "$root/Tests/fuzz" --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library

work="$(mktemp -d "${TMPDIR:-/tmp}/domino-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -R "$root/Tests/fuzz/corpus/http-request" "$work/corpus"
log="$work/fuzz.log"

echo "fuzzing $target for ${seconds}s on $(ls "$work/corpus" | wc -l) seeds"
status=0
# Swift's own crash backtracer would attach to the process and, under ASan, hang; libFuzzer's
# handler prints the trace and saves the input instead.
export SWIFT_BACKTRACE=enable=no
# -max_len: the bytewise check runs below 4 KiB, and the limits in ParserRun are far smaller.
"$binary" "$work/corpus" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$root/Tests/fuzz/" 2>&1 | tee "$log" || status=$?

# libFuzzer's own summary: "Done N runs in S second(s)", then stat::number_of_executed_units.
grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb)' "$log" || true
echo "corpus after the run: $(ls "$work/corpus" | wc -l) inputs (left in the temporary copy, now removed)"
exit "$status"
