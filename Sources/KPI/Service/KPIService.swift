public import DomainKit
import FoundationEssentials
public import Postgres

/// The KPI figures, records, report and targets (docs/kpi.md). Reads stored counts (kept by the
/// `kpi.recount` job); access rules are per route (admin, coordinator, viewer read; admin writes).
public struct KPIService: Sendable {
    let pool: PostgresPool
    let store = KPIStore()
    let clock: ProgrammeClock

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
    }

    static func validYear(_ fy: Int, field: String = "fy") throws(KPIError) -> FiscalYear {
        guard kpiFiscalYears.contains(fy) else { throw KPIError.fiscalYearOutOfRange(field: field) }
        return FiscalYear(fy)
    }

    public func currentFiscalYear() -> Int { FiscalYear(containing: clock.now()).startYear }

    /// Each KPI's count, target, plan to date, cumulative, rating and forecast for fiscal year `fy`.
    public func overview(fiscalYear fy: Int) async throws -> KPIOverview {
        _ = try Self.validYear(fy)
        let instant = clock.now()
        return try await pool.withConnection { db in try await Self.overview(fiscalYear: fy, at: instant, on: db) }
    }

    /// The overview and the report of `fy` from one read (the console's dashboard shows both).
    public func dashboard(fiscalYear fy: Int) async throws -> (overview: KPIOverview, report: KPIReport) {
        _ = try Self.validYear(fy)
        let instant = clock.now()
        let inputs = try await pool.withConnection { db in try await store.inputs(years: Self.reportYears(fy), on: db) }
        return (Self.overview(fiscalYear: fy, at: instant, inputs), Self.report(fiscalYear: fy, inputs))
    }

    /// The overview computed on `db` at `instant` (also used by the recount job for the at-risk alert).
    static func overview(fiscalYear fy: Int, at instant: Date, on db: PostgresConnection) async throws -> KPIOverview {
        overview(fiscalYear: fy, at: instant, try await KPIStore().inputs(years: min(kpiProgrammeStart.startYear, fy)...fy, on: db))
    }

    static func overview(fiscalYear fy: Int, at instant: Date, _ inputs: KPIInputs) -> KPIOverview {
        let year = FiscalYear(fy)
        do {
            let definitions = inputs.definitions
            let figures = inputs.figures
            let allTargets = inputs.targets
            let thresholds = inputs.settings.thresholds
            let share = kpiElapsedShare(of: year, at: instant)
            let kpis = definitions.map { d -> KPIFigure in
                let count = figures.figure(d.code, fy)
                let targets = Dictionary(allTargets.filter { $0.code == d.code }.map { ($0.fiscalYear, $0.target) }, uniquingKeysWith: { a, _ in a })
                let target = targets[fy]
                let planToDate = target.map { Double($0) * share }
                // Before the programme start, "cumulative" is the year alone (never an empty range).
                let cumulativeYears = fy >= kpiProgrammeStart.startYear ? kpiProgrammeStart.startYear...fy : fy...fy
                let cumulative = cumulativeYears.reduce(0) { $0 + figures.figure(d.code, $1) }
                let earlierTargets = cumulativeYears.dropLast().compactMap { targets[$0] }
                let hasPlan = target != nil || !earlierTargets.isEmpty
                let cumulativeTarget = hasPlan ? earlierTargets.reduce(0, +) + (target ?? 0) : nil
                let cumulativePlanToDate = hasPlan ? Double(earlierTargets.reduce(0, +)) + (planToDate ?? 0) : nil
                let finalTarget = Self.finalTarget(targets, from: kpiProgrammeStart.startYear)
                // Forecast from the second quarter (a quarter of the year elapsed) until the year ends.
                var forecast: Int?
                if share >= 0.25 && share < 1 {
                    forecast = Int((Double(count) / share).rounded(.down))
                }
                return KPIFigure(
                    code: d.code, number: d.number, nameJa: d.nameJa, nameEn: d.nameEn, unit: d.unit, count: count,
                    target: target, planToDate: planToDate, cumulative: cumulative, cumulativeTarget: cumulativeTarget,
                    cumulativePlanToDate: cumulativePlanToDate, finalTarget: finalTarget,
                    rating: thresholds.rating(cumulative: cumulative, planToDate: cumulativePlanToDate, finalTarget: finalTarget),
                    forecast: forecast,
                    forecastRating: forecast.flatMap { projected in
                        thresholds.rating(cumulative: cumulative - count + projected, planToDate: cumulativeTarget.map(Double.init),
                                          finalTarget: finalTarget)
                    },
                    recountedAt: figures.counts[d.code]?[fy]?.1, closed: figures.closed.closed.contains(fy),
                    reportedCount: figures.closed.reported[d.code]?[fy], restatedCount: figures.closed.restated[d.code]?[fy]?.0,
                    restatementReason: figures.closed.restated[d.code]?[fy]?.1)
            }
            return KPIOverview(fiscalYear: fy, fiscalYearJa: year.japaneseName, kpis: kpis)
        }
    }

    /// The plan's final target: the cumulative target from the programme start through the last year
    /// that has one (FY2025 in the plan; later if an administrator sets targets for later years).
    static func finalTarget(_ targets: [Int: Int], from first: Int) -> Int? {
        guard let last = targets.keys.max(), last >= first else { return nil }
        return (first...last).reduce(0) { $0 + (targets[$1] ?? 0) }
    }

    /// The records behind one KPI's number for `fy`, in the order they happened, a page at a time (cursor:
    /// the last record's day and id). The council reads the list as the year's story; in record-id order it
    /// jumped between months.
    public func records(_ code: KPICode, fiscalYear fy: Int, limit: Int, cursor: String?) async throws -> Page<KPIRecord> {
        _ = try Self.validYear(fy)
        var after: (day: CalendarDate, recordID: String)?
        if let cursor {
            guard cursor.utf8.count <= 200, let data = Data(base64URLEncoded: cursor), let text = String(data: data, encoding: .utf8),
                  !text.contains("\u{0}"), let space = text.firstIndex(of: " "), let day = CalendarDate(String(text[..<space])) else {
                throw PageRequest.badCursor
            }
            after = (day, String(text[text.index(after: space)...]))
        }
        let rows = try await pool.transaction { db in
            try await store.records(code, fiscalYear: fy, after: after, limit: limit + 1, on: db)
        }
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Data("\($0.occurredOn ?? KPIRecord.undated) \($0.recordId)".utf8).base64URLEncoded } : nil
        return Page(items: items, nextCursor: next)
    }

    /// The September report in the plan's layout: per KPI, each fiscal year from the programme start
    /// through `fy` (and at least the plan's last year) with target and actual, yearly and cumulative.
    public func report(fiscalYear fy: Int) async throws -> KPIReport {
        _ = try Self.validYear(fy)
        let inputs = try await pool.withConnection { db in try await store.inputs(years: Self.reportYears(fy), on: db) }
        return Self.report(fiscalYear: fy, inputs)
    }

    /// The report's years: the programme start through `fy`, and at least the plan's last year; the
    /// overview's (`fy` and the years before it) are among them.
    static func reportYears(_ fy: Int) -> ClosedRange<Int> {
        let first = kpiProgrammeStart.startYear
        return min(first, fy)...max(fy, first + 2)
    }

    static func report(fiscalYear fy: Int, _ inputs: KPIInputs) -> KPIReport {
        let year = FiscalYear(fy)
        let first = kpiProgrammeStart.startYear
        let last = max(fy, first + 2)
        do {
            let definitions = inputs.definitions
            let figures = inputs.figures
            let targets = inputs.targets
            let closedFigures = figures.closed
            let settings = inputs.settings
            let rows = definitions.map { d -> KPIReportRow in
                var cumulativeTarget: Int? = 0
                var cumulativeActual: Int? = 0
                let years = (first...last).map { y -> KPIReportYear in
                    let target = targets.first { $0.code == d.code && $0.fiscalYear == y }?.target
                    let closed = closedFigures.closed.contains(y)
                    let current = closed ? closedFigures.reported[d.code]?[y] : figures.counts[d.code]?[y]?.0
                    let actual = y <= fy ? (current ?? 0) : nil
                    let restatement = y <= fy ? closedFigures.restated[d.code]?[y] : nil
                    cumulativeTarget = target.flatMap { t in cumulativeTarget.map { $0 + t } }
                    cumulativeActual = y <= fy ? cumulativeActual.map { $0 + figures.figure(d.code, y) } : nil
                    return KPIReportYear(fiscalYear: y, fiscalYearJa: FiscalYear(y).japaneseName, target: target, actual: actual,
                                         cumulativeTarget: cumulativeTarget, cumulativeActual: cumulativeActual,
                                         closed: closed, restated: restatement?.0, restatementReason: restatement?.1)
                }
                return KPIReportRow(code: d.code, number: d.number, nameJa: d.nameJa, nameEn: d.nameEn, unit: d.unit, years: years)
            }
            return KPIReport(fiscalYear: fy, fiscalYearJa: year.japaneseName, kpis: rows, notes: settings.notes)
        }
    }

    public func targets(fiscalYear fy: Int?) async throws -> [KPITarget] {
        let years = try fy.map { fy throws(KPIError) in try Self.validYear(fy).startYear }.map { $0...$0 } ?? kpiFiscalYears
        return try await pool.transaction { db in try await store.targets(years, on: db) }
    }

    /// Sets a target. An existing target needs `If-Match` with its version (412 stale); a new one must
    /// come without (412 if a version is named for a target that does not exist).
    public func setTarget(_ code: KPICode, fiscalYear fy: Int, draft: KPITargetDraft, ifVersion: Int?,
                          by principal: Principal) async throws -> (KPITarget, created: Bool) {
        _ = try Self.validYear(fy, field: "fiscalYear")
        guard let value = draft.target else {
            throw KPIError.invalid([FieldError(field: "target", message: "is required")])
        }
        guard (0...100_000_000).contains(value) else {
            throw KPIError.invalid([FieldError(field: "target", message: "must be a whole number from 0 to 100000000")])
        }
        return try await pool.audited(by: principal) { db in
            let current = try await store.target(code, fiscalYear: fy, on: db)
            switch (current, ifVersion) {
            case (nil, nil):
                // Two first saves at once both find no row; the later one's insert then meets the earlier's
                // (ON CONFLICT waits for it): that is a target created meanwhile, as when it was read.
                guard try await store.insertTarget(code, fiscalYear: fy, target: value, on: db) else { throw Self.targetExists }
            case (nil, .some):
                throw KPIError.preconditionFailed("There is no target for \(code.rawValue) in FY\(fy) yet; send it without If-Match.")
            case (.some, nil):
                throw Self.targetExists
            case (.some(let existing), .some(let version)):
                // A PUT of the stored target writes nothing and keeps its version (DomainKit `Versioned.saving`).
                let edited = try existing.edited(expecting: version, as: KPIError.self) { $0 = draft }
                return (try await existing.saving(edited, as: KPIError.self) { _ in
                    try await store.updateTarget(code, fiscalYear: fy, target: value, on: db)
                    return try await store.target(code, fiscalYear: fy, on: db)
                }, false)
            }
            guard let saved = try await store.target(code, fiscalYear: fy, on: db) else {
                throw KPIError.notFound("No such target.")
            }
            return (saved, true)
        }
    }

    /// A target saved without `If-Match` where one exists (created meanwhile, or read before).
    static let targetExists = Problem(status: 428, title: "Precondition Required", detail: "Send If-Match with the ETag you last read.")

    /// Closes a fiscal year (admin): its reported figures are frozen. 409 if already closed; a year that
    /// has not ended yet cannot be closed (409).
    public func close(fiscalYear fy: Int, by principal: Principal) async throws -> KPIClose {
        let year = try Self.validYear(fy, field: "fiscalYear")
        guard clock.now() >= year.end else {
            throw KPIError.conflict("FY\(fy) has not ended yet; it can be closed from \(year.end).")
        }
        return try await pool.audited(by: principal) { db in
            // The frozen figures are a fresh recount from the records, in the same transaction: a recount
            // still waiting in the queue could otherwise change the truth after the figures were reported.
            try await store.recount(fiscalYear: fy, on: db)
            guard try await store.close(fiscalYear: fy, by: principal.userID, on: db) else {
                throw KPIError.conflict("FY\(fy) is already closed; correct a figure with a restatement.")
            }
            let figures = try await store.closedFigures(fy...fy, on: db)
            return KPIClose(fiscalYear: fy, reported: figures.reported.mapValues { $0[fy] ?? 0 })
        }
    }

    /// Records a restatement of a closed fiscal year's figure, with a reason (admin).
    public func restate(_ draft: KPIRestatementDraft, by principal: Principal) async throws -> KPIRestatement {
        var errors: [FieldError] = []
        let code = draft.code.flatMap(KPICode.init(rawValue:))
        if code == nil { errors.append(FieldError(field: "code", message: "must be one of \(KPICode.allCases.map(\.rawValue).joined(separator: ", "))")) }
        if draft.fiscalYear.map({ kpiFiscalYears.contains($0) }) != true { errors.append(FieldError(field: "fiscalYear", message: "must be a year from 2000 to 2100")) }
        if draft.count.map({ (0...100_000_000).contains($0) }) != true { errors.append(FieldError(field: "count", message: "must be a whole number from 0 to 100000000")) }
        let reason = draft.reason ?? ""
        if Validation.isBlank(reason) || reason.count > 2000 {
            errors.append(FieldError(field: "reason", message: "is required, at most 2000 characters"))
        } else if Validation.hasInvisibleControls(reason) {
            errors.append(FieldError(field: "reason", message: Validation.invisibleControlsMessage))
        }
        guard errors.isEmpty, let code, let fy = draft.fiscalYear, let count = draft.count else { throw KPIError.invalid(errors) }
        return try await pool.audited(by: principal) { db in
            guard try await store.isClosed(fy, on: db) else {
                throw KPIError.conflict("FY\(fy) is not closed; its figures are still recounted from the records.",
                                       [FieldError(field: "fiscalYear", message: "is not closed")])
            }
            try await store.restate(code, fiscalYear: fy, count: count, reason: reason, by: principal.userID, on: db)
            return KPIRestatement(code: code.rawValue, fiscalYear: fy, count: count, reason: reason)
        }
    }
}
