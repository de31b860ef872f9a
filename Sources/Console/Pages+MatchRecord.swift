import Cities
import Companies
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches
import Postgres

/// A business-match record's page (docs/matching.md, "Business-match records"): the company, the need,
/// lead and city it concerns, its status and history, and "move to …" offering only the statuses the
/// API allows next. A move carries the version the page showed; if someone moved the record meanwhile,
/// nothing is saved, the steps recorded since are listed and the person's choice and note are kept.
extension Console {
    var matchRecordPages: [Page] {
        [
            Page(.get, "/matches/{id}", operations: ["getMatch", "listMatchHistory"]) { console, request in
                try await console.matchPage(request, move: nil)
            },
            Page(.post, "/matches/{id}/transitions", operations: ["getMatch", "listMatchHistory", "transitionMatch"]) { console, request in
                try await console.moveMatch(request)
            },
        ]
    }

    /// What the person sent with a refused move, kept in the form.
    struct MatchMoveAttempt: Sendable {
        var to: String
        var occurredOn: String
        var note: String
        /// The record moved after the page was opened: how many steps its history had then.
        var seenSteps: Int?
        var errors: [(field: String, message: String)] = []
    }

    func matchPage(_ request: ConsoleRequest, move: MatchMoveAttempt?, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let match = try await services.matches.match(id, by: principal)
        let history = try await services.matches.history(of: id, by: principal)
        let path = "/matches/\(id.uuidString.lowercased())"
        let company = Self.matchCompanyName(request, match)
        var content: [HTML] = []
        for (flag, message) in [("created", Message.matchCreated), ("moved", .matchMoved)] where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        let actors = try await matchActors(request)
        if let move, let seen = move.seenSteps {
            content.append(el("div", [attr("class", "notice warning"), attr("role", "alert"), attr("id", "changed")], [
                el("h2", [], t(.matchChangedTitle)),
                el("p", [], t(.matchChangedDetail)),
                el("ul", [], history.dropFirst(seen).map { step in
                    el("li", [], t(.matchChangedStep, t.date(step.occurredOn), MatchPages.statusWord(step.fromStatus, t),
                                   MatchPages.statusWord(step.toStatus, t), actors(step.actorUserId)))
                }),
            ]))
        } else if let move {
            content.append(Form.errorSummary(request, move.errors))
        }
        content.append(el("dl", [attr("class", "summary-list")], try await matchSummary(request, match, company: company)))
        if allows(principal.role, "transitionMatch") {
            content += moveForm(request, match, path: path, steps: history.count, attempt: move)
        }
        content.append(el("h2", [attr("id", "history")], t(.matchHistory)))
        content.append(Table.make(
            caption: t(.matchHistory), captionShown: false, headers: [t(.matchDay), t(.from), t(.to), t(.matchActor), t(.matchMoveNote)],
            numeric: [], compact: [0, 1, 2], stacked: true,
            rows: history.map { step in
                [.text(t.date(step.occurredOn)), .text(step.fromStatus.map { MatchPages.statusWord($0, t) } ?? "—"),
                 .text(MatchPages.statusWord(step.toStatus, t)), .text(actors(step.actorUserId)), .text(step.note ?? "")]
            }))
        return Layout.page(request, status: status, title: t(.matchTitle, company.text), titleLanguage: company.fallback ? t.other : nil,
                           section: principal.role == .company ? .company : .needs, content)
    }

