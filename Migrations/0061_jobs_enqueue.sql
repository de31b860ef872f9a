-- The SQL face of the job queue belongs to Jobs (issue 18, item 1). `enqueue_job` was first written in
-- KPI's migration (0019) for its triggers; it is restated here, unchanged, so the queue's one SQL entry
-- point sits with the queue: the same INSERT as JobQueue.enqueue, the same unique-key no-op, the same
-- NOTIFY on domino_jobs with the queue as payload.
CREATE OR REPLACE FUNCTION enqueue_job(p_kind text, p_payload jsonb DEFAULT '{}', p_queue text DEFAULT 'default',
                                       p_priority smallint DEFAULT 5, p_unique_key text DEFAULT NULL,
                                       p_max_attempts integer DEFAULT 20)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO jobs (kind, queue, payload, priority, run_at, max_attempts, unique_key)
    VALUES (p_kind, p_queue, p_payload, p_priority, now(), p_max_attempts, p_unique_key)
    ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable') DO NOTHING
    RETURNING id INTO new_id;
    IF new_id IS NOT NULL THEN
        PERFORM pg_notify('domino_jobs', p_queue);
    END IF;
    RETURN new_id;
END
$$;
