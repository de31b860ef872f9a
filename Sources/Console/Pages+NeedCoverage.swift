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

    /// An open need named in the reader's language (ux37): the matcher's reports (`Opportunity`, `NeedCoverage`) carry
    /// one title, English first, so a Japanese reader of their company's opportunities read "Decarbonization roadmap
    /// support" for a need titled 脱炭素ロードマップ策定支援. The open needs are read once (the reports rank only open
    /// needs) and each is linked by `NeedPages.recordText`, the other language marked; the report's title if absent.
    func openNeedLinks(_ request: ConsoleRequest) async throws -> (_ id: UUID, _ reported: String) -> HTML {
        let principal = try request.principal, t = request.language
        let needs = try await Self.everyPage { try await services.cities.needs(CityNeedFilter(status: .open), page: $0, by: principal) }
        let titles = Dictionary(needs.map { ($0.id, t.pick(ja: $0.titleJa, en: $0.titleEn)) }, uniquingKeysWith: { first, _ in first })
        return { id, reported in
            el("a", [attr("href", "/needs/\(id.uuidString.lowercased())")], [NeedPages.recordText(request, titles[id] ?? (reported, false))])
        }
    }

    func coveragePage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let report = try await services.matches.coverage(by: principal)
        let cities = try await everyCity(by: principal)
        let cityNames = Dictionary(uniqueKeysWithValues: cities.map { ($0.id, t.city(ja: $0.nameJa, en: $0.nameEn, country: $0.country)) })
        let needLink = try await openNeedLinks(request)
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
                [needLink(item.needId, item.title),
                 .text(cityNames[item.cityId] ?? "—"),
                 item.credibleCompanies == 0 ? el("strong", [], t(.coverageZero)) : .text(t.number(item.credibleCompanies)),
                 .text(item.bestScore.map { t.decimal($0) } ?? "—")]
            }))
        return Layout.page(request, title: t(.coverageTitle), section: .needs, content)
    }
}
