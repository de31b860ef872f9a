import Companies
import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// Meeting requests (issue 14, journey 3): participants of an event ask to meet a company. Company
/// staff see the requests addressed to their company across events and accept or decline each once;
/// organizers, coordinators and admins see an event's requests beside its registrations, and
/// coordinators and admins may answer for a company. Everything goes through ConventionService's
/// meeting requests with the person's principal, so a company sees its own requests only, and a
/// requester's name only when that person agreed to share contact details (the service's rule).
extension Console {
    var meetingPages: [Page] {
        [
            Page(.get, "/companies/{id}/meetings", operations: ["getCompany", "listEvents", "listMeetingRequests", "listRegistrations"]) { console, request in
                try await console.companyMeetingsPage(request)
            },
            Page(.get, "/conventions/events/{id}/meetings", operations: ["getEvent", "listMeetingRequests", "listRegistrations", "getCompany"]) { console, request in
                try await console.eventMeetingsPage(request)
            },
            Page(.post, "/meeting-requests/{id}/decision", operations: ["decideMeetingRequest"]) { console, request in
                try await console.decideMeeting(request)
            },
        ]
    }

    /// The requests to one company, newest event first. Company staff open their own company only.
    func companyMeetingsPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let companyID = try request.pathUUID("id")
        guard principal.role != .company || principal.companyID == companyID else { throw ConsoleError.notFound }
        let company = try await services.companies.company(companyID, by: principal)
        // An organizer reads requests of the events they organize only (the service's rule).
        let filter = EventFilter(organizedBy: principal.role == .organizer ? principal.userID : nil)
        let events = try await Self.everyPage { try await services.conventions.events(filter, page: $0, by: principal) }
            .sorted { $0.startsAt > $1.startsAt }
        let name = t.pick(ja: company.nameJa, en: company.nameEn).text
        let path = "/companies/\(companyID.uuidString.lowercased())"
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", path)], t(.backToCompany, name))]),
        ] + MeetingPages.notices(request) + [el("p", [attr("class", "explain")], t(.meetingsExplained))]
        content += recordMeetingLinks(request, events: events, companyID: companyID)
        var any = false
        for event in events {
            let requests = try await meetingRequests(of: event.id, principal).filter { $0.companyId == companyID }
            guard !requests.isEmpty else { continue }
            any = true
            let people = try await participants(of: event.id, ids: Set(requests.map(\.participantId)), principal)
            content.append(el("h2", [], GuestPages.title(of: event, in: t)))
            content.append(el("p", [attr("class", "explain")], GuestPages.when(event, in: t)))
            content.append(MeetingPages.table(
                request, requests, people: people, companies: nil, canDecide: allows(principal.role, "decideMeetingRequest"),
                returnTo: ("company", companyID)))
        }
        if !any { content.append(el("p", [], t(.noMeetingRequests))) }
        return Layout.page(request, title: t(.meetingsTitle), section: principal.companyID == companyID ? .company : .needs, content)
    }

    /// An event's requests, for the event's organizers, coordinators and admins (the service decides
    /// which events a person may open; another organizer's event is a 404 page).
    func eventMeetingsPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let event = try await services.conventions.event(id, by: principal)
        let requests = try await meetingRequests(of: id, principal)
        let people = try await participants(of: id, ids: Set(requests.map(\.participantId)), principal)
        var companies: [UUID: String] = [:]
        for companyID in Set(requests.map(\.companyId)) {
            let company = try await services.companies.company(companyID, by: principal)
            companies[companyID] = t.pick(ja: company.nameJa, en: company.nameEn).text
        }
        let title = GuestPages.title(of: event, in: t)
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/conventions/events/\(id.uuidString.lowercased())")], t(.backToEvent, title))])]
        content += MeetingPages.notices(request)
        if mayOpen(principal.role, "/conventions/events/{id}/meetings/new"), Self.mayRecordMeeting(at: event, principal) {
            content.append(el("p", [], [el("a", [attr("class", "button secondary"), attr("href", "/conventions/events/\(id.uuidString.lowercased())/meetings/new")],
                                           t(.meetingFormOpen))]))
        }
        content.append(requests.isEmpty ? el("p", [], t(.noMeetingRequests)) : MeetingPages.table(
            request, requests, people: people, companies: companies, canDecide: allows(principal.role, "decideMeetingRequest"),
            returnTo: ("event", id)))
        return Layout.page(request, title: t(.eventMeetingsTitle, title), section: .conventions, content)
    }

    /// From a company's requests, the newest events where the reader may record one to this company.
    private func recordMeetingLinks(_ request: ConsoleRequest, events: [Event], companyID: UUID) -> [HTML] {
        let t = request.language
        guard let principal = request.session?.principal, mayOpen(principal.role, "/conventions/events/{id}/meetings/new") else { return [] }
        let events = events.filter { Self.mayRecordMeeting(at: $0, principal) }.prefix(MeetingPages.recordLinks)
        guard !events.isEmpty else { return [] }
        return [
            el("h2", [], t(.meetingFormOpen)),
            el("ul", [], events.map { event in
                el("li", [], [el("a", [attr("href", "/conventions/events/\(event.id.uuidString.lowercased())/meetings/new?company=\(companyID.uuidString.lowercased())")],
                                 GuestPages.title(of: event, in: t))])
            }),
        ]
    }

    /// Accepts or declines once, then back to the page the answer came from. An answer someone gave
    /// meanwhile wins: the page comes back saying so, and nothing changes.
    func decideMeeting(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let id = try request.pathUUID("id")
        guard let outcome = request.formValue("decision").flatMap(MeetingDecision.Outcome.init(rawValue:)),
              let back = request.formValue("returnId").flatMap(UUID.init(uuidString:)) else { throw ConsoleError.badRequest }
        let path: String
        switch request.formValue("from") {
        case "company": path = "/companies/\(back.uuidString.lowercased())/meetings"
        case "event": path = "/conventions/events/\(back.uuidString.lowercased())/meetings"
        default: throw ConsoleError.badRequest
        }
        do {
            _ = try await services.conventions.decideMeeting(id, MeetingDecision(decision: outcome), by: try request.principal)
            return Layout.seeOther("\(path)?answered=\(outcome.rawValue)")
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            return Layout.seeOther("\(path)?alreadyAnswered=1")
        }
    }

    /// Every request of an event the person may see (a company user: their company's only).
    private func meetingRequests(of eventID: UUID, _ principal: Principal) async throws -> [MeetingRequest] {
        var all: [MeetingRequest] = []
        var cursor: String?
        repeat {
            let page = try await services.conventions.meetingRequests(
                of: eventID, page: try PageRequest.parse(limit: PageRequest.limits.upperBound, cursor: cursor), by: principal)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil && all.count < MeetingPages.maximumShown
        return all
    }

    /// The requesters the person may know: every registration for managers, those who agreed to share
    /// their contact details for company staff (the service's rule).
    private func participants(of eventID: UUID, ids: Set<UUID>, _ principal: Principal) async throws -> [UUID: Participant] {
        var found: [UUID: Participant] = [:]
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await services.conventions.registrations(
                of: eventID, RegistrationFilter(), page: try PageRequest.parse(limit: PageRequest.limits.upperBound, cursor: cursor), by: principal)
            for registration in page.items where ids.contains(registration.participant.id) {
                found[registration.participant.id] = registration.participant
            }
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && found.count < ids.count && pages < MeetingPages.maximumRegistrationPages
        return found
    }
}

