import Companies
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches
import Postgres

/// A lead's next action and consortium. The next action lives on the lead's latest activity (as in the
/// API: `nextAction` of an activity, done with `nextActionDone`); setting it edits that activity with
/// the version the page showed, so a concurrent edit is refused and explained, not overwritten.
extension Console {
    var leadTeamPages: [Page] {
        [
            Page(.post, "/leads/{id}/next-action",
                 operations: ["getLead", "listLeadHistory", "listLeadActivities", "updateLeadActivity"]) { console, request in
                try await console.setNextAction(request, done: false)
            },
            Page(.post, "/leads/{id}/next-action/done",
                 operations: ["getLead", "listLeadHistory", "listLeadActivities", "updateLeadActivity"]) { console, request in
                try await console.setNextAction(request, done: true)
            },
            Page(.post, "/leads/{id}/companies",
                 operations: ["getLead", "listLeadHistory", "listLeadActivities", "addLeadCompany"]) { console, request in
                try await console.addMember(request)
            },
            Page(.post, "/leads/{id}/companies/{companyId}/remove",
                 operations: ["getLead", "listLeadHistory", "listLeadActivities", "removeLeadCompany"]) { console, request in
                let id = try request.pathUUID("id")
                try await console.services.coordinators.removeCompany(try request.pathUUID("companyId"), from: id, by: try request.principal)
                return Layout.seeOther("/leads/\(id.uuidString.lowercased())?removed=1#consortium")
            },
        ]
    }

