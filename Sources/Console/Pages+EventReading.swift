import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// An event's page for the roles that read events but not their registrations (gaps12): the council
/// (viewer), company staff and liaison officers. `getEvent` and `listEventSessions` admit every role, so
/// the page shows what they return, the seats taken, and no tool the reader could not use: no
/// registrations, exports, desk or forms. Company staff keep the link to the event's meeting requests,
/// which `listMeetingRequests` gives them (their own company's only).
extension Console {
    func eventReadingPage(_ request: ConsoleRequest, event: Event, path: String) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let sessions = try await services.conventions.sessions(of: event.id, by: principal)
        var content: [HTML] = [
            GuestPages.summary(of: event, in: t, staff: true),
            el("dl", [attr("class", "summary-list")], [
                el("dt", [], t(.eventTakenInPerson)), el("dd", [], Self.seats(event.inPersonSeats, t)),
                el("dt", [], t(.eventTakenOnline)), el("dd", [], Self.seats(event.onlineSeats, t)),
            ]),
            el("p", [attr("class", "hint")], t(.eventReadOnly)),
        ]
        if allows(principal.role, "listMeetingRequests") {
            content.append(el("p", [], [el("a", [attr("href", path + "/meetings")], t(.eventMeetingsLink))]))
        }
        content.append(el("section", [attr("id", "sessions")], sessionSection(request, event: event, sessions: sessions, manages: false)))
        content.append(el("p", [], [el("a", [attr("href", "/conventions")], t(.backToEvents))]))
        return Layout.page(request, title: GuestPages.title(of: event, in: t), section: .conventions, content)
    }
}
