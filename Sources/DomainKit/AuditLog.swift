public import FoundationEssentials
public import Postgres

/// Who did what. Every mutation records its entry on the connection of its own transaction, so the
/// entry commits or rolls back with the change it describes.
public enum AuditLog {
    /// `changes` holds field names and new values. Never pass a password, a token or a digest.
    /// `at` defaults to the transaction's start time (`now()`); services with an injected clock pass theirs.
    public static func record(
        on connection: PostgresConnection, actor: UUID?, action: String, entity: String, entityID: String,
        changes: [String: String?] = [:], requestID: String?, at: Date? = nil
    ) async throws {
        try await connection.execute("""
            INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, changes, request_id)
            VALUES (coalesce(\(at), now()), \(actor), \(action), \(entity), \(entityID), \(JSONB(changes)), \(requestID))
            """)
    }

    /// Removes personal data from the audit trail (APPI erasure, retention anonymisation): `keys` leave
    /// the `changes` of every entry about the record, and one new entry says that this happened, which
    /// keys and why, never the values. The only code that edits `audit_log` (issue 17, item 14); every
    /// module that erases calls it in the transaction of its erasure. Returns how many entries changed.
    @discardableResult
    public static func redact(
        entity: String, entityID: String, keys: [String], reason: String, actor: UUID?, requestID: String?, at: Date? = nil,
        on connection: PostgresConnection
    ) async throws -> Int {
        let changed = try await connection.execute("""
            UPDATE audit_log SET changes = changes - \(keys)::text[], previous = previous - \(keys)::text[]
            WHERE entity = \(entity) AND entity_id = \(entityID) AND (changes ?| \(keys)::text[] OR previous ?| \(keys)::text[])
            """)
        try await record(on: connection, actor: actor, action: "redact", entity: entity, entityID: entityID,
                         changes: ["keys": keys.joined(separator: ","), "reason": reason, "entries": String(changed)],
                         requestID: requestID, at: at)
        return changed
    }

    /// The columns `AuditEntry(row:)` reads; `previous` rendered like `changes` (migration 0036).
    public static let entryColumns: SQLFragment = """
        id, at, actor_user_id, action, entity, entity_id, changes, request_id,
        (SELECT coalesce(jsonb_object_agg(key, audit_text(value)), '{}') FROM jsonb_each(previous)) AS previous
        """

    /// Newest first. The cursor is the last id seen; ids only grow, so new entries never shift a page.
    public static func list(
        in pool: PostgresPool, filter: AuditFilter = AuditFilter(), cursor: String? = nil, limit: Int? = nil
    ) async throws -> Page<AuditEntry> {
        let limit = try PageRequest.parse(limit: limit, cursor: nil).limit
        var query: PostgresQuery = """
            SELECT \(entryColumns) FROM audit_log WHERE true
            """
        if let cursor { query.append(" AND id < \(try SequenceCursor.decode(cursor))") }
        if let actor = filter.actorUserID { query.append(" AND actor_user_id = \(actor)") }
        if let entity = filter.entity { query.append(" AND entity = \(entity)") }
        if let entityID = filter.entityID { query.append(" AND entity_id = \(entityID)") }
        if let action = filter.action { query.append(" AND action = \(action)") }
        if let from = filter.from { query.append(" AND at >= \(from)") }
        if let to = filter.to { query.append(" AND at < \(to)") }
        query.append(" ORDER BY id DESC LIMIT \(limit + 1)")
        let rows = try await pool.query(query)
        let entries = try rows.prefix(limit).map { try AuditEntry(row: $0) }
        let next = rows.count > limit ? entries.last.map { SequenceCursor.encode($0.id) } : nil
        return Page(items: entries, nextCursor: next)
    }
}

