import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Conventions access over real HTTP")
struct AccessHTTPTests {
    @Test("another organizer's event is a 404 for its registrations, check-ins, exports and edits; its own organizer gets 200")
    func organizerScoping() async throws {
        try await withTestServer { port, application in
            let (ownerToken, owner) = try await application.token(for: .organizer)
            let (otherToken, _) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: owner)
            let seated = try await service.register(registration(), eventID: event.id, by: owner)
            let json = ["Content-Type": "application/json"]
            let calls: [(String, String, [String: String], String)] = [
                ("GET", "/v1/events/\(event.id)/registrations", [:], ""),
                ("GET", "/v1/events/\(event.id)/exports/participants", [:], ""),
                ("GET", "/v1/events/\(event.id)/attendance", [:], ""),
                ("POST", "/v1/events/\(event.id)/check-ins", json, #"{"code":"\#(seated.code!)"}"#),
                ("POST", "/v1/registrations/\(seated.id)/cancel", [:], ""),
                ("PATCH", "/v1/events/\(event.id)", json.merging(["If-Match": "\"1\""]) { $1 }, #"{"venue":"Elsewhere"}"#),
            ]
            for (method, path, headers, body) in calls {
                let response = try await TestClient.request(
                    port: port, method, path, headers: headers.merging(["Authorization": "Bearer \(otherToken)"]) { $1 }, body: body)
                #expect(response.status == 404, "\(method) \(path) gave \(response.status)")
            }
            let own = try await TestClient.request(
                port: port, "GET", "/v1/events/\(event.id)/registrations", headers: ["Authorization": "Bearer \(ownerToken)"])
            #expect(own.status == 200)
            #expect(own.text.contains(seated.code!))
            #expect(try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: owner).items.first?.status == .registered)
        }
    }

    @Test("events come as entered by default and latest start first with order=latestStart, each order paged by its own cursor; another order is a 400 naming it")
    func eventOrder() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            try await Self.enterFourSeminars(application)
            let headers = ["Authorization": "Bearer \(token)"]
            func titles(_ query: String) async throws -> (titles: [String], next: String?) {
                let response = try await TestClient.request(port: port, "GET", "/v1/events" + query, headers: headers)
                #expect(response.status == 200, "\(query)")
                let page = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                let items = page?["items"] as? [[String: Any]] ?? []
                return (items.compactMap { $0["titleEn"] as? String }, page?["nextCursor"] as? String)
            }
            #expect(try await titles("").titles == ["Seminar 2", "Seminar 0", "Seminar 3", "Seminar 1"])
            #expect(try await titles("?order=entered").titles == ["Seminar 2", "Seminar 0", "Seminar 3", "Seminar 1"])
            let latest = try await titles("?order=latestStart&limit=3")
            #expect(latest.titles == ["Seminar 3", "Seminar 2", "Seminar 1"])
            let next = try #require(latest.next)
            #expect(try await titles("?order=latestStart&limit=3&cursor=\(next)").titles == ["Seminar 0"], "the cursor continues latest start first")
            let bad = try await TestClient.request(port: port, "GET", "/v1/events?order=startsAt", headers: headers)
            #expect(bad.status == 400 && bad.text.contains("order"))
        }
    }

    /// Four seminars entered in the order 2, 0, 3, 1 of their start days.
    static func enterFourSeminars(_ application: Application) async throws {
        _ = try await application.pool.query("""
            INSERT INTO events (kind, title_en, starts_at, ends_at, fiscal_year, format, online_capacity, created_at)
            SELECT 'seminar', 'Seminar ' || d, timestamptz '2026-06-01' + d * interval '1 day', timestamptz '2026-06-01' + d * interval '1 day' + interval '1 hour',
                   2026, 'online', 10, timestamptz '2026-01-01' + o * interval '1 minute'
            FROM (VALUES (2, 1), (0, 2), (3, 3), (1, 4)) AS v(d, o)
            """)
    }

    @Test("a cursor of one order sent with another, or with the default order, is a 400 naming cursor, not the other order's page")
    func cursorOfAnotherOrder() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            try await Self.enterFourSeminars(application)
            let headers = ["Authorization": "Bearer \(token)"]
            func next(_ query: String) async throws -> String {
                let response = try await TestClient.request(port: port, "GET", "/v1/events" + query, headers: headers)
                let page = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                return try #require(page?["nextCursor"] as? String, "\(query)")
            }
            let latest = try await next("?order=latestStart&limit=2")
            let entered = try await next("?limit=2")
            for query in ["?order=entered&limit=2&cursor=\(latest)", "?limit=2&cursor=\(latest)", "?order=latestStart&limit=2&cursor=\(entered)"] {
                let refused = try await TestClient.request(port: port, "GET", "/v1/events" + query, headers: headers)
                #expect(refused.status == 400 && refused.text.contains(#""field":"cursor""#), "\(query)")
            }
            // Another list's cursor (a list of one order: users, two of them here) is not a position in this one either.
            _ = try await application.token(for: .company)
            let users = try await TestClient.request(port: port, "GET", "/v1/users?limit=1", headers: headers)
            let usersPage = try JSONSerialization.jsonObject(with: Data(users.text.utf8)) as? [String: Any]
            let usersCursor = try #require(usersPage?["nextCursor"] as? String)
            let foreign = try await TestClient.request(port: port, "GET", "/v1/events?order=latestStart&cursor=\(usersCursor)", headers: headers)
            #expect(foreign.status == 400 && foreign.text.contains(#""field":"cursor""#))
        }
    }

    @Test("a cursor made by a list read in an order is refused by a list with one order (users, companies, cities, leads, needs), with the 400 naming cursor")
    func orderedCursorInAListWithOneOrder() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            try await Self.enterFourSeminars(application)
            let headers = ["Authorization": "Bearer \(token)"]
            let events = try await TestClient.request(port: port, "GET", "/v1/events?order=entered&limit=1", headers: headers)
            let page = try JSONSerialization.jsonObject(with: Data(events.text.utf8)) as? [String: Any]
            let ordered = try #require(page?["nextCursor"] as? String)
            for list in ["/v1/users", "/v1/companies", "/v1/cities", "/v1/leads", "/v1/needs"] {
                let refused = try await TestClient.request(port: port, "GET", "\(list)?cursor=\(ordered)", headers: headers)
                #expect(refused.status == 400 && refused.text.contains(#""field":"cursor""#), "\(list): \(refused.status) \(refused.text)")
            }
        }
    }

    @Test("an event's organizers must be organizer, coordinator or admin users: a company user is a 422 naming organizerUserIds")
    func organizersMustBeStaff() async throws {
        try await withTestServer { port, application in
            let (adminToken, _) = try await application.token(for: .admin)
            let (_, companyUser) = try await application.token(for: .company)
            let (_, coordinatorUser) = try await application.token(for: .coordinator)
            let (_, organizerUser) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let refused = await #expect(throws: ConventionsError.self) {
                try await service.createEvent(eventDraft(organizers: [organizerUser.userID, companyUser.userID]), by: admin)
            }
            #expect(refused?.problem.status == 422 && refused?.problem.errors?.map(\.field) == ["organizerUserIds"])
            let unknown = await #expect(throws: ConventionsError.self) { try await service.createEvent(eventDraft(organizers: [UUID()]), by: admin) }
            #expect(unknown?.problem.errors?.map(\.field) == ["organizerUserIds"])
            #expect(try await service.events(EventFilter(), page: PageRequest(), by: admin).items.isEmpty)

            let event = try await service.createEvent(eventDraft(organizers: [organizerUser.userID, coordinatorUser.userID]), by: admin)
            let patch = try await TestClient.request(
                port: port, "PATCH", "/v1/events/\(event.id)",
                headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json", "If-Match": "\"1\""],
                body: #"{"organizerUserIds":["\#(organizerUser.userID.uuidString.lowercased())","\#(companyUser.userID.uuidString.lowercased())"]}"#)
            #expect(patch.status == 422 && patch.text.contains(#""field":"organizerUserIds""#))
            #expect(try await service.event(event.id, by: admin) == event)
        }
    }

    @Test("updateEvent refuses a company user, a disabled organizer and an unknown id with one and the same 422, and takes a coordinator or an admin (issue 17, item 6)")
    func updateEventNamesOrganizerRolesOnly() async throws {
        try await withTestServer { port, application in
            let (adminToken, adminUser) = try await application.token(for: .admin)
            let (_, organizerUser) = try await application.token(for: .organizer)
            let (_, coordinatorUser) = try await application.token(for: .coordinator)
            let (_, companyUser) = try await application.token(for: .company)
            let (_, disabledOrganizer) = try await application.token(for: .organizer)
            _ = try await application.pool.execute("UPDATE users SET disabled = true WHERE id = \(disabledOrganizer.userID)")
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(organizers: [organizerUser.userID]), by: admin)
            var messages: Set<String> = []
            for named in [companyUser.userID, disabledOrganizer.userID, UUID()] {
                let ids = [organizerUser.userID, named].map { #""\#($0.uuidString.lowercased())""# }.joined(separator: ",")
                let patch = try await TestClient.request(
                    port: port, "PATCH", "/v1/events/\(event.id)",
                    headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json", "If-Match": "\"1\""],
                    body: #"{"organizerUserIds":[\#(ids)]}"#)
                #expect(patch.status == 422 && patch.text.contains(#""field":"organizerUserIds""#))
                messages.insert(patch.text.replacingOccurrences(of: named.uuidString.lowercased(), with: "<id>"))
            }
            #expect(messages.count == 1, "the answer does not tell another role, a disabled account and no account apart")
            #expect(try await service.event(event.id, by: admin) == event)

            let added = try await service.updateEvent(event.id, ifVersion: 1, by: admin) {
                $0.organizerUserIds = [organizerUser.userID, coordinatorUser.userID, adminUser.userID]
            }
            #expect(added.organizerUserIds == [organizerUser.userID, coordinatorUser.userID, adminUser.userID])
        }
    }

    @Test("a company user sees only participants who consented, without door codes; a viewer reads events but not participants")
    func companyAndViewer() async throws {
        try await withTestServer { port, application in
            let (companyToken, _) = try await application.token(for: .company)
            let (viewerToken, _) = try await application.token(for: .viewer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: admin)
            _ = try await service.register(RegistrationDraft(participant: person("yes@example.jp", consent: true)), eventID: event.id, by: admin)
            let hidden = try await service.register(RegistrationDraft(participant: person("no@example.jp", consent: false)), eventID: event.id, by: admin)
            let seen = try await TestClient.request(
                port: port, "GET", "/v1/events/\(event.id)/registrations", headers: ["Authorization": "Bearer \(companyToken)"])
            #expect(seen.status == 200)
            #expect(seen.text.contains("yes@example.jp"))
            #expect(!seen.text.contains("no@example.jp"))
            #expect(!seen.text.contains(hidden.code!))
            #expect(!seen.text.contains("\"code\""))
            let viewerEvent = try await TestClient.request(port: port, "GET", "/v1/events/\(event.id)", headers: ["Authorization": "Bearer \(viewerToken)"])
            #expect(viewerEvent.status == 200)
            #expect(viewerEvent.header("ETag") == "\"1\"")
            let viewerList = try await TestClient.request(
                port: port, "GET", "/v1/events/\(event.id)/registrations", headers: ["Authorization": "Bearer \(viewerToken)"])
            #expect(viewerList.status == 403)
        }
    }

    @Test("an event PATCH needs If-Match (428), a stale one gets 412, and more seats promote the waitlist")
    func optimisticEdit() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 1), by: owner)
            _ = try await service.register(registration("a@example.jp"), eventID: event.id, by: owner)
            let waiting = try await service.register(registration("b@example.jp"), eventID: event.id, by: owner)
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json"]
            let path = "/v1/events/\(event.id)"
            let body = #"{"inPersonCapacity":2}"#
            #expect(try await TestClient.request(port: port, "PATCH", path, headers: headers, body: body).status == 428)
            headers["If-Match"] = "\"7\""
            #expect(try await TestClient.request(port: port, "PATCH", path, headers: headers, body: body).status == 412)
            headers["If-Match"] = "\"1\""
            let edited = try await TestClient.request(port: port, "PATCH", path, headers: headers, body: body)
            #expect(edited.status == 200)
            #expect(edited.header("ETag") == "\"2\"")
            let statuses = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: owner).items
            #expect(statuses.first { $0.id == waiting.id }?.status == .registered)
            headers["If-Match"] = "\"2\""
            let shrink = try await TestClient.request(port: port, "PATCH", path, headers: headers, body: #"{"inPersonCapacity":1}"#)
            #expect(shrink.status == 422)
            #expect(shrink.text.contains("inPersonCapacity"))
        }
    }
}
