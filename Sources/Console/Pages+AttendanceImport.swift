import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// Zoom and Teams attendance reports in the console (issue 15), in the two steps of the needs import:
/// the upload is checked with the service's dry run (the whole import, rolled back) and every person
/// shown with what would happen; the confirm button sends the same file back for the real import. The
/// file is read as the API reads it (UTF-8 with or without BOM, CP932, or UTF-16 for Teams).
extension Console {
    var attendanceImportPages: [Page] {
        Self.importPages("/conventions/events/{id}/attendance-import", operations: ["getEvent", "importOnlineAttendance"],
                         form: { try await $0.attendanceImportPage($1, content: []) }, check: { try await $0.checkAttendanceImport($1) },
                         confirm: { try await $0.confirmAttendanceImport($1) })
    }

    /// The console paths of this page that take a file.
    static func isAttendanceImport(_ path: String) -> Bool {
        path.hasPrefix("/conventions/events/") && (path.hasSuffix("/attendance-import") || path.hasSuffix("/attendance-import/confirm"))
    }

    func attendanceImportPage(_ request: ConsoleRequest, content: [HTML], status: HTTPStatus = .ok, fileError: String? = nil) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        let session = try await deskSession(request, eventID: id)
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        let page: [HTML] = content + [
            el("h2", [], t(.importUpload)),
            el("p", [], t(.attendanceImportIntro)),
            session.map { el("p", [attr("class", "notice")], t(.attendanceImportSessionIntro, Self.sessionWhen($0, t))) } ?? .fragment([]),
            Self.uploadForm(request, action: path + "/attendance-import", fields: [
                Self.sessionField(session),
                Form.select(name: "source", label: t(.attendanceImportSource), options: [("zoom", "Zoom"), ("teams", "Microsoft Teams")],
                            selected: request.formValue("source")),
            ], hint: t(.attendanceImportFileHint), accept: ".csv,.tsv,.txt,text/csv", fileError: fileError),
            el("p", [], [el("a", [attr("href", path)], t(.deskBack))]),
        ]
        return Layout.page(request, status: status, title: attendanceImportTitle(event, session, t), section: .conventions, page)
    }

    /// The page's title, naming the session when the report is one session's.
    func attendanceImportTitle(_ event: Event, _ session: EventSession?, _ t: Language) -> String {
        let title = GuestPages.title(of: event, in: t)
        return session.map { t(.attendanceImportSessionTitle, title, t.pick(ja: $0.titleJa, en: $0.titleEn).text) } ?? t(.attendanceImportTitle, title)
    }


    /// The dry run: every person of the report with what the real import would do, then the confirm form.
    func checkAttendanceImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        guard let source = OnlineAttendanceSource(rawValue: request.formValue("source") ?? "") else { throw ConsoleError.badRequest }
        let session = try await deskSession(request, eventID: id)
        let file: Multipart.Part
        switch Self.uploadedFile(request) {
        case .success(let uploaded): file = uploaded
        case .failure(let refusal): return try await attendanceImportPage(request, content: refusal.summary(request), status: refusal.status, fileError: refusal.message)
        }
        let report: AttendanceImportReport
        do {
            report = try await services.conventions.importAttendance(
                csv: file.bytes, source: source, sessionID: session?.id, eventID: id, dryRun: true, by: try request.principal)
        } catch let problem as any ProblemConvertible where problem.problem.status == 422 || problem.problem.status == 400 {
            let errors = problem.problem.errors ?? []
            return try await attendanceImportPage(request, content: [
                el("div", [attr("class", "error-summary"), attr("role", "alert")], [
                    el("h2", [], t(.importFileRefused)),
                    errors.isEmpty ? el("p", [], t(.badRequestMessage)) : Table.make(
                        caption: t(.importFileRefused), captionShown: false, headers: [t(.importWhere), t(.importProblem)], numeric: [], compact: [0], stacked: true,
                        rows: errors.prefix(200).map { error in
                            let (place, message) = Self.reportMessage(error, t)
                            return [.text(place), .text(message)]
                        }),
                ]),
            ], status: HTTPStatus(code: 422))
        }
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        var content: [HTML] = [
            el("h2", [], t(.importChecked, file.filename ?? "")),
            el("dl", [attr("class", "summary-list")], [
                el("dt", [], t(.importEncoding)), el("dd", [], Self.encodingName(report.encoding, t)),
                el("dt", [], t(.attendanceImportPeople)), el("dd", [], t.number(report.attendees)),
                el("dt", [], t(.attendanceImportWillCheckIn)), el("dd", [], t.number(report.checkedIn)),
                el("dt", [], t(.attendanceImportAlready)), el("dd", [], t.number(report.alreadyCheckedIn)),
                el("dt", [], t(.attendanceImportSkipped)), el("dd", [], t.number(report.attendees - report.checkedIn - report.alreadyCheckedIn)),
            ]),
            Table.make(
                caption: t.count(report.rows.count, .attendanceImportRows, one: .attendanceImportRowsOne),
                headers: [t(.importLine), t(.participantName), t(.email), t(.attendanceImportDay), t(.attendanceImportMinutes), t(.attendanceImportOutcome)],
                numeric: [0, 4], compact: [3], stacked: true,
                rows: report.rows.map { row in
                    [.text(t.number(row.line)), .text(row.name), .text(row.email ?? "—"), .text(t.date(row.day)),
                     .text(row.minutes.map { t.number($0) } ?? "—"), .text(Self.outcomeText(row, t))]
                }),
        ]
        guard report.checkedIn > 0 else {
            content.append(el("p", [attr("class", "notice warning")], t(.attendanceImportNothing)))
            content.append(el("p", [], [el("a", [attr("href", path + "/attendance-import" + Self.sessionQuery(session))], t(.importChooseAnother))]))
            return try await attendanceImportPage(request, content: content)
        }
        content.append(Self.importConfirmForm(
            request, action: path + "/attendance-import/confirm", file: file.bytes,
            fields: [Self.sessionField(session), .void("input", [attr("type", "hidden"), attr("name", "source"), attr("value", source.rawValue)])],
            button: t.count(report.checkedIn, .attendanceImportConfirm, one: .attendanceImportConfirmOne)))
        content.append(el("p", [], [el("a", [attr("href", path + "/attendance-import" + Self.sessionQuery(session))], t(.importChooseAnother))]))
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        return Layout.page(request, title: attendanceImportTitle(event, session, t), section: .conventions, content)
    }

    /// The real import of the file the person checked, sent back by the confirm form and read again.
    func confirmAttendanceImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        guard let source = OnlineAttendanceSource(rawValue: request.formValue("source") ?? "") else { throw ConsoleError.badRequest }
        let bytes = try Self.confirmedFile(request)
        let session = try await deskSession(request, eventID: id)
        let report = try await services.conventions.importAttendance(
            csv: bytes, source: source, sessionID: session?.id, eventID: id, by: try request.principal)
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        return Layout.page(request, title: attendanceImportTitle(event, session, t), section: .conventions, [
            el("p", [attr("class", "notice success"), attr("role", "status")],
               t(.attendanceImportDone, t.number(report.checkedIn), t.number(report.alreadyCheckedIn))),
            el("p", [], [el("a", [attr("href", path)], t(.deskBack))]),
        ])
    }

    /// A report refused as a whole, worded in the reader's language: the report's own problems
    /// (Conventions' `AttendanceReportProblem`), then the file's (`fileMessage`, as for needs).
    static func reportMessage(_ error: FieldError, _ t: Language) -> (place: String, message: String) {
        switch AttendanceReportProblem(error) {
        case .noParticipantTable?: (t(.importWhereFile), t(.attendanceNoParticipantTable))
        case .unreadableJoinTime(let line, let value)?: (t(.importWhereLine, t.number(line)), t(.attendanceJoinTimeUnreadable, value))
        case .tooManyAttendees(let limit)?: (t(.importWhereFile), t(.attendanceTooManyAttendees, t.number(limit)))
        case nil: fileMessage(error, t)
        }
    }

    static func outcomeText(_ row: AttendanceImportReport.Row, _ t: Language) -> String {
        switch row.outcome {
        case .checkedIn: t(.attendanceImportWillCheckIn)
        case .alreadyCheckedIn: t(.attendanceImportAlready)
        case .skipped: t(.attendanceImportSkippedBecause, row.skippedBecause.map { t(Self.causeMessage($0)) } ?? row.reason ?? "")
        }
    }

    static func causeMessage(_ cause: AttendanceImportReport.SkipCause) -> Message {
        switch cause {
        case .noEmail: .attendanceSkipNoEmail
        case .notRegistered: .attendanceSkipNotRegistered
        case .noSeat: .attendanceSkipNoSeat
        case .notAnEventDay: .attendanceSkipNotEventDay
        }
    }
}
