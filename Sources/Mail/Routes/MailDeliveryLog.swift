public import DomainKit
public import FoundationEssentials
public import Postgres

/// Where a message is in its delivery (docs/operations.md, "Mail relay").
public enum MailState: String, Sendable, Codable, CaseIterable {
    case pending, sent, bounced, failed
}

/// One conversation with the relay, as the delivery log keeps it.
public struct MailAttempt: Sendable, Equatable, Codable {
    public let attempt: Int
    public let outcome: String
    public let replyCode: Int?
    public let reply: String
    /// RFC 3339 in UTC.
    public let attemptedAt: String
}

/// One outbox message with its delivery log, for administrators: who it went to and what the relay said.
public struct MailDeliveryRecord: Sendable, Equatable, Encodable {
    public let id: Int64
    public let kind: MailKind
    /// nil once cleared (`cleared`), like the subject.
    public let recipient: String?
    public let subject: String?
    public let reference: String?
    public let state: MailState
    public let attempts: Int
    public let lastReply: String?
    public let createdAt: Date
    public let finishedAt: Date?
    public let log: [MailAttempt]
    /// Set once an administrator has dealt with an undelivered (bounced or failed) message; nil otherwise.
    public let dealtWith: MailDealtWith?
    /// Set once the recipient, subject, bodies and the relay's replies were cleared (`Mail.retention` after the message
    /// finished, or the person's erasure); nil otherwise.
    public let cleared: MailCleared?
}

/// When (the programme clock) and why a message's personal data was cleared (migration 0133).
public struct MailCleared: Sendable, Equatable, Encodable {
    public let at: Date
    public let because: MailClearing
}

/// Who marked an undelivered message as dealt with, when (the programme clock), and what they noted.
public struct MailDealtWith: Sendable, Equatable, Encodable {
    public let at: Date
    public let by: UUID
    /// Their name as Accounts has it now (`account_names`); nil when Accounts no longer has the user.
    public let byName: String?
    public let note: String?
}

/// The admin view of the outbox and its log: `GET /v1/mail/deliveries`, newest first, paged by id; and the mark an
/// administrator puts on undelivered mail they have dealt with (`MailDeliveryLog+DealtWith.swift`).
public struct MailDeliveryLog: Sendable {
    let pool: PostgresPool
    let clock: ProgrammeClock

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
    }

    /// `dealtWith`: true lists only messages marked as dealt with, false only those not marked (every pending or sent
    /// message, and the undelivered ones nobody has dealt with yet), nil both.
    public func deliveries(
        state: MailState?, reference: String?, dealtWith: Bool? = nil, limit: Int, cursor: String?, by principal: Principal
    ) async throws -> Page<MailDeliveryRecord> {
        try Self.requireAdmin(principal)
        var filter: PostgresQuery = ""
        if let state { filter.append(" AND o.state = \(state.rawValue)") }
        if let reference { filter.append(" AND o.reference = \(reference)") }
        if let dealtWith { filter.append(dealtWith ? " AND o.dealt_with_at IS NOT NULL" : " AND o.dealt_with_at IS NULL") }
        if let cursor { filter.append(" AND o.id < \(try SequenceCursor.decode(cursor))") }
        filter.append(" ORDER BY o.id DESC LIMIT \(limit + 1)")
        let rows = try await pool.withConnection { try await Self.records(filter, on: $0) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextCursor: rows.count > limit ? items.last.map { SequenceCursor.encode($0.id) } : nil)
    }

    /// One message with its log; a 404 when there is none.
    public func delivery(_ id: Int64, by principal: Principal) async throws -> MailDeliveryRecord {
        try Self.requireAdmin(principal)
        guard let record = try await pool.withConnection({ try await Self.records(" AND o.id = \(id)", on: $0) }).first else {
            throw MailError.notFound(id)
        }
        return record
    }

    static func requireAdmin(_ principal: Principal) throws(Problem) {
        // Recipients are personal data: administrators only; anyone else sees no such collection.
        guard principal.role == .admin else { throw Problem.notFound("No mail deliveries here.") }
    }

    /// The messages `filter` (conditions on `o`, mail_outbox, each starting with AND, then the order) selects, with their logs.
    static func records(_ filter: PostgresQuery, on db: PostgresConnection) async throws -> [MailDeliveryRecord] {
        var query: PostgresQuery = """
            SELECT o.id, o.kind, o.recipient, o.subject, o.reference, o.state, o.attempts, o.last_reply, o.created_at, o.finished_at,
                   o.dealt_with_at, o.dealt_with_by, o.dealt_with_note, marker.display_name AS dealt_with_by_name,
                   o.cleared_at, o.cleared_because,
                   (SELECT coalesce(json_agg(json_build_object(
                        'attempt', a.attempt, 'outcome', a.outcome, 'replyCode', a.reply_code, 'reply', a.reply,
                        'attemptedAt', to_char(a.attempted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY a.id), '[]')::text
                    FROM mail_delivery_attempts a WHERE a.outbox_id = o.id) AS log
            FROM mail_outbox o
            -- The markers' names in the same statement, through the function Accounts publishes.
            LEFT JOIN LATERAL account_names(ARRAY[o.dealt_with_by]) marker ON true
            WHERE true
            """
        query.append(filter)
        return try await db.query(query).map { row in
            guard let kind = MailKind(rawValue: try row.decode("kind")), let state = MailState(rawValue: try row.decode("state")) else {
                throw MailError.corruptRow("kind or state")
            }
            let dealtWithAt: Date? = try row.decode("dealt_with_at")
            let dealtWithBy: UUID? = try row.decode("dealt_with_by")
            let clearedAt: Date? = try row.decode("cleared_at")
            let clearedBecause: String? = try row.decode("cleared_because")
            return MailDeliveryRecord(
                id: try row.decode("id"), kind: kind, recipient: try row.decode("recipient"), subject: try row.decode("subject"),
                reference: try row.decode("reference"), state: state, attempts: try row.decode("attempts", as: Int.self),
                lastReply: try row.decode("last_reply"), createdAt: try row.decode("created_at"), finishedAt: try row.decode("finished_at"),
                log: try JSONDecoder().decode([MailAttempt].self, from: Data(try row.decode("log", as: String.self).utf8)),
                dealtWith: try zip(dealtWithAt, dealtWithBy).map {
                    MailDealtWith(at: $0, by: $1, byName: try row.decode("dealt_with_by_name"), note: try row.decode("dealt_with_note"))
                },
                cleared: try zip(clearedAt, clearedBecause).map {
                    guard let because = MailClearing(rawValue: $1) else { throw MailError.corruptRow("cleared_because") }
                    return MailCleared(at: $0, because: because)
                })
        }
    }
}

/// Both values, or nil when either is missing (the schema sets the two together).
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
