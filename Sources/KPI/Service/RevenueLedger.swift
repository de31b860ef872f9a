public import DomainKit
public import FoundationEssentials
public import Postgres

public enum RevenueKind: String, Sendable, Codable, CaseIterable {
    case yusaMembershipFee = "yusa_membership_fee", successFee = "success_fee", consultingFee = "consulting_fee"
    case sponsorship, exhibitorFee = "exhibitor_fee"
}

public struct RevenueEntry: Sendable, Codable, Equatable {
    public let id: UUID
    public let fiscalYear: Int
    public let kind: String
    public let amountYen: Int64
    public let counterparty: String
    public let receivedOn: String
}

public struct RevenueEntryDraft: Sendable, Codable {
    public var kind: String?
    public var amountYen: Int64?
    public var counterparty: String?
    /// A Japan date, YYYY-MM-DD; the fiscal year is the one containing it.
    public var receivedOn: String?
}

public struct RevenueSummary: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let fiscalYearJa: String
    public let totalYen: Int64
    public let byKind: [String: Int64]
}

/// The revenue ledger (docs/kpi.md): admins record and delete entries; admins, coordinators and viewers read.
public struct RevenueLedger: Sendable {
    let pool: PostgresPool
    let clock: ProgrammeClock

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
    }

    public func record(_ draft: RevenueEntryDraft, by principal: Principal) async throws -> RevenueEntry {
        var errors: [FieldError] = []
        if draft.kind.flatMap(RevenueKind.init(rawValue:)) == nil {
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
        guard errors.isEmpty, let kind = draft.kind, let amount = draft.amountYen, let day, let text = draft.receivedOn else {
            throw Problem.invalid(errors)
        }
        let fy = FiscalYear(containing: day).startYear
        return try await pool.audited(by: principal) { db in
            let row = try await db.query("""
                INSERT INTO revenue_entries (fiscal_year, kind, amount_yen, counterparty, received_on)
                VALUES (\(fy), \(kind), \(amount), \(counterparty), \(text)::date) RETURNING id
                """)[0]
            return RevenueEntry(id: try row.decode("id"), fiscalYear: fy, kind: kind, amountYen: amount, counterparty: counterparty, receivedOn: text)
        }
    }

    public func entries(fiscalYear fy: Int) async throws -> [RevenueEntry] {
        try await pool.query("""
            SELECT id, fiscal_year, kind, amount_yen, counterparty, received_on::text AS received_on FROM revenue_entries
            WHERE fiscal_year = \(fy) ORDER BY received_on, id LIMIT 10000
            """).map { row in
            RevenueEntry(id: try row.decode("id"), fiscalYear: try row.decode("fiscal_year"), kind: try row.decode("kind"),
                         amountYen: try row.decode("amount_yen"), counterparty: try row.decode("counterparty"), receivedOn: try row.decode("received_on"))
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

    public func delete(_ id: UUID, by principal: Principal) async throws {
        let deleted = try await pool.audited(by: principal) { db in
            try await db.execute("DELETE FROM revenue_entries WHERE id = \(id)")
        }
        guard deleted == 1 else { throw Problem.notFound("No revenue entry with that id.") }
    }
}
