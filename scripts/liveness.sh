# Sourced by the scripts that start servers and wait for them (throwaway-server.sh, deploy/tests/common.sh,
# run-dev.sh). A wait here is a liveness bound: how long before "it will never come", set from CI's loaded
# machine, where what takes a second here has taken minutes (docs/architecture.md, Tests), never from what it
# takes on a quiet one. LIVENESS_SECONDS overrides it.
liveness_seconds=${LIVENESS_SECONDS:-300}

# wait_until WHAT LOG PID COMMAND...: runs COMMAND (quietly) every tenth of a second until it succeeds. Fails,
# naming WHAT and printing the end of LOG (if there is one), once PID (if given) has exited or after
# $liveness_seconds.
wait_until() {
    local what=$1 log=$2 pid=$3 reason
    shift 3
    local deadline=$((SECONDS + liveness_seconds))
    until "$@" >/dev/null 2>&1; do
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            reason="its process $pid exited"
        elif ((SECONDS >= deadline)); then
            reason="nothing within ${liveness_seconds} s"
        else
            sleep 0.1
            continue
        fi
        echo "$what: $reason" >&2
        if [ -n "$log" ] && [ -s "$log" ]; then
            echo "--- the last lines of $log:" >&2
            tail -n 80 "$log" >&2
        fi
        return 1
    done
}

# answers URL: whether URL answers 2xx (a self-signed certificate is accepted). One try may take a minute on a
# loaded machine: a server that accepted the connection and never answers must not hold the wait for ever.
answers() {
    curl -skf --max-time 60 "$1"
}