    /// The next action section: the open one (on the latest activity that has one), overdue or not,
    /// a form to set it and a button to mark it done.
    func nextActionSection(
        _ request: ConsoleRequest, path: String, activities: [LeadActivity], canWrite: Bool, refused: LeadFormRefusal?
    ) -> [HTML] {
        let t = request.language
        var content: [HTML] = [el("h2", [attr("id", "next-action")], t(.nextAction))]
        let open = activities.last { $0.nextAction != nil && $0.nextActionDone != true }
        if let open, let action = open.nextAction {
            var due: [HTML] = []
            if let day = open.nextActionDueOn {
                due.append(.text(" " + t(.dueOnDate, t.date(day))))
                if day < CalendarDate(inJapanAt: request.now) { due.append(el("span", [attr("class", "tag warning")], t(.overdue))) }
            }
            content.append(el("p", [attr("class", "next-action")], [el("strong", [], action)] + due))
        } else {
            content.append(el("p", [], t(.noNextAction)))
        }
        guard canWrite else { return content }
        guard let target = open ?? activities.last else {
            content.append(el("p", [attr("class", "explain")], t(.nextActionNeedsActivity)))
            return content
        }
        let identity: [HTML] = [
            Layout.csrfField(request),
            .void("input", [attr("type", "hidden"), attr("name", "activityId"), attr("value", target.id.uuidString.lowercased())]),
            .void("input", [attr("type", "hidden"), attr("name", "activityVersion"), attr("value", String(target.version))]),
        ]
        content.append(el("form", [attr("method", "post"), attr("action", "\(path)/next-action"), attr("class", "panel"), flag("novalidate")], identity + [
            Form.textField(request, name: "nextActionText", label: t(.nextActionWhat),
                           value: refused?.typed("nextActionText", in: .nextAction, request) ?? open?.nextAction, required: true,
                           error: refused?.error("nextActionText", in: .nextAction)),
            Form.textField(request, name: "nextActionDue", label: t(.dueOn),
                           value: refused?.typed("nextActionDue", in: .nextAction, request) ?? open?.nextActionDueOn?.description, type: "date",
                           error: refused?.error("nextActionDue", in: .nextAction)),
            el("button", [attr("type", "submit")], t(.setNextAction)),
        ]))
        if open != nil {
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/next-action/done")], identity + [
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.nextActionDoneButton)),
            ]))
        }
        return content
    }

    func setNextAction(_ request: ConsoleRequest, done: Bool) async throws -> HTTPResponse {
        let id = try request.pathUUID("id")
        guard let activity = request.formValue("activityId").flatMap(UUID.init(uuidString:)),
              let version = request.formValue("activityVersion").flatMap(Int.init) else { throw ConsoleError.badRequest }
        let text = request.formText("nextActionText")
        let due = request.formText("nextActionDue")
        let t = request.language
        let refusal = { (errors: [(field: String, message: String)]) in LeadFormRefusal(form: .nextAction, errors: errors) }
        if !done, text == nil {
            return try await leadPage(request, move: nil, refused: refusal([("nextActionText", t(.nextActionRequired))]), status: HTTPStatus(code: 422))
        }
        var dueDate: CalendarDate?
        if let due {
            guard let parsed = CalendarDate(due) else {
                return try await leadPage(request, move: nil, refused: refusal([("nextActionDue", t(.dateInvalid))]), status: HTTPStatus(code: 422))
            }
            dueDate = parsed
        }
        let principal = try request.principal
        // The activity must be one of this lead's (reading them checks the lead's visibility first).
        // Read newest first, as the lead's page does (ux20): the form names the newest activities, which reading oldest
        // first up to `listCeiling` missed on a lead with more (a 404).
        let own = try await Self.first({ try await services.coordinators.activities(of: id, page: $0, order: .newest, by: principal) },
                                       where: { $0.id == activity })
        guard own != nil else { throw ConsoleError.notFound }
        do {
            _ = try await services.coordinators.updateActivity(activity, ifVersion: version, by: principal) { draft in
                if done {
                    draft.nextActionDone = true
                } else {
                    draft.nextAction = text
                    draft.nextActionDueOn = dueDate
                    draft.nextActionDone = false
                }
            }
        } catch RecordError.staleVersion {
            return try await leadPage(request, move: nil, refused: refusal([]), notice: .activityChanged, status: HTTPStatus(code: 409))
        } catch RecordError.invalid {
            return try await leadPage(request, move: nil, refused: refusal([("nextActionText", t(.nextActionInvalid))]), status: HTTPStatus(code: 422))
        }
        return Layout.seeOther("/leads/\(id.uuidString.lowercased())?\(done ? "actionDone" : "actionSet")=1#next-action")
    }

    /// The consortium section: companies on the lead with their roles, and a form to add one of the
    /// companies ranked for the lead's needs.
    func consortiumSection(_ request: ConsoleRequest, lead: Lead, path: String) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let consortium = try await services.coordinators.consortium(of: lead.id, by: principal)
        var content: [HTML] = [el("h2", [attr("id", "consortium")], t(.consortiumMembers))]
        let canWrite = allows(principal.role, "addLeadCompany")
        var rows: [[HTML]] = []
        for member in consortium.companies {
            let company = try? await services.companies.company(member.companyId, by: principal)
            let name = t.pick(ja: company?.nameJa, en: company?.nameEn)
            let link = "/companies/\(member.companyId.uuidString.lowercased())"
            var row: [HTML] = [
                el("a", [attr("href", link)], [NeedPages.recordText(request, name)]),
                .text(t(LeadPages.roleMessage(member.role))),
            ]
            if canWrite {
                row.append(el("form", [attr("method", "post"), attr("action", "\(path)/companies/\(member.companyId.uuidString.lowercased())/remove")], [
                    Layout.csrfField(request),
                    el("button", [attr("type", "submit"), attr("class", "secondary"), attr("aria-label", t(.removeMemberFor, name.text))], t(.removeMember)),
                ]))
            }
            rows.append(row)
        }
        content.append(rows.isEmpty ? el("p", [], t(.noConsortiumMembers)) : Table.make(
            caption: t(.consortiumMembers), captionShown: false,
            headers: [t(.company), t(.consortiumRole)] + (canWrite ? [t(.removeMember)] : []), numeric: [], compact: [1], rows: rows))
        guard canWrite, allows(principal.role, "listNeedMatches") else { return content }
        // Candidates: the companies ranked for the lead's needs, best first, not yet on the lead.
        var candidates: [(value: String, label: String)] = []
        var seen = Set(consortium.companies.map(\.companyId))
        for need in lead.needIds.prefix(5) {
            guard let ranked = try? await services.matches.matches(for: need, filter: MatchFilter(limit: 10), by: principal) else { continue }
            for match in ranked.items where seen.insert(match.companyId).inserted {
                candidates.append((match.companyId.uuidString.lowercased(), t.pick(ja: match.companyNameJa, en: match.companyNameEn).text))
            }
        }
        guard !candidates.isEmpty else {
            content.append(el("p", [attr("class", "explain")], t(.noMemberCandidates)))
            return content
        }
        content.append(el("form", [attr("method", "post"), attr("action", "\(path)/companies"), attr("class", "panel")], [
            Layout.csrfField(request),
            Form.select(name: "companyId", label: t(.memberCandidate), options: candidates, selected: nil),
            Form.select(name: "role", label: t(.consortiumRole), options: ConsortiumRole.allCases.map { ($0.rawValue, t(LeadPages.roleMessage($0))) },
                        selected: ConsortiumRole.partner.rawValue),
            el("button", [attr("type", "submit")], t(.addMember)),
        ]))
        return content
    }

    func addMember(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let id = try request.pathUUID("id")
        guard let company = request.formValue("companyId").flatMap(UUID.init(uuidString:)),
              let role = ConsortiumRole(rawValue: request.formValue("role") ?? "") else { throw ConsoleError.badRequest }
        do {
            _ = try await services.coordinators.addCompany(LeadCompanyDraft(companyId: company, role: role), to: id, by: try request.principal)
        } catch RecordError.conflict {
            return try await leadPage(request, move: nil, notice: .memberExists, status: HTTPStatus(code: 409))
        } catch RecordError.invalid {
            return try await leadPage(request, move: nil, notice: .memberInvalid, status: HTTPStatus(code: 422))
        }
        return Layout.seeOther("/leads/\(id.uuidString.lowercased())?added=1#consortium")
    }
}
