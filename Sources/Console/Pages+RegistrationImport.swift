import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// Registrations an organizer enters in bulk (`importRegistrations`), in the two steps of the needs and
/// attendance imports: the upload is checked by the service's dry run (the whole import done and rolled
/// back, so its seat and waitlist counts are what the real run gives) with every bad row listed; only a
/// clean file offers the confirm button, which sends the same file back for the real import. And after
/// an event, marking the people who held a seat but never came as no-shows (`recordNoShows`).
extension Console {
    var registrationImportPages: [Page] {
        Self.importPages("/conventions/events/{id}/registrations/import", operations: ["getEvent", "importRegistrations"],
                         form: { try await $0.registrationImportPage($1, content: []) }, check: { try await $0.checkRegistrationImport($1) },
                         confirm: { try await $0.confirmRegistrationImport($1) }) + [
            Page(.post, "/conventions/events/{id}/no-shows", operations: ["getEvent", "recordNoShows"]) { console, request in
                let id = try request.pathUUID("id")
                let marked = try await console.services.conventions.recordNoShows(eventID: id, by: try request.principal)
                return Layout.seeOther("/conventions/events/\(id.uuidString.lowercased())?noShows=\(marked)")
            },
        ]
    }

    /// The console paths of this page that take a file.
    static func isRegistrationImport(_ path: String) -> Bool {
        path.hasPrefix("/conventions/events/") && (path.hasSuffix("/registrations/import") || path.hasSuffix("/registrations/import/confirm"))
    }

    func registrationImportPage(_ request: ConsoleRequest, content: [HTML], status: HTTPStatus = .ok, fileError: String? = nil) async throws -> HTTPResponse {
        let t = request.language
        let event = try await services.conventions.managedEvent(try request.pathUUID("id"), by: try request.principal)
        let path = "/conventions/events/\(event.id.uuidString.lowercased())"
        let page: [HTML] = content + [
            el("h2", [], t(.importUpload)),
            el("p", [], t(.registrationImportIntro)),
            el("p", [attr("class", "explain")], t(.registrationImportColumns, Self.codesWithLabels("sector", t, separator: " / ") ?? "",
                                                                Self.codesWithLabels("role", t, separator: " / ") ?? "")),
            Self.uploadForm(request, action: path + "/registrations/import", hint: t(.importFileHint), accept: ".csv,.txt,text/csv", fileError: fileError),
            el("p", [], [el("a", [attr("href", path)], t(.deskBack))]),
        ]
        return Layout.page(request, status: status, title: t(.registrationImportTitle, GuestPages.title(of: event, in: t)), section: .conventions, page)
    }

