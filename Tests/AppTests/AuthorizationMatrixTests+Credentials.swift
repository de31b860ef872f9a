import Accounts
import App
import Cities
import DomainKit
import Foundation
import TestSupport
import Testing

/// Issue 17, items 1-6 over HTTP, beside the matrix (item 7): credentials end on a reset or change, a key
/// does not log out, throttling is per account and source, weak passwords are refused, a liaison cannot
/// re-credit a need, an event's organizers are staff.
extension AuthorizationMatrixTests {
    private func json(_ response: TestClient.Response) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test("items 1-2: a password reset revokes every session and key and says how many; logout with an API key is a 403 and the key lives on")
    func resetAndKeyLogout() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let (session, user) = try await application.token(for: .coordinator)
            let keyResponse = try await TestClient.request(
                port: port, "POST", "/v1/api-keys", headers: ["Authorization": "Bearer \(session)", "Content-Type": "application/json"],
                body: #"{"name":"CRM sync","scopes":["leads:read"]}"#)
            let key = try #require(try json(keyResponse)["token"] as? String)
            let keyLogout = try await TestClient.request(port: port, "POST", "/v1/auth/logout", headers: ["Authorization": "Bearer \(key)"])
            #expect(keyLogout.status == 403 && keyLogout.text.contains("DELETE /v1/api-keys"))
            #expect(try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(key)"]).status == 200)

            let userID = user.userID.uuidString.lowercased()
            let current = try await TestClient.request(port: port, "GET", "/v1/users/\(userID)", headers: ["Authorization": "Bearer \(admin)"])
            let reset = try await TestClient.request(
                port: port, "PUT", "/v1/users/\(userID)/password",
                headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json", "If-Match": try #require(current.header("ETag"))],
                body: #"{"password":"象の鼻パークで会いましょう"}"#)
            #expect(reset.status == 200)
            let body = try json(reset)
            #expect(body["revokedSessions"] as? Int == 1 && body["revokedApiKeys"] as? Int == 1)
            #expect(((body["user"] as? [String: Any])?["id"] as? String)?.lowercased() == userID)
            for token in [session, key] {
                #expect(try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(token)"]).status == 401)
            }
        }
    }

    @Test("item 1: a user changes its own password and every credential it had ends")
    func changeOwnPassword() async throws {
        try await withTestServer { port, application in
            let (session, _) = try await application.token(for: .organizer)
            let headers = ["Authorization": "Bearer \(session)", "Content-Type": "application/json"]
            let weak = try await TestClient.request(port: port, "PUT", "/v1/me/password", headers: headers,
                body: #"{"currentPassword":"correct horse battery staple","newPassword":"aaaaaaaaaaaaaaaa"}"#)
            #expect(weak.status == 422 && weak.text.contains(#""field":"newPassword""#))
            let changed = try await TestClient.request(port: port, "PUT", "/v1/me/password", headers: headers,
                body: #"{"currentPassword":"correct horse battery staple","newPassword":"象の鼻パークで会いましょう"}"#)
            #expect(changed.status == 200)
            #expect(try json(changed)["revokedSessions"] as? Int == 1 && json(changed)["revokedApiKeys"] as? Int == 0)
            #expect(try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(session)"]).status == 401)
        }
    }

    @Test("item 3: wrong passwords slow that account from that source only; another account from the same source, and the owner from a known address, still sign in")
    func throttlingPerAccountAndSource() async throws {
        try await withTestServer { port, application in
            let password = "みなとみらいの観覧車は夜に光る"
            for email in ["target@example.jp", "neighbour@example.jp"] {
                _ = try await application.accounts.createUser(.init(email: email, displayName: "利用者", role: .coordinator, password: password), actor: nil)
            }
            // The owner signed in from home before the attack.
            _ = try await application.accounts.login(email: "target@example.jp", password: password, clientAddress: "192.0.2.10")
            func login(_ email: String, _ password: String) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "POST", "/v1/auth/login", headers: ["Content-Type": "application/json"],
                                             body: #"{"email":"\#(email)","password":"\#(password)"}"#)
            }
            var statuses: [Int] = []
            for attempt in 0..<6 { statuses.append(try await login("target@example.jp", "guess number \(attempt)").status) }
            #expect(statuses == [401, 401, 401, 401, 401, 429])
            // The guesser's own source is slowed for this account, even with the right password...
            #expect(try await login("target@example.jp", password).status == 429)
            // ...but not for another account, and the owner at its known address is not locked out.
            #expect(try await login("neighbour@example.jp", password).status == 200)
            let owner = try await application.accounts.login(email: "target@example.jp", password: password, clientAddress: "192.0.2.10")
            #expect(!owner.token.isEmpty)
        }
    }

    @Test("item 4: common, one-character and programme-name passwords are refused with 422 naming the field")
    func weakPasswords() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            for (index, password) in ["password", "aaaaaaaaaaaaaaaa", "Yokohama2027!!!!", "domino-domino-1234"].enumerated() {
                let response = try await TestClient.request(
                    port: port, "POST", "/v1/users", headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
                    body: #"{"email":"weak\#(index)@example.jp","displayName":"弱い 例","role":"viewer","password":"\#(password)"}"#)
                #expect(response.status == 422 && response.text.contains(#""field":"password""#), "\(password): \(response.status)")
            }
            let users = try await TestClient.request(port: port, "GET", "/v1/users", headers: ["Authorization": "Bearer \(admin)"])
            #expect(!users.text.contains("weak"))
        }
    }

