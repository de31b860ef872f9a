#!/usr/bin/env bash
# Many-wide, proven locally (docs/scaling.md): one PostgreSQL, two `domino serve` and two
# `domino worker` processes behind the real deploy/nginx config (TLS, both upstreams, as nginx-smoke.sh
# runs it), with the demo data. While wrk reads through nginx and a writer creates needs through nginx,
# 10,000 `jobs.probe` jobs enqueued by SQL run on both workers. Then checks, exactly:
#   every probe job ran once (one job_probe_runs row each, attempt 1, completed), both workers took part;
#   every write the API acknowledged (201) is in the database, and none that it did not;
#   the KPI counts the workers recounted equal the kpi_records view that defines them.
# Prints req/s, p50/p99, errors and jobs/s. Heavy: `make many-wide`, not part of `make test`.
# MANY_WIDE_SECONDS (default 20): how long the load runs. MANY_WIDE_JOBS (default 10000).
source "$(dirname "$0")/common.sh"
for tool in nginx wrk jq; do command -v $tool >/dev/null || { echo "many-wide: needs $tool" >&2; exit 1; }; done
seconds=${MANY_WIDE_SECONDS:-20}
jobs=${MANY_WIDE_JOBS:-10000}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
scripts/local-postgres.sh start "$work" >/dev/null
export DATABASE_URL DOMINO_MIGRATIONS=Migrations
DATABASE_URL=$(database_url domino)
"$domino" migrate >/dev/null
"$domino" seed >/dev/null

api1=$(free_port); api2=$(free_port)
TRUST_PROXY=1 start_server domino "$api1" "$work/api1.log"
TRUST_PROXY=1 start_server domino "$api2" "$work/api2.log"
for id in worker-1 worker-2; do
    WORKER_ID=$id LOG_LEVEL=warning "$domino" worker >>"$work/$id.log" 2>&1 &
    server_pids+=("$!")
done

start_nginx "$api1" "$api2"

token=$(curl -skf -H 'Content-Type: application/json' \
    -d '{"email":"admin@demo.domino.example","password":"yokohama-demo-2026"}' "$base/v1/auth/login" | jq -r .token)
city=$(curl -skf -H "Authorization: Bearer $token" "$base/v1/cities?q=Da%20Nang" | jq -r '.items[0].id')

# The queue: 10,000 probe jobs in one statement, then the doorbell the enqueuer rings (docs/jobs.md).
sql domino "INSERT INTO jobs (kind, payload)
    SELECT 'jobs.probe', jsonb_build_object('label', 'many-wide-' || g) FROM generate_series(1, $jobs) g;
    NOTIFY domino_jobs" >/dev/null
jobs_started=$(date +%s.%N)

