import Accounts
import App
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Lists that say the truth (ux19): a caption past a list's first page counts only what the server knows, and the home
/// page's short lists say how many more there are and link to the list that shows them.
@Suite("Console lists that say the truth")
struct ConsoleTruthfulListsTests {
    @Test("a page reached by a cursor counts only its own rows, whatever the link's page= says")
    func captionPastFirstPage() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await ConsoleChoicesPastFirstPageTests.earlierUsers(application, .viewer)
            let users: Int64 = try await application.pool.query("SELECT count(*) FROM users")[0].decode(column: 0)
            var admin = world.browsers[.admin]!
            let first = try await admin.get("/users")
            #expect(first.text.contains("<caption>ユーザー 100人以上</caption>"))
            let next = try #require(ConsoleChoicesPastFirstPageTests.nextPage(in: first.text))
            let rest = "<caption>ユーザー \(users - 100)人（このページ）</caption>"
            #expect(try await admin.get(next).text.contains(rest), "the second page counts its own rows")
            let edited = try await admin.get(next + "&page=7")
            // The count the edited link would have made, as a caption says it: the bare number also turns up in the page's
            // ids and cursors now and then (a run at 2031-08-20 met "607" in one).
            #expect(edited.status == 200 && edited.text.contains(rest) && !edited.text.contains("ユーザー \(600 + users - 100)人"),
                    "an edited page= makes no count of rows that do not exist")
            admin.cookies["domino_lang"] = "en"
            #expect(try await admin.get(next).text.contains("<caption>\(users - 100) users on this page</caption>"))
        }
    }

    @Test("the home page says how many overdue next actions and needs of the month it leaves out, and links to them")
    func homeSaysHowManyMore() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleKnowledgeNoteTests.service(application)
            for index in 1...25 {
                _ = try await service.createActivity(LeadActivityDraft(kind: .call, occurredOn: CalendarDate("2026-09-01")!, nextAction: "連絡 \(index)",
                                                                       nextActionDueOn: CalendarDate("2026-09-10")!), on: world.leadA, by: world.coordinator)
            }
            let daNang = try await ConsoleChoicesPastFirstPageTests.cityID(application, "Da Nang")
            _ = try await application.pool.query("""
                INSERT INTO city_needs (city_id, title_en, source, reported_at)
                SELECT \(daNang), 'October need ' || g, 'inquiry', timestamptz '2026-10-02 10:00+09' + g * interval '1 minute' FROM generate_series(1, 60) g
                """)
            // The world's own needs were reported at the machine's "now", which is past the test clock's month start too.
            let month: Int64 = try await application.pool.query("""
                SELECT count(*) FROM city_needs WHERE reported_at >= timestamptz '2026-10-01 00:00+09'
                """)[0].decode(column: 0)
            let overdue: Int64 = try await application.pool.query("""
                SELECT count(*) FROM lead_activities a JOIN leads l ON l.id = a.lead_id JOIN coordinators c ON c.id = l.owner_coordinator_id
                WHERE c.user_id = \(world.coordinator.userID) AND a.next_action IS NOT NULL AND NOT a.next_action_done AND a.next_action_due_on < date '2026-10-15'
                """)[0].decode(column: 0)
            var coordinator = world.browsers[.coordinator]!
            let home = try await coordinator.get("/")
            #expect(home.status == 200)
            #expect(home.text.contains("<a href=\"/leads#overdue\">期限切れの次のアクションをすべて見る（ほかに\(overdue - 20)件）</a>"))
            #expect(home.text.contains("<a href=\"/needs?since=2026-10-01\">今月報告されたニーズをすべて見る（ほかに\(month - 50)件）</a>"))

            let leads = try await coordinator.get("/leads")
            #expect(leads.text.contains("<h2 id=\"overdue\">私の期限切れの次のアクション</h2>") && leads.text.contains("連絡 25") && leads.text.contains("連絡 1<"),
                    "the list the home page links to shows a coordinator its own overdue actions, all of them")
            let since = try await coordinator.get("/needs?since=2026-10-01")
            #expect(since.status == 200 && since.text.contains("2026年10月1日以降に報告されたニーズ"))
            #expect(since.text.contains("<caption>ニーズ \(month)件</caption>") && since.text.contains("name=\"since\" value=\"2026-10-01\""))
            let bad = try await coordinator.get("/needs?since=october")
            #expect(bad.status == 422 && bad.text.contains("日付は 2026-12-01 のように入力してください") && !bad.text.contains("October need"))
            coordinator.cookies["domino_lang"] = "en"
            #expect(try await coordinator.get("/").text.contains("See all needs reported this month (\(month - 50) more)"))
        }
    }

    @Test("the audit log offers “restore” only where the restore would be accepted, and says why not elsewhere")
    func restoreOnlyWhereAccepted() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let city = try await application.pool.query("""
                INSERT INTO overseas_cities (name_ja, name_en, country, relationship) VALUES ('フエ', 'Hue', 'VN', 'prospect') RETURNING id
                """)[0].decode("id", as: UUID.self)
            let gone = try await application.pool.query("""
                INSERT INTO overseas_cities (name_ja, name_en, country, relationship) VALUES ('カントー', 'Can Tho', 'VN', 'prospect') RETURNING id
                """)[0].decode("id", as: UUID.self)
            for name in ["Hue City", "Huế"] { _ = try await application.pool.query("UPDATE overseas_cities SET name_en = \(name) WHERE id = \(city)") }
            _ = try await application.pool.query("UPDATE overseas_cities SET notes = 'moved' WHERE id = \(gone)")
            _ = try await application.pool.query("DELETE FROM overseas_cities WHERE id = \(gone)")
            let entries = try await application.pool.query("""
                SELECT id FROM audit_log WHERE entity = 'overseas_cities' AND entity_id = \(city.uuidString.lowercased()) AND action = 'update' ORDER BY id
                """).map { try $0.decode("id", as: Int64.self) }
            let goneEntry = try await application.pool.query("""
                SELECT id FROM audit_log WHERE entity = 'overseas_cities' AND entity_id = \(gone.uuidString.lowercased()) AND action = 'update'
                """)[0].decode("id", as: Int64.self)
            try #require(entries.count == 2)
            var admin = world.browsers[.admin]!
            let log = try await admin.get("/audit?entity=overseas_cities")
            #expect(log.status == 200)
            #expect(log.text.contains("href=\"/audit/\(entries[1])/restore?field=name_en\""), "the newest change can be undone")
            #expect(!log.text.contains("href=\"/audit/\(entries[0])/restore"), "a change made again since is not offered")
            #expect(!log.text.contains("href=\"/audit/\(goneEntry)/restore"), "nor one of a deleted record")
            #expect(log.text.contains("その後にも変更されているため戻せません") && log.text.contains("レコードが削除されているため戻せません"))
            // The API refuses exactly those the page does not offer.
            #expect(try await admin.post("/audit/\(entries[0])/restore", form: [("field", "name_en")]).status == 409)
            admin.cookies["domino_lang"] = "en"
            let english = try await admin.get("/audit?entity=overseas_cities")
            #expect(english.text.contains("Changed again since: cannot be restored") && english.text.contains("The record was deleted: cannot be restored"))
        }
    }

    @Test("the new profile's user choice leaves out a user whose profile lies past the first 2,000 profiles")
    func profiledUserPastTheCeiling() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            // 2,000 older profiles (of users the choice does not offer), then a coordinator's, the 2,001st.
            _ = try await application.pool.query("""
                WITH made AS (
                    INSERT INTO users (email, display_name, role, password_hash, created_at)
                    SELECT 'profiled-' || g || '@example.com', 'Profiled ' || g, 'viewer', '$2a$10$placeholder', timestamptz '2020-01-01' + g * interval '1 minute'
                    FROM generate_series(1, 2000) g
                    RETURNING id, display_name, created_at
                )
                INSERT INTO coordinators (user_id, display_name, created_at) SELECT id, display_name, created_at FROM made
                """)
            let (_, late) = try await ConsoleBrowser.user(application, .coordinator)
            _ = try await application.pool.query("INSERT INTO coordinators (user_id, display_name) VALUES (\(late.id), 'Late profile')")
            let (_, free) = try await ConsoleBrowser.user(application, .coordinator)
            var admin = world.browsers[.admin]!
            let form = try await admin.get("/coordinators/new")
            #expect(form.status == 200 && form.text.contains("<option value=\"\(ConsoleLeftoversTests.id(free.id))\""), "a user without a profile is offered")
            #expect(!form.text.contains("<option value=\"\(ConsoleLeftoversTests.id(late.id))\""), "one with a profile is not, however many profiles there are")
        }
    }

    @Test("a lead with more activities than the page reads lists the newest, shows the newest next action and sets it on the newest activity")
    func leadActivitiesPastTheCeiling() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var coordinator = world.browsers[.coordinator]!
            let path = "/leads/\(ConsoleLeftoversTests.id(world.leadA))"
            #expect(!(try await coordinator.get(path).text.contains("新しいものから")), "a lead with few activities lists them all and says nothing")
            // 2,001 older activities, the oldest with an open next action, then the newest with its own (times relative to the
            // database's now, which the world's own activities also took).
            _ = try await application.pool.query("""
                INSERT INTO lead_activities (lead_id, kind, occurred_on, notes, next_action, created_at)
                SELECT \(world.leadA), 'call', date '2026-01-01', 'Call ' || g, CASE WHEN g = 1 THEN '古い連絡' END,
                       now() + interval '1 day' + g * interval '1 second'
                FROM generate_series(1, 2001) g
                """)
            let newest: UUID = try await application.pool.query("""
                INSERT INTO lead_activities (lead_id, kind, occurred_on, notes, next_action, created_at)
                VALUES (\(world.leadA), 'meeting', date '2026-02-01', 'Newest meeting', '最新の連絡', now() + interval '2 days')
                RETURNING id
                """)[0].decode("id", as: UUID.self)
            let page = try await coordinator.get(path)
            #expect(page.status == 200 && page.text.contains("この案件の活動は多いため、新しいものから2,000件だけを表示しています。"))
            // ux20: the page read the oldest 2,000 and showed, and set, the oldest one's next action.
            #expect(page.text.contains("<strong>最新の連絡</strong>") && !page.text.contains("古い連絡"))
            #expect(page.text.contains("name=\"activityId\" value=\"\(ConsoleLeftoversTests.id(newest))\""), "the form sets the newest activity's")
            #expect(page.text.contains(">Newest meeting<") && !page.text.contains(">Call 1<"), "the oldest are the ones left out")
            let set = try await coordinator.post("\(path)/next-action", form: [
                ("activityId", ConsoleLeftoversTests.id(newest)), ("activityVersion", "1"), ("nextActionText", "見積もりを送る"),
            ])
            #expect(set.status == 303, "the newest activity is found past the oldest 2,000 (it was a 404)")
            let stored: String = try await application.pool.query("SELECT next_action FROM lead_activities WHERE id = \(newest)")[0].decode(column: 0)
            #expect(stored == "見積もりを送る")
            coordinator.cookies["domino_lang"] = "en"
            #expect(try await coordinator.get(path).text.contains("it lists the newest 2,000; older ones are not listed."))
        }
    }
}
