import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Defects found walking each role's ordinary day in the browser (ux13), each through the real server.
@Suite("Console: what people stumbled on in their day")
struct ConsoleWalkthroughTests {
    @Test("an organizer's home page leads to its events and to a new event, in Japanese and English, and no longer says they are coming soon")
    func organizerHome() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var organizer = world.browsers[.organizer]!
            for (language, intro, stale) in [("ja", "当日の受付", "準備中"), ("en", "check them in at the desk", "coming soon")] {
                organizer.cookies["domino_lang"] = language
                let home = try await organizer.get("/")
                #expect(home.status == 200 && home.text.contains(intro) && !home.text.contains(stale), "\(language)")
                #expect(home.text.contains("<li><a href=\"/conventions\">") && home.text.contains("<a href=\"/conventions/events/new\">"), "\(language)")
            }
            var viewer = world.browsers[.viewer]!
            #expect(!(try await viewer.get("/")).text.contains("href=\"/conventions/events/new\""), "only for those who may create an event")
        }
    }

    @Test("a need reported from the form lands on its page saying it was reported, not merely saved")
    func needCreatedIsConfirmed() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var liaison = world.browsers[.liaison]!
            for (language, confirmation) in [("ja", "ニーズを登録しました。"), ("en", "The need has been reported.")] {
                liaison.cookies["domino_lang"] = language
                _ = try await liaison.get("/needs/new")
                let saved = try await liaison.post("/needs/new", form: try await ConsoleDataRefusalTests.newNeed(world, application, title: "屋根の太陽光 \(language)"))
                #expect(saved.status == 303)
                let location = try #require(saved.header("Location"))
                #expect(location.hasSuffix("?created=1"), "\(location)")
                let page = try await liaison.get(location)
                #expect(page.status == 200 && page.text.contains(confirmation) && page.text.contains("role=\"status\""), "\(language)")
                #expect(!page.text.contains(language == "ja" ? "ニーズを保存しました。" : "The need has been saved."), "\(language)")
            }
        }
    }

    @Test("the cancellation link of a person on the waitlist asks to leave the waitlist, not to give up a seat and a door code")
    func waitlistedCancellation() async throws {
        try await withTestServer(configure: ParticipantMessagesTests.links) { port, application in
            let event = try await ParticipantMessagesTests.event(application)
            _ = try await ParticipantMessagesTests.register(application, event, "an@example.vn")
            let waiting = try await ParticipantMessagesTests.register(application, event, "binh@example.vn")
            #expect(waiting.status == .waitlisted)
            let mail = try #require(try await ParticipantMessagesTests.outbox(application).first { $0.recipient == "binh@example.vn" })
            let (path, _) = try ParticipantMessagesTests.link(in: mail.text)
            var browser = ConsoleBrowser(port: port)
            for (language, asked, wrong) in [("ja", "キャンセル待ちを取り消しますか", "受付コードは使えなくなり"),
                                             ("en", "Nguyen An off the waitlist for", "Your door code will stop working")] {
                browser.cookies["domino_lang"] = language
                let ask = try await browser.get(path)
                #expect(ask.status == 200 && ask.text.contains(asked) && !ask.text.contains(wrong), "\(language)")
            }
        }
    }

    @Test("a no-show opening the cancellation link after the event is told the event is over, not that they were checked in")
    func noShowCancellation() async throws {
        let clock = TestClock(CalendarDate("2026-11-30")!.startInJapan.addingTimeInterval(9 * 3600))
        try await withTestServer(clock: clock.programme, configure: ParticipantMessagesTests.links) { port, application in
            let event = try await ParticipantMessagesTests.event(application)
            _ = try await ParticipantMessagesTests.register(application, event, "an@example.vn")
            let mail = try #require(try await ParticipantMessagesTests.outbox(application).first { $0.recipient == "an@example.vn" })
            let (path, _) = try ParticipantMessagesTests.link(in: mail.text)
            clock.set(CalendarDate("2026-12-02")!.startInJapan.addingTimeInterval(9 * 3600))
            #expect(try await application.conventions.recordNoShows(eventID: event.id, by: ParticipantMessagesTests.admin) == 1)
            var browser = ConsoleBrowser(port: port)
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.text.contains("このイベントはすでに終了したため") && !page.text.contains("すでに受付済み"))
        }
    }

    @Test("a six-letter code with a letter codes never use is refused at the desk saying which letters those are, not that it lacks six")
    func deskCodeWithUnusedLetters() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            for (language, words) in [("ja", "0・O・1・I・L・2・Z・5・S・8・B は使いません"), ("en", "never uses 0, O, 1, I, L, 2, Z, 5, S, 8 or B")] {
                browser.cookies["domino_lang"] = language
                _ = try await browser.get(ConventionPagesTests.path(event) + "/desk")
                let refused = try await browser.post(ConventionPagesTests.path(event) + "/desk", form: [("code", "ZZZZZZ")])
                #expect(refused.status == 422 && refused.text.contains(words), "\(language)")
            }
        }
    }

    @Test("two likely duplicates with the same name get merge buttons that say, by e-mail, which record each keeps")
    func duplicatesWithTheSameName() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            _ = try await ConventionPagesTests.register(application, event, "an@example.vn")
            _ = try await ConventionPagesTests.register(application, event, "an.nguyen@example.vn")
            let page = try await browser.get(ConventionPagesTests.path(event) + "/duplicates")
            #expect(page.status == 200)
            #expect(page.text.contains("「グエン・アン / Nguyen An (an@example.vn)」を残し、「グエン・アン / Nguyen An (an.nguyen@example.vn)」を統合する"))
            #expect(page.text.contains("「グエン・アン / Nguyen An (an.nguyen@example.vn)」を残し、「グエン・アン / Nguyen An (an@example.vn)」を統合する"))
        }
    }

    @Test("the KPI dashboard says what each KPI counts and how the stars are given, with the counting choices in force, in Japanese and English")
    func kpiDefinitions() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var viewer = world.browsers[.viewer]!
            for (language, words) in [
                ("ja", ["指標の数え方と評価", "段階がいま「事業化」のもの", "紹介後に辞退・取下げとなったマッチングも計上する。", "★5は計画の最終目標の達成"]),
                ("en", ["How each KPI is counted and rated", "whose stage is now commercialised", "A match counts once introduced", "★5: the plan&#39;s final target reached"]),
            ] {
                viewer.cookies["domino_lang"] = language
                let page = try await viewer.get("/kpi")
                #expect(page.status == 200)
                for word in words { #expect(page.text.contains(word), "\(language): \(word)") }
            }
        }
    }
}
