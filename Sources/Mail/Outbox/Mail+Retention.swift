public import FoundationEssentials
public import Postgres

/// The outbox forgets whom it wrote to (ops35, migration 0133; docs/operations.md "Mail relay"): a finished message keeps
/// its recipient, subject, bodies, images and the relay's replies for `retention`, then the nightly accounts.prune
/// clears them (`clearFinished`); a participant's erasure clears their messages at once (`clear(references:)`). The kind,
/// reference, state, attempts, dates and dealt-with mark stay, so the mail log still counts and lists the message.
/// Why a message's personal data was cleared (the mail log says which).
public enum MailClearing: String, Sendable, Codable {
    /// `Mail.retention` after the message finished.
    case retention
    /// The person it was written to was erased.
    case erasure
}

extension Mail {
    /// How long a finished message keeps whom it went to and what it said: 90 days. The mail log is an operations tool
    /// to see what was sent and what bounced recently; a month of holidays and a quarter's follow-up fit in it, and
    /// what a participant or an applicant needs for longer lives in their own records, not in the mail sent to them.
    public static let retention: TimeInterval = 90 * 86_400
    /// The most messages one statement clears: the nightly step repeats it, each batch its own short transaction.
    public static let clearBatch = 1_000

    /// Clears the messages that finished (sent, bounced, failed) `retention` or longer before `now` (the programme clock,
    /// which stamped `finished_at`), `batch` at a time, each batch one statement that commits on its own so locks stay
    /// short; returns how many. A pending message is never touched.
    @discardableResult
    public static func clearFinished(now: Date, batch: Int = clearBatch, pool: PostgresPool) async throws -> Int {
        let finishedBefore = now.addingTimeInterval(-retention)
        var total = 0
        while true {
            let cleared = try await pool.withConnection { db in
                try await clear("""
                    SELECT id FROM mail_outbox WHERE cleared_at IS NULL AND state <> 'pending' AND finished_at <= \(finishedBefore)
                    ORDER BY finished_at LIMIT \(batch) FOR UPDATE SKIP LOCKED
                    """, because: .retention, now: now, on: db)
            }
            total += cleared
            if cleared < batch { return total }
        }
    }

    /// Clears every message about `references` (the registrations of an erased participant), in the caller's transaction.
    /// A message still being delivered is not sent any more: it ends as failed, cleared, so nothing is mailed to a person
    /// Domino no longer knows. Returns how many.
    @discardableResult
    public static func clear(references: [String], now: Date, on db: PostgresConnection) async throws -> Int {
        guard !references.isEmpty else { return 0 }
        return try await clear("""
            SELECT id FROM mail_outbox WHERE cleared_at IS NULL AND reference = ANY(\(references)) FOR UPDATE
            """, because: .erasure, now: now, on: db)
    }

    /// Clears the messages `selection` (a SELECT of mail_outbox ids) names, and the relay's replies to them, in one statement.
    private static func clear(_ selection: PostgresQuery, because reason: MailClearing, now: Date, on db: PostgresConnection) async throws -> Int {
        var query: PostgresQuery = """
            WITH chosen AS (
            """
        query.append(selection)
        query.append("""
            ), cleared AS (
                UPDATE mail_outbox SET recipient = NULL, subject = NULL, text_body = NULL, html_body = NULL, images = '[]',
                    last_reply = NULL, dealt_with_note = NULL, cleared_at = \(now), cleared_because = \(reason.rawValue),
                    state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END, finished_at = coalesce(finished_at, \(now))
                WHERE id IN (SELECT id FROM chosen)
                RETURNING id
            ), replies AS (
                -- A relay's reply often repeats the address (550 <ana@example.com>: no such user).
                UPDATE mail_delivery_attempts SET reply = '' WHERE outbox_id IN (SELECT id FROM cleared) AND reply <> ''
            )
            SELECT count(*)::int AS cleared FROM cleared
            """)
        return try await db.query(query)[0].decode("cleared")
    }
}
