import App
import DomainKit
import Foundation
import KPI
import Postgres
import Testing
import TestSupport

@Suite("Revenue ledger")
struct RevenueLedgerTests {
    @Test("Admins record entries in the FY of their Japan date; the summary sums by kind; bad input is 422 naming fields; viewers read but cannot write")
    func ledger() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            for body in [#"{"kind":"yusa_membership_fee","amountYen":120000,"counterparty":"横浜環境株式会社","receivedOn":"2024-06-30"}"#,
                         #"{"kind":"success_fee","amountYen":3000000,"counterparty":"Danang Water Co.","receivedOn":"2025-03-31"}"#,
                         #"{"kind":"success_fee","amountYen":500000,"counterparty":"Next year","receivedOn":"2025-04-01"}"#] {
                let response = try await TestClient.request(port: port, "POST", "/v1/revenue", headers: auth, body: body)
                #expect(response.status == 201)
            }
            let bad = try await TestClient.request(port: port, "POST", "/v1/revenue", headers: auth,
                                                   body: #"{"kind":"gift","amountYen":0,"counterparty":" ","receivedOn":"2024-02-30"}"#)
            #expect(bad.status == 422)
            for field in ["kind", "amountYen", "counterparty", "receivedOn"] { #expect(bad.text.contains("\"\(field)\"")) }
            // Who paid reaches every list and export: no control character or text-direction override (U+202E) in it.
            let reversedText = try await TestClient.request(port: port, "POST", "/v1/revenue", headers: auth,
                                                            body: #"{"kind":"sponsorship","amountYen":1,"counterparty":"Bay\u202eSponsor","receivedOn":"2024-06-30"}"#)
            #expect(reversedText.status == 422 && reversedText.text.contains("\"counterparty\"") && reversedText.text.contains("control characters"))
            let viewer = try await application.token(for: .viewer).token
            let summary = try await TestClient.request(port: port, "GET", "/v1/revenue/summary?fy=2024", headers: ["Authorization": "Bearer \(viewer)"])
            let decoded = try APIJSON.decoder.decode(RevenueSummary.self, from: Data(summary.body))
            #expect(decoded.totalYen == 3_120_000 && decoded.byKind["success_fee"] == 3_000_000 && decoded.byKind["sponsorship"] == 0)
            let refused = try await TestClient.request(port: port, "POST", "/v1/revenue", headers: ["Authorization": "Bearer \(viewer)", "Content-Type": "application/json"],
                                                       body: #"{"kind":"sponsorship","amountYen":1,"counterparty":"x","receivedOn":"2024-06-30"}"#)
            #expect(refused.status == 403)
            let rows: Int = try await application.pool.query("SELECT count(*)::int FROM revenue_entries")[0].decode(column: 0)
            #expect(rows == 3)
        }
    }

    @Test("An entry in error is reversed by a counter-entry, never deleted: the year nets out, both lines stay, a second reversal is a 409, and the ledger downloads as CSV")
    func reversal() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            let recorded = try await TestClient.request(port: port, "POST", "/v1/revenue", headers: auth,
                                                        body: #"{"kind":"sponsorship","amountYen":500000,"counterparty":"Bay Sponsor","receivedOn":"2026-05-10"}"#)
            let entry = try APIJSON.decoder.decode(RevenueEntry.self, from: Data(recorded.body))
            let noReason = try await TestClient.request(port: port, "POST", "/v1/revenue/\(entry.id.uuidString.lowercased())/reversal",
                                                        headers: auth, body: #"{"reason":" "}"#)
            #expect(noReason.status == 422 && noReason.text.contains("reason"))
            let reversed = try await TestClient.request(port: port, "POST", "/v1/revenue/\(entry.id.uuidString.lowercased())/reversal",
                                                        headers: auth, body: #"{"reason":"二重計上 entered twice"}"#)
            #expect(reversed.status == 201)
            let counter = try APIJSON.decoder.decode(RevenueEntry.self, from: Data(reversed.body))
            #expect(counter.amountYen == -500_000 && counter.reversesId == entry.id && counter.fiscalYear == 2026 && counter.receivedOn == entry.receivedOn)
            let again = try await TestClient.request(port: port, "POST", "/v1/revenue/\(entry.id.uuidString.lowercased())/reversal",
                                                     headers: auth, body: #"{"reason":"again"}"#)
            #expect(again.status == 409)
            let ofCounter = try await TestClient.request(port: port, "POST", "/v1/revenue/\(counter.id.uuidString.lowercased())/reversal",
                                                         headers: auth, body: #"{"reason":"undo"}"#)
            #expect(ofCounter.status == 409)
            let summary = try APIJSON.decoder.decode(RevenueSummary.self, from: Data(
                try await TestClient.request(port: port, "GET", "/v1/revenue/summary?fy=2026", headers: auth).body))
            #expect(summary.totalYen == 0)
            let deleted = try await TestClient.request(port: port, "DELETE", "/v1/revenue/\(entry.id.uuidString.lowercased())", headers: auth)
            #expect(deleted.status == 404 || deleted.status == 405)
            await #expect(throws: PostgresError.self) { try await application.pool.execute("DELETE FROM revenue_entries WHERE id = \(entry.id)") }
            let csv = try await TestClient.request(port: port, "GET", "/v1/revenue?fy=2026&format=csv", headers: auth)
            #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("Bay Sponsor") && csv.text.contains(",500000,") && csv.text.contains(",-500000,") && csv.text.contains("二重計上 entered twice"))
        }
    }

    @Test("The ledger is paged like every list: no entry skipped or repeated, and the CSV export holds every page")
    func paging() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            var recorded: [String] = []
            for day in 1...5 {
                let body = #"{"kind":"sponsorship","amountYen":1000,"counterparty":"Sponsor \#(day)","receivedOn":"2026-06-0\#(day)"}"#
                let response = try await TestClient.request(port: port, "POST", "/v1/revenue", headers: auth, body: body)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
                recorded.append(try #require(object["id"] as? String))
            }
            var seen: [String] = [], cursor: String? = nil, pages = 0
            repeat {
                let path = "/v1/revenue?fy=2026&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try #require(try JSONSerialization.jsonObject(with: Data(try await TestClient.request(port: port, "GET", path, headers: auth).body)) as? [String: Any])
                seen += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(Set(seen) == Set(recorded) && seen.count == 5)
            let csv = try await TestClient.request(port: port, "GET", "/v1/revenue?fy=2026&format=csv", headers: auth)
            for day in 1...5 { #expect(csv.text.contains("Sponsor \(day)")) }
            let bad = try await TestClient.request(port: port, "GET", "/v1/revenue?fy=2026&cursor=nope", headers: auth)
            #expect(bad.status == 400)
        }
    }

    @Test("Every recount leaves a snapshot, listed newest first and paged by a stable cursor")
    func snapshots() async throws {
        try await withTestServer { port, application in
            for _ in 0..<3 { try await application.pool.execute("SELECT kpi_recount(2026)") }
            let viewer = try await application.token(for: .viewer).token
            let auth = ["Authorization": "Bearer \(viewer)"]
            let first = try await TestClient.request(port: port, "GET", "/v1/kpi/snapshots?fy=2026&code=liaison_matches&limit=2", headers: auth)
            let page = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
            let items = page["items"] as? [[String: Any]] ?? []
            #expect(items.count == 2 && items.allSatisfy { $0["code"] as? String == "liaison_matches" })
            let cursor = try #require(page["nextCursor"] as? String)
            let second = try await TestClient.request(port: port, "GET", "/v1/kpi/snapshots?fy=2026&code=liaison_matches&limit=2&cursor=\(cursor)", headers: auth)
            let rest = (try JSONSerialization.jsonObject(with: Data(second.body)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
            #expect(rest.count == 1)
            let ids = (items + rest).compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted(by: >) && Set(ids).count == 3)
            let bad = try await TestClient.request(port: port, "GET", "/v1/kpi/snapshots?code=nope", headers: auth)
            #expect(bad.status == 400)
        }
    }
}
