import FoundationEssentials
import Postgres

/// The SQL of a worker's side of the queue: claim, heartbeat, finish, rescue, release. Every statement
/// that changes a running job names the worker that holds it, so a worker whose lease was taken away
/// (rescued, cancelled) cannot overwrite what happened since.
struct JobStore: Sendable {
    /// Claims up to `limit` due jobs of `queues` in one statement (River's shape): the CTE locks rows
    /// with SKIP LOCKED, so concurrent workers never wait on each other nor claim the same job, and
    /// the UPDATE marks them running with a lease before the transaction ends.
    func claim(queues: [String], limit: Int, worker: String, lease: Duration, on db: PostgresConnection) async throws -> [Job] {
        try Self.jobs(try await db.query(JobQueue.claimStatement(queues: queues, limit: limit, worker: worker, lease: lease)))
    }

    /// Claimed rows as jobs, in claim order.
    static func jobs(_ rows: PostgresRows) throws -> [Job] {
        try rows.map { try Job(row: $0) }.sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
    }

    /// Extends the lease of the jobs this worker still holds; returns those ids. A job missing from
    /// the answer was rescued or cancelled meanwhile, and its handler should stop.
    func heartbeat(_ ids: [Int64], worker: String, lease: Duration, on db: PostgresConnection) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.query("""
            UPDATE jobs SET lease_expires_at = now() + make_interval(secs => \(lease.secondsValue))
            WHERE id = ANY(\(ids)) AND locked_by = \(worker)  -- running: see JobQueue.completeStatement
            RETURNING id
            """)
        return try Self.ids(rows)
    }

    /// Marks jobs completed in one statement and returns the ids this worker still held (the others
    /// were rescued or cancelled meanwhile: what happened to them since stands).
    func complete(_ ids: [Int64], worker: String, on db: PostgresConnection) async throws -> Set<Int64> {
        try Self.ids(try await db.query(JobQueue.completeStatement(ids, worker: worker)))
    }

    static func ids(_ rows: PostgresRows) throws -> Set<Int64> {
        Set(try rows.map { try $0.decode("id", as: Int64.self) })
    }

    /// Records a failed attempt (`nextStateAfterFailure`), keeping the error; a retryable job runs
    /// again after `delay`. Nil when the worker no longer held the job.
    func fail(_ id: Int64, worker: String, error: String, retryAfter delay: Duration, on db: PostgresConnection) async throws -> JobState? {
        let message = String(error.prefix(2000))
        let rows = try await db.query("""
            WITH target AS (
                SELECT id, \(Self.nextStateAfterFailure) AS next_state FROM jobs
                WHERE id = \(id) AND state = 'running' AND locked_by = \(worker) FOR UPDATE
            )
            UPDATE jobs SET state = target.next_state, last_error = \(message), locked_by = NULL, lease_expires_at = NULL,
                finalized_at = CASE WHEN target.next_state <> 'retryable' THEN now() END,
                run_at = CASE WHEN target.next_state = 'retryable' THEN now() + make_interval(secs => \(delay.secondsValue)) ELSE jobs.run_at END
            FROM target WHERE jobs.id = target.id
            RETURNING jobs.state
            """)
        return try rows.first.flatMap { JobState(rawValue: try $0.decode("state")) }
    }

    /// Returns jobs whose lease expired (their worker died or hung) to the queue: retryable now, or
    /// discarded when that was the last attempt. SKIP LOCKED lets several rescuers run at once.
    func rescue(limit: Int, on db: PostgresConnection) async throws -> Int {
        try await db.execute("""
            WITH target AS (
                SELECT id, locked_by, \(Self.nextStateAfterFailure) AS next_state FROM jobs
                WHERE state = 'running' AND lease_expires_at < now()
                ORDER BY lease_expires_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            )
            UPDATE jobs SET state = target.next_state, run_at = now(), locked_by = NULL, lease_expires_at = NULL,
                finalized_at = CASE WHEN target.next_state <> 'retryable' THEN now() END,
                last_error = 'the lease of worker ' || target.locked_by || ' expired (the worker stopped or hung)'
            FROM target WHERE jobs.id = target.id
            """)
    }

    /// The state a running job takes when an attempt fails (SQL over the `jobs` row): discarded when
    /// its attempts are used up; cancelled when a waiting job already holds its unique key (that job
    /// will do the same work, and the unique index forbids two waiting); otherwise retryable.
    static let nextStateAfterFailure: SQLFragment = """
        CASE WHEN attempts >= max_attempts THEN 'discarded'
             WHEN unique_key IS NOT NULL AND EXISTS (
                 SELECT 1 FROM jobs twin WHERE twin.unique_key = jobs.unique_key AND twin.id <> jobs.id
                   AND twin.state IN ('available', 'retryable')) THEN 'cancelled'
             ELSE 'retryable' END
        """

    /// Gives running jobs back without counting the attempt (graceful shutdown past its deadline).
    func release(_ ids: [Int64], worker: String, on db: PostgresConnection) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await db.execute("""
            UPDATE jobs SET state = 'available', attempts = attempts - 1, run_at = now(), locked_by = NULL, lease_expires_at = NULL,
                            last_error = 'released by worker ' || locked_by || ' at shutdown'
            WHERE id = ANY(\(ids)) AND locked_by = \(worker)  -- running: see JobQueue.completeStatement
            """)
    }
}
