import Accounts
import App
import Cities
@testable import Console
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Finding things in big directories (ux18), on the real server: a form that chooses among more companies or
/// people than a choice list holds narrows it by the service's own search (the new user's form's, ux17), and a
/// list the ceiling cuts says so and how to reach the rest.
@Suite("Console big directories")
struct ConsoleBigDirectoryTests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    /// 2,000 companies entered before a late one, which the directory's first 2,000 leave out.
    static func lateCompany(_ application: Application) async throws -> UUID {
        try await application.pool.query("""
            WITH earlier AS (
                INSERT INTO companies (name_en, size, created_at)
                SELECT 'Directory company ' || g, 'sme', timestamptz '2020-01-01' + g * interval '1 second' FROM generate_series(1, 2000) g
            )
            INSERT INTO companies (name_ja, name_en, size) VALUES ('遅港湾エンジニアリング', 'Late Harbour Engineering', 'sme') RETURNING id
            """)[0].decode("id", as: UUID.self)
    }

    /// 2,000 users of `role` entered before a late one, whom a list of the first 2,000 leaves out.
    static func latePerson(_ application: Application, _ role: Role) async throws -> UUID {
        try await application.pool.query("""
            WITH earlier AS (
                INSERT INTO users (email, display_name, role, password_hash, created_at)
                SELECT \(role.rawValue) || '-many-' || g || '@example.com', 'Many ' || g, \(role.rawValue), '$2a$10$placeholder',
                       timestamptz '2020-01-01' + g * interval '1 second'
                FROM generate_series(1, 2000) g
            )
            INSERT INTO users (email, display_name, role, password_hash) VALUES (\(role.rawValue) || '.late.harbour@example.com', '港湾 遅子', \(role.rawValue), '$2a$10$placeholder')
            RETURNING id
            """)[0].decode("id", as: UUID.self)
    }

    @Test("the liaison-base form past the directory's ceiling finds the operating company by the directory's search, keeps the city and the choice, and saves it")
    func baseCompanyPastTheCeiling() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await ConsoleCityTests.Places(application, world)
            var admin = world.browsers[.admin]!
            let city = Self.id(places.cityB)
            #expect(!(try await admin.get("/liaison-bases/new?cityId=\(city)")).text.contains("id=\"findCompany\""), "a short directory: no search")
            let late = try await Self.lateCompany(application)
            let option = "<option value=\"\(Self.id(late))\""
            let whole = try await admin.get("/liaison-bases/new?cityId=\(city)")
            #expect(!whole.text.contains(option) && whole.text.contains("上の「企業を探す」で探してください") && whole.text.contains("id=\"findCompany\""))
            #expect(whole.text.contains("<input type=\"hidden\" name=\"cityId\" value=\"\(city)\"/>"), "the search keeps the city the page was opened for")
            let found = try await admin.get("/liaison-bases/new?cityId=\(city)&findCompany=" + ConsoleBrowser.encode("港湾"))
            #expect(found.status == 200 && found.text.contains("\(option)>遅港湾エンジニアリング</option>"))
            #expect(found.text.contains("「港湾」に当てはまる企業：1社。この一覧から選んでください。"), "the search says it worked, under the choice")
            #expect(found.text.contains("<option value=\"\(city)\" selected>") && found.text.contains("name=\"findCompany\" value=\"港湾\""))
            let form: [(String, String)] = [("findCompany", "港湾"), ("operatorName", "遅港湾エンジニアリング"), ("companyId", Self.id(late)),
                                            ("cityId", city), ("kind", "company_liaison_office"), ("activeFrom", ""), ("activeUntil", ""),
                                            ("contactName", ""), ("contactEmail", ""), ("contactPhone", ""), ("notes", "")]
            let refused = try await admin.post("/liaison-bases/new", form: form + [("name", "")])
            #expect(refused.status == 422 && refused.text.contains("\(option) selected>"), "the company chosen is kept")
            let saved = try await admin.post("/liaison-bases/new", form: form + [("name", "Harbour desk")])
            #expect(saved.status == 303)
            let location = try #require(saved.header("Location"))
            let base = try #require(UUID(uuidString: String(location.dropFirst("/liaison-bases/".count).prefix(36))))
            #expect(try await CityService(pool: application.pool, clock: application.clock).liaisonBase(base, by: places.admin).companyId == late)
            let edit = try await admin.get("/liaison-bases/\(Self.id(base))/edit")
            #expect(edit.text.contains("\(option) selected>") && edit.text.contains("action=\"/liaison-bases/\(Self.id(base))/edit\" class=\"panel filters\""),
                    "the stored company stays chosen; the search returns to the edit")
            admin.cookies["domino_lang"] = "en"
            #expect(try await admin.get("/liaison-bases/new?findCompany=nothing-like-it").text.contains("No company in the directory matches “nothing-like-it”."))
        }
    }

    @Test("the events list is paged a hundred at a time, latest start first, and the next page keeps the fiscal year; a fiscal year that is not one is a 422 that says how to write it")
    func eventsPaged() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            admin.cookies["domino_lang"] = "en"
            _ = try await application.pool.query("""
                WITH earlier AS (
                    INSERT INTO events (kind, title_en, starts_at, ends_at, fiscal_year, format, online_capacity, created_at)
                    SELECT 'seminar', 'Seminar ' || g || '.', timestamptz '2026-06-01' + g * interval '1 hour',
                           timestamptz '2026-06-01' + g * interval '1 hour' + interval '30 minutes', 2026, 'online', 10,
                           timestamptz '2020-01-01' + g * interval '1 second'
                    FROM generate_series(1, 2000) g
                )
                INSERT INTO events (kind, title_en, starts_at, ends_at, fiscal_year, format, online_capacity)
                VALUES ('convention', 'Late Harbour Convention', timestamptz '2027-06-01 10:00+09', timestamptz '2027-06-01 17:00+09', 2027, 'online', 10)
                """)
            // ux20: one page of a hundred, the latest start first (it was every event, up to 2,000, on one page).
            let all = try await admin.get("/conventions")
            #expect(all.status == 200 && all.text.contains(">Late Harbour Convention<") && all.text.contains(">Seminar 2000.<"))
            #expect(all.text.contains("<caption>100+ events</caption>") && !all.text.contains(">Seminar 1000.<"))
            #expect(all.text.contains("<option value=\"2027\">FY2027 (令和9年度)</option>"))
            let year = try await admin.get("/conventions?fy=2027")
            #expect(year.status == 200 && year.text.contains(">Late Harbour Convention<") && year.text.contains("<caption>1 event</caption>"))
            #expect(year.text.contains("<option value=\"2027\" selected>") && !year.text.contains("cursor="))
            let first = try await admin.get("/conventions?fy=2026")
            #expect(first.text.contains(">Seminar 2000.<") && first.text.contains(">Seminar 1901.<") && !first.text.contains(">Seminar 1900.<"))
            let next = try #require(first.text.range(of: "href=\"/conventions\\?fy=2026&amp;cursor=[^\"]*\"", options: .regularExpression),
                                    "the next page's link keeps the year")
            let second = try await admin.get(String(first.text[next].dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(second.status == 200 && second.text.contains(">Seminar 1900.<") && second.text.contains(">Seminar 1801.<"))
            #expect(!second.text.contains(">Seminar 1901.<") && !second.text.contains(">Late Harbour Convention<"))
            #expect(second.text.contains("<caption>100 events on this page</caption>") && second.text.contains("<option value=\"2026\" selected>"))
            #expect(second.text.contains("<title>Events (continued) – Domino</title>"))
            admin.cookies["domino_lang"] = "ja"
            #expect(try await admin.get("/conventions").text.contains("<caption>100件以上のイベント</caption>"))
            // "+202" and a year in full-width digits ("２０２７") read as numbers to `Int` or a person, not to the choice.
            for bad in ["abc", "20270", "-202", "%2B202", "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%97"] {
                let page = try await admin.get("/conventions?fy=\(bad)")
                #expect(page.status == 422 && page.text.contains("年度は一覧から選ぶか、2026 のように半角数字4桁で入力してください"), "fy=\(bad)")
                #expect(!page.text.contains("Late Harbour Convention"), "fy=\(bad)")
            }
        }
    }

    @Test("past the ceiling, a coordinator profile's user and the audit log's person are found by the users' search; the event form says how to add another organizer")
    func peoplePastTheCeiling() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            admin.cookies["domino_lang"] = "en"
            #expect(!(try await admin.get("/coordinators/new")).text.contains("id=\"findPerson\""), "a short list: no search")
            let late = try await Self.latePerson(application, .coordinator)
            let option = "<option value=\"\(Self.id(late))\""
            let whole = try await admin.get("/coordinators/new")
            #expect(!whole.text.contains(option) && whole.text.contains("it lists the first 2,000. If the person is not listed, find them with “Find a person” above."))
            let found = try await admin.get("/coordinators/new?findPerson=" + ConsoleBrowser.encode("late.harbour"))
            #expect(found.text.contains("\(option)>港湾 遅子 (coordinator.late.harbour@example.com, coordinator)</option>"))
            #expect(found.text.contains("name=\"findPerson\" value=\"late.harbour\""), "the words go with the form")

            // The audit log names and offers a person past the first 2,000 users.
            _ = try await application.pool.query("""
                INSERT INTO audit_log (action, entity, entity_id, actor_user_id, changes) VALUES ('update', 'companies', 'x', \(late), '{}'::jsonb)
                """)
            let audit = try await admin.get("/audit")
            #expect(audit.text.contains(">港湾 遅子<"), "the entry names who acted")
            #expect(!audit.text.contains(option) && audit.text.contains("find them with “Find a person” above"))
            let person = try await admin.get("/audit?findPerson=" + ConsoleBrowser.encode("港湾"))
            #expect(person.text.contains("\(option)>港湾 遅子 (coordinator.late.harbour@example.com)</option>"))
            let chosen = try await admin.get("/audit?actor=\(Self.id(late))")
            #expect(chosen.text.contains("\(option) selected>"), "the person chosen stays chosen past the list")

            _ = try await Self.latePerson(application, .organizer)
            let event = try await admin.get("/conventions/events/new")
            #expect(event.text.contains("There are more organizers than this list can show: it lists the first 2,000."))
        }
    }

    @Test("a lead's 101st activity is listed on its page and its next action can be marked done (it was a 404)")
    func leadActivityPastTheHundredth() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let late = try await application.pool.query("""
                WITH earlier AS (
                    INSERT INTO lead_activities (lead_id, kind, occurred_on, notes, created_at)
                    SELECT \(world.leadA), 'call', date '2020-01-01' + g, 'Earlier call ' || g, timestamptz '2020-01-01' + g * interval '1 minute'
                    FROM generate_series(1, 100) g
                )
                INSERT INTO lead_activities (lead_id, kind, occurred_on, notes, next_action)
                VALUES (\(world.leadA), 'meeting', date '2026-11-30', '港湾局との打合せ', '港湾局に見積りを送る') RETURNING id
                """)[0].decode("id", as: UUID.self)
            var browser = world.browsers[.coordinator]!
            let lead = "/leads/\(Self.id(world.leadA))"
            let page = try await browser.get(lead)
            #expect(page.text.contains("港湾局との打合せ"), "the newest activity is listed")
            let done = try await browser.post("\(lead)/next-action/done", form: [("activityId", Self.id(late)), ("activityVersion", "1")])
            #expect(done.status == 303)
        }
    }
}
