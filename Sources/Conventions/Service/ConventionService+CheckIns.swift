public import DomainKit
public import FoundationEssentials
import Notifications
import Postgres

extension ConventionService {
    /// Checks a person in by door code or (after a search) by registration id, for a day or a session.
    /// Idempotent: a second scan returns the first check-in with `created == false`.
    public func checkIn(_ request: CheckInRequest, eventID: UUID, by principal: Principal) async throws -> CheckInOutcome {
        var validation = Validation()
        validation.check((request.code == nil) != (request.registrationId == nil), "code", "send either code or registrationId")
        let code = request.code.flatMap(RegistrationCode.normalised)
        if request.code != nil {
            validation.check(code != nil, "code", "must be \(RegistrationCode.length) characters of \(String(RegistrationCode.alphabet))")
        }
        try validation.validate(as: ConventionsError.self)
        if let code {
            // The door's hot path, two round trips: BEGIN, the actor, the event, the code and the
            // notification endpoints in one pipeline; the check-in (with the registration's `attended`)
            // and COMMIT in another, when no endpoint takes check-ins (the KPI recount is enqueued by a
            // trigger at commit, migration 0047). With endpoints, their deliveries come between the
            // check-in and the COMMIT.
            let stored = try await pool.audited(by: principal, first: [
                EventStore.find(eventID, seats: false), RegistrationStore.find(code: code, eventID: eventID),
                Notifications.endpointsStatement(for: .participantCheckedIn),
            ]) { db, replies -> DoorCheckIn in
                guard let event = try replies[0].get().first.map(EventStore.event), event.isManaged(by: principal) else {
                    throw ConventionsError.notFound("event")
                }
                guard let registration = try replies[1].get().first.map(RegistrationStore.registration) else {
                    throw ConventionsError.notFound("registration with that code at this event")
                }
                let endpoints = try replies[2].get()
                guard endpoints.isEmpty, request.sessionId == nil else {
                    return .done(try await checkIn(registration, in: event, request: request, method: .code, by: principal, on: db) { event in
                        try await Notifications.publish(event, to: endpoints, on: db)
                    })
                }
                try requireSeat(registration)
                let day = try checkInDay(from: event.startsAt, to: event.endsAt, of: "the event", day: request.day)
                guard let stored = try await checkIns.checkInCommitting(
                    registration: registration, day: day, attendance: request.attendance ?? registration.attendance, method: .code,
                    at: clock.now(), by: principal.userID, on: db)
                else { return .alreadyCheckedIn(registration.id, day) }
                return .done(CheckInOutcome(checkIn: stored, created: true))
            }
            switch stored {
            case .done(let outcome):
                return outcome
            case .alreadyCheckedIn(let registrationID, let day):
                // A second scan: the first check-in, unchanged (this scan stored no check-in).
                let first = try await pool.withConnection { db in
                    try await checkIns.existing(registrationID: registrationID, sessionID: nil, day: day, on: db)
                }
                return CheckInOutcome(checkIn: first, created: false)
            }
        }
        guard let registrationID = request.registrationId else { throw ConventionsError.field("registrationId", "is required without a code") }
        return try await write(by: principal) { db in
            let event = try await managedEvent(eventID, by: principal, seats: false, on: db)
            guard let registration = try await registrations.find(registrationID, on: db).flatMap({ $0.eventId == eventID ? $0 : nil }) else {
                throw ConventionsError.notFound("registration at this event")
            }
            return try await checkIn(registration, in: event, request: request, method: .search, by: principal, on: db) { event in
                try await Notifications.publish(event, on: db)
            }
        }
    }

    /// A door check-in once the event and the registration are known; `publish` records the
    /// notification of a new check-in.
    private func checkIn(
        _ registration: Registration, in event: Event, request: CheckInRequest, method: CheckInMethod, by principal: Principal,
        on db: PostgresConnection, publish: (NotificationEvent) async throws -> Int
    ) async throws -> CheckInOutcome {
        let outcome = try await checkIn(
            registration, in: event, sessionID: request.sessionId, day: request.day, attendance: request.attendance ?? registration.attendance,
            method: method, at: nil, durationMinutes: nil, by: principal, on: db)
        if outcome.created {
            // Off by default in every endpoint; no personal data leaves with it, only ids.
            _ = try await publish(NotificationEvent(
                kind: .participantCheckedIn, summary: "Check-in at \(event.titleEn ?? event.titleJa ?? "an event")",
                data: ["eventId": .string(event.id.uuidString.lowercased()), "checkInId": .string(outcome.checkIn.id.uuidString.lowercased())],
                occurredAt: clock.now()))
        }
        return outcome
    }

    /// The rules of one check-in, for the door and the online reports alike.
    func checkIn(
        _ registration: Registration, in event: Event, sessionID: UUID?, day: CalendarDate?, attendance: AttendanceMode,
        method: CheckInMethod, at: Date?, durationMinutes: Int?, by principal: Principal, on db: PostgresConnection
    ) async throws -> CheckInOutcome {
        try requireSeat(registration)
        var span = (startsAt: event.startsAt, endsAt: event.endsAt, of: "the event")
        if let sessionID {
            guard let session = try await events.session(sessionID, on: db), session.eventId == event.id else {
                throw ConventionsError.field("sessionId", "is not a session of this event")
            }
            // Attending a session happens on its day: the second day's panel scanned on the first day is not
            // attendance, and would be a second check-in for the same session when the panel takes place.
            span = (session.startsAt, session.endsAt, "the session")
        }
        let day = try checkInDay(from: span.startsAt, to: span.endsAt, of: span.of, day: day)
        return try await checkIns.checkIn(
            registration: registration, sessionID: sessionID, day: day, attendance: attendance, method: method, at: at ?? clock.now(),
            durationMinutes: durationMinutes, by: principal.userID, on: db)
    }

