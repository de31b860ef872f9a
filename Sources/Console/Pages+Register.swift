import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

extension Cookies {
    /// Double-submit token of the public forms (registration, cancellation), which have no session.
    static let publicCSRF = "domino_public_csrf"
}

/// The public forms' CSRF defence: a random value in a SameSite=Strict cookie that the form repeats
/// (OWASP double-submit), as the login form does.
extension Console {
    /// The token to put in the form: the browser's current one, or a new one (set it with the page).
    func publicFormToken(_ request: ConsoleRequest) -> String {
        Cookies.value(Cookies.publicCSRF, in: request.http).flatMap { $0.utf8.count == 32 ? $0 : nil } ?? Self.randomToken()
    }

    func checkPublicFormToken(_ request: ConsoleRequest) throws(ConsoleError) {
        guard let sent = request.formValue("_csrf"), let expected = Cookies.value(Cookies.publicCSRF, in: request.http),
              constantTimeEqual(sent, expected) else {
            throw ConsoleError.badCSRF
        }
    }
}

/// The public registration page of each event (issue 15): no account, Japanese and English. Outside
/// the session check, so its defences are its own: a double-submit CSRF token, a rate limit per client
/// address, a honeypot field, and one answer for every outcome, so nobody learns from the page whether
/// an address is registered (the difference goes only to that address's mailbox).
extension Console {
    var publicPages: [Page] {
        [
            Page(.get, "/events/{id}/register", operations: [], signedIn: false) { console, request in
                try await console.registrationPage(request, values: GuestForm(), errors: [])
            },
            Page(.post, "/events/{id}/register", operations: [], signedIn: false) { console, request in
                try await console.registerGuest(request)
            },
            Page(.get, "/events/{id}/register/thanks", operations: [], signedIn: false) { console, request in
                let event = try await console.services.conventions.publicEvent(try request.pathUUID("id"))
                return GuestPages.thanks(request, event: event)
            },
        ]
    }

    func registrationPage(_ request: ConsoleRequest, values: GuestForm, errors: [(field: String, message: String)], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let event = try await services.conventions.publicEvent(try request.pathUUID("id"))
        let title = GuestPages.title(of: event, in: t)
        var content: [HTML] = [GuestPages.summary(of: event, in: t)]
        guard GuestPages.isOpen(event, now: request.now) else {
            content.append(el("p", [attr("class", "notice warning")], t(.guestClosed)))
            return Layout.page(request, status: status, title: t(.guestTitle, title), section: nil, content)
        }
        let token = publicFormToken(request)
        let universities = try await services.conventions.publicUniversities()
        content.append(Form.errorSummary(request, errors))
        content.append(el("form", [attr("method", "post"), attr("action", "/events/\(event.id.uuidString.lowercased())/register"), attr("class", "guest-form")],
            [.void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", token)])]
            + GuestPages.fields(request, event: event, universities: universities, values: values, errors: errors)
            + [el("button", [attr("type", "submit")], t(.guestSubmit))]))
        return Layout.page(
            request, status: status, title: t(.guestTitle, title), section: nil,
            cookies: [Cookies.set(Cookies.publicCSRF, token, secure: request.secure)], content)
    }

    /// Rate limit first (a flood of forged posts counts too), then the CSRF token, then the honeypot,
    /// then the registration itself. Every way to succeed ends on the same thank-you page.
    func registerGuest(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let eventID = try request.pathUUID("id")
        guard try await publicAttempts.admit(address: request.clientAddress, now: request.now) else {
            return Layout.page(request, status: HTTPStatus(code: 429), title: t(.guestTooManyTitle), section: nil, [
                el("p", [attr("class", "notice warning")], t(.guestTooMany)),
            ])
        }
        try checkPublicFormToken(request)
        let values = GuestForm(request)
        let thanks = { (place: GuestPlace) in Layout.seeOther("/events/\(eventID.uuidString.lowercased())/register/thanks?\(place.query)") }
        // A person never sees this field; a form-filling robot does, and gets the same answer as a person.
        if request.formText(GuestPages.honeypot) != nil {
            return thanks(GuestPlace(wouldGet: try await services.conventions.publicEvent(eventID), attendance: AttendanceMode(rawValue: values.attendance)))
        }
        let (draft, errors) = values.draft(t)
        guard let draft, errors.isEmpty else {
            return try await registrationPage(request, values: values, errors: errors, status: HTTPStatus(code: 422))
        }
        let outcome: PublicRegistrationOutcome
        do {
            outcome = try await services.conventions.registerPublicly(draft, eventID: eventID)
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            let fields = (error.problem.errors ?? []).map { $0.field.replacing("participant.", with: "") }
            return try await registrationPage(request, values: values, errors: fields.map { GuestPages.error(for: $0, t) }, status: HTTPStatus(code: 422))
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            return try await registrationPage(request, values: values, errors: [], status: HTTPStatus(code: 409))
        }
        switch outcome {
        case .registered(let registration):
            return thanks(GuestPlace(registration))
        case .alreadyRegistered:
            // What a new registration would have been given now, from the seats the public page shows, so the
            // answer is the same as for a stranger's first registration (the mailbox alone learns the truth).
            return thanks(GuestPlace(wouldGet: try await services.conventions.publicEvent(eventID), attendance: draft.attendance))
        }
    }
}

/// What a guest typed, kept to fill the form again when something needs fixing.
struct GuestForm: Sendable {
    var nameJa = "", nameEn = "", nameReading = "", email = "", organisation = "", country = "", sector = "", role = "", campusId = "", universityId = "", attendance = ""
    var consent = false, shareContact = false, stayInTouch = false

