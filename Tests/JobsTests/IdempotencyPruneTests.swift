import App
import DomainKit
import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

@Suite("The nightly prune of idempotency records")
struct IdempotencyPruneTests {
    /// A claim dropped only its own user's old records, so a user who never posted again kept theirs, kept
    /// answers included (a page with people's names, a response body), for as long as the database lived.
    @Test("the deployment's nightly idempotency.prune deletes every user's records older than a day and keeps the rest")
    func prunesEveryUser() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            let (token, _) = try await application.token(for: .admin)
            let (viewerToken, _) = try await application.token(for: .viewer)
            // Two users' records through the API's Idempotency-Key, as any client makes them.
            for (bearer, key) in [(token, "old-admin"), (viewerToken, "old-viewer"), (token, "fresh-admin")] {
                let created = try await TestClient.request(
                    port: port, "POST", "/v1/api-keys",
                    headers: ["Authorization": "Bearer \(bearer)", "Content-Type": "application/json", "Idempotency-Key": key],
                    body: #"{"name":"\#(key)","scopes":["kpi:read"]}"#)
                #expect(created.status == 201, "\(created.text)")
            }
            try await pool.execute("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key LIKE 'old-%'")

            let unfinished = try await application.runPeriodicJob(named: "idempotency.prune", period: TestClock.standardStart)

            let left: [String] = try await pool.query("SELECT key FROM idempotency_keys ORDER BY key").map { try $0.decode("key") }
            #expect(left == ["fresh-admin"])
            #expect(unfinished == 0)
        }
    }
}
