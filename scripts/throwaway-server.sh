# Sourced by scripts that drive the real `domino` binary against a throwaway PostgreSQL
# (schemathesis.sh, browser-tests.sh): one cluster in a temporary directory, migrated, a server on a
# free port, and everything stopped and removed on exit, however the script ends.
# After `throwaway_start PREFIX`: $work, $domino, $DATABASE_URL, $port; `throwaway_serve` starts the
# server, `throwaway_worker` a worker with extra environment; both are stopped by the EXIT trap.
source scripts/liveness.sh
throwaway_pids=()
throwaway_cleanup() {
    for pid in "${throwaway_pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done
    scripts/local-postgres.sh stop "$work" || true
    rm -rf "$work"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

throwaway_start() {
    work=$(mktemp -d "/tmp/$1-XXXXXX")
    trap throwaway_cleanup EXIT
    if [ "$(id -u)" = 0 ]; then chmod 755 "$work"; fi
    scripts/local-postgres.sh start "$work" >/dev/null
    export DATABASE_URL="postgres:///domino?host=$work/run&user=postgres"
    # A throwaway cluster: the development secrets key (and seeding) are allowed here, never on a server.
    export DOMINO_ENV=development
    # Passwords hashed at bcrypt's floor, as in the Swift suite: these suites sign in hundreds of times and test the
    # pages and the contract, not the cost (docs/accounts.md; production stays at 12).
    export DOMINO_PASSWORD_COST=4
    domino=$(swift build --show-bin-path)/domino
    "$domino" migrate >/dev/null
    port=$(free_port)
}

throwaway_serve() {
    HOST=127.0.0.1 PORT=$port LOG_LEVEL=error "$domino" serve > "$work/server.log" 2>&1 &
    throwaway_pids+=($!)
    wait_until "domino serve did not answer /healthz on port $port" "$work/server.log" "$!" answers "http://127.0.0.1:$port/healthz"
}

# Environment assignments for the worker, e.g. `throwaway_worker DOMINO_SMTP_PORT=2525`.
throwaway_worker() {
    env "$@" LOG_LEVEL=error "$domino" worker > "$work/worker.log" 2>&1 &
    throwaway_pids+=($!)
}
