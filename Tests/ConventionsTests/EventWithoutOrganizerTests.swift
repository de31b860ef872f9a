import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Accounts are the admin's: disabling the last enabled organizer of an event is allowed, and the event then says
/// `needsOrganizer` (to everyone who reads it, and as a list filter) until an admin adds one (harden13; docs/api.md).
@Suite("An event whose organizers are all disabled")
struct EventWithoutOrganizerTests {
    static func json(_ response: TestClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test("an admin may disable an event's last enabled organizer; the event then needs an organizer, listed so, until an admin adds one")
    func disablingTheLastOrganizer() async throws {
        try await withTestServer { port, application in
            let (adminToken, _) = try await application.token(for: .admin)
            let (_, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(organizers: [owner.userID]), by: admin)
            let other = try await service.createEvent(eventDraft(organizers: [owner.userID, try await EventOrganizerAPITests.user(application, .organizer).id]), by: admin)
            let headers = ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"]
            func read(_ path: String) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "GET", path, headers: headers)
            }
            #expect(try Self.json(try await read("/v1/events/\(event.id)"))["needsOrganizer"] as? Bool == false)
            let account = try await read("/v1/users/\(owner.userID)")
            let disabled = try await TestClient.request(
                port: port, "PATCH", "/v1/users/\(owner.userID)", headers: headers.merging(["If-Match": try #require(account.header("ETag"))]) { $1 },
                body: #"{"disabled":true}"#)
            #expect(disabled.status == 200, "\(disabled.text)")
            #expect(try Self.json(try await read("/v1/events/\(event.id)"))["needsOrganizer"] as? Bool == true)
            #expect(try Self.json(try await read("/v1/events/\(other.id)"))["needsOrganizer"] as? Bool == false, "its co-organizer is enabled")
            let needing = try await read("/v1/events?needsOrganizer=true")
            func ids(_ list: TestClient.Response) throws -> Set<String> {
                Set(try #require(try Self.json(list)["items"] as? [[String: Any]]).compactMap { ($0["id"] as? String)?.lowercased() })
            }
            #expect(needing.status == 200)
            let needingIDs = try ids(needing)
            #expect(needingIDs.contains(event.id.uuidString.lowercased()) && !needingIDs.contains(other.id.uuidString.lowercased()))
            let rest = try await read("/v1/events?needsOrganizer=false")
            let restIDs = try ids(rest)
            #expect(restIDs.contains(other.id.uuidString.lowercased()) && !restIDs.contains(event.id.uuidString.lowercased()))
            #expect(try await read("/v1/events?needsOrganizer=maybe").status == 400)

            let successor = try await EventOrganizerAPITests.user(application, .organizer)
            let added = try await TestClient.request(
                port: port, "POST", "/v1/events/\(event.id)/organizers", headers: headers.merging(["If-Match": "\"1\""]) { $1 },
                body: #"{"email":"\#(successor.email)"}"#)
            #expect(added.status == 200, "\(added.text)")
            #expect(try Self.json(added)["needsOrganizer"] as? Bool == false)
            let removed = try await TestClient.request(
                port: port, "DELETE", "/v1/events/\(event.id)/organizers/\(owner.userID)", headers: headers.merging(["If-Match": "\"2\""]) { $1 })
            #expect(removed.status == 200, "\(removed.text)")
            #expect(try Self.json(removed)["organizerUserIds"] as? [String] == [successor.id.uuidString])
        }
    }

    @Test("an organizer removing their co-organizer while an admin disables the organizer leaves an enabled organizer or an event that says it needs one")
    func removalRacingADisable() async throws {
        try await withTestServer { port, application in
            let (adminToken, _) = try await application.token(for: .admin)
            let (ownerToken, owner) = try await application.token(for: .organizer)
            let colleague = try await EventOrganizerAPITests.user(application, .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(organizers: [owner.userID, colleague.id]), by: admin)
            let adminHeaders = ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"]
            let account = try await TestClient.request(port: port, "GET", "/v1/users/\(owner.userID)", headers: adminHeaders)
            let accountVersion = try #require(account.header("ETag"))
            async let removal = TestClient.request(
                port: port, "DELETE", "/v1/events/\(event.id)/organizers/\(colleague.id)",
                headers: ["Authorization": "Bearer \(ownerToken)", "If-Match": "\"1\""])
            async let disable = TestClient.request(
                port: port, "PATCH", "/v1/users/\(owner.userID)", headers: adminHeaders.merging(["If-Match": accountVersion]) { $1 },
                body: #"{"disabled":true}"#)
            let (removed, disabled) = try await (removal, disable)
            #expect(disabled.status == 200, "accounts are the admin's: \(disabled.text)")
            #expect([200, 401, 409].contains(removed.status), "\(removed.text)")

            let after = try Self.json(try await TestClient.request(port: port, "GET", "/v1/events/\(event.id)", headers: adminHeaders))
            let listed = try #require(after["organizerUserIds"] as? [String])
            #expect(listed == (removed.status == 200 ? [owner.userID] : [owner.userID, colleague.id]).map(\.uuidString))
            #expect(after["needsOrganizer"] as? Bool == (removed.status == 200), "needsOrganizer says whether an enabled organizer is left")

            let successor = try await EventOrganizerAPITests.user(application, .organizer)
            let added = try await TestClient.request(
                port: port, "POST", "/v1/events/\(event.id)/organizers",
                headers: adminHeaders.merging(["If-Match": "\"\(try #require(after["version"] as? Int))\""]) { $1 },
                body: #"{"email":"\#(successor.email)"}"#)
            #expect(added.status == 200, "an admin can always add one: \(added.text)")
            #expect(try Self.json(added)["needsOrganizer"] as? Bool == false)
        }
    }
}
