import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The person's 五十音順 key stored by PostgreSQL (migration 0151): current after every write of a name or a reading,
/// never in the audit trail, and nothing of the person once erased.
@Suite("Stored reading key")
struct StoredReadingKeyTests {
    @Test("the list in 五十音順 follows a corrected reading; the key is not audited; erasure leaves nothing of the name in it")
    func keptCurrentNotAuditedErased() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let later = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let aoki = try await service.register(NameReadingTests.draft("aoki@example.jp", nameJa: "青木", reading: "アオキ"), eventID: event.id, by: admin)
        _ = try await service.register(NameReadingTests.draft("ito@example.jp", nameJa: "伊藤", reading: "イトウ"), eventID: event.id, by: admin)
        func order() async throws -> [String] {
            try await service.registrations(of: event.id, RegistrationFilter(order: .reading), page: PageRequest(), by: admin).items
                .map { $0.participant.email ?? "-" }
        }
        #expect(try await order() == ["aoki@example.jp", "ito@example.jp"])
        // Registering for another event updates the known person (staff's rule): the new reading moves them.
        _ = try await service.register(NameReadingTests.draft("aoki@example.jp", nameJa: "青木", reading: "ワタリ"), eventID: later.id, by: admin)
        #expect(try await order() == ["ito@example.jp", "aoki@example.jp"])

        let audited = try await NameReadingTests.count(pool, """
            SELECT count(*)::int AS n FROM audit_log WHERE entity = 'participants' AND (changes ? 'reading_key' OR previous ? 'reading_key')
            """)
        #expect(audited == 0)
        #expect(try await NameReadingTests.count(pool, """
            SELECT count(*)::int AS n FROM audit_log
            WHERE entity = 'participants' AND entity_id = \(aoki.participant.id.uuidString.lowercased()) AND changes ? 'name_reading'
            """) == 2)

        try await service.eraseParticipant(aoki.participant.id, by: admin)
        let key: String = try await pool.query("SELECT reading_key FROM participants WHERE id = \(aoki.participant.id)")[0].decode("reading_key")
        #expect(key == "1")
    }
}
