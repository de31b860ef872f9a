import DomainKit
import FoundationEssentials
import Mail
import Postgres

/// The SQL of meeting requests and of erasure.
struct MeetingRequestStore {
    static let columns: SQLFragment = """
        id, event_id, participant_id, company_id, message, status, decided_at, business_match_id, version, created_at, updated_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> MeetingRequest? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM meeting_requests WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.request)
    }

    /// A company user's view passes its company; others see every request of the event.
    func list(eventID: UUID, companyID: UUID?, page: PageRequest, on db: PostgresConnection) async throws -> Page<MeetingRequest> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM meeting_requests
            WHERE event_id = \(eventID) AND (\(companyID)::uuid IS NULL OR company_id = \(companyID))
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.request), request: page, position: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    /// nil when the participant already asked this company at this event.
    func insert(_ draft: MeetingRequestDraft, eventID: UUID, on db: PostgresConnection) async throws -> MeetingRequest? {
        let rows = try await db.query("""
            INSERT INTO meeting_requests (event_id, participant_id, company_id, message)
            VALUES (\(eventID), \(draft.participantId), \(draft.companyId), \(draft.message))
            ON CONFLICT (event_id, participant_id, company_id) DO NOTHING
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.request)
    }

    func decide(_ id: UUID, _ status: MeetingRequestStatus, by actor: UUID, on db: PostgresConnection) async throws -> MeetingRequest {
        let rows = try await db.query("""
            UPDATE meeting_requests SET status = \(status.rawValue), decided_at = now(), decided_by = \(actor),
                version = version + 1, updated_at = now()
            WHERE id = \(id)
            RETURNING \(Self.columns)
            """)
        return try Self.request(rows[0])
    }

    func linkBusinessMatch(_ matchID: UUID, to id: UUID, on db: PostgresConnection) async throws -> MeetingRequest {
        let rows = try await db.query("""
            UPDATE meeting_requests SET business_match_id = \(matchID) WHERE id = \(id) RETURNING \(Self.columns)
            """)
        return try Self.request(rows[0])
    }

    /// Erasure (APPI) and anonymisation at the end of retention: the personal columns go; sector, role,
    /// country and university stay, so counts of past attendance do not change. The row-trigger audit
    /// entries of this participant held the same personal values, so those keys are removed from them
    /// too, and so are the messages of their meeting requests; the entries themselves (who changed what,
    /// when) remain. The mail written to them (every message names its registration) forgets them too
    /// (`Mail.clear(references:)`, ops35). Returns false when the participant does not exist.
    func erase(participant id: UUID, reason: String, actor: UUID?, at: Date, on db: PostgresConnection) async throws -> Bool {
        let erased = try await db.execute("""
            UPDATE participants SET name_ja = NULL, name_en = NULL, name_reading = NULL, email = NULL, organisation = NULL, consent_share_contact = false,
                consent_keep_in_touch = false, erased_at = coalesce(erased_at, \(at)), version = version + 1, updated_at = \(at)
            WHERE id = \(id)
            """)
        guard erased == 1 else { return false }
        // Records merged into this person (docs/conventions.md, "Duplicates and merge") held their other spellings.
        let merged = try await db.query("SELECT id FROM participants WHERE merged_into = \(id)")
        for person in [id] + (try merged.map { try $0.decode("id", as: UUID.self) }) {
            try await AuditLog.redact(
                entity: "participants", entityID: person.uuidString.lowercased(), keys: ["name_ja", "name_en", "name_reading", "email", "organisation"],
                reason: reason, actor: actor, requestID: AuditContext.requestID, at: at, on: db)
        }
        let requests = try await db.query("""
            UPDATE meeting_requests SET message = NULL WHERE participant_id = \(id) AND message IS NOT NULL RETURNING id
            """)
        for request in requests {
            let requestID: UUID = try request.decode("id")
            try await AuditLog.redact(
                entity: "meeting_requests", entityID: requestID.uuidString.lowercased(), keys: ["message"],
                reason: reason, actor: actor, requestID: AuditContext.requestID, at: at, on: db)
        }
        // Their registrations, merged ones included (a merge moves them to the person kept).
        let registrations = try await db.query("SELECT id FROM registrations WHERE participant_id = \(id)")
        try await Mail.clear(references: try registrations.map { try $0.decode("id", as: UUID.self).uuidString.lowercased() }, now: at, on: db)
        return true
    }

    static func request(_ row: PostgresRow) throws -> MeetingRequest {
        let status: String = try row.decode("status")
        return MeetingRequest(
            id: try row.decode("id"), eventId: try row.decode("event_id"), participantId: try row.decode("participant_id"),
            companyId: try row.decode("company_id"), message: try row.decode("message"),
            status: try known(MeetingRequestStatus(rawValue: status), status), decidedAt: try row.decode("decided_at"),
            businessMatchId: try row.decode("business_match_id"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