# Writes: needs through nginx (so through both APIs), one after another per writer, ids of the 201s kept.
python3 - "$base" "$token" "$city" "$seconds" "$work/acknowledged.txt" "$work/writer.txt" <<'PY' &
import json, ssl, sys, threading, time, urllib.request, urllib.error
base, token, city, seconds, out, summary = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5], sys.argv[6]
context = ssl._create_unverified_context()
ids, statuses, lock = [], {}, threading.Lock()
def writer(number):
    end, i = time.time() + seconds, 0
    while time.time() < end:
        i += 1
        body = json.dumps({"cityId": city, "titleEn": f"many-wide {number}-{i}", "taxonomyCodes": ["waste_to_energy"], "source": "policy_dialogue"}).encode()
        request = urllib.request.Request(base + "/v1/needs", data=body, method="POST", headers={
            "Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, context=context, timeout=30) as answer:
                status, lead = answer.status, json.load(answer)
        except urllib.error.HTTPError as error:
            status, lead = error.code, None
            with lock:
                if "firstError" not in statuses: statuses["firstError"] = error.read().decode()[:300]
        except Exception:
            status, lead = "error", None
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            if status == 201: ids.append(lead["id"])
threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
for t in threads: t.start()
for t in threads: t.join()
open(out, "w").write("\n".join(ids) + "\n")
open(summary, "w").write(json.dumps({str(k): v for k, v in statuses.items()}))
PY
writer_pid=$!

wrk -t2 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base/v1/needs?cityId=$city" >"$work/wrk.txt"
wait "$writer_pid"

for _ in $(seq 1 1200); do
    done_jobs=$(sql domino "SELECT count(*) FROM jobs WHERE kind = 'jobs.probe' AND state = 'completed'")
    [ "$done_jobs" -ge "$jobs" ] && break
    sleep 0.25
done
jobs_finished=$(sql domino "SELECT extract(epoch FROM max(finalized_at)) FROM jobs WHERE kind = 'jobs.probe'")

# KPI counts are recounted by jobs on the same two workers: once the recounts are done, every stored
# count equals the view that defines it (docs/kpi.md).
kpi_mismatch="SELECT count(*) FROM (SELECT code, fiscal_year, count(*) AS n FROM kpi_records GROUP BY 1, 2) v
    FULL JOIN (SELECT code, fiscal_year, count AS n FROM kpi_counts WHERE count > 0) c USING (code, fiscal_year)
    WHERE v.n IS DISTINCT FROM c.n"
for _ in $(seq 1 240); do
    [ "$(sql domino "SELECT count(*) FROM jobs WHERE kind LIKE 'kpi.%' AND state IN ('available', 'running', 'retryable') AND run_at <= now()")" = 0 ] &&
        [ "$(sql domino "$kpi_mismatch")" = 0 ] && break
    sleep 0.25
done

failures=0
check() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected $2, got $3" >&2; failures=$((failures + 1)); fi; }
check "every probe job completed" "$jobs" "$(sql domino "SELECT count(*) FROM jobs WHERE kind = 'jobs.probe' AND state = 'completed' AND attempts = 1")"
check "one run per job (runs, distinct jobs, all finished, all attempt 1)" "$jobs|$jobs|$jobs|$jobs" \
    "$(sql domino "SELECT count(*), count(DISTINCT job_id), count(finished_at), count(*) FILTER (WHERE attempt = 1) FROM job_probe_runs WHERE label LIKE 'many-wide-%'")"
check "KPI counts recounted by the workers equal the kpi_records view" "0" "$(sql domino "$kpi_mismatch")"
check "KPI recounts ran (convention participants counted)" "1" "$(sql domino "SELECT count(*) FROM kpi_counts WHERE code = 'convention_participants' AND count > 0 LIMIT 1")"
check "both workers ran probe jobs" "2" "$(sql domino "SELECT count(DISTINCT worker) FROM job_probe_runs WHERE label LIKE 'many-wide-%'")"
acknowledged=$(grep -c . "$work/acknowledged.txt" || true)
check "every write answered 201" "{\"201\": $acknowledged}" "$(cat "$work/writer.txt")"
[ "$acknowledged" -gt 0 ] || { echo "FAIL: no write was acknowledged" >&2; failures=$((failures + 1)); }
ids=$(paste -sd, "$work/acknowledged.txt")
check "every acknowledged need is stored, and no other" "$acknowledged|$acknowledged" \
    "$(sql domino "SELECT count(*) FILTER (WHERE id = ANY (string_to_array('$ids', ',')::uuid[])), count(*) FROM city_needs WHERE title_en LIKE 'many-wide %'")"
check "nginx spread the requests over both APIs" "$(printf '127.0.0.1:%s\n' "$api1" "$api2" | sort -t: -k2 -n | paste -sd' ')" \
    "$(grep -o '"upstream":"127[^",]*' "$n/log/access.log" | cut -d'"' -f4 | sort -u | sort -t: -k2 -n | paste -sd' ')"

reads=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt"); p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
read_errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')
writes_per_s=$(python3 -c "print(round($acknowledged / $seconds, 1))")
jobs_per_s=$(python3 -c "print(round($jobs / ($jobs_finished - $jobs_started), 1))")
echo "many-wide: 2 API + 2 workers + nginx (TLS) + 1 PostgreSQL, $(nproc) cores, ${seconds}s"
echo "  binary $domino; load average at the start $load_before, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  reads  GET /v1/needs?cityId= via nginx (wrk -t2 -c32): $reads req/s, p50 $p50, p99 $p99, errors: ${read_errors:-none}"
echo "  writes POST /v1/needs via nginx (4 sequential writers): $acknowledged acknowledged ($writes_per_s/s), statuses $(cat "$work/writer.txt")"
echo "  jobs   $jobs probe jobs on 2 workers during the load: $jobs_per_s jobs/s, $(sql domino "SELECT string_agg(worker || ' ' || n, ', ' ORDER BY worker) FROM (SELECT worker, count(*) n FROM job_probe_runs GROUP BY worker) w")"
[ "$failures" = 0 ] || { echo "many-wide: $failures checks failed" >&2; exit 1; }
echo "many-wide: passed"
