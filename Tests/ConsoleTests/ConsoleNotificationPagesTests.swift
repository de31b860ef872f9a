import Accounts
import App
@testable import Console
import Conventions
import DomainKit
import Foundation
import Mail
import Notifications
import Postgres
import TestSupport
import Testing

/// The administrator's mail log and notification endpoints (console15): the secret shown once and kept
/// nowhere, the address never written into a page, a stale edit, a delivery sent again.
@Suite("Console administration: mail log and webhooks")
struct ConsoleNotificationPagesTests {
    static let address = "https://receiver.example.org/hooks/domino-7Qx9"

    @Test("the mail log lists a message with its recipient and state, filtered by state and reference")
    func mailLog() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await application.pool.transaction { db in
                try await Mail.enqueue(
                    MailMessage(kind: .registrationConfirmation, to: try MailAddress("guest@example.org"), subject: "ご登録ありがとうございます",
                                text: "本文", reference: "registration-42"),
                    writtenAt: application.clock.now(), on: db)
            }
            var admin = world.browsers[.admin]!
            let list = try await admin.get("/mail")
            #expect(list.status == 200 && list.text.contains("guest@example.org") && list.text.contains("ご登録ありがとうございます") && list.text.contains("送信待ち"))
            #expect(try await admin.get("/mail?reference=registration-42").text.contains("guest@example.org"))
            #expect(!(try await admin.get("/mail?state=sent").text.contains("guest@example.org")))
            #expect(!(try await admin.get("/mail?reference=other").text.contains("guest@example.org")))
        }
    }

    /// An erased participant's mail kept their address, name and door code in the outbox (ops35).
    @Test("a participant's erasure clears their mail at once (a message still waiting is not sent); others' mail stays; the log says why the address is gone")
    func erasureClearsMail() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let pool = application.pool
            let (_, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            let erased = try await ConventionPagesTests.register(application, event, "an@example.vn")
            _ = try await ConventionPagesTests.register(application, event, "binh@example.vn", nameJa: "チャン・ビン")
            let reference = erased.id.uuidString.lowercased()
            // The confirmation delivered (with the relay's reply), and a message about the same registration still waiting.
            let sent: Int64 = try #require(try await pool.query("""
                UPDATE mail_outbox SET state = 'sent', attempts = 1, last_reply = '250 2.0.0 Ok <an@example.vn>', finished_at = \(application.clock.now())
                WHERE reference = \(reference) RETURNING id
                """).first).decode("id")
            try await pool.execute("""
                INSERT INTO mail_delivery_attempts (outbox_id, attempt, outcome, reply_code, reply) VALUES (\(sent), 1, 'sent', 250, '250 2.0.0 Ok <an@example.vn>')
                """)
            try await pool.transaction { db in
                try await Mail.enqueue(MailMessage(kind: .organizerMessage, to: try MailAddress("an@example.vn"), subject: "お知らせ", text: "グエン・アン様",
                                                   reference: reference), writtenAt: application.clock.now(), on: db)
            }

            try await application.conventions.eraseParticipant(erased.participant.id, by: ConventionPagesTests.admin)

            let rows = try await pool.query("""
                SELECT recipient, subject, text_body, state, cleared_because, cleared_at,
                       (SELECT string_agg(a.reply, '') FROM mail_delivery_attempts a WHERE a.outbox_id = o.id) AS replies
                FROM mail_outbox o WHERE reference = \(reference) ORDER BY id
                """)
            #expect(try rows.map { try $0.decode("state", as: String.self) } == ["sent", "failed"])
            for row in rows {
                #expect(try row.decode("recipient", as: String?.self) == nil && row.decode("subject", as: String?.self) == nil
                        && row.decode("text_body", as: String?.self) == nil)
                #expect(try row.decode("cleared_because", as: String?.self) == "erasure" && row.decode("cleared_at", as: Date?.self) == application.clock.now())
            }
            #expect(try rows.first?.decode("replies", as: String?.self) == "")
            let others: [String] = try await pool.query("SELECT recipient FROM mail_outbox WHERE recipient IS NOT NULL").map { try $0.decode("recipient") }
            #expect(others == ["binh@example.vn"])

            let (email, _) = try await ConsoleBrowser.user(application, .admin)
            var admin = ConsoleBrowser(port: port)
            _ = try await admin.signIn(email)
            let log = try await admin.get("/mail")
            #expect(log.status == 200 && log.text.contains("本人の情報を消去したため宛先を消去しました") && log.text.contains("binh@example.vn"))
            #expect(!log.text.contains("an@example.vn"))
            // The message that never went out waits on nobody: the home's "not dealt with" list leaves it out.
            let waiting = try await admin.get("/mail?state=failed&dealtWith=false")
            #expect(waiting.status == 200 && !waiting.text.contains("本人の情報を消去したため宛先を消去しました"))
            // Nor does the unfiltered log offer to mark it (gojuon36), and marking it anyway is refused with why.
            let failed: Int64 = try await pool.query("SELECT id FROM mail_outbox WHERE reference = \(reference) AND state = 'failed'")[0].decode(column: 0)
            #expect(!log.text.contains("name=\"id\" value=\"\(failed)\""))
            let refused = try await admin.post("/mail/dealt-with", form: [("id", String(failed)), ("mark", "chosen")])
            #expect(refused.status == 409 && refused.text.contains("本人の情報を消去した人宛てのものがあります。このメールは対応済みにできません。何も変更していません。"))
            let marked: Int = try await pool.query("SELECT count(*) FROM mail_outbox WHERE dealt_with_at IS NOT NULL")[0].decode(column: 0)
            #expect(marked == 0)
        }
    }

    @Test("undelivered mail is marked as dealt with from the log, chosen or all shown, with who, when and a note; nothing chosen, a note too long, delivered mail, a stale page and other roles are refused with nothing written")
    func mailDealtWith() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let pool = application.pool
            // The states the delivery job leaves: refused by the recipient's server, given up after every retry, delivered.
            var ids: [String: Int64] = [:]
            for (address, state) in [("bounced@example.org", "bounced"), ("failed@example.org", "failed"), ("sent@example.org", "sent")] {
                try await pool.transaction { db in
                    try await Mail.enqueue(MailMessage(kind: .registrationConfirmation, to: try MailAddress(address), subject: "ご登録ありがとうございます", text: "本文"),
                                           writtenAt: application.clock.now(), on: db)
                }
                ids[state] = try await pool.query("""
                    UPDATE mail_outbox SET state = \(state), attempts = 1, finished_at = \(application.clock.now()) WHERE recipient = \(address) RETURNING id
                    """)[0].decode("id")
            }
            let (bounced, failed, sent) = (ids["bounced"]!, ids["failed"]!, ids["sent"]!)
            let marks = { () async throws -> Int in try await pool.query("SELECT count(*) FROM mail_outbox WHERE dealt_with_at IS NOT NULL")[0].decode(column: 0) }
            let (email, user) = try await ConsoleBrowser.user(application, .admin)
            var admin = ConsoleBrowser(port: port)
            _ = try await admin.signIn(email)

            let open = try await admin.get("/mail?dealtWith=false")
            #expect(open.status == 200 && open.text.contains("name=\"id\" value=\"\(bounced)\"") && open.text.contains("name=\"id\" value=\"\(failed)\""))
            #expect(!open.text.contains("name=\"id\" value=\"\(sent)\"") && open.text.contains("表示中の未対応メール2件をすべて対応済みにする"))
            let action = "/mail/dealt-with?dealtWith=false"
            #expect(open.text.contains("action=\"\(action.replacingOccurrences(of: "&", with: "&amp;"))\""))

            let nothing = try await admin.post(action, form: [("mark", "chosen"), ("note", "宛先を確認")])
            #expect(nothing.status == 422 && nothing.text.contains("対応済みにするメールを選んでください") && nothing.text.contains("value=\"宛先を確認\""))
            let long = String(repeating: "あ", count: 501)
            let tooLong = try await admin.post(action, form: [("id", String(bounced)), ("mark", "chosen"), ("note", long)])
            #expect(tooLong.status == 422 && tooLong.text.contains("メモは500文字以内で入力してください") && tooLong.text.contains(long))
            let delivered = try await admin.post(action, form: [("id", String(bounced)), ("id", String(sent)), ("mark", "chosen")])
            #expect(delivered.status == 409 && delivered.text.contains("sent@example.org宛てのメールは「送信済み」のため、対応済みにできません。何も変更していません。"))
            #expect(try await marks() == 0)

            let marked = try await admin.post(action, form: [("id", String(bounced)), ("mark", "chosen"), ("note", "主催者と宛先を確かめた")])
            #expect(marked.status == 303 && marked.header("Location") == "/mail?dealtWith=false&marked=1")
            let after = try await admin.get("/mail?dealtWith=false&marked=1")
            #expect(after.text.contains("1件のメールを対応済みにしました。") && !after.text.contains("bounced@example.org") && after.text.contains("failed@example.org"))
            let stamped: Int = try await pool.query("""
                SELECT count(*) FROM mail_outbox
                WHERE id = \(bounced) AND dealt_with_at = \(application.clock.now()) AND dealt_with_by = \(user.id) AND dealt_with_note = '主催者と宛先を確かめた'
                """)[0].decode(column: 0)
            #expect(stamped == 1, "who, when (the programme clock) and the note")
            let done = try await admin.get("/mail?dealtWith=true")
            #expect(done.text.contains("bounced@example.org") && done.text.contains("Console adminさんが対応済みにしました") && done.text.contains("主催者と宛先を確かめた"))
            #expect(!done.text.contains("failed@example.org"))

            // The page shown before the mark, sent again (another administrator, a second click): refused, the first mark kept.
            let stale = try await admin.post(action, form: [("id", String(bounced)), ("mark", "chosen"), ("note", "second")])
            #expect(stale.status == 409 && stale.text.contains("bounced@example.org宛てのメールは、すでに対応済みです"))
            #expect(try await marks() == 1)

            // Every undelivered message the page showed, at once.
            let all = try await admin.post(action, form: [("shown", String(failed)), ("mark", "shown")])
            #expect(all.status == 303)
            #expect(try await marks() == 2)
            #expect(!(try await admin.get("/mail?dealtWith=false").text.contains("name=\"id\"")), "nothing left to mark")

            try await pool.execute("UPDATE mail_outbox SET dealt_with_at = NULL, dealt_with_by = NULL, dealt_with_note = NULL")
            for role in [Role.coordinator, .organizer, .viewer, .company, .liaison] {
                var browser = world.browsers[role]!
                _ = try await browser.get("/")
                let refused = try await browser.post(action, form: [("id", String(bounced)), ("mark", "chosen")])
                #expect(refused.status == 403, "\(role)")
            }
            #expect(try await marks() == 0)
        }
    }

    @Test("marking undelivered mail from a later page of the log lands back on that page, with the banner and its filters")
    func mailDealtWithLaterPage() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let pool = application.pool
            // One message more than two pages hold less one: the oldest two are on the second page.
            let count = Console.mailPageSize + 2
            try await pool.transaction { db in
                for i in 1...count {
                    try await Mail.enqueue(MailMessage(kind: .registrationConfirmation, to: try MailAddress("m\(i)@example.org"), subject: "件名", text: "本文"),
                                           writtenAt: application.clock.now(), on: db)
                }
            }
            try await pool.execute("UPDATE mail_outbox SET state = 'bounced', attempts = 1, finished_at = \(application.clock.now())")
            let oldest: Int64 = try await pool.query("SELECT min(id) FROM mail_outbox")[0].decode(column: 0)
            var admin = world.browsers[.admin]!
            let first = try await admin.get("/mail?dealtWith=false")
            let next = try #require(first.text.range(of: "href=\"/mail?dealtWith=false&amp;cursor="))
            let cursor = String(first.text[next.upperBound...].prefix { $0 != "\"" && $0 != "&" })
            let second = try await admin.get("/mail?dealtWith=false&cursor=\(cursor)")
            #expect(second.text.contains("m1@example.org") && !second.text.contains("m\(count)@example.org"))
            let action = "/mail/dealt-with?dealtWith=false&cursor=\(cursor)"
            #expect(second.text.contains("action=\"\(action.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let marked = try await admin.post(action, form: [("id", String(oldest)), ("mark", "chosen")])
            #expect(marked.status == 303 && marked.header("Location") == "/mail?dealtWith=false&cursor=\(cursor)&marked=1")
            let back = try await admin.get("/mail?dealtWith=false&cursor=\(cursor)&marked=1")
            #expect(back.text.contains("1件のメールを対応済みにしました。") && back.text.contains("m2@example.org"))
            #expect(!back.text.contains("m1@example.org") && !back.text.contains("m\(count)@example.org"), "the same later page, less the marked message")
        }
    }

    @Test("a webhook's signing secret is shown once on the answer page and nowhere after; its address never reaches a page")
    func secretShownOnce() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let form = try await admin.get("/webhooks/new")
            #expect(form.status == 200 && form.text.contains("type=\"password\" id=\"endpointUrl\""))
            let submission = try #require(ConsoleBrowser.submission(in: form.text, action: "/webhooks"))
            let fields: [(String, String)] = [
                ("channel", "webhook"), ("name", "CRM 連携"), ("endpointUrl", Self.address), ("events", "lead_stage_changed"), ("events", "kpi_at_risk"),
                ("enabled", "true"),
            ]
            let created = try await admin.post("/webhooks", form: fields, submission: submission)
            #expect(created.status == 200 && created.text.contains("この秘密鍵が表示されるのは今回だけです"))
            let secret = String(created.text[try #require(created.text.range(of: "<code class=\"secret\">")).upperBound...].prefix { $0 != "<" })
            #expect(secret.count == 64)
            #expect(!created.text.contains(Self.address), "the address is not written back")
            let link = try #require(created.text.range(of: "href=\"/webhooks/"))
            let path = "/webhooks/" + created.text[link.upperBound...].prefix { $0 != "\"" }
            let page = try await admin.get(path)
            #expect(page.status == 200 && page.text.contains("https://receiver.example.org/…7Qx9") && !page.text.contains(secret))
            #expect(!(try await admin.get("/webhooks").text.contains(secret)))
            // The same form sent again (a double click, a reload) reopens the list: the secret is not kept for it.
            let again = try await admin.post("/webhooks", form: fields, submission: submission)
            #expect(again.status == 303 && again.header("Location") == "/webhooks")
            let kept: Int = try await application.pool.query(
                "SELECT count(*) FROM idempotency_keys WHERE position(convert_to(\(secret), 'UTF8') in coalesce(response_body, ''::bytea)) > 0")[0].decode(column: 0)
            #expect(kept == 0)
            let endpoints: Int = try await application.pool.query("SELECT count(*) FROM notification_endpoints")[0].decode(column: 0)
            #expect(endpoints == 1)
            let edit = try await admin.get("\(path)/edit")
            #expect(!edit.text.contains(Self.address) && edit.text.contains("いまの URL は https://receiver.example.org/…7Qx9 です"))
        }
    }

    @Test("a form sent after its session ended keeps what was typed but not the webhook's address")
    func resumeLeavesAddressOut() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let form = try await admin.get("/webhooks/new")
            let user = try #require(ConsoleSessionTests.hiddenFields(in: form.text).first { $0.0 == "_user" })
            try await application.pool.execute("DELETE FROM console_sessions")
            let refused = try await admin.post("/webhooks", form: [("channel", "slack"), ("name", "広報チャンネル"), ("endpointUrl", Self.address), ("events", "match_introduced"), user],
                                               headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(refused.status == 401 && refused.text.contains("広報チャンネル") && !refused.text.contains(Self.address))
        }
    }

    @Test("refused input is worded beside its field, nothing written; an edit saves; a stale edit lists the saved values; in English too")
    func editAndRefusals() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            _ = try await admin.get("/webhooks/new")
            let refused = try await admin.post("/webhooks", form: [("channel", "slack"), ("name", "広報"), ("endpointUrl", "http://hooks.example.org/x"), ("enabled", "true")])
            #expect(refused.status == 422 && refused.text.contains("送信先 URL は https:// で始まる URL で入力してください")
                && refused.text.contains("送る出来事を1つ以上選んでください") && refused.text.contains("value=\"広報\""))
            #expect(!refused.text.contains("hooks.example.org"))
            #expect(refused.text.contains("安全のため、入力した URL は画面に残していません。もう一度入力してください。"))
            let none: Int = try await application.pool.query("SELECT count(*) FROM notification_endpoints")[0].decode(column: 0)
            #expect(none == 0)
            let created = try await admin.post("/webhooks", form: [
                ("channel", "slack"), ("name", "広報"), ("endpointUrl", Self.address), ("events", "match_introduced"), ("enabled", "true"),
            ])
            #expect(created.status == 200 && !created.text.contains("class=\"secret\""), "a Slack endpoint has no signing secret")
            let link = try #require(created.text.range(of: "href=\"/webhooks/"))
            let path = "/webhooks/" + created.text[link.upperBound...].prefix { $0 != "\"" }
            admin.cookies["domino_lang"] = "en"
            let edit = try await admin.get("\(path)/edit")
            let version = try ConsoleAdminTests.hidden("version", in: edit.text)
            let saved = try await admin.post("\(path)/edit", form: [
                ("name", "Public relations"), ("endpointUrl", ""), ("events", "match_introduced"), ("events", "lead_stage_changed"), ("enabled", "false"),
                ("version", version),
            ])
            #expect(saved.status == 303)
            let page = try await admin.get(try #require(saved.header("Location")))
            #expect(page.text.contains("The endpoint was saved.") && page.text.contains("Off") && page.text.contains("…7Qx9"), "an empty address keeps the old one")
            let stale = try await admin.post("\(path)/edit", form: [("name", "PR"), ("events", "match_introduced"), ("enabled", "true"), ("version", version)])
            #expect(stale.status == 409 && stale.text.contains("Someone changed this endpoint") && stale.text.contains("<dd>Public relations</dd>"))
            #expect(stale.text.contains("value=\"PR\""))
        }
    }

    @Test("a failed delivery is listed on its endpoint's page and sent again")
    func redeliver() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = NotificationService(pool: application.pool, secretsKey: application.configuration.secretsKey)
            let admin = Principal(userID: world.coordinator.userID, role: .admin)
            let endpoint = try await service.createEndpoint(
                EndpointDraft(channel: .webhook, name: "CRM", url: Self.address, events: [.kpiAtRisk]), by: admin).endpoint
            _ = try await application.pool.transaction { db in
                try await Notifications.publish(NotificationEvent(kind: .kpiAtRisk, summary: "KPI ② ★2", occurredAt: application.clock.now()), on: db)
            }
            try await application.pool.execute("UPDATE notification_deliveries SET state = 'failed', attempts = 8, last_status = 500")
            var browser = world.browsers[.admin]!
            let path = "/webhooks/\(endpoint.id.uuidString.lowercased())"
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.text.contains("KPI の未達のおそれ") && page.text.contains("HTTP 500") && page.text.contains("失敗"))
            let action = String(page.text[try #require(page.text.range(of: "action=\"/webhook-deliveries/")).lowerBound...].dropFirst("action=\"".count).prefix { $0 != "\"" })
            let sent = try await browser.post(action, form: [])
            #expect(sent.status == 303 && sent.header("Location") == "\(path)?redelivered=1")
            let state: String = try await application.pool.query("SELECT state FROM notification_deliveries")[0].decode(column: 0)
            #expect(state == "pending")
            var coordinator = world.browsers[.coordinator]!
            _ = try await coordinator.get("/")
            #expect(try await coordinator.post(action, form: []).status == 403)
        }
    }
}
