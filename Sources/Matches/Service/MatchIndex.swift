import FoundationEssentials
public import Postgres

/// The matching index of this process: built from the database on first use, then kept current from
/// the change feed of migration 0010 before every ranking. Each process has its own; none needs a
/// restart or a message from another, because every committed company edit is in the feed.
///
/// An actor, so builds and refreshes are serialised per process; ranking runs on a copy of the state
/// outside it (copy-on-write: the copy costs nothing until the next refresh writes).
public actor MatchIndex {
    let pool: PostgresPool
    private let sources = MatchSourceStore()
    private var state: MatchIndexState?
    private var building: Task<(UInt64, MatchIndexState), any Error>?
    /// Every change written by a transaction older than this has been applied.
    private var horizon: UInt64 = 0
    /// Changes at or past the horizon that have been applied (seq → xid), so they are not applied twice.
    private var applied: [Int64: UInt64] = [:]
    /// Versions of companies removed from the index, so an older read cannot bring one back.
    private var removed: [UUID: Int64] = [:]

    static let companiesBetweenYields = 50

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Figures for the benchmark and the logs.
    public struct Statistics: Sendable {
        public var companies: Int
        public var horizon: UInt64
    }

    public func statistics() -> Statistics {
        Statistics(companies: state?.companyCount ?? 0, horizon: horizon)
    }

    /// The index with every change committed before this call applied.
    func current() async throws -> MatchIndexState {
        if state == nil { try await build() }
        try await refresh()
        return state!
    }

    /// Builds the index from scratch (also after too many changes to apply one by one).
    public func build() async throws {
        if let building {
            _ = try await building.value
            return
        }
        let task = Task { [pool, sources] in
            try await pool.withConnection { db in
                let startHorizon = try await sources.snapshotHorizon(on: db)
                var fresh = MatchIndexState(vocabulary: ConceptVocabulary(try await sources.taxonomy(on: db)))
                var after: UUID?
                while true {
                    let ids = try await sources.companyIDs(after: after, limit: MatchSourceStore.chunkSize, on: db)
                    guard let last = ids.last else { break }
                    // Deriving features costs about 0.1–0.2 ms per company; yielding every 50 companies
                    // keeps each stretch on a cooperative thread to a few milliseconds, so a build of a
                    // national directory does not starve request handling (ARCHITECTURE.md, Concurrency).
                    for (position, (id, version, profile)) in try await sources.profiles(ids, on: db).enumerated() {
                        fresh.apply(id, profile: profile, version: version)
                        if position % Self.companiesBetweenYields == Self.companiesBetweenYields - 1 { await Task.yield() }
                    }
                    after = last
                }
                return (startHorizon, fresh)
            }
        }
        building = task
        defer { building = nil }
        let (startHorizon, fresh) = try await task.value
        state = fresh
        horizon = startHorizon
        applied = [:]
        removed = [:]
    }

    /// Applies the changes committed since the last look.
    func refresh() async throws {
        let sources = sources
        let since = horizon
        let (newHorizon, changes, pruned) = try await pool.withConnection { try await sources.changes(since: since, on: $0) }
        // Too many changes to apply one by one, or some this index may need were pruned (ChangeFeedPrune).
        if changes.count > MatchSourceStore.maximumChangesApplied || pruned {
            try await build()
            return
        }
        let fresh = changes.filter { applied[$0.seq] == nil }
        if !fresh.isEmpty {
            let companies = Array(Set(fresh.map(\.company))).sorted { $0.uuidString < $1.uuidString }
            let profiles = try await pool.withConnection { try await sources.profiles(companies, on: $0) }
            for (id, version, profile) in profiles {
                if profile == nil {
                    removed[id] = max(removed[id] ?? 0, version)
                } else if let gone = removed[id], gone >= version {
                    continue
                }
                state?.apply(id, profile: profile, version: version)
            }
        }
        for change in fresh { applied[change.seq] = change.xid }
        horizon = max(horizon, newHorizon)
        applied = applied.filter { $0.value >= horizon }
    }
}
