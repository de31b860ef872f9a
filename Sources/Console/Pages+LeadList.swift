import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer

/// The leads list (`listLeads`, with the API's filters: stage, city, country, owner, words, no activity for 30, 60 or
/// 90 days; each row says how many days since the lead's last activity; 50 a page, the next
/// page by the API's cursor), the pipeline as a count per stage (`getLeadPipeline`), and for an
/// administrator every coordinator's overdue next actions (`listOverdueActions`). A liaison officer
/// sees the leads its base brought, as the API gives them.
extension Console {
    /// How many leads a page lists; the pager's next link says the same number (`Layout.pager`).
    static let leadPageSize = 50
    /// The "no activity for" choices, in days (`inactive=`; the API's `inactiveDays` takes any from 1 to 3650).
    static let leadInactiveChoices = [30, 60, 90]

    var leadListPages: [Page] {
        [
            Page(.get, "/leads", operations: ["listLeads", "getLeadPipeline", "listCities"]) { console, request in try await console.leadList(request) },
        ]
    }

    func leadList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let query = try LeadListQuery(request)
        let (words, stage, city, owner, country, inactive) = (query.words, query.stage, query.city, query.owner, query.country, query.inactive)
        // A country the API would refuse (400) is named beside the field on a 422 page instead.
        let countryError = query.countryValid ? nil : t(.countryInvalid)
        let filter = query.filter
        let cities = try await Self.everyPage { try await services.cities.cities(CityFilter(), page: $0, by: principal) }
        var page = DomainKit.Page<Lead>(items: [], nextCursor: nil)
        do {
            if countryError == nil {
                page = try await services.coordinators.leads(filter, page: try PageRequest.parse(limit: Self.leadPageSize, cursor: request.query("cursor")), by: principal)
            }
        } catch let problem as Problem where problem.status == 400 {
            throw ConsoleError.badRequest
        }
        let countries = Set(cities.map(\.country) + (countryError == nil ? [country].compactMap { $0 } : []))
        let cityNames = Dictionary(uniqueKeysWithValues: cities.map { ($0.id, t.city(ja: $0.nameJa, en: $0.nameEn, country: $0.country)) })
        var owners: [(value: String, label: String)] = []
        if allows(principal.role, "listCoordinators") {
            owners = try await Self.everyPage { try await services.coordinators.coordinators(CoordinatorFilter(), page: $0, by: principal) }
                .map { ($0.id.uuidString.lowercased(), $0.displayName) }
        }
        var content: [HTML] = []
        // After a handover (`/leads/reassign`): how many leads passed, to whom (the list then shows the new owner's).
        if let count = request.query("handedOver").flatMap(Int.init), count > 0, let owner,
           let name = owners.first(where: { $0.value == owner.uuidString.lowercased() })?.label {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.leadsHandedOver, t.number(count), name)))
        }
        content += try await pipelineSection(request)
        var fields: [HTML] = [
            Form.textField(request, name: "q", label: t(.leadWords), value: words, type: "search"),
            Form.select(name: "stage", label: t(.stage), options: [("", t(.leadAnyStage))] + LeadStage.allCases.map { ($0.rawValue, t(LeadPages.stageMessage($0))) },
                        selected: stage?.rawValue ?? ""),
            Form.select(name: "city", label: t(.city), options: [("", t(.leadAnyCity))] + cities.map { ($0.id.uuidString.lowercased(), cityNames[$0.id] ?? "—") },
                        selected: city?.uuidString.lowercased() ?? ""),
        ]
        fields.append(countryError == nil
            ? Form.countrySelect(request, name: "country", label: t(.country), selected: country, none: t(.leadAnyCountry), only: countries)
            : Form.textField(request, name: "country", label: t(.country), value: country, hint: t(.countryHint), error: countryError))
        if !owners.isEmpty {
            fields.append(Form.select(name: "owner", label: t(.leadOwner), options: [("", t(.leadAnyOwner))] + owners, selected: owner?.uuidString.lowercased() ?? ""))
        }
        fields.append(Form.select(name: "inactive", label: t(.leadInactive),
                                  options: [("", t(.leadAnyActivity))] + Self.leadInactiveChoices.map { (String($0), t(.leadInactiveDays, t.number($0))) },
                                  selected: inactive.map(String.init) ?? ""))
        fields.append(el("button", [attr("type", "submit")], t(.search)))
        content.append(Form.errorSummary(request, countryError.map { [("country", $0)] } ?? []))
        content.append(el("form", [attr("method", "get"), attr("action", "/leads"), attr("class", "panel"), attr("role", "search")], fields))
        guard countryError == nil else {
            return Layout.page(request, status: HTTPStatus(code: 422), title: t(.leadsTitle), section: .leads, content)
        }
        content.append(page.items.isEmpty ? el("p", [], t(.leadsNoneFound)) : Table.make(
            caption: t(.leadsFound), captionShown: false, headers: [t(.leadTitle), t(.stage), t(.city), t(.updated), t(.leadDaysInactive)], numeric: [4], compact: [1, 3, 4], stacked: true,
            rows: page.items.map { lead in
                [el("a", [attr("href", "/leads/\(lead.id.uuidString.lowercased())")], lead.title), .text(t(LeadPages.stageMessage(lead.stage))),
                 .text(cityNames[lead.cityId] ?? "—"), .text(t.date(lead.updatedAt)), daysInactive(lead, t)]
            }))
        // An administrator hands one coordinator's active leads to another in one step (a coordinator who leaves).
        if let owner, allows(principal.role, "reassignLeads") {
            content.append(el("p", [], [el("a", [attr("href", "/leads/reassign?from=\(owner.uuidString.lowercased())")], t(.leadHandOverLink))]))
        }
        content += Layout.pager(request, size: Self.leadPageSize, next: Layout.nextListHref("/leads", cursor: page.nextCursor, query.filters))
        content.append(el("p", [], [el("a", [attr("class", "button secondary"), attr("href", Layout.listHref("/leads/export.csv", query.filters)),
                                             attr("download", "")], t(.leadExportLink))]))
        // An administrator sees every coordinator's overdue next actions, a coordinator with a profile its own (the
        // home page shows its first few and links here).
        let seesOverdue = switch principal.role {
        case .admin: true
        case .coordinator: try await services.coordinators.ownProfile(by: principal) != nil
        default: false
        }
        if seesOverdue, allows(principal.role, "listOverdueActions") {
            content += try await allOverdueActions(request, owners: Dictionary(uniqueKeysWithValues: owners.compactMap { pair in
                UUID(uuidString: pair.value).map { ($0, pair.label) }
            }))
        }
        return Layout.page(request, title: t(.leadsTitle), section: .leads, content)
    }

    /// Days without activity, for a lead still worked (`LeadStage.isActive`); a closed or waiting lead does not go cold
    /// (the going-cold filter never lists it), so its cell is a dash that says why to a screen reader.
    private func daysInactive(_ lead: Lead, _ t: Language) -> HTML {
        guard lead.stage.isActive else {
            return .fragment([el("span", [attr("aria-hidden", "true")], "—"), el("span", [attr("class", "visually-hidden")], t(.leadDaysInactiveNotCounted))])
        }
        return .text(t.number(services.coordinators.daysInactive(lead)))
    }

    /// The pipeline: how many leads stand at each stage (for a liaison officer, those its base brought).
    private func pipelineSection(_ request: ConsoleRequest) async throws -> [HTML] {
        let t = request.language
        let pipeline = try await services.coordinators.pipeline(by: .stage, principal: try request.principal)
        let counts = Dictionary(pipeline.groups.map { ($0.key, $0.count) }, uniquingKeysWith: +)
        return [
            el("h2", [], t(.leadPipeline)),
            el("ul", [attr("class", "stat-grid")], LeadStage.allCases.map { stage in
                el("li", [], [
                    el("a", [attr("href", "/leads?stage=\(stage.rawValue)")], [
                        el("span", [attr("class", "value")], t.number(counts[stage.rawValue] ?? 0)), .text(t(LeadPages.stageMessage(stage))),
                    ]),
                ])
            }),
            el("p", [], [el("a", [attr("href", "/leads/pipeline")], t(.pipelineOpen))]),
        ]
    }

    /// Overdue next actions: every coordinator's for an administrator, its own for a coordinator.
    private func allOverdueActions(_ request: ConsoleRequest, owners: [UUID: String]) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let overdue = try await services.coordinators.overdueActions(coordinatorID: nil, limit: PageRequest.limits.upperBound, by: principal)
        let heading = t(principal.role == .admin ? .leadsOverdueAll : .leadsOverdueMine)
        // The API gives at most a page of them, the longest overdue first, and no cursor: a full page says it is cut.
        let cut = overdue.count == PageRequest.limits.upperBound
            ? [el("p", [attr("class", "notice warning")], t(.overdueListCut, t.number(overdue.count)))] : []
        return [el("h2", [attr("id", "overdue")], heading)] + cut + [
            overdue.isEmpty ? el("p", [], t(.noOverdue)) : Table.make(
                caption: heading, captionShown: false,
                headers: [t(.nextAction), t(.leadTitle), t(.leadOwner), t(.dueOn), t(.daysOverdue)], numeric: [4], compact: [3],
                // ux20: stacked on a phone, as the home page's list that links here.
                stacked: true,
                rows: overdue.map { item in
                    [.text(item.activity.nextAction ?? "—"),
                     el("a", [attr("href", "/leads/\(item.activity.leadID.uuidString.lowercased())")], item.leadTitle),
                     .text(owners[item.ownerCoordinatorId] ?? "—"),
                     .text(item.activity.nextActionDueOn.map { t.date($0) } ?? "—"), .text(t.number(item.daysOverdue))]
                }),
        ]
    }
}

