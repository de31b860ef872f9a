import App
@testable import Console
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The public registration page of an event on the real server: no account, the same answer for a
/// new and a known address, the honeypot, the double-submit token and the limit per client address.
@Suite("Public registration page")
struct PublicRegistrationTests {
    static let admin = Principal(userID: UUID(), role: .admin)

    /// 2026-12-01 09:00 to 17:30 in Japan, two seats in the room: upcoming on the test clock.
    static func event(_ application: Application, seats: Int = 2) async throws -> Event {
        let start = TestClock.standardStart.addingTimeInterval(47 * 86_400 - 3600)
        return try await application.conventions.createEvent(EventDraft(
            kind: .convention, titleJa: "横浜脱炭素コンベンション", titleEn: "Yokohama Decarbonization Convention", startsAt: start,
            endsAt: start.addingTimeInterval(8.5 * 3600), venue: "パシフィコ横浜", format: .inPerson, inPersonCapacity: seats), by: admin)
    }

    static func form(_ email: String, nameJa: String = "グエン・アン", consent: Bool = true) -> [(String, String)] {
        [("nameJa", nameJa), ("nameEn", "Nguyen An"), ("email", email), ("organisation", "Da Nang Solar JSC"), ("country", "vn"),
         ("sector", "industry"), ("role", "overseas_company"), ("campusId", ""), ("website", "")] + (consent ? [("consent", "yes")] : [])
    }

    static func path(_ event: Event) -> String { "/events/\(event.id.uuidString.lowercased())/register" }

    static func registrations(_ application: Application, _ event: Event) async throws -> [Registration] {
        try await application.conventions.registrations(of: event.id, RegistrationFilter(), page: PageRequest(limit: 100), by: admin).items
    }

    static func outboxCount(_ application: Application) async throws -> Int {
        try await application.pool.query("SELECT count(*) AS n FROM mail_outbox")[0].decode("n")
    }

