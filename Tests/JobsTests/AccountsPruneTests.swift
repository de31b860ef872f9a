import App
import Companies
import DomainKit
import Foundation
import Jobs
import Mail
import Postgres
import TestSupport
import Testing

@Suite("The nightly prune of login attempts and expired sessions")
struct AccountsPruneTests {
    /// Nothing deleted either table's rows before: every login and every failed guess stayed forever.
    @Test("accounts.prune deletes expired sessions and stale failed logins, and keeps live sessions, API keys and fresh attempts")
    func prunesExpiredRows() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            let now = application.clock.now()
            let (_, expiring) = try await application.token(for: .coordinator)
            let (live, liveUser) = try await application.token(for: .coordinator)
            let key = try await TestClient.request(
                port: port, "POST", "/v1/api-keys",
                headers: ["Authorization": "Bearer \(live)", "Content-Type": "application/json"],
                body: #"{"name":"expired key","scopes":["kpi:read"]}"#)
            #expect(key.status == 201, "\(key.text)")
            let past = now.addingTimeInterval(-60)
            try await pool.execute("""
                UPDATE auth_tokens SET expires_at = \(past)
                WHERE user_id = \(expiring.userID) OR kind = 'api_key'
                """)
            let longAgo = now.addingTimeInterval(-400 * 86_400)
            try await pool.execute("""
                INSERT INTO login_attempts (key, attempted_at, succeeded)
                VALUES ('address:old-guess', \(longAgo), false), ('address:fresh-guess', \(now), false)
                """)

            let unfinished = try await application.runPeriodicJob(named: "accounts.prune", period: now)

            let kept: [String] = try await pool.query("""
                SELECT CASE WHEN kind = 'session' AND user_id = \(liveUser.userID) THEN 'live session' ELSE kind END AS what
                FROM auth_tokens ORDER BY what
                """).map { try $0.decode("what") }
            #expect(kept == ["api_key", "live session"])
            let attempts: [String] = try await pool.query("SELECT key FROM login_attempts WHERE key LIKE 'address:%-guess'").map { try $0.decode("key") }
            #expect(attempts == ["address:fresh-guess"])
            let stillSignedIn = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(live)"])
            #expect(stillSignedIn.status == 200)
            #expect(unfinished == 0)
        }
    }

    /// An application to join whose address nobody confirmed within its link's life was asked for by nobody (signup31).
    @Test("accounts.prune deletes unconfirmed applications to join past their link's life, and keeps live and confirmed ones")
    func prunesUnconfirmedApplications() async throws {
        try await withTestServer { _, application in
            let pool = application.pool
            let now = application.clock.now()
            for (state, expires, email) in [("unconfirmed", -60.0, "gone@example.jp"), ("unconfirmed", 60.0, "live@example.jp"), ("waiting", -60.0, "kept@example.jp")] {
                try await pool.execute("""
                    INSERT INTO company_applications (state, name_en, size, offer, applicant_name, email, consented_at, link_expires_at, created_at, confirmed_at)
                    VALUES (\(state), 'Minato Water', 'sme', 'Water pumps', 'Hanako', \(email), \(now.addingTimeInterval(-86400)),
                            \(now.addingTimeInterval(expires)), \(now.addingTimeInterval(-86400)), \(state == "waiting" ? now : nil))
                    """)
            }
            #expect(try await application.runPeriodicJob(named: "accounts.prune", period: now) == 0)
            let kept: [String] = try await pool.query("SELECT email FROM company_applications ORDER BY email").map { try $0.decode("email") }
            #expect(kept == ["kept@example.jp", "live@example.jp"])
        }
    }

    /// Decided applications kept the applicant's name, address and department for ever (cap34).
    @Test("accounts.prune anonymises decided applications a year after the decision, keeping the decision, its dates, the reason and the company; younger and waiting ones keep their applicant")
    func anonymisesDecidedApplications() async throws {
        try await withTestServer { _, application in
            let pool = application.pool
            let now = application.clock.now()
            let company = try await DirectoryPlaceholders.company(in: pool)
            let retention = CompanyService.decidedApplicationRetention
            let rows: [(state: String, decidedAgo: TimeInterval?, email: String)] = [
                ("approved", retention + 86_400, "old-approved@example.jp"), ("declined", retention, "old-declined@example.jp"),
                ("declined", retention - 86_400, "young-declined@example.jp"), ("waiting", nil, "waiting@example.jp"),
            ]
            for row in rows {
                let decided = row.decidedAgo.map { now.addingTimeInterval(-$0) }
                try await pool.execute("""
                    INSERT INTO company_applications (state, name_en, size, offer, applicant_name, email, department, consented_at, link_expires_at,
                        created_at, confirmed_at, decided_at, company_id, decline_reason)
                    VALUES (\(row.state), 'Minato Water', 'sme', 'Water pumps', 'Hanako', \(row.email), 'Sales', \(now.addingTimeInterval(-2 * retention)),
                            \(now.addingTimeInterval(-2 * retention)), \(now.addingTimeInterval(-2 * retention)), \(now.addingTimeInterval(-2 * retention)),
                            \(decided), \(row.state == "approved" ? company : nil), \(row.state == "declined" ? "Outside the programme's fields" : nil))
                    """)
            }
            #expect(try await application.runPeriodicJob(named: "accounts.prune", period: now) == 0)
            let stored = try await pool.query("""
                SELECT state, email, applicant_name, department, anonymised_at, decided_at IS NOT NULL AS decided, company_id, decline_reason
                FROM company_applications ORDER BY created_at, decided_at NULLS LAST
                """)
            #expect(stored.count == 4)
            for row in stored {
                let email: String? = try row.decode("email")
                let anonymised: Date? = try row.decode("anonymised_at")
                let state: String = try row.decode("state")
                if email == nil {
                    #expect(try row.decode("applicant_name") as String? == nil && row.decode("department") as String? == nil && anonymised == now)
                    #expect(try row.decode("decided") as Bool && (state == "approved") == (try row.decode("company_id") as UUID? == company))
                    #expect(try state == "approved" || row.decode("decline_reason") as String? == "Outside the programme's fields")
                } else {
                    #expect(try anonymised == nil && row.decode("applicant_name") as String? == "Hanako")
                }
            }
            let kept: [String] = try await pool.query("SELECT email FROM company_applications WHERE email IS NOT NULL ORDER BY email").map { try $0.decode("email") }
            #expect(kept == ["waiting@example.jp", "young-declined@example.jp"])
        }
    }

    struct Deliveries: Decodable {
        struct Item: Decodable {
            struct Cleared: Decodable { let because: String }
            let recipient: String?
            let subject: String?
            let state: String
            let cleared: Cleared?
        }
        let items: [Item]
    }

    /// The outbox kept every recipient, subject, body and relay reply for ever (ops35).
    @Test("accounts.prune clears whom finished mail went to and what it said once it finished Mail.retention ago, with the relay's replies; younger and pending mail keep theirs; the log lists a cleared message")
    func clearsFinishedMail() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            let now = application.clock.now()
            // The delivery job's final states, finished (the programme clock) more, exactly and less than the period ago, and a
            // message still being retried that was written long ago.
            let rows: [(address: String, state: String, finishedAgo: TimeInterval?)] = [
                ("old@example.org", "bounced", Mail.retention + 86_400), ("edge@example.org", "sent", Mail.retention),
                ("young@example.org", "failed", Mail.retention - 86_400), ("pending@example.org", "pending", nil),
            ]
            for row in rows {
                let reply = "550 5.1.1 <\(row.address)>: no such user"
                let id: Int64 = try await pool.query("""
                    INSERT INTO mail_outbox (message_id, kind, recipient, subject, text_body, html_body, images, reference, written_at, state, attempts,
                        last_reply, finished_at, dealt_with_at, dealt_with_by, dealt_with_note)
                    VALUES (gen_random_uuid(), 'registration_confirmation', \(row.address), '受付完了 ' || \(row.address), '受付コード K7QX3M',
                        '<p>K7QX3M</p>', '[{"name": "door-code", "filename": "door-code.png", "qrCode": "K7QX3M"}]', 'registration-1',
                        \(now.addingTimeInterval(-2 * Mail.retention)), \(row.state), 1, \(reply), \(row.finishedAgo.map { now.addingTimeInterval(-$0) }),
                        \(row.state == "bounced" ? now : nil), \(row.state == "bounced" ? UUID() : nil), \(row.state == "bounced" ? "Told \(row.address) by phone" : nil))
                    RETURNING id
                    """)[0].decode("id")
                try await pool.execute("""
                    INSERT INTO mail_delivery_attempts (outbox_id, attempt, outcome, reply_code, reply) VALUES (\(id), 1, 'deferred', 550, \(reply))
                    """)
            }

            #expect(try await application.runPeriodicJob(named: "accounts.prune", period: now) == 0)

            let kept: [String] = try await pool.query("""
                SELECT recipient FROM mail_outbox WHERE recipient IS NOT NULL AND cleared_at IS NULL ORDER BY recipient
                """).map { try $0.decode("recipient") }
            #expect(kept == ["pending@example.org", "young@example.org"])
            let cleared = try await pool.query("""
                SELECT state, cleared_at, cleared_because, subject, text_body, html_body, images::text AS images, last_reply, dealt_with_note,
                       dealt_with_at IS NOT NULL AS dealt_with, (SELECT string_agg(a.reply, '') FROM mail_delivery_attempts a WHERE a.outbox_id = o.id) AS replies
                FROM mail_outbox o WHERE recipient IS NULL ORDER BY state
                """)
            #expect(try cleared.map { try $0.decode("state", as: String.self) } == ["bounced", "sent"])
            for row in cleared {
                #expect(try row.decode("cleared_at", as: Date?.self) == now && row.decode("cleared_because", as: String?.self) == "retention")
                #expect(try row.decode("subject", as: String?.self) == nil && row.decode("text_body", as: String?.self) == nil
                        && row.decode("html_body", as: String?.self) == nil && row.decode("images", as: String.self) == "[]")
                #expect(try row.decode("last_reply", as: String?.self) == nil && row.decode("dealt_with_note", as: String?.self) == nil)
                #expect(try row.decode("replies", as: String?.self) == "")
            }
            #expect(try cleared.first?.decode("dealt_with", as: Bool.self) == true, "the mark stays, without its note")
            let untouched: [String] = try await pool.query("""
                SELECT a.reply FROM mail_delivery_attempts a JOIN mail_outbox o ON o.id = a.outbox_id WHERE o.cleared_at IS NULL ORDER BY o.recipient
                """).map { try $0.decode("reply") }
            #expect(untouched == ["550 5.1.1 <pending@example.org>: no such user", "550 5.1.1 <young@example.org>: no such user"])

            let (token, _) = try await application.token(for: .admin)
            let listed = try await TestClient.request(port: port, "GET", "/v1/mail/deliveries", headers: ["Authorization": "Bearer \(token)"])
            #expect(listed.status == 200, "\(listed.text)")
            let items = try JSONDecoder().decode(Deliveries.self, from: Data(listed.body)).items
            #expect(items.filter { $0.cleared?.because == "retention" && $0.recipient == nil && $0.subject == nil }.map(\.state).sorted() == ["bounced", "sent"])
        }
    }
}
