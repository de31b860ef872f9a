import Cities
import Companies
import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer
import KPI
import Matches
import Postgres

/// What the home page shows a role beyond its links (s27): a council member or an administrator the year's four KPIs, an
/// administrator what waits for it (home32), an organizer the events it runs next, a company user when its profile was
/// last changed (home32) and the open needs that fit its company. Each is the first screen of
/// that person's work, read from the same services as the full page it links to, under the same rules.
extension Console {
    func roleSections(_ request: ConsoleRequest) async throws -> [HTML] {
        let principal = try request.principal
        var content: [HTML] = []
        if principal.role == .admin { content += try await adminAttention(request) }
        if principal.role == .organizer { content += try await comingEvents(request) }
        if principal.role == .company, let company = principal.companyID, mayOpen(principal.role, Layout.ownCompanyTemplate) {
            let record = try await services.companies.company(company, by: principal)
            if canEdit(company: company, principal) {
                content += mayChange(record, principal) ? Self.profileFreshness(request, record, heading: true)
                    : [el("h2", [], request.language(.profileHeading)), el("p", [attr("class", "notice warning"), attr("role", "status")], request.language(.companyArchivedNotice))]
            }
            // An archived company is not ranked (the matcher leaves it out), so it has no needs that fit.
            if !record.archived { content += try await fittingNeeds(request, company: company) }
        }
        if principal.role != .coordinator, mayOpen(principal.role, "/kpi") { content += try await kpiGlance(request) }
        return content
    }

    static let homeEventsShown = 5
    static let homeOpportunitiesShown = 5

    /// This fiscal year's four KPIs as the dashboard counts them: the figure against the year's target, and the rating.
    private func kpiGlance(_ request: ConsoleRequest) async throws -> [HTML] {
        let t = request.language
        let year = FiscalYear(containing: request.now)
        let overview = try await services.kpi.overview(fiscalYear: year.startYear)
        let caption = t(.homeKPIHeading, t.fiscalYear(year))
        return [
            el("h2", [], caption),
            Table.make(
                caption: caption, captionShown: false, headers: [t(.kpi), t(.actual), t(.target), t(.rating)], numeric: [1, 2], stacked: true,
                rows: overview.kpis.map { figure in
                    [.text("\(figure.number). " + (t == .ja ? figure.nameJa : figure.nameEn)),
                     el("a", [attr("href", "/kpi/\(figure.code)/records?fy=\(year.startYear)")], t.number(figure.count)),
                     .text(figure.target.map { t.number($0) } ?? "—"),
                     KPICharts.stars(request, figure.rating)]
                }),
            el("p", [attr("class", "see-all")], [el("a", [attr("href", "/kpi")], t(.homeKPISeeAll))]),
        ]
    }

    /// The organizer's events not over yet, soonest first, with their seats, and the check-in desk while one runs today.
    private func comingEvents(_ request: ConsoleRequest) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        // Latest start first: the coming events are at the head of the list, so the first page holds them.
        let page = try await services.conventions.events(
            EventFilter(organizedBy: principal.userID, order: .latestStart), page: PageRequest(limit: PageRequest.limits.upperBound), by: principal)
        let coming = page.items.filter { $0.endsAt > request.now }.sorted { ($0.startsAt, $0.id.uuidString) < ($1.startsAt, $1.id.uuidString) }
        var content: [HTML] = [el("h2", [], t(.homeEventsHeading))]
        guard !coming.isEmpty else {
            content.append(el("p", [], [.text(t(.homeNoEvents) + " "), el("a", [attr("href", "/conventions")], t(.homeEventsAll))]))
            return content
        }
        let today = CalendarDate(inJapanAt: request.now)
        content.append(Table.make(
            caption: t(.homeEventsHeading), captionShown: false,
            headers: [t(.eventTitle), t(.guestWhen), t(.attendInPerson), t(.attendOnline), t(.homeEventDesk)],
            numeric: [2, 3], compact: [1], stacked: true,
            rows: coming.prefix(Self.homeEventsShown).map { event in
                let path = "/conventions/events/\(event.id.uuidString.lowercased())"
                let running = CalendarDate(inJapanAt: event.startsAt) <= today && today <= CalendarDate(inJapanAt: event.endsAt.addingTimeInterval(-1))
                return [el("a", [attr("href", path)], GuestPages.title(of: event, in: t)),
                        .text(t.date(event.startsAt)), .text(Self.seats(event.inPersonSeats, t)), .text(Self.seats(event.onlineSeats, t)),
                        running ? el("a", [attr("href", path + "/desk")], t(.homeEventOpenDesk)) : .text("—")]
            }))
        content += Self.seeAll(request, href: "/conventions", shown: Self.homeEventsShown, read: coming.count, more: false,
                               .homeEventsSeeAll, orMore: .homeEventsSeeAll)
        return content
    }

    /// The open needs that fit the user's company best (the opportunities page's first rows), with what matched.
    private func fittingNeeds(_ request: ConsoleRequest, company: UUID) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let list = try await services.matches.opportunities(for: company, limit: Self.homeOpportunitiesShown, by: principal)
        let href = "/companies/\(company.uuidString.lowercased())/opportunities"
        var content: [HTML] = [el("h2", [], t(.homeOpportunitiesHeading)), el("p", [attr("class", "explain")], t(.homeOpportunitiesExplained, t.number(Self.homeOpportunitiesShown)))]
        guard !list.items.isEmpty else {
            content.append(el("p", [], t(.noOpportunities)))
            return content
        }
        let cities = Dictionary(try await everyCity(by: principal).map { ($0.id, t.pick(ja: $0.nameJa, en: $0.nameEn).text) },
                                uniquingKeysWith: { first, _ in first })
        let needLink = try await openNeedLinks(request)
        content.append(Table.make(
            caption: t(.homeOpportunitiesHeading), captionShown: false, headers: [t(.needTitle), t(.city)], numeric: [], compact: [1],
            rows: list.items.map { item in
                [needLink(item.needId, item.title), .text(cities[item.cityId] ?? "—")]
            }))
        content.append(el("p", [attr("class", "see-all")], [el("a", [attr("href", href)], t(.opportunitiesLink))]))
        return content
    }
}
