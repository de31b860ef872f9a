import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// An organizer's own hand on an event's registrations (console14): register a person with the public
/// page's questions (`createRegistration`: a seat or the waitlist, as the service decides), cancel a
/// registration after a confirmation page (`cancelRegistration`; the first waitlisted person moves up),
/// and, for admins, erase a participant's personal data on a privacy request (`eraseParticipant`).
/// Another organizer's event or registration is the 404 page, as the API answers.
extension Console {
    var registrationPages: [Page] {
        let register = ["getEvent", "createRegistration"]
        let cancel = ["getEvent", "listRegistrations", "cancelRegistration"]
        let erase = ["getEvent", "listRegistrations", "eraseParticipant"]
        let correct = ["getEvent", "listRegistrations", "updateParticipant"]
        let resend = ["getEvent", "listRegistrations", "resendRegistrationConfirmation"]
        return [
            Page(.get, "/conventions/events/{id}/registrations/{registrationId}/confirmation", operations: resend) { console, request in
                try await console.resendConfirmationPage(request)
            },
            Page(.post, "/conventions/events/{id}/registrations/{registrationId}/confirmation", operations: resend) { console, request in
                try await console.resendConfirmation(request)
            },
            Page(.get, "/conventions/events/{id}/registrations/{registrationId}/participant", operations: correct) { console, request in
                try await console.correctionForm(request)
            },
            Page(.post, "/conventions/events/{id}/registrations/{registrationId}/participant", operations: correct) { console, request in
                try await console.correctParticipant(request)
            },
            Page(.get, "/conventions/events/{id}/registrations/new", operations: register) { console, request in
                try await console.registrationForm(request, values: GuestForm(), errors: [])
            },
            Page(.post, "/conventions/events/{id}/registrations/new", operations: register) { console, request in
                try await console.registerByHand(request)
            },
            Page(.get, "/conventions/events/{id}/registrations/{registrationId}/cancel", operations: cancel) { console, request in
                try await console.cancelConfirmation(request)
            },
            Page(.post, "/conventions/events/{id}/registrations/{registrationId}/cancel", operations: cancel) { console, request in
                try await console.cancelRegistration(request)
            },
            Page(.get, "/conventions/events/{id}/registrations/{registrationId}/erase", operations: erase) { console, request in
                try await console.erasureConfirmation(request)
            },
            Page(.post, "/conventions/events/{id}/registrations/{registrationId}/erase", operations: erase) { console, request in
                try await console.eraseParticipant(request)
            },
        ]
    }

