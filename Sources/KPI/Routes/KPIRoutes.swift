public import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// The HTTP mapping of the KPI module (docs/kpi.md). Admins, coordinators and viewers (the council)
/// read; only admins set targets. KPI figures are programme-wide, so there is no object-level scope.
public struct KPIRoutes: Sendable {
    let service: KPIService

    let ledger: RevenueLedger

    public init(service: KPIService, ledger: RevenueLedger) {
        self.service = service
        self.ledger = ledger
    }

    static let readers: Set<Role> = [.admin, .coordinator, .viewer]
    static let kpiRead = Scope(resource: "kpi", action: .read)
    static let kpiWrite = Scope(resource: "kpi", action: .write)

    public var routes: [Route] {
        [
            Route(.get, "/v1/kpi", operationID: "getKPIs", query: ["fy"],
                  access: .roles(Self.readers, scope: Self.kpiRead)) { context in
                try .json(try await service.overview(fiscalYear: try fiscalYear(context)))
            },
            Route(.get, "/v1/kpi/report", operationID: "getKPIReport", query: ["fy", "format"],
                  access: .roles(Self.readers, scope: Self.kpiRead)) { context in
                let fy = try fiscalYear(context)
                let report = try await service.report(fiscalYear: fy)
                guard try wantsCSV(context) else { return try .json(report) }
                return CSVExport.response(
                    filename: "kpi-report-FY\(fy).csv", header: KPIReportCSV.header, first: report,
                    rows: KPIReportCSV.rows, next: { _ in nil })
            },
            Route(.get, "/v1/kpi/targets", operationID: "listKPITargets", query: ["fy"],
                  access: .roles(Self.readers, scope: Self.kpiRead)) { context in
                try .json(["items": try await service.targets(fiscalYear: try context.queryInteger("fy", in: kpiFiscalYears))])
            },
            Route(.put, "/v1/kpi/targets/{code}/{fiscalYear}", operationID: "putKPITarget", access: .only(.admin, scope: Self.kpiWrite),
                  bodyLimit: 1024) { context in
                let code = try kpiCode(context)
                let fy = try pathFiscalYear(context)
                let version = context.request.headers["if-match"] == nil ? nil : try context.requiredVersion()
                let (target, created) = try await service.setTarget(
                    code, fiscalYear: fy, draft: try context.decodeBody(), ifVersion: version, by: try context.requirePrincipal())
                return try .json(target, status: created ? .created : .ok, version: target.version)
            },
            Route(.get, "/v1/kpi/settings", operationID: "getKPISettings", access: .roles(Self.readers, scope: Self.kpiRead)) { _ in
                let settings = try await service.settings()
                return try .json(settings, version: settings.version)
            },
            Route(.put, "/v1/kpi/settings", operationID: "putKPISettings", access: .only(.admin, scope: Self.kpiWrite), bodyLimit: 4096) { context in
                let settings = try await service.updateSettings(
                    try context.decodePartialBody(notNull: KPISettingsDraft.fields), ifVersion: try context.requiredVersion(), by: try context.requirePrincipal())
                return try .json(settings, version: settings.version)
            },
            Route(.post, "/v1/kpi/closes/{fiscalYear}", operationID: "closeKPIFiscalYear", access: .only(.admin, scope: Self.kpiWrite),
                  bodyLimit: 1024) { context in
                try .json(try await service.close(fiscalYear: try pathFiscalYear(context), by: try context.requirePrincipal()), status: .created)
            },
            Route(.post, "/v1/kpi/restatements", operationID: "restateKPI", access: .only(.admin, scope: Self.kpiWrite), bodyLimit: 8192) { context in
                try .json(try await service.restate(try context.decodeBody(), by: try context.requirePrincipal()), status: .created)
            },
            Route(.get, "/v1/revenue", operationID: "listRevenueEntries", query: ["fy", "limit", "cursor", "format"],
                  access: .roles(Self.readers, scope: Self.kpiRead)) { context in
                let fy = try fiscalYear(context)
                guard try wantsCSV(context) else { return try .json(try await ledger.entries(fiscalYear: fy, page: try context.pageRequest())) }
                // The export is the whole year: every page, streamed.
                let first = try await ledger.entries(fiscalYear: fy, page: PageRequest(limit: PageRequest.limits.upperBound))
                return CSVExport.response(filename: "revenue-FY\(fy).csv", header: RevenueCSV.header, first: first,
                                          rows: { RevenueCSV.rows($0.items) }, next: { page in
                                              guard let cursor = page.nextCursor, let after = PageCursor(encoded: cursor) else { return nil }
                                              return try await ledger.entries(fiscalYear: fy, page: PageRequest(limit: PageRequest.limits.upperBound, after: after))
                                          })
            },
            Route(.post, "/v1/revenue", operationID: "recordRevenueEntry", access: .only(.admin, scope: Self.kpiWrite), bodyLimit: 4096) { context in
                try .json(try await ledger.record(try context.decodeBody(), by: try context.requirePrincipal()), status: .created)
            },
            Route(.get, "/v1/revenue/summary", operationID: "getRevenueSummary", query: ["fy"],
                  access: .roles(Self.readers, scope: Self.kpiRead)) { context in
                try .json(try await ledger.summary(fiscalYear: try fiscalYear(context)))
            },
            Route(.post, "/v1/revenue/{id}/reversal", operationID: "reverseRevenueEntry", access: .only(.admin, scope: Self.kpiWrite),
                  bodyLimit: 8192) { context in
                try .json(try await ledger.reverse(try context.pathUUID("id"), try context.decodeBody(), by: try context.requirePrincipal()),
                          status: .created)
            },
            Route(.get, "/v1/kpi/snapshots", operationID: "listKPISnapshots", query: ["fy", "code", "limit", "cursor"],
                  access: .roles(Self.readers, scope: Self.kpiRead)) { context in
                let code = try context.query("code").map { text throws(Problem) -> KPICode in
                    guard let code = KPICode(rawValue: text) else { throw Problem.badQuery("code", "must be a KPI code") }
                    return code
                }
                let limit = try context.queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
                return try .json(try await service.snapshots(fiscalYear: try fiscalYear(context), code: code, limit: limit,
                                                             cursor: try context.query("cursor")))
            },
            Route(.get, "/v1/kpi/{code}/records", operationID: "listKPIRecords", query: ["fy", "limit", "cursor"],
                  access: .roles(Self.readers, scope: Self.kpiRead)) { context in
                let code = try kpiCode(context)
                let limit = try context.queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
                return try .json(try await service.records(code, fiscalYear: try fiscalYear(context), limit: limit, cursor: try context.query("cursor")))
            },
        ]
    }

