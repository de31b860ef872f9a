import EventIO
import FoundationEssentials
import Postgres

/// Kinds every worker runs: `jobs.noop` (does nothing; the benchmark's job), `jobs.probe` (records
/// that it ran; an operator's smoke test and what the multi-process tests count) and `jobs.prune`
/// (deletes old finished jobs; registered as a nightly periodic job).
public enum BuiltInJobs {
    public static let noop = "jobs.noop"
    public static let probe = "jobs.probe"
    public static let prune = "jobs.prune"

    /// What a probe does: optionally wait (without holding a thread) and fail its first attempts.
    public struct ProbePayload: Codable, Sendable {
        public var label: String?
        public var sleepMilliseconds: Int?
        /// Attempts 1…failAttempts throw, the next one succeeds.
        public var failAttempts: Int?
        /// Waits until no session holds the advisory lock with this key: a test holds it to keep the
        /// probe running for exactly as long as it needs, with no timing assumption.
        public var gate: Int64?

        public init(label: String? = nil, sleepMilliseconds: Int? = nil, failAttempts: Int? = nil, gate: Int64? = nil) {
            self.label = label
            self.sleepMilliseconds = sleepMilliseconds
            self.failAttempts = failAttempts
            self.gate = gate
        }
    }

    struct ProbeFailure: Error, CustomStringConvertible {
        let attempt: Int
        var description: String { "probe failed on purpose at attempt \(attempt)" }
    }

    /// Finished jobs are kept a week (completed, cancelled) or a month (discarded) for inspection.
    public static let keepFinished: Duration = .seconds(7 * 86_400)
    public static let keepDiscarded: Duration = .seconds(30 * 86_400)

    public static func register(into handlers: inout JobHandlers) {
        handlers.register(noop) { _ in }
        handlers.register(probe) { context in
            let payload = try context.job.payload(as: ProbePayload.self)
            // The start commits on its own, so an attempt that dies or fails stays visible.
            let run = try await context.pool.query("""
                INSERT INTO job_probe_runs (job_id, attempt, worker, label, started_at)
                VALUES (\(context.job.id), \(context.job.attempts), \(context.worker), \(payload.label.map { String($0.prefix(200)) }), clock_timestamp())
                RETURNING id
                """)
            let runID: Int64 = try run[0].decode("id")
            if let wait = payload.sleepMilliseconds, wait > 0 {
                try await EventLoop.sleep(for: .milliseconds(min(wait, 600_000)))
            }
            if let gate = payload.gate {
                try await context.pool.withConnection { db in
                    try await db.execute("SELECT pg_advisory_lock(\(gate))")
                    try await db.execute("SELECT pg_advisory_unlock(\(gate))")
                }
            }
            if context.job.attempts <= (payload.failAttempts ?? 0) { throw ProbeFailure(attempt: context.job.attempts) }
            try await context.pool.transaction { db in
                try await db.execute("UPDATE job_probe_runs SET finished_at = clock_timestamp() WHERE id = \(runID)")
                try await context.complete(on: db)
            }
        }
        handlers.register(prune) { context in
            // Batches of 10,000 until none is left, each its own statement, so locks stay short.
            while try await context.pool.withConnection({ db in
                try await JobAdminStore().prune(olderThan: keepFinished, discardedOlderThan: keepDiscarded, batch: 10_000, on: db)
            }) > 0 {}
        }
    }

    /// The nightly prune, at 03:30 in Japan.
    public static let nightlyPrune = PeriodicJob(name: prune, schedule: .dailyInJapan(hour: 3, minute: 30)) { _ in
        NewJob(kind: prune, maxAttempts: 3)
    }

    /// A probe every `interval`, labelled with its period: two workers must record exactly one per period.
    public static func periodicProbe(every interval: Duration) -> PeriodicJob {
        PeriodicJob(name: "jobs.probe.periodic", schedule: .every(interval)) { period in
            let label = "period \(Int64(period.timeIntervalSince1970))"
            return try NewJob(kind: probe, payload: ProbePayload(label: label), maxAttempts: 3)
        }
    }
}
