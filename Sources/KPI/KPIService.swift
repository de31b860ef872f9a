public import DomainKit
public import FoundationEssentials
public import Postgres

/// The four KPIs: stored counts (kept by recount jobs), the records behind them, targets, ratings and
/// the September report. Reading is for the council (viewer), admins, coordinators and organizers;
/// targets are set by admins.
public struct KPIService: Sendable {
    static let readers: Set<Role> = [.admin, .coordinator, .organizer, .viewer]
    public static let codes = ["commercializations", "liaison_matches", "convention_participants", "yokohama_students"]

    let pool: PostgresPool
    let now: @Sendable () -> Date

    public init(pool: PostgresPool, now: @escaping @Sendable () -> Date = { Date() }) {
        self.pool = pool
        self.now = now
    }

    public func currentFiscalYear() -> Int { FiscalYear(containing: now()).startYear }

    // MARK: Reading

    public func overview(fiscalYear: Int?, by principal: Principal) async throws -> KPIOverview {
        try requireReader(principal)
        let year = try checkedYear(fiscalYear)
        return try await pool.withConnection { try await overview(fiscalYear: year, on: $0) }
    }

    /// The figures as stored on `db` (inside a recount's transaction, its new counts).
    func overview(fiscalYear year: Int, on db: PostgresConnection) async throws -> KPIOverview {
        let rows = try await db.query("""
            SELECT d.code, d.number, d.name_ja, d.name_en, d.unit, coalesce(c.count, 0) AS count, c.recounted_at, t.target,
                (SELECT coalesce(sum(x.count), 0)::integer FROM kpi_counts x
                 WHERE x.code = d.code AND x.fiscal_year BETWEEN s.programme_start_year AND \(year)) AS cumulative,
                (SELECT sum(y.target)::integer FROM kpi_targets y
                 WHERE y.code = d.code AND y.fiscal_year BETWEEN s.programme_start_year AND \(year)) AS cumulative_target,
                s.above_plan::float8 AS above_plan, s.on_plan::float8 AS on_plan, s.below_plan::float8 AS below_plan
            FROM kpi_definitions d CROSS JOIN kpi_settings s
            LEFT JOIN kpi_counts c ON c.code = d.code AND c.fiscal_year = \(year)
            LEFT JOIN kpi_targets t ON t.code = d.code AND t.fiscal_year = \(year)
            ORDER BY d.number
            """)
        let figures = try rows.map { row -> KPIFigure in
            let thresholds = KPIThresholds(
                abovePlan: try row.decode("above_plan"), onPlan: try row.decode("on_plan"), belowPlan: try row.decode("below_plan"))
            let count: Int = try row.decode("count")
            let target: Int? = try row.decode("target")
            let plan = planToDate(target: target, fiscalYear: year)
            return KPIFigure(
                code: try row.decode("code"), number: try row.decode("number"), nameJa: try row.decode("name_ja"),
                nameEn: try row.decode("name_en"), unit: try row.decode("unit"), count: count, recountedAt: try row.decode("recounted_at"),
                target: target, planToDate: plan, cumulative: try row.decode("cumulative"), cumulativeTarget: try row.decode("cumulative_target"),
                rating: thresholds.rating(count: Double(count), target: target, planToDate: plan),
                forecast: forecast(count: count, target: target, fiscalYear: year, thresholds: thresholds))
        }
        return KPIOverview(fiscalYear: year, fiscalYearJa: FiscalYear(year).japaneseName, kpis: figures)
    }

    /// The records behind `code`'s number for the year, as the recount reads them now, by record id.
    public func records(code: String, fiscalYear: Int?, after cursor: String?, limit: Int, by principal: Principal) async throws -> KPIRecordPage {
        try requireReader(principal)
        guard Self.codes.contains(code) else { throw KPIError.unknownKPI(code) }
        let year = try checkedYear(fiscalYear)
        var after: String?
        if let cursor {
            guard let data = Data(base64URLEncoded: cursor), let text = String(data: data, encoding: .utf8), text.utf8.count <= 100 else {
                throw KPIError.invalid([FieldError(field: "cursor", message: "is not a cursor this list issued")])
            }
            after = text
        }
        let rows = try await pool.query("""
            SELECT record_id, label, occurred_at FROM kpi_records
            WHERE code = \(code) AND fiscal_year = \(year) AND (\(after)::text IS NULL OR record_id > \(after))
            ORDER BY record_id LIMIT \(limit + 1)
            """)
        let items = try rows.prefix(limit).map {
            KPIRecord(recordId: try $0.decode("record_id"), label: try $0.decode("label"), occurredAt: try $0.decode("occurred_at"))
        }
        let next = rows.count > limit ? items.last.map { Data($0.recordId.utf8).base64URLEncoded } : nil
        return KPIRecordPage(code: code, fiscalYear: year, items: items, nextCursor: next)
    }

