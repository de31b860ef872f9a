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
}
