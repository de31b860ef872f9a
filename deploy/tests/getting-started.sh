#!/usr/bin/env bash
# Runs docs/getting-started.md: every fenced `sh` block, in order, as one script with
# `set -euo pipefail`, against a throwaway cluster with the demo data (`domino seed`) and `domino serve`.
# The guide's requests use `curl -fsS`, so a status of 400 or more stops the walk and fails this test;
# the blocks share shell variables (tokens, ids, ETags), as they do for a reader pasting them.
# Called by `make test`; alone: `deploy/tests/getting-started.sh` after `swift build`. Needs jq.
source "$(dirname "$0")/common.sh"
command -v jq >/dev/null || { echo "getting-started: needs jq (apt-get install jq)" >&2; exit 1; }

guide=${GUIDE:-docs/getting-started.md}   # GUIDE: another copy, e.g. to check that a broken step fails
python3 - "$guide" >"$work/guide.sh" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```sh\n(.*?)^```$", text, flags=re.S | re.M)
if len(blocks) < 10:
    sys.exit(f"{sys.argv[1]}: only {len(blocks)} sh blocks found; the extraction or the guide is broken")
print("set -euo pipefail")
for number, block in enumerate(blocks, 1):
    print(f"echo '--- block {number}' >&2")
    print(block)
print(f"echo 'getting-started: {len(blocks)} blocks ran' >&2")
PY

scripts/local-postgres.sh start "$work" >/dev/null
DATABASE_URL=$(database_url domino) DOMINO_MIGRATIONS=Migrations "$domino" migrate >/dev/null
DATABASE_URL=$(database_url domino) DOMINO_MIGRATIONS=Migrations "$domino" seed >/dev/null
port=$(free_port)
start_server domino "$port" "$work/server.log"

if ! BASE="http://127.0.0.1:$port" bash "$work/guide.sh" >"$work/walk.txt" 2>"$work/walk.err"; then
    cat "$work/walk.txt"; cat "$work/walk.err" >&2
    echo "getting-started: the walk in $guide failed at the last block shown above" >&2
    exit 1
fi
tail -n 1 "$work/walk.err"
# The walk must have seen what it describes, not just got 2xx answers.
for expected in "ダナン市" "waste_to_energy" "\"stage\":\"qualified\"" "check-in code [A-Z0-9]" "commercializations"; do
    grep -q "$expected" "$work/walk.txt" || { cat "$work/walk.txt"; echo "getting-started: the walk's output lacks $expected" >&2; exit 1; }
done
echo "getting-started: passed"