    @Test("item 5: a liaison officer cannot re-credit its need to another base or source; a coordinator can")
    func needSource() async throws {
        try await withTestServer { port, application in
            let (cityID, bases) = try await makeDaNang(application, bases: ["Da Nang office", "Da Nang second office"])
            let (liaison, _) = try await application.token(for: .liaison, liaisonBaseID: bases[0].id)
            let (coordinator, _) = try await application.token(for: .coordinator)
            func send(_ method: String, _ path: String, _ token: String, _ body: String) async throws -> TestClient.Response {
                try await TestClient.request(
                    port: port, method, path, headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "If-Match": "\"1\""],
                    body: body)
            }
            let created = try await send("POST", "/v1/needs", liaison, #"""
                {"cityId":"\#(cityID.uuidString.lowercased())","titleJa":"廃棄物発電施設の導入","titleEn":"Waste-to-energy plant","taxonomyCodes":["waste_to_energy"],"source":"liaison_base"}
                """#)
            #expect(created.status == 201)
            let need = "/v1/needs/" + (try #require(try json(created)["id"] as? String))
            let rebased = try await send("PATCH", need, liaison, #"{"sourceLiaisonBaseId":"\#(bases[1].id.uuidString.lowercased())"}"#)
            #expect(rebased.status == 422 && rebased.text.contains(#""field":"sourceLiaisonBaseId""#))
            let resourced = try await send("PATCH", need, liaison, #"{"source":"inquiry","sourceLiaisonBaseId":null}"#)
            #expect(resourced.status == 422 && resourced.text.contains(#""field":"source""#))
            let recredited = try await send("PATCH", need, coordinator, #"{"sourceLiaisonBaseId":"\#(bases[1].id.uuidString.lowercased())"}"#)
            #expect(recredited.status == 200 && recredited.header("ETag") == "\"2\"")
        }
    }

    @Test("item 6: an event's organizers must be organizer, coordinator or admin users")
    func eventOrganizers() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let (_, company) = try await application.token(for: .company)
            let (_, organizer) = try await application.token(for: .organizer)
            let (_, coordinator) = try await application.token(for: .coordinator)
            func create(_ organizers: [Principal]) async throws -> TestClient.Response {
                let ids = organizers.map { #""\#($0.userID.uuidString.lowercased())""# }.joined(separator: ",")
                return try await TestClient.request(
                    port: port, "POST", "/v1/events", headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
                    body: #"""
                    {"kind":"convention","titleJa":"横浜脱炭素コンベンション","titleEn":"Yokohama Decarbonization Convention","startsAt":"2025-06-01T00:00:00Z","endsAt":"2025-06-02T09:00:00Z","venue":"パシフィコ横浜","format":"hybrid","inPersonCapacity":300,"onlineCapacity":1000,"organizerUserIds":[\#(ids)]}
                    """#)
            }
            let refused = try await create([organizer, company])
            #expect(refused.status == 422 && refused.text.contains(#""field":"organizerUserIds""#))
            #expect(try await create([organizer, coordinator]).status == 201)
        }
    }
}
