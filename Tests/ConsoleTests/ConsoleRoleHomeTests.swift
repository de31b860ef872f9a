import Accounts
import App
import Conventions
import DomainKit
import Foundation
import KPI
import Postgres
import TestSupport
import Testing

/// The home page's first screen for the roles without a coordinator's (s27): the year's KPIs for who reads them, an
/// organizer's coming events, the needs that fit a company user's company. Each through the real server.
@Suite("Console: each role's home page")
struct ConsoleRoleHomeTests {
    @Test("the council and administrators see this fiscal year's four KPIs with their targets, linked to the records; roles without the dashboard do not")
    func kpiGlance() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            _ = try await KPIService(pool: application.pool, clock: application.clock)
                .setTarget(.liaisonMatches, fiscalYear: 2026, draft: KPITargetDraft(target: 1_200), ifVersion: nil, by: admin)
            for role in [Role.viewer, .admin] {
                var browser = world.browsers[role]!
                for (language, heading, name) in [("ja", "令和8年度（FY2026）のKPI", "2. 海外連携拠点を通じたビジネスマッチング件数"),
                                                  ("en", "KPIs for FY2026 (令和8年度)", "2. Business matchings through overseas liaison bases")] {
                    browser.cookies["domino_lang"] = language
                    let home = try await browser.get("/")
                    #expect(home.status == 200 && home.text.contains("<h2>\(heading)</h2>"), "\(role) \(language)")
                    #expect(home.text.contains(name) && home.text.contains("1,200"), "\(role) \(language): the KPI's row with its target")
                    for code in KPICode.allCases {
                        #expect(home.text.contains("href=\"/kpi/\(code.rawValue)/records?fy=2026\""), "\(role) \(language) \(code)")
                    }
                    #expect(home.text.contains("<a href=\"/kpi\">"), "\(role) \(language): the dashboard")
                }
            }
            for role in [Role.coordinator, .company, .organizer, .liaison] {
                var browser = world.browsers[role]!
                let home = try await browser.get("/")
                #expect(home.status == 200 && !home.text.contains("records?fy="), "\(role)")
            }
        }
    }

    @Test("an organizer's home lists its events not over yet, soonest first, with the desk on an event's day; not past events nor another organizer's")
    func comingEvents() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let (_, other) = try await ConsoleBrowser.user(application, .organizer)
            let today = try await ConventionPagesTests.event(application, organizer: user.id)
            func event(_ title: String, on day: String, organizer: UUID) async throws -> Event {
                let start = CalendarDate(day)!.startInJapan.addingTimeInterval(13 * 3600)
                return try await application.conventions.createEvent(EventDraft(
                    kind: .seminar, titleJa: title, startsAt: start, endsAt: start.addingTimeInterval(2 * 3600), format: .online,
                    onlineCapacity: 300, organizerUserIds: [organizer]), by: ConventionPagesTests.admin)
            }
            let later = try await event("ハノイ向けセミナー", on: "2027-02-10", organizer: user.id)
            let sooner = try await event("セブ向けセミナー", on: "2027-01-20", organizer: user.id)
            _ = try await event("終わったセミナー", on: "2026-11-30", organizer: user.id)
            _ = try await event("ほかの主催者のセミナー", on: "2027-01-05", organizer: other.id)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            for (language, heading, desk) in [("ja", "これからのイベント", "受付を開く"), ("en", "Your coming events", "Open the desk")] {
                browser.cookies["domino_lang"] = language
                let home = try await browser.get("/")
                #expect(home.status == 200 && home.text.contains(heading), "\(language)")
                let listed = [today, sooner, later].map { ConventionPagesTests.path($0) }
                let positions = listed.compactMap { home.text.range(of: "href=\"\($0)\"")?.lowerBound }
                #expect(positions.count == 3 && positions == positions.sorted(), "\(language): today's, then January's, then February's")
                #expect(home.text.contains("<a href=\"\(ConventionPagesTests.path(today))/desk\">\(desk)</a>"), "\(language): the desk of today's event")
                #expect(!home.text.contains("\(ConventionPagesTests.path(sooner))/desk"), "\(language): no desk for an event to come")
                #expect(!home.text.contains("終わったセミナー") && !home.text.contains("ほかの主催者のセミナー"), "\(language)")
            }
        }
    }

    @Test("a company user's home lists the open needs that fit its company and links to its opportunities; no other role's does")
    func fittingNeeds() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var company = world.browsers[.company]!
            let before = try await company.get("/")
            #expect(before.status == 200 && before.text.contains("貴社に合う都市ニーズ") && before.text.contains("いま合う受付中のニーズはありません"),
                    "a company without technologies is told how to be found")
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            let opportunities = "href=\"/companies/\(world.companyA.uuidString.lowercased())/opportunities\""
            for (language, heading) in [("ja", "貴社に合う都市ニーズ"), ("en", "City needs that fit your company")] {
                company.cookies["domino_lang"] = language
                let home = try await company.get("/")
                #expect(home.status == 200 && home.text.contains(heading) && home.text.contains(opportunities), "\(language)")
                for need in [world.needA, world.needB] {
                    #expect(home.text.contains("href=\"/needs/\(need.uuidString.lowercased())\""), "\(language): the waste-to-energy needs fit")
                }
                #expect(home.text.contains(language == "ja" ? "ダナン" : "Da Nang"), "\(language): with their city")
            }
            for role in [Role.viewer, .admin, .organizer, .liaison] {
                var browser = world.browsers[role]!
                #expect(!(try await browser.get("/")).text.contains("/opportunities\""), "\(role)")
            }
        }
    }
}
