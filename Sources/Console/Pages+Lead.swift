import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// A lead's page: its stage and history, moving its stage, and logging an activity. A stage move
/// carries the version the person saw; if someone else changed the lead meanwhile, the page says so,
/// shows what changed, and keeps what the person had chosen and typed (CONSOLE.md), never a raw 412.
extension Console {
    var leadPages: [Page] {
        [
            Page(.get, "/leads/{id}", operations: ["getLead", "listLeadHistory", "listLeadActivities"]) { console, request in
                try await console.leadPage(request, move: nil)
            },
            Page(.post, "/leads/{id}/stage", operations: ["getLead", "transitionLead"]) { console, request in
                try await console.moveStage(request)
            },
            Page(.post, "/leads/{id}/activities", operations: ["getLead", "createLeadActivity"]) { console, request in
                try await console.logActivity(request)
            },
        ]
    }

    /// What the person submitted with a refused stage move, and why it was refused.
    struct StageMoveAttempt: Sendable {
        var to: String
        var reason: String
        var note: String
        /// Set when the lead changed after the person opened the page: the stage they saw and when.
        var stale: (stage: LeadStage?, at: Date)?
        /// The field a refusal concerns and what it says, in the reader's language.
        var error: (field: String, message: String)?
    }

    /// A refused activity or next-action form: which one, and each error beside its field. The values
    /// come back from the request itself, as the person typed them, so nothing typed is lost.
    struct LeadFormRefusal: Sendable {
        enum Form: Sendable { case activity, nextAction }
        let form: Form
        let errors: [(field: String, message: String)]

        /// What `request` sent in `field` when `form` is the refused one (else nil: the form starts afresh).
        func typed(_ field: String, in form: Form, _ request: ConsoleRequest) -> String? {
            form == self.form ? request.formValue(field) : nil
        }

        func error(_ field: String, in form: Form) -> String? {
            form == self.form ? errors.first { $0.field == field }?.message : nil
        }
    }

