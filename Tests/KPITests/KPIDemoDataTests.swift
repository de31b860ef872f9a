@testable import App
import DomainKit
import Foundation
import KPI
import Testing
import TestSupport

@Suite("KPI report of the demo data")
struct KPIDemoDataTests {
    @Test("The demo data's report has the plan's layout: four KPIs, FY2023–FY2025 with the plan's yearly and cumulative targets")
    func demoReport() async throws {
        try await withTestServer { port, application in
            _ = try await DemoData.load(application)
            let viewer = try await application.token(for: .viewer).token
            let response = try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2025", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(response.status == 200)
            let report = try APIJSON.decoder.decode(KPIReport.self, from: Data(response.body))
            #expect(report.fiscalYearJa == "令和7年度")
            #expect(report.kpis.map(\.code) == ["commercializations", "liaison_matches", "convention_participants", "yokohama_students"])
            #expect(report.kpis.map { $0.years.map(\.fiscalYear) } == Array(repeating: [2023, 2024, 2025], count: 4))
            #expect(report.kpis.map { $0.years.last?.cumulativeTarget } == [12, 60, 300, 100])
            // Every year has an actual figure, and the cumulative actual is the running sum of them.
            for kpi in report.kpis {
                let actuals = kpi.years.compactMap(\.actual)
                #expect(actuals.count == 3)
                #expect(kpi.years.last?.cumulativeActual == actuals.reduce(0, +))
            }
        }
    }
}
