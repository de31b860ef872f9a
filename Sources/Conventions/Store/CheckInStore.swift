import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of check-ins and of the attendance counts built on them.
struct CheckInStore {
    static let columns: SQLFragment = "id, event_id, registration_id, session_id, day, attendance, method, checked_in_at, duration_minutes"

    /// Inserts the check-in unless the person already has one for that day and session; then returns
    /// that first one. The unique constraint decides, so two scans at the same moment cannot both win:
    /// the second INSERT waits for the first to commit, does nothing, and the SELECT then sees it.
    func checkIn(
        registration: Registration, sessionID: UUID?, day: CalendarDate, attendance: AttendanceMode, method: CheckInMethod,
        at: Date, durationMinutes: Int?, by actor: UUID, on db: PostgresConnection
    ) async throws -> CheckInOutcome {
        let inserted = try await db.query(Self.insert(
            registration: registration, sessionID: sessionID, day: day, attendance: attendance, method: method, at: at,
            durationMinutes: durationMinutes, by: actor))
        if let row = inserted.first { return CheckInOutcome(checkIn: try Self.checkIn(row), created: true) }
        return CheckInOutcome(checkIn: try await existing(registrationID: registration.id, sessionID: sessionID, day: day, on: db), created: false)
    }

    /// The door's check-in by code as the last step of its transaction: the same statement as
    /// `checkIn`, sent with the transaction's COMMIT in one round trip (`commit(after:)`). Nil when the
    /// person already had this check-in (nothing was written); `existing` then reads it.
    func checkInCommitting(
        registration: Registration, day: CalendarDate, attendance: AttendanceMode, method: CheckInMethod, at: Date, by actor: UUID,
        on db: PostgresConnection
    ) async throws -> CheckIn? {
        let replies = try await db.commit(after: [Self.insert(
            registration: registration, sessionID: nil, day: day, attendance: attendance, method: method, at: at,
            durationMinutes: nil, by: actor)])
        return try replies[0].first.map(Self.checkIn)
    }

