import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer

/// Handing a coordinator's leads over (`reassignLeads`): when a coordinator leaves, an administrator gives all its active
/// leads a new owner in one step instead of editing each. Three pages, one thing each: choose the new owner, check what
/// will move (the leads listed, with the versions read, are exactly what the step moves), done (the new owner's list,
/// with a notice). Closed leads (lost, on hold, commercialised) keep their owner as the record of who worked them.
extension Console {
    static let leadHandOverOperations = ["reassignLeads", "listLeads", "listCoordinators", "getCoordinator"]

    var leadHandOverPages: [Page] {
        [
            Page(.get, "/leads/reassign", operations: Self.leadHandOverOperations) { console, request in
                let parties = try await console.handOverParties(request)
                return try console.handOverChoice(request, parties, chosen: request.queryText("to") ?? "", error: nil)
            },
            Page(.get, "/leads/reassign/confirm", operations: Self.leadHandOverOperations) { console, request in
                let parties = try await console.handOverParties(request)
                return try console.handOverConfirmation(request, parties, to: request.queryText("to") ?? "")
            },
            Page(.post, "/leads/reassign", operations: Self.leadHandOverOperations, lists: ["lead"]) { console, request in
                try await console.handOver(request)
            },
        ]
    }

    /// Who owns the leads now, who may take them (those `leadOwners` allows, but the owner), and the owner's active
    /// leads, oldest first, at most `LeadReassignment.most` of `total`.
    struct HandOverParties {
        let from: Coordinator
        let candidates: [Coordinator]
        let leads: [Lead]
        let total: Int

        func candidate(_ value: String) -> Coordinator? {
            candidates.first { $0.id.uuidString.lowercased() == value.lowercased() }
        }
    }

    func handOverParties(_ request: ConsoleRequest) async throws -> HandOverParties {
        let principal = try request.principal
        guard let fromID = (request.queryText("from") ?? request.formText("from")).flatMap(UUID.init(uuidString:)) else { throw ConsoleError.notFound }
        let from = try await services.coordinators.coordinator(fromID, by: principal)
        let candidates = try await services.coordinators.leadOwners(
            among: try await Self.everyPage { try await services.coordinators.coordinators(CoordinatorFilter(active: true), page: $0, by: principal) }
                .filter { $0.id != fromID },
            by: principal)
        let active = try await Self.everyPage { try await services.coordinators.leads(LeadFilter(ownerCoordinatorID: fromID), page: $0, by: principal) }
            .filter(\.stage.isActive)
        return HandOverParties(from: from, candidates: candidates, leads: Array(active.prefix(LeadReassignment.most)), total: active.count)
    }

