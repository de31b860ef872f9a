import Foundation
import Jobs
import KPI
import Postgres
import Testing
import TestSupport

@Suite("KPI at-risk alert")
struct KPIAlertTests {
    @Test("A recount in the third quarter with a forecast at ★2 or below publishes kpi_at_risk once per KPI and rating")
    func atRisk() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        try await pool.execute("""
            INSERT INTO notification_endpoints (name, channel, url_encrypted, url_masked, events)
            VALUES ('council', 'slack', '\\x00'::bytea, 'https://hooks.slack.com/…', ARRAY['kpi_at_risk'])
            """)
        let f = try await KPIFixture.make(pool)
        // FY2023 met its 10; 11 liaison matches by 2024-12-01 (244 of 365 days of FY2024): forecast ⌊11 × 365 ÷ 244⌋ = 16,
        // so the year ends at a cumulative 10 + 16 = 26 of the plan's 10 + 20 = 30 → r = 0.87 → ★2.
        for _ in 0..<10 {
            try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2023-06-01")])
        }
        for _ in 0..<11 {
            try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-06-01")])
        }
        try await pool.execute("SELECT kpi_recount(2023)")
        var handlers = JobHandlers()
        KPIRecount.register(into: &handlers, clock: .japan("2024-12-01", hour: 0))
        let worker = JobWorker(pool: pool, configuration: WorkerConfiguration(id: "alert-test", concurrency: 1, lease: .seconds(30),
                                                                              backoff: RetryBackoff(base: .zero, jitter: 0)), handlers: handlers, clock: .test)
        try await pool.execute("INSERT INTO jobs (kind, payload) VALUES ('kpi.recount', '{\"fiscalYear\": 2024}')")
        _ = try await worker.runOnce()
        let alerts: [String] = try await pool.query("SELECT code || ':' || forecast_rating FROM kpi_alerts ORDER BY 1").map { try $0.decode(column: 0) }
        // The other three KPIs have no records at all: forecast 0 → ★1.
        #expect(alerts == ["commercializations:1", "convention_participants:1", "liaison_matches:2", "yokohama_students:1"])
        try await pool.execute("INSERT INTO jobs (kind, payload) VALUES ('kpi.recount', '{\"fiscalYear\": 2024}')")
        _ = try await worker.runOnce()
        let deliveries: Int = try await pool.query("SELECT count(*)::int FROM notification_deliveries WHERE event = 'kpi_at_risk'")[0].decode(column: 0)
        #expect(deliveries == 4)
    }
}