/// The leads list's filters as the address gives them: the list and its CSV read the same ones, and both links carry them.
struct LeadListQuery {
    let words: String?
    let stage: LeadStage?
    let city: UUID?
    let owner: UUID?
    let country: String?
    /// 30, 60 or 90: no activity for at least that many days (`Console.leadInactiveChoices`).
    let inactive: Int?

    init(_ request: ConsoleRequest) throws(QueryRefusal) {
        words = Validation.searchWords(request.query("q"))
        stage = try request.choice("stage", LeadStage.init(rawValue:))
        city = try request.choice("city", UUID.init(uuidString:))
        owner = try request.choice("owner", UUID.init(uuidString:))
        inactive = try request.choice("inactive") { Int($0).flatMap { Console.leadInactiveChoices.contains($0) ? $0 : nil } }
        country = request.queryText("country")?.uppercased()
    }

    /// False for a country code the API would refuse (400).
    var countryValid: Bool { country.map(Validation.isCountryCode) ?? true }

    var filter: LeadFilter {
        LeadFilter(stage: stage, cityID: city, ownerCoordinatorID: owner, text: words?.isEmpty == false ? words : nil, country: country, inactiveDays: inactive)
    }

    var filters: [(String, String?)] {
        [("q", words), ("stage", stage?.rawValue), ("city", city?.uuidString.lowercased()), ("owner", owner?.uuidString.lowercased()),
         ("country", country), ("inactive", inactive.map(String.init))]
    }
}
