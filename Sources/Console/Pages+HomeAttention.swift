import Companies
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Jobs
import Mail

/// What waits for an administrator (home32): each kind of work a count and a link to the page where it is done, read by
/// the same service call, with the same filter, as that page lists it, so the count is what the page shows. Shown only
/// when some waits; when none does, one line says so.
extension Console {
    /// The most a count reads: past it the item says "or more" (each count is one bounded read of the linked list).
    static let attentionCountCap = 100

    func adminAttention(_ request: ConsoleRequest) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let cap = Self.attentionCountCap
        var items: [(href: String, message: Message, named: [String], count: Int, more: Bool)] = []
        if mayOpen(principal.role, "/applications") {
            let waiting = try await services.companies.waitingApplications(limit: 0, by: principal).total
            items.append(("/applications", .attentionApplications, [], waiting, false))
        }
        if mayOpen(principal.role, "/leads"), allows(principal.role, "reassignLeads") {
            // Each stranded owner its own line: the leads list filters by one owner, and offers the hand-over there.
            for owner in try await services.coordinators.strandedOwnersOfActiveLeads(by: principal) {
                items.append(("/leads?owner=\(owner.id.uuidString.lowercased())", .attentionStrandedOwner, [owner.displayName], owner.activeLeads, false))
            }
        }
        if mayOpen(principal.role, "/jobs") {
            let failed = try await services.jobs.jobs(JobFilter(state: .discarded), limit: cap, cursor: nil, by: principal)
            items.append(("/jobs?state=\(JobState.discarded.rawValue)", .attentionJobsDiscarded, [], failed.items.count, failed.nextCursor != nil))
        }
        if mayOpen(principal.role, "/mail") {
            for (state, message) in [(MailState.failed, Message.attentionMailFailed), (.bounced, .attentionMailBounced)] {
                let undelivered = try await services.mail.deliveries(state: state, reference: nil, limit: cap, cursor: nil, by: principal)
                items.append(("/mail?state=\(state.rawValue)", message, [], undelivered.items.count, undelivered.nextCursor != nil))
            }
        }
        let waiting = items.filter { $0.count > 0 }
        var content: [HTML] = [el("h2", [], t(.attentionHeading))]
        guard !waiting.isEmpty else {
            content.append(el("p", [], t(.attentionNone)))
            return content
        }
        content.append(el("ul", [attr("class", "attention")], waiting.map { item in
            let count = item.more ? t(.attentionOrMore, t.number(item.count)) : t.number(item.count)
            return el("li", [], [el("a", [attr("href", item.href)], t(item.message, arguments: item.named + [count]))])
        }))
        return content
    }

    /// When the company's profile was last saved or confirmed, and, past `CompanyService.profileReviewPeriod` by the
    /// programme clock, a request to check it with the edit form and a button saying it is still current. For those who
    /// may edit the profile only (its own users, managers): the caller decides.
    static func profileFreshness(_ request: ConsoleRequest, _ company: Company, heading: Bool) -> [HTML] {
        let t = request.language
        let path = "/companies/\(company.id.uuidString.lowercased())"
        var content: [HTML] = heading ? [el("h2", [], t(.profileHeading))] : []
        content.append(el("p", [attr("class", "profile-reviewed")], t(.profileLastChanged, t.date(company.profileReviewedAt))))
        guard company.profileNeedsReview(at: request.now) else { return content }
        let days = Int(CompanyService.profileReviewPeriod / 86_400)
        content.append(el("div", [attr("class", "notice warning"), attr("role", "status")], [
            el("p", [], t(.profileReviewRequest, t.number(days))),
            el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/edit")], t(.editCompanyTitle))]),
            el("form", [attr("method", "post"), attr("action", "\(path)/profile-confirmed")], [
                Layout.csrfField(request),
                .void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(company.version))]),
                el("button", [attr("type", "submit")], t(.profileConfirmButton)),
            ]),
        ]))
        return content
    }
}
