import Accounts
import App
import Conventions
import DomainKit
import Foundation
import KPI
import Postgres
import TestSupport
import Testing

/// desk30: the desk counts who has arrived, finds a guest without their code, and undoes a mistaken check-in.
@Suite("The check-in desk: arrivals, search and undo")
struct ConsoleDeskTests {
    static func path(_ event: Event) -> String { ConventionPagesTests.path(event) }

    /// The check-in id the answer's undo button removes.
    static func undoID(_ page: String) -> String? {
        guard let start = page.range(of: "name=\"checkInId\" value=\"") else { return nil }
        return String(page[start.upperBound...].prefix(36))
    }

    @Test("the desk says how many of those registered have arrived today, counted again after each check-in")
    func arrivals() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizer, event, guest) = try await ConventionPagesTests.organizerWithGuest(port: port, application)
            var browser = organizer
            _ = try await ConventionPagesTests.register(application, event, "binh@example.vn", nameJa: "チャン・ビン")
            let before = try await browser.get(Self.path(event) + "/desk")
            #expect(before.status == 200 && before.text.contains("本日の来場：登録者2人のうち0人"))
            let checked = try await browser.post(Self.path(event) + "/desk", form: [("code", try #require(guest.code))])
            #expect(checked.text.contains("チェックインしました") && checked.text.contains("本日の来場：登録者2人のうち1人"))
            _ = try await browser.get("/language?to=en&back=%2F")
            #expect(try await browser.get(Self.path(event) + "/desk").text.contains("1 of 2 registered have arrived today"))
        }
    }

    @Test("a guest without their code is found by name in Japanese or English, and checked in from the list; another event's guest is neither listed nor checked in")
    func searchAndCheckIn() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizer, event, guest) = try await ConventionPagesTests.organizerWithGuest(port: port, application)
            var browser = organizer
            let (_, otherOrganizer) = try await ConsoleBrowser.user(application, .organizer)
            let elsewhere = try await ConventionPagesTests.event(application, organizer: otherOrganizer.id)
            let stranger = try await ConventionPagesTests.register(application, elsewhere, "an.other@example.vn", nameJa: "グエン・ミン")
            let desk = Self.path(event) + "/desk"
            let japanese = try await browser.get(desk + "?q=%E3%82%B0%E3%82%A8%E3%83%B3")  // グエン
            #expect(japanese.status == 200 && japanese.text.contains("グエン・アン / Nguyen An") && !japanese.text.contains("グエン・ミン"))
            #expect(japanese.text.contains("name=\"registrationId\" value=\"\(guest.id.uuidString.lowercased())\""))
            #expect(!japanese.text.contains(stranger.id.uuidString.lowercased()))
            let english = try await browser.get(desk + "?q=nguyen+an")
            #expect(english.text.contains("グエン・アン / Nguyen An") && english.text.contains("an@example.vn"))
            #expect(try await browser.get(desk + "?q=nobody").text.contains("「nobody」に当たる登録はありません"))
            let checked = try await browser.post(desk, form: [("registrationId", guest.id.uuidString.lowercased()), ("q", "nguyen")])
            #expect(checked.status == 200 && checked.text.contains("チェックインしました") && checked.text.contains("本日の来場：登録者1人のうち1人"))
            #expect(checked.text.contains("来場済み（日本時間10:00）"), "the list, kept on its search, shows the guest arrived")
            let method: String = try await application.pool.query("SELECT method FROM check_ins WHERE registration_id = \(guest.id)")[0].decode("method")
            #expect(method == "search")
            let theirs = try await browser.post(desk, form: [("registrationId", stranger.id.uuidString.lowercased())])
            #expect(theirs.status == 404)
            let checkIns: Int = try await application.pool.query("SELECT count(*)::int AS n FROM check_ins")[0].decode("n")
            #expect(checkIns == 1)
        }
    }

    @Test("a mistaken check-in is undone from the answer or from the list: the count falls back, KPI ③ no longer counts it, and the removal is audited")
    func undo() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizer, event, guest) = try await ConventionPagesTests.organizerWithGuest(port: port, application)
            var browser = organizer
            let desk = Self.path(event) + "/desk"
            _ = try await browser.get(desk)
            let kpi = KPIService(pool: application.pool, clock: application.clock)
            func attendance() async throws -> Int {
                try await kpi.records(.conventionParticipants, fiscalYear: 2026, limit: 100, cursor: nil).items.count
            }
            let checked = try await browser.post(desk, form: [("code", try #require(guest.code))])
            #expect(checked.text.contains("action=\"\(desk)/undo\"") && checked.text.contains(">取り消す<"))
            let checkInID = try #require(Self.undoID(checked.text))
            #expect(try await attendance() == 1)
            let undone = try await browser.post(desk + "/undo", form: [("checkInId", checkInID)])
            #expect(undone.status == 200 && undone.text.contains("チェックインを取り消しました") && undone.text.contains("グエン・アン / Nguyen An"))
            #expect(undone.text.contains("本日の来場：登録者1人のうち0人"))
            #expect(try await attendance() == 0)
            let audited: Int = try await application.pool.query("""
                SELECT count(*)::int AS n FROM audit_log WHERE entity = 'check_ins' AND action = 'delete'
                """)[0].decode("n")
            #expect(audited == 1)
            // From the list: the guest checked in again is shown arrived, with the button that undoes it.
            _ = try await browser.post(desk, form: [("code", try #require(guest.code))])
            let listed = try await browser.get(desk + "?q=nguyen")
            #expect(listed.text.contains("来場済み") && listed.text.contains("aria-label=\"グエン・アン / Nguyen Anさんのチェックインを取り消す\""))
            let again = try #require(Self.undoID(listed.text))
            #expect(try await browser.post(desk + "/undo", form: [("checkInId", again), ("q", "nguyen")]).text.contains("本日の来場：登録者1人のうち0人"))
            #expect(try await attendance() == 0)
        }
    }

    @Test("an organizer of another event gets the 404 for the desk's search and undo; a viewer cannot undo")
    func access() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizer, event, guest) = try await ConventionPagesTests.organizerWithGuest(port: port, application)
            var browser = organizer
            let desk = Self.path(event) + "/desk"
            _ = try await browser.get(desk)
            let checked = try await browser.post(desk, form: [("code", try #require(guest.code))])
            let checkInID = try #require(Self.undoID(checked.text))
            let (otherEmail, _) = try await ConsoleBrowser.user(application, .organizer)
            var other = ConsoleBrowser(port: port)
            _ = try await other.signIn(otherEmail)
            #expect(try await other.get(desk + "?q=nguyen").status == 404)
            _ = try await other.get("/")
            #expect(try await other.post(desk + "/undo", form: [("checkInId", checkInID)]).status == 404)
            let (viewerEmail, _) = try await ConsoleBrowser.user(application, .viewer)
            var viewer = ConsoleBrowser(port: port)
            _ = try await viewer.signIn(viewerEmail)
            _ = try await viewer.get("/")
            #expect(try await viewer.post(desk + "/undo", form: [("checkInId", checkInID)]).status == 403)
            let checkIns: Int = try await application.pool.query("SELECT count(*)::int AS n FROM check_ins")[0].decode("n")
            #expect(checkIns == 1)
        }
    }
}
