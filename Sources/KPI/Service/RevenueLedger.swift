public import DomainKit
public import FoundationEssentials
public import Postgres

/// The revenue ledger (docs/kpi.md): admins record entries and reverse them with counter-entries
/// (never an update or a delete: the table refuses both); admins, coordinators and viewers read.
public struct RevenueLedger: Sendable {
    let pool: PostgresPool
    let clock: ProgrammeClock
    let store = RevenueStore()

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
    }

    public func record(_ draft: RevenueEntryDraft, by principal: Principal) async throws -> RevenueEntry {
        let new = try draft.validated(today: clock.today())
        return try await pool.audited(by: principal) { db in
            try await entry(try await store.insert(new, at: clock.now(), on: db), on: db)
        }
    }

    /// Reverses an entry with a counter-entry of the opposite amount on the same day and fiscal year, so
    /// the year's total nets out and both stay in the ledger. An entry is reversed once (409 again); a
    /// counter-entry cannot itself be reversed (409).
    public func reverse(_ id: UUID, _ draft: RevenueReversalDraft, by principal: Principal) async throws -> RevenueEntry {
        let reason = try draft.validatedReason()
        do {
            return try await pool.audited(by: principal) { db in
                let original = try await entry(id, forShare: true, on: db)
                guard original.reversesId == nil else { throw KPIError.conflict("This is a counter-entry; it cannot be reversed.") }
                guard original.reversedById == nil else { throw KPIError.conflict("This entry was already reversed.") }
                return try await entry(try await store.insertReversal(of: original, reason: reason, at: clock.now(), on: db), on: db)
            }
        } catch let error as PostgresError where error.violation == .unique(constraint: "revenue_entries_reverses_id_key") {
            throw KPIError.conflict("This entry was already reversed.")
        }
    }

    /// The year's entries, a page at a time (docs/api.md, "Lists").
    public func entries(fiscalYear fy: Int, page: PageRequest) async throws -> Page<RevenueEntry> {
        try await pool.withConnection { db in try await store.entries(fiscalYear: fy, page: page, on: db) }
    }

    /// The year's net total, and per kind (every kind listed, 0 when it has no entries).
    public func summary(fiscalYear fy: Int) async throws -> RevenueSummary {
        let totals = try await pool.withConnection { db in try await store.totalsByKind(fiscalYear: fy, on: db) }
        let byKind = Dictionary(uniqueKeysWithValues: RevenueKind.allCases.map { ($0.rawValue, totals[$0, default: 0]) })
        return RevenueSummary(fiscalYear: fy, fiscalYearJa: FiscalYear(fy).japaneseName, totalYen: byKind.values.reduce(0, +), byKind: byKind)
    }

    /// One entry (the console's reversal page shows it before anything is written); 404 when none.
    public func entry(_ id: UUID) async throws -> RevenueEntry {
        try await pool.withConnection { db in try await entry(id, on: db) }
    }

    private func entry(_ id: UUID, forShare: Bool = false, on db: PostgresConnection) async throws -> RevenueEntry {
        guard let entry = try await store.entry(id, forShare: forShare, on: db) else { throw KPIError.notFound("No revenue entry with that id.") }
        return entry
    }
}
