import App
import Foundation
import Jobs
import Postgres
import Testing

extension Application {
    /// Enqueues this deployment's periodic job `name` for the period starting `period` and lets one worker
    /// run it, as the scheduler and a worker would. Returns how many jobs of its kind are not completed.
    func runPeriodicJob(named name: String, period: Date) async throws -> Int {
        let periodic = try #require(try periodicJobs(environment: [:]).first { $0.name == name })
        _ = try await pool.withConnection { db in try await JobQueue.enqueue(try periodic.makeJob(period), on: db) }
        let configuration = WorkerConfiguration(id: "\(name)-test", concurrency: 1, lease: .seconds(30), backoff: RetryBackoff(base: .zero, jitter: 0))
        try await JobWorker(pool: pool, configuration: configuration, handlers: jobHandlers, clock: clock).runOnce()
        return try await pool.query("SELECT count(*)::int FROM jobs WHERE kind = \(name) AND state <> 'completed'")[0].decode(column: 0)
    }
}
