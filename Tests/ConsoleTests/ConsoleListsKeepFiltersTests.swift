import App
import Cities
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Lists that keep their filters (ux20): an export link exports what the list shows.
@Suite("Console lists that keep their filters")
struct ConsoleListsKeepFiltersTests {
    @Test("the needs export link carries every filter the list takes (since as well as q), and the export applies them; a since that is no day is a 422")
    func needsExportKeepsSince() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let daNang = try await ConsoleChoicesPastFirstPageTests.cityID(application, "Da Nang")
            _ = try await application.pool.query("""
                INSERT INTO city_needs (city_id, title_en, source, reported_at) VALUES
                    (\(daNang), 'Early harbour need', 'inquiry', timestamptz '2026-09-15 10:00+09'),
                    (\(daNang), 'Later harbour need', 'inquiry', timestamptz '2026-10-05 10:00+09')
                """)
            var coordinator = world.browsers[.coordinator]!
            let list = try await coordinator.get("/needs?q=harbour&since=2026-10-01")
            #expect(list.status == 200 && list.text.contains("Later harbour need") && !list.text.contains("Early harbour need"))
            // It carried q alone: "export" from the month's needs wrote every need the search found.
            #expect(list.text.contains("href=\"/needs/export.csv?q=harbour&amp;since=2026-10-01\" download=\"\">この一覧をCSVで書き出す（Excel用）</a>"),
                    "the export link carries since, and says it exports this list")
            let csv = try await coordinator.get("/needs/export.csv?q=harbour&since=2026-10-01")
            #expect(csv.status == 200 && csv.text.contains("Later harbour need") && !csv.text.contains("Early harbour need"))
            let bad = try await coordinator.get("/needs/export.csv?since=october")
            #expect(bad.status == 422 && bad.text.contains("日付は 2026-12-01 のように入力してください") && !bad.text.contains("harbour need"))
            #expect(try await coordinator.get("/needs?q=harbour").text.contains("href=\"/needs/export.csv?q=harbour\""), "no since, none carried")
        }
    }

    @Test("the overdue next actions on the home page and on /leads are stacked on a phone, as the events list is")
    func overdueStacked() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            _ = try await ConsoleKnowledgeNoteTests.service(application).createActivity(
                LeadActivityDraft(kind: .call, occurredOn: CalendarDate("2026-09-01")!, nextAction: "見積書を送る", nextActionDueOn: CalendarDate("2026-09-10")!),
                on: world.leadA, by: world.coordinator)
            var coordinator = world.browsers[.coordinator]!
            let home = try await coordinator.get("/")
            #expect(home.text.contains("見積書を送る") && home.text.contains("<div class=\"table-wrap stack\" role=\"region\" aria-label=\"期限切れの次のアクション\""))
            let leads = try await coordinator.get("/leads")
            #expect(leads.text.contains("<div class=\"table-wrap stack\" role=\"region\" aria-label=\"私の期限切れの次のアクション\""))
        }
    }
}
