import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// Retention of participants' personal data (issue 15): an event's retention page (its period, where it
/// stands, how many people are held, kept by consent or anonymised; its organizers change the period),
/// and the admins' list of what the nightly job will anonymise. Both call the services the API calls.
extension Console {
    var retentionPages: [Page] {
        [
            Page(.get, "/conventions/events/{id}/retention", operations: ["getEvent", "getEventRetention"]) { console, request in
                try await console.retentionPage(request, errors: [], changedMeanwhile: false)
            },
            Page(.post, "/conventions/events/{id}/retention", operations: ["getEvent", "getEventRetention", "updateEvent"]) { console, request in
                try await console.saveRetention(request)
            },
            Page(.get, "/conventions/retention", operations: ["listRetentionDue"]) { console, request in
                try await console.retentionDuePage(request)
            },
        ]
    }

    func retentionPage(
        _ request: ConsoleRequest, errors: [(field: String, message: String)], changedMeanwhile: Bool, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let retention = try await services.conventions.retentionStatus(of: id, by: principal)
        let event = try await services.conventions.event(id, by: principal)
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        var content: [HTML] = [Form.errorSummary(request, errors)]
        if changedMeanwhile { content.append(el("p", [attr("class", "notice warning")], t(.retentionChangedMeanwhile))) }
        if request.query("saved") == "1" { content.append(el("p", [attr("class", "notice success")], t(.retentionSaved))) }
        content += [
            el("p", [], t(.retentionIntro)),
            el("dl", [attr("class", "summary")], [
                el("dt", [], t(.retentionUntil)), el("dd", [], t(.retentionSummary, t.number(retention.retentionDays), t.date(retention.retainUntil))),
                el("dt", [], t(.retentionState)), el("dd", [], Self.retentionStateText(retention, t)),
            ]),
            Table.make(
                caption: t(.retentionPeople), headers: [t(.retentionGroup), t(.retentionCount)], numeric: [1],
                rows: [(Message.retentionHeld, retention.heldWithoutConsent), (.retentionWaiting, retention.waitingForLaterEvent),
                       (.retentionKept, retention.keptByConsent), (.retentionAnonymised, retention.anonymised)].map { label, count in
                    [.text(t(label)), .text(t.number(count))]
                }),
        ]
        if allows(principal.role, "updateEvent") {
            let message = errors.first { $0.field == "retentionDays" }?.message
            content.append(el("form", [attr("method", "post"), attr("action", path + "/retention")], [
                Layout.csrfField(request),
                .void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(event.version))]),
                Form.textField(request, name: "retentionDays", label: t(.retentionDaysLabel),
                               value: request.formValue("retentionDays") ?? String(retention.retentionDays), type: "number", error: message),
                el("button", [attr("type", "submit")], t(.retentionSave)),
            ]))
        }
        content.append(el("p", [], [el("a", [attr("href", path)], t(.deskBack))]))
        return Layout.page(request, status: status, title: t(.retentionTitleOf, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    /// Saves the period through `updateEvent` with the version the form carried: someone else's edit
    /// meanwhile brings the form back with the person's number and a notice, nothing written.
    func saveRetention(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        guard let value = request.formValue("retentionDays").flatMap({ Int($0.trimmed) }) else {
            return try await retentionPage(request, errors: [("retentionDays", t(.retentionDaysInvalid))], changedMeanwhile: false,
                                           status: HTTPStatus(code: 422))
        }
        do {
            _ = try await services.conventions.updateEvent(id, ifVersion: version, by: try request.principal) { $0.retentionDays = value }
        } catch RecordError.staleVersion {
            return try await retentionPage(request, errors: [], changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            return try await retentionPage(request, errors: [("retentionDays", t(.retentionDaysInvalid))], changedMeanwhile: false,
                                           status: HTTPStatus(code: 422))
        }
        return Layout.seeOther("/conventions/events/\(id.uuidString.lowercased())/retention?saved=1")
    }

    func retentionDuePage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let due = try await services.conventions.retentionDue(withinDays: 30, by: try request.principal)
        var content: [HTML] = [el("p", [], t(.retentionDueIntro))]
        if due.isEmpty {
            content.append(el("p", [], t(.retentionDueNone)))
        } else {
            content.append(Table.make(
                caption: t.count(due.count, .retentionDueFound, one: .retentionDueFoundOne),
                headers: [t(.eventTitle), t(.retentionEnded), t(.retentionUntil), t(.retentionState), t(.retentionToAnonymise)],
                // polish27: stacked on a phone, where the five columns were 447 px wide at 375.
                numeric: [4], compact: [1, 2], stacked: true,
                rows: due.map { row in
                    let title = t.pick(ja: row.titleJa, en: row.titleEn).text
                    return [el("a", [attr("href", "/conventions/events/\(row.eventId.uuidString.lowercased())/retention")], title),
                            .text(t.date(row.endsAt)), .text(t.date(row.retainUntil)),
                            .text(t(row.state == .due ? .retentionStateDueShort : .retentionStateRetained)), .text(t.number(row.toAnonymise))]
                }))
        }
        return Layout.page(request, title: t(.retentionDueTitle), section: .conventions, content)
    }

    static func retentionStateText(_ retention: RetentionStatus, _ t: Language) -> String {
        switch retention.state {
        case .retained: t(.retentionStateRetained)
        case .due: t(.retentionStateDue)
        case .shredded: t(.retentionStateShredded, retention.shreddedAt.map { t.date($0) } ?? "")
        }
    }
}
