import App
import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

@Suite("Matching routes over real HTTP")
struct MatchRoutesHTTPTests {
    /// Da Nang with a liaison base and a need, Bangkok with a need, and a company whose public technology answers both.
    static func twoCities(_ application: Application) async throws -> (bangkok: City, base: LiaisonBase, own: CityNeed, other: CityNeed, company: Company) {
        let cities = CityService(pool: application.pool, clock: application.clock)
        let companies = CompanyService(pool: application.pool, clock: application.clock)
        let danang = try await cities.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
        let bangkok = try await cities.createCity(CityDraft(nameJa: "バンコク", nameEn: "Bangkok", country: "TH", relationship: .mouPartner), by: admin)
        let base = try await cities.createLiaisonBase(
            LiaisonBaseDraft(name: "Da Nang desk", operatorName: "Yokohama Co.", cityId: danang.id, kind: .companyLiaisonOffice), by: admin)
        let own = try await cities.createNeed(
            CityNeedDraft(cityId: danang.id, titleEn: "Solar on schools", taxonomyCodes: ["solar_pv"], source: .policyDialogue), by: admin)
        let other = try await cities.createNeed(
            CityNeedDraft(cityId: bangkok.id, titleEn: "Solar on clinics", taxonomyCodes: ["solar_pv"], source: .policyDialogue), by: admin)
        let company = try await companies.createCompany(CompanyDraft(nameEn: "Sun Co.", inYokohama: true, size: .sme), by: admin)
        _ = try await companies.createTechnology(
            CompanyTechnologyDraft(titleEn: "Rooftop PV", taxonomyCodes: ["solar_pv"], maturity: .commercial, disclosure: .public),
            companyID: company.id, by: admin)
        return (bangkok, base, own, other, company)
    }

    @Test("a liaison user ranks its own city's needs; another city's need is a 404; a company user is refused")
    func access() async throws {
        try await withTestServer { port, application in
            let (_, base, own, other, company) = try await Self.twoCities(application)

            let (liaison, _) = try await application.token(for: .liaison, liaisonBaseID: base.id)
            let mine = try await TestClient.request(port: port, "GET", "/v1/needs/\(own.id)/matches", headers: ["Authorization": "Bearer \(liaison)"])
            #expect(mine.status == 200)
            #expect(mine.text.contains(company.id.uuidString.lowercased()) || mine.text.contains(company.id.uuidString))
            let theirs = try await TestClient.request(port: port, "GET", "/v1/needs/\(other.id)/matches", headers: ["Authorization": "Bearer \(liaison)"])
            #expect(theirs.status == 404)

            let (viewerToken, _) = try await application.token(for: .viewer)
            let read = try await TestClient.request(port: port, "GET", "/v1/needs/\(other.id)/matches", headers: ["Authorization": "Bearer \(viewerToken)"])
            #expect(read.status == 200)
            let (companyToken, _) = try await application.token(for: .company, companyID: company.id)
            let refused = try await TestClient.request(port: port, "GET", "/v1/needs/\(own.id)/matches", headers: ["Authorization": "Bearer \(companyToken)"])
            #expect(refused.status == 403)
            let anonymous = try await TestClient.request(port: port, "GET", "/v1/needs/\(own.id)/matches")
            #expect(anonymous.status == 401)
        }
    }

    /// audit37: `excludeLead` leaves out the companies on a lead, so comparing a ranking with and without it told a
    /// liaison officer who is on another base's lead, and a viewer (who reads no lead) who is on any.
    @Test("excludeLead from a liaison officer or a viewer is a 403, for any lead; a coordinator's still leaves the lead's companies out, and an unknown lead is a 422 naming it")
    func excludeLeadIsForManagers() async throws {
        try await withTestServer { port, application in
            let (bangkok, base, need, _, company) = try await Self.twoCities(application)
            // Another city's lead, which the liaison officer may not read, with the company on it.
            let lead = try await application.pool.withConnection { db in
                let lead = try await insertBareLead(cityID: bangkok.id, on: db)
                try await db.execute("INSERT INTO matches (company_id, lead_id, channel) VALUES (\(company.id), \(lead), 'coordinator')")
                return lead
            }
            let path = "/v1/needs/\(need.id)/matches"
            let (liaison, _) = try await application.token(for: .liaison, liaisonBaseID: base.id)
            let (viewerToken, _) = try await application.token(for: .viewer)
            for token in [liaison, viewerToken] {
                let plain = try await TestClient.request(port: port, "GET", path, headers: ["Authorization": "Bearer \(token)"])
                #expect(plain.status == 200 && plain.text.localizedCaseInsensitiveContains(company.id.uuidString))
                // Before audit37: 200 without the company, which said it was on the lead.
                for excluded in [lead, UUID()] {
                    let probe = try await TestClient.request(port: port, "GET", "\(path)?excludeLead=\(excluded)", headers: ["Authorization": "Bearer \(token)"])
                    #expect(probe.status == 403, "\(probe.text)")
                    #expect(!probe.text.localizedCaseInsensitiveContains(company.id.uuidString))
                }
            }
            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            let managed = try await TestClient.request(port: port, "GET", "\(path)?excludeLead=\(lead)", headers: ["Authorization": "Bearer \(coordinatorToken)"])
            #expect(managed.status == 200 && !managed.text.localizedCaseInsensitiveContains(company.id.uuidString), "\(managed.text)")
            // A lead that does not exist (a mistyped id) is the caller's error, not a ranking that leaves nobody out.
            let (adminToken, _) = try await application.token(for: .admin)
            for token in [coordinatorToken, adminToken] {
                let unknown = try await TestClient.request(port: port, "GET", "\(path)?excludeLead=\(UUID())", headers: ["Authorization": "Bearer \(token)"])
                #expect(unknown.status == 422, "\(unknown.text)")
                #expect(unknown.text.contains("\"field\":\"excludeLead\""), "\(unknown.text)")
                #expect(!unknown.text.localizedCaseInsensitiveContains(company.id.uuidString))
            }
        }
    }

