import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Organizers correct a participant's details (conv35): `PATCH /v1/participants/{id}`, by the registration's rules,
/// for the people of their own events, audited, keeping registrations and door codes.
@Suite("Correcting a participant")
struct ParticipantCorrectionTests {
    @Test("PATCH corrects names, reading and address (200, the ETag, the reading in kana, audited from what to what, the door code kept); another person's address is a 409 on email and a bad reading a 422 on nameReading, nothing written")
    func corrected() async throws {
        try await withTestServer { port, application in
            let (token, principal) = try await application.token(for: .admin)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(format: .inPerson), by: principal)
            let sato = try await service.register(MergeTests.draft("sato@example.jp", nameJa: "佐藤 花子", nameEn: nil), eventID: event.id, by: principal)
            _ = try await service.register(MergeTests.draft("kato@example.jp", nameJa: "加藤 一郎", nameEn: nil), eventID: event.id, by: principal)
            let path = "/v1/participants/\(sato.participant.id)"
            func patch(_ body: String, version: Int) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "PATCH", path, headers: [
                    "Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json", "If-Match": "\"\(version)\"",
                ], body: body)
            }
            let fixed = try await patch(#"{"nameJa":"佐藤 華子","nameReading":"ｻﾄｳ ﾊﾅｺ","email":"hanako.sato@example.jp"}"#, version: 1)
            #expect(fixed.status == 200, "\(fixed.text)")
            #expect(fixed.header("ETag") == "\"2\"")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(fixed.body)) as? [String: Any])
            #expect(body["nameJa"] as? String == "佐藤 華子" && body["nameReading"] as? String == "サトウ ハナコ" && body["email"] as? String == "hanako.sato@example.jp")
            let audit = try await application.pool.query("""
                SELECT changes ->> 'name_ja' AS new, previous ->> 'name_ja' AS old, actor_user_id FROM audit_log
                WHERE entity = 'participants' AND action = 'update' AND entity_id = \(sato.participant.id.uuidString.lowercased())
                """)
            #expect(audit.count == 1)
            #expect(try audit.first?.decode("old", as: String?.self) == "佐藤 花子" && audit.first?.decode("new", as: String?.self) == "佐藤 華子")
            #expect(try audit.first?.decode("actor_user_id", as: UUID?.self) == principal.userID)
            let listed = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: principal).items
            #expect(listed.first { $0.id == sato.id }?.code == sato.code)

            let clash = try await patch(#"{"email":"KATO@example.jp"}"#, version: 2)
            #expect(clash.status == 409, "\(clash.text)")
            #expect(try JSONDecoder().decode(Problem.self, from: Data(clash.body)).errors?.map(\.field) == ["email"])
            let bad = try await patch(#"{"nameReading":"Sato Hanako"}"#, version: 2)
            #expect(bad.status == 422)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(bad.body)).errors?.map(\.field) == ["nameReading"])
            let row = try await application.pool.query("SELECT email, version FROM participants WHERE id = \(sato.participant.id)")
            #expect(try row[0].decode("email", as: String.self) == "hanako.sato@example.jp" && row[0].decode("version", as: Int.self) == 2)
        }
    }

    @Test("an organizer corrects the people of their own events only (anyone else the 404 of a missing participant), a coordinator nobody, and an erased person is a 409")
    func whoMay() async throws {
        let service = try await freshService()
        let mine = organizer()
        let ownEvent = try await service.createEvent(eventDraft(format: .inPerson), by: mine)
        let otherEvent = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let own = try await service.register(registration("own@example.vn"), eventID: ownEvent.id, by: mine)
        let stranger = try await service.register(registration("stranger@example.vn"), eventID: otherEvent.id, by: admin)

        let corrected = try await service.updateParticipant(own.participant.id, ifVersion: 1, by: mine) { $0.organisation = "Da Nang Solar JSC (Hoi An)" }.participant
        #expect(corrected.organisation == "Da Nang Solar JSC (Hoi An)" && corrected.version == 2)
        for (id, principal) in [(stranger.participant.id, mine), (own.participant.id, Principal(userID: UUID(), role: .coordinator))] {
            let refused = await #expect(throws: ConventionsError.self) {
                try await service.updateParticipant(id, ifVersion: 1, by: principal) { $0.organisation = "Someone else" }
            }
            #expect(refused?.problem.status == 404)
        }
        try await service.eraseParticipant(own.participant.id, by: admin)
        let erased = await #expect(throws: ConventionsError.self) {
            try await service.updateParticipant(own.participant.id, ifVersion: 3, by: admin) { $0.nameEn = "Nguyen An" }
        }
        #expect(erased?.problem.status == 409)
    }
}
