import Accounts
import App
import DomainKit
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Demo data that stays alive")
struct DemoDataTests {
    @Test("domino seed on any date: a convention that is over, an event still to come, current next actions, ★ ratings for the current fiscal year, and a user for every role",
          arguments: ["2026-10-15", "2027-04-01", "2031-08-20"])
    func alive(day: String) async throws {
        let clock = ProgrammeClock.japan(day)
        try await withTestServer(clock: clock) { port, application in
            let token = try await application.loadDemoData()
            _ = try await application.loadDemoData()  // twice changes nothing
            let auth = ["Authorization": "Bearer \(token)"]
            let events = try await TestClient.request(port: port, "GET", "/v1/events?limit=50", headers: auth)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(events.body)) as? [String: Any])["items"] as? [[String: Any]]
            let formatter = ISO8601DateFormatter()
            let starts = (items ?? []).compactMap { ($0["startsAt"] as? String).flatMap(formatter.date(from:)) }
            let ends = (items ?? []).compactMap { ($0["endsAt"] as? String).flatMap(formatter.date(from:)) }
            #expect(starts.contains { $0 > clock.now() })
            #expect(ends.contains { $0 < clock.now() })

            let kpis = try await TestClient.request(port: port, "GET", "/v1/kpi", headers: auth)
            let overview = try #require(try JSONSerialization.jsonObject(with: Data(kpis.body)) as? [String: Any])
            #expect(overview["fiscalYear"] as? Int == clock.fiscalYear().startYear)
            let figures = overview["kpis"] as? [[String: Any]] ?? []
            #expect(figures.count == 4 && figures.allSatisfy { $0["rating"] is Int })
            #expect(figures.contains { ($0["rating"] as? Int ?? 0) > 1 }, "the demo's history lifts some KPI above ★1")
            // Each of the three fiscal years before this one has records behind every KPI.
            for yearsBack in 1...3 {
                let year = clock.fiscalYear().startYear - yearsBack
                let earlier = try await TestClient.request(port: port, "GET", "/v1/kpi?fy=\(year)", headers: auth)
                let counts = (try #require(try JSONSerialization.jsonObject(with: Data(earlier.body)) as? [String: Any])["kpis"] as? [[String: Any]] ?? [])
                    .map { $0["count"] as? Int ?? 0 }
                #expect(counts.count == 4 && counts.dropFirst().allSatisfy { $0 > 0 }, "FY\(year): \(counts)")
            }

            let overdue = try await TestClient.request(port: port, "GET", "/v1/activities/overdue", headers: auth)
            #expect(overdue.status == 200 && overdue.text.contains("nextActionDueOn"))

            for role in Role.allCases {
                let email = "\(role == .admin ? "admin" : role.rawValue)@demo.domino.example"
                let issued = try await application.accounts.login(email: email, password: "yokohama-demo-2026", clientAddress: "127.0.0.1")
                let principal = try #require(try await application.accounts.authenticate(token: issued.token))
                #expect(principal.role == role)
                if role == .company { #expect(principal.companyID != nil) }
                if role == .liaison { #expect(principal.liaisonBaseID != nil) }
            }
        }
    }
}
