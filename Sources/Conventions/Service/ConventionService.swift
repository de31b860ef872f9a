public import DomainKit
public import FoundationEssentials
public import Postgres

/// The rules of the Conventions module: who may manage and read which events, capacity and waitlist,
/// check-in, imports, erasure and meeting requests, with the transaction around every write.
///
/// Access: admins manage every event; an organizer manages the events that list them among their
/// organizer users (any other event's registrations, check-ins and exports are a 404); coordinators
/// read everything; every role reads events and sessions; company users see the registrations of
/// participants who consented to share their contact details, without door codes.
public struct ConventionService: Sendable {
    /// Called in the transaction that accepts a meeting request; returns the business-match record's id.
    public typealias RecordBusinessMatch = @Sendable (AcceptedMeeting, PostgresConnection) async throws -> UUID?

    let pool: PostgresPool
    let events = EventStore()
    let registrations = RegistrationStore()
    let checkIns = CheckInStore()
    let meetings = MeetingRequestStore()
    let universityRegistry = UniversityStore()
    let drawCode: @Sendable () -> String
    let recordBusinessMatch: RecordBusinessMatch?
    let clock: ProgrammeClock
    let cancellationLinks: CancellationLinks?

    /// `drawCode` draws registration codes (injected so tests can force collisions); `recordBusinessMatch`
    /// is the Matches module's hook for accepted meetings (nil until that module is wired in App);
    /// `cancellationLinks` puts a signed cancellation link in every message (nil: no link).
    public init(
        pool: PostgresPool, clock: ProgrammeClock, drawCode: @escaping @Sendable () -> String = ConventionService.randomCode,
        recordBusinessMatch: RecordBusinessMatch? = nil, cancellationLinks: CancellationLinks? = nil
    ) {
        self.pool = pool
        self.clock = clock
        self.drawCode = drawCode
        self.recordBusinessMatch = recordBusinessMatch
        self.cancellationLinks = cancellationLinks
    }

    public static let randomCode: @Sendable () -> String = {
        var generator = SystemRandomNumberGenerator()
        return RegistrationCode.random(using: &generator)
    }

    // MARK: Events

    /// Events for every reader; the organizers only for those who may know them (`Event.shown(to:)`), and so the
    /// `needsOrganizer` filter only for admins and coordinators (an organizer's own events never need one).
    public func events(_ filter: EventFilter, page: PageRequest, by principal: Principal) async throws -> Page<Event> {
        if filter.needsOrganizer != nil, !Event.showsOrganizers(to: principal) {
            throw ConventionsError.forbidden("needsOrganizer: only administrators and coordinators filter events by their organizers' accounts.")
        }
        return try await pool.withConnection { try await events.list(filter, page: page, on: $0) }.map { $0.shown(to: principal) }
    }

    public func event(_ id: UUID, by principal: Principal) async throws -> Event {
        guard let event = try await pool.withConnection({ try await events.find(id, on: $0) }) else {
            throw ConventionsError.notFound("event")
        }
        return event.shown(to: principal)
    }

    /// The event when the caller manages it (the check-in desk's page); otherwise the 404 of a missing one.
    public func managedEvent(_ id: UUID, by principal: Principal) async throws -> Event {
        try await pool.withConnection { try await managedEvent(id, by: principal, on: $0) }
    }

    /// Admins and organizers create events; an organizer is always among the event's organizers.
    public func createEvent(_ draft: EventDraft, by principal: Principal) async throws -> Event {
        var draft = draft
        if principal.role == .organizer && !draft.organizers.contains(principal.userID) {
            draft.organizerUserIds = draft.organizers + [principal.userID]
        }
        try draft.validate()
        let event = draft
        return try await write(by: principal) { db in
            try await checkOrganizers(of: event, keeping: [], by: principal, on: db)
            return try await events.insert(event, on: db)
        }
    }

