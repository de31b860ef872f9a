import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer
import KPI

/// The organizers' pages (issue 15): their events, an event's registrations with search and filters,
/// seats and waitlist, attendance by sector and role, and the CSV exports. Each page names the API
/// operations whose services it calls, so it opens for organizers, coordinators and admins exactly as
/// the API does, and the service's object rules (another organizer's event is a 404) apply unchanged.
extension Console {
    var conventionPages: [Page] {
        // "/conventions/events/new" before the event's own page, whose template would take "new" for an id.
        eventFormPages + [
            // gaps12: every role `listEvents` and `getEvent` admit reads the list and an event's page (the council
            // included); the registrations, counts and tools on it are shown to the roles their operations admit.
            Page(.get, "/conventions", operations: ["listEvents"]) { console, request in
                try await console.eventList(request)
            },
            Page(.get, "/conventions/events/{id}", operations: ["getEvent", "listEventSessions"]) { console, request in
                try await console.eventPage(request)
            },
            Page(.get, "/conventions/events/{id}/participants.csv", operations: ["exportParticipants"]) { console, request in
                try await ConventionExport.participants(service: console.services.conventions, eventID: try request.pathUUID("id"),
                                                        filter: try Self.registrationFilter(request), principal: try request.principal).httpResponse
            },
            Page(.get, "/conventions/events/{id}/students.csv", operations: ["exportStudents"]) { console, request in
                try await ConventionExport.students(service: console.services.conventions, eventID: try request.pathUUID("id"),
                                                    filter: try Self.registrationFilter(request), principal: try request.principal).httpResponse
            },
            Page(.get, "/conventions/events/{id}/attendance.csv", operations: ["exportAttendance"]) { console, request in
                try await ConventionExport.attendance(service: console.services.conventions, eventID: try request.pathUUID("id"),
                                                      principal: try request.principal).httpResponse
            },
        ] + eventOrganizerPages + eventSessionPages + registrationImportPages + registrationPages + meetingRequestFormPages + deskPages + eventMessagePages + retentionPages + duplicatePages + attendanceImportPages
    }

