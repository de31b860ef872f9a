import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

/// The council's KPI numbers as links to their records, and the administrator's users and API keys.
@Suite("Console KPI records and administration")
struct ConsoleAdminTests {
    static func hidden(_ name: String, in html: String) throws -> String {
        String(html[try #require(html.range(of: "name=\"\(name)\" value=\"")).upperBound...].prefix { $0 != "\"" })
    }

    @Test("the dashboard's numbers link to their records; a commercialized lead is listed there, linked for those who may open it")
    func kpiRecords() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await world.commercializeLeadA(application)
            let year = FiscalYear(containing: application.clock.now()).startYear
            var browser = world.browsers[.viewer]!
            let dashboard = try await browser.get("/kpi?fy=\(year)")
            // The dashboard's figure comes from the last recount (a job); the records are live.
            #expect(dashboard.text.contains("<a href=\"/kpi/commercializations/records?fy=\(year)\">"))
            // The year before beside the chosen one, in the summary the council reads first (persona29).
            let summary = String(dashboard.text[try #require(dashboard.text.range(of: "<table")).lowerBound...]).components(separatedBy: "</table>")[0]
            // The year's short name, so that the column leaves room for the rating on one line at 1280 px.
            #expect(summary.contains(">\(FiscalYear(year - 1).japaneseName)の実績</th>"))
            #expect(summary.contains("href=\"/kpi/commercializations/records?fy=\(year - 1)\""))
            let records = try await browser.get("/kpi/commercializations/records?fy=\(year)")
            #expect(records.status == 200)
            // The council's viewer reads the records but not the leads behind them: the title, not a link to a refusal.
            let link = "<a href=\"/leads/\(world.leadA.uuidString.lowercased())\">案件 0</a>"
            #expect(!records.text.contains(link) && records.text.contains("案件 0"))
            var coordinator = world.browsers[.coordinator]!
            #expect(try await coordinator.get("/kpi/commercializations/records?fy=\(year)").text.contains(link))
            #expect(try await browser.get("/kpi/commercializations/records?fy=\(year - 1)").text.contains("この年度の記録はありません"))
            #expect(try await browser.get("/kpi/no_such_kpi/records").status == 404)
            #expect(try await browser.get("/kpi/commercializations/records?cursor=%25%25").status == 400)
        }
    }

    @Test("KPI 2's records link each business match to its record's page, which the council may read, named in the reader's language")
    func kpiMatchRecordsLinked() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let cities = CityService(pool: application.pool, clock: application.clock)
            let base = try #require(try await cities.need(world.needA, by: world.coordinator).sourceLiaisonBaseId)
            let matches = MatchService(pool: application.pool, index: application.matchIndex, clock: application.clock)
            let match = try await matches.createMatch(
                BusinessMatchDraft(companyId: world.companyA, needId: world.needA, channel: .liaisonBase, liaisonBaseId: base), by: world.coordinator)
            _ = try await matches.transition(match.id, MatchTransitionRequest(to: .introduced), ifVersion: match.version, by: world.coordinator)
            let year = FiscalYear(containing: application.clock.now()).startYear
            var viewer = world.browsers[.viewer]!
            let records = try await viewer.get("/kpi/liaison_matches/records?fy=\(year)")
            let href = "href=\"/matches/\(match.id.uuidString.lowercased())\""
            #expect(records.status == 200 && records.text.contains(href), "the council opens the record behind the figure")
            #expect(try await viewer.get("/matches/\(match.id.uuidString.lowercased())").status == 200)
            // Named in the reader's language (ux38 found an English page naming the match in Japanese).
            try await application.pool.execute("UPDATE companies SET name_ja = '川崎リサイクル', name_en = 'Kawasaki Recycling' WHERE id = \(world.companyA)")
            try await application.pool.execute("""
                UPDATE city_needs SET title_ja = '下水処理場の省エネ化', title_en = 'Energy saving at a sewage plant' WHERE id = \(world.needA)
                """)
            for (language, shown, hidden) in [("ja", "川崎リサイクル — 下水処理場の省エネ化", "Kawasaki Recycling"),
                                              ("en", "Kawasaki Recycling — Energy saving at a sewage plant", "川崎リサイクル")] {
                viewer.cookies["domino_lang"] = language
                let page = try await viewer.get("/kpi/liaison_matches/records?fy=\(year)").text
                #expect(page.contains(shown) && !page.contains(hidden), "\(language)")
            }
        }
    }

    @Test("an administrator adds a user (a weak password refused), disables them, and a stale form is explained")
    func users() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            _ = try await admin.get("/users/new")
            let email = "new-coordinator-\(UUID().uuidString.prefix(6).lowercased())@console.test.domino.example"
            let fields = [("displayName", "佐藤 花子"), ("email", email), ("role", "coordinator"), ("companyId", ""), ("liaisonBaseId", "")]
            let weak = try await admin.post("/users/new", form: fields + [("password", "short")])
            #expect(weak.status == 422 && weak.text.contains("このパスワードは使えません") && weak.text.contains("value=\"佐藤 花子\""))
            let created = try await admin.post("/users/new", form: fields + [("password", "港の見える丘で待ち合わせ 2026")])
            #expect(created.status == 303)
            let path = try #require(created.header("Location")).components(separatedBy: "?")[0]
            let page = try await admin.get(path)
            #expect(page.status == 200 && page.text.contains(email))
            let version = try Self.hidden("version", in: page.text)