    func leadPage(
        _ request: ConsoleRequest, move: StageMoveAttempt?, refused: LeadFormRefusal? = nil, notice: Message? = nil, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let lead = try await services.coordinators.lead(id, by: principal)
        let history = try await services.coordinators.history(of: id, by: principal)
        // Every activity up to `listCeiling`, read newest first (ux20): past the ceiling the oldest are the ones left out,
        // never the newest, whose next action the page shows and its form sets. Listed oldest first, as logged.
        let listed = try await Self.listed { try await services.coordinators.activities(of: id, page: $0, order: .newest, by: principal) }
        let activities = Array(listed.items.reversed())
        // Past the ceiling, say that older activities are not listed (ux19).
        let cut = listed.cut ? [el("p", [attr("class", "notice warning")], request.language(.leadActivitiesCut, request.language.number(activities.count)))] : []
        let path = "/leads/\(id.uuidString.lowercased())"
        var content: [HTML] = []
        if request.query("started") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.leadStarted))) }
        if request.query("moved") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.stageMoved))) }
        if request.query("logged") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.activityLogged))) }
        for (flag, message) in [("actionSet", Message.nextActionSaved), ("actionDone", .nextActionCompleted), ("added", .memberAdded), ("removed", .memberRemoved),
                              ("edited", .leadSaved), ("partnerAdded", .leadPartnerAddedNotice), ("partnerRemoved", .leadPartnerRemoved)]
        where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if let notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(notice))) }
        if let stale = move?.stale {
            content.append(el("div", [attr("class", "notice warning"), attr("role", "alert"), attr("id", "changed")], [
                el("h2", [], t(.someoneChanged)),
                el("p", [], t(.someoneChangedDetail)),
                el("ul", [], LeadPages.changes(request, seenStage: stale.stage, seenAt: stale.at, lead: lead, history: history)),
            ]))
        } else if let error = move?.error {
            content.append(Form.errorSummary(request, [error]))
        } else if let refused {
            content.append(Form.errorSummary(request, refused.errors))
        }
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.stage)), el("dd", [], t(LeadPages.stageMessage(lead.stage))),
            el("dt", [], t(.stageChanged)), el("dd", [], t.date(lead.stageChangedAt)),
            el("dt", [], t(.estimatedValue)), el("dd", [], lead.estimatedValueYen.map { t(.yen, t.number(Int($0))) } ?? "—"),
            el("dt", [], t(.needs)), el("dd", [], try await needLinks(request, lead.needIds, by: principal)),
        ]))
        if allows(principal.role, "updateLead") {
            content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/edit")], t(.leadEditLink))]))
        }
        content += cut
        content += nextActionSection(request, path: path, activities: activities, canWrite: allows(principal.role, "updateLeadActivity"), refused: refused)
        if allows(principal.role, "getLeadConsortium") {
            content += try await consortiumSection(request, lead: lead, path: path)
            content += try await leadPartnerSection(request, lead: lead, path: path)
            content += try await leadMatchRecords(request, lead: lead)
        }
        if allows(principal.role, "transitionLead"), !lead.stage.allowedNext.isEmpty {
            content.append(el("h2", [], t(.moveStage)))
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/stage"), attr("data-confirm", t(.confirmStageMove))], [
                Layout.csrfField(request),
                .void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(lead.version))]),
                .void("input", [attr("type", "hidden"), attr("name", "seenStage"), attr("value", lead.stage.rawValue)]),
                .void("input", [attr("type", "hidden"), attr("name", "seenAt"), attr("value", String(Int(request.now.timeIntervalSince1970)))]),
                Form.select(name: "to", label: t(.newStage), options: lead.stage.allowedNext.map { ($0.rawValue, t(LeadPages.stageMessage($0))) },
                            selected: move?.to, error: move?.error.flatMap { $0.field == "to" ? $0.message : nil }),
                Form.textField(request, name: "reason", label: t(.stageReason), value: move?.reason, hint: t(.stageReasonHint),
                               error: move?.error.flatMap { $0.field == "reason" ? $0.message : nil }),
                Form.textField(request, name: "note", label: t(.stageNote), value: move?.note,
                               error: move?.error.flatMap { $0.field == "note" ? $0.message : nil }),
                el("button", [attr("type", "submit")], t(.moveStageButton)),
            ]))
        }
        content.append(el("h2", [], t(.history)))
        content.append(Table.make(caption: t(.history), captionShown: false, headers: [t(.date), t(.from), t(.to), t(.stageReason)], numeric: [], compact: [0, 1, 2], stacked: true, rows: history.map { change in
            [.text(t.date(change.changedAt)), .text(change.from.map { t(LeadPages.stageMessage($0)) } ?? "—"),
             .text(t(LeadPages.stageMessage(change.to))), .text(change.reason ?? change.note ?? "")]
        }))
        content.append(el("h2", [], t(.activities)))
        content.append(activities.isEmpty ? el("p", [], t(.noActivities)) : Table.make(
            caption: t(.activities), captionShown: false, headers: [t(.date), t(.activityKind), t(.notes), t(.nextAction)], numeric: [], compact: [0, 1], stacked: true,
            rows: activities.map { activity in
                [.text(t.date(activity.occurredOn)), .text(t(LeadPages.kindMessage(activity.kind))), .text(activity.notes ?? ""),
                 .text([activity.nextAction, activity.nextActionDueOn.map { t.date($0) }].compactMap { $0 }.joined(separator: " / "))]
            }))
        if allows(principal.role, "createLeadActivity") {
            let typed = { (field: String) in refused?.typed(field, in: .activity, request) }
            content.append(el("h2", [], t(.logActivity)))
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/activities")], [
                Layout.csrfField(request),
                Form.select(name: "kind", label: t(.activityKind), options: ActivityKind.allCases.map { ($0.rawValue, t(LeadPages.kindMessage($0))) },
                            selected: typed("kind")),
                Form.textField(request, name: "occurredOn", label: t(.occurredOn), value: typed("occurredOn") ?? CalendarDate(inJapanAt: request.now).description,
                               type: "date", error: refused?.error("occurredOn", in: .activity)),
                Form.textArea(request, name: "notes", label: t(.notes), value: typed("notes"), error: refused?.error("notes", in: .activity)),
                Form.textField(request, name: "nextAction", label: t(.nextAction), value: typed("nextAction"), error: refused?.error("nextAction", in: .activity)),
                Form.textField(request, name: "nextActionDueOn", label: t(.dueOn), value: typed("nextActionDueOn"), type: "date",
                               error: refused?.error("nextActionDueOn", in: .activity)),
                el("button", [attr("type", "submit")], t(.logActivityButton)),
            ]))
        }
        return Layout.page(request, status: status, title: lead.title, section: .leads, content)
    }

    func moveStage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let principal = try request.principal
        let id = try request.pathUUID("id")
        var attempt = StageMoveAttempt(to: request.formValue("to") ?? "", reason: request.formValue("reason") ?? "", note: request.formValue("note") ?? "")
        guard let version = request.formValue("version").flatMap(Int.init), let stage = LeadStage(rawValue: attempt.to) else {
            throw ConsoleError.badRequest
        }
        do {
            let move = LeadTransition(to: stage, reason: stage.needsReason ? request.formText("reason") : nil, note: request.formText("note"))
            _ = try await services.coordinators.transition(id, move, ifVersion: version, by: principal)
            return Layout.seeOther("/leads/\(id.uuidString.lowercased())?moved=1")
        } catch RecordError.staleVersion {
            let seenAt = request.formValue("seenAt").flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? request.now
            attempt.stale = (LeadStage(rawValue: request.formValue("seenStage") ?? ""), seenAt)
            return try await leadPage(request, move: attempt, status: HTTPStatus(code: 409))
        } catch RecordError.invalid(let errors) {
            attempt.error = Self.stageMoveError(errors.first, request.language)
            return try await leadPage(request, move: attempt, status: HTTPStatus(code: 422))
        } catch CoordinatorsError.forbiddenTransition {
            attempt.error = ("to", request.language(.transitionNotAllowed))
            return try await leadPage(request, move: attempt, status: HTTPStatus(code: 422))
        }
    }

    /// The rule a stage move broke, beside its field: a missing reason, or a reason or note too long or
    /// holding control characters (said as such, not as a conflict with someone else's change).
    static func stageMoveError(_ error: FieldError?, _ t: Language) -> (field: String, message: String) {
        guard let error, ["reason", "note"].contains(error.field) else { return ("to", t(.conflictMessage)) }
        if error.field == "reason", error.message.hasPrefix("is required") { return ("reason", t(.reasonRequired)) }
        let label = t(error.field == "reason" ? .stageReason : .stageNote)
        return (error.field, fieldMessage(error.message, field: error.field, label: label, t))
    }

    /// Logs an activity. A date that is not one, or a rule the service refuses (a due date without a
    /// next action, a note too long), brings the lead's page back with the person's input and each
    /// error beside its field, never an error page that loses what was typed.
    func logActivity(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        guard let kind = ActivityKind(rawValue: request.formValue("kind") ?? "") else { throw ConsoleError.badRequest }
        let occurredOn = CalendarDate(request.formValue("occurredOn") ?? "")
        let due = request.formText("nextActionDueOn")
        var errors: [(field: String, message: String)] = []
        if occurredOn == nil { errors.append(("occurredOn", t(.dateInvalid))) }
        if let due, CalendarDate(due) == nil { errors.append(("nextActionDueOn", t(.dateInvalid))) }
        guard let occurredOn, errors.isEmpty else {
            return try await leadPage(request, move: nil, refused: LeadFormRefusal(form: .activity, errors: errors), status: HTTPStatus(code: 422))
        }
        let draft = LeadActivityDraft(
            kind: kind, occurredOn: occurredOn, notes: request.formText("notes"), nextAction: request.formText("nextAction"),
            nextActionDueOn: due.flatMap(CalendarDate.init))
        do {
            _ = try await services.coordinators.createActivity(draft, on: id, by: try request.principal)
        } catch RecordError.invalid(let problems) {
            let errors = problems.map { Self.activityError($0, t) }
            return try await leadPage(request, move: nil, refused: LeadFormRefusal(form: .activity, errors: errors), status: HTTPStatus(code: 422))
        }
        return Layout.seeOther("/leads/\(id.uuidString.lowercased())?logged=1")
    }

    /// An activity rule the service refused, beside the field the person can fix.
    static func activityError(_ error: FieldError, _ t: Language) -> (field: String, message: String) {
        switch error.field {
        case "nextActionDueOn" where error.message == "needs nextAction": ("nextAction", t(.nextActionRequired))
        case "notes" where error.message == LeadActivityDraft.emptyMessage: ("notes", t(.activityEmpty))
        case "notes": ("notes", fieldMessage(error.message, field: "notes", label: t(.notes), t))
        case "nextAction": ("nextAction", fieldMessage(error.message, field: "nextAction", label: t(.nextAction), t))
        case "occurredOn", "nextActionDueOn": (error.field, t(.dateInvalid))
        default: ("notes", t(.conflictMessage))
        }
    }
}