    func registrationForm(
        _ request: ConsoleRequest, values: GuestForm, errors: [(field: String, message: String)], notice: String? = nil, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let event = try await services.conventions.managedEvent(try request.pathUUID("id"), by: try request.principal)
        let path = "/conventions/events/\(event.id.uuidString.lowercased())"
        let universities = try await services.conventions.publicUniversities()
        var content: [HTML] = [GuestPages.summary(of: event, in: t, staff: true), Form.errorSummary(request, errors)]
        if let notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], notice)) }
        content += [
            el("p", [], t(.registerByHandIntro)),
            el("form", [attr("method", "post"), attr("action", path + "/registrations/new"), attr("class", "guest-form"), flag("novalidate")],
               [Layout.csrfField(request)]
               + GuestPages.fields(request, event: event, universities: universities, values: values, errors: errors, staff: true)
               + [el("button", [attr("type", "submit")], t(.registerByHandSubmit))]),
            el("p", [], [el("a", [attr("href", path)], t(.deskBack))]),
        ]
        return Layout.page(request, status: status, title: t(.registerByHandTitle, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    /// The form's own rules first (as the public page), then the service's: its field errors come back
    /// beside their fields; an address already registered is said beside the e-mail; outside the
    /// registration window the form comes back with the reason and the import as the way round it.
    func registerByHand(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let eventID = try request.pathUUID("id")
        let values = GuestForm(request)
        let (draft, errors) = values.draft(t)
        guard let draft, errors.isEmpty else {
            return try await registrationForm(request, values: values, errors: errors, status: HTTPStatus(code: 422))
        }
        let registration: Registration
        do {
            registration = try await services.conventions.register(draft, eventID: eventID, by: try request.principal)
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            return try await registrationForm(request, values: values, errors: Self.personFieldErrors(error.problem, t), status: HTTPStatus(code: 422))
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            if error.problem.errors?.contains(where: { $0.field == "participant.email" }) == true {
                return try await registrationForm(request, values: values, errors: [("email", t(.registerAlreadyRegistered))], status: HTTPStatus(code: 409))
            }
            return try await registrationForm(request, values: values, errors: [], notice: t(.registerWindowClosed), status: HTTPStatus(code: 409))
        }
        let event = try await services.conventions.managedEvent(eventID, by: try request.principal)
        let path = "/conventions/events/\(eventID.uuidString.lowercased())"
        let name = Self.name(registration.participant)
        let answer: HTML = registration.status == .waitlisted
            ? el("p", [attr("class", "notice warning"), attr("role", "status")], t(.registerWaitlisted, name))
            : el("p", [attr("class", "notice success"), attr("role", "status")],
                 t(.registerDone, name, registration.code ?? "—", registration.participant.email ?? "—"))
        return Layout.page(request, title: t(.registerByHandTitle, GuestPages.title(of: event, in: t)), section: .conventions, [
            answer,
            el("p", [], [el("a", [attr("href", path + "/registrations/new")], t(.registerAnother))]),
            el("p", [], [el("a", [attr("href", path)], t(.deskBack))]),
        ])
    }

    /// The service's 422 on a person's fields, beside the staff form's fields in the reader's language.
    static func personFieldErrors(_ problem: Problem, _ t: Language) -> [(field: String, message: String)] {
        (problem.errors ?? []).map { problem -> (field: String, message: String) in
            let field = problem.field.replacing("participant.", with: "")
            if field == "universityId" { return (field, t(.registerUniversityInvalid)) }
            // Staff choose the university and the campus apart: one of another university is its own mistake.
            if field == "campusId", problem.message.hasPrefix("is a campus of ") { return (field, t(.registerCampusOfOtherUniversity)) }
            return GuestPages.error(for: field, t)
        }
    }

    /// The correction form (conv35): the person's details as stored, the version they were read at, the registration's
    /// people summary above; an erased person says so instead.
    func correctionForm(
        _ request: ConsoleRequest, values: GuestForm? = nil, errors: [(field: String, message: String)] = [], notice: HTML = .fragment([]),
        status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let (event, registration) = try await managedRegistration(request)
        let person = registration.participant
        let path = "/conventions/events/\(event.id.uuidString.lowercased())"
        let back = el("p", [], [el("a", [attr("href", path)], t(.deskBack))])
        guard person.erasedAt == nil else {
            return Layout.page(request, status: status, title: t(.correctTitle, Self.name(person)), section: .conventions, [
                el("p", [attr("class", "notice warning"), attr("role", "alert")], t(.correctErased)), back,
            ])
        }
        let universities = try await services.conventions.publicUniversities()
        let action = "\(path)/registrations/\(registration.id.uuidString.lowercased())/participant"
        return Layout.page(request, status: status, title: t(.correctTitle, Self.name(person)), section: .conventions, [
            notice, Form.errorSummary(request, errors), el("p", [], t(.correctIntro)),
            el("form", [attr("method", "post"), attr("action", action), attr("class", "guest-form"), flag("novalidate")],
               [Layout.csrfField(request), Form.version(person.version)]
               + GuestPages.fields(request, event: event, universities: universities, values: values ?? GuestForm(person), errors: errors,
                                   staff: true, correcting: true)
               + [el("button", [attr("type", "submit")], t(.correctSubmit))]),
            back,
        ])
    }

    /// Saves a correction from the version the form was read at. Errors come back beside their fields with the input
    /// kept; another person's address is said beside the e-mail; a form someone saved over meanwhile comes back (409)
    /// with the input kept, the current version, and the saved values that differ; done, back to the event's page.
    func correctParticipant(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (event, registration) = try await managedRegistration(request)
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        let values = GuestForm(request)
        let (draft, errors) = values.participantDraft(t)
        guard let draft, errors.isEmpty else { return try await correctionForm(request, values: values, errors: errors, status: HTTPStatus(code: 422)) }
        let correction: ParticipantCorrection
        do {
            correction = try await services.conventions.updateParticipant(registration.participant.id, ifVersion: version, by: try request.principal) {
                $0 = draft
            }
        } catch ConventionsError.staleVersion {
            let saved = registration.participant
            let (_, notice) = Form.editState(t, version: saved.version, changedMeanwhile: true, title: t(.correctChangedTitle), savedAt: saved.updatedAt,
                                             saved: GuestForm(saved).labelled(t), typed: values.labelled(t))
            return try await correctionForm(request, values: values, notice: notice, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            return try await correctionForm(request, values: values, errors: Self.personFieldErrors(error.problem, t), status: HTTPStatus(code: 422))
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            if error.problem.errors?.contains(where: { $0.field == "email" }) == true {
                return try await correctionForm(request, values: values, errors: [("email", t(.correctEmailTaken))], status: HTTPStatus(code: 409))
            }
            return try await correctionForm(request, status: HTTPStatus(code: 409))
        }
        // How many confirmations went to a new address, never the address itself (it would sit in logs and history).
        let sent = correction.confirmationsQueued > 0 ? "&confirmations=\(correction.confirmationsQueued)" : ""
        return Layout.seeOther("/conventions/events/\(event.id.uuidString.lowercased())?corrected=1\(sent)#registrations")
    }

    /// Who, for which event, and what a cancellation does, before anything changes.
    func cancelConfirmation(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (event, registration) = try await managedRegistration(request)
        let body: [HTML] = switch registration.status {
        case .cancelled: [el("p", [attr("class", "notice success")], t(.cancelAlready))]
        case .attended, .noShow: [el("p", [attr("class", "notice warning")], t(.cancelAfterEvent))]
        case .registered, .waitlisted: [
            el("p", [], t(.cancelByHandQuestion, Self.name(registration.participant), GuestPages.title(of: event, in: t))),
            el("p", [], t(registration.status == .registered ? .cancelByHandSeat : .cancelByHandWaitlist)),
            Self.confirmForm(request, action: "cancel", registration, button: t(.cancelByHandButton)),
        ]
        }
        return confirmationPage(request, title: t(.cancelByHandTitle), registration, body)
    }

    func cancelRegistration(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (event, registration) = try await managedRegistration(request)
        let path = "/conventions/events/\(event.id.uuidString.lowercased())"
        let back = el("p", [], [el("a", [attr("href", path)], t(.deskBack))])
        let cancellation: Cancellation
        do {
            cancellation = try await services.conventions.cancel(registration.id, by: try request.principal)
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            return Layout.page(request, status: HTTPStatus(code: 409), title: t(.cancelByHandTitle), section: .conventions, [
                Self.registrationSummary(registration, t), el("p", [attr("class", "notice warning"), attr("role", "alert")], t(.cancelAfterEvent)), back,
            ])
        }
        var content: [HTML] = [
            el("p", [attr("class", "notice success"), attr("role", "status")],
               registration.status == .cancelled ? t(.cancelAlready) : t(.cancelByHandDone, Self.name(cancellation.cancelled.participant))),
        ]
        if registration.status != .cancelled {
            let person = cancellation.cancelled.participant
            content.append(cancellation.mailed
                ? el("p", [attr("class", "notice success")], t(.cancelMailed, Self.name(person), person.email ?? ""))
                : el("p", [attr("class", "notice warning")], t(.cancelNotMailed, Self.name(person))))
        }
        if let promoted = cancellation.promoted {
            content.append(el("p", [attr("class", "notice success")], t(.cancelPromoted, Self.name(promoted.participant))))
        }
        return Layout.page(request, title: t(.cancelByHandTitle), section: .conventions, content + [back])
    }

    /// To whom and what the confirmation goes again (part36), before it is sent; or, where it cannot be sent, why.
    func resendConfirmationPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (event, registration) = try await managedRegistration(request)
        let body: [HTML] = if let refusal = services.conventions.confirmationRefusal(for: registration, of: event) {
            [el("p", [attr("class", "notice warning")], Self.refusalText(refusal, t))]
        } else {
            [
                el("p", [], t(.resendQuestion, Self.name(registration.participant), registration.participant.email ?? "")),
                el("p", [], t(.resendExplained)),
                Self.confirmForm(request, action: "confirmation", registration, button: t(.resendButton), danger: false),
            ]
        }
        return confirmationPage(request, title: t(.resendTitle), registration, body)
    }

    /// Sends the confirmation again; a refusal (the registration's state, or the limit with the time it lifts) is said
    /// in plain words on the page (409), nothing sent.
    func resendConfirmation(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (event, registration) = try await managedRegistration(request)
        let back = el("p", [], [el("a", [attr("href", "/conventions/events/\(event.id.uuidString.lowercased())")], t(.deskBack))])
        let notice: HTML
        do {
            let resent = try await services.conventions.resendConfirmation(registration.id, by: try request.principal)
            notice = el("p", [attr("class", "notice success"), attr("role", "status")], t(.resendDone, resent.email))
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            let refusal = services.conventions.confirmationRefusal(for: registration, of: event).map { Self.refusalText($0, t) }
            let next = try await services.conventions.nextConfirmationResend(of: registration.id, by: try request.principal)
            let text = refusal ?? next.map { t(.resendLimit, t.date($0) + " " + GuestPages.clock($0)) } ?? error.problem.detail
            return Layout.page(request, status: HTTPStatus(code: 409), title: t(.resendTitle), section: .conventions, [
                Self.registrationSummary(registration, t), el("p", [attr("class", "notice warning"), attr("role", "alert")], text), back,
            ])
        }
        return Layout.page(request, title: t(.resendTitle), section: .conventions, [Self.registrationSummary(registration, t), notice, back])
    }

    /// Why the confirmation cannot be sent, in the reader's words.
    static func refusalText(_ refusal: ConfirmationRefusal, _ t: Language) -> String {
        switch refusal {
        case .erased: t(.resendErased)
        case .cancelled: t(.resendCancelled)
        case .overForPerson: t(.resendOver)
        case .eventEnded: t(.resendEnded)
        case .noAddress: t(.resendNoAddress)
        case .unwritableAddress: t(.resendUnwritable)
        }
    }

    /// What erasure removes and keeps (docs/conventions.md, "Erasure (APPI)"), and that it is final.
    func erasureConfirmation(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (_, registration) = try await managedRegistration(request)
        let body: [HTML] = registration.participant.erasedAt.map { erased in
            [el("p", [attr("class", "notice success")], t(.eraseAlready, t.date(erased)))]
        } ?? [
            el("h2", [], t(.eraseRemovedTitle)), el("p", [], t(.eraseRemoved)),
            el("h2", [], t(.eraseKeptTitle)), el("p", [], t(.eraseKept)),
            el("p", [attr("class", "notice warning")], [el("strong", [], t(.eraseFinal))]),
            Self.confirmForm(request, action: "erase", registration, button: t(.eraseButton)),
        ]
        return confirmationPage(request, title: t(.eraseTitle), registration, body)
    }

    /// A page that asks before it changes a registration: the person, what the action does, the way back.
    private func confirmationPage(_ request: ConsoleRequest, title: String, _ registration: Registration, _ body: [HTML]) -> HTTPResponse {
        let back = el("p", [], [el("a", [attr("href", "/conventions/events/\(registration.eventId.uuidString.lowercased())")], request.language(.deskBack))])
        return Layout.page(request, title: title, section: .conventions, [Self.registrationSummary(registration, request.language)] + body + [back])
    }

    func eraseParticipant(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (event, registration) = try await managedRegistration(request)
        // Erased already (the confirmation sent twice, or from a second tab): the service would run the
        // erasure again (a new version, another redaction in the audit log); say so and change nothing.
        if registration.participant.erasedAt != nil { return try await erasureConfirmation(request) }
        try await services.conventions.eraseParticipant(registration.participant.id, by: try request.principal)
        return Layout.page(request, title: t(.eraseTitle), section: .conventions, [
            el("p", [attr("class", "notice success"), attr("role", "status")], t(.eraseDone)),
            el("p", [], [el("a", [attr("href", "/conventions/events/\(event.id.uuidString.lowercased())")], t(.deskBack))]),
        ])
    }

    /// The event and the registration of the path, when the reader manages the event (else the 404 page).
    private func managedRegistration(_ request: ConsoleRequest) async throws -> (Event, Registration) {
        let principal = try request.principal
        let eventID = try request.pathUUID("id")
        let registration = try await services.conventions.managedRegistration(try request.pathUUID("registrationId"), eventID: eventID, by: principal)
        return (try await services.conventions.managedEvent(eventID, by: principal), registration)
    }

    /// The one button of a confirmation page, red (`danger`) when what it does cannot be taken back from the console.
    static func confirmForm(_ request: ConsoleRequest, action: String, _ registration: Registration, button: String, danger: Bool = true) -> HTML {
        let path = "/conventions/events/\(registration.eventId.uuidString.lowercased())/registrations/\(registration.id.uuidString.lowercased())/\(action)"
        return el("form", [attr("method", "post"), attr("action", path)], [
            Layout.csrfField(request),
            el("button", [attr("type", "submit")] + (danger ? [attr("class", "danger")] : []), button),
        ])
    }

    static func registrationSummary(_ registration: Registration, _ t: Language) -> HTML {
        let person = registration.participant
        let rows: [(String, String)] = [
            (t(.participantName), name(person)), (t(.participantNameReading), person.nameReading ?? "—"), (t(.email), person.email ?? "—"), (t(.guestOrganisation), person.organisation ?? "—"),
            (t(.guestSector), t(GuestPages.sectorMessage(person.sector))), (t(.participantRole), t(GuestPages.roleMessage(person.role))),
            (t(.doorCode), registration.code ?? "—"), (t(.registrationStatus), t(statusMessage(registration.status))),
        ]
        return el("dl", [attr("class", "summary-list")], rows.flatMap { [el("dt", [], $0.0), el("dd", [], $0.1)] })
    }

    /// The row's actions on the event's page: cancel for its managers while the person is expected, send the confirmation
    /// again where it can be sent (part36), correct the
    /// person's details for its managers and erase for admins while the person still has personal data. Each link names the person for a screen reader.
    func registrationActions(_ registration: Registration, of event: Event, path: String, role: Role, _ t: Language) -> HTML {
        let base = "\(path)/registrations/\(registration.id.uuidString.lowercased())"
        let who = el("span", [attr("class", "visually-hidden")], " " + Self.name(registration.participant))
        var links: [HTML] = []
        if allows(role, "cancelRegistration"), [.registered, .waitlisted].contains(registration.status) {
            links.append(el("a", [attr("href", base + "/cancel")], [.text(t(.cancelByHandLink)), who]))
        }
        if allows(role, "resendRegistrationConfirmation"), services.conventions.confirmationRefusal(for: registration, of: event) == nil {
            links.append(el("a", [attr("href", base + "/confirmation")], [.text(t(.resendLink)), who]))
        }
        if allows(role, "updateParticipant"), registration.participant.erasedAt == nil {
            links.append(el("a", [attr("href", base + "/participant")], [.text(t(.correctLink)), who]))
        }
        if allows(role, "eraseParticipant"), registration.participant.erasedAt == nil {
            links.append(el("a", [attr("href", base + "/erase")], [.text(t(.eraseLink)), who]))
        }
        return links.isEmpty ? .text("—") : el("span", [attr("class", "row-actions")], links)
    }
}