    @Test("bad query values are 400s naming the parameter, and an unknown need is a 404")
    func badInput() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .coordinator)
            let headers = ["Authorization": "Bearer \(token)"]
            for (query, field) in [("limit=0", "limit"), ("limit=101", "limit"), ("yokohamaOnly=yes", "yokohamaOnly"),
                                   ("yusaOnly=1", "yusaOnly"), ("excludeLead=lead-7", "excludeLead")] {
                let response = try await TestClient.request(port: port, "GET", "/v1/needs/\(UUID())/matches?\(query)", headers: headers)
                #expect(response.status == 400, "\(query)")
                #expect(response.text.contains("\"field\":\"\(field)\""), "\(query)")
            }
            let unknown = try await TestClient.request(port: port, "GET", "/v1/needs/\(UUID())/matches", headers: headers)
            #expect(unknown.status == 404)
            #expect(unknown.header("Content-Type") == "application/problem+json")
        }
    }
}

@Suite("Pins and exclusions over real HTTP")
struct NeedDecisionHTTPTests {
    @Test("a coordinator pins a company (201), replacing needs If-Match (428, stale 412), a second create is 409, delete needs the version")
    func lifecycle() async throws {
        try await withTestServer { port, application in
            let cities = CityService(pool: application.pool, clock: application.clock)
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let city = try await cities.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
            let need = try await cities.createNeed(
                CityNeedDraft(cityId: city.id, titleEn: "Solar", taxonomyCodes: ["solar_pv"], source: .policyDialogue), by: admin)
            let company = try await companies.createCompany(CompanyDraft(nameEn: "Sun Co.", inYokohama: true, size: .sme), by: admin)
            let (token, _) = try await application.token(for: .coordinator)
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let path = "/v1/needs/\(need.id)/decisions/\(company.id)"

            let blank = try await TestClient.request(port: port, "PUT", path, headers: headers, body: #"{"decision":"pinned","reason":" "}"#)
            #expect(blank.status == 422)
            #expect(blank.text.contains("\"field\":\"reason\""))
            let wrong = try await TestClient.request(port: port, "PUT", path, headers: headers, body: #"{"decision":"maybe","reason":"x"}"#)
            #expect(wrong.status == 422)
            let unknownCompany = try await TestClient.request(
                port: port, "PUT", "/v1/needs/\(need.id)/decisions/\(UUID())", headers: headers, body: #"{"decision":"pinned","reason":"x"}"#)
            #expect(unknownCompany.status == 404)

            let created = try await TestClient.request(port: port, "PUT", path, headers: headers, body: #"{"decision":"pinned","reason":"市長推薦"}"#)
            #expect(created.status == 201)
            #expect(created.header("ETag") == "\"1\"")
            let again = try await TestClient.request(port: port, "PUT", path, headers: headers, body: #"{"decision":"excluded","reason":"x"}"#)
            #expect(again.status == 428)
            headers["If-Match"] = "\"7\""
            let stale = try await TestClient.request(port: port, "PUT", path, headers: headers, body: #"{"decision":"excluded","reason":"x"}"#)
            #expect(stale.status == 412)
            headers["If-Match"] = "\"1\""
            let replaced = try await TestClient.request(port: port, "PUT", path, headers: headers, body: #"{"decision":"excluded","reason":"Busy"}"#)
            #expect(replaced.status == 200)
            #expect(replaced.header("ETag") == "\"2\"")

            let ranking = try await TestClient.request(port: port, "GET", "/v1/needs/\(need.id)/matches", headers: headers)
            #expect(ranking.text.contains("Busy"))
            let listed = try await TestClient.request(port: port, "GET", "/v1/needs/\(need.id)/decisions", headers: headers)
            #expect(listed.status == 200 && listed.text.contains("\"decision\":\"excluded\""))

            let staleDelete = try await TestClient.request(port: port, "DELETE", path, headers: headers)
            #expect(staleDelete.status == 412)
            headers["If-Match"] = "\"2\""
            let deleted = try await TestClient.request(port: port, "DELETE", path, headers: headers)
            #expect(deleted.status == 204)
            let audit = try await application.pool.query("SELECT count(*) AS n FROM audit_log WHERE entity = 'need_company_decisions'")
            #expect(try audit[0].decode("n", as: Int.self) == 3)
        }
    }
}
