import Accounts
import DomainKit
import FoundationEssentials
import HTTPServer
import Mail

/// The outgoing mail's log (`listMailDeliveries`; docs/operations.md, "Mail relay"): each message with
/// its recipient, subject, state and what the relay answered at each attempt, newest first, 50 a page,
/// filtered by state, by reference (the registration or message it belongs to) and by whether an administrator has
/// dealt with it. Undelivered mail (bounced or failed) nobody has dealt with can be chosen on the list, or all of it
/// shown at once, and marked as dealt with with a note (`markMailDealtWith`, mail33): all or nothing, and a message
/// someone marked since the page was shown refuses the request (409) with the list as it is now.
extension Console {
    /// How many mail deliveries a page lists; the pager's next link says the same number (`Layout.pager`).
    static let mailPageSize = 50

    var mailLogPages: [Page] {
        [
            Page(.get, "/mail", operations: ["listMailDeliveries"]) { console, request in try await console.mailLog(request) },
            Page(.post, "/mail/dealt-with", operations: ["listMailDeliveries", "markMailDealtWith"], lists: ["id", "shown"]) { console, request in
                try await console.markMailDealtWith(request)
            },
        ]
    }

    /// The log's filters as the query holds them: the list's GET, and the POST that marks from it (its action carries them).
    private struct MailLogFilter {
        let state: MailState?
        let reference: String?
        let dealtWith: Bool?
        /// The page of the list the form was on (nil on the first): the mark lands back there.
        let cursor: String?

        init(_ request: ConsoleRequest) throws {
            state = try request.choice("state", MailState.init(rawValue:))
            reference = request.queryText("reference").map { String($0.prefix(200)) }
            dealtWith = try request.choice("dealtWith") { ["true": true, "false": false][$0] }
            cursor = request.query("cursor")
        }

        var query: [(String, String?)] {
            [("state", state?.rawValue), ("reference", reference), ("dealtWith", dealtWith.map(String.init))]
        }

        /// The filters and the page: where the mark form posts to, and where it returns.
        var queryOnPage: [(String, String?)] { query + [("cursor", cursor)] }
    }

    /// What a list's mark form (the mail log's, the jobs' dismissal) brings back when it is refused: the message (a
    /// field's or the whole form's).
    struct MarkRefusal {
        var notice: String?
        var fieldErrors: [(field: String, message: String)] = []
    }

    func mailLog(_ request: ConsoleRequest) async throws -> HTTPResponse {
        try await mailLog(request, refusal: nil, status: .ok)
    }

