import App
import Conventions
import DomainKit
import Foundation
import TestSupport
import Testing

/// What the role walkthrough (ux13) found and left, fixed (ux14), each through the real server.
@Suite("Console: what the walkthrough left")
struct ConsoleWalkthroughLeftTests {
    @Test("an activity with neither notes nor a next action is refused beside Notes, in Japanese and English, the input kept and nothing logged")
    func emptyActivity() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            for (language, message) in [
                ("ja", "何があったか（内容）か次のアクションを入力してください。種類と日付だけでは記録できません"),
                ("en", "Write what happened under Notes, or the next action: a kind and a date alone are not logged"),
            ] {
                browser.cookies["domino_lang"] = language
                _ = try await browser.get(path)
                let empty = try await browser.post("\(path)/activities", form: [
                    ("kind", "site_visit"), ("occurredOn", "2026-11-30"), ("notes", "  "), ("nextAction", ""), ("nextActionDueOn", ""),
                ])
                #expect(empty.status == 422, "\(language)")
                #expect(empty.text.contains("<a href=\"#notes\">\(message)</a>") && empty.text.contains("id=\"notes-error\""), "\(language)")
                #expect(empty.text.contains("<option value=\"site_visit\" selected>") && empty.text.contains("value=\"2026-11-30\""), "the input is kept")
            }
            browser.cookies["domino_lang"] = "ja"
            #expect(try await browser.get(path).text.contains("活動の記録はまだありません"), "nothing was logged")
            let next = try await browser.post("\(path)/activities", form: [("kind", "email"), ("occurredOn", "2026-11-30"), ("nextAction", "見積りを送る")])
            #expect(next.status == 303, "a next action alone is an activity")
        }
    }
}

extension ConsoleWalkthroughLeftTests {
    @Test("an event's page shows its public registration page as a full address when the public URL is configured, else as the path")
    func publicRegistrationAddress() async throws {
        for (configured, origin) in [("https://domino.example.jp/", "https://domino.example.jp"), (nil, "")] {
            try await withTestServer(configure: { $0.publicURL = configured }) { port, application in
                var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
                let id = event.id.uuidString.lowercased()
                let page = try await browser.get("/conventions/events/\(id)")
                #expect(page.status == 200)
                #expect(page.text.contains("<a href=\"/events/\(id)/register\">\(origin)/events/\(id)/register</a>"),
                        "\(String(describing: configured))")
            }
        }
    }
}
