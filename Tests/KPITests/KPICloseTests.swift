import App
import DomainKit
import Foundation
import KPI
import Postgres
import Testing
import TestSupport

@Suite("KPI fiscal-year close and restatement")
struct KPICloseTests {
    @Test("Closing FY2024 freezes its reported figure; a later record changes the count but not the report, and a restatement shows beside it")
    func closeAndRestate() async throws {
        try await withTestServer { port, application in
            let f = try await KPIFixture.make(application.pool)
            try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-05-01")])
            try await settle(application.pool)
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            // Restating an open year is refused.
            let early = try await TestClient.request(port: port, "POST", "/v1/kpi/restatements", headers: auth,
                                                     body: #"{"code":"liaison_matches","fiscalYear":2024,"count":2,"reason":"late entry"}"#)
            #expect(early.status == 409)
            let closed = try await TestClient.request(port: port, "POST", "/v1/kpi/closes/2024", headers: auth)
            #expect(closed.status == 201)
            let again = try await TestClient.request(port: port, "POST", "/v1/kpi/closes/2024", headers: auth)
            #expect(again.status == 409)
            // A match introduced in FY2024 is recorded after the close.
            try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-06-01")])
            try await settle(application.pool)
            #expect(try await storedCount("liaison_matches", 2024, in: application.pool) == 2)
            let noReason = try await TestClient.request(port: port, "POST", "/v1/kpi/restatements", headers: auth,
                                                        body: #"{"code":"liaison_matches","fiscalYear":2024,"count":2,"reason":"  "}"#)
            #expect(noReason.status == 422 && noReason.text.contains("reason"))
            let restated = try await TestClient.request(port: port, "POST", "/v1/kpi/restatements", headers: auth,
                                                        body: #"{"code":"liaison_matches","fiscalYear":2024,"count":2,"reason":"記録漏れ late entry"}"#)
            #expect(restated.status == 201)
            let json = try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2024", headers: auth)
            let report = try APIJSON.decoder.decode(KPIReport.self, from: Data(json.body))
            let year = try #require(report.kpis.first { $0.code == "liaison_matches" }?.years.first { $0.fiscalYear == 2024 })
            #expect(year.closed && year.actual == 1 && year.restated == 2 && year.restatementReason == "記録漏れ late entry")
            #expect(year.cumulativeActual == 2)
            let viewer = try await application.token(for: .viewer).token
            let refused = try await TestClient.request(port: port, "POST", "/v1/kpi/closes/2023", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(refused.status == 403)
        }
    }
}
