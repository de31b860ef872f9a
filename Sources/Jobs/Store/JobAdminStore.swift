import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of the admin API: list, read, retry, cancel, dismiss, and the queue figures for /metrics.
struct JobAdminStore: Sendable {
    func list(_ filter: JobFilter, limit: Int, after: Int64?, on db: PostgresConnection) async throws -> [Job] {
        var query: PostgresQuery = "SELECT \(Job.columns) FROM jobs WHERE true"
        if let state = filter.state { query.append(" AND state = \(state.rawValue)") }
        if let kind = filter.kind { query.append(" AND kind = \(kind)") }
        if let queue = filter.queue { query.append(" AND queue = \(queue)") }
        if let dismissed = filter.dismissed { query.append(dismissed ? " AND dismissed_at IS NOT NULL" : " AND dismissed_at IS NULL") }
        if let after { query.append(" AND id < \(after)") }
        query.append(" ORDER BY id DESC LIMIT \(limit)")
        return try await db.query(query).map { try Job(row: $0) }
    }

    func find(_ id: Int64, on db: PostgresConnection, forUpdate: Bool = false) async throws -> Job? {
        let lock: PostgresQuery = forUpdate ? " FOR UPDATE" : ""
        return try await db.query("SELECT \(Job.columns) FROM jobs WHERE id = \(id)" + lock).first.map { try Job(row: $0) }
    }

    /// A retried job runs again now, with one more attempt allowed if its attempts were used up. A dismissal goes
    /// with the state it was about (migration 0126's CHECK keeps it on discarded jobs only).
    func retry(_ id: Int64, on db: PostgresConnection) async throws -> Job? {
        try await db.query("""
            UPDATE jobs SET state = 'available', run_at = now(), finalized_at = NULL, dismissed_at = NULL, dismissed_by = NULL,
                            max_attempts = greatest(max_attempts, least(attempts + 1, 100))
            WHERE id = \(id) AND state IN ('retryable', 'discarded', 'cancelled') AND attempts < 100
            RETURNING \(Job.columns)
            """).first.map { try Job(row: $0) }
    }

    /// Cancels a waiting or running job. A running job's handler is not interrupted; its worker's
    /// completion is refused (it no longer holds the job) and its next heartbeat reports the loss.
    func cancel(_ id: Int64, on db: PostgresConnection) async throws -> Job? {
        try await db.query("""
            UPDATE jobs SET state = 'cancelled', finalized_at = now(), locked_by = NULL, lease_expires_at = NULL,
                            last_error = coalesce(last_error, 'cancelled by an administrator')
            WHERE id = \(id) AND state IN ('available', 'retryable', 'running')
            RETURNING \(Job.columns)
            """).first.map { try Job(row: $0) }
    }

    /// The jobs of `ids` that exist, newest first.
    func find(_ ids: [Int64], on db: PostgresConnection) async throws -> [Job] {
        try await db.query("SELECT \(Job.columns) FROM jobs WHERE id = ANY(\(ids)) ORDER BY id DESC").map { try Job(row: $0) }
    }

    /// Dismisses the discarded jobs of `ids` not dismissed yet: dealt with, not to be retried; they stay as they are
    /// otherwise. The others are left alone and missing from the answer (newest first).
    func dismiss(_ ids: [Int64], at instant: Date, by user: UUID, on db: PostgresConnection) async throws -> [Job] {
        try await db.query("""
            UPDATE jobs SET dismissed_at = \(instant), dismissed_by = \(user)
            WHERE id = ANY(\(ids)) AND state = 'discarded' AND dismissed_at IS NULL
            RETURNING \(Job.columns)
            """).map { try Job(row: $0) }.sorted { $0.id > $1.id }
    }

    /// Live jobs per state (finished ones are history, counted by nobody's alert), and the age of
    /// the oldest due job: the figure that says the workers are falling behind.
    func figures(on db: PostgresConnection) async throws -> JobFigures {
        let rows = try await db.query("""
            SELECT
                count(*) FILTER (WHERE state = 'available') AS available,
                count(*) FILTER (WHERE state = 'running') AS running,
                count(*) FILTER (WHERE state = 'retryable') AS retryable,
                coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE state IN ('available', 'retryable') AND run_at <= now())), 0)::float8 AS lag
            FROM jobs WHERE state IN ('available', 'running', 'retryable')
            """)
        let discarded = try await db.query("""
            SELECT count(*) AS discarded FROM jobs WHERE state = 'discarded' AND finalized_at > now() - interval '1 day'
            """)
        guard let row = rows.first, let other = discarded.first else { throw JobsError.corruptRow("figures") }
        return JobFigures(
            available: try row.decode("available"), running: try row.decode("running"), retryable: try row.decode("retryable"),
            discardedLastDay: try other.decode("discarded"), oldestDueSeconds: try row.decode("lag"))
    }

    /// Deletes finished jobs older than `age` (completed and cancelled) or `discardedAge` (discarded, kept
    /// longer for inspection), in batches so one run never holds many locks.
    func prune(olderThan age: Duration, discardedOlderThan discardedAge: Duration, batch: Int, on db: PostgresConnection) async throws -> Int {
        try await db.execute("""
            DELETE FROM jobs WHERE id IN (
                SELECT id FROM jobs
                WHERE (state IN ('completed', 'cancelled') AND finalized_at < now() - make_interval(secs => \(age.secondsValue)))
                   OR (state = 'discarded' AND finalized_at < now() - make_interval(secs => \(discardedAge.secondsValue)))
                LIMIT \(batch))
            """)
    }
}

/// What the admin list may filter on.
public struct JobFilter: Sendable, Equatable {
    public var state: JobState?
    public var kind: String?
    public var queue: String?
    /// true: only dismissed jobs; false: only jobs not dismissed; nil: both.
    public var dismissed: Bool?

    public init(state: JobState? = nil, kind: String? = nil, queue: String? = nil, dismissed: Bool? = nil) {
        self.state = state
        self.kind = kind
        self.queue = queue
        self.dismissed = dismissed
    }
}

/// The queue's figures for /metrics.
public struct JobFigures: Sendable, Equatable {
    public let available: Int
    public let running: Int
    public let retryable: Int
    public let discardedLastDay: Int
    public let oldestDueSeconds: Double
}
