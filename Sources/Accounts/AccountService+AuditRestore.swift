public import DomainKit
import FoundationEssentials
import Postgres

/// "Restore this value" (issue 17, item 13): an administrator writes back the value a field had before
/// a change the audit trail recorded. The write is audited twice over: the table's own row trigger
/// records it as an ordinary update naming the administrator and the request, and an `audit.restore`
/// entry names the entry it undid.
extension AccountService {
    static let auditWrite = Scope(resource: "audit", action: .write)
    /// PostgreSQL identifiers are at most 63 bytes; audited field names are lower-case column names.
    static let maximumFieldLength = 63

    /// Restores `field` from audit entry `entryID` and returns the entry the restoring write produced.
    /// 404 for an unknown entry; 422 for a field the entry did not change, or one that is not restorable
    /// (an identifier, a `stage` or `status` with its own transitions, the erasure mark); 409 when the
    /// row is gone, the field changed again since the entry, or the old value breaks a constraint now.
    public func restoreAuditedValue(entry entryID: Int64, field: String, by principal: Principal) async throws -> AuditEntry {
        try requireAdmin(principal, Self.auditWrite)
        var validation = Validation()
        validation.check(
            (1...Self.maximumFieldLength).contains(field.utf8.count)
                && field.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" },
            "field", "must be a field name as the audit entry shows it (lower case letters, digits, _)")
        try AccountsError.check(validation)
        let now = clock.now()
        do {
            return try await pool.audited(by: principal) { db in
                let outcome: String = try await db.query("SELECT audit_restore(\(entryID), \(field), \(now)) AS outcome")[0].decode("outcome")
                switch outcome {
                case "restored": break
                case "no_entry": throw AccountsError(.notFound, "no such audit entry")
                default: throw AccountsError.restoreRefused(Self.restoreRefusal(outcome) ?? .changedAgain)
                }
                let source = try await db.query("SELECT entity, entity_id FROM audit_log WHERE id = \(entryID)")[0]
                let entity: String = try source.decode("entity")
                let entityID: String = try source.decode("entity_id")
                // The row stays locked by the restoring UPDATE until commit, so its newest entry is this one.
                let written = try await db.query("""
                    SELECT \(AuditLog.entryColumns) FROM audit_log
                    WHERE entity = \(entity) AND entity_id = \(entityID) AND action = 'update' ORDER BY id DESC LIMIT 1
                    """)
                try await AuditLog.record(
                    on: db, actor: principal.userID, action: "audit.restore", entity: "audit_log", entityID: String(entryID),
                    changes: ["entity": entity, "entityId": entityID, "field": field], requestID: AuditContext.requestID, at: now)
                return try AuditEntry(row: written[0])
            }
        } catch let error as PostgresError where error.violation != nil {
            throw AccountsError.restoreRefused(.breaksRule, constraint: error.constraint)
        }
    }

    /// Which of `fields` a restore would refuse now, and why: `audit_restorable`, the rule `audit_restore` applies
    /// before it writes (Migrations/0107), so a page offers "restore" only where the API would accept it. A field
    /// left out of the answer would be restored, unless the value breaks a constraint by the time of the write
    /// (`breaksRule`: only the write can tell) or the record changes in between.
    public func restoreRefusals(_ fields: [AuditedField], by principal: Principal) async throws -> [AuditedField: AccountsError.RestoreRefusal] {
        try requireAdmin(principal, Self.auditWrite)
        guard !fields.isEmpty else { return [:] }
        let rows = try await pool.query("""
            SELECT entry_id, field, audit_restorable(entry_id, field) AS verdict
            FROM unnest(\(fields.map(\.entry))::bigint[], \(fields.map(\.field))::text[]) AS given (entry_id, field)
            """)
        var refusals: [AuditedField: AccountsError.RestoreRefusal] = [:]
        for row in rows {
            guard let refusal = Self.restoreRefusal(try row.decode("verdict")) else { continue }
            refusals[AuditedField(entry: try row.decode("entry_id"), field: try row.decode("field"))] = refusal
        }
        return refusals
    }

    /// The refusal an answer of `audit_restorable` or `audit_restore` names; nil for one that would write or did.
    static func restoreRefusal(_ answer: String) -> AccountsError.RestoreRefusal? {
        switch answer {
        case "restorable", "restored": nil
        case "no_entry", "no_previous": .noPrevious
        case "not_restorable": .notRestorable
        case "row_gone": .rowGone
        default: .changedAgain
        }
    }
}

/// One field of one audit entry, as a restore names it.
public struct AuditedField: Sendable, Hashable {
    public let entry: Int64
    public let field: String

    public init(entry: Int64, field: String) {
        self.entry = entry
        self.field = field
    }
}
