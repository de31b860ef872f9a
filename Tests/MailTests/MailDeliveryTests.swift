import Foundation
import Jobs
@testable import Mail
import Postgres
import Testing
import TestSupport

/// Delivery end to end: a real PostgreSQL, a real SMTP conversation with a sink on a socket, the job
/// queue's worker drained with `runOnce()`. No sleeps; waits are bounded loops on conditions.
@Suite("Mail delivery")
struct MailDeliveryTests {
    @Test("a message is delivered once, with its headers, and its parts decode in Python's email parser")
    func delivered() async throws {
        let pool = try await TestDatabase.fresh()
        let message = try sampleMessage()
        try await pool.transaction { try await Mail.enqueue(message, writtenAt: TestClock.standardStart, on: $0) }
        try await withSink { sink in
            let worker = mailWorker(pool, port: sink.port)
            #expect(try await worker.runOnce() == 1)
            let received = try await sink.waitForMessages(1)
            #expect(received[0].sender == "<noreply@domino.example.jp>")
            #expect(received[0].recipient == "<guest@example.org>")
            let parsed = try await parseWithPython(received[0].data)
            #expect(parsed.subject == message.subject)
            #expect(parsed.from == "Domino 横浜 <noreply@domino.example.jp>")
            #expect(parsed.to == "guest@example.org")
            #expect(parsed.messageID == "<\(message.id.uuidString.lowercased())@domino.example.jp>")
            #expect(parsed.date == "Thu, 15 Oct 2026 10:00:00 +0900")
            #expect(parsed.structure == ["multipart/related", "multipart/alternative", "text/plain", "text/html", "image/png"])
            // The line that was only "." survived dot-stuffing.
            #expect(parsed.text == "受付コード: K7QX3M\n.\nDoor code: K7QX3M")
            #expect(parsed.html.contains("受付コード &lt;K7QX3M&gt; &amp; ようこそ"))
            #expect(parsed.html.contains("src=\"cid:door-code.\(message.id.uuidString.lowercased())@domino\""))
            #expect(try await zbar(parsed.images[0]) == "K7QX3M\n")

            #expect(try await outboxRows(pool) == [OutboxRow(state: "sent", attempts: 1)])
            #expect(try await deliveryLog(pool) == ["sent 250"])
            // Stamped from the programme clock, not the database's.
            #expect(try await finishedAt(pool) == [TestClock.standardStart])
            // The same job run again, or enqueued again by hand, finds the message sent and sends nothing.
            try await JobQueue.enqueue(try MailDelivery.job(for: message.id), in: pool)
            #expect(try await worker.runOnce() == 1)
            #expect(sink.received.count == 1)
        }
    }

