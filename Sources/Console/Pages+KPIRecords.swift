import DomainKit
import FoundationEssentials
import HTTPServer
import KPI

/// The records behind a KPI's number for a fiscal year (each dashboard number links here), 50 to a
/// page, each lead and business-match record linked to its page for those who may open it.
extension Console {
    /// How many a KPI's records a page lists; the pager's next link says the same number (`Layout.pager`).
    static let kpiRecordPageSize = 50

    var kpiRecordPages: [Page] {
        [
            Page(.get, "/kpi/{code}/records", operations: ["getKPIs", "listKPIRecords"]) { console, request in
                try await console.kpiRecordsPage(request)
            },
        ]
    }

    func kpiRecordsPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        guard let code = KPICode(rawValue: request.parameters["code"] ?? "") else { throw ConsoleError.notFound }
        let year = try chosenFiscalYear(request)
        let figure = try await services.kpi.overview(fiscalYear: year.startYear).kpis.first { $0.code == code.rawValue }
        let cursor = request.query("cursor")
        let page: DomainKit.Page<KPIRecord>
        do {
            page = try await services.kpi.records(code, fiscalYear: year.startYear, limit: Self.kpiRecordPageSize, cursor: cursor)
        } catch let problem as Problem where problem.status == 400 {
            throw ConsoleError.badRequest
        }
        // Each record linked to its page for those who may open it: a lead, or a business-match record, which the council
        // reads too (persona28: the council saw the matches behind KPI 2 as names it could not open).
        let role = try request.principal.role
        let linkedKinds = [("lead", "/leads/"), ("match", "/matches/")].filter { mayOpen(role, "\($0.1){id}") }
        let name = figure.map { "\($0.number). " + (t == .ja ? $0.nameJa : $0.nameEn) } ?? code.rawValue
        var content: [HTML] = [
            el("p", [attr("class", "no-print")], [el("a", [attr("href", "/kpi?fy=\(year.startYear)")], t(.backToKPIs))]),
            el("p", [], t(.kpiRecordsIntro, t.fiscalYear(year), figure.map { t.number($0.count) } ?? "—")),
        ]
        content.append(page.items.isEmpty ? el("p", [], t(.noKPIRecords)) : Table.make(
            caption: t(.kpiRecordsCaption, name), captionShown: false, headers: [t(.date), t(.kpiRecord), t(.kpiRecordKind), t(.kpiRecordedOn)],
            numeric: [], compact: [0, 2, 3], stacked: true,
            rows: page.items.map { record in
                let label = (t == .ja ? record.label : record.labelEn ?? record.label) ?? record.recordId
                let page = linkedKinds.first { $0.0 == record.recordKind }.flatMap { UUID(uuidString: record.recordId) != nil ? $0.1 : nil }
                let linked: HTML = page.map { el("a", [attr("href", "\($0)\(record.recordId.lowercased())")], label) } ?? .text(label)
                return [
                    .text(record.occurredOn.map { t.date($0) } ?? "—"), linked, .text(Self.recordKindName(record.recordKind, t)),
                    .text(record.recordedAt.map { t.date($0) } ?? "—"),
                ]
            }))
        content += Layout.pager(request, size: Self.kpiRecordPageSize, next: Layout.nextListHref(
            "/kpi/\(code.rawValue)/records", cursor: page.nextCursor, [("fy", String(year.startYear))]))
        return Layout.page(request, title: t(.kpiRecordsTitle, name, t.fiscalYear(year)), section: .kpi, content)
    }

    static func recordKindName(_ kind: String, _ t: Language) -> String {
        switch kind {
        case "lead": t(.kpiKindLead)
        case "match": t(.kpiKindMatch)
        default: t(.kpiKindParticipant)
        }
    }
}
