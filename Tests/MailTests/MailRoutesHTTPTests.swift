import App
import DomainKit
import Foundation
import Jobs
import Mail
import Postgres
import Testing
import TestSupport

@Suite("Mail delivery log over real HTTP")
struct MailRoutesHTTPTests {
    struct Listed: Decodable {
        struct Item: Decodable {
            struct Attempt: Decodable {
                let attempt: Int
                let outcome: String
                let replyCode: Int?
                let reply: String
            }
            let id: Int64
            let kind: String
            let recipient: String
            let state: String
            let attempts: Int
            let log: [Attempt]
        }
        let items: [Item]
        let nextCursor: String?
    }

    @Test("an admin reads each message's state and the relay's replies, filtered by state, page by page; others get 403")
    func deliveryLog() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            for address in ["a@example.org", "b@example.org"] {
                try await pool.transaction { try await Mail.enqueue(try sampleMessage(to: address), writtenAt: TestClock.standardStart, on: $0) }
            }
            try await withSink { sink in
                sink.reply(rcpt: "550 5.1.1 no such user")
                _ = try await mailWorker(pool, port: sink.port).runOnce()
            }
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            let first = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?state=bounced&limit=1", headers: auth)
            #expect(first.status == 200, "\(first.text)")
            let page1 = try JSONDecoder().decode(Listed.self, from: Data(first.body))
            #expect(page1.items.map(\.recipient) == ["b@example.org"])
            #expect(page1.items.first?.log.map(\.outcome) == ["bounced"])
            #expect(page1.items.first?.log.first?.replyCode == 550)
            let cursor = try #require(page1.nextCursor)
            let second = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?state=bounced&limit=1&cursor=\(cursor)", headers: auth)
            let page2 = try JSONDecoder().decode(Listed.self, from: Data(second.body))
            #expect(page2.items.map(\.recipient) == ["a@example.org"])
            #expect(page2.nextCursor == nil)

            let pending = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?state=pending", headers: auth)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(pending.body)).items.isEmpty)
            let bad = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?state=lost", headers: auth)
            #expect(bad.status == 400)
            let (organizerToken, _) = try await application.token(for: .organizer)
            let refused = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries", headers: ["Authorization": "Bearer \(organizerToken)"])
            #expect(refused.status == 403)
        }
    }
}
