-- Issue 19 (the door): while writes keep coming, a fiscal year's recount runs at most once every two
-- seconds, and two recounts of one year never overlap.
--
-- Why: a worker claims a waiting recount within a millisecond or two, and the unique key
-- `kpi.recount:<fy>` holds among waiting jobs only. So at the door nearly every check-in's commit
-- inserted a new recount job, and the worker ran a full recount of the year for most of them, up to its
-- concurrency at once, on the same two cores: in one benchmark run, 212 recounts during 2,000 check-ins,
-- 246 s of database time against 3 s for the check-ins' own statements, and every session seen waiting on
-- a lock was a recount waiting for another recount of the same year (docs/benchmarks.md).
--
-- Coalescing: a recount enqueued less than two seconds after the year's last recount started is due two
-- seconds after that start. Until then it is a waiting job, so every later write of the year meets it in
-- the unique index, committed, and its enqueue is a no-op that waits for nobody. A write in a quiet
-- moment is recounted at once, as before. Every write still has a recount that starts after it commits
-- (the waiting job is claimed after the write committed, or a new one is inserted once it runs), so no
-- change is lost; the count lags a busy door by at most the two seconds, the worker's poll interval
-- (`JOB_POLL_MILLISECONDS`, 1 s: a job due later has no NOTIFY of its own when it falls due) and the
-- recount itself. `least(…, now() + 2 s)` keeps the bound if the clock ever stepped back.
--
-- When a recount started is `kpi_recount_starts`, written by the job (`KPIRecount`) in a transaction of
-- its own just before its recount's, so the writes see it while the recount runs. `kpi_counts.recounted_at`
-- would not do: it commits with the recount, and while a slow recount ran every write found the last
-- committed start old, enqueued a recount due at once, and the worker claimed it and queued it behind the
-- running one (seen in the benchmark: 19 recounts of one year waiting on each other).
--
-- No overlap: two recounts of one year used to be able to run at once (one running, the next claimed by
-- another slot), and the one with the older snapshot could commit last and write its older counts over
-- the newer ones. `kpi_recount` now takes a transaction-level advisory lock on its year first, then counts
-- in a statement of its own (plpgsql: a fresh snapshot per statement under READ COMMITTED), so a second
-- recount waits for the first to commit and counts everything the first saw, and more.

CREATE TABLE kpi_recount_starts (
    fiscal_year integer PRIMARY KEY CHECK (fiscal_year BETWEEN 2000 AND 2100),
    started_at timestamptz NOT NULL,
    -- Counts the starts, so a job knows exactly whether a newer one started after it.
    ticket bigint NOT NULL DEFAULT 1 CHECK (ticket > 0)
);

CREATE OR REPLACE FUNCTION kpi_enqueue_recount(fy integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    done text := coalesce(current_setting('domino.kpi_enqueued', true), '');
    pace constant interval := interval '2 seconds';
BEGIN
    IF fy IS NULL OR fy NOT BETWEEN 2000 AND 2100 OR position(',' || fy::text || ',' IN done) > 0 THEN
        RETURN;
    END IF;
    PERFORM enqueue_job('kpi.recount', jsonb_build_object('fiscalYear', fy), 'default', 5::smallint,
                        'kpi.recount:' || fy::text, 20,
                        least(now() + pace, greatest(now(), (SELECT started_at FROM kpi_recount_starts WHERE fiscal_year = fy) + pace)));
    PERFORM set_config('domino.kpi_enqueued', CASE WHEN done = '' THEN ',' ELSE done END || fy::text || ',', true);
END
$$;

CREATE OR REPLACE FUNCTION kpi_recount(fy integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('kpi_recount'), fy);
    WITH counted AS (
        SELECT d.code, (SELECT count(*) FROM kpi_records r WHERE r.code = d.code AND r.fiscal_year = fy)::integer AS n
        FROM kpi_definitions d
    ), stored AS (
        INSERT INTO kpi_counts (code, fiscal_year, count, recounted_at)
        SELECT code, fy, n, now() FROM counted
        ON CONFLICT (code, fiscal_year) DO UPDATE SET count = excluded.count, recounted_at = excluded.recounted_at
        RETURNING code
    )
    INSERT INTO kpi_snapshots (code, fiscal_year, count) SELECT code, fy, n FROM counted;
END
$$;

-- The job's recount (`KPIRecount`), given the ticket of the start it recorded: once it holds the year's
-- lock, a higher ticket in `kpi_recount_starts` means a newer recount job started after this one and waits
-- behind it;
-- that one will count from a later snapshot (it takes the lock after this transaction ends), so this one
-- skips its count and returns false. Without it, a recount slower than the pace would leave one more job
-- waiting on the lock every two seconds, each counting in turn: a backlog that never drains while the
-- door stays busy.
CREATE FUNCTION kpi_recount_unless_superseded(fy integer, started bigint) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('kpi_recount'), fy);
    IF (SELECT ticket FROM kpi_recount_starts WHERE fiscal_year = fy) > started THEN
        RETURN false;
    END IF;
    PERFORM kpi_recount(fy);
    RETURN true;
END
$$;
