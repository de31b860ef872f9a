public import DomainKit
public import FoundationEssentials
import Postgres

extension ConventionService {
    /// How many times a colliding registration code is redrawn before giving up (a collision is about
    /// one in 10⁵ even for a 2,000-person event; five in a row means the random source is broken).
    static let codeAttempts = 5

    /// Registers a person for an event: a seat when one is free, else the waitlist. The event row is
    /// locked for the transaction, so concurrent registrations take turns and capacity is never exceeded.
    /// Registration is refused outside the event's registration window.
    public func register(_ draft: RegistrationDraft, eventID: UUID, by principal: Principal) async throws -> Registration {
        try await write(by: principal) { db in
            let event = try await managedEvent(eventID, by: principal, lock: true, on: db)
            try checkRegistrationWindow(of: event)
            return try await register(draft, in: event, on: db)
        }
    }

    /// Registration is refused (409) before the event's window opens and from the moment it closes.
    func checkRegistrationWindow(of event: Event) throws(ConventionsError) {
        let now = clock.now()
        if let opens = event.registrationOpensAt, now < opens {
            throw ConventionsError.conflict("Registration opens at \(opens.formatted(.iso8601)).", field: nil)
        }
        if let closes = event.registrationClosesAt, now >= closes {
            throw ConventionsError.conflict("Registration closed at \(closes.formatted(.iso8601)).", field: nil)
        }
    }

    /// The rules of one registration, for the route and the CSV import alike. The caller holds the event lock.
    /// `seatsTaken`, when given, is the caller's own tally of seats held per way of attending, kept under that lock
    /// (the import's: a count per row made a 10,000-row file quadratic); otherwise they are counted.
    func register(
        _ draft: RegistrationDraft, in event: Event, seatsTaken: [AttendanceMode: Int]? = nil, on db: PostgresConnection
    ) async throws -> Registration {
        let (participantID, attendance, capacity) = try await prepare(draft, in: event, keepingKnownPerson: false, on: db)
        // A cancelled registration does not count: the person registers again, with a new door code.
        if let existing = try await registrations.find(participantID: participantID, eventID: event.id, on: db), existing.status != .cancelled {
            throw ConventionsError.conflict(
                "\(draft.participant.email) is already registered for this event (registration \(existing.id.uuidString.lowercased())).",
                field: "participant.email")
        }
        return try await seat(participantID, attendance: attendance, capacity: capacity, taken: seatsTaken?[attendance, default: 0], in: event, on: db)
    }

    /// Validates the draft and finds or records the person. Staff (`keepingKnownPerson == false`) update
    /// a known person with what they give; an anonymous public form never changes a known person, so
    /// nobody can rewrite someone else's name or consent by typing their address.
    func prepare(
        _ draft: RegistrationDraft, in event: Event, keepingKnownPerson: Bool, on db: PostgresConnection
    ) async throws -> (participantID: UUID, attendance: AttendanceMode, capacity: Int) {
        try draft.participant.validate()
        let participant = try await resolvedAffiliation(draft.participant, on: db)
        let attendance = draft.attendance ?? (event.format.offers.contains(.inPerson) ? .inPerson : .online)
        guard let capacity = event.capacity(for: attendance) else {
            throw ConventionsError.field("attendance", "this event is \(event.format.rawValue) and has no \(attendance.rawValue) seats")
        }
        let participantID = keepingKnownPerson
            ? try await registrations.insertParticipantUnlessKnown(participant, on: db)
            : try await registrations.upsertParticipant(participant, on: db)
        return (participantID, attendance, capacity)
    }

    /// A seat when one of the kind is free, else the waitlist; the confirmation is enqueued in the same
    /// transaction. The caller holds the event lock; `taken` is its count of seats held, when it keeps one.
    func seat(
        _ participantID: UUID, attendance: AttendanceMode, capacity: Int, taken: Int? = nil, in event: Event, on db: PostgresConnection
    ) async throws -> Registration {
        let taken = if let taken { taken } else { try await registrations.seatsTaken(eventID: event.id, attendance: attendance, on: db) }
        let status: RegistrationStatus = taken < capacity ? .registered : .waitlisted
        for _ in 0..<Self.codeAttempts {
            if let registration = try await registrations.insert(
                eventID: event.id, participantID: participantID, attendance: attendance, status: status, code: drawCode(), on: db) {
                // In this transaction: the confirmation exists exactly when the registration does.
                try await enqueueMail(.registered, registration, event: event, on: db)
                return registration
            }
        }
        throw PostgresError(.protocolViolation, "registration code collided \(Self.codeAttempts) times in a row")
    }

