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

    struct Marked: Decodable {
        struct Item: Decodable {
            struct DealtWith: Decodable {
                let by: UUID
                let note: String?
            }
            let id: Int64
            let recipient: String
            let dealtWith: DealtWith?
        }
        let items: [Item]
    }

    @Test("an admin marks undelivered mail as dealt with, all or nothing, with who, when and a note; the list filters on it; refusals write nothing")
    func dealtWith() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            // The states the delivery job leaves: refused by the recipient's server, given up after every retry, delivered.
            var ids: [String: Int64] = [:]
            for (address, state) in [("bounced@example.org", "bounced"), ("failed@example.org", "failed"), ("sent@example.org", "sent")] {
                try await pool.transaction { try await Mail.enqueue(try sampleMessage(to: address), writtenAt: TestClock.standardStart, on: $0) }
                ids[state] = try await pool.query("""
                    UPDATE mail_outbox SET state = \(state), attempts = 1, finished_at = \(TestClock.standardStart) WHERE recipient = \(address) RETURNING id
                    """)[0].decode("id")
            }
            let (bounced, failed, sent) = (ids["bounced"]!, ids["failed"]!, ids["sent"]!)
            let (token, admin) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let marks = { () async throws -> Int in try await pool.query("SELECT count(*) FROM mail_outbox WHERE dealt_with_at IS NOT NULL")[0].decode(column: 0) }

            // A delivered message among those asked: nothing is marked, not even the undelivered one.
            let withSent = try await TestClient.request(port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[\#(bounced),\#(sent)]}"#)
            #expect(withSent.status == 409 && withSent.text.contains("is sent"), "\(withSent.text)")
            let unknown = try await TestClient.request(port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[\#(bounced),\#(sent + 1000)]}"#)
            #expect(unknown.status == 404, "\(unknown.text)")
            let empty = try await TestClient.request(port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[]}"#)
            #expect(empty.status == 422 && empty.text.contains(#""field":"ids""#), "\(empty.text)")
            let long = try await TestClient.request(
                port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[\#(bounced)],"note":"\#(String(repeating: "あ", count: 501))"}"#)
            #expect(long.status == 422 && long.text.contains(#""field":"note""#), "\(long.text)")
            #expect(try await marks() == 0)

            let marked = try await TestClient.request(
                port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[\#(bounced),\#(failed)],"note":"主催者と宛先を確かめた"}"#)
            #expect(marked.status == 200, "\(marked.text)")
            let items = try JSONDecoder().decode(Marked.self, from: Data(marked.body)).items
            #expect(Set(items.map(\.id)) == [bounced, failed])
            #expect(items.allSatisfy { $0.dealtWith?.by == admin.userID && $0.dealtWith?.note == "主催者と宛先を確かめた" })
            let stamped: Int = try await pool.query("""
                SELECT count(*) FROM mail_outbox WHERE dealt_with_at = \(application.clock.now()) AND dealt_with_by = \(admin.userID)
                """)[0].decode(column: 0)
            #expect(stamped == 2, "when: the programme clock")

            let open = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?state=bounced&dealtWith=false", headers: auth)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(open.body)).items.isEmpty)
            let done = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?dealtWith=true", headers: auth)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(done.body)).items.map(\.id) == [failed, bounced])
            let notDone = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?dealtWith=false", headers: auth)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(notDone.body)).items.map(\.id) == [sent])
            #expect(try await TestClient.request(port: port, "GET", "/v1/mail/deliveries?dealtWith=yes", headers: auth).status == 400)

            // Marked twice (a second click, another administrator first): a 409, the first mark kept.
            let again = try await TestClient.request(
                port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[\#(bounced)],"note":"second"}"#)
            #expect(again.status == 409 && again.text.contains("dealt with already"), "\(again.text)")
            let note: String? = try await pool.query("SELECT dealt_with_note FROM mail_outbox WHERE id = \(bounced)")[0].decode(column: 0)
            #expect(note == "主催者と宛先を確かめた")

            let (organizerToken, _) = try await application.token(for: .organizer)
            let refused = try await TestClient.request(
                port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: ["Authorization": "Bearer \(organizerToken)", "Content-Type": "application/json"],
                body: #"{"ids":[\#(sent)]}"#)
            #expect(refused.status == 403)
        }
    }

    /// gojuon36: the console's unfiltered log offered a checkbox on mail cleared at its person's erasure, and the API marked it.
    @Test("mail cleared at its person's erasure cannot be marked as dealt with: a 409 naming it, nothing marked; mail cleared by retention still can be")
    func erasedNotMarkable() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            var ids: [String: Int64] = [:]
            for address in ["erased@example.org", "kept@example.org", "old@example.org"] {
                try await pool.transaction { try await Mail.enqueue(try sampleMessage(to: address), writtenAt: TestClock.standardStart, on: $0) }
                ids[address] = try await pool.query("""
                    UPDATE mail_outbox SET state = 'bounced', attempts = 1, finished_at = \(TestClock.standardStart), reference = \(address)
                    WHERE recipient = \(address) RETURNING id
                    """)[0].decode("id")
            }
            let (erased, kept, old) = (ids["erased@example.org"]!, ids["kept@example.org"]!, ids["old@example.org"]!)
            try await pool.transaction { try await Mail.clear(references: ["erased@example.org"], now: application.clock.now(), on: $0) }
            try await Mail.clearFinished(now: TestClock.standardStart.addingTimeInterval(Mail.retention + 86_400), pool: pool)
            let cleared: [String] = try await pool.query("SELECT cleared_because FROM mail_outbox ORDER BY id").map { try $0.decode(column: 0) }
            #expect(cleared == ["erasure", "retention", "retention"], "the erased person's by erasure, the others by the retention that came after")
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let marks = { () async throws -> Int in try await pool.query("SELECT count(*) FROM mail_outbox WHERE dealt_with_at IS NOT NULL")[0].decode(column: 0) }

            let refused = try await TestClient.request(port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[\#(kept),\#(erased)]}"#)
            #expect(refused.status == 409 && refused.text.contains("Mail delivery \(erased) was to a person whose data was erased"), "\(refused.text)")
            #expect(refused.text.contains(#""field":"ids""#))
            #expect(try await marks() == 0)

            let marked = try await TestClient.request(port: port, "POST", "/v1/mail/deliveries/dealt-with", headers: auth, body: #"{"ids":[\#(kept),\#(old)]}"#)
            #expect(marked.status == 200, "\(marked.text)")
            #expect(try await marks() == 2)
        }
    }
}