    private func fiscalYear(_ context: RequestContext) throws(Problem) -> Int {
        try context.queryInteger("fy", in: kpiFiscalYears) ?? service.currentFiscalYear()
    }
}

/// `?format=csv` or `Accept: text/csv`; `?format=json` or neither is JSON.
private func wantsCSV(_ context: RequestContext) throws(Problem) -> Bool {
    switch try context.query("format") {
    case nil: context.request.headers["accept"]?.lowercased().contains("text/csv") ?? false
    case "csv": true
    case "json": false
    default: throw Problem.badQuery("format", "must be json or csv")
    }
}

private func pathFiscalYear(_ context: RequestContext) throws(Problem) -> Int {
    guard let fy = Int(context.parameters["fiscalYear"] ?? ""), kpiFiscalYears.contains(fy) else {
        throw Problem.badRequest("The fiscal year must be a year from 2000 to 2100.",
                                 errors: [FieldError(field: "fiscalYear", message: "must be a year from 2000 to 2100")])
    }
    return fy
}

/// An unknown KPI code is a 404, like any record that does not exist.
private func kpiCode(_ context: RequestContext) throws(Problem) -> KPICode {
    guard let code = KPICode(rawValue: context.parameters["code"] ?? "") else {
        throw Problem.notFound("There is no KPI with that code (commercializations, liaison_matches, convention_participants, yokohama_students).")
    }
    return code
}

/// The report as CSV, one line per KPI and fiscal year, in the plan's layout; shared by the API route
/// and the console's download link.
public enum KPIReportCSV {
    public static let header = ["KPI", "code", "指標 / indicator", "単位 unit", "年度 FY", "和暦", "目標 target", "実績 actual",
                         "累計目標 cumulative target", "累計実績 cumulative actual",
                         "締め closed", "訂正後 restated", "訂正理由 restatement reason"]

    /// The figures, then one line per counting choice in force, so the council sees which reading it gets.
    @Sendable public static func rows(_ report: KPIReport) -> [[String]] {
        figures(report) + report.notes.map { note in
            ["注記 note", note.code, "\(note.noteJa) / \(note.noteEn)", note.setting, note.value] + Array(repeating: "", count: header.count - 5)
        }
    }

    static func figures(_ report: KPIReport) -> [[String]] {
        report.kpis.flatMap { kpi in
            kpi.years.map { year -> [String] in
                let figures: [Int?] = [year.target, year.actual, year.cumulativeTarget, year.cumulativeActual]
                let cells: [String] = figures.map { $0.map { String($0) } ?? "" }  // empty: no figure (a "-" would be neutralised as a formula)
                let label: [String] = ["KPI \(kpi.number)", kpi.code, "\(kpi.nameJa) / \(kpi.nameEn)", kpi.unit,
                                       "FY\(year.fiscalYear)", year.fiscalYearJa]
                let restatement = [year.closed ? "yes" : "", year.restated.map { String($0) } ?? "", year.restatementReason ?? ""]
                return label + cells + restatement
            }
        }
    }
}

/// The ledger as CSV for the council and the accountants: one line per entry, counter-entries included.
enum RevenueCSV {
    static let header = ["年度 FY", "和暦", "受領日 received on", "種別 kind", "相手方 counterparty", "金額（円） amount (yen)",
                         "取消対象 reverses", "取消理由 reason", "id", "記録日時 recorded at (UTC)"]

    @Sendable static func rows(_ entries: [RevenueEntry]) -> [[String]] {
        entries.map { entry in
            ["FY\(entry.fiscalYear)", FiscalYear(entry.fiscalYear).japaneseName, entry.receivedOn.description, entry.kind.rawValue,
             entry.counterparty, String(entry.amountYen), entry.reversesId.map { $0.uuidString.lowercased() } ?? "", entry.reason ?? "",
             entry.id.uuidString.lowercased(), entry.recordedAt.formatted(.iso8601)]
        }
    }
}
