public import FoundationEssentials
public import Postgres

/// One line of the audit log: who did what to which record, and the fields it changed.
public struct AuditEntry: Sendable, Equatable, Codable {
    public let id: Int64
    public let at: Date
    /// nil when the system acted (the CLI bootstrap).
    public let actorUserID: UUID?
    public let action: String
    public let entity: String
    public let entityID: String
    /// Changed field names and their new values (nil for a cleared field). Never passwords or tokens.
    public let changes: [String: String?]
    /// For an update written by a row trigger: each changed field's value before it, rendered like
    /// `changes` (issue 17, item 13). Empty for inserts, deletes and explicit entries.
    public let previous: [String: String?]
    public let requestID: String?

    enum CodingKeys: String, CodingKey {
        case id, at, action, entity, changes, previous
        case actorUserID = "actorUserId"
        case entityID = "entityId"
        case requestID = "requestId"
    }

    public init(row: PostgresRow) throws {
        id = try row.decode("id")
        at = try row.decode("at")
        actorUserID = try row.decode("actor_user_id")
        action = try row.decode("action")
        entity = try row.decode("entity")
        entityID = try row.decode("entity_id")
        changes = try row.decode("changes", as: JSONB<[String: String?]>.self).value
        previous = try row.decode("previous", as: JSONB<[String: String?]>.self).value
        requestID = try row.decode("request_id")
    }
}

/// Filters of the audit log; nil means "any". `from` is inclusive, `to` exclusive.
public struct AuditFilter: Sendable, Equatable {
    public var actorUserID: UUID?
    public var entity: String?
    public var entityID: String?
    public var action: String?
    public var from: Date?
    public var to: Date?

    public init(actorUserID: UUID? = nil, entity: String? = nil, entityID: String? = nil, action: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.actorUserID = actorUserID
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.from = from
        self.to = to
    }
}
