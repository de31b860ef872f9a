import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// An event's co-organizers (gaps12): who organizes it, "add an organizer" by the exact e-mail address of an
/// organizer user, and a button to remove one (the last stays). Each write carries the event's version;
/// a stale one is the 409 page with the saved list and the typed address kept. An unknown address and an
/// address of a user who may not organize get the same sentence (the service's rule), so the form is no
/// way to learn who has an account.
extension Console {
    var eventOrganizerPages: [Page] {
        [
            Page(.get, "/conventions/events/{id}/organizers", operations: ["getEvent", "listEventOrganizers", "addEventOrganizer"]) { console, request in
                try await console.organizersPage(request)
            },
            Page(.post, "/conventions/events/{id}/organizers", operations: ["getEvent", "listEventOrganizers", "addEventOrganizer"]) { console, request in
                try await console.addOrganizer(request)
            },
            Page(.post, "/conventions/events/{id}/organizers/{userId}/remove",
                 operations: ["getEvent", "listEventOrganizers", "removeEventOrganizer"]) { console, request in
                try await console.removeOrganizer(request)
            },
        ]
    }

    func addOrganizer(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        let email = request.formValue("email") ?? ""
        do {
            let before = try await services.conventions.managedEvent(id, by: try request.principal).organizerUserIds
            let event = try await services.conventions.addOrganizer(email: email, to: id, ifVersion: version, by: try request.principal)
            let added = event.organizerUserIds.count > before.count ? "added" : "already"
            return Layout.seeOther("/conventions/events/\(id.uuidString.lowercased())/organizers?\(added)=1")
        } catch RecordError.staleVersion {
            return try await organizersPage(request, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch RecordError.invalid(let errors) {
            let message = errors.first?.message.hasPrefix("must be an email") == true ? t(.organizerEmailInvalid) : t(.organizerNotFound)
            return try await organizersPage(request, errors: [("email", message)], status: HTTPStatus(code: 422))
        } catch RecordError.conflict(_, field: .some("email")) {
            return try await organizersPage(request, errors: [("email", t(.organizerLimit))], status: HTTPStatus(code: 422))
        }
    }

    func removeOrganizer(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let user = try request.pathUUID("userId")
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        do {
            _ = try await services.conventions.removeOrganizer(user, from: id, ifVersion: version, by: principal)
        } catch RecordError.staleVersion {
            return try await organizersPage(request, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch RecordError.conflict(_, field: .some("userId")) {
            return try await organizersPage(request, notice: .organizerLast, status: HTTPStatus(code: 409))
        }
        // An organizer who left no longer manages the event: its pages would be a 404 to them.
        if user == principal.userID && principal.role == .organizer { return Layout.seeOther("/conventions?left=1") }
        return Layout.seeOther("/conventions/events/\(id.uuidString.lowercased())/organizers?removed=1")
    }

    func organizersPage(
        _ request: ConsoleRequest, errors: [(field: String, message: String)] = [], changedMeanwhile: Bool = false, notice: Message? = nil,
        status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        // The event as its managers see it: another organizer's event is the 404 page, as the API's.
        let event = try await services.conventions.managedEvent(id, by: principal)
        let organizers = try await services.conventions.organizers(of: id, by: principal)
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        var content: [HTML] = [Form.errorSummary(request, errors)]
        if changedMeanwhile {
            content.append(Form.changedMeanwhile(title: t(.organizerChangedMeanwhile), detail: t(.organizerChangedDetail), differences: .fragment([])))
        }
        if let notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(notice))) }
        content += Self.needsOrganizerNotice(event, for: principal.role, t)
        for (key, message) in [("added", Message.organizerAdded), ("already", .organizerAlready), ("removed", .organizerRemoved)] where request.query(key) == "1" {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        let removable = organizers.count > 1
        // The service keeps the last enabled organizer-role user (a disabled one cannot sign in, a coordinator or an
        // admin listed does not organize it): no button that must fail.
        let enabled = organizers.filter(\.organizes).map(\.userId)
        let kept = enabled.count == 1 ? enabled.first : nil
        content.append(el("p", [], t(.organizersIntro)))
        content.append(organizers.isEmpty ? el("p", [], t(.organizersNone)) : Table.make(
                caption: t.count(organizers.count, .organizersCount, one: .organizersCountOne),
                headers: [t(.organizerName), t(.email)] + (removable ? [t(.registrationActions)] : []),
                numeric: [], compact: [], stacked: true,
                rows: organizers.map { organizer in
                    var name = organizer.displayName
                    if organizer.userId == principal.userID { name += t(.organizerYou) }
                    if organizer.disabled { name += t(.accountDisabledMark) }
                    var row: [HTML] = [.text(name), .text(organizer.email)]
                    if removable && organizer.userId == kept {
                        row.append(el("span", [attr("class", "hint")], t(.organizerKeptEnabled)))
                    } else if removable {
                        let leaving = organizer.userId == principal.userID
                        // Leaving closes the event to the person at once: the browser asks first (`data-confirm`).
                        let confirm = leaving ? [attr("data-confirm", t(.organizerLeaveConfirm))] : []
                        row.append(el("form", [attr("method", "post"), attr("action", "\(path)/organizers/\(organizer.userId.uuidString.lowercased())/remove")] + confirm, [
                            Layout.csrfField(request), Form.version(event.version),
                            el("button", [attr("type", "submit"), attr("class", "secondary"), attr("aria-label", t(leaving ? .organizerLeave : .organizerRemoveFor, organizer.displayName))],
                               t(leaving ? .organizerLeave : .organizerRemove)),
                        ]))
                    }
                    return row
                }))
        // Said of one organizer only: under an event that lists no one (the demo's past conventions) it would not be true.
        if organizers.count == 1 { content.append(el("p", [attr("class", "hint")], t(.organizerSoleKept))) }
        content += [
            el("h2", [attr("id", "add")], t(.organizerAddTitle)),
            el("form", [attr("method", "post"), attr("action", path + "/organizers"), attr("class", "panel"), flag("novalidate")], [
                Layout.csrfField(request), Form.version(event.version),
                Form.textField(request, name: "email", label: t(.organizerAddEmail), value: request.formValue("email"), type: "email",
                               hint: t(.organizerAddHint), autocomplete: "off", error: errors.first { $0.field == "email" }?.message),
                el("button", [attr("type", "submit")], t(.organizerAddButton)),
            ]),
            el("p", [], [el("a", [attr("href", path)], t(.backToEvent, GuestPages.title(of: event, in: t)))]),
        ]
        return Layout.page(request, status: status, title: t(.organizersTitleOf, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    /// The event page's line naming its organizers, with the way to change them for those who may.
    func organizerSummary(_ request: ConsoleRequest, event: Event, path: String) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        guard allows(principal.role, "listEventOrganizers") else { return [] }
        let organizers = try await services.conventions.organizers(of: event.id, by: principal)
        var line: [HTML] = [.text(t(.organizersLabel) + " "),
                            .text(organizers.isEmpty ? "—" : organizers.map(\.displayName).joined(separator: t(.listSeparator)))]
        if allows(principal.role, "addEventOrganizer") {
            line += [.text(" "), el("a", [attr("href", path + "/organizers")], t(.organizersManage))]
        }
        return [el("p", [attr("id", "organizers")], line)] + Self.needsOrganizerNotice(event, for: principal.role, t)
    }

    /// An event that lists no enabled organizer (an admin disabled the last one: `needsOrganizer`, harden13) is
    /// managed by admins alone until one of them adds an organizer: the event's pages say so.
    /// Only an admin can add one then, so anyone else is asked to ask an administrator.
    static func needsOrganizerNotice(_ event: Event, for role: Role, _ t: Language) -> [HTML] {
        guard event.needsOrganizer else { return [] }
        let notice = t(role == .admin ? .eventNeedsOrganizer : .eventNeedsOrganizerAskAdmin)
        return [el("p", [attr("class", "notice warning"), attr("role", "status")], notice)]
    }
}
