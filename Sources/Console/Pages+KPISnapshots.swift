import DomainKit
import FoundationEssentials
import HTTPServer
import KPI

/// The KPI snapshots (`listKPISnapshots`): each recount's figure as it was taken, newest first, 50 to
/// a page, for a fiscal year and optionally one KPI; linked from the dashboard. It shows how a number
/// moved over the year (and when a restatement or a late record changed it).
extension Console {
    /// How many KPI snapshots a page lists; the pager's next link says the same number (`Layout.pager`).
    static let snapshotPageSize = 50

    var kpiSnapshotPages: [Page] {
        [Page(.get, "/kpi/snapshots", operations: ["getKPIs", "listKPISnapshots"]) { console, request in try await console.kpiSnapshotsPage(request) }]
    }

    func kpiSnapshotsPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let year = try chosenFiscalYear(request)
        let current = FiscalYear(containing: request.now)
        let code = try request.choice("code", KPICode.init(rawValue:))
        let figures = try await services.kpi.overview(fiscalYear: year.startYear).kpis
        let names = Dictionary(figures.map { ($0.code, "\($0.number). " + (t == .ja ? $0.nameJa : $0.nameEn)) }, uniquingKeysWith: { first, _ in first })
        let page = try await services.kpi.snapshots(fiscalYear: year.startYear, code: code, limit: Self.snapshotPageSize, cursor: request.query("cursor"))
        var content: [HTML] = [
            el("p", [attr("class", "no-print")], [el("a", [attr("href", "/kpi?fy=\(year.startYear)")], t(.backToKPIs))]),
            el("p", [attr("class", "explain")], t(.kpiSnapshotsIntro)),
            el("form", [attr("method", "get"), attr("action", "/kpi/snapshots"), attr("class", "inline-form no-print")], [
                Form.select(name: "fy", label: t(.fiscalYear), options: (kpiProgrammeStart.startYear...current.startYear + 1).reversed().map {
                    (String($0), t.fiscalYear(FiscalYear($0)))
                }, selected: String(year.startYear)),
                Form.select(name: "code", label: t(.kpi), options: [("", t(.coordinatorAnyStatus))] + KPICode.allCases.map { ($0.rawValue, names[$0.rawValue] ?? $0.rawValue) },
                            selected: code?.rawValue ?? ""),
                el("button", [attr("type", "submit")], t(.show)),
            ]),
        ]
        content.append(page.items.isEmpty ? el("p", [], t(.noKPISnapshots)) : Table.make(
            caption: t(.kpiSnapshotsTitle), captionShown: false, headers: [t(.kpiSnapshotTaken), t(.kpi), t(.actual)], numeric: [2], compact: [0], stacked: true,
            rows: page.items.map { snapshot in
                [.text(Self.when(snapshot.takenAt, t)), .text(names[snapshot.code] ?? snapshot.code), .text(t.number(snapshot.count))]
            }))
        content += Layout.pager(request, size: Self.snapshotPageSize, next: Layout.nextListHref(
            "/kpi/snapshots", cursor: page.nextCursor, [("fy", String(year.startYear)), ("code", code?.rawValue)]))
        return Layout.page(request, title: t(.kpiSnapshotsTitle) + " " + t.fiscalYear(year), section: .kpi, content)
    }
}
