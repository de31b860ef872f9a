import DomainKit
import FoundationEssentials
import HTTPServer
import Mail

/// The outgoing mail's log (`listMailDeliveries`; docs/operations.md, "Mail relay"): each message with
/// its recipient, subject, state and what the relay answered at each attempt, newest first, 50 a page,
/// filtered by state or by reference (the registration or message it belongs to).
extension Console {
    /// How many mail deliveries a page lists; the pager's next link says the same number (`Layout.pager`).
    static let mailPageSize = 50

    var mailLogPages: [Page] {
        [Page(.get, "/mail", operations: ["listMailDeliveries"]) { console, request in try await console.mailLog(request) }]
    }

    func mailLog(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let state = try request.choice("state", MailState.init(rawValue:))
        let reference = request.query("reference")?.trimmed.isEmpty == false ? request.query("reference")?.trimmed : nil
        let page = try await services.mail.deliveries(
            state: state, reference: reference.map { String($0.prefix(200)) }, limit: Self.mailPageSize, cursor: request.query("cursor"), by: try request.principal)
        var content: [HTML] = [
            el("p", [attr("class", "explain")], t(.mailLogIntro)),
            el("form", [attr("method", "get"), attr("action", "/mail"), attr("class", "inline-form")], [
                Form.select(name: "state", label: t(.mailState), options: [("", t(.coordinatorAnyStatus))] + MailState.allCases.map { ($0.rawValue, t(Self.mailStateMessage($0))) },
                            selected: state?.rawValue ?? ""),
                Form.textField(request, name: "reference", label: t(.mailReference), value: reference, hint: t(.mailReferenceHint)),
                el("button", [attr("type", "submit")], t(.search)),
            ]),
        ]
        content.append(page.items.isEmpty ? el("p", [], t(.noMail)) : Table.make(
            caption: t(.mailLogTitle), captionShown: false,
            headers: [t(.mailWritten), t(.mailRecipient), t(.mailSubject), t(.mailState), t(.jobAttempts), t(.mailRelayAnswers)],
            numeric: [4], compact: [0, 3], stacked: true,
            rows: page.items.map { mail in
                [.text(Self.when(mail.createdAt, t)), .text(mail.recipient), .text(mail.subject), .text(t(Self.mailStateMessage(mail.state))),
                 .text(t.number(mail.attempts)), relayAnswers(mail, t)]
            }))
        content += Layout.pager(request, size: Self.mailPageSize, next: Layout.nextListHref(
            "/mail", cursor: page.nextCursor, [("state", state?.rawValue), ("reference", reference)]))
        return Layout.page(request, title: t(.mailLogTitle), section: .admin, content)
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

    static func mailStateMessage(_ state: MailState) -> Message {
        switch state {
        case .pending: .mailPending
        case .sent: .mailSent
        case .bounced: .mailBounced
        case .failed: .mailFailed
        }
    }
}
