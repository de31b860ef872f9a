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
    private var building: (task: Task<(UInt64, MatchIndexState), any Error>, generation: Int)?
    /// Builds started, and the last one installed (`install`).
    private var generation = 0
    private var installed = 0
    /// Calls waiting for a build that another call started (for tests of the ordering: MatchIndexTests).
    private(set) var joinedBuilds = 0
    /// Called after each chunk of a build is read: a test holds a build there to order events around it.
    private let afterChunk: (@Sendable () async -> Void)?
    /// Every change written by a transaction older than this has been applied.
    private var horizon: UInt64 = 0
    /// Changes at or past the horizon that have been applied (seq → xid), so they are not applied twice.
    private var applied: [Int64: UInt64] = [:]
    /// Versions of companies removed from the index, so an older read cannot bring one back.
    private var removed: [UUID: Int64] = [:]

    /// Threads that derive a build's features: one per core (at most four).
    static let buildWorkers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    public init(pool: PostgresPool) {
        self.init(pool: pool, afterChunk: nil)
    }

    init(pool: PostgresPool, afterChunk: (@Sendable () async -> Void)?) {
        self.pool = pool
        self.afterChunk = afterChunk
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
        // A build that returned has installed a state, so this cannot fail; if it ever did, it is a bug
        // (a 500 logged with the request id), not a crash of the process.
        guard let state else { throw IndexNotBuilt() }
        return state
    }

    /// Builds the index from scratch (also after too many changes to apply one by one). A build already
    /// under way is joined rather than started twice; its snapshot may be older than this call, so the
    /// answer says which: `true` when this call started the build, whose snapshot is then newer than the call.
    @discardableResult
    public func build() async throws -> Bool {
        if let building {
            joinedBuilds += 1
            defer { joinedBuilds -= 1 }
            install(try await building.task.value, generation: building.generation)
            return false
        }
        let task = Task { [pool, sources, afterChunk] in
            try await pool.withConnection { db in
                let startHorizon = try await sources.snapshotHorizon(on: db)
                var fresh = MatchIndexState(vocabulary: ConceptVocabulary(try await sources.taxonomy(on: db)))
                fresh.expect(companies: try await sources.companyCount(on: db))
                // Features are derived off the cooperative pool, one share of each chunk per core, while the next
                // chunk is read and the previous one put in place; each worker numbers terms its own way, and its
                // companies are put in the index in id order, renumbered (docs/matching.md, Freshness and speed).
                let workers = (0..<Self.buildWorkers).map { _ in fresh.buildWorker() }
                var maps = Array(repeating: [Int32](), count: workers.count)
                var deriving: Task<[BuildShare], any Error>?
                var after: UUID?
                while true {
                    let ids = try await sources.companyIDs(after: after, limit: MatchSourceStore.chunkSize, on: db)
                    // The rows are decoded by the workers, and freed once derived.
                    let chunk = try await sources.profileRows(ids, on: db)
                    if !ids.isEmpty { await afterChunk?() }
                    let shares = try await deriving?.value
                    deriving = nil
                    if let last = ids.last {
                        deriving = Task {
                            try await FeatureDeriver.derive(chunk, with: workers) { row in
                                let read = try MatchSourceStore.profile(of: row)
                                return (read.version, read.profile)
                            }
                        }
                        after = last
                    }
                    for (worker, share) in (shares ?? []).enumerated() {
                        // Putting companies in place is quick; yielding between shares keeps each stretch on a
                        // cooperative thread short (ARCHITECTURE.md, Concurrency).
                        fresh.insert(share, map: &maps[worker])
                        await Task.yield()
                    }
                    if ids.isEmpty { break }
                }
                fresh.trim()
                return (startHorizon, fresh)
            }
        }
        generation += 1
        let started = (task: task, generation: generation)
        building = started
        defer { building = nil }
        install(try await task.value, generation: started.generation)
        return true
    }

    /// Puts a finished build in place, once: whichever of its waiters resumes first installs it, so none of
    /// them returns before the state is there.
    private func install(_ built: (UInt64, MatchIndexState), generation: Int) {
        guard generation > installed else { return }
        installed = generation
        state = built.1
        horizon = built.0
        applied = [:]
        removed = [:]
    }

    /// Applies every change committed before this call. A rebuild it needs may join one already under way,
    /// whose snapshot predates the call: then it looks again from that build's horizon (issue 17), so a
    /// change committed after that snapshot but before this call is never left out.
    func refresh() async throws {
        while true {
            if try await refreshOnce() { return }
        }
    }

    /// One look at the change feed; false when it joined a build older than the call and must look again.
    private func refreshOnce() async throws -> Bool {
        let sources = sources
        let since = horizon
        let (newHorizon, changes, pruned) = try await pool.withConnection { try await sources.changes(since: since, on: $0) }
        // Too many changes to apply one by one, or some this index may need were pruned (ChangeFeedPrune).
        if changes.count > MatchSourceStore.maximumChangesApplied || pruned {
            return try await build()
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
        return true
    }
}

/// The index had no state after a build returned: a bug, never an input error.
struct IndexNotBuilt: Error {}
