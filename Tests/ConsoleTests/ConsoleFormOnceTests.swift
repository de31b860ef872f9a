import Accounts
import App
import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A console form is sent once (docs/console.md, "A form is sent once"): a double click or a reload of
/// the answer page posts the same submission id again, and gets the first answer instead of a second record.
@Suite("Console forms are sent once")
struct ConsoleFormOnceTests {
    /// Posts from a copy of `browser`, so that two posts can run at the same time.
    static func post(_ browser: ConsoleBrowser, _ path: String, form: [(String, String)], submission: String?) async throws -> TestClient.Response {
        var copy = browser
        return try await copy.post(path, form: form, submission: submission)
    }

    static func count(_ application: Application, _ sql: PostgresQuery) async throws -> Int {
        try await application.pool.query(sql)[0].decode("n")
    }

    @Test("a new need posted twice at once makes one need; each answer leads to it or says it is still being made")
    func needTwiceAtOnce() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let form = try await browser.get("/needs/new")
            let submission = try #require(ConsoleBrowser.submission(in: form.text, action: "/needs/new"))
            let city = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            let fields = [("cityId", city.uuidString.lowercased()), ("titleJa", "二度押しのニーズ"), ("taxonomyCodes", "waste_to_energy"), ("source", "inquiry")]
            let signedIn = browser
            async let first = Self.post(signedIn, "/needs/new", form: fields, submission: submission)
            async let second = Self.post(signedIn, "/needs/new", form: fields, submission: submission)
            let answers = try await [first, second]
            // The second sending waits for the first up to FormSubmission.waitLimit, then says the first is still being
            // processed (409): on a loaded machine the first can take longer (make test under load, ux20). Either answer
            // is right; what must hold is one need, and a reload landing on it.
            let made = answers.filter { $0.status == 303 }
            let waiting = answers.filter { $0.status == 409 }
            #expect(made.count >= 1 && made.count + waiting.count == 2, "\(answers.map(\.status))")
            #expect(waiting.allSatisfy { $0.text.contains("最初の送信をまだ処理しています") || $0.text.contains("still being processed") })
            #expect(Set(made.map { $0.header("Location") }).count == 1)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM city_needs WHERE title_ja = '二度押しのニーズ'") == 1)
            let reloaded = try await browser.post("/needs/new", form: fields, submission: submission)
            #expect(reloaded.status == 303 && reloaded.header("Location") == made.first?.header("Location"), "a reload of the answer lands on the need too")
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM city_needs WHERE title_ja = '二度押しのニーズ'") == 1)
        }
    }

    @Test("a technology refused for a missing name, then corrected and sent twice, is one technology")
    func technologyAfterValidationError() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.company]!
            let action = "/companies/\(world.companyA.uuidString.lowercased())/technologies/new"
            let submission = try #require(ConsoleBrowser.submission(in: try await browser.get(action).text, action: action))
            let fields = [("descriptionJa", "ストーカ炉"), ("taxonomyCodes", "waste_to_energy"), ("maturity", "pilot"), ("disclosure", "coordinators")]
            let refused = try await browser.post(action, form: [("titleJa", "")] + fields, submission: submission)
            #expect(refused.status == 422)
            let fresh = try #require(ConsoleBrowser.submission(in: refused.text, action: action))
            #expect(fresh != submission, "the form comes back with a new id")
            // Even the refused form's own id runs again: a refusal writes nothing and keeps no answer.
            let saved = try await browser.post(action, form: [("titleJa", "一度だけの技術")] + fields, submission: submission)
            let again = try await browser.post(action, form: [("titleJa", "一度だけの技術")] + fields, submission: submission)
            #expect(saved.status == 303 && again.status == 303 && saved.header("Location") == again.header("Location"))
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM company_technologies WHERE title_ja = '一度だけの技術'") == 1)
        }
    }

    @Test("starting a lead and logging an activity, each posted twice, make one lead and one activity")
    func leadAndActivity() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let need = "/needs/\(world.needA.uuidString.lowercased())"
            let start = try #require(ConsoleBrowser.submission(in: try await browser.get(need).text, action: "\(need)/leads"))
            let started = [try await browser.post("\(need)/leads", form: [("title", "二度押しの案件")], submission: start),
                           try await browser.post("\(need)/leads", form: [("title", "二度押しの案件")], submission: start)]
            #expect(started.map(\.status) == [303, 303] && started[0].header("Location") == started[1].header("Location"))
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM leads WHERE title = '二度押しの案件'") == 1)

            let lead = "/leads/\(world.leadA.uuidString.lowercased())"
            let log = try #require(ConsoleBrowser.submission(in: try await browser.get(lead).text, action: "\(lead)/activities"))
            let fields = [("kind", "meeting"), ("occurredOn", "2026-11-30"), ("notes", "二度押しの面談")]
            let logged = [try await browser.post("\(lead)/activities", form: fields, submission: log),
                          try await browser.post("\(lead)/activities", form: fields, submission: log)]
            #expect(logged.map(\.status) == [303, 303] && logged[0].header("Location") == logged[1].header("Location"))
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM lead_activities WHERE notes = '二度押しの面談'") == 1)
        }
    }

    @Test("two submissions of the same form make two records; a form without an id works as before")
    func twoSubmissions() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let city = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            let fields = [("cityId", city.uuidString.lowercased()), ("titleJa", "二件のニーズ"), ("source", "inquiry")]
            for _ in 0..<2 {
                let submission = try #require(ConsoleBrowser.submission(in: try await browser.get("/needs/new").text, action: "/needs/new"))
                #expect(try await browser.post("/needs/new", form: fields, submission: submission).status == 303)
            }
            #expect(try await browser.post("/needs/new", form: fields).status == 303)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM city_needs WHERE title_ja = '二件のニーズ'") == 3)
        }
    }

    @Test("a submission id sent by another user is theirs: it runs for them and never shows them the first answer")
    func otherUser() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var coordinator = world.browsers[.coordinator]!, admin = world.browsers[.admin]!
            let submission = try #require(ConsoleBrowser.submission(in: try await coordinator.get("/needs/new").text, action: "/needs/new"))
            let city = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            let fields = [("cityId", city.uuidString.lowercased()), ("source", "inquiry")]
            let mine = try await coordinator.post("/needs/new", form: fields + [("titleJa", "コーディネーターのニーズ")], submission: submission)
            _ = try await admin.get("/")
            let theirs = try await admin.post("/needs/new", form: fields + [("titleJa", "管理者のニーズ")], submission: submission)
            #expect(mine.status == 303 && theirs.status == 303)
            #expect(mine.header("Location") != theirs.header("Location"))
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM city_needs WHERE title_ja IN ('コーディネーターのニーズ', '管理者のニーズ')") == 2)
        }
    }

    @Test("a repeat while the first sending still runs says so; once the first let go, the repeat runs")
    func stillRunning() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let submission = try #require(ConsoleBrowser.submission(in: try await browser.get("/needs/new").text, action: "/needs/new"))
            // The first sending's claim, as a request still running holds it: no answer yet.
            let key = "console " + submission
            try await application.pool.execute("""
                INSERT INTO idempotency_keys (user_id, key, request_hash)
                VALUES (\(world.coordinator.userID), \(key), encode(sha256(convert_to('POST /needs/new', 'UTF8')), 'hex'))
                """)
            let city = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            let fields = [("cityId", city.uuidString.lowercased()), ("titleJa", "処理中のニーズ"), ("source", "inquiry")]
            let waiting = try await browser.post("/needs/new", form: fields, submission: submission)
            #expect(waiting.status == 409 && waiting.text.contains("最初の送信をまだ処理しています"))
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM city_needs WHERE title_ja = '処理中のニーズ'") == 0)
            try await application.pool.execute("DELETE FROM idempotency_keys WHERE key = \(key)")
            #expect(try await browser.post("/needs/new", form: fields, submission: submission).status == 303)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM city_needs WHERE title_ja = '処理中のニーズ'") == 1)
        }
    }

    @Test("a user's kept answers older than a day are dropped when they next send a form; other users' stay")
    func expiredSwept() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let admin = try await ConsoleBrowser.user(application, .admin).user.id
            for (user, key) in [(world.coordinator.userID, "console old"), (admin, "console other")] {
                try await application.pool.execute("""
                    INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at)
                    VALUES (\(user), \(key), 'x', 303, now() - interval '25 hours')
                    """)
            }
            let submission = try #require(ConsoleBrowser.submission(in: try await browser.get("/needs/new").text, action: "/needs/new"))
            let city = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            _ = try await browser.post("/needs/new", form: [("cityId", city.uuidString.lowercased()), ("titleJa", "掃除"), ("source", "inquiry")], submission: submission)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM idempotency_keys WHERE key IN ('console old', 'console other')") == 1)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM idempotency_keys WHERE key = \("console " + submission)") == 1)
        }
    }

    @Test("a new API key sent twice is one key; the repeat reopens the list instead of keeping the secret")
    func apiKeyOnce() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let submission = try #require(ConsoleBrowser.submission(in: try await browser.get("/api-keys").text, action: "/api-keys"))
            let fields = [("name", "二度押しの鍵"), ("scopes", "leads:read")]
            let created = try await browser.post("/api-keys", form: fields, submission: submission)
            let again = try await browser.post("/api-keys", form: fields, submission: submission)
            #expect(created.status == 200 && again.status == 303 && again.header("Location") == "/api-keys")
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM auth_tokens WHERE name = '二度押しの鍵'") == 1)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM idempotency_keys WHERE response_body <> ''::bytea AND key LIKE 'console %'") == 0)
        }
    }
}
