import Accounts
import App
import Conventions
import DomainKit
import Foundation
import TestSupport
import Testing

/// The council's pages (gaps12): the leads pipeline it may read but not the leads behind it, and the events
/// read only; and an event's registrations in force by default, on the real server.
@Suite("Console: the council's pipeline and events, registrations in force")
struct ConsoleCouncilEventsTests {
    @Test("the council reads the pipeline by stage, year and city with no link to the leads; a coordinator's rows link; a liaison officer counts its base's leads")
    func pipeline() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            var council = world.browsers[.viewer]!
            let home = try await council.get("/")
            #expect(home.text.contains("href=\"/leads/pipeline\"") && !home.text.contains("href=\"/leads\""))
            let page = try await council.get("/leads/pipeline")
            #expect(page.status == 200 && page.text.contains("案件パイプライン") && page.text.contains("段階ごと") && page.text.contains("都市ごと"))
            #expect(page.text.contains("ダナン（ベトナム）") && page.text.contains("バンコク（タイ）") && page.text.contains("成約見込み日なし"))
            #expect(!page.text.contains("href=\"/leads?") && !page.text.contains("href=\"/leads\""), "no link the council cannot follow")
            var coordinator = world.browsers[.coordinator]!
            let linked = try await coordinator.get("/leads/pipeline")
            #expect(linked.text.contains("href=\"/leads?stage=lead\"") && linked.text.contains("href=\"/leads\""))
            #expect(try await coordinator.get("/leads").text.contains("href=\"/leads/pipeline\""))
            var liaison = world.browsers[.liaison]!
            let base = try await liaison.get("/leads/pipeline")
            #expect(base.status == 200 && base.text.contains("ダナン（ベトナム）") && !base.text.contains("バンコク（タイ）"), "its base's leads only")
            try await world.expectPages([("/leads/pipeline", [.admin, .coordinator, .liaison, .viewer], [])])
            _ = try await council.get("/language?to=en&back=%2F")
            #expect(try await council.get("/leads/pipeline").text.contains("By fiscal year of the expected close"))
        }
    }

    @Test("a person who cancelled and registered again is listed once by default; the filter shows the cancelled one too")
    func registrationsInForce() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id)
            let first = try await ConventionPagesTests.register(application, event, "again@example.vn")
            _ = try await application.conventions.cancel(first.id, by: ConventionPagesTests.admin)
            let second = try await ConventionPagesTests.register(application, event, "again@example.vn")
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let page = try await browser.get(ConventionPagesTests.path(event))
            #expect(page.text.contains("参加登録（有効なもの）") && page.text.contains("1件を表示"))
            #expect(page.text.contains(second.code!) && !page.text.contains(first.code!))
            let every = try await browser.get(ConventionPagesTests.path(event) + "?status=all")
            #expect(every.text.contains("参加登録（キャンセルを含むすべて）") && every.text.contains("2件を表示"))
            #expect(every.text.contains(first.code!) && every.text.contains(second.code!) && every.text.contains("value=\"all\" selected"))
            let cancelled = try await browser.get(ConventionPagesTests.path(event) + "?status=cancelled")
            #expect(cancelled.text.contains(first.code!) && !cancelled.text.contains(second.code!))
            _ = try await browser.get("/language?to=en&back=%2F")
            #expect(try await browser.get(ConventionPagesTests.path(event)).text.contains("Registrations in force"))
        }
    }
}

extension ConsoleCouncilEventsTests {
    @Test("an event's registrations say page 1 of M, counted with the filter, and the next page that it continues them; the next page keeps the filter")
    func pageOfPages() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id, seats: 200)
            for index in 0..<101 { _ = try await ConventionPagesTests.register(application, event, "person\(index)@example.vn") }
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let first = try await browser.get(ConventionPagesTests.path(event))
            // ux15: the <h1> stays the event's name; the position is in the <title> and beside the pager.
            #expect(first.text.contains("<h1>横浜脱炭素コンベンション</h1>") && first.text.contains("<title>横浜脱炭素コンベンション：1/2ページ目 – Domino</title>"))
            #expect(first.text.contains("<span class=\"pager-position\">1/2ページ目</span>") && first.text.contains("101件中100件を表示"))
            let next = try #require(first.text.range(of: "href=\"/conventions/events/[^\"]*cursor=[^\"]*\"", options: .regularExpression))
            let href = String(first.text[next].dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&")
            let second = try await browser.get(href)
            // ux20: past the first page the position is not known (the cursor says where the page starts, a page= was the link's
            // word), so the title says it continues and the pager how many pages there are.
            #expect(second.text.contains("<h1>横浜脱炭素コンベンション</h1>") && second.text.contains("<title>横浜脱炭素コンベンション（続き） – Domino</title>"))
            // polish24: and a link back to the first page, the only way back but the browser's history.
            #expect(second.text.contains("<p class=\"pager\"><span class=\"pager-position\">全2ページ</span> <a href=\"\(ConventionPagesTests.path(event))\">最初のページへ</a></p>"))
            #expect(second.text.contains("101件中1件を表示"))
            #expect(!href.contains("page="))
            let searched = try await browser.get(ConventionPagesTests.path(event) + "?q=person100")
            #expect(searched.text.contains("<h1>横浜脱炭素コンベンション</h1>") && searched.text.contains("1件中1件を表示"), "one page: no number")
            #expect(!searched.text.contains("pager-position") && searched.text.contains("<title>横浜脱炭素コンベンション – Domino</title>"))
            _ = try await browser.get("/language?to=en&back=%2F")
            let english = try await browser.get(ConventionPagesTests.path(event)).text
            #expect(english.contains("(page 1 of 2) – Domino</title>") && english.contains(">Page 1 of 2</span>") && !english.contains("(page 1 of 2)</h1>"))
        }
    }
}