    private func mailLog(_ request: ConsoleRequest, refusal: MarkRefusal?, status: HTTPStatus) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let filter = try MailLogFilter(request)
        let page = try await services.mail.deliveries(
            state: filter.state, reference: filter.reference, dealtWith: filter.dealtWith, limit: Self.mailPageSize,
            cursor: filter.cursor, by: principal)
        var content: [HTML] = [el("p", [attr("class", "explain")], t(.mailLogIntro)), el("p", [attr("class", "explain")], t(.mailDealtWithIntro))]
        if let marked = request.query("marked").flatMap(Int.init), marked > 0 {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.mailMarked, t.number(marked))))
        }
        if let notice = refusal?.notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], notice)) }
        content.append(Form.errorSummary(request, refusal?.fieldErrors ?? []))
        content.append(el("form", [attr("method", "get"), attr("action", "/mail"), attr("class", "inline-form")], [
            Form.select(name: "state", label: t(.mailState), options: [("", t(.coordinatorAnyStatus))] + MailState.allCases.map { ($0.rawValue, t(Self.mailStateMessage($0))) },
                        selected: filter.state?.rawValue ?? ""),
            Form.select(name: "dealtWith", label: t(.mailDealtWithColumn),
                        options: [("", t(.coordinatorAnyStatus)), ("false", t(.mailNotDealtWith)), ("true", t(.mailDealtWithState))],
                        selected: filter.dealtWith.map(String.init) ?? ""),
            Form.textField(request, name: "reference", label: t(.mailReference), value: filter.reference, hint: t(.mailReferenceHint)),
            el("button", [attr("type", "submit")], t(.search)),
        ]))
        let markable = page.items.filter(\.mayBeDealtWith)
        let chooseError = refusal?.fieldErrors.first { $0.field == "mark-choice" }?.message
        let table: HTML = page.items.isEmpty ? el("p", [], t(.noMail)) : Table.make(
            caption: t(.mailLogTitle), captionShown: false,
            headers: [t(.mailWritten), t(.mailRecipient), t(.mailSubject), t(.mailState), t(.jobAttempts), t(.mailRelayAnswers), t(.mailDealtWithColumn)],
            numeric: [4], compact: [0, 3], stacked: true,
            rows: page.items.map { mail in
                [.text(Self.when(mail.createdAt, t)), .text(Self.recipient(mail, t)), .text(mail.subject ?? "—"), .text(t(Self.mailStateMessage(mail.state))),
                 .text(t.number(mail.attempts)), relayAnswers(mail, t), dealtWithCell(mail, chosen: request.formValues("id"), t)]
            })
        guard !markable.isEmpty else {
            content.append(table)
            content += pager(request, filter, page.nextCursor)
            return Layout.page(request, status: status, title: t(.mailLogTitle), section: .admin, content)
        }
        // One form around the list: the rows' checkboxes, the note, and the two ways to send it (the chosen rows, or
        // every undelivered row shown, named by hidden fields so the page marks exactly what it showed).
        content.append(el("form", [attr("method", "post"), attr("action", Layout.listHref("/mail/dealt-with", filter.queryOnPage)), attr("id", "mark-choice")], [
            Layout.csrfField(request),
            chooseError.map { el("p", [attr("class", "field-error")], $0) } ?? .fragment([]),
            table,
            .fragment(markable.map { .void("input", [attr("type", "hidden"), attr("name", "shown"), attr("value", String($0.id))]) }),
            Form.textField(request, name: "note", label: t(.mailDealtWithNote), value: request.formValue("note"),
                           hint: t(.mailDealtWithNoteHint, t.number(MailDeliveryLog.noteLimit)),
                           error: refusal?.fieldErrors.first { $0.field == "note" }?.message),
            el("div", [attr("class", "actions")], [
                el("button", [attr("type", "submit"), attr("name", "mark"), attr("value", "chosen")], t(.mailMarkChosen)),
                el("button", [attr("type", "submit"), attr("name", "mark"), attr("value", "shown"), attr("class", "secondary")],
                   t(.mailMarkAllShown, t.number(markable.count))),
            ]),
        ]))
        content += pager(request, filter, page.nextCursor)
        return Layout.page(request, status: status, title: t(.mailLogTitle), section: .admin, content)
    }

    private func pager(_ request: ConsoleRequest, _ filter: MailLogFilter, _ cursor: String?) -> [HTML] {
        Layout.pager(request, size: Self.mailPageSize, next: Layout.nextListHref("/mail", cursor: cursor, filter.query))
    }

    /// Marks the chosen rows (or every undelivered row the page showed) as dealt with, then the list again with the
    /// filters it had. Nothing chosen, a note too long: the list with the message beside the field, the note kept (422).
    /// A message that moved on since the page was shown: the list as it is now with why (409); nothing is marked.
    func markMailDealtWith(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let filter = try MailLogFilter(request)
        let chosen = request.formValue("mark") == "shown" ? request.formValues("shown") : request.formValues("id")
        let ids = chosen.compactMap { Int64($0) }
        // The page sends at most a page of numbers; anything else is not this page's form.
        guard chosen.count <= Self.mailPageSize, ids.count == chosen.count else { throw ConsoleError.badRequest }
        var refusal = MarkRefusal()
        if ids.isEmpty { refusal.fieldErrors.append(("mark-choice", t(.mailChooseRequired))) }
        if (request.formText("note")?.count ?? 0) > MailDeliveryLog.noteLimit {
            refusal.fieldErrors.append(("note", t(.mailNoteTooLong, t.number(MailDeliveryLog.noteLimit))))
        }
        guard refusal.fieldErrors.isEmpty else { return try await mailLog(request, refusal: refusal, status: HTTPStatus(code: 422)) }
        do {
            let marked = try await services.mail.markDealtWith(ids, note: request.formText("note"), by: try request.principal)
            return Layout.seeOther(Layout.listHref("/mail", filter.queryOnPage + [("marked", String(marked.count))]))
        } catch let error as MailError {
            switch error {
            case .alreadyDealtWith(let id):
                refusal.notice = t(.mailMarkAlready, Self.recipient(try await services.mail.delivery(id, by: try request.principal), t))
            case .notUndelivered(let id, let state):
                refusal.notice = t(.mailMarkNotUndelivered, Self.recipient(try await services.mail.delivery(id, by: try request.principal), t),
                                   t(Self.mailStateMessage(state)))
            case .notFound:
                refusal.notice = t(.mailMarkGone)
            case .clearedAtErasure:
                refusal.notice = t(.mailMarkErased)
            case .invalid, .corruptRow:
                throw error
            }
            return try await mailLog(request, refusal: refusal, status: HTTPStatus(code: 409))
        }
    }

    /// Who dealt with the message, when, and their note; for undelivered mail not dealt with, its checkbox (none on mail
    /// cleared at its person's erasure: `mayBeDealtWith`, the service's own rule).
    private func dealtWithCell(_ mail: MailDeliveryRecord, chosen: [String], _ t: Language) -> HTML {
        if let mark = mail.dealtWith {
            return .fragment([
                .text(t(.mailDealtWithOn, Self.when(mark.at, t), mark.byName ?? "—")),
                mark.note.map { el("p", [attr("class", "note-body")], $0) } ?? .fragment([]),
            ])
        }
        guard mail.mayBeDealtWith else { return .text("—") }
        let id = "mark-\(mail.id)"
        return .fragment([
            .void("input", [attr("type", "checkbox"), attr("id", id), attr("name", "id"), attr("value", String(mail.id))]
                + (chosen.contains(String(mail.id)) ? [flag("checked")] : [])),
            el("label", [attr("for", id)], [.text(t(.mailChoose)), el("span", [attr("class", "visually-hidden")], " \(Self.recipient(mail, t))")]),
        ])
    }

    /// The relay's last answer, and every attempt behind a disclosure (what it said, when).
    private func relayAnswers(_ mail: MailDeliveryRecord, _ t: Language) -> HTML {
        let last: HTML = .text(mail.lastReply ?? "—")
        guard !mail.log.isEmpty else { return last }
        return .fragment([last, el("details", [], [
            el("summary", [], t(.mailAttemptsShown, t.number(mail.log.count))),
            el("ol", [], mail.log.map { attempt in
                el("li", [], "\((try? RFC3339.instant(attempt.attemptedAt).get()).map { Self.when($0, t) } ?? attempt.attemptedAt) — \(attempt.outcome)"
                   + (attempt.replyCode.map { " \($0)" } ?? "") + (attempt.reply.isEmpty ? "" : ": \(attempt.reply)"))
            }),
        ])])
    }

    /// Whom the message went to, or why that is no longer kept (migration 0133): never an empty cell.
    static func recipient(_ mail: MailDeliveryRecord, _ t: Language) -> String {
        if let recipient = mail.recipient { return recipient }
        return t(mail.cleared?.because == .erasure ? .mailClearedErasure : .mailClearedRetention)
    }

    static func mailStateMessage(_ state: MailState) -> Message {
        switch state {
        case .pending: .mailPending
        case .sent: .mailSent
        case .bounced: .mailBounced
        case .failed: .mailFailed
        }
    }
}
