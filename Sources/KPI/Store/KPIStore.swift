import DomainKit
public import FoundationEssentials
public import Postgres

/// SQL of the KPI module. The counting rules live in the view `kpi_records` and the function
/// `kpi_recount` (migration 0019), so the stored counts and the record lists come from one query.
struct ClosedFigures: Sendable {
    var closed: Set<Int> = []
    var reported: [String: [Int: Int]] = [:]
    var restated: [String: [Int: (Int, String)]] = [:]
}

public struct KPIStore: Sendable {
    public init() {}

    struct Definition: Sendable {
        let code: String, number: Int, nameJa: String, nameEn: String, unit: String
    }

    func targets(_ years: ClosedRange<Int>, on db: PostgresConnection) async throws -> [KPITarget] {
        try await db.query("""
            SELECT code, fiscal_year, target, version FROM kpi_targets
            WHERE fiscal_year BETWEEN \(years.lowerBound) AND \(years.upperBound) ORDER BY code, fiscal_year
            """).map { row in
            KPITarget(code: try row.decode("code"), fiscalYear: try row.decode("fiscal_year"), target: try row.decode("target"),
                      version: try row.decode("version"))
        }
    }

    func settings(on db: PostgresConnection, forUpdate: Bool = false) async throws -> KPISettings {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let row = try await db.query("""
            SELECT four_stars::float8 AS f, three_stars::float8 AS t, two_stars::float8 AS w, liaison_matches_rule, students_rule, version
            FROM kpi_settings \(lock)
            """)[0]
        return try Self.settings(
            fourStars: try row.decode("f"), threeStars: try row.decode("t"), twoStars: try row.decode("w"),
            matches: try row.decode("liaison_matches_rule"), students: try row.decode("students_rule"), version: try row.decode("version"))
    }

    static func settings(
        fourStars: Double, threeStars: Double, twoStars: Double, matches: String, students: String, version: Int
    ) throws -> KPISettings {
        guard let matchesRule = LiaisonMatchesRule(rawValue: matches), let studentsRule = StudentsRule(rawValue: students) else {
            throw PostgresError(.protocolViolation, "kpi_settings holds a rule this build does not know")
        }
        return KPISettings(fourStars: fourStars, threeStars: threeStars, twoStars: twoStars, liaisonMatchesRule: matchesRule,
                           studentsRule: studentsRule, version: version)
    }

    /// Writes the settings; their trigger enqueues a recount of every year (migration 0022).
    func updateSettings(_ settings: KPISettings.Choices, on db: PostgresConnection) async throws {
        try await db.execute("""
            UPDATE kpi_settings SET four_stars = \(settings.fourStars), three_stars = \(settings.threeStars), two_stars = \(settings.twoStars),
                liaison_matches_rule = \(settings.liaisonMatchesRule.rawValue), students_rule = \(settings.studentsRule.rawValue),
                version = version + 1, updated_at = now()
            """)
    }

    /// The records behind one KPI's number, in the order they happened (the day, then the record id),
    /// after `after`.
    func records(
        _ code: KPICode, fiscalYear: Int, after: (day: CalendarDate, recordID: String)?, limit: Int, on db: PostgresConnection
    ) async throws -> [KPIRecord] {
        try await db.query("""
            SELECT record_id, record_kind, label, label_en, occurred_on, recorded_at FROM kpi_records
            WHERE code = \(code.rawValue) AND fiscal_year = \(fiscalYear)
              AND (\(after?.day)::date IS NULL
                   OR (coalesce(occurred_on, \(KPIRecord.undated)), record_id) > (\(after?.day)::date, \(after?.recordID)::text))
            ORDER BY coalesce(occurred_on, \(KPIRecord.undated)), record_id LIMIT \(limit)
            """).map { row in
            KPIRecord(recordId: try row.decode("record_id"), recordKind: try row.decode("record_kind"),
                      label: try row.decode("label"), labelEn: try row.decode("label_en"), occurredOn: try row.decode("occurred_on"), recordedAt: try row.decode("recorded_at"))
        }
    }

    func target(_ code: KPICode, fiscalYear: Int, on db: PostgresConnection) async throws -> KPITarget? {
        try await db.query("""
            SELECT code, fiscal_year, target, version FROM kpi_targets
            WHERE code = \(code.rawValue) AND fiscal_year = \(fiscalYear) FOR UPDATE
            """).first.map { row in
            KPITarget(code: try row.decode("code"), fiscalYear: try row.decode("fiscal_year"), target: try row.decode("target"),
                      version: try row.decode("version"))
        }
    }

    /// False when the year's target exists already (inserted by a transaction that committed meanwhile).
    func insertTarget(_ code: KPICode, fiscalYear: Int, target: Int, on db: PostgresConnection) async throws -> Bool {
        let inserted = try await db.query("""
            INSERT INTO kpi_targets (code, fiscal_year, target) VALUES (\(code.rawValue), \(fiscalYear), \(target))
            ON CONFLICT (code, fiscal_year) DO NOTHING RETURNING code
            """)
        return !inserted.isEmpty
    }

