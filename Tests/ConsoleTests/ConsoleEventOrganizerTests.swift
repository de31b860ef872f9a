import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// An event's co-organizers in the browser (gaps12): add by address, the same answer for every address
/// that is no organizer, a stale page, remove, leave, and the last organizer kept; on the real server.
@Suite("Console: an event's co-organizers")
struct ConsoleEventOrganizerTests {
    static func path(_ event: Event) -> String { "/conventions/events/\(event.id.uuidString.lowercased())/organizers" }

    static func version(in html: String) -> String? {
        guard let range = html.range(of: "name=\"version\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test("an organizer adds a co-organizer by address from the event's page; unknown and ineligible addresses get one answer, input kept")
    func add() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, owner) = try await ConsoleBrowser.user(application, .organizer)
            let (colleagueEmail, colleague) = try await ConsoleBrowser.user(application, .organizer)
            let (coordinatorEmail, _) = try await ConsoleBrowser.user(application, .coordinator)
            let event = try await ConventionPagesTests.event(application, organizer: owner.id)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let eventPage = try await browser.get(ConventionPagesTests.path(event))
            #expect(eventPage.text.contains("href=\"\(Self.path(event))\"") && eventPage.text.contains("主催者："))
            let page = try await browser.get(Self.path(event))
            #expect(page.status == 200 && page.text.contains("主催者1人") && page.text.contains("主催者が1人のときは外せません"))
            #expect(!page.text.contains("/remove\""), "no remove button for the only organizer")

            var refusals: [String] = []
            for address in ["nobody@console.test.domino.example", coordinatorEmail] {
                let refused = try await browser.post(Self.path(event), form: [("email", address), ("version", "1")],
                                                     submission: ConsoleBrowser.submission(in: page.text, action: Self.path(event)))
                #expect(refused.status == 422 && refused.text.contains("このメールアドレスの主催者ユーザーはいません"))
                #expect(refused.text.contains("value=\"\(address)\""), "the address typed is kept")
                let beside = refused.text.components(separatedBy: "field-error").dropFirst().first ?? ""
                refusals.append(beside.components(separatedBy: "</span>").first ?? "")
            }
            #expect(refusals[0] == refusals[1], "the same sentence for an unknown address and a coordinator")
            #expect(try await application.conventions.event(event.id, by: ConventionPagesTests.admin).version == 1)

            let added = try await browser.post(Self.path(event), form: [("email", colleagueEmail.uppercased()), ("version", "1")])
            #expect(added.status == 303 && added.header("location") == Self.path(event) + "?added=1")
            let after = try await browser.get(Self.path(event) + "?added=1")
            #expect(after.text.contains("主催者を追加しました") && after.text.contains(colleagueEmail) && after.text.contains("主催者2人"))
            #expect(try await application.conventions.event(event.id, by: ConventionPagesTests.admin).organizerUserIds == [owner.id, colleague.id])
            var other = ConsoleBrowser(port: port)
            _ = try await other.signIn(colleagueEmail)
            #expect(try await other.get(ConventionPagesTests.path(event)).status == 200, "the co-organizer manages the event")
        }
    }

    @Test("a page older than the last change writes nothing: 409 with the saved organizers and the address kept (English)")
    func stale() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, owner) = try await ConsoleBrowser.user(application, .organizer)
            let (colleagueEmail, colleague) = try await ConsoleBrowser.user(application, .organizer)
            let (thirdEmail, _) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: owner.id)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            _ = try await browser.get("/language?to=en&back=%2F")
            let page = try await browser.get(Self.path(event))
            #expect(Self.version(in: page.text) == "1")
            _ = try await application.conventions.addOrganizer(email: colleagueEmail, to: event.id, ifVersion: 1, by: ConventionPagesTests.admin)
            let stale = try await browser.post(Self.path(event), form: [("email", thirdEmail), ("version", "1")])
            #expect(stale.status == 409 && stale.text.contains("Someone else changed this event meanwhile"))
            #expect(stale.text.contains(colleagueEmail) && stale.text.contains("value=\"\(thirdEmail)\"") && Self.version(in: stale.text) == "2")
            #expect(try await application.conventions.event(event.id, by: ConventionPagesTests.admin).organizerUserIds == [owner.id, colleague.id])
            let staleRemove = try await browser.post(
                Self.path(event) + "/\(colleague.id.uuidString.lowercased())/remove", form: [("version", "1")])
            #expect(staleRemove.status == 409 && staleRemove.text.contains("Someone else changed this event meanwhile"))
            let sent = try await browser.post(Self.path(event), form: [("email", thirdEmail), ("version", "2")])
            #expect(sent.status == 303)
        }
    }

    @Test("an organizer removes a co-organizer, then leaves when another remains, landing on their events list")
    func removeAndLeave() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, owner) = try await ConsoleBrowser.user(application, .organizer)
            let (_, colleague) = try await ConsoleBrowser.user(application, .organizer)
            let (_, third) = try await ConsoleBrowser.user(application, .organizer)
            let start = CalendarDate("2026-12-01")!.startInJapan.addingTimeInterval(9 * 3600)
            let event = try await application.conventions.createEvent(EventDraft(
                kind: .seminar, titleJa: "共同主催のセミナー", startsAt: start, endsAt: start.addingTimeInterval(3600), format: .online,
                onlineCapacity: 50, organizerUserIds: [owner.id, colleague.id, third.id]), by: ConventionPagesTests.admin)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let page = try await browser.get(Self.path(event))
            #expect(page.text.contains("自分が主催者から外れる") && page.text.contains("Console organizerさんを主催者から外す"))
            let removed = try await browser.post(Self.path(event) + "/\(third.id.uuidString.lowercased())/remove", form: [("version", "1")])
            #expect(removed.status == 303 && removed.header("location") == Self.path(event) + "?removed=1")
            let left = try await browser.post(Self.path(event) + "/\(owner.id.uuidString.lowercased())/remove", form: [("version", "2")])
            #expect(left.status == 303 && left.header("location") == "/conventions?left=1")
            let list = try await browser.get("/conventions?left=1")
            #expect(list.text.contains("そのイベントの主催者から外れました") && !list.text.contains(ConventionPagesTests.path(event)))
            #expect(try await browser.get(Self.path(event)).status == 404)
            #expect(try await application.conventions.event(event.id, by: ConventionPagesTests.admin).organizerUserIds == [colleague.id])
            // The last organizer stays, even from a page that still offered the button.
            let alone = try await application.conventions.event(event.id, by: ConventionPagesTests.admin)
            var admin = ConsoleBrowser(port: port)
            let (adminEmail, _) = try await ConsoleBrowser.user(application, .admin)
            _ = try await admin.signIn(adminEmail)
            _ = try await admin.get(Self.path(event))
            let last = try await admin.post(Self.path(event) + "/\(colleague.id.uuidString.lowercased())/remove", form: [("version", String(alone.version))])
            #expect(last.status == 409 && last.text.contains("イベントには有効なアカウントの主催者が最低1人必要です"))
            #expect(try await application.conventions.event(event.id, by: ConventionPagesTests.admin).organizerUserIds == [colleague.id])
        }
    }
}
