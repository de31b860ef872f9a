-- Issue 19 (the door): a write joins the waiting KPI recount of its year without locking the job's row;
-- the recount instead waits, before it counts, for every write that joined it.
--
-- Why: since migration 0084 an enqueue that meets the waiting job of its key locks that job FOR SHARE
-- until it commits, so the worker's claim passes over it. At the door every check-in's commit share-locks
-- the same job row: with 32 check-ins in flight each new locker made PostgreSQL build a new multixact of
-- every current locker, dirty the job's heap page and write a WAL record, under the page's exclusive
-- content lock. That look-up took 0.28–0.31 ms per check-in in the warm run, against 0.02–0.04 ms for an
-- index probe of a row nobody else locks (pg_stat_statements, docs/benchmarks.md).
--
-- How (the guarantee is the same: every write has a recount that counts after it commits):
-- * The write takes the advisory lock (hashtext('kpi_recount_joined'), fy) in SHARED mode for the rest of
--   its transaction, without waiting (`pg_try_…`), and then looks the waiting job up with a plain read
--   (`job_waiting`, the Jobs module's). Found, it has joined: nothing is written to the job.
-- * `kpi_recount(fy)`, once it holds its year's recount lock and before its counting statement, takes
--   that key EXCLUSIVELY for the rest of its transaction. That waits until every write holding it shared
--   has committed or rolled back, and the counting statement that follows takes a snapshot after them. A
--   lock is released only after its transaction has become visible, so the count sees each such write.
--   (Transaction-level, not a session lock let go at once: a cancel between the lock and the unlock would
--   leave a session lock held by a pooled connection. While the recount's transaction lasts, writes
--   enqueue through `enqueue_job`, below.)
-- * A write whose look-up saw the job waiting while the worker was claiming it is covered: the claim
--   commits before the recount's transaction begins, so the recount's barrier comes after the write
--   took its lock, and waits for it. A write that looks after the barrier has passed sees the job
--   running (its claim committed before the barrier) and enqueues a new one, as before.
-- * The write never waits for the lock: while a recount waits at its barrier or counts, a try fails, and
--   the write enqueues through `enqueue_job` as before (FOR SHARE on the waiting job, which waits for a
--   claim in progress: migration 0084). So a write holding the shared lock can never be part of a
--   cycle through it (a write that waited for it while holding another year's job row could deadlock
--   with a recount).
--
-- `job_waiting` is plpgsql, not SQL: PostgreSQL plans a SQL function's statement at every call it does not
-- inline (this one it did not), and plpgsql keeps the plan for the session.
CREATE FUNCTION job_waiting(p_unique_key text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM jobs WHERE unique_key = p_unique_key AND state IN ('available', 'retryable'));
END
$$;

CREATE OR REPLACE FUNCTION kpi_enqueue_recount(fy integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    done text := coalesce(current_setting('domino.kpi_enqueued', true), '');
    pace constant interval := interval '2 seconds';
    joined boolean := false;
BEGIN
    IF fy IS NULL OR fy NOT BETWEEN 2000 AND 2100 OR position(',' || fy::text || ',' IN done) > 0 THEN
        RETURN;
    END IF;
    -- The lock first, then the look-up (a statement of its own, so its snapshot comes after the lock).
    IF pg_try_advisory_xact_lock_shared(hashtext('kpi_recount_joined'), fy) THEN
        joined := job_waiting('kpi.recount:' || fy::text);
    END IF;
    IF NOT joined THEN
        PERFORM enqueue_job('kpi.recount', jsonb_build_object('fiscalYear', fy), 'default', 5::smallint,
                            'kpi.recount:' || fy::text, 20,
                            least(now() + pace, greatest(now(), (SELECT started_at FROM kpi_recount_starts WHERE fiscal_year = fy) + pace)));
    END IF;
    PERFORM set_config('domino.kpi_enqueued', CASE WHEN done = '' THEN ',' ELSE done END || fy::text || ',', true);
END
$$;

CREATE OR REPLACE FUNCTION kpi_recount(fy integer) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('kpi_recount'), fy);
    -- Every write that joined this recount without locking its job holds this key shared (above).
    PERFORM pg_advisory_xact_lock(hashtext('kpi_recount_joined'), fy);
    WITH records AS (
        SELECT r.code, count(*)::integer AS n FROM kpi_records r WHERE r.fiscal_year = fy GROUP BY r.code
    ), counted AS (
        SELECT d.code, coalesce(records.n, 0) AS n FROM kpi_definitions d LEFT JOIN records ON records.code = d.code
    ), stored AS (
        INSERT INTO kpi_counts (code, fiscal_year, count, recounted_at)
        SELECT code, fy, n, now() FROM counted
        ON CONFLICT (code, fiscal_year) DO UPDATE SET count = excluded.count, recounted_at = excluded.recounted_at
        RETURNING code
    )
    INSERT INTO kpi_snapshots (code, fiscal_year, count) SELECT code, fy, n FROM counted;
END
$$;
