import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Co-organizers over real HTTP (gaps12): added by exact address with the event's version, removed
/// (never the last), the same answer for every address that is no organizer, audited as event edits.
@Suite("Event co-organizers over real HTTP")
struct EventOrganizerAPITests {
    /// A user of `role` as (id, email), made through the test tokens' own account factory.
    static func user(_ application: Application, _ role: Role, disabled: Bool = false) async throws -> (id: UUID, email: String) {
        let id = try await application.token(for: role).principal.userID
        if disabled { _ = try await application.pool.query("UPDATE users SET disabled = true WHERE id = \(id)") }
        let email: String = try await application.pool.query("SELECT email FROM users WHERE id = \(id)")[0].decode("email")
        return (id, email)
    }

    /// The answers to adding each address at version 1, each expected with `status`, without the per-request
    /// `instance`: one element when every address is answered alike.
    static func answers(adding addresses: [String], to eventID: UUID, port: Int, token: String, status: Int) async throws -> Set<String> {
        var answers: Set<String> = []
        for address in addresses {
            let response = try await TestClient.request(
                port: port, "POST", "/v1/events/\(eventID)/organizers",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "If-Match": "\"1\""],
                body: #"{"email":"\#(address)"}"#)
            #expect(response.status == status, "\(address)")
            answers.insert(response.text.replacingOccurrences(of: #""instance":"[^"]*""#, with: "", options: .regularExpression))
        }
        return answers
    }

    @Test("an organizer adds a co-organizer by address with If-Match; the new one manages the event; a stale version is 412; it is audited")
    func add() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: owner)
            let colleague = try await Self.user(application, .organizer)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let added = try await TestClient.request(
                port: port, "POST", "/v1/events/\(event.id)/organizers", headers: headers.merging(["If-Match": "\"1\""]) { $1 },
                body: #"{"email":"  \#(colleague.email.uppercased()) "}"#)
            #expect(added.status == 200 && added.header("etag") == "\"2\"")
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [owner.userID, colleague.id])
            let colleaguePrincipal = Principal(userID: colleague.id, role: .organizer)
            #expect(try await service.managedEvent(event.id, by: colleaguePrincipal).id == event.id)
            let stale = try await TestClient.request(
                port: port, "POST", "/v1/events/\(event.id)/organizers", headers: headers.merging(["If-Match": "\"1\""]) { $1 },
                body: #"{"email":"\#(try await Self.user(application, .organizer).email)"}"#)
            #expect(stale.status == 412)
            let missing = try await TestClient.request(
                port: port, "POST", "/v1/events/\(event.id)/organizers", headers: headers, body: #"{"email":"\#(colleague.email)"}"#)
            #expect(missing.status == 428)
            let listed = try await TestClient.request(port: port, "GET", "/v1/events/\(event.id)/organizers", headers: headers)
            #expect(listed.status == 200 && listed.text.contains(colleague.email) && listed.text.contains("Test organizer"))
            let audited: Int = try await application.pool.query("""
                SELECT count(*)::int AS n FROM audit_log
                WHERE entity = 'events' AND action = 'update' AND actor_user_id = \(owner.userID) AND changes ? 'organizer_user_ids'
                """)[0].decode("n")
            #expect(audited == 1)
        }
    }

    @Test("an unknown address, a disabled organizer and a coordinator get the same 422 on email, and nothing changes")
    func sameAnswerForEveryNonOrganizer() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: owner)
            let disabled = try await Self.user(application, .organizer, disabled: true)
            let coordinatorUser = try await Self.user(application, .coordinator)
            let companyAdmin = try await Self.user(application, .admin)
            let answers = try await Self.answers(
                adding: ["nobody@organizers.test.domino.example", disabled.email, coordinatorUser.email, companyAdmin.email],
                to: event.id, port: port, token: token, status: 422)
            #expect(answers.count == 1, "one answer for all: \(answers)")
            #expect(answers.first?.contains(#""field":"email""#) == true)
            #expect(try await service.event(event.id, by: admin).version == 1)
        }
    }

    @Test("an organizer removes a co-organizer and may leave, but the last organizer stays (409); others get 403 or 404")
    func remove() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let (otherToken, _) = try await application.token(for: .organizer)
            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let colleague = try await Self.user(application, .organizer)
            let event = try await service.createEvent(eventDraft(organizers: [owner.userID, colleague.id]), by: admin)
            func remove(_ user: UUID, version: Int, as bearer: String) async throws -> TestClient.Response {
                try await TestClient.request(
                    port: port, "DELETE", "/v1/events/\(event.id)/organizers/\(user)",
                    headers: ["Authorization": "Bearer \(bearer)", "If-Match": "\"\(version)\""])
            }
            #expect(try await remove(colleague.id, version: 1, as: otherToken).status == 404, "another organizer's event")
            #expect(try await remove(colleague.id, version: 1, as: coordinatorToken).status == 403)
            #expect(try await remove(UUID(), version: 1, as: token).status == 404, "not an organizer of the event")
            let removed = try await remove(colleague.id, version: 1, as: token)
            #expect(removed.status == 200 && removed.header("etag") == "\"2\"")
            let last = try await remove(owner.userID, version: 2, as: token)
            #expect(last.status == 409)
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [owner.userID])
            // With a co-organizer again, the organizer may leave; the event is then not theirs.
            let added = try await service.addOrganizer(email: colleague.email, to: event.id, ifVersion: 2, by: owner)
            #expect(try await remove(owner.userID, version: added.version, as: token).status == 200)
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [colleague.id])
            #expect(try await remove(colleague.id, version: added.version + 1, as: token).status == 404)
        }
    }

    @Test("an organizer leaves by a PATCH of organizerUserIds as by the DELETE, while an enabled organizer stays; the last one stays (409) on both routes, for an admin too")
    func leaveByPatch() async throws {
        try await withTestServer { port, application in
            let (ownerToken, owner) = try await application.token(for: .organizer)
            let (colleagueToken, colleague) = try await application.token(for: .organizer)
            let (adminToken, _) = try await application.token(for: .admin)
            let coordinator = try await Self.user(application, .coordinator)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(organizers: [owner.userID, colleague.userID]), by: admin)
            func patch(_ ids: [UUID], version: Int, as bearer: String) async throws -> TestClient.Response {
                try await TestClient.request(
                    port: port, "PATCH", "/v1/events/\(event.id)",
                    headers: ["Authorization": "Bearer \(bearer)", "Content-Type": "application/json", "If-Match": "\"\(version)\""],
                    body: #"{"organizerUserIds":[\#(ids.map { "\"\($0.uuidString.lowercased())\"" }.joined(separator: ","))]}"#)
            }
            let left = try await patch([colleague.userID], version: 1, as: ownerToken)
            #expect(left.status == 200 && left.header("etag") == "\"2\"", "\(left.text)")
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [colleague.userID])
            #expect(try await patch([colleague.userID], version: 2, as: ownerToken).status == 404, "the event is not the leaver's any more")
            for (ids, bearer) in [([UUID](), colleagueToken), ([], adminToken), ([coordinator.id], colleagueToken), ([coordinator.id], adminToken)] {
                let kept = try await patch(ids, version: 2, as: bearer)
                #expect(kept.status == 409 && kept.text.contains(#""field":"organizerUserIds""#), "\(ids): \(kept.text)")
            }
            let deleted = try await TestClient.request(
                port: port, "DELETE", "/v1/events/\(event.id)/organizers/\(colleague.userID)",
                headers: ["Authorization": "Bearer \(adminToken)", "If-Match": "\"2\""])
            #expect(deleted.status == 409 && deleted.text.contains(#""field":"userId""#))
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [colleague.userID])
            #expect(try await patch([owner.userID], version: 2, as: adminToken).status == 200, "replaced by another enabled organizer")
        }
    }

    @Test("a full event answers an organizer's address and an unknown one alike (409 on email), so the limit tells nobody who has an account")
    func fullEventSameAnswer() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            // Nineteen co-organizers in one statement (accounts made one by one hash a password each): 20 is Limit.organizers.
            let tag = UUID().uuidString.prefix(8).lowercased()
            let fillers: [UUID] = try await application.pool.query("""
                INSERT INTO users (email, display_name, role, password_hash)
                SELECT 'filler-' || g || '-' || \(tag) || '@test.domino.example', 'Filler', 'organizer', '$2a$12$' || repeat('x', 53)
                FROM generate_series(1, 19) g RETURNING id
                """).map { try $0.decode("id") }
            let organizers = [owner.userID] + fillers
            let event = try await service.createEvent(eventDraft(organizers: organizers), by: admin)
            let outsider = try await Self.user(application, .organizer)
            let answers = try await Self.answers(
                adding: [outsider.email, "nobody@organizers.test.domino.example"], to: event.id, port: port, token: token, status: 409)
            #expect(answers.count == 1, "one answer for both: \(answers)")
            #expect(try await service.event(event.id, by: admin).version == 1)
        }
    }

    @Test("the last enabled organizer stays (409) when the others are disabled, and a disabled one may be removed")
    func lastEnabledOrganizerKept() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let colleague = try await Self.user(application, .organizer)
            let dormant = try await Self.user(application, .organizer)
            let event = try await service.createEvent(eventDraft(organizers: [owner.userID, colleague.id, dormant.id]), by: admin)
            _ = try await application.pool.query("UPDATE users SET disabled = true WHERE id = \(dormant.id)")
            func remove(_ user: UUID, version: Int) async throws -> TestClient.Response {
                try await TestClient.request(
                    port: port, "DELETE", "/v1/events/\(event.id)/organizers/\(user)",
                    headers: ["Authorization": "Bearer \(token)", "If-Match": "\"\(version)\""])
            }
            #expect(try await remove(colleague.id, version: 1).status == 200)
            let leaving = try await remove(owner.userID, version: 2)
            #expect(leaving.status == 409 && leaving.text.contains(#""field":"userId""#), "only a disabled organizer would be left")
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [owner.userID, dormant.id])
            #expect(try await remove(dormant.id, version: 2).status == 200)
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [owner.userID])
        }
    }

    @Test("the last enabled organizer stays (409) when the others listed are a coordinator and an admin, who manage no event as its organizer")
    func lastOrganizerKeptBesideCoordinators() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let coordinator = try await Self.user(application, .coordinator)
            let administrator = try await Self.user(application, .admin)
            let event = try await service.createEvent(eventDraft(organizers: [owner.userID, coordinator.id, administrator.id]), by: admin)
            let leaving = try await TestClient.request(
                port: port, "DELETE", "/v1/events/\(event.id)/organizers/\(owner.userID)",
                headers: ["Authorization": "Bearer \(token)", "If-Match": "\"1\""])
            #expect(leaving.status == 409 && leaving.text.contains(#""field":"userId""#), "only users who cannot organize it would be left")
            #expect(try await service.event(event.id, by: admin).organizerUserIds == [owner.userID, coordinator.id, administrator.id])
            // An event listing only such users needs an organizer, by the same rule (harden13's needsOrganizer).
            let unorganized = try await service.createEvent(eventDraft(organizers: [coordinator.id, administrator.id]), by: admin)
            let organized = try await service.event(event.id, by: admin)
            #expect(unorganized.needsOrganizer && !organized.needsOrganizer)
        }
    }

    @Test("listRegistrations with inForce=true leaves the cancelled registration of a person who registered again out")
    func registrationsInForce() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: owner)
            let first = try await service.register(registration("again@example.vn"), eventID: event.id, by: owner)
            _ = try await service.cancel(first.id, by: owner)
            _ = try await service.register(registration("again@example.vn"), eventID: event.id, by: owner)
            let headers = ["Authorization": "Bearer \(token)"]
            let every = try await TestClient.request(port: port, "GET", "/v1/events/\(event.id)/registrations", headers: headers)
            let inForce = try await TestClient.request(port: port, "GET", "/v1/events/\(event.id)/registrations?inForce=true", headers: headers)
            #expect(every.text.components(separatedBy: "again@example.vn").count - 1 == 2)
            #expect(inForce.status == 200 && inForce.text.components(separatedBy: "again@example.vn").count - 1 == 1)
            #expect(!inForce.text.contains(#""status":"cancelled""#))
        }
    }
}
