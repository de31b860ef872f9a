import Accounts
import App
import Conventions
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Console leftovers (ux17): lists and lookups past the API's first hundred, a profile whose user is disabled,
/// cities named with their country, list captions that count no more than is known, and an event with no organizer.
@Suite("Console leftovers past the first hundred and small truths")
struct ConsoleLeftoversTests {
    static func id(_ value: UUID) -> String { value.uuidString.lowercased() }

    /// The value of the option chosen in the select `name`: what a browser posts when the form is sent unchanged
    /// (the first option when none is marked).
    static func chosen(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "<select id=\"\(name)\""), let end = html[start.upperBound...].range(of: "</select>") else { return nil }
        let options = html[start.upperBound..<end.lowerBound].components(separatedBy: "<option value=\"").dropFirst()
        let values = options.map { (value: String($0.prefix { $0 != "\"" }), selected: $0.contains("\" selected>")) }
        return (values.first { $0.selected } ?? values.first)?.value
    }

    /// Which of `ids` the page links as business-match records.
    static func linkedMatches(_ ids: [UUID], in html: String) -> [UUID] {
        ids.filter { html.contains("href=\"/matches/\(id($0))\"") }
    }

    /// The section's link to its next hundred, unescaped.
    static func nextMatches(in html: String) -> String? {
        guard let link = html.range(of: "?matchCursor=") else { return nil }
        let start = html[..<link.lowerBound].range(of: "href=\"", options: .backwards)!.upperBound
        return String(html[start...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("a company's business-match section shows a hundred records, links the next hundred and back to the first page, through the one pager")
    func companyMatchesPageOn() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let daNang = try await ConsoleChoicesPastFirstPageTests.cityID(application, "Da Nang")
            let made = try await application.pool.query("""
                INSERT INTO matches (company_id, city_id, channel, created_at)
                SELECT \(world.companyA), \(daNang), 'coordinator', timestamptz '2020-01-01' + g * interval '1 minute' FROM generate_series(1, 101) g
                RETURNING id
                """).map { try $0.decode("id", as: UUID.self) }
            var coordinator = world.browsers[.coordinator]!
            coordinator.cookies["domino_lang"] = "en"
            let path = "/companies/\(Self.id(world.companyA))"
            let first = try await coordinator.get(path)
            #expect(Self.linkedMatches(made, in: first.text).count == 100, "a hundred on the company's page")
            #expect(!first.text.contains(">First 100<"))
            let next = try #require(Self.nextMatches(in: first.text), "a link to the next hundred")
            #expect(next.hasPrefix(path + "?matchCursor=") && next.hasSuffix("#matches") && first.text.contains(">Next 100<"))
            let second = try await coordinator.get(String(next.prefix { $0 != "#" }))
            let rest = Self.linkedMatches(made, in: second.text)
            #expect(second.status == 200 && rest.count == 1 && !Self.linkedMatches(made, in: first.text).contains(rest[0]), "the 101st on the next")
            // polish25: the one pager's "First page", as every other paged list says it, not a section's own "First 100".
            #expect(second.text.contains("<a href=\"\(path)#matches\">First page</a>") && !second.text.contains(">First 100<"))
            #expect(Self.nextMatches(in: second.text) == nil)
            coordinator.cookies["domino_lang"] = "ja"
            #expect(try await coordinator.get(path).text.contains(">次の100件<"))
        }
    }

    @Test("a company's meetings page lists the requests of an event that comes after a hundred others")
    func meetingsOfTheHundredAndFirstEvent() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            _ = try await application.pool.query("""
                INSERT INTO events (kind, title_en, starts_at, ends_at, fiscal_year, format, online_capacity, created_at)
                SELECT 'seminar', 'Seminar ' || g || '.', timestamptz '2026-06-01' + g * interval '1 day',
                       timestamptz '2026-06-01' + g * interval '1 day' + interval '1 hour', 2026, 'online', 10,
                       timestamptz '2020-01-01' + g * interval '1 minute'
                FROM generate_series(1, 100) g
                """)
            let (_, organizer) = try await ConsoleBrowser.user(application, .organizer)
            _ = try await ConsoleMeetingTests.requests(world, application, organizer: organizer.id)
            var company = world.browsers[.company]!
            let page = try await company.get("/companies/\(Self.id(world.companyA))/meetings")
            #expect(page.status == 200 && page.text.contains("グエン・アン") && page.text.contains("横浜脱炭素コンベンション"))
        }
    }

    @Test("a second live match on a lead whose hundred older records are declined links to the live one (409)")
    func liveMatchPastTheHundredth() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            _ = try await application.pool.query("""
                INSERT INTO matches (company_id, lead_id, channel, status, created_at)
                SELECT \(world.companyA), \(world.leadA), 'coordinator', 'declined', timestamptz '2020-01-01' + g * interval '1 minute'
                FROM generate_series(1, 100) g
                """)
            var browser = world.browsers[.coordinator]!
            let (lead, company) = (Self.id(world.leadA), Self.id(world.companyA))
            _ = try await browser.post("/leads/\(lead)/companies", form: [("companyId", company), ("role", "prime")])
            let fields: [(String, String)] = [("company", company), ("need", Self.id(world.needA)), ("lead", lead), ("from", ""),
                                              ("channel", "convention"), ("liaisonBaseId", ""), ("counterpartKind", ""), ("localPartnerId", ""), ("notes", "")]
            let created = try await browser.post("/matches/new", form: fields)
            #expect(created.status == 303)
            let live = try #require(created.header("Location")).dropFirst("/matches/".count).prefix(36)
            let second = try await browser.post("/matches/new", form: fields)
            #expect(second.status == 409 && second.text.contains("すでにあります") && second.text.contains("href=\"/matches/\(live)\""))
        }
    }

    @Test("restoring a field changed again after a hundred newer entries of the record warns and shows the newest value")
    func auditRestorePastTheHundredth() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleKnowledgeNoteTests.service(application)
            var own = try #require(try await service.ownProfile(by: world.coordinator))
            own = try await service.updateCoordinator(own.id, ifVersion: own.version, by: world.coordinator) { $0.displayName = "山田 太郎（誤り）" }
            _ = try await service.updateCoordinator(own.id, ifVersion: own.version, by: world.coordinator) { $0.displayName = "山田 太郎（二度目）" }
            let entry = try await application.pool.query("""
                SELECT id, entity_id FROM audit_log WHERE entity = 'coordinators' AND previous ? 'display_name' ORDER BY id LIMIT 1
                """)[0]
            let (entryID, record) = (try entry.decode("id", as: Int64.self), try entry.decode("entity_id", as: String.self))
            _ = try await application.pool.query("""
                INSERT INTO audit_log (action, entity, entity_id, changes, previous)
                SELECT 'update', 'coordinators', \(record), jsonb_build_object('notes', 'note ' || g), '{"notes": null}'::jsonb FROM generate_series(1, 100) g
                """)
            var admin = world.browsers[.admin]!
            let confirm = try await admin.get("/audit/\(entryID)/restore?field=display_name")
            #expect(confirm.status == 200 && confirm.text.contains("この項目は、この変更の後にも変更されています"))
            #expect(confirm.text.contains("<dd class=\"note-body\">山田 太郎（二度目）</dd>"), "the value now is the newest change's")
        }
    }

    @Test("a profile whose user is disabled keeps that user chosen, marked disabled, and its other fields save")
    func coordinatorWithDisabledUser() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleKnowledgeNoteTests.service(application)
            let own = try #require(try await service.ownProfile(by: world.coordinator))
            _ = try await application.pool.query("UPDATE users SET disabled = true WHERE id = \(world.coordinator.userID)")
            var admin = world.browsers[.admin]!
            let path = "/coordinators/\(Self.id(own.id))/edit"
            let form = try await admin.get(path)
            #expect(Self.chosen("userId", in: form.text) == Self.id(world.coordinator.userID), "the form would post the profile's user")
            #expect(form.text.contains("（停止中のアカウント） (") && form.text.contains("コーディネーター)</option>"))
            admin.cookies["domino_lang"] = "en"
            #expect(try await admin.get(path).text.contains(" (account disabled) ("))
            let saved = try await admin.post(path, form: [
                ("userId", try #require(Self.chosen("userId", in: form.text))), ("displayName", "山田 太郎"), ("expertiseCodes", "waste_to_energy"),
                ("languages", "ja"), ("countries", "VN"), ("formerEmployer", "港湾技研"), ("senior", "false"), ("capacity", "5"), ("active", "true"),
                ("notes", ""), ("version", try #require(ConsoleEventOrganizerTests.version(in: form.text))),
            ])
            #expect(saved.status == 303)
            let after = try await service.coordinator(own.id, by: world.coordinator)
            #expect(after.formerEmployer == "港湾技研" && after.userId == world.coordinator.userID)
        }
    }

    @Test("the need form names each city with its country, in Japanese and English")
    func needFormCityCountry() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let daNang = Self.id(try await ConsoleChoicesPastFirstPageTests.cityID(application, "Da Nang"))
            var coordinator = world.browsers[.coordinator]!
            #expect(try await coordinator.get("/needs/new").text.contains("<option value=\"\(daNang)\">ダナン（ベトナム）</option>"))
            coordinator.cookies["domino_lang"] = "en"
            #expect(try await coordinator.get("/needs/new").text.contains("<option value=\"\(daNang)\">Da Nang (Viet Nam)</option>"))
        }
    }

    @Test("the needs and users captions say “100+” while a next page follows and count a later page's own rows")
    func captionsCountTruly() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let daNang = try await ConsoleChoicesPastFirstPageTests.cityID(application, "Da Nang")
            try await ConsoleChoicesPastFirstPageTests.earlierUsers(application, .viewer)
            _ = try await application.pool.query("""
                INSERT INTO city_needs (city_id, title_en, source, created_at)
                SELECT \(daNang), 'Earlier need ' || g, 'inquiry', timestamptz '2020-01-01' + g * interval '1 minute' FROM generate_series(1, 100) g
                """)
            let users: Int64 = try await application.pool.query("SELECT count(*) FROM users")[0].decode(column: 0)
            var admin = world.browsers[.admin]!
            // ux19: a page reached by a cursor counts only its own rows (the rows before the cursor are not known).
            for (path, more, rest) in [("/needs", "ニーズ 100件以上", "ニーズ 2件（このページ）"), ("/users", "ユーザー 100人以上", "ユーザー \(users - 100)人（このページ）")] {
                let first = try await admin.get(path)
                #expect(first.text.contains("<caption>\(more)</caption>"), "\(path): page 1")
                let second = try await admin.get(try #require(ConsoleChoicesPastFirstPageTests.nextPage(in: first.text)))
                #expect(second.text.contains("<caption>\(rest)</caption>"), "\(path): the last page counts its own rows")
            }
            admin.cookies["domino_lang"] = "en"
            #expect(try await admin.get("/needs").text.contains("<caption>100+ needs</caption>"))
            #expect(try await admin.get("/needs?q=Bangkok").text.contains("<caption>1 need</caption>"), "one page: its count is the whole")
            #expect(try await admin.get("/companies").text.contains("<caption>1 company</caption>"))
        }
    }

    @Test("an event that lists no organizer says so, with no empty table and no “the only organizer” hint")
    func noOrganizerNoHint() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizerEmail, organizer) = try await ConsoleBrowser.user(application, .organizer)
            let listed = try await ConventionPagesTests.event(application, organizer: organizer.id)
            // As the demo's past conventions are: listed with no organizer at all.
            let emptyID = try await application.pool.query("""
                INSERT INTO events (kind, title_ja, starts_at, ends_at, fiscal_year, format, online_capacity)
                VALUES ('seminar', '主催者のいないセミナー', timestamptz '2026-11-01 10:00+09', timestamptz '2026-11-01 11:00+09', 2026, 'online', 10)
                RETURNING id
                """)[0].decode("id", as: UUID.self)
            let empty = try await application.conventions.event(emptyID, by: ConventionPagesTests.admin)
            let (adminEmail, _) = try await ConsoleBrowser.user(application, .admin)
            var admin = ConsoleBrowser(port: port)
            _ = try await admin.signIn(adminEmail)
            let page = try await admin.get(ConsoleEventOrganizerTests.path(empty))
            #expect(page.status == 200 && page.text.contains("このイベントには主催者が登録されていません。"))
            #expect(!page.text.contains("主催者が1人のときは外せません") && !page.text.contains("<table"))
            admin.cookies["domino_lang"] = "en"
            #expect(try await admin.get(ConsoleEventOrganizerTests.path(empty)).text.contains("No organizers are listed for this event."))
            var own = ConsoleBrowser(port: port)
            _ = try await own.signIn(organizerEmail)
            #expect(try await own.get(ConsoleEventOrganizerTests.path(listed)).text.contains("主催者が1人のときは外せません"), "still said of the only one")
        }
    }

    @Test("the new-user form past the directory's ceiling finds a company by the directory's search, keeps it through a refusal and binds the user")
    func newUserCompanyPastTheCeiling() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            #expect(!(try await admin.get("/users/new")).text.contains("id=\"findCompany\""), "a short directory is listed whole, with no search")
            let late = try await ConsoleBigDirectoryTests.lateCompany(application)
            let option = "<option value=\"\(Self.id(late))\""
            let whole = try await admin.get("/users/new")
            #expect(!whole.text.contains(option) && whole.text.contains("上の「企業を探す」で探してください") && whole.text.contains("id=\"findCompany\""))
            let found = try await admin.get("/users/new?findCompany=" + ConsoleBrowser.encode("港湾"))
            #expect(found.status == 200 && found.text.contains("\(option)>遅港湾エンジニアリング</option>"))
            #expect(found.text.contains("name=\"findCompany\" value=\"港湾\""), "the words go with the form")
            let form: [(String, String)] = [("findCompany", "港湾"), ("displayName", "港湾 担当"), ("email", "harbour@console.test.domino.example"),
                                            ("role", "company"), ("companyId", Self.id(late)), ("liaisonBaseId", "")]
            let refused = try await admin.post("/users/new", form: form + [("password", "short")])
            #expect(refused.status == 422 && refused.text.contains("\(option) selected>"), "the company chosen is kept")
            let created = try await admin.post("/users/new", form: form + [("password", "a long enough passphrase 2026")])
            #expect(created.status == 303)
            let bound: UUID? = try await application.pool.query("SELECT company_id FROM users WHERE email = 'harbour@console.test.domino.example'")[0]
                .decode(column: 0)
            #expect(bound == late)
            admin.cookies["domino_lang"] = "en"
            #expect(try await admin.get("/users/new?findCompany=nothing-like-it").text.contains("No company in the directory matches “nothing-like-it”."))
        }
    }
}
