public import DomainKit
import FoundationEssentials
public import Postgres

/// The administrators' view of the queue: list by state, kind, queue and dismissal; read one job; retry; cancel;
/// dismiss. Only admins reach it (the routes say so, and the service checks again). Retry, cancel and dismiss run
/// with `domino.actor` set, so the audit trigger of migration 0013 records who did it.
public struct JobAdmin: Sendable {
    let pool: PostgresPool
    let clock: ProgrammeClock
    let store = JobAdminStore()

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
    }

    public func jobs(_ filter: JobFilter, limit: Int, cursor: String?, by principal: Principal) async throws -> Page<Job> {
        try requireAdmin(principal)
        let after = try cursor.map { cursor throws(Problem) in try SequenceCursor.decode(cursor) }
        let rows = try await pool.withConnection { try await store.list(filter, limit: limit + 1, after: after, on: $0) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextCursor: rows.count > limit ? items.last.map { SequenceCursor.encode($0.id) } : nil)
    }

    public func job(_ id: Int64, by principal: Principal) async throws -> Job {
        try requireAdmin(principal)
        guard let job = try await pool.withConnection({ try await store.find(id, on: $0) }) else { throw JobsError.notFound }
        return job
    }

    /// Makes a retryable, discarded or cancelled job available now (one more attempt if its attempts
    /// were used up). Any other state is a 409 naming it.
    public func retry(_ id: Int64, by principal: Principal) async throws -> Job {
        try await transition(id, action: "retried", by: principal) { try await store.retry(id, on: $0) }
    }

    /// Cancels a waiting or running job; a final one is a 409.
    public func cancel(_ id: Int64, by principal: Principal) async throws -> Job {
        try await transition(id, action: "cancelled", by: principal) { try await store.cancel(id, on: $0) }
    }

    /// Dismisses a discarded job (mail33): dealt with, not to be retried, so the administrator's home stops counting it;
    /// who and when (the programme clock) are kept. Another state, or a job dismissed already, is a 409 naming it.
    public func dismiss(_ id: Int64, by principal: Principal) async throws -> Job {
        let now = clock.now()
        return try await transition(id, action: "dismissed", by: principal) { try await store.dismiss([id], at: now, by: principal.userID, on: $0).first }
    }

    /// The most jobs one request dismisses: a page of the list, as the API lists it.
    public static let dismissLimit = PageRequest.limits.upperBound

    /// Dismisses every job of `ids`, or none (ops34), as the mail log marks undelivered mail: one UPDATE whose WHERE names
    /// what may be dismissed (discarded, not dismissed yet), in a transaction rolled back when it changed fewer rows than
    /// asked, so a job that moved on since the list was shown (retried, or dismissed by someone else) refuses the whole
    /// request with a 409 naming it; an id that is no job is a 404. The jobs dismissed, newest first.
    public func dismiss(_ ids: [Int64], by principal: Principal) async throws -> [Job] {
        try requireAdmin(principal)
        let ids = Array(Set(ids)).sorted()
        var validation = Validation()
        validation.check(!ids.isEmpty, "ids", "must name at least one job")
        validation.check(ids.count <= Self.dismissLimit, "ids", "must name at most \(Self.dismissLimit) jobs")
        if !validation.errors.isEmpty { throw JobsError.invalid(validation.errors) }
        let now = clock.now()
        do {
            return try await actingTransaction(by: principal) { db in
                let dismissed = try await store.dismiss(ids, at: now, by: principal.userID, on: db)
                guard dismissed.count == ids.count else { throw NotAllDismissable() }
                return dismissed
            }
        } catch is NotAllDismissable {
            // Rolled back: read the jobs as others left them.
            let found = try await pool.withConnection { try await store.find(ids, on: $0) }.sorted { $0.id < $1.id }
            guard found.count == ids.count else { throw JobsError.notFound }
            if let dismissed = found.first(where: { $0.dismissedAt != nil }) { throw JobsError.alreadyDismissed(dismissed.id) }
            if let other = found.first(where: { $0.state != .discarded }) { throw JobsError.wrongState(id: other.id, state: other.state, action: "dismissed") }
            // Only a dismissal removed by hand between the two statements gets here.
            throw JobsError.corruptRow("a job neither dismissed nor dismissable")
        }
    }

    /// The UPDATE changed fewer rows than asked: the transaction rolls back, and the caller is told why.
    private struct NotAllDismissable: Error {}

    /// A transaction with `domino.actor` set, so the audit trigger of migration 0013 records who acted.
    private func actingTransaction<Value>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.transaction { db -> Value in
            try await db.execute("SELECT set_config('domino.actor', \(principal.userID.uuidString), true)")
            return try await body(db)
        }
    }

    /// The state check and the change are one UPDATE (its WHERE names the allowed states), so two
    /// admins racing cannot both win; the loser learns the state it found.
    private func transition(
        _ id: Int64, action: String, by principal: Principal, _ change: @escaping (PostgresConnection) async throws -> Job?
    ) async throws -> Job {
        try requireAdmin(principal)
        do {
            let changed = try await actingTransaction(by: principal, change)
            if let changed {
                if changed.state == .available { try await pool.notify(JobQueue.channel, payload: changed.queue) }
                return changed
            }
        } catch let error as PostgresError where error.violation == .unique(constraint: "jobs_unique_waiting") {
            throw JobsError.uniqueKeyTaken(try await job(id, by: principal).uniqueKey ?? "")
        }
        let current = try await job(id, by: principal)
        if current.dismissedAt != nil, action == "dismissed" { throw JobsError.alreadyDismissed(id) }
        throw JobsError.wrongState(id: id, state: current.state, action: action)
    }

    public func figures() async throws -> JobFigures {
        try await pool.withConnection { try await store.figures(on: $0) }
    }

    private func requireAdmin(_ principal: Principal) throws(JobsError) {
        // Not an admin: the queue does not exist for you (404, like another party's record).
        guard principal.role == .admin else { throw JobsError.notFound }
    }
}
