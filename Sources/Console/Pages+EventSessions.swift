import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// An event's sessions: listed on the event's page (`listEventSessions`), added and edited by the
/// event's organizers and admins (`createEventSession`, `updateEventSession`), times in Japan time. An
/// edit carries the session's version; a save made meanwhile writes nothing and is explained.
extension Console {
    var eventSessionPages: [Page] {
        [
            Page(.get, "/conventions/events/{id}/sessions/new", operations: ["getEvent", "createEventSession"]) { console, request in
                try await console.sessionForm(request, values: SessionFormValues(), errors: [])
            },
            Page(.post, "/conventions/events/{id}/sessions/new", operations: ["getEvent", "createEventSession"]) { console, request in
                try await console.saveSession(request, editing: nil)
            },
            Page(.get, "/conventions/events/{id}/sessions/{sessionId}/edit", operations: ["getEvent", "listEventSessions", "updateEventSession"]) { console, request in
                let session = try await console.managedSession(request)
                return try await console.sessionForm(request, values: SessionFormValues(session), errors: [], editing: session)
            },
            Page(.post, "/conventions/events/{id}/sessions/{sessionId}/edit", operations: ["getEvent", "listEventSessions", "updateEventSession"]) { console, request in
                try await console.saveSession(request, editing: try await console.managedSession(request))
            },
        ]
    }

    /// The session in the path, of the event in the path, when the person manages that event; otherwise
    /// the 404 of a missing one (another organizer's session as much as no session).
    func managedSession(_ request: ConsoleRequest) async throws -> EventSession {
        let principal = try request.principal
        let eventID = try request.pathUUID("id"), sessionID = try request.pathUUID("sessionId")
        _ = try await services.conventions.managedEvent(eventID, by: principal)
        guard let session = try await services.conventions.sessions(of: eventID, by: principal).first(where: { $0.id == sessionID }) else {
            throw ConsoleError.notFound
        }
        return session
    }

    /// The sessions section of the event's page: each with its time, kind, room or link and speakers,
    /// and for the event's managers an edit link per session and an "add" button.
    func sessionSection(_ request: ConsoleRequest, event: Event, sessions: [EventSession], manages: Bool) -> [HTML] {
        let t = request.language
        let path = "/conventions/events/\(event.id.uuidString.lowercased())"
        var section: [HTML] = [el("h2", [], t(.sessionsTitle))]
        if sessions.isEmpty {
            section.append(el("p", [], t(.sessionsNone)))
        } else {
            section.append(Table.make(
                caption: t(.sessionsTitle), captionShown: false,
                headers: [t(.guestWhen), t(.sessionType), t(.sessionTitle), t(.sessionPlace), t(.sessionSpeakersColumn)] + (manages ? [t(.registrationActions)] : []),
                numeric: [], compact: [0, 1], stacked: true,
                rows: sessions.map { session in
                    let place: HTML = session.url.map { url in el("a", [attr("href", url)], session.room ?? url) } ?? .text(session.room ?? "—")
                    var row: [HTML] = [.text(Self.sessionWhen(session, t)), .text(t(Self.sessionTypeMessage(session.type))),
                                       .text(t.pick(ja: session.titleJa, en: session.titleEn).text), place,
                                       .text(session.speakers.isEmpty ? "—" : session.speakers.joined(separator: "、"))]
                    if manages {
                        // The session's own check-in: the event's desk and attendance import, for this session.
                        let id = session.id.uuidString.lowercased()
                        let named = el("span", [attr("class", "visually-hidden")], " " + t.pick(ja: session.titleJa, en: session.titleEn).text)
                        row.append(el("span", [attr("class", "row-actions")], [
                            el("a", [attr("href", "\(path)/sessions/\(id)/edit")], [.text(t(.editAction)), named]),
                            el("a", [attr("href", "\(path)/desk?session=\(id)")], [.text(t(.sessionDeskLink)), named]),
                            el("a", [attr("href", "\(path)/attendance-import?session=\(id)")], [.text(t(.sessionAttendanceLink)), named]),
                        ]))
                    }
                    return row
                }))
        }
        if manages {
            section.append(el("p", [], [el("a", [attr("class", "button secondary"), attr("href", path + "/sessions/new")], t(.sessionNew))]))
        }
        return section
    }