    @Test("an outbox row and its job exist exactly when the causing transaction committed")
    func transactional() async throws {
        let pool = try await TestDatabase.fresh()
        struct Abandoned: Error {}
        await #expect(throws: Abandoned.self) {
            try await pool.transaction { db in
                try await Mail.enqueue(try sampleMessage(), writtenAt: TestClock.standardStart, on: db)
                throw Abandoned()
            }
        }
        #expect(try await outboxRows(pool) == [])
        #expect(try await pool.query("SELECT count(*)::int FROM jobs WHERE kind = 'mail.deliver'")[0].decode(column: 0) as Int == 0)
        let message = try sampleMessage()
        try await pool.transaction { try await Mail.enqueue(message, writtenAt: TestClock.standardStart, on: $0) }
        // Enqueueing the same message again is a no-op: its id is the outbox's unique key and the waiting job's.
        try await pool.transaction { try await Mail.enqueue(message, writtenAt: TestClock.standardStart, on: $0) }
        #expect(try await outboxRows(pool) == [OutboxRow(state: "pending", attempts: 0)])
        #expect(try await pool.query("SELECT count(*)::int FROM jobs WHERE kind = 'mail.deliver'")[0].decode(column: 0) as Int == 1)
    }

    @Test("while the relay is down delivery is deferred and retried, and the message is sent once when it is back")
    func retriesWhenDown() async throws {
        let pool = try await TestDatabase.fresh()
        try await pool.transaction { try await Mail.enqueue(try sampleMessage(), writtenAt: TestClock.standardStart, on: $0) }
        #expect(try await mailWorker(pool, port: try closedPort()).runOnce() == 1)
        #expect(try await outboxRows(pool) == [OutboxRow(state: "pending", attempts: 1)])
        #expect(try await deliveryLog(pool) == ["deferred 0"])
        #expect(try await finishedAt(pool) == [nil])
        let job: (String, Int) = try await pool.query("SELECT state, attempts FROM jobs WHERE kind = 'mail.deliver'").map {
            (try $0.decode("state"), try $0.decode("attempts", as: Int.self))
        }[0]
        #expect(job == ("retryable", 1))

        try await withSink { sink in
            // A relay that answers but defers (4yz) is retried the same way.
            sink.reply(rcpt: "451 4.3.0 try again later")
            try await pool.execute("UPDATE jobs SET run_at = now() WHERE kind = 'mail.deliver'")
            #expect(try await mailWorker(pool, port: sink.port).runOnce() == 1)
            #expect(try await deliveryLog(pool) == ["deferred 0", "deferred 451"])
            #expect(sink.received.isEmpty)

            sink.reply(rcpt: "250 2.1.5 OK")
            try await pool.execute("UPDATE jobs SET run_at = now() WHERE kind = 'mail.deliver'")
            let worker = mailWorker(pool, port: sink.port, retryAfter: .zero)
            #expect(try await worker.runOnce() == 1)
            #expect(try await sink.waitForMessages(1).count == 1)
            #expect(try await outboxRows(pool) == [OutboxRow(state: "sent", attempts: 3)])
            #expect(try await deliveryLog(pool) == ["deferred 0", "deferred 451", "sent 250"])
            #expect(try await pool.query("SELECT state FROM jobs WHERE kind = 'mail.deliver'")[0].decode(column: 0) as String == "completed")
            #expect(try await worker.runOnce() == 0)
            #expect(sink.received.count == 1)
        }
    }

    @Test("a 5xx refusal is recorded as a bounce and not retried")
    func bounce() async throws {
        let pool = try await TestDatabase.fresh()
        try await pool.transaction { try await Mail.enqueue(try sampleMessage(to: "nobody@example.org"), writtenAt: TestClock.standardStart, on: $0) }
        try await withSink { sink in
            sink.reply(rcpt: "550 5.1.1 <nobody@example.org>: no such user")
            let worker = mailWorker(pool, port: sink.port, retryAfter: .zero)
            #expect(try await worker.runOnce() == 1)
            #expect(try await outboxRows(pool) == [OutboxRow(state: "bounced", attempts: 1)])
            #expect(try await deliveryLog(pool) == ["bounced 550"])
            #expect(try await finishedAt(pool) == [TestClock.standardStart])
            let reply: String = try await pool.query("SELECT last_reply FROM mail_outbox")[0].decode(column: 0)
            #expect(reply.contains("550 5.1.1 <nobody@example.org>: no such user"))
            #expect(try await pool.query("SELECT state FROM jobs WHERE kind = 'mail.deliver'")[0].decode(column: 0) as String == "completed")
            #expect(try await worker.runOnce() == 0)
            #expect(sink.received.isEmpty)
        }
    }

    @Test("AUTH PLAIN and AUTH LOGIN present the configured credentials")
    func authentication() async throws {
        let pool = try await TestDatabase.fresh()
        try await pool.transaction { try await Mail.enqueue(try sampleMessage(), writtenAt: TestClock.standardStart, on: $0) }
        try await pool.transaction { try await Mail.enqueue(try sampleMessage(), writtenAt: TestClock.standardStart, on: $0) }
        try await withSink { sink in
            let plain = mailWorker(pool, port: sink.port, credentials: ("domino", "s3cret", .plain))
            var relay = SMTPRelay(host: "127.0.0.1", port: sink.port, timeout: smtpLiveness)
            relay.credentials = ("domino", "s3cret", .login)
            let client = SMTPClient(relay: relay)
            _ = try await client.send("Subject: x\r\n\r\nbody\r\n", from: "noreply@domino.example.jp", to: "guest@example.org")
            #expect(try await plain.runOnce() == 2)
            let received = try await sink.waitForMessages(3)
            // PLAIN: base64("\0domino\0s3cret") (RFC 4616); LOGIN's last answer is the password.
            #expect(received[0].authentication == "LOGIN ZG9taW5v czNjcmV0")
            #expect(received.dropFirst().allSatisfy { $0.authentication == "PLAIN AGRvbWlubwBzM2NyZXQ=" })
        }
    }
}
