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
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id)
            _ = try await ConventionPagesTests.register(application, event, "an@example.vn")
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
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
}
