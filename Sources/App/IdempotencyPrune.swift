import DomainKit
import Jobs

/// The `idempotency.prune` job: nightly, deletes the API's `Idempotency-Key` records and the console's
/// form submissions past their lifetime (`IdempotencyRecords.prune`). Their age is measured on the
/// database's clock, which stamped them: like job leases, they coordinate requests, not programme time
/// (docs/architecture.md, Time).
enum IdempotencyPrune {
    static let kind = "idempotency.prune"
    static let batch = 10_000

    /// Every night at 03:50 in Japan, after the job queue's and the change feed's prunes.
    static let nightly = PeriodicJob(name: kind, schedule: .dailyInJapan(hour: 3, minute: 50)) { _ in
        NewJob(kind: kind, maxAttempts: 3)
    }

    static func register(into handlers: inout JobHandlers) {
        handlers.register(kind) { context in
            // Batches, each its own statement, so locks stay short.
            let records = IdempotencyRecords(pool: context.pool)
            while try await records.prune(batch: batch) > 0 {}
        }
    }
}
