import FoundationEssentials
public import Postgres

/// Enqueueing: the public entry point other modules call. It takes the caller's connection, inside the
/// caller's transaction, so the job commits or rolls back with the write that caused it.
public enum JobQueue {
    /// The channel workers LISTEN on. The NOTIFY is sent inside the caller's transaction, and
    /// PostgreSQL delivers it at commit, so a worker never wakes for a job it cannot see yet.
    public static let channel = "domino_jobs"

    /// Enqueues `job` on `connection` (in its transaction, if one is open). Returns the new job's id,
    /// or nil when a waiting job already holds `uniqueKey` (the enqueue is then a no-op).
    @discardableResult
    public static func enqueue(_ job: NewJob, on connection: PostgresConnection) async throws -> Int64? {
        try job.validate()
        // ON CONFLICT names the partial unique index by its predicate (index inference), so a duplicate
        // key among waiting jobs is a no-op, decided by the index, without a check-then-insert race.
        let rows = try await connection.query("""
            INSERT INTO jobs (kind, queue, payload, priority, run_at, max_attempts, unique_key)
            VALUES (\(job.kind), \(job.queue), \(job.payloadJSON)::jsonb, \(job.priority), coalesce(\(job.runAt), now()),
                    \(job.maxAttempts), \(job.uniqueKey))
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable') DO NOTHING
            RETURNING id
            """)
        guard let row = rows.first else { return nil }
        try await connection.notify(channel, payload: job.queue)
        return try row.decode("id", as: Int64.self)
    }

    /// The statements of `enqueue` (the insert, then the NOTIFY), for a caller that sends them in one
    /// pipeline with its own statements: inside a transaction that holds a lock, every round trip saved
    /// is time other transactions do not wait (Mail's outbox, written while a registration holds its event).
    public static func enqueueStatements(_ job: NewJob) throws -> [PostgresQuery] {
        try job.validate()
        return [
            """
            INSERT INTO jobs (kind, queue, payload, priority, run_at, max_attempts, unique_key)
            VALUES (\(job.kind), \(job.queue), \(job.payloadJSON)::jsonb, \(job.priority), coalesce(\(job.runAt), now()),
                    \(job.maxAttempts), \(job.uniqueKey))
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable') DO NOTHING
            """,
            "SELECT pg_notify(\(channel), \(job.queue))",
        ]
    }

    /// Enqueues in a transaction of its own, for callers with no write to tie the job to.
    @discardableResult
    public static func enqueue(_ job: NewJob, in pool: PostgresPool) async throws -> Int64? {
        try await pool.transaction { try await enqueue(job, on: $0) }
    }

    /// A worker's claim: up to `limit` due jobs of `queues`, locked with SKIP LOCKED (concurrent workers
    /// never wait on each other nor claim the same job) and marked running with a lease in the same
    /// statement. Each queue is read by its own index scan in `(priority, run_at, id)` order, so the claim
    /// reads `limit` rows per queue: `queue = ANY($queues)` cannot use the index's order and sorted every
    /// waiting job on every claim. Rows a queue locked beyond the `limit` kept are unlocked when the
    /// statement ends. Public so the benchmark's pgbench anchor runs the same text (docs/benchmarks.md).
    public static func claimStatement(queues: [String], limit: Int, worker: String, lease: Duration) -> PostgresQuery {
        """
        WITH next AS (
            SELECT due.id FROM unnest(\(queues)::text[]) AS q(name)
            CROSS JOIN LATERAL (
                SELECT id, priority, run_at FROM jobs
                WHERE state IN ('available', 'retryable') AND queue = q.name AND run_at <= now()
                ORDER BY priority, run_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            ) due
            ORDER BY due.priority, due.run_at, due.id
            LIMIT \(limit)
        )
        UPDATE jobs SET state = 'running', attempts = jobs.attempts + 1, attempted_at = now(),
                        locked_by = \(worker), lease_expires_at = now() + make_interval(secs => \(lease.secondsValue))
        FROM next WHERE jobs.id = next.id
        RETURNING \(Job.columns)
        """
    }

    /// Completes the jobs `ids` that `worker` still holds, in one statement; returns their ids.
    ///
    /// `locked_by = worker` alone says the job is running (a CHECK pins `locked_by` to the running
    /// state), and the statements on a batch of ids say no more, on purpose: with `state = 'running'`
    /// beside `id = ANY(…)` the planner chose the `(state, kind, id)` index and walked every entry any
    /// job ever left there in the running state (dead until vacuum), 50 ms a batch under load instead of
    /// one primary-key probe per id.
    public static func completeStatement(_ ids: [Int64], worker: String) -> PostgresQuery {
        """
        UPDATE jobs SET state = 'completed', finalized_at = now(), locked_by = NULL, lease_expires_at = NULL
        WHERE id = ANY(\(ids)) AND locked_by = \(worker)
        RETURNING id
        """
    }
}