    /// The dry run: how many people would get a seat or join the waitlist, every bad row, then the confirm form.
    func checkRegistrationImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let file: Multipart.Part
        switch Self.uploadedFile(request) {
        case .success(let uploaded): file = uploaded
        case .failure(let refusal): return try await registrationImportPage(request, content: refusal.summary(request), status: refusal.status, fileError: refusal.message)
        }
        let report: RegistrationImportReport
        do {
            report = try await services.conventions.importRegistrations(csv: file.bytes, eventID: id, dryRun: true, by: try request.principal)
        } catch let problem as any ProblemConvertible where problem.problem.status == 422 || problem.problem.status == 400 {
            return try await registrationImportPage(request, content: importFileProblems(request, problem.problem, rowMessage: Self.registrationRowMessage), status: HTTPStatus(code: 422))
        }
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        var content = Self.importSummary(t, filename: file.filename, encoding: report.encoding, rows: report.rows, errors: report.errors,
                                         counts: [(.registrationImportSeats, report.registered), (.registrationImportWaitlist, report.waitlisted)])
        guard report.errors.isEmpty else {
            content += [Self.importRefused(t), Self.importRowErrors(t, report.errors, message: Self.registrationRowMessage)]
            return try await registrationImportPage(request, content: content, status: HTTPStatus(code: 422))
        }
        guard report.rows > 0 else {
            return try await registrationImportPage(request, content: content + [el("p", [attr("class", "notice warning")], t(.importNoRows))],
                                                    status: HTTPStatus(code: 422))
        }
        let people = report.registered + report.waitlisted
        content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.registrationImportReady)))
        content.append(Self.importConfirmForm(request, action: path + "/registrations/import/confirm", file: file.bytes,
                                              button: t.count(people, .registrationImportConfirm, one: .registrationImportConfirmOne)))
        content.append(el("p", [], [el("a", [attr("href", path + "/registrations/import")], t(.importChooseAnother))]))
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        return Layout.page(request, title: t(.registrationImportTitle, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    /// The real import of the checked file, read again: a row that turned bad since (the person
    /// registered meanwhile) stops the whole import and nothing is written.
    func confirmRegistrationImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let bytes = try Self.confirmedFile(request)
        let report: RegistrationImportReport
        do {
            report = try await services.conventions.importRegistrations(csv: bytes, eventID: id, dryRun: false, by: try request.principal)
        } catch RecordError.invalidRows(let rows) {
            let page = [Self.importRefused(t), Self.importRowErrors(t, rows, message: Self.registrationRowMessage)]
            return try await registrationImportPage(request, content: page, status: HTTPStatus(code: 422))
        } catch let problem as any ProblemConvertible where problem.problem.status == 422 || problem.problem.status == 400 {
            let page = [Self.importRefused(t)] + importFileProblems(request, problem.problem, rowMessage: Self.registrationRowMessage)
            return try await registrationImportPage(request, content: page, status: HTTPStatus(code: 422))
        }
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        return Layout.page(request, title: t(.registrationImportTitle, GuestPages.title(of: event, in: t)), section: .conventions, [
            el("p", [attr("class", "notice success"), attr("role", "status")],
               t(.registrationImportDone, t.number(report.registered), t.number(report.waitlisted))),
            el("p", [], [el("a", [attr("href", path)], t(.deskBack))]),
        ])
    }

    /// A refused row in the reader's language: the import's keyed problems as for needs, then the
    /// registration rules read back from their English (ParticipantDraft's validation); the English
    /// sentence for anything else.
    static func registrationRowMessage(_ error: CSVRowError, _ t: Language) -> String {
        if error.messageKey != nil { return rowMessage(error, t) }
        let text = error.message
        let oneOf = "must be one of "
        if text.hasPrefix(oneOf) {
            return t(.importRowOneOf, codesWithLabels(error.column, t, separator: t == .ja ? "、" : ", ") ?? String(text.dropFirst(oneOf.count)))
        }
        if text == "must be in_person or online" { return t(.importRowOneOf, "in_person, online") }
        if text == "must be true or false" { return t(.importRowOneOf, "true, false") }
        if text.hasPrefix("must be at most "), let limit = text.split(separator: " ").lazy.compactMap({ Int($0) }).first {
            return t(.importRowTooLong, t.number(limit))
        }
        if text.hasPrefix("must be an email address") { return t(.registrationRowEmail) }
        if text.hasPrefix("must be an ISO 3166-1") { return t(.countryInvalid) }
        if text.contains("already registered for this event") { return t(.registrationRowAlreadyRegistered) }
        if text.hasPrefix("is only for the academia sector") { return t(.registrationRowAcademiaOnly) }
        if text.hasPrefix("is not a known") { return t(.importRowInvalid) }
        if text == Validation.invisibleControlsMessage { return t(.importRowControlCharacters) }
        if error.column == "nameJa" || error.column == "nameEn" { return t(.registrationRowNameRequired) }
        return text
    }

    /// The no-show form of an ended event's page, for those who may record them.
    func noShowForm(_ request: ConsoleRequest, event: Event, path: String, by principal: Principal) -> [HTML] {
        let t = request.language
        guard allows(principal.role, "recordNoShows"), clock.now() >= event.endsAt else { return [] }
        return [
            el("h2", [], t(.noShowsTitle)),
            el("p", [], t(.noShowsIntro)),
            el("form", [attr("method", "post"), attr("action", path + "/no-shows"), attr("data-confirm", t(.noShowsConfirm))], [
                Layout.csrfField(request),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.noShowsButton)),
            ]),
        ]
    }
}
