-- Issue 19 (the door): `enqueue_job` takes a run-at, as `JobQueue.enqueue` does (`NewJob.runAt`), so a
-- trigger can enqueue a job that is due later. Everything else is restated unchanged: the same INSERT,
-- the same unique-key no-op among waiting jobs (a job due later is waiting, so it absorbs the enqueues of
-- its key until a worker claims it), the same NOTIFY on domino_jobs with the queue as payload. The
-- function is dropped and created again because a new defaulted parameter beside the old signature would
-- make every six-argument call ambiguous; only KPI's SQL calls it (by name, so nothing depends on its oid).
DROP FUNCTION enqueue_job(text, jsonb, text, smallint, text, integer);

CREATE FUNCTION enqueue_job(p_kind text, p_payload jsonb DEFAULT '{}', p_queue text DEFAULT 'default',
                            p_priority smallint DEFAULT 5, p_unique_key text DEFAULT NULL,
                            p_max_attempts integer DEFAULT 20, p_run_at timestamptz DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO jobs (kind, queue, payload, priority, run_at, max_attempts, unique_key)
    VALUES (p_kind, p_queue, p_payload, p_priority, coalesce(p_run_at, now()), p_max_attempts, p_unique_key)
    ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable') DO NOTHING
    RETURNING id INTO new_id;
    IF new_id IS NOT NULL THEN
        PERFORM pg_notify('domino_jobs', p_queue);
    END IF;
    RETURN new_id;
END
$$;