    /// The record's facts, each named as the API's fields are, linked where the reader may open them.
    private func matchSummary(_ request: ConsoleRequest, _ match: BusinessMatch, company: (text: String, fallback: Bool)) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let companyText = NeedPages.recordText(request, company)
        var rows: [HTML] = [
            el("dt", [], t(.company)),
            el("dd", [], [allows(principal.role, "getCompany")
                ? el("a", [attr("href", "/companies/\(match.companyId.uuidString.lowercased())")], [companyText]) : companyText]),
            el("dt", [], t(.status)), el("dd", [], [el("strong", [], MatchPages.statusWord(match.status, t))]),
        ]
        if let needID = match.needId, let need = try? await services.cities.need(needID, by: principal) {
            rows += [el("dt", [], t(.matchNeed)), el("dd", [], [
                el("a", [attr("href", "/needs/\(needID.uuidString.lowercased())")], [NeedPages.recordText(request, t.pick(ja: need.titleJa, en: need.titleEn))]),
            ])]
        }
        if let leadID = match.leadId, allows(principal.role, "getLead"), let lead = try? await services.coordinators.lead(leadID, by: principal) {
            rows += [el("dt", [], t(.matchLead)), el("dd", [], [el("a", [attr("href", "/leads/\(leadID.uuidString.lowercased())")], lead.title)])]
        }
        if let cityID = match.cityId, let city = try? await services.cities.city(cityID, by: principal) {
            rows += [el("dt", [], t(.city)), el("dd", [], t.city(ja: city.nameJa, en: city.nameEn, country: city.country))]
        }
        var channel = t(MatchPages.channelMessage(match.channel))
        if let base = match.liaisonBaseId, allows(principal.role, "getLiaisonBase"), let found = try? await services.cities.liaisonBase(base, by: principal) {
            channel += " – " + found.name
        }
        rows += [el("dt", [], t(.matchChannel)), el("dd", [], channel)]
        if let kind = match.counterpartKind {
            var counterpart = t(kind == .cityGovernment ? .counterpartCity : .counterpartPartner)
            if let partner = match.localPartnerId, let city = match.cityId, allows(principal.role, "listLocalPartners"),
               let found = try? await Self.everyPage({ try await services.cities.localPartners(of: city, page: $0, by: principal) })
                .first(where: { $0.id == partner }) {
                counterpart += " – " + found.name
            }
            rows += [el("dt", [], t(.matchCounterpart)), el("dd", [], counterpart)]
        }
        if let suggestion = match.suggestion {
            // The matcher's version names a release of the method: for those who tune it (coordinators, administrators), as on
            // the ranking page; everyone else who opens the record reads the score and its parts.
            let p = suggestion.parts
            let parts = [t.decimal(suggestion.score), t.decimal(p.taxonomy), t.decimal(p.text), t.decimal(p.trackRecord), t.decimal(p.readiness)]
            let line = principal.role == .admin || principal.role == .coordinator
                ? t(.matchFromRanking, arguments: [suggestion.algorithmVersion] + parts) : t(.matchFromRankingScore, arguments: parts)
            rows += [el("dt", [], t(.matchFromRankingShort)), el("dd", [], line)]
        }
        rows += [el("dt", [], t(.matchRecordedOn)), el("dd", [], t.date(match.createdAt))]
        if let notes = match.notes { rows += [el("dt", [], t(.notes)), el("dd", [], notes)] }
        return rows
    }

    /// "Move to …": only the statuses the record may move to next, the day it happened and a note.
    private func moveForm(_ request: ConsoleRequest, _ match: BusinessMatch, path: String, steps: Int, attempt: MatchMoveAttempt?) -> [HTML] {
        let t = request.language
        guard !match.status.next.isEmpty else {
            return [el("p", [attr("class", "explain")], t(.matchFinal, MatchPages.statusWord(match.status, t)))]
        }
        let error = { (field: String) in attempt?.errors.first { $0.field == field }?.message }
        return [
            el("h2", [attr("id", "move")], t(.matchMoveTitle)),
            el("form", [attr("method", "post"), attr("action", "\(path)/transitions"), attr("class", "panel"), flag("novalidate")], [
                Layout.csrfField(request),
                Form.version(match.version),
                .void("input", [attr("type", "hidden"), attr("name", "seenSteps"), attr("value", String(steps))]),
                Form.select(name: "to", label: t(.matchMoveTo),
                            options: match.status.next.map { ($0.rawValue, t(.matchMoveOption, MatchPages.statusWord($0, t))) },
                            selected: attempt?.to, error: error("to")),
                Form.textField(request, name: "occurredOn", label: t(.matchMoveDay),
                               value: attempt?.occurredOn ?? CalendarDate(inJapanAt: request.now).description, type: "date",
                               hint: t(.matchMoveDayHint), error: error("occurredOn")),
                Form.textField(request, name: "note", label: t(.matchMoveNote), value: attempt?.note, error: error("note")),
                el("button", [attr("type", "submit")], t(.matchMoveButton)),
            ]),
        ]
    }

    func moveMatch(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        var attempt = MatchMoveAttempt(to: request.formValue("to") ?? "", occurredOn: request.formValue("occurredOn") ?? "",
                                       note: request.formValue("note") ?? "")
        guard let version = request.formValue("version").flatMap(Int.init), let to = MatchStatus(rawValue: attempt.to) else {
            throw ConsoleError.badRequest
        }
        var day: CalendarDate?
        if let typed = request.formText("occurredOn") {
            guard let parsed = CalendarDate(typed) else {
                attempt.errors = [("occurredOn", t(.dateInvalid))]
                return try await matchPage(request, move: attempt, status: HTTPStatus(code: 422))
            }
            day = parsed
        }
        do {
            _ = try await services.matches.transition(id, MatchTransitionRequest(to: to, occurredOn: day, note: request.formText("note")),
                                                      ifVersion: version, by: try request.principal)
            return Layout.seeOther("/matches/\(id.uuidString.lowercased())?moved=1")
        } catch RecordError.staleVersion {
            attempt.seenSteps = request.formValue("seenSteps").flatMap(Int.init) ?? 0
            return try await matchPage(request, move: attempt, status: HTTPStatus(code: 409))
        } catch RecordError.invalid(let problems) {
            let current = try await services.matches.match(id, by: try request.principal)
            attempt.errors = problems.map { MatchPages.moveError($0, from: current.status, t) }
            return try await matchPage(request, move: attempt, status: HTTPStatus(code: 422))
        }
    }

    /// The company's name on a record, as the record itself gives it to every reader (the council too).
    static func matchCompanyName(_ request: ConsoleRequest, _ match: BusinessMatch) -> (text: String, fallback: Bool) {
        request.language.pick(ja: match.companyNameJa, en: match.companyNameEn)
    }

    /// The company's name where the role may read the directory; otherwise a neutral word (for pages
    /// that name a company before any record of it exists).
    func matchCompanyName(_ request: ConsoleRequest, _ id: UUID) async throws -> (text: String, fallback: Bool) {
        let t = request.language
        guard allows(try request.principal.role, "getCompany"),
              let company = try? await services.companies.company(id, by: try request.principal) else { return (t(.matchCompanyHidden), false) }
        return t.pick(ja: company.nameJa, en: company.nameEn)
    }

    /// Who made each step: a coordinator's name for those who may list coordinators, "you" for the
    /// reader's own steps, otherwise the programme's staff.
    private func matchActors(_ request: ConsoleRequest) async throws -> @Sendable (UUID?) -> String {
        let t = request.language
        let principal = try request.principal
        var names: [UUID: String] = [:]
        if allows(principal.role, "listCoordinators"),
           let listed = try? await Self.everyPage({ try await services.coordinators.coordinators(CoordinatorFilter(), page: $0, by: principal) }) {
            for coordinator in listed { names[coordinator.userId] = coordinator.displayName }
        }
        let known = names, me = principal.userID, you = t(.matchActorYou), staff = t(.matchActorStaff)
        return { actor in
            guard let actor else { return staff }
            return actor == me ? you : known[actor] ?? staff
        }
    }
}

