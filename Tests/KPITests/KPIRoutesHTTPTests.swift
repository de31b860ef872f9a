import App
import DomainKit
import Foundation
import KPI
import Postgres
import Testing
import TestSupport

@Suite("KPI routes over HTTP")
struct KPIRoutesHTTPTests {
    @Test("Viewers read the KPIs with the plan's targets; companies get 403; an unknown code is 404")
    func readAccess() async throws {
        try await withTestServer { port, application in
            let f = try await KPIFixture.make(application.pool)
            try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-05-01")])
            try await settle(application.pool)
            let viewer = try await application.token(for: .viewer).token
            let response = try await TestClient.request(port: port, "GET", "/v1/kpi?fy=2024", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(response.status == 200)
            let overview = try APIJSON.decoder.decode(KPIOverview.self, from: Data(response.body))
            #expect(overview.fiscalYearJa == "令和6年度")
            // In the console's spelling, as the pages and the council's report show them beside its own words.
            #expect(overview.kpis.map(\.nameEn) == ["Commercialisations through decarbonisation specialists",
                                                    "Business matchings through overseas liaison bases",
                                                    "Participants in the decarbonisation convention",
                                                    "Participating students of universities in Yokohama"])
            let matches = try #require(overview.kpis.first { $0.code == "liaison_matches" })
            #expect(matches.count == 1 && matches.target == 20 && matches.cumulativeTarget == 30 && matches.cumulative == 1)
            // FY2024 is over, so plan to date is the whole target: 1 ÷ 20 is below 0.70 → ★1.
            #expect(matches.planToDate == 20 && matches.rating == 1)
            let records = try await TestClient.request(port: port, "GET", "/v1/kpi/liaison_matches/records?fy=2024&limit=1",
                                                       headers: ["Authorization": "Bearer \(viewer)"])
            #expect(records.status == 200)
            #expect(records.text.contains("\"recordKind\":\"match\""))
            let unknown = try await TestClient.request(port: port, "GET", "/v1/kpi/nope/records", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(unknown.status == 404)
            let company = try await application.token(for: .company).token
            let refused = try await TestClient.request(port: port, "GET", "/v1/kpi", headers: ["Authorization": "Bearer \(company)"])
            #expect(refused.status == 403)
            let badYear = try await TestClient.request(port: port, "GET", "/v1/kpi?fy=1999", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(badYear.status == 400 && badYear.text.contains("fy"))
            // A year before the programme start (found by schemathesis: it once trapped on an empty range).
            let early = try await TestClient.request(port: port, "GET", "/v1/kpi?fy=2001", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(early.status == 200)
        }
    }

    /// Found reading the council's records page (2026-12-04): the records came in record-id order, so the
    /// list jumped between months (11 September, 19 July, 4 November…).
    @Test("A KPI's records come in the order they happened, page by page with the cursor; a cursor of another shape is a 400")
    func recordsInOrder() async throws {
        try await withTestServer { port, application in
            let f = try await KPIFixture.make(application.pool)
            let days = ["2024-04-03", "2024-06-30", "2024-07-01", "2024-11-20", "2025-03-31"]
            var made: [UUID] = []
            for day in days { made.append(try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", day)])) }
            try await settle(application.pool)
            let viewer = ["Authorization": "Bearer \(try await application.token(for: .viewer).token)"]
            var seen: [KPIRecord] = []
            var cursor: String?
            repeat {
                let path = "/v1/kpi/liaison_matches/records?fy=2024&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let answer = try await TestClient.request(port: port, "GET", path, headers: viewer)
                #expect(answer.status == 200, "\(answer.text)")
                let page = try APIJSON.decoder.decode(Page<KPIRecord>.self, from: Data(answer.body))
                seen += page.items
                cursor = page.nextCursor
            } while cursor != nil && seen.count < 10
            #expect(seen.map { $0.occurredOn?.description } == days)
            #expect(seen.map(\.recordId) == made.map { $0.uuidString.lowercased() })
            // A cursor of the old shape (a record id alone) or of none is refused, not read as the start.
            let oldShape = Data(made[0].uuidString.lowercased().utf8).base64URLEncoded
            for bad in [oldShape, "%25%25"] {
                let refused = try await TestClient.request(port: port, "GET", "/v1/kpi/liaison_matches/records?fy=2024&cursor=\(bad)", headers: viewer)
                #expect(refused.status == 400, "\(bad): \(refused.text)")
            }
        }
    }

    /// ux38 found the council's English records page naming a match and an event in Japanese, both having English names.
    @Test("A KPI record is labelled in Japanese and in English (each part in the other language where it has none); a lead has its one title")
    func recordsInBothLanguages() async throws {
        try await withTestServer { port, application in
            let f = try await KPIFixture.make(application.pool)
            try await application.pool.execute("UPDATE companies SET name_ja = '川崎リサイクル', name_en = 'Kawasaki Recycling' WHERE id = \(f.company)")
            let need = UUID()
            try await application.pool.execute("""
                INSERT INTO city_needs (id, city_id, title_ja, source) VALUES (\(need), \(f.city), '下水処理場の省エネ化', 'inquiry')
                """)
            let match = try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-05-01")])
            try await application.pool.execute("UPDATE matches SET need_id = \(need) WHERE id = \(match)")
            let convention = try await f.event(kind: "convention", fiscalYear: 2024, startsAt: "2024-10-01T09:00:00+09:00")
            try await application.pool.execute("UPDATE events SET title_en = 'Decarbonisation Convention' WHERE id = \(convention)")
            let person = try await f.participant()
            try await f.checkIn(event: convention, registration: try await f.registration(event: convention, participant: person), day: "2024-10-01")
            try await settle(application.pool)
            let viewer = ["Authorization": "Bearer \(try await application.token(for: .viewer).token)"]
            func records(_ code: String) async throws -> [KPIRecord] {
                let answer = try await TestClient.request(port: port, "GET", "/v1/kpi/\(code)/records?fy=2024", headers: viewer)
                #expect(answer.status == 200, "\(answer.text)")
                return try APIJSON.decoder.decode(Page<KPIRecord>.self, from: Data(answer.body)).items
            }
            let matches = try await records("liaison_matches")
            #expect(matches.map(\.label) == ["川崎リサイクル — 下水処理場の省エネ化"])
            #expect(matches.map(\.labelEn) == ["Kawasaki Recycling — 下水処理場の省エネ化"], "the need has no English title")
            let attended = try await records("convention_participants")
            #expect(attended.map(\.label) == ["脱炭素コンベンション"] && attended.map(\.labelEn) == ["Decarbonisation Convention"])
        }
    }

    @Test("The report is the plan's layout: FY2023–FY2025 per KPI with yearly and cumulative targets, in JSON and in CSV with a BOM")
    func report() async throws {
        try await withTestServer { port, application in
            let viewer = try await application.token(for: .viewer).token
            let json = try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2024", headers: ["Authorization": "Bearer \(viewer)"])
            let report = try APIJSON.decoder.decode(KPIReport.self, from: Data(json.body))
            #expect(report.kpis.map(\.number) == [1, 2, 3, 4])
            let students = try #require(report.kpis.last)
            #expect(students.years.map(\.fiscalYear) == [2023, 2024, 2025])
            #expect(students.years.map(\.target) == [20, 30, 50])
            #expect(students.years.map(\.cumulativeTarget) == [20, 50, 100])
            #expect(students.years.map(\.actual) == [0, 0, nil])
            #expect(students.years[1].fiscalYearJa == "令和6年度")
            let csv = try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2024",
                                                   headers: ["Authorization": "Bearer \(viewer)", "Accept": "text/csv"])
            #expect(csv.status == 200)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.text.contains("KPI 4,yokohama_students,") && csv.text.contains(",FY2025,令和7年度,50,,100,,,,\r\n"), "\(csv.text)")
        }
    }

    @Test("Only admins set targets: 428 without If-Match, 412 when stale, 201 for a new year, 422 for a bad value")
    func targets() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            let path = "/v1/kpi/targets/liaison_matches/2024"
            let missing = try await TestClient.request(port: port, "PUT", path, headers: auth, body: #"{"target":25}"#)
            #expect(missing.status == 428)
            let stale = try await TestClient.request(port: port, "PUT", path, headers: auth.merging(["If-Match": "\"7\""]) { $1 }, body: #"{"target":25}"#)
            #expect(stale.status == 412)
            let updated = try await TestClient.request(port: port, "PUT", path, headers: auth.merging(["If-Match": "\"1\""]) { $1 }, body: #"{"target":25}"#)
            #expect(updated.status == 200 && updated.header("ETag") == "\"2\"")
            let created = try await TestClient.request(port: port, "PUT", "/v1/kpi/targets/liaison_matches/2026", headers: auth, body: #"{"target":40}"#)
            #expect(created.status == 201)
            let negative = try await TestClient.request(port: port, "PUT", "/v1/kpi/targets/liaison_matches/2027", headers: auth, body: #"{"target":-1}"#)
            #expect(negative.status == 422 && negative.text.contains("target"))
            let stored: [Int] = try await application.pool.query("""
                SELECT target FROM kpi_targets WHERE code = 'liaison_matches' AND fiscal_year IN (2024, 2026, 2027) ORDER BY fiscal_year
                """).map { try $0.decode(column: 0) }
            #expect(stored == [25, 40])
            let audited: Int = try await application.pool.query("SELECT count(*)::int FROM audit_log WHERE entity = 'kpi_targets' AND actor_user_id IS NOT NULL")[0].decode(column: 0)
            #expect(audited == 2)
            let viewer = try await application.token(for: .viewer).token
            let refused = try await TestClient.request(port: port, "PUT", path, headers: ["Authorization": "Bearer \(viewer)", "Content-Type": "application/json"],
                                                       body: #"{"target":1}"#)
            #expect(refused.status == 403)
        }
    }
}
