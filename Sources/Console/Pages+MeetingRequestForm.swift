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
    static let meetingFormChoices = listCeiling

    func meetingRequestForm(_ request: ConsoleRequest, errors: [(field: String, message: String)], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let event = try await services.conventions.event(id, by: principal)
        guard Self.mayRecordMeeting(at: event, principal) else { throw ConsoleError.notFound }
        // The lists' search (ux12): words typed into the GET form below narrow each list on the server, so
        // an event of thousands needs no script; the POST form carries them, so a refused form keeps its lists.
        let findPerson = Self.searchWords(request, "findPerson")
        let findCompany = Self.searchWords(request, "findCompany")
        let people = try await meetingRequesters(of: id, matching: findPerson, principal)
        var companies = try await meetingCompanies(matching: findCompany, principal)
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        let chosenCompany = request.formValue("companyId") ?? request.query("company")
        // The company a page chose (a company's own requests link here) stays offered whatever the search found.
        if let chosen = chosenCompany.flatMap(UUID.init(uuidString:)), !companies.contains(where: { $0.id == chosen }),
           let company = try? await services.companies.company(chosen, by: principal) {
            companies.insert(company, at: 0)
        }
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
            .void("input", [attr("type", "hidden"), attr("name", "findPerson"), attr("value", findPerson ?? "")]),
            .void("input", [attr("type", "hidden"), attr("name", "findCompany"), attr("value", findCompany ?? "")]),
            Form.select(name: "participantId", label: t(.meetingFormParticipant), options: personOptions,
                        selected: request.formValue("participantId"), error: message("participantId")),
            Form.select(name: "companyId", label: t(.meetingFormCompany), options: companyOptions, selected: chosenCompany, error: message("companyId")),
            Form.textArea(request, name: "message", label: t(.meetingFormMessage), value: request.formValue("message"), error: message("message")),
            el("button", [attr("type", "submit")], t(.meetingFormSubmit)),
        ]
        let search = Self.meetingSearchForm(request, action: path + "/meetings/new", findPerson: findPerson, findCompany: findCompany,
                                            people: people.count, companies: companies.count)
        let content: [HTML] = [
            Form.errorSummary(request, errors),
            el("p", [], t(.meetingFormIntro)),
            search,
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

    /// The people who may ask: registrations that are not cancelled, by name; with words, those whose
    /// name, e-mail, organisation or door code holds them (the desk's search, `listRegistrations?q=`).
    private func meetingRequesters(of eventID: UUID, matching words: String?, _ principal: Principal) async throws -> [Registration] {
        try await Self.everyPage { page in
            try await services.conventions.registrations(of: eventID, RegistrationFilter(text: words), page: page, by: principal)
        }
        .filter { $0.status != .cancelled && $0.participant.erasedAt == nil }
        .sorted { Self.name($0.participant) < Self.name($1.participant) }
    }

    /// The directory's companies; with words, those the directory's search finds (names and technologies,
    /// in either language, `listCompanies?q=`).
    private func meetingCompanies(matching words: String?, _ principal: Principal) async throws -> [Company] {
        try await Self.everyPage { page in try await services.companies.companies(CompanyFilter(text: words), page: page, by: principal) }
    }
}