    func updateTarget(_ code: KPICode, fiscalYear: Int, target: Int, on db: PostgresConnection) async throws {
        try await db.execute("""
            UPDATE kpi_targets SET target = \(target), version = version + 1, updated_at = now()
            WHERE code = \(code.rawValue) AND fiscal_year = \(fiscalYear)
            """)
    }

    /// Frozen figures of closed fiscal years and their latest restatements, by code and FY.
    func closedFigures(_ years: ClosedRange<Int>, on db: PostgresConnection) async throws -> ClosedFigures {
        var figures = ClosedFigures()
        for row in try await db.query("SELECT fiscal_year FROM kpi_closes WHERE fiscal_year BETWEEN \(years.lowerBound) AND \(years.upperBound)") {
            figures.closed.insert(try row.decode("fiscal_year"))
        }
        for row in try await db.query("""
            SELECT code, fiscal_year, count FROM kpi_reported WHERE fiscal_year BETWEEN \(years.lowerBound) AND \(years.upperBound)
            """) {
            figures.reported[try row.decode("code"), default: [:]][try row.decode("fiscal_year")] = try row.decode("count")
        }
        for row in try await db.query("""
            SELECT DISTINCT ON (code, fiscal_year) code, fiscal_year, count, reason FROM kpi_restatements
            WHERE fiscal_year BETWEEN \(years.lowerBound) AND \(years.upperBound) ORDER BY code, fiscal_year, id DESC
            """) {
            figures.restated[try row.decode("code"), default: [:]][try row.decode("fiscal_year")] = (try row.decode("count"), try row.decode("reason"))
        }
        return figures
    }

    /// Closes a fiscal year: freezes the stored counts as the reported figures. False if already closed.
    func close(fiscalYear: Int, by user: UUID, on db: PostgresConnection) async throws -> Bool {
        let inserted = try await db.query("""
            INSERT INTO kpi_closes (fiscal_year, closed_by) VALUES (\(fiscalYear), \(user)) ON CONFLICT DO NOTHING RETURNING fiscal_year
            """)
        guard !inserted.isEmpty else { return false }
        try await db.execute("""
            INSERT INTO kpi_reported (code, fiscal_year, count)
            SELECT d.code, \(fiscalYear), coalesce(c.count, 0) FROM kpi_definitions d
            LEFT JOIN kpi_counts c ON c.code = d.code AND c.fiscal_year = \(fiscalYear)
            """)
        return true
    }

    func isClosed(_ fiscalYear: Int, on db: PostgresConnection) async throws -> Bool {
        try await !db.query("SELECT 1 FROM kpi_closes WHERE fiscal_year = \(fiscalYear) FOR SHARE").isEmpty
    }

    func restate(_ code: KPICode, fiscalYear: Int, count: Int, reason: String, by user: UUID, on db: PostgresConnection) async throws {
        try await db.execute("""
            INSERT INTO kpi_restatements (code, fiscal_year, count, reason, restated_by)
            VALUES (\(code.rawValue), \(fiscalYear), \(count), \(reason), \(user))
            """)
    }

    /// Recounts one fiscal year from the source records (stored counts and a snapshot).
    public func recount(fiscalYear: Int, on db: PostgresConnection) async throws {
        try await db.execute("SELECT kpi_recount(\(fiscalYear)::int)")
    }

    /// Records that a recount of `fiscalYear` starts now, committed at once in a statement of its own
    /// (outside the recount's transaction): the writes from now on pace their recount two seconds after
    /// this start (migration 0073, `kpi_enqueue_recount`), even while this recount still runs. Returns the
    /// start's ticket, for `recount(fiscalYear:unlessSupersededAfter:on:)`.
    public func recordRecountStart(fiscalYear: Int, in pool: PostgresPool) async throws -> Int64 {
        try await pool.query("""
            INSERT INTO kpi_recount_starts (fiscal_year, started_at) VALUES (\(fiscalYear), now())
            ON CONFLICT (fiscal_year) DO UPDATE SET started_at = excluded.started_at, ticket = kpi_recount_starts.ticket + 1
            RETURNING ticket
            """)[0].decode("ticket")
    }

    /// Recounts `fiscalYear` once it holds the year's lock, unless a recount that started after `ticket`
    /// waits behind it (that one counts later, from a later snapshot); true when it counted.
    public func recount(fiscalYear: Int, unlessSupersededAfter ticket: Int64, on db: PostgresConnection) async throws -> Bool {
        try await db.query("SELECT kpi_recount_unless_superseded(\(fiscalYear)::int, \(ticket)) AS counted")[0].decode("counted")
    }

    /// Every fiscal year that has source records or stored counts, and the current one.
    public func knownFiscalYears(now: Date, on db: PostgresConnection) async throws -> [Int] {
        let current = FiscalYear(containing: now).startYear
        let rows = try await db.query("""
            SELECT DISTINCT fiscal_year FROM (
                SELECT fiscal_year FROM kpi_records UNION SELECT fiscal_year FROM kpi_counts) y
            WHERE fiscal_year BETWEEN 2000 AND 2100
            """)
        return Array(Set(try rows.map { try $0.decode("fiscal_year", as: Int.self) } + [current])).sorted()
    }
}
