import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches

/// The business-match records of a need, a lead or a company, listed on that page for the roles that
/// read them (`listMatches`; a company user only its own company's, the service's rule), each row
/// linking to the record; and the small form that starts "record a business match" there.
extension Console {
    /// Which column names the record: the company (on a need's or a lead's page) or what it concerns
    /// (on a company's page).
    enum MatchListColumn { case company, subject }

    /// The query field that carries the section's own cursor (not `cursor`, which numbers a list page's title):
    /// a company with years of records reads them a hundred at a time, as /needs does, not all on its page.
    static let matchCursorField = "matchCursor"
    static let matchPageSize = 100

    /// The section on the page at `path`, a hundred records from `matchCursor` on, with the link to the next hundred.
    func matchRecordsSection(
        _ request: ConsoleRequest, path: String, filter: BusinessMatchFilter, column: MatchListColumn, start: HTML? = nil
    ) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        guard allows(principal.role, "listMatches") else { return [] }
        let cursor = request.http.method == .get ? request.query(Self.matchCursorField) : nil
        let page = try await services.matches.businessMatches(filter, page: try PageRequest.parse(limit: Self.matchPageSize, cursor: cursor), by: principal)
        let records = page.items
        var content: [HTML] = [el("h2", [attr("id", "matches")], t(.matchRecordsTitle))]
        var rows: [[HTML]] = []
        for record in records {
            let label: HTML
            switch column {
            case .company:
                label = NeedPages.recordText(request, Self.matchCompanyName(request, record))
            case .subject:
                label = try await matchSubjectLabel(request, record)
            }
            rows.append([
                el("a", [attr("href", "/matches/\(record.id.uuidString.lowercased())")], [label]),
                .text(MatchPages.statusWord(record.status, t)),
                .text(t(MatchPages.channelMessage(record.channel))),
                .text(t.date(record.updatedAt)),
            ])
        }
        content.append(rows.isEmpty ? el("p", [], t(.noMatchRecords)) : Table.make(
            caption: t(.matchRecordsTitle), captionShown: false,
            headers: [t(column == .company ? .company : .matchSubject), t(.status), t(.matchChannel), t(.matchLastChange)],
            numeric: [], compact: [1, 2, 3], stacked: true, rows: rows))
        content += Layout.pager(request, size: Self.matchPageSize, next: page.nextCursor.map {
            "\(path)?\(Self.matchCursorField)=\(Layout.percentEncoded($0))#matches"
        }, cursorField: Self.matchCursorField, anchor: "matches")
        if let start, allows(principal.role, "createMatch") { content.append(start) }
        return content
    }

    /// What a record concerns, for a company's page: the need's title, else the lead's, else the city.
    private func matchSubjectLabel(_ request: ConsoleRequest, _ record: BusinessMatch) async throws -> HTML {
        let t = request.language
        let principal = try request.principal
        if let need = record.needId, let found = try? await services.cities.need(need, by: principal) {
            return NeedPages.recordText(request, t.pick(ja: found.titleJa, en: found.titleEn))
        }
        if let lead = record.leadId, allows(principal.role, "getLead"), let found = try? await services.coordinators.lead(lead, by: principal) {
            return .text(found.title)
        }
        if let city = record.cityId, let found = try? await services.cities.city(city, by: principal) {
            return .text(t.pick(ja: found.nameJa, en: found.nameEn).text)
        }
        return .text(t(.matchRecordWord))
    }

    /// The form that opens "record a business match" for one of `companies`: a GET to the record's form,
    /// which carries the need (from the ranking) or the lead it starts from.
    static func startMatchForm(
        _ request: ConsoleRequest, companies: [(value: String, label: String)], need: UUID?, lead: UUID?, fromRanking: Bool
    ) -> HTML? {
        guard !companies.isEmpty else { return nil }
        let t = request.language
        var hidden: [HTML] = []
        for (name, value) in [("need", need?.uuidString.lowercased()), ("lead", lead?.uuidString.lowercased()), ("from", fromRanking ? "ranking" : nil)] {
            if let value { hidden.append(.void("input", [attr("type", "hidden"), attr("name", name), attr("value", value)])) }
        }
        return el("form", [attr("method", "get"), attr("action", "/matches/new"), attr("class", "panel")], hidden + [
            Form.select(name: "company", label: t(.matchCompanyToRecord), options: companies, selected: nil),
            el("button", [attr("type", "submit")], t(.recordMatch)),
        ])
    }
}

extension Console {
    /// A lead's records, and "record a business match" for a company of its consortium (with the
    /// lead's need when it has exactly one, so the record shows on the need's page too).
    func leadMatchRecords(_ request: ConsoleRequest, lead: Lead) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        var members: [(value: String, label: String)] = []
        if allows(principal.role, "createMatch") {
            for member in try await services.coordinators.consortium(of: lead.id, by: principal).companies {
                members.append((member.companyId.uuidString.lowercased(), try await matchCompanyName(request, member.companyId).text))
            }
        }
        let start = Self.startMatchForm(request, companies: members, need: lead.needIds.count == 1 ? lead.needIds.first : nil, lead: lead.id, fromRanking: false)
        var content = try await matchRecordsSection(
            request, path: "/leads/\(lead.id.uuidString.lowercased())", filter: BusinessMatchFilter(leadId: lead.id), column: .company, start: start)
        if start == nil, allows(principal.role, "createMatch") { content.append(el("p", [attr("class", "explain")], t(.matchNeedsMember))) }
        return content
    }
}
