public import DomainKit
import FoundationEssentials
import HTTPServer

/// `/v1/kpi`: the figures, the records behind them, the September report (JSON or CSV) and targets.
public struct KPIRoutes: Sendable {
    let service: KPIService
    static let read = Scope(resource: "kpi", action: .read)
    static let write = Scope(resource: "kpi", action: .write)

    public init(service: KPIService) {
        self.service = service
    }

    public var routes: [Route] {
        [
            Route(.get, "/v1/kpi", operationID: "getKpis", access: .roles(KPIService.readers, scope: Self.read)) { context in
                try .json(try await service.overview(fiscalYear: try context.queryInteger("fy", in: 2000...2100), by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/kpi/report", operationID: "getKpiReport", access: .roles(KPIService.readers, scope: Self.read)) { context in
                let report = try await service.report(fiscalYear: try context.queryInteger("fy", in: 2000...2100), by: try context.requirePrincipal())
                let wantsCSV = try context.query("format") == "csv" || (context.request.headers["accept"]?.contains("text/csv") ?? false)
                if let format = try context.query("format"), format != "csv", format != "json" {
                    throw Problem.badQuery("format", "must be json or csv")
                }
                return wantsCSV ? Self.csv(report) : try .json(report)
            },
            Route(.get, "/v1/kpi/{code}/records", operationID: "listKpiRecords", access: .roles(KPIService.readers, scope: Self.read)) { context in
                let limit = try context.queryInteger("limit", in: 1...1000) ?? 100
                return try .json(try await service.records(
                    code: context.parameters["code"] ?? "", fiscalYear: try context.queryInteger("fy", in: 2000...2100), after: try context.query("cursor"),
                    limit: limit, by: try context.requirePrincipal()))
            },
            Route(.put, "/v1/kpi/targets/{code}/{fiscalYear}", operationID: "setKpiTarget",
                  access: .only(.admin, scope: Self.write), bodyLimit: 4096) { context in
                guard let year = context.parameters["fiscalYear"].flatMap({ Int($0) }) else {
                    throw Problem.invalid([FieldError(field: "fiscalYear", message: "must be a year like 2026")])
                }
                let version: Int? = context.request.headers["if-match"] == nil ? nil : try context.requiredVersion()
                let body = try context.decodeBody(KPITargetUpdate.self)
                let saved = try await service.setTarget(
                    code: context.parameters["code"] ?? "", fiscalYear: year, target: body.target, ifVersion: version, by: try context.requirePrincipal())
                return try .json(saved, version: saved.version)
            },
        ]
    }

    /// The plan's layout: one line of targets and one of actuals per KPI, a column per fiscal year, then
    /// the cumulative figure and the rating. Japanese and Western year names in the header.
    static func csv(_ report: KPIReport) -> APIResponse {
        var csv = CSVWriter()
        csv.appendRow(["KPI", "指標 / indicator", "単位 / unit", "区分 / row"]
            + report.years.map { "FY\($0) (\(FiscalYear($0).japaneseName))" } + ["累計 / cumulative", "評価 / rating (FY\(report.fiscalYear))"])
        for row in report.rows {
            let name = "\(row.nameJa) / \(row.nameEn)"
            csv.appendRow(["\(row.number)", name, row.unit, "目標 / target"]
                + row.targets.map { $0.map(String.init) ?? "-" } + [row.cumulativeTarget.map(String.init) ?? "-", ""])
            csv.appendRow(["\(row.number)", name, row.unit, "実績 / actual"]
                + row.actuals.map(String.init) + [String(row.cumulativeActual), row.rating.map { String(repeating: "★", count: $0) } ?? "-"])
        }
        let headers: HTTPHeaders = [
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"kpi-report-FY\(report.fiscalYear).csv\"",
        ]
        return APIResponse(status: .ok, headers: headers, body: .bytes(csv.bytes))
    }
}
