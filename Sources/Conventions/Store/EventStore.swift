import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of events and their sessions.
struct EventStore {
    static let columns: SQLFragment = """
        e.id, e.kind, e.title_ja, e.title_en, e.starts_at, e.ends_at, e.fiscal_year, e.venue, e.format,
        e.in_person_capacity, e.online_capacity, e.registration_opens_at, e.registration_closes_at, e.organizer_user_ids,
        e.retention_days, e.personal_data_shredded_at, e.version, e.created_at, e.updated_at, \(needsOrganizer) AS needs_organizer
        """

    /// No one listed is an enabled user of the organizer role (Accounts' `account_roles` leaves disabled users out; a
    /// coordinator or an admin listed manages the event as no organizer does, `Event.isManaged`): the rule the
    /// co-organizer removal keeps (`EventOrganizer.organizes`, probe12), which an admin disabling an account may
    /// break (harden13, docs/api.md).
    static let needsOrganizer: SQLFragment = "NOT EXISTS (SELECT 1 FROM account_roles(e.organizer_user_ids) WHERE role = 'organizer')"

    /// Seats are counted from the registrations, never kept as a counter that could drift.
    static let select: SQLFragment = """
        SELECT \(columns), s.*
        FROM events e CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE r.attendance = 'in_person' AND r.status IN ('registered', 'attended', 'no_show')) AS in_person_taken,
                count(*) FILTER (WHERE r.attendance = 'in_person' AND r.status = 'waitlisted') AS in_person_waitlisted,
                count(*) FILTER (WHERE r.attendance = 'online' AND r.status IN ('registered', 'attended', 'no_show')) AS online_taken,
                count(*) FILTER (WHERE r.attendance = 'online' AND r.status = 'waitlisted') AS online_waitlisted
            FROM registrations r WHERE r.event_id = e.id) s
        """

    /// Without the seat counts, for the door: a check-in must not count every registration of the event.
    static let selectWithoutSeats: SQLFragment = """
        SELECT \(columns), NULL::bigint AS in_person_taken, NULL::bigint AS in_person_waitlisted,
            NULL::bigint AS online_taken, NULL::bigint AS online_waitlisted
        FROM events e
        """

    func find(_ id: UUID, seats: Bool, on db: PostgresConnection) async throws -> Event? {
        let rows = try await db.query(Self.find(id, seats: seats))
        return try rows.first.map(Self.event)
    }

    static func find(_ id: UUID, seats: Bool) -> PostgresQuery {
        "\(seats ? select : selectWithoutSeats) WHERE e.id = \(id)"
    }

    func find(_ id: UUID, on db: PostgresConnection) async throws -> Event? {
        try await find(id, seats: true, on: db)
    }

    /// Locks the event row: registrations, cancellations and capacity changes of one event take turns
    /// here, so counting seats and then inserting cannot overbook (two registrations would otherwise
    /// both see the last free seat).
    func lock(_ id: UUID, on db: PostgresConnection) async throws -> Event? {
        let locked = try await db.query("SELECT id FROM events WHERE id = \(id) FOR UPDATE")
        guard !locked.isEmpty else { return nil }
        return try await find(id, on: db)
    }

