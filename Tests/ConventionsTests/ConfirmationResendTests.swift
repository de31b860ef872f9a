import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A registration's confirmation sent again (part36): `POST /v1/registrations/{id}/confirmation`, the limit, a corrected
/// address receiving the confirmation (and the old one nothing), and `GET /v1/participants/{id}`.
@Suite("Sending a confirmation again")
struct ConfirmationResendTests {
    struct Row: Equatable {
        let kind: String
        let recipient: String?
        let reference: String?
        let text: String?
    }

    static func outbox(_ pool: PostgresPool) async throws -> [Row] {
        try await pool.query("SELECT kind, recipient, reference, text_body FROM mail_outbox ORDER BY id").map {
            Row(kind: try $0.decode("kind"), recipient: try $0.decode("recipient"), reference: try $0.decode("reference"), text: try $0.decode("text_body"))
        }
    }

    static func post(_ port: Int, _ registration: Registration, token: String) async throws -> TestClient.Response {
        try await TestClient.request(port: port, "POST", "/v1/registrations/\(registration.id.uuidString.lowercased())/confirmation",
                                     headers: ["Authorization": "Bearer \(token)"])
    }

    /// An event of an organizer with an@example.vn registered, and tokens of an admin, that organizer, another organizer and a coordinator.
    static func registered(_ application: Application) async throws
        -> (ConventionService, Registration, (admin: String, own: String, other: String, coordinator: String), admin: Principal, own: Principal) {
        let (adminToken, admin) = try await application.token(for: .admin)
        let (ownToken, own) = try await application.token(for: .organizer)
        let (otherToken, _) = try await application.token(for: .organizer)
        let (coordinatorToken, _) = try await application.token(for: .coordinator)
        let service = ConventionService(pool: application.pool, clock: application.clock)
        let event = try await service.createEvent(eventDraft(format: .inPerson, organizers: [own.userID]), by: admin)
        let registered = try await service.register(registration("an@example.vn"), eventID: event.id, by: admin)
        return (service, registered, (adminToken, ownToken, otherToken, coordinatorToken), admin, own)
    }

    @Test("an admin or the event's organizer sends the confirmation again: one message of the same kind to the current address with the same door code, audited; another organizer is a 404, a coordinator a 403, and neither queues anything")
    func resend() async throws {
        try await withTestServer { port, application in
            let (_, registration, tokens, admin, own) = try await Self.registered(application)
            let (adminToken, ownToken, otherToken, coordinatorToken) = tokens
            let code = try #require(registration.code)
            let first = try await Self.outbox(application.pool)
            #expect(first.count == 1)

            for (token, status) in [(otherToken, 404), (coordinatorToken, 403)] {
                let refused = try await Self.post(port, registration, token: token)
                #expect(refused.status == status, "\(refused.text)")
            }
            #expect(try await Self.outbox(application.pool) == first)

            for token in [ownToken, adminToken] {
                let sent = try await Self.post(port, registration, token: token)
                #expect(sent.status == 202, "\(sent.text)")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.body)) as? [String: Any])
                #expect(body["email"] as? String == "an@example.vn" && (body["registrationId"] as? String).flatMap(UUID.init(uuidString:)) == registration.id)
            }
            let rows = try await Self.outbox(application.pool)
            #expect(rows.count == 3)
            for row in rows.dropFirst() {
                #expect(row.kind == first[0].kind && row.recipient == "an@example.vn" && row.reference == registration.id.uuidString.lowercased())
                #expect(row.text?.contains("Door code: \(code)") == true)
            }
            let audit = try await application.pool.query("""
                SELECT actor_user_id FROM audit_log WHERE action = 'registration.confirmation_resent' AND entity_id = \(registration.id.uuidString.lowercased())
                ORDER BY id
                """)
            #expect(try audit.map { try $0.decode("actor_user_id", as: UUID.self) } == [own.userID, admin.userID])
        }
    }

