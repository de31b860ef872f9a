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
    public let recipient: String
    public let subject: String
    public let reference: String?
    public let state: MailState
    public let attempts: Int
    public let lastReply: String?
    public let createdAt: Date
    public let finishedAt: Date?
    public let log: [MailAttempt]
}

/// The admin view of the outbox and its log: `GET /v1/mail/deliveries`, newest first, paged by id.
public struct MailDeliveryLog: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func deliveries(state: MailState?, reference: String?, limit: Int, cursor: String?, by principal: Principal) async throws -> Page<MailDeliveryRecord> {
        // Recipients are personal data: administrators only; anyone else sees no such collection.
        guard principal.role == .admin else { throw Problem.notFound("No mail deliveries here.") }
        var query: PostgresQuery = """
            SELECT o.id, o.kind, o.recipient, o.subject, o.reference, o.state, o.attempts, o.last_reply, o.created_at, o.finished_at,
                   (SELECT coalesce(json_agg(json_build_object(
                        'attempt', a.attempt, 'outcome', a.outcome, 'replyCode', a.reply_code, 'reply', a.reply,
                        'attemptedAt', to_char(a.attempted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY a.id), '[]')::text
                    FROM mail_delivery_attempts a WHERE a.outbox_id = o.id) AS log
            FROM mail_outbox o WHERE true
            """
        if let state { query.append(" AND o.state = \(state.rawValue)") }
        if let reference { query.append(" AND o.reference = \(reference)") }
        if let cursor { query.append(" AND o.id < \(try SequenceCursor.decode(cursor))") }
        query.append(" ORDER BY o.id DESC LIMIT \(limit + 1)")
        let rows = try await pool.query(query).map { row in
            guard let kind = MailKind(rawValue: try row.decode("kind")), let state = MailState(rawValue: try row.decode("state")) else {
                throw MailError.corruptRow("kind or state")
            }
            return MailDeliveryRecord(
                id: try row.decode("id"), kind: kind, recipient: try row.decode("recipient"), subject: try row.decode("subject"),
                reference: try row.decode("reference"), state: state, attempts: try row.decode("attempts", as: Int.self),
                lastReply: try row.decode("last_reply"), createdAt: try row.decode("created_at"), finishedAt: try row.decode("finished_at"),
                log: try JSONDecoder().decode([MailAttempt].self, from: Data(try row.decode("log", as: String.self).utf8)))
        }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextCursor: rows.count > limit ? items.last.map { SequenceCursor.encode($0.id) } : nil)
    }
}
