import FoundationEssentials
public import Jobs
import Postgres

/// The `matches.prune_change_feed` job: deletes changes of the matching change feed older than `window`,
/// nightly. Every process's index reads the feed before each ranking, so a process that ranked within
/// the window catches up from the rows kept; one idle for longer finds its horizon behind the pruned
/// rows and rebuilds its index (MatchIndex.refresh). Versions of companies are kept whole (migration 0021).
///
/// The window is measured on the database's clock, the one that stamped the feed's rows: the feed is
/// coordination between processes, like job leases, not programme time (docs/architecture.md, Time).
public enum ChangeFeedPrune {
    public static let kind = "matches.prune_change_feed"
    /// A week: long enough that an API process rebuilds only after a week without a ranking, short
    /// enough that the feed after a bulk import of the whole directory shrinks back within days.
    public static let window: Duration = .seconds(7 * 86_400)
    static let batch = 10_000

    /// Every night at 03:45 in Japan, after the job queue's own prune.
    public static let nightly = PeriodicJob(name: kind, schedule: .dailyInJapan(hour: 3, minute: 45)) { _ in
        NewJob(kind: kind, maxAttempts: 3)
    }

    public static func register(into handlers: inout JobHandlers) {
        handlers.register(kind) { context in
            // Batches, each its own statement, so locks stay short.
            while try await context.pool.withConnection({ db in
                try await ChangeFeedStore().prune(olderThan: window, batch: batch, on: db)
            }) > 0 {}
        }
    }
}
