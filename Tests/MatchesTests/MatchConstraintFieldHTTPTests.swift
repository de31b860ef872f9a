import App
import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

@Suite("Matches' constraint table over real HTTP")
struct MatchConstraintFieldHTTPTests {
    @Test("a second live match on a lead is a 409 naming leadId and the live record; a city deleted between the service's check and the insert is a 422 naming cityId")
    func namedFields() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .coordinator)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let company = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(CompanyDraft(nameEn: "Sun Co.", size: .sme), by: admin)
            let matches: PostgresQuery = "SELECT count(*) AS n FROM matches"

            // matches_live_company_lead: the same company on the same lead, one request after the other.
            let lead = try await application.pool.withConnection { try await insertBareLead(on: $0) }
            let onLead = #"{"companyId":"\#(company.id)","leadId":"\#(lead)","channel":"coordinator"}"#
            let first = try await TestClient.request(port: port, "POST", "/v1/matches", headers: headers, body: onLead)
            #expect(first.status == 201)
            let firstID = try #require((try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])?["id"] as? String)
            let twice = try await TestClient.request(port: port, "POST", "/v1/matches", headers: headers, body: onLead)
            #expect(twice.status == 409)
            // The service finds the live record first and names it (harden16); the index is the backstop.
            let detail = "This company already has a live match for this lead: \(firstID). Move that record along, or decline or withdraw it first."
            let conflict = try JSONDecoder().decode(Problem.self, from: Data(twice.body))
            #expect(conflict.detail == detail)
            #expect(conflict.errors == [FieldError(field: "leadId", message: detail)])

            // matches_city_id_fkey: the service finds the city, then a transaction deletes it before the
            // insert; the insert's key check waits for that transaction and fails when it commits.
            let city = try await CityService(pool: application.pool, clock: application.clock).createCity(
                CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
            let inCity = #"{"companyId":"\#(company.id)","cityId":"\#(city.id)","channel":"direct"}"#
            let response = try await application.pool.withConnection { db in
                try await db.execute("BEGIN")
                try await db.execute("DELETE FROM overseas_cities WHERE id = \(city.id)")
                let request = Task { try await TestClient.request(port: port, "POST", "/v1/matches", headers: headers, body: inCity) }
                // Until the request's key check waits on this transaction's lock (no timing: a state to reach;
                // the bound only keeps a request that never gets there from hanging the suite).
                var polls = 0
                while polls < 100_000, try await application.pool.query("""
                    SELECT count(*) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO matches%'
                    """)[0].decode("n", as: Int.self) == 0 {
                    polls += 1
                }
                #expect(polls < 100_000, "the request never waited on the deleted city")
                try await db.execute("COMMIT")
                return try await request.value
            }
            #expect(response.status == 422)
            let invalid = try JSONDecoder().decode(Problem.self, from: Data(response.body))
            #expect(invalid.errors == [FieldError(field: "cityId", message: "is not a known record")])
            #expect(try await application.pool.query(matches)[0].decode("n", as: Int.self) == 1)
        }
    }
}