    func list(_ filter: EventFilter, page unordered: PageRequest, on db: PostgresConnection) async throws -> Page<Event> {
        let page = try unordered.ordered(by: filter.order)
        // The order's key, direction and keyset comparison from a closed enum, so the cursor's condition stays one row
        // comparison the planner can range over.
        let (key, direction, after): (SQLFragment, SQLFragment, SQLFragment) = switch filter.order {
        case .entered: ("e.created_at", "ASC", ">")
        case .latestStart: ("e.starts_at", "DESC", "<")
        }
        let rows = try await db.query("""
            \(Self.select)
            WHERE (\(filter.kind?.rawValue)::text IS NULL OR e.kind = \(filter.kind?.rawValue))
              AND (\(filter.fiscalYear)::integer IS NULL OR e.fiscal_year = \(filter.fiscalYear))
              AND (\(filter.organizedBy)::uuid IS NULL OR e.organizer_user_ids @> ARRAY[\(filter.organizedBy)::uuid])
              AND (\(filter.needsOrganizer)::boolean IS NULL OR \(Self.needsOrganizer) = \(filter.needsOrganizer))
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (\(key), e.id) \(after) (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY \(key) \(direction), e.id \(direction)
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.event), request: page, position: filter.order.position)
    }

    func insert(_ draft: EventDraft, on db: PostgresConnection) async throws -> Event {
        let rows = try await db.query("""
            INSERT INTO events (kind, title_ja, title_en, starts_at, ends_at, fiscal_year, venue, format, in_person_capacity,
                online_capacity, registration_opens_at, registration_closes_at, organizer_user_ids, retention_days)
            VALUES (\(draft.kind.rawValue), \(draft.titleJa), \(draft.titleEn), \(draft.startsAt), \(draft.endsAt),
                \(FiscalYear(containing: draft.startsAt).startYear), \(draft.venue), \(draft.format.rawValue), \(draft.inPersonCapacity),
                \(draft.onlineCapacity), \(draft.registrationOpensAt), \(draft.registrationClosesAt), \(draft.organizers), \(draft.retention))
            RETURNING id
            """)
        // Inserted by this statement, in this transaction: a miss would be a bug, reported as a decoding failure.
        return try known(try await find(try rows[0].decode("id"), on: db), "inserted event")
    }

    /// Writes every field when the version still matches; false when it does not.
    func update(_ id: UUID, version: Int, to draft: EventDraft, on db: PostgresConnection) async throws -> Bool {
        try await db.execute("""
            UPDATE events SET kind = \(draft.kind.rawValue), title_ja = \(draft.titleJa), title_en = \(draft.titleEn),
                starts_at = \(draft.startsAt), ends_at = \(draft.endsAt), fiscal_year = \(FiscalYear(containing: draft.startsAt).startYear),
                venue = \(draft.venue), format = \(draft.format.rawValue), in_person_capacity = \(draft.inPersonCapacity),
                online_capacity = \(draft.onlineCapacity), registration_opens_at = \(draft.registrationOpensAt),
                registration_closes_at = \(draft.registrationClosesAt), organizer_user_ids = \(draft.organizers),
                retention_days = \(draft.retention), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            """) == 1
    }

    static func event(_ row: PostgresRow) throws -> Event {
        let kind: String = try row.decode("kind")
        let format: String = try row.decode("format")
        let inPersonCapacity: Int? = try row.decode("in_person_capacity")
        let onlineCapacity: Int? = try row.decode("online_capacity")
        func seats(_ capacity: Int?, _ prefix: String) throws -> SeatCount? {
            guard let capacity, let taken = try row.decode("\(prefix)_taken", as: Int?.self) else { return nil }
            return SeatCount(capacity: capacity, taken: taken, waitlisted: try row.decode("\(prefix)_waitlisted"))
        }
        return Event(
            id: try row.decode("id"), kind: try known(EventKind(rawValue: kind), kind), titleJa: try row.decode("title_ja"),
            titleEn: try row.decode("title_en"), startsAt: try row.decode("starts_at"), endsAt: try row.decode("ends_at"),
            venue: try row.decode("venue"), format: try known(EventFormat(rawValue: format), format),
            inPersonCapacity: inPersonCapacity, onlineCapacity: onlineCapacity,
            registrationOpensAt: try row.decode("registration_opens_at"), registrationClosesAt: try row.decode("registration_closes_at"),
            organizerUserIds: try row.decode("organizer_user_ids"), retentionDays: try row.decode("retention_days"),
            fiscalYear: FiscalYear(try row.decode("fiscal_year")),
            inPersonSeats: try seats(inPersonCapacity, "in_person"), onlineSeats: try seats(onlineCapacity, "online"),
            personalDataShreddedAt: try row.decode("personal_data_shredded_at"), needsOrganizer: try row.decode("needs_organizer"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }

    // MARK: Sessions

    static let sessionColumns: SQLFragment = "id, event_id, type, title_ja, title_en, starts_at, ends_at, room, url, speakers, version, created_at, updated_at"

    func session(_ id: UUID, on db: PostgresConnection) async throws -> EventSession? {
        let rows = try await db.query("SELECT \(Self.sessionColumns) FROM event_sessions WHERE id = \(id)")
        return try rows.first.map(Self.session)
    }

    /// Sessions in programme order, all of them: creation stops at `Limit.sessionsPerEvent`, so the
    /// list is whole without paging.
    func sessions(of eventID: UUID, on db: PostgresConnection) async throws -> [EventSession] {
        let rows = try await db.query("""
            SELECT \(Self.sessionColumns) FROM event_sessions WHERE event_id = \(eventID) ORDER BY starts_at, id
            """)
        return try rows.map(Self.session)
    }

    func sessionCount(of eventID: UUID, on db: PostgresConnection) async throws -> Int {
        try await db.query("SELECT count(*)::int AS n FROM event_sessions WHERE event_id = \(eventID)")[0].decode("n")
    }

    func insertSession(_ draft: EventSessionDraft, eventID: UUID, on db: PostgresConnection) async throws -> EventSession {
        let rows = try await db.query("""
            INSERT INTO event_sessions (event_id, type, title_ja, title_en, starts_at, ends_at, room, url, speakers)
            VALUES (\(eventID), \(draft.type.rawValue), \(draft.titleJa), \(draft.titleEn), \(draft.startsAt), \(draft.endsAt),
                \(draft.room), \(draft.url), \(draft.speakers ?? []))
            RETURNING \(Self.sessionColumns)
            """)
        return try Self.session(rows[0])
    }

    func updateSession(_ id: UUID, version: Int, to draft: EventSessionDraft, on db: PostgresConnection) async throws -> EventSession? {
        let rows = try await db.query("""
            UPDATE event_sessions SET type = \(draft.type.rawValue), title_ja = \(draft.titleJa), title_en = \(draft.titleEn),
                starts_at = \(draft.startsAt), ends_at = \(draft.endsAt), room = \(draft.room), url = \(draft.url),
                speakers = \(draft.speakers ?? []), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.sessionColumns)
            """)
        return try rows.first.map(Self.session)
    }

    static func session(_ row: PostgresRow) throws -> EventSession {
        let type: String = try row.decode("type")
        return EventSession(
            id: try row.decode("id"), eventId: try row.decode("event_id"),
            type: try known(SessionType(rawValue: type), type), titleJa: try row.decode("title_ja"), titleEn: try row.decode("title_en"),
            startsAt: try row.decode("starts_at"), endsAt: try row.decode("ends_at"), room: try row.decode("room"),
            url: try row.decode("url"), speakers: try row.decode("speakers"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
