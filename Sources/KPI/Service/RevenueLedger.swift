public import DomainKit
public import FoundationEssentials
public import Postgres

/// The revenue ledger (docs/kpi.md): admins record entries and reverse them with counter-entries
/// (never an update or a delete: the table refuses both); admins, coordinators and viewers read.
public struct RevenueLedger: Sendable {
    let pool: PostgresPool
    let clock: ProgrammeClock

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
    }

    static let columns = """
        e.id, e.fiscal_year, e.kind, e.amount_yen, e.counterparty, e.received_on, e.reverses_id, e.reason, e.created_at,
        (SELECT r.id FROM revenue_entries r WHERE r.reverses_id = e.id) AS reversed_by_id
        """

    public func record(_ draft: RevenueEntryDraft, by principal: Principal) async throws -> RevenueEntry {
        var errors: [FieldError] = []
        let kind = draft.kind.flatMap(RevenueKind.init(rawValue:))
        if kind == nil {
            errors.append(FieldError(field: "kind", message: "must be one of \(RevenueKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if draft.amountYen.map({ (1...1_000_000_000_000).contains($0) }) != true {
            errors.append(FieldError(field: "amountYen", message: "must be a whole number of yen from 1 to 1000000000000"))
        }
        let counterparty = draft.counterparty ?? ""
        if counterparty.allSatisfy(\.isWhitespace) || counterparty.count > 300 {
            errors.append(FieldError(field: "counterparty", message: "is required, at most 300 characters"))
        }
        let day = draft.receivedOn.flatMap(CalendarDate.init(_:)).flatMap { kpiFiscalYears.contains(FiscalYear(containing: $0).startYear) ? $0 : nil }
        if day == nil {
            errors.append(FieldError(field: "receivedOn", message: "must be a date YYYY-MM-DD in fiscal years 2000–2100"))
        } else if let day, day > clock.today() {
            errors.append(FieldError(field: "receivedOn", message: "must not be in the future (today in Japan is \(clock.today()))"))
        }
        guard errors.isEmpty, let kind, let amount = draft.amountYen, let day else { throw KPIError.invalid(errors) }
        return try await pool.audited(by: principal) { db in
            let id: UUID = try await db.query("""
                INSERT INTO revenue_entries (fiscal_year, kind, amount_yen, counterparty, received_on, created_at)
                VALUES (\(FiscalYear(containing: day).startYear), \(kind.rawValue), \(amount), \(counterparty), \(day), \(clock.now()))
                RETURNING id
                """)[0].decode("id")
            return try await entry(id, on: db)
        }
    }

    /// Reverses an entry with a counter-entry of the opposite amount on the same day and fiscal year, so
    /// the year's total nets out and both stay in the ledger. An entry is reversed once (409 again); a
    /// counter-entry cannot itself be reversed (409).
    public func reverse(_ id: UUID, _ draft: RevenueReversalDraft, by principal: Principal) async throws -> RevenueEntry {
        let reason = draft.reason ?? ""
        if reason.allSatisfy(\.isWhitespace) || reason.count > 2000 {
            throw KPIError.invalid([FieldError(field: "reason", message: "is required, at most 2000 characters")])
        }
        do {
            return try await pool.audited(by: principal) { db in
                let original = try await entry(id, on: db, forShare: true)
                guard original.reversesId == nil else { throw KPIError.conflict("This is a counter-entry; it cannot be reversed.") }
                guard original.reversedById == nil else { throw KPIError.conflict("This entry was already reversed.") }
                let reversal: UUID = try await db.query("""
                    INSERT INTO revenue_entries (fiscal_year, kind, amount_yen, counterparty, received_on, reverses_id, reason, created_at)
                    VALUES (\(original.fiscalYear), \(original.kind.rawValue), \(-original.amountYen), \(original.counterparty),
                            \(original.receivedOn), \(id), \(reason), \(clock.now()))
                    RETURNING id
                    """)[0].decode("id")
                return try await entry(reversal, on: db)
            }
        } catch let error as PostgresError where error.violation == .unique(constraint: "revenue_entries_reverses_id_key") {
            throw KPIError.conflict("This entry was already reversed.")
        }
    }

    public func entries(fiscalYear fy: Int) async throws -> [RevenueEntry] {
        try await pool.withConnection { db in
            try await db.query("""
                SELECT \(unescaped: Self.columns) FROM revenue_entries e WHERE e.fiscal_year = \(fy) ORDER BY e.received_on, e.created_at, e.id
                """).map(Self.entry)
        }
    }

    public func summary(fiscalYear fy: Int) async throws -> RevenueSummary {
        var byKind: [String: Int64] = Dictionary(uniqueKeysWithValues: RevenueKind.allCases.map { ($0.rawValue, 0) })
        for row in try await pool.query("""
            SELECT kind, sum(amount_yen)::bigint AS total FROM revenue_entries WHERE fiscal_year = \(fy) GROUP BY kind
            """) {
            byKind[try row.decode("kind")] = try row.decode("total")
        }
        return RevenueSummary(fiscalYear: fy, fiscalYearJa: FiscalYear(fy).japaneseName, totalYen: byKind.values.reduce(0, +), byKind: byKind)
    }

    func entry(_ id: UUID, on db: PostgresConnection, forShare: Bool = false) async throws -> RevenueEntry {
        // FOR SHARE on the original keeps two reversals from both reading it as unreversed; the unique
        // reverses_id decides the race that remains.
        let rows = try await db.query("""
            SELECT \(unescaped: Self.columns) FROM revenue_entries e WHERE e.id = \(id) \(unescaped: forShare ? "FOR SHARE OF e" : "")
            """)
        guard let row = rows.first else { throw KPIError.notFound("No revenue entry with that id.") }
        return try Self.entry(row)
    }

    @Sendable static func entry(_ row: PostgresRow) throws -> RevenueEntry {
        let kind: String = try row.decode("kind")
        guard let known = RevenueKind(rawValue: kind) else { throw PostgresError(.protocolViolation, "unknown revenue kind \(kind)") }
        return RevenueEntry(
            id: try row.decode("id"), fiscalYear: try row.decode("fiscal_year"), kind: known, amountYen: try row.decode("amount_yen"),
            counterparty: try row.decode("counterparty"), receivedOn: try row.decode("received_on"), reversesId: try row.decode("reverses_id"),
            reversedById: try row.decode("reversed_by_id"), reason: try row.decode("reason"), recordedAt: try row.decode("created_at"))
    }
}
