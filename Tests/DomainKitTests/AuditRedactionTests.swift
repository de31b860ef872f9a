import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// `AuditLog.redact`, the one function that edits the audit trail (issue 17, item 14).
@Suite("Audit redaction")
struct AuditRedactionTests {
    @Test("redaction removes the keys from the record's entries only, keeps the rest, and records itself without values")
    func redact() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let actor = UUID()
        try await pool.transaction { db in
            for (entityID, name) in [("p1", "グエン・アン"), ("p1", "Nguyen An"), ("p2", "Tran Binh")] {
                try await AuditLog.record(on: db, actor: nil, action: "update", entity: "participants", entityID: entityID,
                                          changes: ["name_en": name, "sector": "industry"], requestID: nil)
            }
            try await AuditLog.record(on: db, actor: nil, action: "update", entity: "companies", entityID: "p1",
                                      changes: ["name_en": "Other record"], requestID: nil)
            let changed = try await AuditLog.redact(entity: "participants", entityID: "p1", keys: ["name_en", "email"], reason: "erasure",
                                                    actor: actor, requestID: "req-1", on: db)
            #expect(changed == 2)
        }
        let entries = try await AuditLog.list(in: pool, limit: 100).items
        let p1 = entries.filter { $0.entity == "participants" && $0.entityID == "p1" && $0.action == "update" }
        #expect(p1.count == 2 && p1.allSatisfy { $0.changes["name_en"] == nil && $0.changes["sector"] == "industry" })
        #expect(entries.contains { $0.entityID == "p2" && $0.changes["name_en"] == "Tran Binh" }, "another record keeps its values")
        #expect(entries.contains { $0.entity == "companies" && $0.changes["name_en"] == "Other record" }, "another table keeps its values")
        let redaction = try #require(entries.first { $0.action == "redact" })
        #expect(redaction.actorUserID == actor && redaction.requestID == "req-1")
        #expect(redaction.changes["keys"] == "name_en,email" && redaction.changes["entries"] == "2")
        #expect(!redaction.changes.values.contains { $0?.contains("Nguyen") == true })
    }
}
