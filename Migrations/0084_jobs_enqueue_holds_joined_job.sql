-- A waiting job that absorbs an enqueue is not claimed before the enqueuing transaction ends.
--
-- Why: an enqueue whose unique key a waiting job already holds was a no-op that left the job free to be
-- claimed at once. A writer that enqueued and then spent longer before its commit (the KPI recount is
-- enqueued at commit, and other at-commit triggers run after it) could see the job claimed and run with a
-- snapshot that did not contain the writer's rows; nothing else was enqueued for them, so the stored KPI
-- counts missed them until the year's next write or the nightly recount (issue 19, found by door5). Every
-- job with a unique key has the same contract: it runs after every write that relied on it.
--
-- How: the enqueue first locks the waiting job of its key FOR SHARE. The worker's claim takes FOR UPDATE
-- SKIP LOCKED, so it passes over the job until every transaction that joined it has committed or rolled
-- back; joiners do not block one another (shared locks). A job being claimed at that moment holds its row
-- FOR UPDATE: the lock waits for the claim, sees the job running, finds no waiting job, and the enqueue
-- inserts a new one. The insert's ON CONFLICT still decides a race between two inserters; the loser goes
-- round again and joins the winner's job. Swift's `JobQueue.enqueue` calls this function, so there is one
-- definition of an enqueue. Same signature as migration 0072.
CREATE OR REPLACE FUNCTION enqueue_job(p_kind text, p_payload jsonb DEFAULT '{}', p_queue text DEFAULT 'default',
                                       p_priority smallint DEFAULT 5, p_unique_key text DEFAULT NULL,
                                       p_max_attempts integer DEFAULT 20, p_run_at timestamptz DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    -- Each round either joins a waiting job, inserts one, or lost an insert race to a job committed
    -- meanwhile (joined next round); a job claimed between two rounds frees the key again.
    FOR round IN 1..100 LOOP
        IF p_unique_key IS NOT NULL THEN
            PERFORM 1 FROM jobs WHERE unique_key = p_unique_key AND state IN ('available', 'retryable') FOR SHARE;
            IF FOUND THEN
                RETURN NULL;
            END IF;
        END IF;
        INSERT INTO jobs (kind, queue, payload, priority, run_at, max_attempts, unique_key)
        VALUES (p_kind, p_queue, p_payload, p_priority, coalesce(p_run_at, now()), p_max_attempts, p_unique_key)
        ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable') DO NOTHING
        RETURNING id INTO new_id;
        IF new_id IS NOT NULL THEN
            PERFORM pg_notify('domino_jobs', p_queue);
            RETURN new_id;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'enqueue_job: the waiting job of key % kept changing hands', p_unique_key USING ERRCODE = '40001';
END
$$;
