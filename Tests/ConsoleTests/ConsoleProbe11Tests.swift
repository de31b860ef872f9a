import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// What probing last session's changes from outside found (probe11), each through the real server.
@Suite("Console: probe11's fixes")
struct ConsoleProbe11Tests {
    @Test("an organizer whose only co-organizer is disabled gets no leave button, and leaving from an older page is the 409 page saying why")
    func lastEnabledOrganizer() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, owner) = try await ConsoleBrowser.user(application, .organizer)
            let (dormantEmail, dormant) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: owner.id)
            _ = try await application.conventions.addOrganizer(email: dormantEmail, to: event.id, ifVersion: 1, by: ConventionPagesTests.admin)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            _ = try await browser.get("/language?to=en&back=%2F")
            let path = ConsoleEventOrganizerTests.path(event)
            let offered = try await browser.get(path)
            #expect(offered.text.contains("\(owner.id.uuidString.lowercased())/remove"), "both enabled: the owner may leave")
            _ = try await application.pool.query("UPDATE users SET disabled = true WHERE id = \(dormant.id)")
            let page = try await browser.get(path)
            #expect(page.text.contains("(account disabled)") && page.text.contains("\(dormant.id.uuidString.lowercased())/remove"))
            _ = try await browser.get("/language?to=ja&back=%2F")
            // One word for a disabled account on every page (the forms said 停止中, this page 無効).
            #expect(try await browser.get(path).text.contains("\(dormant.displayName)（停止中のアカウント）"))
            _ = try await browser.get("/language?to=en&back=%2F")
            #expect(!page.text.contains("\(owner.id.uuidString.lowercased())/remove") && page.text.contains("Stays: the only organizer whose account is enabled"), "no leave button for the last enabled organizer")
            let left = try await browser.post(path + "/\(owner.id.uuidString.lowercased())/remove", form: [("version", "2")])
            #expect(left.status == 409 && left.text.contains("An event keeps at least one organizer whose account is enabled"))
            #expect(try await application.conventions.event(event.id, by: ConventionPagesTests.admin).organizerUserIds == [owner.id, dormant.id])
        }
    }

    @Test("notes of zero-width characters alone are no activity: refused beside Notes, nothing logged")
    func zeroWidthActivity() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            browser.cookies["domino_lang"] = "en"
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            _ = try await browser.get(path)
            let empty = try await browser.post("\(path)/activities", form: [
                ("kind", "call"), ("occurredOn", "2026-11-30"), ("notes", "\u{200B}\u{2060}\u{FEFF}"), ("nextAction", " \u{200B} "), ("nextActionDueOn", ""),
            ])
            #expect(empty.status == 422)
            #expect(empty.text.contains("Write what happened under Notes, or the next action") && empty.text.contains("id=\"notes-error\""))
            #expect(try await application.pool.query("SELECT count(*)::int AS n FROM lead_activities")[0].decode("n", as: Int.self) == 0)
        }
    }

    @Test("the pipeline by city names every city with leads: past the first hundred cities, and archived since")
    func pipelineNamesEveryCity() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            // A hundred cities listed before the world's two (the list is in order of creation), and Bangkok archived.
            _ = try await application.pool.query("""
                INSERT INTO overseas_cities (name_ja, name_en, country, relationship, created_at)
                SELECT '先の市' || g, 'Earlier city ' || g, 'VN', 'other', timestamptz '2020-01-01' + g * interval '1 minute'
                FROM generate_series(1, 100) g
                """)
            _ = try await application.pool.query("UPDATE overseas_cities SET archived = true WHERE name_en = 'Bangkok'")
            for role in [Role.coordinator, .viewer] {
                var browser = world.browsers[role]!
                browser.cookies["domino_lang"] = "en"
                let page = try await browser.get("/leads/pipeline")
                #expect(page.status == 200)
                #expect(page.text.contains("Da Nang (Viet Nam)") && page.text.contains("Bangkok (Thailand)"), "\(role)")
                #expect(!page.text.contains(">—<"), "\(role): no city left unnamed")
            }
        }
    }
}