    init() {}

    /// Longer than any field the service takes (an organisation takes 300 characters), so that too long
    /// a value is refused beside its field rather than cut short here and stored cut.
    static let longestKept = 1000

    init(_ request: ConsoleRequest) {
        func text(_ name: String, max: Int = Self.longestKept) -> String { String((request.formValue(name) ?? "").trimmed.prefix(max)) }
        nameJa = text("nameJa")
        nameEn = text("nameEn")
        nameReading = text("nameReading")
        email = text("email")
        organisation = text("organisation")
        country = text("country", max: 10).uppercased()
        sector = text("sector", max: 40)
        role = text("role", max: 40)
        campusId = text("campusId", max: 80)
        universityId = text("universityId", max: 80)
        attendance = text("attendance", max: 40)
        consent = request.formValue("consent") == "yes"
        shareContact = request.formValue("shareContact") == "yes"
        stayInTouch = request.formValue("stayInTouch") == "yes"
    }

    /// The form filled with a participant's details as stored (the correction form, conv35).
    init(_ person: Participant) {
        nameJa = person.nameJa ?? ""
        nameEn = person.nameEn ?? ""
        nameReading = person.nameReading ?? ""
        email = person.email ?? ""
        organisation = person.organisation ?? ""
        country = person.country ?? ""
        sector = person.sector.rawValue
        role = person.role.rawValue
        campusId = person.campusId ?? ""
        universityId = person.universityId ?? ""
        shareContact = person.consentToShareContact
        stayInTouch = person.consentToStayInTouch
    }

    /// The registration when the form's own rules hold (consent given, known sector and role); the
    /// service applies every other rule and its field errors come back beside their fields.
    func draft(_ t: Language) -> (RegistrationDraft?, [(field: String, message: String)]) {
        var (participant, errors) = participantDraft(t)
        if !consent { errors.append(GuestPages.error(for: "consent", t)) }
        guard let participant, errors.isEmpty else { return (nil, errors) }
        return (RegistrationDraft(participant: participant, attendance: AttendanceMode(rawValue: attendance)), [])
    }

    /// The person's part of the form (names, address, affiliation, the two optional consents), for a registration
    /// and for a correction alike: a name, an address, a known sector and role, or the fields that lack them.
    func participantDraft(_ t: Language) -> (ParticipantDraft?, [(field: String, message: String)]) {
        var errors: [(field: String, message: String)] = []
        if nameJa.isEmpty && nameEn.isEmpty { errors.append(GuestPages.error(for: "nameJa", t)) }
        if email.isEmpty { errors.append(GuestPages.error(for: "email", t)) }
        let sector = Sector(rawValue: sector), role = ParticipantRole(rawValue: role)
        if sector == nil { errors.append(GuestPages.error(for: "sector", t)) }
        if role == nil { errors.append(GuestPages.error(for: "role", t)) }
        guard let sector, let role, errors.isEmpty else { return (nil, errors) }
        return (ParticipantDraft(
            nameJa: nameJa.isEmpty ? nil : nameJa, nameEn: nameEn.isEmpty ? nil : nameEn, email: email,
            organisation: organisation.isEmpty ? nil : organisation, country: country.isEmpty ? nil : country, sector: sector, role: role,
            universityId: universityId.isEmpty ? nil : universityId, consentToShareContact: shareContact,
            campusId: campusId.isEmpty ? nil : campusId, consentToStayInTouch: stayInTouch, nameReading: nameReading.isEmpty ? nil : nameReading), [])
    }

    /// The values as the stale-form notice compares them, each with its label.
    func labelled(_ t: Language) -> [(label: String, value: String)] {
        [(t(.guestNameJa), nameJa), (t(.guestNameEn), nameEn), (t(.participantNameReading), nameReading), (t(.email), email),
         (t(.guestOrganisation), organisation), (t(.guestCountry), country),
         (t(.guestSector), Sector(rawValue: sector).map { t(GuestPages.sectorMessage($0)) } ?? sector),
         (t(.guestRole), ParticipantRole(rawValue: role).map { t(GuestPages.roleMessage($0)) } ?? role),
         (t(.guestCampus), campusId), (t(.registerUniversity), universityId),
         (t(.guestShareContact), t(shareContact ? .yes : .no)), (t(.guestStayInTouch), t(stayInTouch ? .yes : .no))]
    }
}