    /// The plan's table: every fiscal year from the programme's start to `fiscalYear`, target and actual.
    public func report(fiscalYear: Int?, by principal: Principal) async throws -> KPIReport {
        let overview = try await overview(fiscalYear: fiscalYear, by: principal)
        let year = overview.fiscalYear
        let start: Int = try await pool.query("SELECT programme_start_year FROM kpi_settings")[0].decode("programme_start_year")
        let years = start <= year ? Array(start...year) : []
        let rows = try await pool.query("""
            SELECT d.code, y AS fiscal_year, t.target, coalesce(c.count, 0) AS count
            FROM kpi_definitions d CROSS JOIN generate_series(\(start)::integer, \(year)::integer) AS y
            LEFT JOIN kpi_targets t ON t.code = d.code AND t.fiscal_year = y
            LEFT JOIN kpi_counts c ON c.code = d.code AND c.fiscal_year = y
            ORDER BY d.number, y
            """)
        var targets: [String: [Int?]] = [:]
        var actuals: [String: [Int]] = [:]
        for row in rows {
            let code: String = try row.decode("code")
            targets[code, default: []].append(try row.decode("target"))
            actuals[code, default: []].append(try row.decode("count"))
        }
        let reportRows = overview.kpis.map { figure in
            KPIReport.Row(
                number: figure.number, nameJa: figure.nameJa, nameEn: figure.nameEn, unit: figure.unit,
                targets: targets[figure.code] ?? [], actuals: actuals[figure.code] ?? [],
                cumulativeTarget: figure.cumulativeTarget, cumulativeActual: figure.cumulative, rating: figure.rating)
        }
        return KPIReport(fiscalYear: year, fiscalYearJa: overview.fiscalYearJa, years: years, rows: reportRows)
    }

    // MARK: Targets

    /// Sets a year's target. A new year needs no `If-Match`; changing an existing target does (412 stale, 428 missing).
    public func setTarget(code: String, fiscalYear: Int, target: Int, ifVersion: Int?, by principal: Principal) async throws -> KPITarget {
        guard principal.role == .admin else { throw KPIError.forbidden("Only an administrator sets KPI targets.") }
        guard Self.codes.contains(code) else { throw KPIError.unknownKPI(code) }
        var validation = Validation()
        validation.check((2000...2100).contains(fiscalYear), "fiscalYear", "must be a year from 2000 to 2100")
        validation.check((0...1_000_000).contains(target), "target", "must be from 0 to 1000000")
        if !validation.errors.isEmpty { throw KPIError.invalid(validation.errors) }
        return try await pool.audited(by: principal) { db in
            let existing = try await db.query("SELECT version FROM kpi_targets WHERE code = \(code) AND fiscal_year = \(fiscalYear) FOR UPDATE")
            let rows: PostgresRows
            if let current = try existing.first?.decode("version", as: Int.self) {
                guard let ifVersion else {
                    throw Problem(status: 428, title: "Precondition Required", detail: "Send If-Match with the ETag you last read.")
                }
                guard ifVersion == current else { throw KPIError.staleVersion(current: current) }
                rows = try await db.query("""
                    UPDATE kpi_targets SET target = \(target), version = version + 1, updated_at = now()
                    WHERE code = \(code) AND fiscal_year = \(fiscalYear) RETURNING code, fiscal_year, target, version
                    """)
            } else {
                rows = try await db.query("""
                    INSERT INTO kpi_targets (code, fiscal_year, target) VALUES (\(code), \(fiscalYear), \(target))
                    RETURNING code, fiscal_year, target, version
                    """)
            }
            let row = rows[0]
            return KPITarget(code: try row.decode("code"), fiscalYear: try row.decode("fiscal_year"),
                             target: try row.decode("target"), version: try row.decode("version"))
        }
    }

    // MARK: Rules

    func planToDate(target: Int?, fiscalYear: Int) -> Double? {
        guard let target else { return nil }
        let year = FiscalYear(fiscalYear)
        let moment = now()
        if moment >= year.end { return Double(target) }
        if moment < year.start { return nil }
        return Double(target) * moment.timeIntervalSince(year.start) / year.end.timeIntervalSince(year.start)
    }

    /// From the second quarter on, the year-end count at the run rate so far.
    func forecast(count: Int, target: Int?, fiscalYear: Int, thresholds: KPIThresholds) -> KPIForecast? {
        let year = FiscalYear(fiscalYear)
        let moment = now()
        guard year.contains(moment) else { return nil }
        let elapsed = moment.timeIntervalSince(year.start) / year.end.timeIntervalSince(year.start)
        guard elapsed >= 0.25 else { return nil }
        let projected = Double(count) / elapsed
        return KPIForecast(count: (projected * 10).rounded() / 10,
                           rating: thresholds.rating(count: projected, target: target, planToDate: target.map(Double.init)))
    }

    func checkedYear(_ year: Int?) throws(KPIError) -> Int {
        guard let year else { return currentFiscalYear() }
        guard (2000...2100).contains(year) else { throw KPIError.invalid([FieldError(field: "fy", message: "must be a year from 2000 to 2100")]) }
        return year
    }

    func requireReader(_ principal: Principal) throws(KPIError) {
        guard Self.readers.contains(principal.role) else { throw KPIError.forbidden("The \(principal.role.rawValue) role does not read KPIs.") }
    }
}
