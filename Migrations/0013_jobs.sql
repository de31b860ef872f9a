-- Jobs module (issue 7): a job queue in PostgreSQL. A job is a row, enqueued in the transaction of the
-- write that causes it, so it exists exactly when that write committed. The states and their
-- invariants are CHECK constraints here; docs/jobs.md draws the state diagram.

CREATE TABLE jobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,99}$'),
    queue text NOT NULL DEFAULT 'default' CHECK (queue ~ '^[a-z][a-z0-9_]{0,49}$'),
    payload jsonb NOT NULL DEFAULT '{}' CHECK (octet_length(payload::text) <= 65536),
    -- 0 runs first; 5 is the default.
    priority smallint NOT NULL DEFAULT 5 CHECK (priority BETWEEN 0 AND 9),
    state text NOT NULL DEFAULT 'available'
        CHECK (state IN ('available', 'running', 'retryable', 'completed', 'discarded', 'cancelled')),
    run_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 20 CHECK (max_attempts BETWEEN 1 AND 100),
    last_error text CHECK (char_length(last_error) <= 2000),
    -- A second enqueue while a waiting job holds the key is a no-op (index jobs_unique_waiting).
    unique_key text CHECK (char_length(unique_key) BETWEEN 1 AND 200),
    locked_by text CHECK (char_length(locked_by) <= 200),
    lease_expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    attempted_at timestamptz,
    finalized_at timestamptz,
    -- A running job always has an owner and a lease; no other state has either.
    CHECK ((state = 'running') = (locked_by IS NOT NULL)),
    CHECK ((state = 'running') = (lease_expires_at IS NOT NULL)),
    CHECK ((state IN ('completed', 'discarded', 'cancelled')) = (finalized_at IS NOT NULL)),
    CHECK (state <> 'running' OR attempts BETWEEN 1 AND max_attempts)
);

-- The claim query's path: waiting jobs of a queue in priority, run-at, id order.
CREATE INDEX jobs_waiting ON jobs (queue, priority, run_at, id) WHERE state IN ('available', 'retryable');
-- Unique keys hold among *waiting* jobs only. A running job may already have read the data its
-- enqueuer changed (a KPI recount), so a new enqueue must not collapse into it.
CREATE UNIQUE INDEX jobs_unique_waiting ON jobs (unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable');
-- The rescuer's path: running jobs by lease deadline.
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE state = 'running';
-- The admin list: by state and kind, newest first.
CREATE INDEX jobs_by_state ON jobs (state, kind, id);
CREATE INDEX jobs_by_kind ON jobs (kind, id);
-- Pruning finished jobs by age.
CREATE INDEX jobs_finalized ON jobs (finalized_at) WHERE finalized_at IS NOT NULL;

-- One row per period of a periodic job that has been enqueued. Every worker tries to insert the
-- current period; the primary key lets exactly one of them enqueue it, in the same transaction, so a
-- periodic job runs once per period across all workers, and restarts do not repeat a period.
CREATE TABLE periodic_job_periods (
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    period_start timestamptz NOT NULL,
    job_id bigint,
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, period_start)
);

-- Written by the built-in `jobs.probe` kind: an operator's smoke test of the queue (enqueue probes,
-- see that each ran once) and what the multi-process tests count. A run is inserted when an attempt
-- starts and gets finished_at in the transaction that completes the job, so an attempt that died or
-- failed stays visible with no finish, and two attempts of one job at once would be two rows.
CREATE TABLE job_probe_runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id bigint NOT NULL,
    attempt integer NOT NULL,
    worker text NOT NULL CHECK (char_length(worker) <= 200),
    label text CHECK (char_length(label) <= 200),
    started_at timestamptz NOT NULL,
    finished_at timestamptz
);
CREATE INDEX job_probe_runs_job ON job_probe_runs (job_id);

-- Workers move jobs through their states many times a second; those transitions are the row itself
-- (attempts, last_error, timestamps), not audit entries. What an administrator does (retry, cancel)
-- runs with domino.actor set, and only those changes are audited. periodic_job_periods and
-- job_probe_runs are written only by workers, never by a person, so they carry no audit trigger.
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON jobs
    FOR EACH ROW WHEN (coalesce(current_setting('domino.actor', true), '') <> '')
    EXECUTE FUNCTION audit_row_change('payload', 'attempted_at', 'lease_expires_at', 'locked_by');
