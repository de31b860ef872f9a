import Accounts
import App
import DomainKit
import Foundation
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
}
