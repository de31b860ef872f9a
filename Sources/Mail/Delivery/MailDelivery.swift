import FoundationEssentials
public import DomainKit
public import Jobs
import Postgres

/// The job that delivers one outbox message: `mail.deliver` with `{"messageID": uuid}`.
///
/// Outcomes (RFC 5321 §4.2.1): 250 after DATA marks the message sent; a 5yz reply marks it bounced and
/// ends the job (no retry can change a permanent refusal); a 4yz reply or a broken conversation is
/// logged as deferred and fails the attempt, so the queue retries with its backoff, until the last
/// attempt marks the message failed. Every conversation is one row of the delivery log.
///
/// Never twice: a message is only sent while its row is `pending`, and the mark `sent` commits in one
/// statement guarded by that state. The one window left is a crash between the relay's 250 and that
/// commit: the job's lease then expires, the rescuer returns it, and the message is sent again. Domino
/// accepts that (a lost confirmation with a door code is worse than a duplicate) and makes the copy
/// recognisable: the Message-ID and Date are fixed at enqueue, so the second copy is byte-for-byte the
/// first, and relays and mailboxes that drop duplicate Message-IDs drop it (docs/operations.md).
public enum MailDelivery {
    public static let kind = "mail.deliver"
    /// Fifteen attempts with the queue's default backoff (1 s doubling, capped at an hour) span about
    /// nine hours: a relay down overnight still delivers in the morning.
    static let maxAttempts = 15

    struct Payload: Codable {
        let messageID: UUID
    }

    /// Unique among waiting jobs, so a message enqueued twice waits in one job.
    static func job(for messageID: UUID) throws -> NewJob {
        try NewJob(kind: kind, payload: Payload(messageID: messageID), maxAttempts: maxAttempts,
                   uniqueKey: "mail.deliver:\(messageID.uuidString.lowercased())")
    }

    enum Outcome: String {
        case sent, deferred, bounced
    }

    /// `clock` stamps `finished_at` (the programme's clock, like every stamp: ARCHITECTURE.md, Time).
    public static func register(into handlers: inout JobHandlers, configuration: MailConfiguration, clock: ProgrammeClock) {
        handlers.register(kind) { context in
            let payload = try context.job.payload(as: Payload.self)
            guard let row = try await context.pool.query("""
                SELECT \(OutboxEntry.columns) FROM mail_outbox WHERE message_id = \(payload.messageID) AND state = 'pending'
                """).first else {
                return // Sent, bounced or given up already: nothing to send, ever again.
            }
            let entry = try OutboxEntry(row: row)
            let document = MIMEDocument(from: configuration.sender, fromName: configuration.senderName, domain: configuration.messageIDDomain)
            let rendered = try document.render(entry.message, date: entry.writtenAt)
            let outcome: Outcome
            let code: Int?
            let replyText: String
            var failure: SMTPFailure?
            do throws(SMTPFailure) {
                // Without a relay the message waits like one whose relay is down, logged the same way.
                guard let relay = configuration.relay else { throw .unreachable("no mail relay is configured (DOMINO_SMTP_HOST)") }
                let reply = try await SMTPClient(relay: relay).send(rendered, from: configuration.sender.address, to: entry.message.to.address)
                (outcome, code, replyText) = (.sent, reply.code, reply.description)
            } catch {
                failure = error
                if case .rejected(let reply) = error { code = reply.code } else { code = nil }
                (outcome, replyText) = (error.isPermanent ? .bounced : .deferred, error.description)
            }
            let lastAttempt = context.job.attempts >= context.job.maxAttempts
            let state = switch outcome {
            case .sent: "sent"
            case .bounced: "bounced"
            case .deferred: lastAttempt ? "failed" : "pending"
            }
            let reply = String(replyText.prefix(2000))
            let finishedAt: Date? = state == "pending" ? nil : clock.now()
            try await context.pool.transaction { db in
                let updated = try await db.query("""
                    UPDATE mail_outbox SET state = \(state), attempts = attempts + 1, last_reply = \(reply),
                        finished_at = \(finishedAt)
                    WHERE id = \(entry.id) AND state = 'pending' RETURNING attempts
                    """)
                guard let attempt = try updated.first?.decode("attempts", as: Int.self) else { return }
                try await db.execute("""
                    INSERT INTO mail_delivery_attempts (outbox_id, attempt, outcome, reply_code, reply)
                    VALUES (\(entry.id), \(attempt), \(outcome.rawValue), \(code), \(reply))
                    """)
                guard outcome != .deferred else { return }
                do {
                    try await context.complete(on: db)
                } catch is LeaseLost {
                    // The mark above still commits: whoever holds the job now finds the message done.
                }
            }
            if outcome == .deferred, let failure { throw failure }
        }
    }
}