            var person = ConsoleBrowser(port: port)
            #expect(try await person.signIn(email, password: "港の見える丘で待ち合わせ 2026").status == 303)
            let disabled = try await admin.post("\(path)/disabled", form: [("version", version), ("disabled", "true")])
            #expect(disabled.status == 303)
            #expect(try await person.get("/").status == 303, "the disabled user's session ended")
            let stale = try await admin.post("\(path)/password", form: [("version", version), ("password", "新しい合言葉は青い海 2027")])
            #expect(stale.status == 409 && stale.text.contains("他の人がこのユーザーを変更しました"))
        }
    }

    @Test("a coordinator's user page says how many active leads they own and links them, before and after disabling; in English too")
    func leaverLeads() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let path = "/users/\(world.coordinator.userID.uuidString.lowercased())"
            let page = try await admin.get(path)
            let leadsHref = String(page.text[try #require(page.text.range(of: "href=\"/leads?owner=")).lowerBound...].dropFirst("href=\"".count).prefix { $0 != "\"" })
            #expect(page.text.contains("この人は進行中の案件を2件担当しています。無効にしても案件は移らず"))
            #expect(page.text.contains("担当中の案件") && page.text.contains(">山田 太郎</a>"), "the profile is named and linked")
            let leads = try await admin.get(leadsHref)
            #expect(leads.status == 200 && leads.text.contains(">案件 0</a>") && leads.text.contains(">案件 1</a>"), "the link lists the leads they own")
            let version = try Self.hidden("version", in: page.text)
            #expect(try await admin.post("\(path)/disabled", form: [("version", version), ("disabled", "true")]).status == 303)
            admin.cookies["domino_lang"] = "en"
            let disabled = try await admin.get("\(path)?disabled=1")
            #expect(disabled.text.contains("This user is disabled but still owns 2 active leads: nobody is following them."))
            #expect(disabled.text.contains(leadsHref))
            let profile = try await admin.get(String(disabled.text[try #require(disabled.text.range(of: "href=\"/coordinators/")).lowerBound...]
                .dropFirst("href=\"".count).prefix { $0 != "\"" }))
            #expect(profile.status == 200 && profile.text.contains(leadsHref) && profile.text.contains("See the leads they own"))
        }
    }

    @Test("a password reset ends the user's sessions; the new password signs in")
    func reset() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let (email, user) = try await ConsoleBrowser.user(application, .viewer)
            var person = ConsoleBrowser(port: port)
            _ = try await person.signIn(email)
            let path = "/users/\(user.id.uuidString.lowercased())"
            let page = try await admin.get(path)
            let version = try Self.hidden("version", in: page.text)
            let reset = try await admin.post("\(path)/password", form: [("version", version), ("password", "新しい合言葉は青い海 2027")])
            #expect(reset.status == 303)
            #expect(try await person.get("/").status == 303, "sessions ended")
            #expect(try await person.signIn(email, password: "新しい合言葉は青い海 2027").status == 303)
        }
    }

    @Test("an API key is shown once, works as a bearer token, and stops working once revoked")
    func apiKeys() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            _ = try await browser.get("/api-keys")
            let none = try await browser.post("/api-keys", form: [("name", "CRM 連携")])
            #expect(none.status == 422 && none.text.contains("権限を1つ以上選んでください") && none.text.contains("value=\"CRM 連携\""))
            let beyond = try await browser.post("/api-keys", form: [("name", "too much"), ("scopes", "users:write")])
            #expect(beyond.status == 422, "a scope beyond the role is refused by the service")
            let made = try await browser.post("/api-keys", form: [("name", "CRM 連携"), ("scopes", "leads:read")])
            #expect(made.status == 200)
            let token = String(made.text[try #require(made.text.range(of: "<code class=\"secret\">")).upperBound...].prefix { $0 != "<" })
            let me = try await TestClient.request(port: port, "GET", "/v1/leads", headers: ["Authorization": "Bearer \(token)"])
            #expect(me.status == 200)
            let listed = try await browser.get("/api-keys")
            #expect(!listed.text.contains(token), "the secret is shown only once")
            let action = String(listed.text[try #require(listed.text.range(of: "action=\"/api-keys/")).lowerBound...].dropFirst("action=\"".count).prefix { $0 != "\"" })
            #expect(try await browser.post(action, form: []).status == 303)
            #expect(try await TestClient.request(port: port, "GET", "/v1/leads", headers: ["Authorization": "Bearer \(token)"]).status == 401)
        }
    }
}
