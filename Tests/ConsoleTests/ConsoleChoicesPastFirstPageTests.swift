import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Choice lists and the names beside records read every page of a list, not the API's first hundred:
/// the records made by the world come after a hundred made earlier, so each is the 101st.
@Suite("Console choices past the first hundred")
struct ConsoleChoicesPastFirstPageTests {
    /// A hundred cities made before the world's (the lists are in order of creation).
    static func earlierCities(_ application: Application) async throws {
        _ = try await application.pool.query("""
            INSERT INTO overseas_cities (name_ja, name_en, country, relationship, created_at)
            SELECT '先の市' || g, 'Earlier city ' || g, 'TH', 'other', timestamptz '2020-01-01' + g * interval '1 minute'
            FROM generate_series(1, 100) g
            """)
    }

    /// A hundred enabled users of `role` made before the world's; with `profiles`, each has a coordinator profile.
    static func earlierUsers(_ application: Application, _ role: Role, profiles: Bool = false) async throws {
        _ = try await application.pool.query("""
            WITH made AS (
                INSERT INTO users (email, display_name, role, password_hash, created_at)
                SELECT \(role.rawValue) || '-early-' || g || '@example.com', 'Early ' || g, \(role.rawValue), '$2a$10$placeholder',
                       timestamptz '2020-01-01' + g * interval '1 minute'
                FROM generate_series(1, 100) g
                RETURNING id, display_name, created_at
            )
            INSERT INTO coordinators (user_id, display_name, created_at) SELECT id, display_name, created_at FROM made WHERE \(profiles)
            """)
    }

