import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of the revenue ledger (table `revenue_entries`, migrations 0019 and 0023). Rows are only ever
/// inserted: the table refuses updates and deletes.
struct RevenueStore: Sendable {
    static let columns: SQLFragment = """
        e.id, e.fiscal_year, e.kind, e.amount_yen, e.counterparty, e.received_on, e.reverses_id, e.reason, e.created_at,
        (SELECT r.id FROM revenue_entries r WHERE r.reverses_id = e.id) AS reversed_by_id
        """

    func insert(_ entry: NewRevenueEntry, at instant: Date, on db: PostgresConnection) async throws -> UUID {
        try await db.query("""
            INSERT INTO revenue_entries (fiscal_year, kind, amount_yen, counterparty, received_on, created_at)
            VALUES (\(FiscalYear(containing: entry.receivedOn).startYear), \(entry.kind.rawValue), \(entry.amountYen),
                    \(entry.counterparty), \(entry.receivedOn), \(instant))
            RETURNING id
            """)[0].decode("id")
    }

    /// The counter-entry of `original`: the opposite amount on the same day and fiscal year.
    func insertReversal(of original: RevenueEntry, reason: String, at instant: Date, on db: PostgresConnection) async throws -> UUID {
        try await db.query("""
            INSERT INTO revenue_entries (fiscal_year, kind, amount_yen, counterparty, received_on, reverses_id, reason, created_at)
            VALUES (\(original.fiscalYear), \(original.kind.rawValue), \(-original.amountYen), \(original.counterparty),
                    \(original.receivedOn), \(original.id), \(reason), \(instant))
            RETURNING id
            """)[0].decode("id")
    }

    /// One entry; FOR SHARE keeps two reversals from both reading it as unreversed (the unique
    /// `reverses_id` decides the race that remains).
    func entry(_ id: UUID, forShare: Bool = false, on db: PostgresConnection) async throws -> RevenueEntry? {
        let lock: SQLFragment = forShare ? "FOR SHARE OF e" : ""
        return try await db.query("""
            SELECT \(Self.columns) FROM revenue_entries e WHERE e.id = \(id) \(lock)
            """).first.map(Self.entry)
    }

    /// A page of the year's entries in the order they were recorded (counter-entries after what they reverse).
    func entries(fiscalYear fy: Int, page: PageRequest, on db: PostgresConnection) async throws -> Page<RevenueEntry> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM revenue_entries e
            WHERE e.fiscal_year = \(fy)
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (e.created_at, e.id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY e.created_at, e.id LIMIT \(page.fetchLimit)
            """).map(Self.entry)
        return Page(fetched: rows, request: page) { PageCursor(createdAt: $0.recordedAt, id: $0.id) }
    }

    /// The year's net total per kind that has entries.
    func totalsByKind(fiscalYear fy: Int, on db: PostgresConnection) async throws -> [RevenueKind: Int64] {
        var totals: [RevenueKind: Int64] = [:]
        for row in try await db.query("""
            SELECT kind, sum(amount_yen)::bigint AS total FROM revenue_entries WHERE fiscal_year = \(fy) GROUP BY kind
            """) {
            totals[try Self.kind(row)] = try row.decode("total")
        }
        return totals
    }

    @Sendable static func entry(_ row: PostgresRow) throws -> RevenueEntry {
        RevenueEntry(
            id: try row.decode("id"), fiscalYear: try row.decode("fiscal_year"), kind: try kind(row), amountYen: try row.decode("amount_yen"),
            counterparty: try row.decode("counterparty"), receivedOn: try row.decode("received_on"), reversesId: try row.decode("reverses_id"),
            reversedById: try row.decode("reversed_by_id"), reason: try row.decode("reason"), recordedAt: try row.decode("created_at"))
    }

    private static func kind(_ row: PostgresRow) throws -> RevenueKind {
        let kind: String = try row.decode("kind")
        guard let known = RevenueKind(rawValue: kind) else { throw PostgresError(.protocolViolation, "unknown revenue kind \(kind)") }
        return known
    }
}