    /// What the door's transaction did: stored a check-in (or went the general way), or found the
    /// person already checked in for `day`, writing nothing.
    private enum DoorCheckIn: Sendable {
        case done(CheckInOutcome)
        case alreadyCheckedIn(UUID, CalendarDate)
    }

    private func requireSeat(_ registration: Registration) throws {
        guard registration.status.holdsSeat else {
            throw ConventionsError.conflict("This registration is \(registration.status.rawValue), not a seat; it cannot check in.", field: nil)
        }
    }

    /// The day a check-in is for, which must be one of the days of the event (or of the session) in Japan. A
    /// check-in without a day is for today in Japan: KPIs ③ and ④ count attendance, and a desk that scans a
    /// code before or after the event did not see anyone attend.
    private func checkInDay(from startsAt: Date, to endsAt: Date, of what: String, day: CalendarDate?) throws -> CalendarDate {
        let day = day ?? clock.today()
        let first = CalendarDate(inJapanAt: startsAt), last = CalendarDate(inJapanAt: endsAt.addingTimeInterval(-1))
        guard day >= first && day <= last else {
            throw ConventionsError.field("day", first == last ? "must be the day of \(what), \(first) (Japan time)"
                                                              : "must be a day of \(what), \(first) to \(last) (Japan time)")
        }
        return day
    }

    /// What the desk shows, read on one connection after one check (a manager of the event): the event,
    /// the session when the desk is a session's, "N of M have arrived" — the event's seat holders and those
    /// of them checked in today for the day, or for the session — and the search for a guest without their
    /// code: registrations in force whose name, organisation or e-mail holds `search` (the registration
    /// list's folding of Japanese and English, `search_form`), at most `deskSearchLimit`, each with its
    /// check-in. A session of another event is the 404, as an event the caller does not manage.
    public func desk(of eventID: UUID, sessionID: UUID?, search: String, by principal: Principal) async throws -> Desk {
        let text = String(search.trimmed.prefix(Self.deskSearchLength))
        return try await pool.withConnection { db in
            let event = try await managedEvent(eventID, by: principal, seats: false, on: db)
            var session: EventSession?
            if let sessionID {
                guard let found = try await events.sessions(of: eventID, on: db).first(where: { $0.id == sessionID }) else {
                    throw ConventionsError.notFound("session")
                }
                session = found
            }
            let day = clock.today()
            let arrivals = try await checkIns.arrivals(eventID: eventID, sessionID: sessionID, day: day, on: db)
            guard !text.isEmpty else { return Desk(event: event, session: session, arrivals: arrivals, matches: []) }
            let found = try await registrations.list(
                eventID: eventID, RegistrationFilter(text: text, inForce: true), consentingOnly: false,
                page: PageRequest(limit: Self.deskSearchLimit), on: db).items
            let arrived = try await checkIns.arrived(registrationIDs: found.map(\.id), sessionID: sessionID, day: day, on: db)
            return Desk(event: event, session: session, arrivals: arrivals,
                        matches: found.map { DeskMatch(registration: $0, checkIn: arrived[$0.id]) })
        }
    }

    /// The most guests the desk's search lists, and the longest text it looks for.
    public static let deskSearchLimit = 20
    public static let deskSearchLength = 100

    /// Undoes a mistaken check-in (the desk checked in the wrong person): the row goes, so attendance,
    /// the desk's count and KPIs ③ and ④ (recounted by the check-ins' trigger at commit) no longer count
    /// it; the row trigger audits the removal (what it was, who removed it). When it was the person's
    /// last check-in, their registration is `registered` again. The check-in's rules: a manager of its
    /// event; a check-in of another event, or none, is the 404.
    public func undoCheckIn(_ checkInID: UUID, eventID: UUID, by principal: Principal) async throws -> CheckIn {
        try await write(by: principal) { db in
            _ = try await managedEvent(eventID, by: principal, seats: false, on: db, what: "check-in")
            guard let removed = try await checkIns.remove(checkInID, eventID: eventID, on: db) else {
                throw ConventionsError.notFound("check-in")
            }
            _ = try await db.execute(RegistrationStore.unmarkAttended(removed.registrationId))
            return removed
        }
    }

    /// Registrations and attendance by sector and role.
    public func attendance(of eventID: UUID, by principal: Principal) async throws -> [AttendanceCount] {
        try await pool.withConnection { db in
            _ = try await readableByStaff(eventID, by: principal, on: db)
            return try await checkIns.attendance(eventID: eventID, on: db)
        }
    }

    /// Managers and coordinators read an event's lists and exports; anyone else gets the 404.
    func readableByStaff(_ id: UUID, by principal: Principal, on db: PostgresConnection) async throws -> Event {
        guard let event = try await events.find(id, on: db), event.isManaged(by: principal) || principal.role == .coordinator else {
            throw ConventionsError.notFound("event")
        }
        return event
    }
}