    @Test("a guest registers without an account: a seat, the confirmation in the outbox, and a thank-you page")
    func registers() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application)
            var browser = ConsoleBrowser(port: port)
            let page = try await browser.get(Self.path(event))
            #expect(page.status == 200)
            #expect(page.text.contains("<html lang=\"ja\">") && page.text.contains("横浜脱炭素コンベンション 参加登録"))
            #expect(page.text.contains("残り2席"))
            #expect(page.text.contains("for=\"nameJa\"") && page.text.contains("for=\"consent\"") && page.text.contains("for=\"campusId\""))
            #expect(browser.cookies["domino_public_csrf"]?.count == 32)
            let posted = try await browser.post(Self.path(event), form: Self.form("an@example.vn"))
            #expect(posted.status == 303)
            #expect(posted.header("location") == Self.path(event) + "/thanks?place=seat&attendance=in_person")
            let thanks = try await browser.get(Self.path(event) + "/thanks?place=seat&attendance=in_person")
            #expect(thanks.status == 200 && thanks.text.contains("お申し込みを受け付けました"))
            let registrations = try await Self.registrations(application, event)
            #expect(registrations.map(\.status) == [.registered])
            #expect(registrations.first?.participant.country == "VN")
            #expect(registrations.first?.participant.consentToShareContact == false)
            #expect(try await Self.outboxCount(application) == 1)
        }
    }

    @Test("an address already registered gets the same answer, the person's details stay, and only that mailbox hears")
    func noEnumeration() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application)
            var first = ConsoleBrowser(port: port)
            _ = try await first.get(Self.path(event))
            let new = try await first.post(Self.path(event), form: Self.form("an@example.vn"))
            var stranger = ConsoleBrowser(port: port)
            _ = try await stranger.get(Self.path(event))
            let again = try await stranger.post(Self.path(event), form: Self.form("AN@example.vn", nameJa: "なりすまし"))
            #expect(again.status == new.status && again.header("location") == new.header("location") && again.body == new.body)
            let registrations = try await Self.registrations(application, event)
            #expect(registrations.count == 1)
            #expect(registrations.first?.participant.nameJa == "グエン・アン", "a stranger cannot rewrite a known person")
            let kinds: [String] = try await application.pool.query("SELECT recipient FROM mail_outbox ORDER BY id").map { try $0.decode("recipient") }
            #expect(kinds == ["an@example.vn", "an@example.vn"], "the message goes again to the registered address only")
        }
    }

    @Test("the honeypot filled in: the same thank-you answer, nothing written")
    func honeypot() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application)
            var robot = ConsoleBrowser(port: port)
            _ = try await robot.get(Self.path(event))
            let posted = try await robot.post(Self.path(event), form: Self.form("bot@example.com").filter { $0.0 != "website" } + [("website", "https://spam.example")])
            #expect(posted.status == 303 && posted.header("location") == Self.path(event) + "/thanks?place=seat&attendance=in_person")
            #expect(try await Self.registrations(application, event).isEmpty)
            #expect(try await Self.outboxCount(application) == 0)
        }
    }

    @Test("a post without the form's double-submit token is a 403 and writes nothing")
    func csrf() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application)
            var browser = ConsoleBrowser(port: port)
            let forged = try await browser.post(Self.path(event), form: Self.form("an@example.vn"), csrf: String(repeating: "a", count: 32))
            #expect(forged.status == 403)
            _ = try await browser.get(Self.path(event))
            #expect(try await browser.post(Self.path(event), form: Self.form("an@example.vn"), csrf: String(repeating: "b", count: 32)).status == 403)
            #expect(try await Self.registrations(application, event).isEmpty)
        }
    }

    @Test("a refused form comes back with the errors beside their fields and the input kept, and writes nothing; too long is refused, not cut")
    func refused() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get(Self.path(event))
            let noConsent = try await browser.post(Self.path(event), form: Self.form("an@example.vn", consent: false))
            #expect(noConsent.status == 422)
            #expect(noConsent.text.contains("個人情報の取扱いに同意いただけない場合は登録できません"))
            #expect(noConsent.text.contains("value=\"an@example.vn\""))
            let student = Self.form("an@example.vn").map { $0.0 == "role" ? ("role", "student") : $0 }
            let mismatch = try await browser.post(Self.path(event), form: student)
            #expect(mismatch.status == 422 && mismatch.text.contains("id=\"role-error\""))
            let badCountry = Self.form("an@example.vn").map { $0.0 == "country" ? ("country", "Vietnam") : $0 }
            let country = try await browser.post(Self.path(event), form: badCountry)
            #expect(country.status == 422 && country.text.contains("id=\"country-error\""))
            // Longer than the 300 characters a participant holds: refused, not cut short by the form and stored.
            let longName = Self.form("an@example.vn").map { $0.0 == "organisation" ? ("organisation", String(repeating: "O", count: 300) + " Ltd.") : $0 }
            let organisation = try await browser.post(Self.path(event), form: longName)
            #expect(organisation.status == 422 && organisation.text.contains("id=\"organisation-error\""))
            #expect(try await Self.registrations(application, event).isEmpty)
        }
    }

    @Test("the full event says so and puts the guest on the waitlist; a closed window shows no form")
    func fullAndClosed() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application, seats: 1)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get(Self.path(event))
            _ = try await browser.post(Self.path(event), form: Self.form("an@example.vn"))
            #expect(try await browser.get(Self.path(event)).text.contains("満席です"))
            _ = try await browser.post(Self.path(event), form: Self.form("binh@example.vn"))
            #expect(try await Self.registrations(application, event).map(\.status) == [.registered, .waitlisted])
            let closed = try await application.conventions.updateEvent(event.id, ifVersion: event.version, by: Self.admin) {
                $0.registrationClosesAt = TestClock.standardStart.addingTimeInterval(-60)
            }
            let page = try await browser.get(Self.path(closed))
            #expect(page.text.contains("参加登録は受け付けていません") && !page.text.contains("name=\"email\""))
            let late = try await browser.post(Self.path(event), form: Self.form("chi@example.vn"))
            #expect(late.status == 409)
            #expect(try await Self.registrations(application, event).count == 2)
        }
    }

    @Test("the last seat reads “1 seat left”, not “1 seats left”")
    func lastSeat() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application, seats: 1)
            var browser = ConsoleBrowser(port: port)
            browser.cookies["domino_lang"] = "en"
            let page = try await browser.get(Self.path(event))
            #expect(page.text.contains("1 seat left") && !page.text.contains("1 seats left"))
            browser.cookies["domino_lang"] = "ja"
            #expect(try await browser.get(Self.path(event)).text.contains("残り1席"))
        }
    }

    @Test("the limit per client address: the 21st submission within an hour is a 429 and writes nothing; an hour on it is admitted")
    func rateLimit() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let event = try await Self.event(application, seats: 100)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get(Self.path(event))
            for index in 0..<20 {
                let response = try await browser.post(Self.path(event), form: Self.form("guest\(index)@example.vn"))
                #expect(response.status == 303, "submission \(index + 1)")
            }
            let limited = try await browser.post(Self.path(event), form: Self.form("guest20@example.vn"))
            #expect(limited.status == 429)
            #expect(limited.text.contains("1時間ほどおいてから"))
            #expect(try await Self.registrations(application, event).count == 20)
            let rows: Int = try await application.pool.query("SELECT count(DISTINCT address_digest) AS n FROM console_public_attempts")[0].decode("n")
            #expect(rows == 1)
            let stored: Int = try await application.pool.query(
                "SELECT count(*) AS n FROM console_public_attempts WHERE address_digest = convert_to('127.0.0.1', 'UTF8')")[0].decode("n")
            #expect(stored == 0, "the address itself is not stored, only its digest")
            clock.advance(seconds: 3601)
            #expect(try await browser.post(Self.path(event), form: Self.form("guest20@example.vn")).status == 303)
        }
    }

    @Test("submissions from one address that arrive while the database is busy still stop at the limit: exactly twenty of thirty are admitted")
    func rateLimitUnderConcurrency() async throws {
        try await withTestServer { _, application in
            // Submissions on a pool of their own (six connections, nothing else on them), without a statement
            // timeout: they wait on the holder by design, as long as the suite's load delays its commit.
            var configuration = application.pool.configuration
            configuration.statementTimeout = nil
            let submitters = PostgresPool(configuration: configuration, options: .init(maximumConnections: 6, acquireTimeout: .seconds(600)))
            defer { submitters.close() }
            let attempts = PublicAttempts(pool: submitters, limit: 20, window: 3600)
            let now = Date(timeIntervalSince1970: 1_780_000_000)  // any instant: only the hour around it matters
            // Another transaction holds an expired row that every submission deletes on its way (as a
            // concurrent submission doing the same does): the submissions start, then wait, then finish
            // together.
            try await application.pool.execute("""
                INSERT INTO console_public_attempts (address_digest, attempted_at)
                VALUES (sha256('198.51.100.1'::bytea), \(now.addingTimeInterval(-7200)))
                """)
            let holder = TestDatabase.pool(application.pool.configuration)
            defer { holder.close() }
            let admitted = try await holder.withConnection { busy in
                try await busy.execute("BEGIN")
                try await busy.execute("SELECT 1 FROM console_public_attempts WHERE attempted_at < \(now) FOR UPDATE")
                let burst = Task {
                    try await withThrowingTaskGroup(of: Bool.self) { group in
                        for _ in 0..<30 {
                            group.addTask { try await attempts.admit(address: "203.0.113.7", now: now) }
                        }
                        return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
                    }
                }
                // Until the submissions the pool has room for are waiting on the database (in this test's
                // database: the cluster's other databases belong to other tests).
                try await TestDatabase.waitForLockWaiters(5, on: holder)
                try await busy.execute("COMMIT")
                return try await burst.value
            }
            #expect(admitted == 20)
        }
    }
}
