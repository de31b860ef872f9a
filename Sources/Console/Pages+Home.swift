import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// The home page: for a coordinator, its leads by stage, its overdue next actions and the needs
/// reported this month; for the other roles, where their work is, and its first screen (`roleSections`).
extension Console {
    var homePages: [Page] {
        [Page(.get, "/", operations: []) { console, request in try await console.home(request) }]
    }

    func home(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        var content: [HTML] = []
        if principal.role == .coordinator {
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/needs/new")], t(.addNeed)),
                el("a", [attr("class", "button secondary"), attr("href", "/companies/new")], t(.addCompanyTitle)),
            ]))
            content += try await coordinatorSections(request)
        } else {
            content.append(el("p", [attr("class", "lead-text")], t(homeIntro(principal.role))))
            content.append(el("ul", [], homeLinks(request).map { href, label in el("li", [], [el("a", [attr("href", href)], label)]) }))
            content += try await roleSections(request)
        }
        if allows(principal.role, "listNeeds") {
            content += try await recentNeeds(request)
        }
        return Layout.page(request, title: t(.homeTitle), section: .home, content)
    }

    private func homeIntro(_ role: Role) -> Message {
        switch role {
        case .liaison: .homeIntroLiaison
        case .company: .homeIntroCompany
        case .organizer: .homeIntroOrganizer
        case .viewer: .homeIntroViewer
        case .admin, .coordinator: .homeIntroAdmin
        }
    }

    private func homeLinks(_ request: ConsoleRequest) -> [(String, String)] {
        let t = request.language
        guard let principal = request.session?.principal else { return [] }
        var links: [(String, String)] = []
        // Each link only for a role the page table lets open the page (`mayOpen`), the rule the header follows too.
        // ux13: an organizer's day starts at its events (the home page once said they were "coming soon").
        if mayOpen(principal.role, "/conventions") { links.append(("/conventions", t(.navConventions))) }
        if mayOpen(principal.role, "/conventions/events/new") { links.append(("/conventions/events/new", t(.newEventButton))) }
        if mayOpen(principal.role, "/needs") { links.append(("/needs", t(.navNeeds))) }
        if mayOpen(principal.role, "/needs/new") { links.append(("/needs/new", t(.addNeed))) }
        if principal.role == .company, let company = principal.companyID, mayOpen(principal.role, Layout.ownCompanyTemplate) {
            links.append(("/companies/\(company.uuidString.lowercased())", t(.navCompany)))
        }
        if mayOpen(principal.role, "/kpi") { links.append(("/kpi", t(.navKPI))) }
        if mayOpen(principal.role, "/users") { links.append(("/users", t(.navUsers))) }
        if mayOpen(principal.role, "/companies/new") { links.append(("/companies/new", t(.addCompanyTitle))) }
        return links
    }

    /// My leads by stage and my overdue next actions (a coordinator's own, as the API gives them).
    private func coordinatorSections(_ request: ConsoleRequest) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        guard let profile = try await services.coordinators.ownProfile(by: principal) else {
            return [el("p", [attr("class", "notice warning")], t(.noCoordinatorProfile))]
        }
        // Every page: the counts by stage are of all the coordinator's leads, not of the first hundred.
        let leads = try await Self.everyPage { try await services.coordinators.leads(LeadFilter(ownerCoordinatorID: profile.id), page: $0, by: principal) }
        // Read up to the API's most, so the page can say how many it does not show, and where they are.
        let overdue = try await services.coordinators.overdueActions(coordinatorID: nil, limit: PageRequest.limits.upperBound, by: principal)
        var content: [HTML] = [el("h2", [], t(.myLeadsByStage))]
        let byStage = Dictionary(grouping: leads, by: \.stage)
        content.append(el("ul", [attr("class", "stat-grid")], LeadStage.allCases.filter { byStage[$0] != nil || $0.isActive }.map { stage in
            el("li", [], [el("span", [attr("class", "value")], t.number(byStage[stage]?.count ?? 0)), .text(t(LeadPages.stageMessage(stage)))])
        }))
        if leads.isEmpty {
            content.append(el("p", [], t(.noLeads)))
        } else {
            content.append(Table.make(
                caption: t(.myLeads), captionShown: false,
                headers: [t(.leadTitle), t(.stage), t(.updated)],
                numeric: [], compact: [1, 2],
                rows: leads.sorted { $0.updatedAt > $1.updatedAt }.map { lead in
                    [el("a", [attr("href", "/leads/\(lead.id.uuidString.lowercased())")], lead.title),
                     .text(t(LeadPages.stageMessage(lead.stage))), .text(t.date(lead.updatedAt))]
                }))
        }
        content.append(el("h2", [], t(.overdueActions)))
        if overdue.isEmpty {
            content.append(el("p", [], t(.noOverdue)))
        } else {
            content.append(Table.make(
                caption: t(.overdueActions), captionShown: false, headers: [t(.nextAction), t(.leadTitle), t(.dueOn), t(.daysOverdue)], numeric: [3], compact: [2],
                // ux20: stacked on a phone, where four columns wrapped a next action and a lead's name a word a line.
                stacked: true,
                rows: overdue.prefix(Self.homeOverdueShown).map { item in
                    [.text(item.activity.nextAction ?? "—"),
                     el("a", [attr("href", "/leads/\(item.activity.leadID.uuidString.lowercased())")], item.leadTitle),
                     .text(item.activity.nextActionDueOn.map { t.date($0) } ?? "—"), .text(t.number(item.daysOverdue))]
                }))
            content += Self.seeAll(request, href: "/leads#overdue", shown: Self.homeOverdueShown, read: overdue.count,
                                   more: overdue.count == PageRequest.limits.upperBound, .homeOverdueSeeAll, orMore: .homeOverdueSeeAllMore)
        }
        return content
    }

    /// Needs reported since the first day of this month in Japan.
    private func recentNeeds(_ request: ConsoleRequest) async throws -> [HTML] {
        let t = request.language
        let today = CalendarDate(inJapanAt: request.now)
        let monthStart = CalendarDate(year: today.year, month: today.month, day: 1) ?? today
        let since = monthStart.startInJapan
        let page = try await services.cities.needs(
            CityNeedFilter(reportedSince: since), page: PageRequest(limit: PageRequest.limits.upperBound), by: try request.principal)
        var content: [HTML] = [el("h2", [], t(.needsThisMonth))]
        if page.items.isEmpty {
            content.append(el("p", [], t(.noNeedsThisMonth)))
        } else {
            content.append(NeedPages.table(request, Array(page.items.prefix(Self.homeNeedsShown)), caption: t(.needsThisMonth), captionShown: false))
            content += Self.seeAll(request, href: "/needs?\(NeedPages.sinceField)=\(monthStart)", shown: Self.homeNeedsShown, read: page.items.count,
                                   more: page.nextCursor != nil, .homeNeedsSeeAll, orMore: .homeNeedsSeeAllMore)
        }
        return content
    }

    static let homeOverdueShown = 20
    static let homeNeedsShown = 50

    /// Under a home-page list that shows the first `shown` of the `read` rows: a link to the list of them all, saying how
    /// many more there are ("or more" when `more`: the read stopped at the API's page, not at the list's end).
    static func seeAll(
        _ request: ConsoleRequest, href: String, shown: Int, read: Int, more: Bool, _ exact: Message, orMore: Message
    ) -> [HTML] {
        guard read > shown || more else { return [] }
        let t = request.language
        return [el("p", [attr("class", "see-all")], [el("a", [attr("href", href)], t(more ? orMore : exact, t.number(read - shown)))])]
    }
}