    @Test("a cancelled registration, an ended event and an erased person are a 409 each, and nothing is queued")
    func refused() async throws {
        let clock = TestClock()
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: clock.programme)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let cancelled = try await service.register(registration("cancelled@example.vn"), eventID: event.id, by: admin)
        _ = try await service.cancel(cancelled.id, by: admin)
        let erased = try await service.register(registration("erased@example.vn"), eventID: event.id, by: admin)
        try await service.eraseParticipant(erased.participant.id, by: admin)
        let late = try await service.register(registration("late@example.vn"), eventID: event.id, by: admin)
        let before = try await Self.outbox(pool)
        for id in [cancelled.id, erased.id] {
            let refusal = await #expect(throws: ConventionsError.self) { try await service.resendConfirmation(id, by: admin) }
            #expect(refusal?.problem.status == 409)
        }
        _ = try await service.resendConfirmation(late.id, by: admin)
        clock.set(conventionEnd)
        let ended = await #expect(throws: ConventionsError.self) { try await service.resendConfirmation(late.id, by: admin) }
        #expect(ended?.problem.status == 409)
        #expect(try await Self.outbox(pool).count == before.count + 1)
    }

    @Test("three resends within 24 hours, the fourth a 409 saying when; allowed again a day later on the programme clock")
    func limit() async throws {
        let clock = TestClock()
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: clock.programme)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let registered = try await service.register(registration("an@example.vn"), eventID: event.id, by: admin)
        var left: [Int] = []
        for _ in 0..<ConventionService.confirmationResends {
            left.append(try await service.resendConfirmation(registered.id, by: admin).resendsLeft)
            clock.advance(seconds: 600)
        }
        #expect(left == [2, 1, 0])
        let fourth = await #expect(throws: ConventionsError.self) { try await service.resendConfirmation(registered.id, by: admin) }
        #expect(fourth?.problem.status == 409)
        let next = try await service.nextConfirmationResend(of: registered.id, by: admin)
        #expect(next == TestClock.standardStart.addingTimeInterval(ConventionService.confirmationResendWindow))
        #expect(try await Self.outbox(pool).count == 1 + ConventionService.confirmationResends)
        clock.set(TestClock.standardStart.addingTimeInterval(ConventionService.confirmationResendWindow))
        #expect(try await service.resendConfirmation(registered.id, by: admin).resendsLeft == 0)
    }

    @Test("registering an address again on the public page sends its confirmation again within the same limit, and answers the same past it")
    func publicRepeatsLimited() async throws {
        let clock = TestClock()
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: clock.programme)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        guard case .registered = try await service.registerPublicly(registration("an@example.vn"), eventID: event.id) else {
            Issue.record("expected a new registration")
            return
        }
        for _ in 0..<(ConventionService.confirmationResends + 2) {
            #expect(try await service.registerPublicly(registration("an@example.vn"), eventID: event.id) == .alreadyRegistered)
        }
        #expect(try await Self.outbox(pool).count == 1 + ConventionService.confirmationResends)
        clock.set(TestClock.standardStart.addingTimeInterval(ConventionService.confirmationResendWindow))
        #expect(try await service.registerPublicly(registration("an@example.vn"), eventID: event.id) == .alreadyRegistered)
        #expect(try await Self.outbox(pool).count == 2 + ConventionService.confirmationResends)
    }

    @Test("a PATCH that changes the e-mail queues the confirmation of each registration in force for an event not yet ended, to the new address only; an edit that keeps the e-mail queues nothing")
    func correctedAddress() async throws {
        try await withTestServer { port, application in
            let (token, principal) = try await application.token(for: .admin)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let live = try await service.createEvent(eventDraft(format: .inPerson), by: principal)
            let dropped = try await service.createEvent(eventDraft(format: .inPerson), by: principal)
            let past = try await service.createEvent(eventDraft(format: .inPerson, startsAt: TestClock.standardStart.addingTimeInterval(-10 * 86_400)), by: principal)
            let seat = try await service.register(registration("an@example.vm"), eventID: live.id, by: principal)
            let cancelled = try await service.register(registration("an@example.vm"), eventID: dropped.id, by: principal)
            _ = try await service.cancel(cancelled.id, by: principal)
            _ = try await service.register(registration("an@example.vm"), eventID: past.id, by: principal)
            let before = try await Self.outbox(application.pool)
            func patch(_ body: String, version: Int) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "PATCH", "/v1/participants/\(seat.participant.id)", headers: [
                    "Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json", "If-Match": "\"\(version)\"",
                ], body: body)
            }
            let read = try await TestClient.request(port: port, "GET", "/v1/participants/\(seat.participant.id)", headers: ["Authorization": "Bearer \(token)"])
            let version = try #require(read.header("ETag").flatMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) })
            let moved = try await patch(#"{"email":"an@example.vn"}"#, version: version)
            #expect(moved.status == 200, "\(moved.text)")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(moved.body)) as? [String: Any])
            #expect(body["confirmationsQueued"] as? Int == 1 && body["email"] as? String == "an@example.vn")
            let after = try await Self.outbox(application.pool)
            let added = Array(after.dropFirst(before.count))
            #expect(added.map(\.recipient) == ["an@example.vn"] && added.map(\.reference) == [seat.id.uuidString.lowercased()])
            #expect(added.first?.kind == "registration_confirmation" && added.first?.text?.contains("Door code: \(seat.code ?? "-")") == true)

            let kept = try await patch(#"{"organisation":"Hoi An Solar JSC"}"#, version: version + 1)
            #expect(kept.status == 200, "\(kept.text)")
            let keptBody = try #require(try JSONSerialization.jsonObject(with: Data(kept.body)) as? [String: Any])
            #expect(keptBody["confirmationsQueued"] as? Int == 0)
            #expect(try await Self.outbox(application.pool).count == after.count)
        }
    }

    @Test("GET a participant: an admin and the event's organizer read them with the ETag, another organizer gets a 404, a coordinator a 403; an erased person comes without personal data")
    func read() async throws {
        try await withTestServer { port, application in
            let (service, registered, tokens, admin, _) = try await Self.registered(application)
            let (adminToken, ownToken, otherToken, coordinatorToken) = tokens
            let path = "/v1/participants/\(registered.participant.id.uuidString.lowercased())"
            for (token, status) in [(adminToken, 200), (ownToken, 200), (otherToken, 404), (coordinatorToken, 403)] {
                let answer = try await TestClient.request(port: port, "GET", path, headers: ["Authorization": "Bearer \(token)"])
                #expect(answer.status == status, "\(answer.text)")
                if status == 200 {
                    #expect(answer.header("ETag") == "\"1\"" && answer.text.contains("an@example.vn"))
                }
            }
            try await service.eraseParticipant(registered.participant.id, by: admin)
            let erased = try await TestClient.request(port: port, "GET", path, headers: ["Authorization": "Bearer \(adminToken)"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(erased.body)) as? [String: Any])
            #expect(erased.status == 200 && body["erasedAt"] != nil && body["email"] == nil && !erased.text.contains("an@example.vn"))
        }
    }
}
