import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// polish28: a list filter chosen from a fixed set (a status, a sector, a state, a fiscal year, a person) whose value
/// is none of them is the console's query refusal (400, naming the filter and the value, with the list without
/// filters), as the API answers 400; before, the page (and its CSV export) listed everything as if filtered.
@Suite("Console filters: a value that is none of the choices is refused")
struct ConsoleFilterChoiceTests {
    @Test("an event's registrations and their exports refuse a status or a sector that is none; the choices still filter")
    func registrations() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizer, event, _) = try await ConventionPagesTests.organizerWithGuest(port: port, application)
            var browser = organizer
            let path = ConventionPagesTests.path(event)
            for query in ["?status=nonsense", "?sector=nonsense", "?status=Waitlisted", "?q=an&status=all&sector=industr"] {
                let refused = try await browser.get(path + query)
                #expect(refused.status == 400 && !refused.text.contains("グエン・アン"), "\(query)")
                #expect(refused.text.contains("href=\"\(path)\""), "the page offers the list without filters")
            }
            let named = try await browser.get(path + "?status=nonsense")
            #expect(named.text.contains("条件「status」の値「nonsense」は、この一覧を絞り込める値ではありません。"))
            for file in ["participants.csv", "students.csv"] {
                for query in ["?status=nonsense", "?sector=nonsense"] {
                    let csv = try await browser.get("\(path)/\(file)\(query)")
                    #expect(csv.status == 400 && !csv.text.contains("an@example.vn"), "\(file)\(query)")
                }
            }
            // The form's own choices, "every status" and the empty "in force" / "any sector" included, still list.
            for query in ["", "?status=&sector=", "?status=all", "?status=registered&sector=industry"] {
                let listed = try await browser.get(path + query)
                #expect(listed.status == 200 && listed.text.contains("グエン・アン"), "\(query)")
            }
            #expect(try await browser.get(path + "?sector=academia").text.contains("0件を表示"))
            #expect(try await browser.get(path + "/participants.csv?status=registered").text.contains("an@example.vn"))
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get(path + "?sector=nonsense")
            #expect(english.status == 400 && english.text.contains("The filter “sector” cannot be “nonsense”"))
        }
    }

    @Test("every other list that reads a choice from its query refuses a value that is none of its choices")
    func otherLists() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let coordinator = world.browsers[.coordinator]!
            let admin = world.browsers[.admin]!
            let need = world.needA.uuidString.lowercased()
            let refusedForCoordinator = [
                ("/cities?relationship=nonsense", "relationship"), ("/cities?includeArchived=maybe", "includeArchived"),
                ("/leads?stage=nonsense", "stage"), ("/leads?city=danang", "city"), ("/leads?owner=me", "owner"),
                ("/coordinators?active=maybe", "active"), ("/knowledge?field=nonsense", "field"),
                ("/companies?inYokohama=maybe", "inYokohama"), ("/companies?yusa=1", "yusa"), ("/companies?archived=yes", "archived"),
                ("/needs/\(need)/consortium?max=99", "max"), ("/kpi?fy=1999", "fy"), ("/kpi?fy=abc", "fy"),
            ]
            let refusedForAdmin = [
                ("/kpi/snapshots?code=nonsense", "code"), ("/kpi/revenue?fy=abc", "fy"), ("/kpi/targets?fy=1999", "fy"),
                ("/kpi/report.csv?fy=abc", "fy"), ("/mail?state=nonsense", "state"), ("/jobs?state=nonsense", "state"),
                ("/audit?actor=someone", "actor"),
            ]
            for (browser, cases) in [(coordinator, refusedForCoordinator), (admin, refusedForAdmin)] {
                var browser = browser
                for (path, name) in cases {
                    let refused = try await browser.get(path)
                    #expect(refused.status == 400 && refused.text.contains("条件「\(name)」の値"), "\(path): \(refused.status)")
                }
            }
            // The choices themselves still answer.
            var both = coordinator
            for path in ["/cities?relationship=mou_partner&includeArchived=true", "/leads?stage=", "/coordinators?active=true", "/companies?inYokohama=true&archived=include",
                         "/needs/\(need)/consortium?max=2", "/kpi?fy=2026"] {
                #expect(try await both.get(path).status == 200, "\(path)")
            }
            both = admin
            for path in ["/kpi/snapshots?code=", "/kpi/revenue?fy=2026", "/kpi/targets?fy=2027", "/mail?state=", "/jobs?state=", "/audit?actor="] {
                #expect(try await both.get(path).status == 200, "\(path)")
            }
        }
    }

    /// Item 4 of polish28, found right as it was: the next page's link carries every filter, and a cursor is a keyset
    /// position in an order no filter changes (docs/api.md, "Lists"), so one replayed with another filter continues that
    /// filter's own list from the same place (its rows after the position, nothing else), titled as a continued page
    /// with a link to that list's first page: no wrong page to refuse.
    @Test("following next keeps the list's filters; a cursor replayed with another filter lists that filter's rows after the same place")
    func cursorsAndFilters() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            // 51 entries of each of two records, interleaved: the first page of either holds 50, the next its oldest.
            _ = try await application.pool.execute("""
                INSERT INTO audit_log (action, entity, entity_id, changes)
                SELECT 'update', CASE WHEN n % 2 = 1 THEN 'cursor_a' ELSE 'cursor_b' END, 'x', '{}'::jsonb FROM generate_series(1, 102) AS n
                """)
            var admin = world.browsers[.admin]!
            func rows(_ html: String, _ entity: String) -> Int { html.components(separatedBy: ">\(entity)</td>").count - 1 }
            let first = try await admin.get("/audit?entity=cursor_a&entityId=x")
            #expect(rows(first.text, "cursor_a") == 50)
            let next = try #require(ConsoleChoicesPastFirstPageTests.nextPage(in: first.text))
            #expect(next.hasPrefix("/audit?entity=cursor_a&entityId=x&cursor="), "the next page's link carries every filter")
            let second = try await admin.get(next)
            #expect(rows(second.text, "cursor_a") == 1 && rows(second.text, "cursor_b") == 0)
            // The same cursor with the other record: that record's entries after the same place (the one older than the
            // 50th newest of the first), as its own list continues there; none of the first record's.
            let replayed = try await admin.get(next.replacingOccurrences(of: "entity=cursor_a", with: "entity=cursor_b"))
            #expect(replayed.status == 200 && rows(replayed.text, "cursor_b") == 1 && rows(replayed.text, "cursor_a") == 0)
            #expect(replayed.text.contains("（続き）") && replayed.text.contains("<a href=\"/audit?entity=cursor_b&amp;entityId=x\">最初のページへ</a>"))
            let own = try await admin.get(try #require(ConsoleChoicesPastFirstPageTests.nextPage(in: try await admin.get("/audit?entity=cursor_b&entityId=x").text)))
            #expect(rows(own.text, "cursor_b") == 1, "the other record's own second page is the same single entry")
        }
    }
}
