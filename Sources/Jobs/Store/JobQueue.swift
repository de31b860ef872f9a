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
}