    /// 2026年12月1日 10:00〜11:30 (Japan time), the end's day written only when it differs.
    static func sessionWhen(_ session: EventSession, _ t: Language) -> String {
        let sameDay = CalendarDate(inJapanAt: session.startsAt) == CalendarDate(inJapanAt: session.endsAt)
        let end = sameDay ? GuestPages.clock(session.endsAt) : t.date(session.endsAt) + " " + GuestPages.clock(session.endsAt)
        return t(.guestWhenValue, t.date(session.startsAt) + " " + GuestPages.clock(session.startsAt), end)
    }

    func sessionForm(
        _ request: ConsoleRequest, values: SessionFormValues, errors: [(field: String, message: String)], editing: EventSession? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let event = try await services.conventions.managedEvent(try request.pathUUID("id"), by: try request.principal)
        let path = "/conventions/events/\(event.id.uuidString.lowercased())"
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var fields: [HTML] = [
            Layout.csrfField(request),
            Form.select(name: "type", label: t(.sessionType), options: SessionType.allCases.map { ($0.rawValue, t(Self.sessionTypeMessage($0))) },
                        selected: values.type, error: message("type")),
            Form.textField(request, name: "titleJa", label: t(.sessionTitleJa), value: values.titleJa, hint: t(.oneLanguageEnough), error: message("titleJa")),
            Form.textField(request, name: "titleEn", label: t(.sessionTitleEn), value: values.titleEn, error: message("titleEn")),
            Form.textField(request, name: "startsAt", label: t(.eventStartsAt), value: values.startsAt, type: "datetime-local",
                           hint: t(.sessionTimeHint, GuestPages.when(event, in: t)), error: message("startsAt")),
            Form.textField(request, name: "endsAt", label: t(.eventEndsAt), value: values.endsAt, type: "datetime-local", hint: t(.japanTimeHint),
                           error: message("endsAt")),
            Form.textField(request, name: "room", label: t(.sessionRoom), value: values.room, error: message("room")),
            Form.textField(request, name: "url", label: t(.sessionURL), value: values.url, type: "url", error: message("url")),
            Form.textArea(request, name: "speakers", label: t(.sessionSpeakers), value: values.speakers, error: message("speakers")),
        ]
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var action = path + "/sessions/new"
        if let editing {
            action = "\(path)/sessions/\(editing.id.uuidString.lowercased())/edit"
            fields.append(.void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(editing.version))]))
            if changedMeanwhile {
                notices.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                    el("h2", [], t(.sessionChangedMeanwhile)),
                    el("p", [], t(.recordChangedDetail, t.date(editing.updatedAt) + " " + GuestPages.clock(editing.updatedAt))),
                    CompanyPages.differences(SessionFormValues(editing).labelled(t), from: values.labelled(t), t),
                ]))
            }
        }
        fields.append(el("button", [attr("type", "submit")], t(.saveSession)))
        let title = t(editing == nil ? .newSessionTitle : .editSessionTitle, GuestPages.title(of: event, in: t))
        return Layout.page(request, status: status, title: title, section: .conventions, [el("p", [], [el("a", [attr("href", path)], t(.deskBack))])]
            + notices + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)])
    }

    func saveSession(_ request: ConsoleRequest, editing: EventSession?) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let eventID = try request.pathUUID("id")
        let values = SessionFormValues(request)
        let (parsed, problems) = values.draft(t)
        guard let draft = parsed, problems.isEmpty else {
            return try await sessionForm(request, values: values, errors: problems, editing: editing, status: HTTPStatus(code: 422))
        }
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                _ = try await services.conventions.updateSession(editing.id, ifVersion: version, by: principal) { $0 = draft }
            } else {
                _ = try await services.conventions.createSession(draft, eventID: eventID, by: principal)
            }
            return Layout.seeOther("/conventions/events/\(eventID.uuidString.lowercased())?sessionSaved=1#sessions")
        } catch RecordError.staleVersion {
            return try await sessionForm(request, values: values, errors: [], editing: try await managedSession(request), changedMeanwhile: true,
                                         status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            return try await sessionForm(request, values: values, errors: Self.eventFieldErrors(error, t), editing: editing, status: HTTPStatus(code: 422))
        }
    }

    static func sessionTypeMessage(_ type: SessionType) -> Message {
        switch type {
        case .keynote: .sessionKeynote
        case .panel: .sessionPanel
        case .studentPresentation: .sessionStudentPresentation
        case .exhibition: .sessionExhibition
        case .businessMeetings: .sessionBusinessMeetings
        }
    }
}

