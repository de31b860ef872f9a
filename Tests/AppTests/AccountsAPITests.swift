import Accounts
import App
import DomainKit
import Foundation
import TestSupport
import Testing

@Suite("Accounts over HTTP")
struct AccountsAPITests {
    private func json(_ response: TestClient.Response) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test("login gives a token that opens /v1/me until logout revokes it")
    func loginMeLogout() async throws {
        try await withTestServer { port, application in
            _ = try await application.token(for: .coordinator)
            let email = "mori-\(UUID().uuidString.prefix(6))@example.jp".lowercased()
            _ = try await application.accounts.createUser(
                .init(email: email, displayName: "森 花子", role: .coordinator, password: "長い日本語のパスワードです横浜"), actor: nil)
            let login = try await TestClient.request(port: port, "POST", "/v1/auth/login", headers: ["Content-Type": "application/json"],
                                                     body: #"{"email":"\#(email)","password":"長い日本語のパスワードです横浜"}"#)
            #expect(login.status == 200)
            let token = try #require(try json(login)["token"] as? String)
            let me = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(me.status == 200)
            #expect(try json(me)["displayName"] as? String == "森 花子")
            #expect(me.header("ETag") != nil)
            #expect(try json(me)["passwordHash"] == nil)
            let logout = try await TestClient.request(port: port, "POST", "/v1/auth/logout", headers: ["Authorization": "Bearer \(token)"])
            #expect(logout.status == 204)
            let after = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(after.status == 401)
        }
    }

    @Test("an unknown email and a wrong password get the same answer, and repeated failures get 429 with Retry-After")
    func failuresAndThrottling() async throws {
        try await withTestServer { port, application in
            _ = try await application.accounts.createUser(
                .init(email: "known@example.jp", displayName: "Known", role: .viewer, password: "a perfectly fine password"), actor: nil)
            let headers = ["Content-Type": "application/json"]
            let unknown = try await TestClient.request(port: port, "POST", "/v1/auth/login", headers: headers,
                                                       body: #"{"email":"nobody@example.jp","password":"whatever it is"}"#)
            let wrong = try await TestClient.request(port: port, "POST", "/v1/auth/login", headers: headers,
                                                     body: #"{"email":"known@example.jp","password":"whatever it is"}"#)
            #expect(unknown.status == 401)
            #expect(unknown.text == wrong.text)
            var last = wrong
            for _ in 0..<5 {
                last = try await TestClient.request(port: port, "POST", "/v1/auth/login", headers: headers,
                                                    body: #"{"email":"known@example.jp","password":"whatever it is"}"#)
            }
            #expect(last.status == 429)
            #expect(Int(last.header("Retry-After") ?? "") ?? 0 > 0)
        }
    }

    @Test("a login body with a missing field is a 422 naming it")
    func loginValidation() async throws {
        try await withTestServer { port, _ in
            let response = try await TestClient.request(port: port, "POST", "/v1/auth/login", headers: ["Content-Type": "application/json"],
                                                        body: #"{"email":"x@example.jp"}"#)
            #expect(response.status == 422)
            #expect(response.text.contains(#""field":"password""#))
        }
    }

    @Test("admins create users with an ETag, and a stale If-Match gets 412")
    func optimisticConcurrency() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            let created = try await TestClient.request(port: port, "POST", "/v1/users", headers: auth,
                body: #"{"email":"new.user@example.jp","displayName":"新しい 利用者","role":"viewer","password":"a long enough password"}"#)
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            let etag = try #require(created.header("ETag"))
            var patch = auth
            patch["If-Match"] = etag
            let disabled = try await TestClient.request(port: port, "PATCH", location, headers: patch, body: #"{"disabled":true}"#)
            #expect(disabled.status == 200)
            #expect(disabled.header("ETag") != etag)
            let stale = try await TestClient.request(port: port, "PATCH", location, headers: patch, body: #"{"disabled":false}"#)
            #expect(stale.status == 412)
            var missing = auth
            missing["If-Match"] = nil
            #expect(try await TestClient.request(port: port, "PATCH", location, headers: missing, body: #"{"disabled":false}"#).status == 428)
            let audit = try await TestClient.request(port: port, "GET", "/v1/audit?entity=user", headers: auth)
            #expect(audit.status == 200)
            #expect(!audit.text.contains("a long enough password"))
        }
    }
}
