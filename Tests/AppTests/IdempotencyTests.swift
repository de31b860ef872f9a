import Accounts
import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Idempotency-Key on POST")
struct IdempotencyTests {
    @Test("a retried POST with the same key creates nothing twice and replays the first answer")
    func replay() async throws {
        try await withTestServer { port, application in
            let (admin, principal) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json", "Idempotency-Key": "create-hanako-1"]
            let body = #"{"email":"hanako@example.jp","displayName":"花子","role":"viewer","password":"a long enough password"}"#
            let first = try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: body)
            let second = try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: body)
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(second.body == first.body)
            #expect(second.header("Idempotent-Replayed") == "true")
            #expect(second.header("Location") == first.header("Location"))
            let page = try await application.accounts.listUsers(filter: UserFilter(text: "hanako"), actor: principal)
            #expect(page.items.count == 1)
        }
    }

    @Test("the same key with a different body is a 422 and changes nothing")
    func differentBody() async throws {
        try await withTestServer { port, application in
            let (admin, principal) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json", "Idempotency-Key": "k-2"]
            _ = try await TestClient.request(port: port, "POST", "/v1/users", headers: headers,
                body: #"{"email":"first@example.jp","displayName":"First","role":"viewer","password":"a long enough password"}"#)
            let reused = try await TestClient.request(port: port, "POST", "/v1/users", headers: headers,
                body: #"{"email":"second@example.jp","displayName":"Second","role":"viewer","password":"a long enough password"}"#)
            #expect(reused.status == 422)
            let page = try await application.accounts.listUsers(filter: UserFilter(text: "second@"), actor: principal)
            #expect(page.items.isEmpty)
        }
    }

    @Test("a failed request releases its key, so a corrected retry runs")
    func failureReleases() async throws {
        try await withTestServer { port, application in
            let (admin, _) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json", "Idempotency-Key": "k-3"]
            let body = #"{"email":"weak@example.jp","displayName":"Weak","role":"viewer","password":"short"}"#
            #expect(try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: body).status == 422)
            let fixed = #"{"email":"weak@example.jp","displayName":"Weak","role":"viewer","password":"a long enough password"}"#
            #expect(try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: fixed).status == 201)
        }
    }

    @Test("concurrent requests with one key create exactly one record")
    func concurrent() async throws {
        try await withTestServer { port, application in
            let (admin, principal) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json", "Idempotency-Key": "k-4"]
            let body = #"{"email":"racer@example.jp","displayName":"Racer","role":"viewer","password":"a long enough password"}"#
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: body).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
            #expect(statuses.contains(201))
            let page = try await application.accounts.listUsers(filter: UserFilter(text: "racer@"), actor: principal)
            #expect(page.items.count == 1)
        }
    }

    @Test("an answer that shows a secret once is kept without it: a retry gets the record, the secret is stored nowhere in the clear")
    func secretsAreNotKept() async throws {
        try await withTestServer { port, application in
            let (admin, _) = try await application.token(for: .admin)
            let created: [(path: String, body: String, secret: String)] = [
                ("/v1/api-keys", #"{"name":"reporting","scopes":["kpi:read"]}"#, "token"),
                ("/v1/notification-endpoints", #"{"channel":"webhook","name":"crm","url":"https://crm.example.jp/hook","events":["lead_stage_changed"]}"#,
                 "signingSecret"),
            ]
            for (index, (path, body, member)) in created.enumerated() {
                let headers = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json", "Idempotency-Key": "secret-\(index)"]
                let first = try await TestClient.request(port: port, "POST", path, headers: headers, body: body)
                #expect(first.status == 201)
                let answer = try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any]
                let secret = try #require(answer?[member] as? String)
                let stored: String = try await application.pool.query(
                    "SELECT convert_from(response_body, 'UTF8') AS body FROM idempotency_keys WHERE key = \("secret-\(index)")")[0].decode("body")
                #expect(!stored.contains(secret), "\(path): the secret is kept in idempotency_keys")
                let retry = try await TestClient.request(port: port, "POST", path, headers: headers, body: body)
                #expect(retry.status == 201)
                #expect(retry.header("Idempotent-Replayed") == "true")
                let replayed = try JSONSerialization.jsonObject(with: Data(retry.body)) as? [String: Any]
                #expect(replayed?[member] == nil)
                #expect(Set(replayed?.keys.map { $0 } ?? []) == Set(answer?.keys.map { $0 } ?? []).subtracting([member]))
            }
            let keys: Int = try await application.pool.query("SELECT count(*) AS n FROM auth_tokens WHERE kind = 'api_key'")[0].decode("n")
            #expect(keys == 1, "the retry made no second key")
        }
    }
}
