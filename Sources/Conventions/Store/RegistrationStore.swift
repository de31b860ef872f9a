import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of participants and registrations.
struct RegistrationStore {
    static let select: SQLFragment = """
        SELECT r.id, r.event_id, r.attendance, r.status, r.code, r.version, r.created_at, r.updated_at, \(participantColumns)
        FROM registrations r JOIN participants p ON p.id = r.participant_id
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> Registration? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE OF r" : ""
        let rows = try await db.query("\(Self.select) WHERE r.id = \(id) \(lock)")
        return try rows.first.map(Self.registration)
    }

    func find(code: String, eventID: UUID, on db: PostgresConnection) async throws -> Registration? {
        let rows = try await db.query(Self.find(code: code, eventID: eventID))
        return try rows.first.map(Self.registration)
    }

    static func find(code: String, eventID: UUID) -> PostgresQuery {
        "\(select) WHERE r.event_id = \(eventID) AND r.code = \(code)"
    }

    /// A person may hold several registrations for one event, at most one of them not cancelled
    /// (migration 0102): the one in force when there is one, else the latest cancelled.
    static let inForceFirst: SQLFragment = "ORDER BY r.status = 'cancelled', r.created_at DESC, r.id DESC LIMIT 1"

    func find(participantID: UUID, eventID: UUID, on db: PostgresConnection) async throws -> Registration? {
        let rows = try await db.query("\(Self.select) WHERE r.event_id = \(eventID) AND r.participant_id = \(participantID) \(Self.inForceFirst)")
        return try rows.first.map(Self.registration)
    }

    func find(email: String, eventID: UUID, on db: PostgresConnection) async throws -> Registration? {
        let rows = try await db.query("\(Self.select) WHERE r.event_id = \(eventID) AND lower(p.email) = lower(\(email)) \(Self.inForceFirst)")
        return try rows.first.map(Self.registration)
    }

    /// Registrations of an event in the order they came (the waitlist's order too), or in 五十音順 (`filter.order`).
    /// `consentingOnly` is the company users' view.
    func list(
        eventID: UUID, _ filter: RegistrationFilter, consentingOnly: Bool, page: PageRequest, on db: PostgresConnection
    ) async throws -> Page<Registration> {
        // The order entered keeps the cursors it always gave (no order named), so a page in hand stays valid.
        let page = filter.order == .reading ? try page.ordered(by: filter.order) : page
        let rows = try await db.query(Self.matching(eventID: eventID, filter, consentingOnly: consentingOnly, page: page))
        return Page(fetched: try rows.map(Self.registration), request: page, position: \.position)
    }

    /// How many registrations `list` pages through with this filter. One event's registrations are bounded
    /// (its seats, waitlist and cancellations, reached by `registrations_page`), so the console's "page N of
    /// M" costs one small count, never a scan of every event's (gaps12).
    func count(eventID: UUID, _ filter: RegistrationFilter, consentingOnly: Bool, on db: PostgresConnection) async throws -> Int {
        try await db.query(Self.matching(eventID: eventID, filter, consentingOnly: consentingOnly, page: nil))[0].decode("n")
    }

    /// The 五十音順 key of the person `p`: `reading_order` (migrations 0139, 0146) stored by PostgreSQL as the person is
    /// written (0151), in byte order as the directory's. A page sorts the event's keys, never computes them. The list
    /// reads two tables, so no index holds the order: one event's registrations are bounded, and that is one small sort.
    static let readingOrder: SQLFragment = #"p.reading_key COLLATE "C""#

    /// One statement for both: a page of the filtered registrations after the cursor, or (no page) their count.
    /// `LIMIT NULL` is no limit in PostgreSQL. In 五十音順 the cursor's id names the registration the last page ended on,
    /// whose person's key the next page starts after (a reading corrected between two pages moves that position with it).
    private static func matching(eventID: UUID, _ filter: RegistrationFilter, consentingOnly: Bool, page: PageRequest?) throws(Problem) -> PostgresQuery {
        let after = try page?.after
        let enteredAfter = filter.order == .entered ? after : nil
        let readingAfter = filter.order == .reading ? after?.id : nil
        let pattern = filter.text.map(likePattern)
        let code = filter.text.flatMap(RegistrationCode.normalised)
        let head: SQLFragment = page == nil ? "SELECT count(*)::int AS n FROM registrations r JOIN participants p ON p.id = r.participant_id" : select
        // The order's key from a closed enum.
        let order: SQLFragment = switch (page, filter.order) {
        case (nil, _): ""
        case (_, .entered): "ORDER BY r.created_at, r.id"
        case (_, .reading): "ORDER BY \(readingOrder), r.id"
        }
        return """
            \(head)
            WHERE r.event_id = \(eventID)
              AND (NOT \(consentingOnly) OR p.consent_share_contact)
              AND (\(pattern)::text IS NULL OR r.code = \(code)
                   OR kana_fold(search_form(concat_ws(' ', p.name_ja, p.name_en, p.name_reading, p.email, p.organisation)))
                      LIKE kana_fold(\(pattern)))
              AND (\(filter.status?.rawValue)::text IS NULL OR r.status = \(filter.status?.rawValue))
              AND (NOT \(filter.inForce) OR r.status <> 'cancelled')
              AND (\(filter.sector?.rawValue)::text IS NULL OR p.sector = \(filter.sector?.rawValue))
              AND (\(filter.role?.rawValue)::text IS NULL OR p.role = \(filter.role?.rawValue))
              AND (\(enteredAfter?.createdAt)::timestamptz IS NULL OR (r.created_at, r.id) > (\(enteredAfter?.createdAt), \(enteredAfter?.id)))
              AND (\(readingAfter)::uuid IS NULL OR (\(readingOrder), r.id) > (
                    (SELECT \(readingOrder) FROM registrations r JOIN participants p ON p.id = r.participant_id WHERE r.id = \(readingAfter)),
                    \(readingAfter)))
            \(order)
            LIMIT \(page?.fetchLimit)
            """
    }

    /// One person per email, case-insensitively: a second registration with the same address (for any
    /// event) updates the person with what they gave last, consent included.
    func upsertParticipant(_ draft: ParticipantDraft, on db: PostgresConnection) async throws -> UUID {
        let rows = try await db.query("""
            INSERT INTO participants (name_ja, name_en, name_reading, email, organisation, country, sector, role, university_id, campus_id, consent_share_contact,
                consent_keep_in_touch)
            VALUES (\(draft.nameJa), \(draft.nameEn), \(draft.storedReading), \(draft.email), \(draft.organisation), \(draft.country), \(draft.sector.rawValue),
                \(draft.role.rawValue), \(draft.universityId), \(draft.campusId), \(draft.consentToShareContact ?? false),
                \(draft.consentToStayInTouch ?? false))
            ON CONFLICT ((lower(email))) DO UPDATE SET name_ja = EXCLUDED.name_ja, name_en = EXCLUDED.name_en, name_reading = EXCLUDED.name_reading,
                organisation = EXCLUDED.organisation, country = EXCLUDED.country, sector = EXCLUDED.sector, role = EXCLUDED.role,
                university_id = EXCLUDED.university_id, campus_id = EXCLUDED.campus_id, consent_share_contact = EXCLUDED.consent_share_contact,
                consent_keep_in_touch = EXCLUDED.consent_keep_in_touch, version = participants.version + 1, updated_at = now()
            RETURNING id
            """)
        return try rows[0].decode("id")
    }

    /// One person (locked for the transaction when `forUpdate`) when `organizer` is nil (an admin) or organizes an event
    /// the person has a registration for (any status: the organizer has it on their list); otherwise nil.
    func participant(_ id: UUID, organizer: UUID?, forUpdate: Bool, on db: PostgresConnection) async throws -> Participant? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE OF p" : ""
        let rows = try await db.query("""
            SELECT \(Self.participantColumns) FROM participants p
            WHERE p.id = \(id) AND (\(organizer)::uuid IS NULL OR EXISTS (
                SELECT 1 FROM registrations r JOIN events e ON e.id = r.event_id
                WHERE r.participant_id = p.id AND \(organizer)::uuid = ANY(e.organizer_user_ids)))
            \(lock)
            """)
        return try rows.first.map(Self.participant)
    }

    /// The ids of a person's registrations still in force (a seat or the waitlist), oldest first: at most one per event.
    func inForce(participantID: UUID, on db: PostgresConnection) async throws -> [UUID] {
        try await db.query("""
            SELECT id FROM registrations WHERE participant_id = \(participantID) AND status IN ('registered', 'waitlisted') ORDER BY created_at, id
            """).map { try $0.decode("id") }
    }

    /// A person's details as `draft` gives them, when `version` is current (the caller holds the row's lock).
    func updateParticipant(_ id: UUID, version: Int, to draft: ParticipantDraft, at now: Date, on db: PostgresConnection) async throws -> Participant? {
        let rows = try await db.query("""
            UPDATE participants p SET name_ja = \(draft.nameJa), name_en = \(draft.nameEn), name_reading = \(draft.storedReading), email = \(draft.email),
                organisation = \(draft.organisation), country = \(draft.country), sector = \(draft.sector.rawValue), role = \(draft.role.rawValue),
                university_id = \(draft.universityId), campus_id = \(draft.campusId), consent_share_contact = \(draft.consentToShareContact ?? false),
                consent_keep_in_touch = \(draft.consentToStayInTouch ?? false), version = p.version + 1, updated_at = \(now)
            WHERE p.id = \(id) AND p.version = \(version) AND p.erased_at IS NULL
            RETURNING \(Self.participantColumns)
            """)
        return try rows.first.map(Self.participant)
    }

    /// The id of the person with this address, recorded from `draft` only when nobody has the address
    /// yet; a known person is left exactly as they are (the public form's rule).
    func insertParticipantUnlessKnown(_ draft: ParticipantDraft, on db: PostgresConnection) async throws -> UUID {
        let rows = try await db.query("""
            WITH inserted AS (
                INSERT INTO participants (name_ja, name_en, name_reading, email, organisation, country, sector, role, university_id, campus_id, consent_share_contact,
                    consent_keep_in_touch)
                VALUES (\(draft.nameJa), \(draft.nameEn), \(draft.storedReading), \(draft.email), \(draft.organisation), \(draft.country), \(draft.sector.rawValue),
                    \(draft.role.rawValue), \(draft.universityId), \(draft.campusId), \(draft.consentToShareContact ?? false),
                    \(draft.consentToStayInTouch ?? false))
                ON CONFLICT ((lower(email))) DO NOTHING
                RETURNING id)
            SELECT id FROM inserted UNION ALL SELECT id FROM participants WHERE lower(email) = lower(\(draft.email))
            LIMIT 1
            """)
        if let row = rows.first { return try row.decode("id") }
        // Another transaction (a registration for another event) inserted the address after this
        // statement's snapshot was taken: the INSERT waited for it and did nothing, and the SELECT,
        // reading that snapshot, saw nobody (READ COMMITTED). A new statement sees the committed person.
        let committed = try await db.query("SELECT id FROM participants WHERE lower(email) = lower(\(draft.email))")
        return try committed[0].decode("id")
    }

    /// Seats held in one way of attending. Called with the event row locked, so it stays true until commit.
    func seatsTaken(eventID: UUID, attendance: AttendanceMode, on db: PostgresConnection) async throws -> Int {
        let rows = try await db.query("""
            SELECT count(*) AS taken FROM registrations
            WHERE event_id = \(eventID) AND attendance = \(attendance.rawValue) AND status IN ('registered', 'attended', 'no_show')
            """)
        return try rows[0].decode("taken")
    }

    /// Inserts with the given code and answers the registration as `find` reads it, in the same round trip (the import
    /// writes thousands); nil when the event already has that code (the caller draws another).
    /// `clock_timestamp()` rather than the transaction's `now()`, so rows of one import keep file order.
    func insert(
        eventID: UUID, participantID: UUID, attendance: AttendanceMode, status: RegistrationStatus, code: String, on db: PostgresConnection
    ) async throws -> Registration? {
        let rows = try await db.query("""
            WITH r AS (
                INSERT INTO registrations (event_id, participant_id, attendance, status, code, created_at, updated_at)
                VALUES (\(eventID), \(participantID), \(attendance.rawValue), \(status.rawValue), \(code), clock_timestamp(), clock_timestamp())
                ON CONFLICT (event_id, code) DO NOTHING
                RETURNING *)
            SELECT r.id, r.event_id, r.attendance, r.status, r.code, r.version, r.created_at, r.updated_at, \(Self.participantColumns)
            FROM r JOIN participants p ON p.id = r.participant_id
            """)
        return try rows.first.map(Self.registration)
    }

    func setStatus(_ id: UUID, to status: RegistrationStatus, on db: PostgresConnection) async throws {
        try await db.execute("""
            UPDATE registrations SET status = \(status.rawValue), version = version + 1, updated_at = now() WHERE id = \(id)
            """)
    }

    /// Marks a registration attended, in the check-in's own statement (`CheckInStore.insert`).
    /// Conditional, so the second of two scans at the same moment changes nothing.
    static func markAttended(_ id: UUID) -> PostgresQuery {
        """
        UPDATE registrations SET status = 'attended', version = version + 1, updated_at = now()
        WHERE id = \(id) AND status IN ('registered', 'no_show')
        """
    }

    /// `markAttended` undone once a registration has no check-in left (a mistaken one was removed).
    static func unmarkAttended(_ id: UUID) -> PostgresQuery {
        """
        UPDATE registrations SET status = 'registered', version = version + 1, updated_at = now()
        WHERE id = \(id) AND status = 'attended' AND NOT EXISTS (SELECT 1 FROM check_ins WHERE registration_id = \(id))
        """
    }

    func markNoShows(eventID: UUID, on db: PostgresConnection) async throws -> Int {
        try await db.execute("""
            UPDATE registrations SET status = 'no_show', version = version + 1, updated_at = now()
            WHERE event_id = \(eventID) AND status = 'registered'
            """)
    }

    /// Moves the first `seats` waitlisted people of one way of attending up, in the order they registered.
    func promote(eventID: UUID, attendance: AttendanceMode, seats: Int, on db: PostgresConnection) async throws -> [UUID] {
        guard seats > 0 else { return [] }
        let rows = try await db.query("""
            UPDATE registrations SET status = 'registered', version = version + 1, updated_at = now()
            WHERE id IN (SELECT id FROM registrations
                         WHERE event_id = \(eventID) AND attendance = \(attendance.rawValue) AND status = 'waitlisted'
                         ORDER BY created_at, id LIMIT \(seats))
            RETURNING id
            """)
        return try rows.map { try $0.decode("id") }
    }

    /// The participant's columns under the names `participant(_:)` reads (`p` is the participants alias).
    static let participantColumns: SQLFragment = """
        p.id AS p_id, p.name_ja, p.name_en, p.name_reading, p.email, p.organisation, p.country, p.sector, p.role, p.university_id, p.campus_id,
        p.consent_share_contact, p.consent_keep_in_touch, p.erased_at, p.version AS p_version, p.created_at AS p_created_at,
        p.updated_at AS p_updated_at
        """

    static func participant(_ row: PostgresRow) throws -> Participant {
        let sector: String = try row.decode("sector")
        let role: String = try row.decode("role")
        return Participant(
            id: try row.decode("p_id"), nameJa: try row.decode("name_ja"), nameEn: try row.decode("name_en"),
            nameReading: try row.decode("name_reading"), email: try row.decode("email"), organisation: try row.decode("organisation"), country: try row.decode("country"),
            sector: try known(Sector(rawValue: sector), sector), role: try known(ParticipantRole(rawValue: role), role),
            universityId: try row.decode("university_id"), campusId: try row.decode("campus_id"), consentToShareContact: try row.decode("consent_share_contact"),
            consentToStayInTouch: try row.decode("consent_keep_in_touch"),
            erasedAt: try row.decode("erased_at"), version: try row.decode("p_version"), createdAt: try row.decode("p_created_at"),
            updatedAt: try row.decode("p_updated_at"))
    }

    static func registration(_ row: PostgresRow) throws -> Registration {
        let attendance: String = try row.decode("attendance")
        let status: String = try row.decode("status")
        return Registration(
            id: try row.decode("id"), eventId: try row.decode("event_id"), participant: try participant(row),
            attendance: try known(AttendanceMode(rawValue: attendance), attendance), status: try known(RegistrationStatus(rawValue: status), status),
            code: try row.decode("code"), version: try row.decode("version"), createdAt: try row.decode("created_at"),
            updatedAt: try row.decode("updated_at"))
    }
}