    /// An organizer sees the events they organize; coordinators and admins see every event. Latest start first, a
    /// hundred a page (ux20): the API lists them in that order (`order=latestStart`) and pages them by its cursor, as
    /// /needs does; the page once read the whole list, up to `listCeiling`, to sort it, and showed it as one long page.
    /// The fiscal-year choice (`?fy=`, the API's own filter) travels with the next page's link.
    func eventList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        guard let year = Self.chosenEventYear(request) else {
            // A hand-edited link (`?fy=２０２６`, `?fy=+2026`): say which value and how it is written, as the needs
            // list's `since` does, rather than the generic "could not process what you sent".
            return Layout.page(request, status: HTTPStatus(code: 422), title: t(.eventsTitle), section: .conventions,
                               [Form.errorSummary(request, [(field: "fy", message: t(.fiscalYearInvalid))])])
        }
        let filter = EventFilter(fiscalYear: year, organizedBy: principal.role == .organizer ? principal.userID : nil, order: .latestStart)
        let page = try await services.conventions.events(
            filter, page: try PageRequest.parse(limit: Self.eventPageSize, cursor: request.query("cursor")), by: principal)
        let events = page.items
        var tools: [HTML] = []
        if allows(principal.role, "createEvent") {
            tools.append(el("p", [], [el("a", [attr("class", "button"), attr("href", "/conventions/events/new")], t(.newEventButton))]))
        }
        if allows(principal.role, "listRetentionDue") {
            tools.append(el("p", [], [el("a", [attr("href", "/conventions/retention")], t(.retentionDueTitle))]))
        }
        if request.query("left") == "1" { tools.insert(el("p", [attr("class", "notice success"), attr("role", "status")], t(.organizerLeft)), at: 0) }
        let current = FiscalYear(containing: request.now).startYear
        let years = Set(Array(kpiProgrammeStart.startYear...current + 1) + events.map(\.fiscalYear.startYear) + [year].compactMap { $0 })
        tools.append(el("form", [attr("method", "get"), attr("action", "/conventions"), attr("class", "inline-form"), attr("role", "search")], [
            Form.select(name: "fy", label: t(.fiscalYear), options: [("", t(.eventsAllYears))] + years.sorted(by: >).map {
                (String($0), t.fiscalYear(FiscalYear($0)))
            }, selected: year.map(String.init) ?? ""),
            el("button", [attr("type", "submit"), attr("class", "secondary")], t(.show)),
        ]))
        return Layout.page(request, title: t(.eventsTitle), section: .conventions, tools + [
            Table.make(
                caption: Layout.countCaption(request, shown: events.count, more: page.nextCursor != nil, .eventsFound, one: .eventsFoundOne,
                                             orMore: .eventsFoundMore),
                headers: [t(.eventTitle), t(.guestWhen), t(.attendInPerson), t(.attendOnline)],
                // ux13: stacked on a phone, where four columns squeezed each event's name to three characters a line.
                numeric: [2, 3], compact: [1], stacked: true,
                rows: events.map { event in
                    [el("a", [attr("href", "/conventions/events/\(event.id.uuidString.lowercased())")], GuestPages.title(of: event, in: t)),
                     .text(t.date(event.startsAt)), .text(Self.seats(event.inPersonSeats, t)), .text(Self.seats(event.onlineSeats, t))]
                }),
        ] + Layout.pager(request, size: Self.eventPageSize, next: Layout.nextListHref("/conventions", cursor: page.nextCursor, [("fy", year.map(String.init))])))
    }

    static let eventPageSize = 100

    /// The events list's fiscal year (`?fy=2026`): `.some(nil)` for every year, nil for anything but a year, which
    /// the page refuses (422), as a filter the list cannot apply must not list everything as if it were the answer.
    static func chosenEventYear(_ request: ConsoleRequest) -> Int?? {
        guard let text = request.query("fy")?.trimmed, !text.isEmpty else { return .some(nil) }
        // Four ASCII digits, as a fiscal year is written (FY2026); `Int` alone would take "+202", and
        // "２０２６" is not what the choice sends.
        guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(text), year >= 1000 else { return nil }
        return year
    }

    static func seats(_ seats: SeatCount?, _ t: Language) -> String {
        guard let seats else { return "—" }
        return t(.seatsTaken, t.number(seats.taken), t.number(seats.capacity), t.number(seats.waitlisted))
    }

    /// The registrations an event's page lists, read by one parser for the page and its CSV exports. gaps12: those in
    /// force by default (someone who cancelled and registered again is listed once); "all" shows the cancelled ones too,
    /// a status only that status. A status or sector that is none of them is refused (400, `QueryRefusal`), as the API
    /// refuses it (polish28: `?status=nonsense` listed, and exported, the registrations in force as if filtered). The order is
    /// 登録順 by default, or 五十音順 (`order=reading`) for the 受付名簿 organizers print.
    static func registrationFilter(_ request: ConsoleRequest) throws(QueryRefusal) -> RegistrationFilter {
        let text = Validation.searchWords(request.query("q"))
        // `.some(nil)` for "all": every status.
        let choice: RegistrationStatus?? = try request.choice("status") { (text: String) -> RegistrationStatus?? in
            text == Self.allRegistrations ? .some(nil) : RegistrationStatus(rawValue: text).map { .some($0) }
        }
        let status = choice ?? nil
        return RegistrationFilter(text: text?.isEmpty == false ? text : nil, status: status,
                                  sector: try request.choice("sector", Sector.init(rawValue:)), inForce: choice == nil,
                                  order: try request.choice("order") { NameOrder(rawValue: $0) } ?? .entered)
    }

    func eventPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        let event = try await services.conventions.event(id, by: principal)
        // The council, company staff and liaison officers read the event and its sessions only, as the API lets them.
        guard allows(principal.role, "listRegistrations") && allows(principal.role, "getEventAttendance") else {
            return try await eventReadingPage(request, event: event, path: path)
        }
        let filter = try Self.registrationFilter(request)
        let (text, status, sector, inForce, order) = (filter.text, filter.status, filter.sector, filter.inForce, filter.order)
        let everyStatus = status == nil && !inForce
        let page = try PageRequest.parse(limit: 100, cursor: request.query("cursor"))
        let registrations = try await services.conventions.registrations(of: id, filter, page: page, by: principal)
        // gaps12: one event's registrations are few enough to count on every page, for "page N of M".
        let matching = try await services.conventions.registrationCount(of: id, filter, by: principal)
        let counts = try await services.conventions.attendance(of: id, by: principal)
        let sessions = try await services.conventions.sessions(of: id, by: principal)
        var tools: [HTML] = []
        if allows(principal.role, "updateEvent") {
            tools.append(el("a", [attr("class", "button"), attr("href", path + "/edit")], t(.editEventButton)))
        }
        if allows(principal.role, "checkIn") {
            tools.append(el("a", [attr("class", "button"), attr("href", path + "/desk")], t(.deskOpen)))
        }
        if allows(principal.role, "sendEventMessage") {
            tools.append(el("a", [attr("class", "button secondary"), attr("href", path + "/message")], t(.messageOpen)))
        }
        tools.append(el("a", [attr("class", "button secondary"), attr("href", path + "/retention")], t(.retentionOpen)))
        if allows(principal.role, "createRegistration") {
            tools.append(el("a", [attr("class", "button secondary"), attr("href", path + "/registrations/new")], t(.registerByHandOpen)))
        }
        if allows(principal.role, "importRegistrations") {
            tools.append(el("a", [attr("class", "button secondary"), attr("href", path + "/registrations/import")], t(.registrationImportOpen)))
        }
        if allows(principal.role, "importOnlineAttendance") {
            tools.append(el("a", [attr("class", "button secondary"), attr("href", path + "/attendance-import")], t(.attendanceImportOpen)))
        }
        if allows(principal.role, "mergeParticipants") {
            tools.append(el("a", [attr("class", "button secondary"), attr("href", path + "/duplicates")], t(.duplicatesOpen)))
        }
        if allows(principal.role, "listMeetingRequests") {
            tools.append(el("a", [attr("class", "button secondary"), attr("href", path + "/meetings")], t(.eventMeetingsLink)))
        }
        // The lists' exports carry the list's filters (polish26): the file holds what the page shows.
        let filters = ["q", "status", "sector", "order"].map { ($0, request.query($0)) }
        tools += [("participants.csv", Message.exportParticipants, filters), ("students.csv", .exportStudents, filters), ("attendance.csv", .exportAttendance, [])]
            .map { file, label, query in
                el("a", [attr("class", "button secondary"), attr("href", Layout.listHref("\(path)/\(file)", query)), attr("download", "")], t(label))
            }
        let publicPath = "/events/\(id.uuidString.lowercased())/register"
        let next = Layout.pager(request, pages: Layout.pageCount(matching, size: page.limit), size: page.limit, next: registrations.nextCursor.map { cursor in
            var query = "cursor=\(Layout.percentEncoded(cursor))"
            if let text { query += "&q=\(Layout.percentEncoded(text))" }
            if let status { query += "&status=\(status.rawValue)" } else if everyStatus { query += "&status=\(Self.allRegistrations)" }
            if let sector { query += "&sector=\(sector.rawValue)" }
            if order == .reading { query += "&order=\(order.rawValue)" }
            return "\(path)?\(query)"
        })
        var saved: [HTML] = []
        if request.query("saved") == "1" { saved.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.eventSaved))) }
        if let marked = request.query("noShows").flatMap(Int.init) {
            saved.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.noShowsDone, t.number(marked))))
        }
        if request.query("corrected") == "1" { saved.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.correctDone))) }
        if request.query("corrected") == "1", let sent = request.query("confirmations").flatMap(Int.init), sent > 0 {
            saved.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.correctConfirmationsSent, t.number(sent))))
        }
        let actions = ["cancelRegistration", "eraseParticipant", "updateParticipant", "resendRegistrationConfirmation"].contains { allows(principal.role, $0) }
        if request.query("sessionSaved") == "1" { saved.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.sessionSaved))) }
        return Layout.page(request, title: GuestPages.title(of: event, in: t), section: .conventions,
                           pages: Layout.pageCount(matching, size: page.limit), saved + [
            GuestPages.summary(of: event, in: t, staff: true),
        ] + (try await organizerSummary(request, event: event, path: path)) + [
            el("p", [], [.text(t(.publicPageLink) + " "), el("a", [attr("href", publicPath)], (publicURL ?? "") + publicPath)]),
            el("div", [attr("class", "actions")], tools),
            el("section", [attr("id", "sessions")],
               sessionSection(request, event: event, sessions: sessions, manages: allows(principal.role, "updateEventSession"))),
            el("h2", [attr("id", "registrations")], t(inForce ? .registrationsInForceTitle : everyStatus ? .registrationsAllTitle : .registrationsTitle)),
            el("form", [attr("method", "get"), attr("action", path), attr("class", "inline-form"), attr("role", "search")], [
                Form.textField(request, name: "q", label: t(.searchRegistrations), value: text, type: "search"),
                Form.select(name: "status", label: t(.registrationStatus), options: [("", t(.registrationsInForce)), (Self.allRegistrations, t(.registrationsEveryStatus))]
                    + RegistrationStatus.allCases.map { ($0.rawValue, t(Self.statusMessage($0))) },
                    selected: status?.rawValue ?? (everyStatus ? Self.allRegistrations : "")),
                Form.select(name: "sector", label: t(.guestSector), options: [("", t(.allSectors))] + Sector.allCases.map {
                    ($0.rawValue, t(GuestPages.sectorMessage($0)))
                }, selected: sector?.rawValue),
                Form.select(name: "order", label: t(.listOrder),
                            options: NameOrder.allCases.map { ($0.rawValue, t($0 == .entered ? .listOrderEntered : .listOrderReading)) }, selected: order.rawValue),
                el("button", [attr("type", "submit")], t(.search)),
            ]),
            Table.make(
                caption: t(.registrationsShownOf, t.number(registrations.items.count), t.number(matching)),
                headers: [t(.doorCode), t(.participantName), t(.guestOrganisation), t(.participantRole), t(.participantAttendance), t(.registrationStatus)]
                    + (actions ? [t(.registrationActions)] : []),
                numeric: [], compact: [0, 4, 5], stacked: true,
                rows: registrations.items.map { registration in
                    let person = registration.participant
                    return [.text(registration.code ?? "—"), Self.nameAndReading(person), .text(person.organisation ?? "—"),
                            .text(t(GuestPages.roleMessage(person.role))), .text(t(registration.attendance == .inPerson ? .attendInPerson : .attendOnline)),
                            .text(t(Self.statusMessage(registration.status)))]
                        + (actions ? [registrationActions(registration, of: event, path: path, role: principal.role, t)] : [])
                }),
        ] + next + noShowForm(request, event: event, path: path, by: principal) + [
            el("h2", [], t(.attendanceTitle)),
            Table.make(
                caption: t(.attendanceTitle), captionShown: false,
                headers: [t(.guestSector), t(.participantRole), t(.countRegistered), t(.countWaitlisted), t(.countAttended)],
                numeric: [2, 3, 4], stacked: true,
                rows: counts.map { count in
                    [.text(t(GuestPages.sectorMessage(count.sector))), .text(t(GuestPages.roleMessage(count.role))),
                     .text(t.number(count.registered)), .text(t.number(count.waitlisted)), .text(t.number(count.attended))]
                }),
        ])
    }

    /// Both scripts when the person gave both, so the desk and the list match whatever they read.
    static func name(_ person: Participant) -> String {
        [person.nameJa, person.nameEn].compactMap { $0 }.joined(separator: " / ").nonEmpty ?? "—"
    }

    /// The name, and beneath it the reading in kana when the person gave one (conv34), as the list and the desk show a person.
    static func nameAndReading(_ person: Participant) -> HTML {
        guard let reading = person.nameReading else { return .text(name(person)) }
        return .fragment([.text(name(person)), el("span", [attr("class", "hint"), attr("lang", "ja")], reading)])
    }

    /// The status filter's value for every registration, cancelled ones included (no value: those in force).
    static let allRegistrations = "all"

    static func statusMessage(_ status: RegistrationStatus) -> Message {
        switch status {
        case .registered: .statusRegistered
        case .waitlisted: .statusWaitlisted
        case .cancelled: .statusCancelled
        case .attended: .statusAttended
        case .noShow: .statusNoShow
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