    /// Applies `edit` when `version` is current. More seats promote waitlisted people at once; fewer
    /// seats than are taken is refused (nobody loses a confirmed seat by an edit).
    public func updateEvent(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout EventDraft) throws -> Void
    ) async throws -> Event {
        try await write(by: principal) { db in
            let current = try await managedEvent(id, by: principal, lock: true, on: db)
            let draft = try current.edited(expecting: version, as: ConventionsError.self, edit)
            try draft.validate()
            try await checkOrganizers(of: draft, keeping: current.organizerUserIds, by: principal, on: db)
            try await checkOrganizersKept(from: current.organizerUserIds, to: draft.organizers, field: "organizerUserIds", on: db)
            for (mode, seats, field) in [(AttendanceMode.inPerson, current.inPersonSeats, "inPersonCapacity"), (.online, current.onlineSeats, "onlineCapacity")] {
                let taken = seats?.taken ?? 0
                guard let capacity = draft.capacity(for: mode) else {
                    if taken > 0 { throw ConventionsError.field(field, "\(taken) people hold seats of this kind; cancel them first") }
                    continue
                }
                if capacity < taken { throw ConventionsError.field(field, "must be at least the \(taken) seats already taken") }
            }
            // A no-op edit writes nothing (DomainKit `Versioned.saving`); the answer is read as after a write, with its seats.
            if !current.isUnchanged(by: draft) {
                guard try await events.update(id, version: version, to: draft, on: db) else {
                    throw ConventionsError.staleVersion(current: current.version)
                }
                for mode in AttendanceMode.allCases { try await fillFreeSeats(eventID: id, attendance: mode, on: db) }
            }
            guard let updated = try await events.find(id, on: db) else { throw ConventionsError.notFound("event") }
            return updated
        }
    }

    /// Roles an event's organizer list may name (issue 17, item 6: organizer, coordinator or admin users; a company
    /// user was accepted before and would have gained the event's registrations and door codes).
    static let organizerRoles: Set<String> = [Role.organizer.rawValue, Role.coordinator.rawValue, Role.admin.rawValue]

    /// Every organizer a create or an edit adds must be an enabled organizer, coordinator or admin user, read
    /// through Accounts' `account_roles`, which leaves disabled users out. An unknown id, a disabled account and a
    /// user of another role get one and the same 422, so the answer tells nobody who has an account (harden12).
    /// Organizers already on the event are kept as they are (a later role change does not make the event
    /// unwritable), and so is the caller, whose role is known. The co-organizer form (`addOrganizer`) is narrower
    /// on purpose: it offers organizers to organizers, and a coordinator or admin named there would gain nothing.
    func checkOrganizers(of draft: EventDraft, keeping kept: [UUID], by principal: Principal, on db: PostgresConnection) async throws {
        let added = draft.organizers.filter { id in
            !kept.contains(id) && !(id == principal.userID && Self.organizerRoles.contains(principal.role.rawValue))
        }
        guard !added.isEmpty else { return }
        let rows = try await db.query("SELECT id, role FROM account_roles(\(added))")
        var eligible = Set<UUID>()
        for row in rows where Self.organizerRoles.contains(try row.decode("role", as: String.self)) {
            eligible.insert(try row.decode("id", as: UUID.self))
        }
        let refused = added.filter { !eligible.contains($0) }
        if !refused.isEmpty {
            throw ConventionsError.field(
                "organizerUserIds", Self.notOrganizerUsers + "; not: " + refused.map { $0.uuidString.lowercased() }.joined(separator: ", "))
        }
    }

    /// The rule of an event's organizer list, the same for every id it refuses (see `checkOrganizers`).
    static let notOrganizerUsers = "must name enabled organizer, coordinator or admin users"

    // MARK: Sessions

    public func sessions(of eventID: UUID, by principal: Principal) async throws -> [EventSession] {
        try await pool.withConnection { db in
            guard try await events.find(eventID, on: db) != nil else { throw ConventionsError.notFound("event") }
            return try await events.sessions(of: eventID, on: db)
        }
    }

    public func createSession(_ draft: EventSessionDraft, eventID: UUID, by principal: Principal) async throws -> EventSession {
        try await write(by: principal) { db in
            // Locked, so two organizers adding the last session at once cannot pass the cap together.
            let event = try await managedEvent(eventID, by: principal, lock: true, on: db)
            try draft.validate(within: event)
            guard try await events.sessionCount(of: eventID, on: db) < Limit.sessionsPerEvent else {
                throw ConventionsError.conflict("An event has at most \(Limit.sessionsPerEvent) sessions.", field: nil)
            }
            return try await events.insertSession(draft, eventID: eventID, on: db)
        }
    }

    public func updateSession(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout EventSessionDraft) throws -> Void
    ) async throws -> EventSession {
        try await write(by: principal) { db in
            guard let current = try await events.session(id, on: db) else { throw ConventionsError.notFound("session") }
            let event = try await managedEvent(current.eventId, by: principal, on: db, what: "session")
            let draft = try current.edited(expecting: version, as: ConventionsError.self, edit)
            try draft.validate(within: event)
            return try await current.saving(draft, as: ConventionsError.self) { try await events.updateSession(id, version: version, to: $0, on: db) }
        }
    }

    public func universities(by principal: Principal) async throws -> [University] {
        try await pool.withConnection { try await UniversityStore().universities(on: $0) }
    }

    // MARK: Shared rules

    /// Every mutation of the module runs here, in one transaction. The row triggers of migrations 0011
    /// and 0012 write the audit entries; this names the actor for them. A violated constraint of
    /// `constraints` is the 409 or 422 naming its field.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.write(by: principal, constraints: Self.constraints, body)
    }

    /// What the Conventions tables' constraints guard, by name (migrations 0011, 0012 and 0024). A
    /// meeting request's company lives in the Companies module; its foreign key is the check.
    static let constraints = constraints(naming: "participant.")

    /// The same, with a participant's fields named after `prefix`: `participant.` in a registration's body, nothing
    /// in `PATCH /v1/participants/{id}`'s.
    static func constraints(naming prefix: String) -> ConstraintFields {
        ConstraintFields([
            ("meeting_requests_company_id_fkey", "companyId", "is not a known company"),
            ("meeting_requests_participant_id_fkey", "participantId", "is not a known participant"),
            ("participants_university_id_fkey", prefix + "universityId", "is not a known university (see GET /v1/universities)"),
            ("participants_campus_id_fkey", prefix + "campusId", "is not a known campus (see GET /v1/universities)"),
        ])
        .unique("meeting_requests_event_id_participant_id_company_id_key", field: "companyId",
                detail: "This participant already asked to meet this company at this event.")
        .unique("registrations_one_live_per_person", field: prefix + "email", detail: "This person is already registered for this event.")
        .unique("participants_email", field: prefix + "email", detail: "Another participant already has this email address.")
    }

    /// The event when the caller manages it (admin, or an organizer it lists); otherwise the 404 of a
    /// missing one, so an organizer cannot tell another organizer's event from no event.
    func managedEvent(
        _ id: UUID, by principal: Principal, lock: Bool = false, seats: Bool = true, on db: PostgresConnection, what: String = "event"
    ) async throws -> Event {
        let event = lock ? try await events.lock(id, on: db) : try await events.find(id, seats: seats, on: db)
        guard let event, event.isManaged(by: principal) else { throw ConventionsError.notFound(what) }
        return event
    }

    /// The event when the caller may read its participants: managers, coordinators, and company users
    /// (who then see consenting participants only).
    func participantReadableEvent(_ id: UUID, by principal: Principal, on db: PostgresConnection) async throws -> Event {
        guard let event = try await events.find(id, on: db),
              event.isManaged(by: principal) || principal.role == .coordinator || principal.role == .company else {
            throw ConventionsError.notFound("event")
        }
        return event
    }

    /// Gives free seats of one kind to the waitlist, first come first served. Runs with the event locked.
    @discardableResult
    func fillFreeSeats(eventID: UUID, attendance: AttendanceMode, on db: PostgresConnection) async throws -> [UUID] {
        guard let event = try await events.find(eventID, on: db), let capacity = event.capacity(for: attendance) else { return [] }
        let taken = try await registrations.seatsTaken(eventID: eventID, attendance: attendance, on: db)
        let promoted = try await registrations.promote(eventID: eventID, attendance: attendance, seats: capacity - taken, on: db)
        // Each person moved up hears so, in the transaction that gave them the seat.
        for id in promoted {
            if let registration = try await registrations.find(id, on: db) {
                try await enqueueMail(.promoted, registration, event: event, on: db)
            }
        }
        return promoted
    }
}
