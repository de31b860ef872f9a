import DomainKit
import Foundation
import Jobs
import Notifications
import Postgres
import TestSupport

/// Small factories with defaults, so each test states only what it is about.
let admin = Principal(userID: UUID(), role: .admin)
let coordinator = Principal(userID: UUID(), role: .coordinator)

func probe(label: String? = nil, sleepMilliseconds: Int? = nil, failAttempts: Int? = nil, gate: Int64? = nil, maxAttempts: Int = 20, uniqueKey: String? = nil) throws -> NewJob {
    try NewJob(kind: BuiltInJobs.probe, payload: BuiltInJobs.ProbePayload(label: label, sleepMilliseconds: sleepMilliseconds, failAttempts: failAttempts, gate: gate),
               maxAttempts: maxAttempts, uniqueKey: uniqueKey)
}

/// A worker in this process with retries due at once (no backoff), so tests drain with `runOnce()`.
func worker(_ pool: PostgresPool, id: String = "test-worker", lease: Duration = .seconds(30), concurrency: Int = 4) -> JobWorker {
    var handlers = JobHandlers()
    BuiltInJobs.register(into: &handlers)
    let configuration = WorkerConfiguration(id: id, concurrency: concurrency, lease: lease, backoff: RetryBackoff(base: .zero, jitter: 0))
    return JobWorker(pool: pool, configuration: configuration, handlers: handlers, clock: .test)
}

struct JobRow: Equatable {
    let state: String
    let attempts: Int
    let lastError: String?
}

func jobRow(_ id: Int64, in pool: PostgresPool) async throws -> JobRow {
    let row = try await pool.query("SELECT state, attempts, last_error FROM jobs WHERE id = \(id)")[0]
    return JobRow(state: try row.decode("state"), attempts: try row.decode("attempts"), lastError: try row.decode("last_error"))
}

func count(_ query: PostgresQuery, in pool: PostgresPool) async throws -> Int {
    try await pool.query(query)[0].decode(column: 0)
}