/// What a person typed into the session form, kept as typed.
struct SessionFormValues: Sendable, Equatable {
    var type = SessionType.keynote.rawValue
    var titleJa = ""
    var titleEn = ""
    var startsAt = ""
    var endsAt = ""
    var room = ""
    var url = ""
    /// One speaker a line.
    var speakers = ""

    init() {}

    init(_ session: EventSession) {
        type = session.type.rawValue
        titleJa = session.titleJa ?? ""
        titleEn = session.titleEn ?? ""
        startsAt = JapanTime.text(session.startsAt)
        endsAt = JapanTime.text(session.endsAt)
        room = session.room ?? ""
        url = session.url ?? ""
        speakers = session.speakers.joined(separator: "\n")
    }

    init(_ request: ConsoleRequest) {
        type = request.formValue("type") ?? ""
        titleJa = request.formValue("titleJa") ?? ""
        titleEn = request.formValue("titleEn") ?? ""
        startsAt = request.formValue("startsAt") ?? ""
        endsAt = request.formValue("endsAt") ?? ""
        room = request.formValue("room") ?? ""
        url = request.formValue("url") ?? ""
        speakers = request.formValue("speakers") ?? ""
    }

    var speakerList: [String] {
        speakers.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    func draft(_ t: Language) -> (EventSessionDraft?, [(field: String, message: String)]) {
        var problems: [(field: String, message: String)] = []
        let type = SessionType(rawValue: type)
        if type == nil { problems.append(("type", t(.fieldInvalid, t(.sessionType)))) }
        var times: [Date] = []
        for (text, field, label) in [(startsAt, "startsAt", Message.eventStartsAt), (endsAt, "endsAt", .eventEndsAt)] {
            if text.trimmed.isEmpty {
                problems.append((field, t(.dateTimeRequired, t(label))))
            } else if let date = JapanTime.date(text) {
                times.append(date)
            } else {
                problems.append((field, t(.dateTimeInvalid, t(label))))
            }
        }
        guard let type, times.count == 2, problems.isEmpty else { return (nil, problems) }
        return (EventSessionDraft(
            type: type, titleJa: titleJa.trimmed.nonEmpty, titleEn: titleEn.trimmed.nonEmpty, startsAt: times[0], endsAt: times[1],
            room: room.trimmed.nonEmpty, url: url.trimmed.nonEmpty, speakers: speakerList), [])
    }

    func labelled(_ t: Language) -> [(label: String, value: String)] {
        [(t(.sessionType), SessionType(rawValue: type).map { t(Console.sessionTypeMessage($0)) } ?? type),
         (t(.sessionTitleJa), titleJa), (t(.sessionTitleEn), titleEn),
         (t(.eventStartsAt), JapanTime.readable(startsAt)), (t(.eventEndsAt), JapanTime.readable(endsAt)),
         (t(.sessionRoom), room), (t(.sessionURL), url), (t(.sessionSpeakers), speakerList.joined(separator: "、"))]
    }
}
