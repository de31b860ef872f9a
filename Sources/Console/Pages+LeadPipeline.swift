import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer

/// The leads pipeline on a page of its own (gaps12): how many leads stand at each stage, in each fiscal
/// year of their expected close and in each city, with their value. `getLeadPipeline` admits the council
/// (viewer), who may not list the leads themselves, so the counts link to the leads list only for those
/// who may open it. A liaison officer's figures are its base's leads, as the API gives them.
extension Console {
    var leadPipelinePages: [Page] {
        [
            Page(.get, "/leads/pipeline", operations: ["getLeadPipeline", "listCities"]) { console, request in try await console.leadPipelinePage(request) },
        ]
    }

    func leadPipelinePage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let linksToLeads = mayOpen(principal.role, "/leads")
        let byStage = try await services.coordinators.pipeline(by: .stage, principal: principal).groups
        let byYear = try await services.coordinators.pipeline(by: .fiscalYear, principal: principal).groups
        let byCity = try await services.coordinators.pipeline(by: .city, principal: principal).groups
        let cities = try await everyCity(by: principal)
        let cityNames = Dictionary(uniqueKeysWithValues: cities.map { ($0.id.uuidString.lowercased(), t.city(ja: $0.nameJa, en: $0.nameEn, country: $0.country)) })
        let stages = Dictionary(byStage.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let headers = [t(.pipelineGroup), t(.pipelineLeads), t(.pipelineValue)]
        func row(_ label: HTML, _ group: PipelineGroup?) -> [HTML] {
            [label, .text(t.number(group?.count ?? 0)), .text(Self.yen(group?.valueYen ?? 0, t))]
        }
        let stageRows = LeadStage.allCases.map { stage -> [HTML] in
            let name = t(LeadPages.stageMessage(stage))
            return row(linksToLeads ? el("a", [attr("href", "/leads?stage=\(stage.rawValue)")], name) : .text(name), stages[stage.rawValue])
        }
        let yearRows = byYear.sorted { $0.key < $1.key }.map { group -> [HTML] in
            let year = group.key.hasPrefix("FY") ? Int(group.key.dropFirst(2)).map { t.fiscalYear(FiscalYear($0)) } : nil
            return row(.text(year ?? t(.pipelineNoCloseDate)), group)
        }
        let cityRows = byCity.sorted { (cityNames[$0.key] ?? $0.key) < (cityNames[$1.key] ?? $1.key) }.map { group -> [HTML] in
            let name = cityNames[group.key] ?? "—"
            return row(linksToLeads ? el("a", [attr("href", "/leads?city=\(group.key)")], name) : .text(name), group)
        }
        var content: [HTML] = [el("p", [], t(.pipelineIntro))]
        for (title, rows) in [(Message.pipelineByStage, stageRows), (.pipelineByYear, yearRows), (.pipelineByCity, cityRows)] {
            content.append(el("h2", [], t(title)))
            content.append(rows.isEmpty ? el("p", [], t(.leadsNoneFound)) : Table.make(
                caption: t(title), captionShown: false, headers: headers, numeric: [1, 2], compact: [], rows: rows))
        }
        if linksToLeads { content.append(el("p", [], [el("a", [attr("href", "/leads")], t(.pipelineToLeads))])) }
        return Layout.page(request, title: t(.pipelineTitle), section: .leads, content)
    }

    /// Every city, archived ones too, page by page (the API's pages hold 100), so that each row of the
    /// pipeline by city is named: the first page alone left a lead's city past the hundredth, or archived
    /// since, as "—" (probe11). Cities are few (the programme's partner cities), so the ceiling is never met.
    func everyCity(by principal: Principal) async throws -> [City] {
        try await Self.everyPage { try await services.cities.cities(CityFilter(includeArchived: true), page: $0, by: principal) }
    }
}
