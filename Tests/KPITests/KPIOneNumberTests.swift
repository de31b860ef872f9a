import App
import DomainKit
import Foundation
import KPI
import Postgres
import Testing
import TestSupport

@Suite("One number per KPI and year, and ratings over finished years")
struct KPIOneNumberTests {
    /// The plan's targets for ② are 10/20/30 (cumulative 10/30/60).
    func matches(_ f: KPIFixture, _ count: Int, on day: String) async throws {
        for _ in 0..<count { try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", day)]) }
    }

    func figure(_ code: String, fy: Int, _ application: Application, port: Int, token: String) async throws -> KPIFigure {
        let response = try await TestClient.request(port: port, "GET", "/v1/kpi?fy=\(fy)", headers: ["Authorization": "Bearer \(token)"])
        let overview = try APIJSON.decoder.decode(KPIOverview.self, from: Data(response.body))
        return try #require(overview.kpis.first { $0.code == code })
    }

    @Test("a finished year above plan is ★4 (not ★5: the final target is not reached); reaching the final target is ★5")
    func finishedYears() async throws {
        try await withTestServer(clock: .japan("2025-06-01")) { port, application in
            let f = try await KPIFixture.make(application.pool)
            try await matches(f, 12, on: "2023-07-01")   // FY2023: 12 of 10
            try await matches(f, 22, on: "2024-07-01")   // FY2024: cumulative 34 of 30 → r = 1.13
            try await settle(application.pool)
            let token = try await application.token(for: .viewer).token
            let fy2024 = try await figure("liaison_matches", fy: 2024, application, port: port, token: token)
            #expect(fy2024.count == 22 && fy2024.cumulative == 34 && fy2024.cumulativePlanToDate == 30 && fy2024.finalTarget == 60)
            #expect(fy2024.rating == 4)
            try await matches(f, 26, on: "2025-05-01")   // cumulative 60 = the plan's final target
            try await settle(application.pool)
            #expect(try await figure("liaison_matches", fy: 2025, application, port: port, token: token).rating == 5)
        }
    }

    @Test("after a close and after a restatement, GET /v1/kpi and the report give the same yearly and cumulative figures")
    func sameEverywhere() async throws {
        try await withTestServer(clock: .japan("2025-06-01")) { port, application in
            let f = try await KPIFixture.make(application.pool)
            try await matches(f, 10, on: "2023-07-01")
            try await matches(f, 5, on: "2024-07-01")
            try await settle(application.pool)
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            #expect(try await TestClient.request(port: port, "POST", "/v1/kpi/closes/2024", headers: auth).status == 201)
            // A late record of FY2024 changes the live count, not the figure the council was given.
            try await matches(f, 3, on: "2024-08-01")
            try await settle(application.pool)

            func agree(_ expectedYear: Int, _ expectedCumulative: Int) async throws {
                let overview = try await figure("liaison_matches", fy: 2024, application, port: port, token: admin)
                let json = try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2024", headers: auth)
                let report = try APIJSON.decoder.decode(KPIReport.self, from: Data(json.body))
                let year = try #require(report.kpis.first { $0.code == "liaison_matches" }?.years.first { $0.fiscalYear == 2024 })
                #expect(overview.count == expectedYear && (year.restated ?? year.actual) == expectedYear)
                #expect(overview.cumulative == expectedCumulative && year.cumulativeActual == expectedCumulative)
            }
            try await agree(5, 15)
            let restated = try await TestClient.request(port: port, "POST", "/v1/kpi/restatements", headers: auth,
                                                        body: #"{"code":"liaison_matches","fiscalYear":2024,"count":8,"reason":"記録漏れ late entries"}"#)
            #expect(restated.status == 201)
            try await agree(8, 18)
        }
    }

    @Test("closing a year with a recount still pending freezes the recounted figure, not the stale stored one")
    func closeRecountsFirst() async throws {
        try await withTestServer(clock: .japan("2025-06-01")) { port, application in
            let f = try await KPIFixture.make(application.pool)
            try await matches(f, 2, on: "2024-07-01")
            try await settle(application.pool)
            try await matches(f, 1, on: "2024-09-01")   // enqueues a recount that no worker has run
            let pending: Int = try await application.pool.query(
                "SELECT count(*)::int FROM jobs WHERE kind = 'kpi.recount' AND state = 'available'")[0].decode(column: 0)
            #expect(pending > 0)
            let admin = try await application.token(for: .admin).token
            let closed = try await TestClient.request(port: port, "POST", "/v1/kpi/closes/2024", headers: ["Authorization": "Bearer \(admin)"])
            #expect(closed.status == 201)
            let close = try APIJSON.decoder.decode(KPIClose.self, from: Data(closed.body))
            #expect(close.reported["liaison_matches"] == 3)
        }
    }

    @Test("the counting choices are settings: admins change them with If-Match (audited), the counts follow, the report says which is in force")
    func settings() async throws {
        try await withTestServer(clock: .japan("2025-06-01")) { port, application in
            let f = try await KPIFixture.make(application.pool)
            try await f.match(channel: "liaison_base", status: "declined", history: [("introduced", "2024-07-01"), ("declined", "2024-08-01")])
            try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-07-01")])
            try await settle(application.pool)
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            #expect(try await figure("liaison_matches", fy: 2024, application, port: port, token: admin).count == 2)
            let read = try await TestClient.request(port: port, "GET", "/v1/kpi/settings", headers: auth)
            #expect(read.status == 200 && read.header("ETag") == "\"1\"")
            let missing = try await TestClient.request(port: port, "PUT", "/v1/kpi/settings", headers: auth, body: #"{"liaisonMatchesRule":"introduced_still_live"}"#)
            #expect(missing.status == 428)
            let bad = try await TestClient.request(port: port, "PUT", "/v1/kpi/settings", headers: auth.merging(["If-Match": "\"1\""]) { $1 },
                                                   body: #"{"fourStars":0.8}"#)
            #expect(bad.status == 422 && bad.text.contains("threeStars"))
            let viewer = try await application.token(for: .viewer).token
            let refused = try await TestClient.request(port: port, "PUT", "/v1/kpi/settings",
                                                       headers: ["Authorization": "Bearer \(viewer)", "Content-Type": "application/json", "If-Match": "\"1\""],
                                                       body: #"{"liaisonMatchesRule":"introduced_still_live"}"#)
            #expect(refused.status == 403)
            let changed = try await TestClient.request(port: port, "PUT", "/v1/kpi/settings", headers: auth.merging(["If-Match": "\"1\""]) { $1 },
                                                       body: #"{"liaisonMatchesRule":"introduced_still_live"}"#)
            #expect(changed.status == 200 && changed.header("ETag") == "\"2\"")
            let stale = try await TestClient.request(port: port, "PUT", "/v1/kpi/settings", headers: auth.merging(["If-Match": "\"1\""]) { $1 },
                                                     body: #"{"studentsRule":"per_fiscal_year"}"#)
            #expect(stale.status == 412)
            try await settle(application.pool)
            #expect(try await figure("liaison_matches", fy: 2024, application, port: port, token: admin).count == 1)
            let audited: Int = try await application.pool.query("SELECT count(*)::int FROM audit_log WHERE entity = 'kpi_settings'")[0].decode(column: 0)
            #expect(audited >= 1)
            let csv = try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2024&format=csv", headers: auth)
            #expect(csv.text.contains("introduced_still_live") && csv.text.contains("辞退"))
        }
    }
}