enum MeetingPages {
    /// A page lists at most this many requests per event.
    static let maximumShown = 500
    /// Registrations read to name requesters: 50 pages of 100.
    static let maximumRegistrationPages = 50
    /// A company's page offers recording a request at this many of the newest events.
    static let recordLinks = 5

    static func notices(_ request: ConsoleRequest) -> [HTML] {
        let t = request.language
        var notices: [HTML] = []
        switch request.query("answered") {
        case "accepted": notices.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.meetingAcceptedNotice)))
        case "declined": notices.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.meetingDeclinedNotice)))
        default: break
        }
        if request.query("recorded") != nil {
            notices.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.meetingRecordedNotice)))
        }
        if request.query("alreadyAnswered") != nil {
            notices.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(.meetingAlreadyAnswered)))
        }
        return notices
    }

    static func statusMessage(_ status: MeetingRequestStatus) -> Message {
        switch status {
        case .requested: .meetingStatusRequested
        case .accepted: .meetingStatusAccepted
        case .declined: .meetingStatusDeclined
        }
    }

    /// Who asked: the name in both scripts and the organisation, or a plain "a participant" when the
    /// person did not agree to share contact details with companies.
    static func requester(_ person: Participant?, _ t: Language) -> (name: String, organisation: String) {
        guard let person else { return (t(.meetingRequesterHidden), "—") }
        return (Console.name(person), person.organisation ?? "—")
    }

    /// One row per request; `companies` adds the company column (the event's view). Unanswered
    /// requests carry the two answers as buttons when the person may answer.
    static func table(
        _ request: ConsoleRequest, _ requests: [MeetingRequest], people: [UUID: Participant], companies: [UUID: String]?, canDecide: Bool,
        returnTo: (from: String, id: UUID)
    ) -> HTML {
        let t = request.language
        var headers = [t(.meetingReceived), t(.meetingRequester), t(.guestOrganisation)]
        if companies != nil { headers.append(t(.companyName)) }
        headers += [t(.meetingMessage), t(.meetingStatus)]
        return Table.make(
            caption: t(.meetingsTitle), captionShown: false, headers: headers, numeric: [], compact: [0], stacked: true,
            rows: requests.map { meeting in
                let who = requester(people[meeting.participantId], t)
                var row: [HTML] = [.text(t.date(meeting.createdAt)), .text(who.name), .text(who.organisation)]
                if let companies {
                    row.append(el("a", [attr("href", "/companies/\(meeting.companyId.uuidString.lowercased())")], companies[meeting.companyId] ?? "—"))
                }
                row.append(.text(meeting.message ?? "—"))
                row.append(status(request, meeting, who: who.name, canDecide: canDecide, returnTo: returnTo))
                return row
            })
    }

    private static func status(
        _ request: ConsoleRequest, _ meeting: MeetingRequest, who: String, canDecide: Bool, returnTo: (from: String, id: UUID)
    ) -> HTML {
        let t = request.language
        guard meeting.status == .requested, canDecide else {
            let decided = meeting.decidedAt.map { " (\(t.date($0)))" } ?? ""
            return .text(t(statusMessage(meeting.status)) + decided)
        }
        return el("form", [attr("method", "post"), attr("action", "/meeting-requests/\(meeting.id.uuidString.lowercased())/decision"),
                           attr("class", "decision-form")], [
            Layout.csrfField(request),
            .void("input", [attr("type", "hidden"), attr("name", "from"), attr("value", returnTo.from)]),
            .void("input", [attr("type", "hidden"), attr("name", "returnId"), attr("value", returnTo.id.uuidString.lowercased())]),
            el("button", [attr("type", "submit"), attr("name", "decision"), attr("value", "accepted"),
                          attr("aria-label", t(.acceptMeetingFrom, who))], t(.acceptMeeting)),
            el("button", [attr("type", "submit"), attr("name", "decision"), attr("value", "declined"), attr("class", "secondary"),
                          attr("aria-label", t(.declineMeetingFrom, who))], t(.declineMeeting)),
        ])
    }
}