    /// The pager's link to the next page, unescaped.
    static func nextPage(in html: String) -> String? {
        html.range(of: "<p class=\"pager\"><a href=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&") }
    }

    static func cityID(_ application: Application, _ nameEn: String) async throws -> UUID {
        try await application.pool.query("SELECT id FROM overseas_cities WHERE name_en = \(nameEn)")[0].decode("id", as: UUID.self)
    }

    @Test("the need form, the bases' form and list, the leads' filter, coverage and a company's opportunities offer and name the 101st city")
    func cityPastTheHundredth() async throws {
        try await withTestServer { port, application in
            try await Self.earlierCities(application)
            let world = try await ConsoleWorld(port: port, application: application)
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            let daNang = ConsoleHardeningTests.id(try await Self.cityID(application, "Da Nang"))
            var coordinator = world.browsers[.coordinator]!, admin = world.browsers[.admin]!, company = world.browsers[.company]!
            coordinator.cookies["domino_lang"] = "en"
            admin.cookies["domino_lang"] = "en"
            company.cookies["domino_lang"] = "en"
            let offered = "<option value=\"\(daNang)\""
            #expect(try await coordinator.get("/needs/new").text.contains(offered), "need form")
            #expect(try await admin.get("/liaison-bases/new").text.contains(offered), "liaison base form")
            let leads = try await coordinator.get("/leads")
            #expect(leads.text.contains(offered) && leads.text.contains("<td data-label=\"City\">Da Nang (Viet Nam)</td>"), "leads: the city filter and the lead's row")
            #expect(try await admin.get("/liaison-bases").text.contains("Da Nang (Viet Nam)"), "liaison bases list")
            #expect(try await coordinator.get("/needs/coverage").text.contains("Da Nang (Viet Nam)"), "coverage")
            let opportunities = try await company.get("/companies/\(ConsoleHardeningTests.id(world.companyA))/opportunities")
            #expect(opportunities.text.contains("Da Nang") && !opportunities.text.contains(">—<"), "opportunities")
        }
    }

    @Test("the event form offers the 101st organizer by name, and an event it organizes keeps it checked and saved")
    func organizerPastTheHundredth() async throws {
        try await withTestServer { port, application in
            try await Self.earlierUsers(application, .organizer)
            let world = try await ConsoleWorld(port: port, application: application)
            let late = try await ConsoleBrowser.user(application, .organizer).user
            var admin = world.browsers[.admin]!
            let form = try await admin.get("/conventions/events/new")
            #expect(form.text.contains("value=\"\(ConsoleHardeningTests.id(late.id))\"") && form.text.contains(late.email))
            let created = try await admin.post("/conventions/events/new", form: ConsoleEventFormTests.eventForm() + [("organizerUserIds", ConsoleHardeningTests.id(late.id))])
            #expect(created.status == 303)
            let event = try await application.pool.query("SELECT id FROM events ORDER BY created_at DESC LIMIT 1")[0].decode("id", as: UUID.self)
            let edit = try await admin.get("/conventions/events/\(ConsoleHardeningTests.id(event))/edit")
            #expect(edit.text.contains("value=\"\(ConsoleHardeningTests.id(late.id))\" checked") && edit.text.contains(late.email), "named, not its bare id")
        }
    }

    @Test("a coordinator profile's form offers the 101st coordinator user, keeps it chosen on edit; the leads' owner filter offers the 101st profile")
    func coordinatorPastTheHundredth() async throws {
        try await withTestServer { port, application in
            try await Self.earlierUsers(application, .coordinator, profiles: true)
            let world = try await ConsoleWorld(port: port, application: application)
            let late = try await ConsoleBrowser.user(application, .coordinator).user
            var admin = world.browsers[.admin]!
            #expect(try await admin.get("/coordinators/new").text.contains("<option value=\"\(ConsoleHardeningTests.id(late.id))\""))
            let coordinators = CoordinatorService(
                pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
                companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
            let profile = try await coordinators.createCoordinator(
                CoordinatorDraft(userId: late.id, displayName: "遅い 花子", expertiseCodes: [], languages: ["ja"], countries: []),
                by: Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin))
            let edit = try await admin.get("/coordinators/\(ConsoleHardeningTests.id(profile.id))/edit")
            #expect(edit.text.contains("<option value=\"\(ConsoleHardeningTests.id(late.id))\" selected>"))
            var coordinator = world.browsers[.coordinator]!
            let owners = try await coordinator.get("/leads")
            let worldProfile = try await application.pool.query("SELECT id FROM coordinators WHERE display_name = '山田 太郎'")[0].decode("id", as: UUID.self)
            #expect(owners.text.contains("<option value=\"\(ConsoleHardeningTests.id(worldProfile))\">山田 太郎</option>"))
        }
    }

    @Test("a company list past the ceiling says so beside the choice, on the bases' form and the new user's form; a shorter one does not")
    func companyDirectoryPastTheCeiling() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            admin.cookies["domino_lang"] = "en"
            #expect(!(try await admin.get("/liaison-bases/new")).text.contains("more companies than this list can show"))
            _ = try await application.pool.query("""
                INSERT INTO companies (name_en, size, created_at)
                SELECT 'Directory company ' || g, 'sme', timestamptz '2020-01-01' + g * interval '1 second' FROM generate_series(1, 2000) g
                """)
            let base = try await admin.get("/liaison-bases/new")
            #expect(base.text.contains("it lists the first 2,000 registered. If the company is not listed, find it with “Find a company” above.") && base.text.contains("aria-describedby=\"companyId-hint\""))
            admin.cookies["domino_lang"] = "ja"
            #expect(try await admin.get("/users/new").text.contains("最初に登録された2,000社だけを表示しています"))
        }
    }

    @Test("a city's 101st local partner opens for editing, is on the city's page and is offered as the counterpart of a new match")
    func partnerPastTheHundredth() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let daNang = try await Self.cityID(application, "Da Nang")
            _ = try await application.pool.query("""
                INSERT INTO local_partner_companies (city_id, name, created_at)
                SELECT \(daNang), 'Partner ' || lpad(g::text, 3, '0'), timestamptz '2020-01-01' + g * interval '1 minute' FROM generate_series(1, 101) g
                """)
            let last = try await application.pool.query("SELECT id FROM local_partner_companies WHERE name = 'Partner 101'")[0].decode("id", as: UUID.self)
            var coordinator = world.browsers[.coordinator]!
            let city = "/cities/\(ConsoleHardeningTests.id(daNang))"
            #expect(try await coordinator.get("\(city)/partners/\(ConsoleHardeningTests.id(last))/edit").status == 200)
            #expect(try await coordinator.get(city).text.contains("Partner 101"))
            let match = try await coordinator.get(
                "/matches/new?need=\(ConsoleHardeningTests.id(world.needA))&company=\(ConsoleHardeningTests.id(world.companyA))&from=ranking")
            #expect(match.status == 200 && match.text.contains("<option value=\"\(ConsoleHardeningTests.id(last))\">Partner 101</option>"))
        }
    }

    @Test("the needs and users lists go on to a next page past the hundredth; the events list pages them, latest start first; a coordinator's home counts every lead it owns")
    func listsPageOn() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let daNang = try await Self.cityID(application, "Da Nang")
            let profile = try await application.pool.query("SELECT id FROM coordinators WHERE display_name = '山田 太郎'")[0].decode("id", as: UUID.self)
            try await Self.earlierUsers(application, .viewer)
            _ = try await application.pool.query("""
                WITH needs AS (
                    INSERT INTO city_needs (city_id, title_en, source, created_at)
                    SELECT \(daNang), 'Earlier need ' || g, 'inquiry', timestamptz '2020-01-01' + g * interval '1 minute' FROM generate_series(1, 100) g
                ), events AS (
                    INSERT INTO events (kind, title_en, starts_at, ends_at, fiscal_year, format, online_capacity, created_at)
                    SELECT 'seminar', 'Seminar ' || g || '.', timestamptz '2026-06-01' + (g * 37 % 101) * interval '1 day',
                           timestamptz '2026-06-01' + (g * 37 % 101) * interval '1 day' + interval '1 hour',
                           2026, 'online', 10, timestamptz '2020-01-01' + g * interval '1 minute'
                    FROM generate_series(1, 101) g
                ), leads AS (
                    INSERT INTO leads (title, city_id, source_channel, owner_coordinator_id)
                    SELECT 'Owned lead ' || g, \(daNang), 'inquiry', \(profile) FROM generate_series(1, 100) g
                    RETURNING id
                )
                INSERT INTO lead_stage_history (lead_id, to_stage, occurred_on) SELECT id, 'lead', date '2026-12-01' FROM leads
                """)
            var admin = world.browsers[.admin]!
            admin.cookies["domino_lang"] = "en"
            for (path, last) in [("/needs", "Waste to energy in Bangkok"), ("/users", world.coordinator.userID.uuidString.lowercased())] {
                let first = try await admin.get(path)
                let next = try #require(Self.nextPage(in: first.text), "\(path): a next page")
                #expect(next.hasPrefix(path + "?cursor=") && !next.contains("page="), "\(path)")
                let second = try await admin.get(next)
                #expect(second.status == 200 && second.text.contains(last) && !first.text.contains(last), "\(path): the 101st on page 2")
            }
            // ux20: a hundred events a page, so the first page and the next read one after the other hold them all.
            let firstEvents = try await admin.get("/conventions").text
            let nextEvents = try #require(Self.nextPage(in: firstEvents), "/conventions: a next page")
            let events = firstEvents + (try await admin.get(nextEvents)).text
            // Entered in the order 1…101, starting on day 37 × n mod 101: the list is by start, not by entry.
            let byStart = (1...101).sorted { $0 * 37 % 101 > $1 * 37 % 101 }.map { events.range(of: ">Seminar \($0).<")?.lowerBound }
            #expect(byStart.allSatisfy { $0 != nil } && byStart.compactMap { $0 } == byStart.compactMap { $0 }.sorted(), "every event, the latest start first")
            var coordinator = world.browsers[.coordinator]!
            coordinator.cookies["domino_lang"] = "en"
            let home = try await coordinator.get("/")
            #expect(home.text.contains("<span class=\"value\">102</span>Lead"), "the world's two and a hundred more")
        }
    }

    @Test("the knowledge base goes on to a next page, with the search kept, past its first page (it stopped at 50)")
    func knowledgePagesOn() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let profile = try await application.pool.query("SELECT id FROM coordinators WHERE display_name = '山田 太郎'")[0].decode("id", as: UUID.self)
            _ = try await application.pool.query("""
                INSERT INTO knowledge_notes (author_coordinator_id, title_en, body_en, countries, created_at)
                SELECT \(profile), 'Note ' || lpad(g::text, 3, '0'), 'What we learned', '{VN}', timestamptz '2020-01-01' + g * interval '1 minute'
                FROM generate_series(1, 101) g
                """)
            var coordinator = world.browsers[.coordinator]!
            coordinator.cookies["domino_lang"] = "en"
            let first = try await coordinator.get("/knowledge?country=VN")
            #expect(first.text.contains("Note 100") && !first.text.contains("Note 101"))
            let next = try #require(Self.nextPage(in: first.text))
            #expect(next.hasPrefix("/knowledge?country=VN&cursor="))
            let second = try await coordinator.get(next)
            #expect(second.status == 200 && second.text.contains("Note 101") && !second.text.contains("Note 100<"))
        }
    }
}