    /// The check-in a person already has for that day and session.
    func existing(registrationID: UUID, sessionID: UUID?, day: CalendarDate, on db: PostgresConnection) async throws -> CheckIn {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM check_ins
            WHERE registration_id = \(registrationID) AND session_id IS NOT DISTINCT FROM \(sessionID)
              AND day = \(day)
            """)
        return try Self.checkIn(rows[0])
    }

    /// One statement: the check-in (returned only when this statement inserted it) and the
    /// registration marked attended (`RegistrationStore.markAttended`; conditional, so the second of
    /// two scans changes nothing). One statement instead of two: one executor start-up and one
    /// protocol exchange less per check-in. Nothing depends on the order of the two writes inside it
    /// (PostgreSQL runs a data-modifying WITH that the main statement does not read after it).
    static func insert(
        registration: Registration, sessionID: UUID?, day: CalendarDate, attendance: AttendanceMode, method: CheckInMethod,
        at: Date, durationMinutes: Int?, by actor: UUID
    ) -> PostgresQuery {
        "WITH attended AS (" + RegistrationStore.markAttended(registration.id) + """
        )
        INSERT INTO check_ins (event_id, registration_id, session_id, day, attendance, method, checked_in_at, duration_minutes, checked_in_by)
        VALUES (\(registration.eventId), \(registration.id), \(sessionID),
            \(day), \(attendance.rawValue), \(method.rawValue),
            \(at), \(durationMinutes), \(actor))
        ON CONFLICT (registration_id, day, session_id) DO NOTHING
        RETURNING \(Self.columns)
        """
    }

    /// Adds online minutes to an existing check-in (a second report for the same day).
    func addMinutes(_ minutes: Int, to id: UUID, on db: PostgresConnection) async throws {
        try await db.execute("""
            UPDATE check_ins SET duration_minutes = least(coalesce(duration_minutes, 0) + \(minutes), 100000) WHERE id = \(id)
            """)
    }

    /// Registrations, and people who came, by sector and role. Counted from the rows (never kept as
    /// counters), and from columns that erasure keeps, so an erasure changes no count.
    func attendance(eventID: UUID, on db: PostgresConnection) async throws -> [AttendanceCount] {
        let rows = try await db.query("""
            SELECT p.sector, p.role,
                count(*) FILTER (WHERE r.status IN ('registered', 'attended', 'no_show')) AS registered,
                count(*) FILTER (WHERE r.status = 'waitlisted') AS waitlisted,
                count(*) FILTER (WHERE a.in_person) AS attended_in_person,
                count(*) FILTER (WHERE a.online) AS attended_online,
                count(*) FILTER (WHERE a.in_person OR a.online) AS attended
            FROM registrations r
            JOIN participants p ON p.id = r.participant_id
            CROSS JOIN LATERAL (
                SELECT bool_or(c.attendance = 'in_person') AS in_person, bool_or(c.attendance = 'online') AS online
                FROM check_ins c WHERE c.registration_id = r.id) a
            WHERE r.event_id = \(eventID)
            GROUP BY p.sector, p.role
            ORDER BY p.sector, p.role
            """)
        return try rows.map { row in
            let sector: String = try row.decode("sector")
            let role: String = try row.decode("role")
            return AttendanceCount(
                sector: try known(Sector(rawValue: sector), sector), role: try known(ParticipantRole(rawValue: role), role),
                registered: try row.decode("registered"), waitlisted: try row.decode("waitlisted"),
                attendedInPerson: try row.decode("attended_in_person"), attendedOnline: try row.decode("attended_online"),
                attended: try row.decode("attended"))
        }
    }

    /// Removes one check-in of the event; nil when it has none with that id.
    func remove(_ id: UUID, eventID: UUID, on db: PostgresConnection) async throws -> CheckIn? {
        try await db.query("DELETE FROM check_ins WHERE id = \(id) AND event_id = \(eventID) RETURNING \(Self.columns)").first.map(Self.checkIn)
    }

    /// Seat holders and how many of them have a check-in for `day` without a session, or for the
    /// session (any day: a session's check-in is on its day). One statement; the unique index of
    /// check-ins (registration, day, session) answers each EXISTS.
    func arrivals(eventID: UUID, sessionID: UUID?, day: CalendarDate, on db: PostgresConnection) async throws -> DeskArrivals {
        let rows = try await db.query("""
            SELECT count(*)::int AS registered,
                count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM check_ins c
                    WHERE c.registration_id = r.id AND c.session_id IS NOT DISTINCT FROM \(sessionID)
                      AND (\(sessionID)::uuid IS NOT NULL OR c.day = \(day))))::int AS arrived
            FROM registrations r
            WHERE r.event_id = \(eventID) AND r.status IN ('registered', 'attended', 'no_show')
            """)
        return DeskArrivals(arrived: try rows[0].decode("arrived"), registered: try rows[0].decode("registered"))
    }

    /// The check-ins of these registrations for `day` without a session, or for the session, by registration.
    func arrived(registrationIDs: [UUID], sessionID: UUID?, day: CalendarDate, on db: PostgresConnection) async throws -> [UUID: CheckIn] {
        guard !registrationIDs.isEmpty else { return [:] }
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM check_ins c
            WHERE c.registration_id = ANY(\(registrationIDs)) AND c.session_id IS NOT DISTINCT FROM \(sessionID)
              AND (\(sessionID)::uuid IS NOT NULL OR c.day = \(day))
            """)
        let found = try rows.map(Self.checkIn)
        return Dictionary(found.map { ($0.registrationId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func checkIn(_ row: PostgresRow) throws -> CheckIn {
        let attendance: String = try row.decode("attendance")
        let method: String = try row.decode("method")
        return CheckIn(
            id: try row.decode("id"), eventId: try row.decode("event_id"), registrationId: try row.decode("registration_id"),
            sessionId: try row.decode("session_id"), day: try row.decode("day"),
            attendance: try known(AttendanceMode(rawValue: attendance), attendance), method: try known(CheckInMethod(rawValue: method), method),
            checkedInAt: try row.decode("checked_in_at"), durationMinutes: try row.decode("duration_minutes"))
    }
}

/// One line of the attendance report: a sector and role, and how many registered and came.
public struct AttendanceCount: Sendable, Equatable, Codable {
    public let sector: Sector
    public let role: ParticipantRole
    public let registered: Int
    public let waitlisted: Int
    public let attendedInPerson: Int
    public let attendedOnline: Int
    /// People who came at least once, in person or online.
    public let attended: Int
}

/// The desk's count: seat holders, and those of them who have arrived (today, or at the session).
public struct DeskArrivals: Sendable, Equatable {
    public let arrived: Int
    public let registered: Int
}

/// What the check-in desk shows (`ConventionService.desk`).
public struct Desk: Sendable {
    public let event: Event
    public let session: EventSession?
    public let arrivals: DeskArrivals
    public let matches: [DeskMatch]
}

/// A guest the desk's search found: the registration, and its check-in for today (or the session), if any.
public struct DeskMatch: Sendable, Equatable {
    public let registration: Registration
    public let checkIn: CheckIn?
}