/// Words and pieces of business-match pages shared by the record, the form and the lists.
enum MatchPages {
    static func statusMessage(_ status: MatchStatus) -> Message {
        switch status {
        case .proposed: .matchProposed
        case .introduced: .matchIntroduced
        case .meetingHeld: .matchMeetingHeld
        case .negotiating: .matchNegotiating
        case .won: .matchWon
        case .commercialized: .matchCommercialized
        case .declined: .matchDeclined
        case .withdrawn: .matchWithdrawn
        }
    }

    static func statusWord(_ status: MatchStatus?, _ t: Language) -> String {
        status.map { t(statusMessage($0)) } ?? "—"
    }

    static func channelMessage(_ channel: MatchChannel) -> Message {
        switch channel {
        case .liaisonBase: .channelLiaisonBase
        case .convention: .channelConvention
        case .coordinator: .channelCoordinator
        case .direct: .channelDirect
        }
    }

    /// A move the service refused, beside the field the person can fix.
    static func moveError(_ error: FieldError, from status: MatchStatus, _ t: Language) -> (field: String, message: String) {
        switch error.field {
        case "to":
            (field: "to", message: t(.matchMoveNotAllowed, statusWord(status, t), status.next.map { statusWord($0, t) }.joined(separator: t(.listSeparator))))
        case "occurredOn" where error.message.hasPrefix("must not be in the future"): (field: "occurredOn", message: t(.matchDayFuture))
        case "occurredOn" where error.message.contains("closed"): (field: "occurredOn", message: t(.matchDayClosed))
        case "occurredOn" where error.message.hasPrefix("must not be before"): (field: "occurredOn", message: t(.matchDayBeforeLastStep))
        case "occurredOn": (field: "occurredOn", message: t(.dateInvalid))
        case "note": (field: "note", message: Console.fieldMessage(error.message, field: "note", label: t(.matchMoveNote), t))
        default: (field: "to", message: t(.conflictMessage))
        }
    }
}
