import Companies
import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// Recording a meeting request in the browser (console14, `createMeetingRequest`): a participant of an
/// event asks to meet a company, and the event's organizer (or a coordinator, or an admin) writes it down.
/// The form is linked from the event's meeting requests and, with the company chosen, from the company's;
/// the service decides whose event it is (another organizer's is the 404 page) and that the person is
/// registered there.
extension Console {
    var meetingRequestFormPages: [Page] {
        let operations = ["getEvent", "listRegistrations", "listCompanies", "getCompany", "createMeetingRequest"]
        return [
            Page(.get, "/conventions/events/{id}/meetings/new", operations: operations) { console, request in
                try await console.meetingRequestForm(request, errors: [])
            },
            Page(.post, "/conventions/events/{id}/meetings/new", operations: operations) { console, request in
                try await console.recordMeetingRequest(request)
            },
        ]
    }

    /// The service's rule for recording (`requestMeeting`): the event's organizers, coordinators, admins.
    static func mayRecordMeeting(at event: Event, _ principal: Principal) -> Bool {
        [.admin, .coordinator].contains(principal.role) || (principal.role == .organizer && event.organizerUserIds.contains(principal.userID))
    }

    /// At most this many people and companies are offered in the form's lists.
    static let meetingFormChoices = 2_000

    func meetingRequestForm(_ request: ConsoleRequest, errors: [(field: String, message: String)], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let event = try await services.conventions.event(id, by: principal)
        guard Self.mayRecordMeeting(at: event, principal) else { throw ConsoleError.notFound }
        let people = try await meetingRequesters(of: id, principal)
        let companies = try await meetingCompanies(principal)
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        let chosenCompany = request.formValue("companyId") ?? request.query("company")
        var personOptions: [(value: String, label: String)] = [("", t(.guestChoose))]
        for registration in people {
            let person = registration.participant
            let label = Self.name(person) + " — " + (person.organisation ?? "—") + " (" + (registration.code ?? "—") + ")"
            personOptions.append((person.id.uuidString.lowercased(), label))
        }
        var companyOptions: [(value: String, label: String)] = [("", t(.guestChoose))]
        for company in companies {
            companyOptions.append((company.id.uuidString.lowercased(), t.pick(ja: company.nameJa, en: company.nameEn).text))
        }
        let fields: [HTML] = [
            Layout.csrfField(request),
            Form.select(name: "participantId", label: t(.meetingFormParticipant), options: personOptions,
                        selected: request.formValue("participantId"), error: message("participantId")),
            Form.select(name: "companyId", label: t(.meetingFormCompany), options: companyOptions, selected: chosenCompany, error: message("companyId")),
            Form.textArea(request, name: "message", label: t(.meetingFormMessage), value: request.formValue("message"), error: message("message")),
            el("button", [attr("type", "submit")], t(.meetingFormSubmit)),
        ]
        let content: [HTML] = [
            Form.errorSummary(request, errors),
            el("p", [], t(.meetingFormIntro)),
            el("form", [attr("method", "post"), attr("action", path + "/meetings/new"), flag("novalidate")], fields),
            el("p", [], [el("a", [attr("href", path + "/meetings")], t(.backToEvent, GuestPages.title(of: event, in: t)))]),
        ]
        return Layout.page(request, status: status, title: t(.meetingFormTitle, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    /// The request recorded: back to the event's requests, which list it. A person not registered, an
    /// unknown company, a request already made and too long a message come back beside their fields.
    func recordMeetingRequest(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let participant = request.formValue("participantId").flatMap(UUID.init(uuidString:))
        let company = request.formValue("companyId").flatMap(UUID.init(uuidString:))
        let text = request.formValue("message")?.trimmed ?? ""
        var errors: [(field: String, message: String)] = []
        if participant == nil { errors.append(("participantId", t(.meetingFormParticipantMissing))) }
        if company == nil { errors.append(("companyId", t(.meetingFormCompanyMissing))) }
        guard let participant, let company, errors.isEmpty else {
            return try await meetingRequestForm(request, errors: errors, status: HTTPStatus(code: 422))
        }
        do {
            _ = try await services.companies.company(company, by: try request.principal)
        } catch let error as any ProblemConvertible where error.problem.status == 404 {
            return try await meetingRequestForm(request, errors: [("companyId", t(.meetingFormCompanyMissing))], status: HTTPStatus(code: 422))
        }
        do {
            _ = try await services.conventions.requestMeeting(
                MeetingRequestDraft(participantId: participant, companyId: company, message: text.isEmpty ? nil : text), eventID: id, by: try request.principal)
        } catch let error as any ProblemConvertible where [409, 422].contains(error.problem.status) && error.problem.errors?.isEmpty == false {
            let errors = (error.problem.errors ?? []).map { field -> (field: String, message: String) in
                switch field.field {
                case "participantId": (field.field, t(.meetingFormNotRegistered))
                case "companyId": (field.field, t(.meetingFormAlreadyAsked))
                // The message's other rule: no control characters, NUL or text-direction overrides.
                default: ("message", field.message == Validation.invisibleControlsMessage
                    ? t(.meetingFormMessageControls) : t(.meetingFormMessageTooLong))
                }
            }
            return try await meetingRequestForm(request, errors: errors, status: HTTPStatus(code: error.problem.status))
        }
        return Layout.seeOther("/conventions/events/\(id.uuidString.lowercased())/meetings?recorded=1")
    }

    /// The people who may ask: registrations that are not cancelled, by name.
    private func meetingRequesters(of eventID: UUID, _ principal: Principal) async throws -> [Registration] {
        try await Self.everyItem { page in
            try await services.conventions.registrations(of: eventID, RegistrationFilter(), page: page, by: principal)
        }
        .filter { $0.status != .cancelled && $0.participant.erasedAt == nil }
        .sorted { Self.name($0.participant) < Self.name($1.participant) }
    }

    private func meetingCompanies(_ principal: Principal) async throws -> [Company] {
        try await Self.everyItem { page in try await services.companies.companies(CompanyFilter(), page: page, by: principal) }
    }

    /// The items of a listing, page after page, up to `meetingFormChoices`.
    private static func everyItem<Item>(_ list: (PageRequest) async throws -> DomainKit.Page<Item>) async throws -> [Item] {
        var found: [Item] = []
        var cursor: String?
        repeat {
            let page = try await list(try PageRequest.parse(limit: PageRequest.limits.upperBound, cursor: cursor))
            found += page.items
            cursor = page.nextCursor
        } while cursor != nil && found.count < meetingFormChoices
        return found
    }
}
