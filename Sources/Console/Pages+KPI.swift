import DomainKit
import FoundationEssentials
import HTTPServer
import KPI

/// The KPI dashboard for a chosen fiscal year (council, coordinators, admins): each KPI's target,
/// actual, cumulative, plan to date and ★ rating; per KPI two charts drawn on the server as SVG, each
/// with the same numbers in a table beside it; the report as CSV. It prints on A4 (print CSS).
extension Console {
    var kpiPages: [Page] {
        [
            Page(.get, "/kpi", operations: ["getKPIs", "getKPIReport"]) { console, request in try await console.kpiPage(request) },
            Page(.get, "/kpi/report.csv", operations: ["getKPIReport"]) { console, request in
                let year = try console.chosenFiscalYear(request)
                let report = try await console.services.kpi.report(fiscalYear: year.startYear)
                return CSVExport.response(
                    filename: "kpi-report-FY\(year.startYear).csv", header: KPIReportCSV.header, first: report,
                    rows: KPIReportCSV.rows, next: { _ in nil }).httpResponse
            },
        ]
    }

    /// `?fy=2026` when it is a programme year up to next one; this fiscal year when not sent.
    func chosenFiscalYear(_ request: ConsoleRequest) throws(QueryRefusal) -> FiscalYear {
        try Self.fiscalYearChoice(request, in: kpiProgrammeStart.startYear...FiscalYear(containing: request.now).startYear + 1)
    }

    /// `?fy=` when it is one of `years`; this fiscal year when not sent. Another value is refused (polish28): the page
    /// showed this year's figures for `?fy=1999` or `?fy=abc`, as if they answered it.
    static func fiscalYearChoice(_ request: ConsoleRequest, in years: ClosedRange<Int>) throws(QueryRefusal) -> FiscalYear {
        try request.choice("fy") { Int($0).flatMap { years.contains($0) ? FiscalYear($0) : nil } } ?? FiscalYear(containing: request.now)
    }

    func kpiPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let year = try chosenFiscalYear(request)
        let current = FiscalYear(containing: request.now)
        let (overview, report) = try await services.kpi.dashboard(fiscalYear: year.startYear)
        let previous = FiscalYear(year.startYear - 1)
        var content: [HTML] = [
            el("form", [attr("method", "get"), attr("action", "/kpi"), attr("class", "inline-form no-print")], [
                Form.select(name: "fy", label: t(.fiscalYear), options: (kpiProgrammeStart.startYear...current.startYear + 1).reversed().map {
                    (String($0), t.fiscalYear(FiscalYear($0)))
                }, selected: String(year.startYear)),
                el("button", [attr("type", "submit")], t(.show)),
            ]),
            el("p", [attr("class", "actions no-print")], [
                el("a", [attr("class", "button secondary"), attr("href", "/kpi/report.csv?fy=\(year.startYear)"), attr("download", "")], t(.downloadCSV)),
            ] + kpiAdministrationLinks(request, year)),
            // The year before beside the chosen one (persona29): in September the council compares the year just ended
            // with this one, and the yearly figures were only in each KPI's own table further down.
            Table.make(
                caption: t(.kpiSummary, t.fiscalYear(year)),
                headers: [t(.kpi), t(.target), t(.actual), t(.kpiPreviousActual, t == .ja ? previous.japaneseName : previous.description), t(.planToDate), t(.cumulative), t(.rating)],
                numeric: [1, 2, 3, 4, 5],
                stacked: true,
                rows: overview.kpis.map { figure in
                    let before = report.kpis.first { $0.code == figure.code }?.years.first { $0.fiscalYear == previous.startYear }?.actual
                    return [
                        .text("\(figure.number). " + (t == .ja ? figure.nameJa : figure.nameEn)),
                        .text(figure.target.map { t.number($0) } ?? "—"),
                        el("a", [attr("href", "/kpi/\(figure.code)/records?fy=\(year.startYear)")],
                           t.number(figure.count)),
                        before.map { el("a", [attr("href", "/kpi/\(figure.code)/records?fy=\(previous.startYear)")], t.number($0)) } ?? .text("—"),
                        .text(figure.planToDate.map { t.number(Int($0.rounded(.down))) } ?? "—"),
                        .text(t.number(figure.cumulative) + (figure.cumulativeTarget.map { " / " + t.number($0) } ?? "")),
                        KPICharts.stars(request, figure.rating),
                    ]
                }),
        ]
        content.append(kpiDefinitions(request, report))
        for row in report.kpis {
            let name = "\(row.number). " + (t == .ja ? row.nameJa : row.nameEn)
            content.append(el("section", [attr("class", "kpi-block"), attr("aria-labelledby", "kpi-\(row.code)")], [
                el("h2", [attr("id", "kpi-\(row.code)")], name),
                el("div", [attr("class", "kpi-pair")], [
                    el("div", [], [
                        KPICharts.yearly(request, row, title: t(.chartYearly, name)),
                        KPICharts.cumulative(request, row, title: t(.chartCumulative, name)),
                    ]),
                    Table.make(
                        caption: t(.chartData, name),
                        headers: [t(.fiscalYear), t(.target), t(.actual), t(.cumulativeTarget), t(.cumulative)], numeric: [1, 2, 3, 4], stacked: true,
                        rows: row.years.map { item in
                            [.text(t.fiscalYear(FiscalYear(item.fiscalYear))),
                             .text(item.target.map { t.number($0) } ?? "—"),
                             item.actual.map { actual in
                                 el("a", [attr("href", "/kpi/\(row.code)/records?fy=\(item.fiscalYear)")], t.number(actual))
                             } ?? .text("—"),
                             .text(item.cumulativeTarget.map { t.number($0) } ?? "—"), .text(item.cumulativeActual.map { t.number($0) } ?? "—")]
                        }),
                ]),
            ]))
        }
        return Layout.page(request, title: t(.kpiTitle, t.fiscalYear(year)), section: .kpi, content)
    }

    /// What each KPI counts and how the ★ rating is worked out, beside the figures the council rates in
    /// September (ux13: the dashboard gave names and stars only). The counting choices and thresholds in
    /// force are the report's own notes, so the page and the CSV say the same.
    private func kpiDefinitions(_ request: ConsoleRequest, _ report: KPIReport) -> HTML {
        let t = request.language
        let definitions: [String: Message] = [
            KPICode.commercializations.rawValue: .kpiDefinitionCommercializations, KPICode.liaisonMatches.rawValue: .kpiDefinitionLiaisonMatches,
            KPICode.conventionParticipants.rawValue: .kpiDefinitionConventionParticipants, KPICode.yokohamaStudents.rawValue: .kpiDefinitionYokohamaStudents,
        ]
        func notes(_ code: String) -> [HTML] {
            report.notes.filter { $0.code == code }.map { el("p", [], t == .ja ? $0.noteJa : $0.noteEn) }
        }
        var items: [HTML] = []
        for row in report.kpis {
            items.append(el("dt", [], "\(row.number). " + (t == .ja ? row.nameJa : row.nameEn)))
            items.append(el("dd", [], (definitions[row.code].map { [el("p", [], t($0))] } ?? []) + notes(row.code)))
        }
        items += [el("dt", [], t(.kpiDefinitionRating)), el("dd", [], notes("all"))]
        return el("section", [attr("class", "kpi-definitions"), attr("aria-labelledby", "kpi-definitions")], [
            el("h2", [attr("id", "kpi-definitions")], t(.kpiDefinitionsTitle)),
            el("dl", [attr("class", "summary-list")], items),
        ])
    }
}
