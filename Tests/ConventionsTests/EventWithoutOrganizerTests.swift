import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Accounts are the admin's: disabling the last enabled organizer of an event is allowed, and the event then says
/// `needsOrganizer` (to those who may list its organizers, and as their list filter) until an admin adds one (harden13,
/// harden15; docs/api.md, docs/access-policy.md).
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

    @Test("only admins, coordinators and the event's own organizers read its organizerUserIds and needsOrganizer; company, liaison, viewer and other organizers get neither, nor the filter")
    func organizersShownByRole() async throws {
        try await withTestServer { port, application in
            let (_, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(organizers: [owner.userID]), by: admin)
            let accounts = try await application.pool.query("UPDATE users SET disabled = true WHERE id = \(owner.userID) RETURNING id")
            #expect(accounts.count == 1)
            var readers: [(role: String, token: String, shown: Bool)] = []
            for role in [Role.admin, .coordinator, .company, .liaison, .viewer, .organizer] {
                readers.append((role.rawValue, try await application.token(for: role).token, [.admin, .coordinator].contains(role)))
            }
            // An enabled organizer of the event reads it whole (it is theirs); the organizer above manages no event.
            let (colleagueToken, colleague) = try await application.token(for: .organizer)
            let shared = try await service.createEvent(eventDraft(organizers: [colleague.userID]), by: admin)
            for reader in readers {
                let headers = ["Authorization": "Bearer \(reader.token)"]
                let one = try Self.json(try await TestClient.request(port: port, "GET", "/v1/events/\(event.id)", headers: headers))
                #expect((one["needsOrganizer"] != nil) == reader.shown && (one["organizerUserIds"] != nil) == reader.shown, "\(reader.role): \(one)")
                if reader.shown { #expect(one["needsOrganizer"] as? Bool == true, "\(reader.role)") }
                let list = try await TestClient.request(port: port, "GET", "/v1/events?limit=100", headers: headers)
                let items = try #require(try Self.json(list)["items"] as? [[String: Any]])
                #expect(!items.isEmpty && items.allSatisfy { ($0["needsOrganizer"] != nil) == reader.shown && ($0["organizerUserIds"] != nil) == reader.shown },
                        "\(reader.role): \(list.text)")
                let filtered = try await TestClient.request(port: port, "GET", "/v1/events?needsOrganizer=true", headers: headers)
                #expect(filtered.status == (reader.shown ? 200 : 403), "\(reader.role): \(filtered.text)")
            }
            let own = try Self.json(try await TestClient.request(port: port, "GET", "/v1/events/\(shared.id)", headers: ["Authorization": "Bearer \(colleagueToken)"]))
            #expect(own["needsOrganizer"] as? Bool == false && own["organizerUserIds"] as? [String] == [colleague.userID.uuidString], "\(own)")
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
