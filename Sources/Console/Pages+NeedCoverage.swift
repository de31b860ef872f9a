import Cities
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches

/// Which open needs have too few credible companies (`listNeedCoverage`: fewer than three scoring at
/// least the matcher's credible score), so coordinators know where to look for companies; and the
/// needs list as CSV (`exportNeeds`: the API's own export, UTF-8 with a BOM for Excel, the import's
/// columns, with the list's filters: `NeedListQuery`).
extension Console {
    var needCoveragePages: [Page] {
        [
            Page(.get, "/needs/coverage", operations: ["listNeedCoverage", "listCities"]) { console, request in try await console.coveragePage(request) },
            Page(.get, "/needs/export.csv", operations: ["exportNeeds"]) { console, request in
                guard let query = NeedListQuery(request) else { return NeedListQuery.refusal(request) }
                return try await NeedExport.response(service: console.services.cities, filter: query.filter, principal: try request.principal).httpResponse
            },
        ]
    }

    /// A need of the matcher's reports linked in the reader's language, the other language marked (ux37: a Japanese
    /// reader of their company's opportunities read "Decarbonization roadmap support" for 脱炭素ロードマップ策定支援, the
    /// reports' one title being English first). The reports carry the need's own titles for this.
    static func reportedNeedLink(_ request: ConsoleRequest, id: UUID, titleJa: String?, titleEn: String?) -> HTML {
        el("a", [attr("href", "/needs/\(id.uuidString.lowercased())")],
           [NeedPages.recordText(request, request.language.pick(ja: titleJa, en: titleEn))])
    }

    func coveragePage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let report = try await services.matches.coverage(by: principal)
        let cities = try await everyCity(by: principal)
        let cityNames = Dictionary(uniqueKeysWithValues: cities.map { ($0.id, t.city(ja: $0.nameJa, en: $0.nameEn, country: $0.country)) })
        let uncovered = report.items.filter { $0.credibleCompanies == 0 }.count
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", "/needs")], t(.coverageBack))]),
            el("p", [attr("class", "explain")], t(.coverageExplained, t.decimal(report.credibleScore), report.algorithmVersion)),
            el("ul", [attr("class", "stat-grid")], [
                el("li", [], [el("span", [attr("class", "value")], t.number(uncovered)), .text(t(.coverageNone))]),
                el("li", [], [el("span", [attr("class", "value")], t.number(report.items.count - uncovered)), .text(t(.coverageFew))]),
                el("li", [], [el("span", [attr("class", "value")], t.number(report.openNeeds)), .text(t(.coverageOpen))]),
            ]),
        ]
        content.append(report.items.isEmpty ? el("p", [], t(.coverageAllCovered)) : Table.make(
            caption: t(.coverageTitle), captionShown: false, headers: [t(.needTitle), t(.city), t(.coverageCredible), t(.coverageBest)], numeric: [2, 3], stacked: true,
            rows: report.items.map { item in
                [Self.reportedNeedLink(request, id: item.needId, titleJa: item.titleJa, titleEn: item.titleEn),
                 .text(cityNames[item.cityId] ?? "—"),
                 item.credibleCompanies == 0 ? el("strong", [], t(.coverageZero)) : .text(t.number(item.credibleCompanies)),
                 .text(item.bestScore.map { t.decimal($0) } ?? "—")]
            }))
        return Layout.page(request, title: t(.coverageTitle), section: .needs, content)
    }
}
