import FoundationEssentials
public import Postgres

/// Enqueueing: the public entry point other modules call. It takes the caller's connection, inside the
/// caller's transaction, so the job commits or rolls back with the write that caused it.
public enum JobQueue {
    /// The channel workers LISTEN on. The NOTIFY is sent inside the caller's transaction, and
    /// PostgreSQL delivers it at commit, so a worker never wakes for a job it cannot see yet.
    public static let channel = "domino_jobs"

    /// Enqueues `job` on `connection` (in its transaction, if one is open). Returns the new job's id,
    /// or nil when a waiting job already holds `uniqueKey`: the enqueue then joins that job, which is not
    /// claimed before this transaction ends, so it runs after the write that caused the enqueue
    /// (migration 0084).
    @discardableResult
    public static func enqueue(_ job: NewJob, on connection: PostgresConnection) async throws -> Int64? {
        let rows = try await connection.query(try enqueueStatement(job))
        return try rows[0].decode("id", as: Int64?.self)
    }

    /// The statement of `enqueue`, for a caller that sends it in one pipeline with its own statements:
    /// inside a transaction that holds a lock, every round trip saved is time other transactions do not
    /// wait (Mail's outbox, written while a registration holds its event). The insert, the unique key
    /// and the NOTIFY are `enqueue_job`'s (migration 0084), the one definition of an enqueue, which
    /// triggers call too.
    public static func enqueueStatement(_ job: NewJob) throws -> PostgresQuery {
        try job.validate()
        return """
            SELECT enqueue_job(\(job.kind)::text, \(job.payloadJSON)::jsonb, \(job.queue)::text, \(job.priority)::smallint,
                               \(job.uniqueKey)::text, \(job.maxAttempts)::integer, \(job.runAt)::timestamptz) AS id
            """
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