    /// Registrations of an event. Managers and coordinators see all; company users only participants who
    /// consented to share contact details, without door codes.
    public func registrations(
        of eventID: UUID, _ filter: RegistrationFilter, page: PageRequest, by principal: Principal
    ) async throws -> Page<Registration> {
        try await pool.withConnection { db in
            _ = try await participantReadableEvent(eventID, by: principal, on: db)
            let isCompany = principal.role == .company
            let page = try await registrations.list(eventID: eventID, filter, consentingOnly: isCompany, page: page, on: db)
            return isCompany ? page.map(\.forCompany) : page
        }
    }

    /// How many registrations `registrations` pages through with this filter, for the same readers (the
    /// console's "page N of M"; one event's registrations, so the count is bounded).
    public func registrationCount(of eventID: UUID, _ filter: RegistrationFilter, by principal: Principal) async throws -> Int {
        try await pool.withConnection { db in
            _ = try await participantReadableEvent(eventID, by: principal, on: db)
            return try await registrations.count(eventID: eventID, filter, consentingOnly: principal.role == .company, on: db)
        }
    }

    /// One registration of an event the caller manages, for a page that asks before it changes it (the
    /// console's cancel and erase confirmations). A registration of another event, or of an event the
    /// caller does not manage, is the 404 of a missing one, as `cancel` answers.
    public func managedRegistration(_ registrationID: UUID, eventID: UUID, by principal: Principal) async throws -> Registration {
        try await pool.withConnection { db in
            _ = try await managedEvent(eventID, by: principal, seats: false, on: db, what: "registration")
            guard let found = try await registrations.find(registrationID, on: db), found.eventId == eventID else {
                throw ConventionsError.notFound("registration")
            }
            return found
        }
    }

    /// Cancels a registration; when it held a seat, the first waitlisted person of the same kind of seat
    /// gets it in the same transaction, and the person cancelled is told so by mail (as after the signed
    /// link, in other words). Cancelling a cancelled registration changes nothing and mails nobody.
    public func cancel(_ registrationID: UUID, by principal: Principal) async throws -> Cancellation {
        try await write(by: principal) { db in
            guard let found = try await registrations.find(registrationID, on: db) else { throw ConventionsError.notFound("registration") }
            // Lock order event → registration, the same as registering, so the two cannot deadlock.
            let event = try await managedEvent(found.eventId, by: principal, lock: true, on: db, what: "registration")
            return try await cancelLocked(registrationID, in: event, telling: .cancelledByOrganizer, on: db)
        }
    }

    /// A registration this transaction just wrote or locked: its absence would be a bug in the caller,
    /// reported as the 404 it would be to a client rather than a crash.
    func written(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> Registration {
        guard let registration = try await registrations.find(id, on: db, forUpdate: forUpdate) else { throw ConventionsError.notFound("registration") }
        return registration
    }

    /// The cancellation's rules, one way for every door: the seat passes on, the person moved up and the
    /// person cancelled are mailed in this transaction. The caller holds the event's lock.
    func cancelLocked(
        _ registrationID: UUID, in event: Event, telling occasion: RegistrationMail.Occasion, on db: PostgresConnection
    ) async throws -> Cancellation {
        let current = try await written(registrationID, on: db, forUpdate: true)
        switch current.status {
        case .cancelled:
            return Cancellation(cancelled: current, promoted: nil)
        case .attended, .noShow:
            throw ConventionsError.conflict("The event is over for this person (\(current.status.rawValue)); it cannot be cancelled.", field: nil)
        case .registered, .waitlisted:
            break
        }
        try await registrations.setStatus(registrationID, to: .cancelled, on: db)
        var promoted: Registration?
        if current.status.holdsSeat, let id = try await fillFreeSeats(eventID: current.eventId, attendance: current.attendance, on: db).first {
            promoted = try await registrations.find(id, on: db)
        }
        let cancelled = try await written(registrationID, on: db)
        let mailed = try await enqueueMail(occasion, cancelled, event: event, on: db)
        return Cancellation(cancelled: cancelled, promoted: promoted, mailed: mailed)
    }

    /// After an event, people who held a seat but never checked in become no-shows, so lists and counts
    /// tell them from people still expected. A later check-in (a late Zoom report) still makes them
    /// attended. Refused with 409 before the event has ended. Returns how many were marked.
    public func recordNoShows(eventID: UUID, by principal: Principal) async throws -> Int {
        try await write(by: principal) { db in
            let event = try await managedEvent(eventID, by: principal, lock: true, on: db)
            let now = clock.now()
            guard now >= event.endsAt else {
                throw ConventionsError.conflict("The event has not ended yet; it ends at \(event.endsAt.formatted(.iso8601)).", field: nil)
            }
            return try await registrations.markNoShows(eventID: eventID, on: db)
        }
    }
}
