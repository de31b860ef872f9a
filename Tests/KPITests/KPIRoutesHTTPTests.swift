import App
import DomainKit
import Foundation
import KPI
import Postgres
import TestSupport
import Testing

@Suite("KPI over HTTP")
struct KPIRoutesHTTPTests {
    private struct Overview: Decodable {
        struct Figure: Decodable { let code: String; let count: Int; let target: Int?; let rating: Int?; let cumulative: Int }
        let fiscalYear: Int
        let fiscalYearJa: String
        let kpis: [Figure]
    }

    @Test("the council reads FY2024 with the plan's targets and ★ ratings; targets are set by admins with If-Match; the report CSV has the plan's layout")
    func overviewTargetsAndReport() async throws {
        try await withTestServer { port, application in
            // Four commercialisations in FY2024 (target 4: ★5), recounted by the job the writes enqueued.
            try await application.pool.execute("SELECT kpi_recount(2024)")
            try await application.pool.execute("""
                INSERT INTO kpi_counts (code, fiscal_year, count, recounted_at) VALUES ('commercializations', 2024, 4, now()),
                    ('commercializations', 2023, 1, now()), ('liaison_matches', 2024, 14, now())
                ON CONFLICT (code, fiscal_year) DO UPDATE SET count = EXCLUDED.count
                """)
            let (viewer, _) = try await application.token(for: .viewer)
            let (admin, _) = try await application.token(for: .admin)
            let (company, _) = try await application.token(for: .company)
            let read = try await TestClient.request(port: port, "GET", "/v1/kpi?fy=2024", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(read.status == 200)
            let overview = try JSONDecoder().decode(Overview.self, from: Data(read.body))
            #expect(overview.fiscalYearJa == "令和6年度")
            let byCode = Dictionary(uniqueKeysWithValues: overview.kpis.map { ($0.code, $0) })
            #expect(byCode["commercializations"]?.target == 4)
            #expect(byCode["commercializations"]?.rating == 5)
            #expect(byCode["commercializations"]?.cumulative == 5)
            // 14 of 20 with the year over: r = 0.70 → ★2.
            #expect(byCode["liaison_matches"]?.rating == 2)
            #expect(byCode["convention_participants"]?.target == 100)
            #expect(byCode["yokohama_students"]?.rating == 1)

            let refused = try await TestClient.request(port: port, "GET", "/v1/kpi", headers: ["Authorization": "Bearer \(company)"])
            #expect(refused.status == 403)

            let path = "/v1/kpi/targets/convention_participants/2026"
            let json = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            let created = try await TestClient.request(port: port, "PUT", path, headers: json, body: #"{"target":180}"#)
            #expect(created.status == 200)
            let again = try await TestClient.request(port: port, "PUT", path, headers: json, body: #"{"target":190}"#)
            #expect(again.status == 428)
            var stale = json
            stale["If-Match"] = "\"7\""
            #expect(try await TestClient.request(port: port, "PUT", path, headers: stale, body: #"{"target":190}"#).status == 412)
            var current = json
            current["If-Match"] = "\"1\""
            #expect(try await TestClient.request(port: port, "PUT", path, headers: current, body: #"{"target":190}"#).status == 200)
            #expect(try await TestClient.request(port: port, "PUT", path, headers: ["Authorization": "Bearer \(viewer)", "Content-Type": "application/json"],
                                                 body: #"{"target":1}"#).status == 403)
            #expect(try await TestClient.request(port: port, "PUT", "/v1/kpi/targets/happiness/2026", headers: json, body: #"{"target":1}"#).status == 404)

            let csv = try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2024&format=csv", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(csv.status == 200)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let lines = String(decoding: csv.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(lines.count == 9)
            #expect(lines.first?.contains("FY2023 (令和5年度)") == true)
            #expect(lines.first?.contains("FY2024 (令和6年度)") == true)
            #expect(lines.dropFirst().first?.hasPrefix("1,") == true)
            #expect(lines.contains { $0.contains("実績 / actual,1,4,5,★★★★★") })
        }
    }
}