    /// The first page: how many active leads the coordinator owns, and the choice of the new owner.
    func handOverChoice(_ request: ConsoleRequest, _ parties: HandOverParties, chosen: String, error: String?, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let t = request.language
        let from = parties.from
        let fromID = from.id.uuidString.lowercased()
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", "/leads?owner=\(fromID)")], t(.userLeadsLink))]),
            Form.errorSummary(request, error.map { [("to", $0)] } ?? []),
            el("p", [], t(.leadHandOverCount, from.displayName, t.number(parties.total))),
            el("p", [], t(.leadHandOverClosedStay)),
        ]
        if parties.total == 0 {
            content.append(el("p", [], t(.leadHandOverNone)))
        } else if parties.candidates.isEmpty {
            content.append(el("p", [attr("class", "notice warning")], t(.leadHandOverNoOwner)))
        } else {
            let options = parties.candidates.map { candidate in
                (candidate.id.uuidString.lowercased(),
                 t(.leadHandOverOwnerOption, candidate.displayName, t.number(candidate.activeLeads), t.number(candidate.capacity)))
            }
            content.append(el("form", [attr("method", "get"), attr("action", "/leads/reassign/confirm"), flag("novalidate")], [
                .void("input", [attr("type", "hidden"), attr("name", "from"), attr("value", fromID)]),
                Form.select(name: "to", label: t(.leadHandOverTo), options: [("", t(.guestChoose))] + options, selected: chosen.lowercased(),
                            hint: t(.leadHandOverToHint), error: error),
                el("button", [attr("type", "submit")], t(.leadHandOverNext)),
            ]))
        }
        return Layout.page(request, status: status, title: t(.leadHandOverTitle, from.displayName), section: .leads, content)
    }

    /// The second page: the leads that will move, from whom to whom; its form carries each lead with the version shown.
    /// A new owner not chosen, or without room for them all, is said beside the choice on the first page.
    func handOverConfirmation(_ request: ConsoleRequest, _ parties: HandOverParties, to chosen: String, stale: Bool = false,
                              status: HTTPStatus = .ok) throws -> HTTPResponse {
        let t = request.language
        guard parties.total > 0, let to = parties.candidate(chosen) else {
            return try handOverChoice(request, parties, chosen: chosen, error: parties.total == 0 ? nil : t(.leadHandOverChooseOwner),
                                      status: HTTPStatus(code: parties.total == 0 ? 200 : 422))
        }
        if let problem = Self.handOverRoomProblem(to, moving: parties.leads.count, t) {
            return try handOverChoice(request, parties, chosen: chosen, error: problem, status: HTTPStatus(code: 422))
        }
        let fromID = parties.from.id.uuidString.lowercased(), toID = to.id.uuidString.lowercased()
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/leads/reassign?from=\(fromID)&to=\(toID)")], t(.leadHandOverChange))])]
        if stale { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(.leadHandOverStale))) }
        content.append(el("p", [], t(.leadHandOverConfirm, t.number(parties.leads.count), parties.from.displayName, to.displayName)))
        if parties.total > parties.leads.count {
            content.append(el("p", [attr("class", "notice warning")], t(.leadHandOverCut, t.number(parties.total), t.number(LeadReassignment.most))))
        }
        content.append(Table.make(
            caption: t(.leadHandOverConfirmTitle), captionShown: false, headers: [t(.leadTitle), t(.stage)], numeric: [], stacked: true,
            rows: parties.leads.map { lead in
                [el("a", [attr("href", "/leads/\(lead.id.uuidString.lowercased())")], lead.title), .text(t(LeadPages.stageMessage(lead.stage)))]
            }))
        var fields: [HTML] = [
            Layout.csrfField(request),
            .void("input", [attr("type", "hidden"), attr("name", "from"), attr("value", fromID)]),
            .void("input", [attr("type", "hidden"), attr("name", "to"), attr("value", toID)]),
        ]
        fields += parties.leads.map { lead in
            .void("input", [attr("type", "hidden"), attr("name", "lead"), attr("value", "\(lead.id.uuidString.lowercased()):\(lead.version)")])
        }
        fields.append(el("button", [attr("type", "submit")], t(.leadHandOverButton)))
        content.append(el("form", [attr("method", "post"), attr("action", "/leads/reassign")], fields))
        return Layout.page(request, status: status, title: t(.leadHandOverConfirmTitle), section: .leads, content)
    }

    /// Said beside the choice when the new owner has no room for every lead that would move (the service refuses it too).
    static func handOverRoomProblem(_ to: Coordinator, moving: Int, _ t: Language) -> String? {
        guard to.activeLeads + moving > to.capacity else { return nil }
        return t(.leadHandOverNoRoom, to.displayName, t.number(max(0, to.capacity - to.activeLeads)), t.number(to.capacity), t.number(moving))
    }

    /// The step: exactly the leads the confirmation listed, at the versions it read. One of them changed since: nothing
    /// moved, and the page lists them afresh (409). The new owner became unable to take them: the choice again (422).
    func handOver(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let chosen = request.formText("to") ?? ""
        guard let fromID = request.formText("from").flatMap(UUID.init(uuidString:)), let toID = UUID(uuidString: chosen) else {
            throw ConsoleError.badRequest
        }
        var listed: [LeadVersion] = []
        for value in request.formValues("lead") {
            let parts = value.split(separator: ":")
            guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let version = Int(parts[1]) else { throw ConsoleError.badRequest }
            listed.append(LeadVersion(id: id, version: version))
        }
        guard !listed.isEmpty, listed.count <= LeadReassignment.most else { throw ConsoleError.badRequest }
        do {
            let moved = try await services.coordinators.reassignLeads(
                LeadReassignment(fromCoordinatorId: fromID, toCoordinatorId: toID, leads: listed), by: principal)
            return Layout.seeOther("/leads?owner=\(toID.uuidString.lowercased())&handedOver=\(moved.count)")
        } catch RecordError.conflict {
            return try handOverConfirmation(request, try await handOverParties(request), to: chosen, stale: true, status: HTTPStatus(code: 409))
        } catch let error as CoordinatorsError {
            guard case .overCapacity = error else { throw error }
            let parties = try await handOverParties(request)
            let problem = parties.candidate(chosen).flatMap { Self.handOverRoomProblem($0, moving: listed.count, t) } ?? t(.leadOwnerUnavailable)
            return try handOverChoice(request, parties, chosen: chosen, error: problem, status: HTTPStatus(code: 422))
        } catch RecordError.invalid(let problems) where problems.contains(where: { $0.field == "toCoordinatorId" }) {
            return try handOverChoice(request, try await handOverParties(request), chosen: chosen, error: t(.leadOwnerUnavailable), status: HTTPStatus(code: 422))
        }
    }
}
