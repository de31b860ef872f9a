import Cities
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches

/// A coordinator's work on a need's ranking: pin or exclude a company with a reason (the API's
/// decisions), and a proposed consortium that covers what the need asks for, from which a lead can
/// start with its companies already on it.
extension Console {
    var decisionPages: [Page] {
        [
            Page(.post, "/needs/{id}/decisions", operations: ["getNeed", "getTaxonomy", "getCity", "listNeedDecisions", "putNeedDecision"]) { console, request in
                try await console.decide(request)
            },
            Page(.post, "/needs/{id}/decisions/{companyId}/remove",
                 operations: ["getNeed", "getTaxonomy", "getCity", "listNeedDecisions", "deleteNeedDecision"]) { console, request in
                try await console.removeDecision(request)
            },
            Page(.get, "/needs/{id}/consortium", operations: ["getNeed", "getTaxonomy", "proposeConsortium"]) { console, request in
                try await console.consortiumPage(request)
            },
        ]
    }

    /// What the person submitted with a refused pin or exclusion, kept in the form.
    struct DecisionAttempt: Sendable {
        var company: String
        var decision: String
        var reason: String
        var error: Message
        /// Someone else decided about this company after the page was opened.
        var stale: Bool
    }

    /// The decisions section of a need's page: the current pins and exclusions with their reasons,
    /// and the form to pin or exclude one of the ranked companies.
    func decisionSection(_ request: ConsoleRequest, need: UUID, ranked: [MatchSuggestion], attempt: DecisionAttempt?) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let decisions = try await services.matches.decisions(for: need, by: principal)
        let path = "/needs/\(need.uuidString.lowercased())"
        var names: [UUID: (text: String, fallback: Bool)] = [:]
        for match in ranked { names[match.companyId] = t.pick(ja: match.companyNameJa, en: match.companyNameEn) }
        for decision in decisions where names[decision.companyId] == nil {
            let company = try? await services.companies.company(decision.companyId, by: principal)
            names[decision.companyId] = t.pick(ja: company?.nameJa, en: company?.nameEn)
        }
        var content: [HTML] = [el("h2", [attr("id", "decisions")], t(.decisionsTitle)), el("p", [attr("class", "explain")], t(.decisionsExplained))]
        if request.query("decided") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.decisionSaved))) }
        if request.query("undecided") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.decisionRemoved))) }
        if let attempt {
            content.append(attempt.stale
                ? el("p", [attr("class", "notice warning"), attr("role", "alert")], t(attempt.error))
                : Form.errorSummary(request, [("reason", t(attempt.error))]))
        }
        content.append(decisions.isEmpty ? el("p", [], t(.noDecisions)) : Table.make(
            caption: t(.decisionsTitle), captionShown: false, headers: [t(.company), t(.decisionKind), t(.decisionReason), t(.decisionUndo)],
            numeric: [], compact: [1],
            rows: decisions.map { decision in
                let name = names[decision.companyId] ?? ("—", false)
                let company = decision.companyId.uuidString.lowercased()
                return [
                    el("a", [attr("href", "/companies/\(company)")], [NeedPages.recordText(request, name)]),
                    .text(t(decision.decision == .pinned ? .decisionPinned : .decisionExcluded)),
                    .text(decision.reason),
                    el("form", [attr("method", "post"), attr("action", "\(path)/decisions/\(company)/remove")], [
                        Layout.csrfField(request),
                        .void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(decision.version))]),
                        el("button", [attr("type", "submit"), attr("class", "secondary"),
                                      attr("aria-label", t(.decisionUndoFor, name.text))], t(.decisionUndo)),
                    ]),
                ]
            }))
        let candidates = ranked.map { ($0.companyId.uuidString.lowercased(), names[$0.companyId]?.text ?? "—") }
            + decisions.filter { decision in !ranked.contains { $0.companyId == decision.companyId } }
            .map { ($0.companyId.uuidString.lowercased(), names[$0.companyId]?.text ?? "—") }
        guard !candidates.isEmpty else { return content }
        content.append(el("form", [attr("method", "post"), attr("action", "\(path)/decisions"), attr("class", "panel"), flag("novalidate")], [
            Layout.csrfField(request),
            // The version of each decision the page showed: replacing one someone changed since is refused.
            .fragment(decisions.map { decision in
                .void("input", [attr("type", "hidden"), attr("name", "version-\(decision.companyId.uuidString.lowercased())"),
                                attr("value", String(decision.version))])
            }),
            Form.select(name: "companyId", label: t(.company), options: candidates, selected: attempt?.company),
            Form.select(name: "decision", label: t(.decisionKind),
                        options: [("pinned", t(.decisionPinned)), ("excluded", t(.decisionExcluded))], selected: attempt?.decision),
            Form.textField(request, name: "reason", label: t(.decisionReason), value: attempt?.reason, hint: t(.decisionReasonHint),
                           required: true, error: attempt.flatMap { $0.stale ? nil : t($0.error) }),
            el("button", [attr("type", "submit")], t(.decideButton)),
        ]))
        return content
    }

    func decide(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let need = try request.pathUUID("id")
        guard let companyText = request.formValue("companyId"), let company = UUID(uuidString: companyText),
              let kind = DecisionKind(rawValue: request.formValue("decision") ?? "") else {
            throw ConsoleError.badRequest
        }
        let reason = request.formValue("reason")?.trimmed ?? ""
        let version = request.formValue("version-\(companyText.lowercased())").flatMap(Int.init)
        var attempt = DecisionAttempt(company: companyText.lowercased(), decision: kind.rawValue, reason: reason, error: .decisionReasonRequired, stale: false)
        do {
            _ = try await services.matches.decide(
                NeedCompanyDecisionDraft(decision: kind, reason: reason), need: need, company: company, ifVersion: version, by: try request.principal)
            return Layout.seeOther("/needs/\(need.uuidString.lowercased())?decided=1#decisions")
        } catch RecordError.invalid {
            return try await needDetail(request, decision: attempt, status: HTTPStatus(code: 422))
        } catch RecordError.staleVersion, RecordError.conflict, RecordError.versionRequired {
            (attempt.error, attempt.stale) = (.decisionChanged, true)
            return try await needDetail(request, decision: attempt, status: HTTPStatus(code: 409))
        }
    }

    func removeDecision(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let need = try request.pathUUID("id")
        let company = try request.pathUUID("companyId")
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        do {
            try await services.matches.removeDecision(need: need, company: company, ifVersion: version, by: try request.principal)
            return Layout.seeOther("/needs/\(need.uuidString.lowercased())?undecided=1#decisions")
        } catch RecordError.staleVersion {
            let attempt = DecisionAttempt(company: company.uuidString.lowercased(), decision: "", reason: "", error: .decisionChanged, stale: true)
            return try await needDetail(request, decision: attempt, status: HTTPStatus(code: 409))
        }
    }

    /// The proposed consortium: the fewest best-scoring companies that together cover the need's
    /// fields, what each adds, and what nobody covers; a lead can start with them on it.
    func consortiumPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let need = try await services.cities.need(id, by: principal)
        let maxMembers = try request.choice("max") { Int($0).flatMap { ConsortiumRequest.memberLimits.contains($0) ? $0 : nil } } ?? 3
        let proposal = try await services.matches.consortium(for: id, ConsortiumRequest(maxMembers: maxMembers), by: principal)
        let names = NeedFormSupport.names(try await services.cities.taxonomy(by: principal), language: t)
        func fields(_ codes: [String]) -> [HTML] { codes.map { el("span", [attr("class", "tag")], names[$0] ?? $0) } }
        let path = "/needs/\(id.uuidString.lowercased())"
        let title = t.pick(ja: need.titleJa, en: need.titleEn)
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", path)], [.text(t(.backToNeed, title.text))])]),
            el("p", [attr("class", "explain")], t(.consortiumExplained)),
            el("form", [attr("method", "get"), attr("action", "\(path)/consortium"), attr("class", "inline-form")], [
                Form.select(name: "max", label: t(.maxMembers), options: ConsortiumRequest.memberLimits.map { (String($0), t.number($0)) },
                            selected: String(maxMembers)),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.proposeAgain)),
            ]),
            el("dl", [attr("class", "summary-list")], [
                el("dt", [], t(.consortiumRequested)), el("dd", [], proposal.requested.isEmpty ? [.text("—")] : fields(proposal.requested)),
                el("dt", [], t(.consortiumUncovered)), el("dd", [], proposal.uncovered.isEmpty ? [.text(t(.consortiumAllCovered))] : fields(proposal.uncovered)),
            ]),
        ]
        guard !proposal.members.isEmpty else {
            // Not a dead end (persona28): the ranked companies may meet the need only through a broader field, which
            // covers nothing here; a lead started alone takes them as members from its own page.
            content.append(el("p", [], t(.consortiumNone)))
            if allows(principal.role, "createLead") {
                content.append(el("p", [], t(.consortiumNoneNext)))
                content.append(NeedPages.startLeadForm(request, need: path, title: title.text))
            }
            return Layout.page(request, title: t(.consortiumTitle), section: .needs, content)
        }
        content.append(Table.make(
            caption: t(.consortiumMembers), headers: [t(.company), t(.score), t(.consortiumCovers)], numeric: [1],
            rows: proposal.members.map { member in
                let name = t.pick(ja: member.companyNameJa, en: member.companyNameEn)
                return [
                    el("a", [attr("href", "/companies/\(member.companyId.uuidString.lowercased())")], [NeedPages.recordText(request, name)]),
                    .text(t.decimal(member.score)),
                    .fragment(fields(member.covers)),
                ]
            }))
        if allows(principal.role, "createLead"), allows(principal.role, "addLeadCompany") {
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/leads"), attr("class", "actions")], [
                Layout.csrfField(request),
                .void("input", [attr("type", "hidden"), attr("name", "title"), attr("value", title.text)]),
                .fragment(proposal.members.map { member in
                    .void("input", [attr("type", "hidden"), attr("name", "companyId"), attr("value", member.companyId.uuidString.lowercased())])
                }),
                el("button", [attr("type", "submit")], t(.startLeadWithConsortium)),
            ]))
        }
        return Layout.page(request, title: t(.consortiumTitle), section: .needs, content)
    }
}
