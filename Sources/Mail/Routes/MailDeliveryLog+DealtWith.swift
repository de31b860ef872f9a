public import DomainKit
import FoundationEssentials
import Postgres

/// Undelivered mail marked as dealt with (mail33; docs/operations.md, "Mail relay"): an administrator who has done what
/// a bounce or a failed delivery asks marks the message, with who, when (the programme clock) and an optional note. The
/// administrator's home counts only undelivered mail nobody has marked.
extension MailDeliveryLog {
    /// The most messages one request marks: a page of the log, as the API lists it.
    public static let markLimit = PageRequest.limits.upperBound
    /// The longest note, in characters (migration 0126 repeats it).
    public static let noteLimit = 500

    /// Marks every message of `ids` as dealt with, or none: one UPDATE whose WHERE names what may be marked (bounced or
    /// failed, not marked yet, not cleared at its person's erasure: `MailDeliveryRecord.mayBeDealtWith`), in a transaction that is rolled back when it changed fewer rows than asked, so a message
    /// that moved on (marked by someone else since the page was shown) refuses the whole request, naming why.
    public func markDealtWith(_ ids: [Int64], note: String?, by principal: Principal) async throws -> [MailDeliveryRecord] {
        try Self.requireAdmin(principal)
        let ids = Array(Set(ids)).sorted()
        let note = note?.trimmed.isEmpty == false ? note?.trimmed : nil
        var validation = Validation()
        validation.check(!ids.isEmpty, "ids", "must name at least one message")
        validation.check(ids.count <= Self.markLimit, "ids", "must name at most \(Self.markLimit) messages")
        validation.check((note?.count ?? 0) <= Self.noteLimit, "note", "must be at most \(Self.noteLimit) characters")
        if !validation.errors.isEmpty { throw MailError.invalid(validation.errors) }
        let now = clock.now()
        do {
            return try await pool.transaction { db in
                let marked = try await db.query("""
                    UPDATE mail_outbox SET dealt_with_at = \(now), dealt_with_by = \(principal.userID), dealt_with_note = \(note)
                    WHERE id = ANY(\(ids)) AND state IN ('bounced', 'failed') AND dealt_with_at IS NULL
                      AND cleared_because IS DISTINCT FROM 'erasure'
                    RETURNING id
                    """)
                guard marked.count == ids.count else { throw NotAllMarkable() }
                return try await Self.records(" AND o.id = ANY(\(ids)) ORDER BY o.id DESC", on: db)
            }
        } catch is NotAllMarkable {
            // Rolled back: read the rows as others left them (inside the transaction they would show its own marks).
            let found = try await pool.withConnection { try await Self.records(" AND o.id = ANY(\(ids)) ORDER BY o.id", on: $0) }
            if let missing = ids.first(where: { id in !found.contains { $0.id == id } }) { throw MailError.notFound(missing) }
            if let marked = found.first(where: { $0.dealtWith != nil }) { throw MailError.alreadyDealtWith(marked.id) }
            if let delivered = found.first(where: { $0.state != .bounced && $0.state != .failed }) {
                throw MailError.notUndelivered(delivered.id, delivered.state)
            }
            if let erased = found.first(where: { $0.cleared?.because == .erasure }) { throw MailError.clearedAtErasure(erased.id) }
            // Only a mark removed by hand in SQL between the two statements gets here: Domino never removes one.
            throw MailError.corruptRow("a message neither marked nor markable")
        }
    }

    /// The UPDATE changed fewer rows than asked: the transaction rolls back, and the caller is told why.
    private struct NotAllMarkable: Error {}
}

extension MailDeliveryRecord {
    /// Undelivered mail nobody has dealt with, unless it was cleared at its person's erasure (nobody can act on mail to
    /// someone Domino no longer knows): what `markDealtWith` marks, and what the console's list offers to mark.
    public var mayBeDealtWith: Bool {
        (state == .bounced || state == .failed) && dealtWith == nil && cleared?.because != .erasure
    }
}
