import App
import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

/// A business-match record names its company (gaps11): the council reads whose record it is through the
/// record itself, while the directory's company page stays closed to it.
@Suite("Business-match records name their company")
struct MatchCompanyNameHTTPTests {
    @Test("the council reads the company's names on a record and in the list, not the company; a rename shows on the record")
    func councilReadsNames() async throws {
        try await withTestServer { port, application in
            let cities = CityService(pool: application.pool, clock: application.clock)
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let city = try await cities.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
            let need = try await cities.createNeed(
                CityNeedDraft(cityId: city.id, titleEn: "Solar on schools", taxonomyCodes: ["solar_pv"], source: .policyDialogue), by: admin)
            let company = try await companies.createCompany(
                CompanyDraft(nameJa: "サン株式会社", nameEn: "Sun Co.", inYokohama: true, size: .sme), by: admin)
            let (coordinator, _) = try await application.token(for: .coordinator)
            let created = try await TestClient.request(
                port: port, "POST", "/v1/matches", headers: ["Authorization": "Bearer \(coordinator)", "Content-Type": "application/json"],
                body: #"{"companyId":"\#(company.id)","needId":"\#(need.id)","channel":"coordinator"}"#)
            #expect(created.status == 201)
            let record = try JSONDecoder().decode(Named.self, from: Data(created.body))
            #expect(record.companyNameJa == "サン株式会社" && record.companyNameEn == "Sun Co.")

            let (viewer, _) = try await application.token(for: .viewer)
            let headers = ["Authorization": "Bearer \(viewer)"]
            let read = try await TestClient.request(port: port, "GET", "/v1/matches/\(record.id)", headers: headers)
            let readName = try JSONDecoder().decode(Named.self, from: Data(read.body)).companyNameEn
            #expect(read.status == 200 && readName == "Sun Co.")
            let list = try await TestClient.request(port: port, "GET", "/v1/matches?needId=\(need.id)", headers: headers)
            #expect(list.status == 200 && list.text.contains("\"companyNameJa\":\"サン株式会社\""))
            // Nothing else of the company: its page, with address and contacts, stays closed to the council.
            #expect(try await TestClient.request(port: port, "GET", "/v1/companies/\(company.id)", headers: headers).status == 403)
            #expect(!read.text.contains("address") && !read.text.contains("corporateNumber"))

            _ = try await companies.updateCompany(company.id, ifVersion: company.version, by: admin) { $0.nameEn = "Sun Energy Co." }
            let renamed = try await TestClient.request(port: port, "GET", "/v1/matches/\(record.id)", headers: headers)
            #expect(try JSONDecoder().decode(Named.self, from: Data(renamed.body)).companyNameEn == "Sun Energy Co.")
            // A name is read through the record, never sent: a create that gives one is refused, nothing stored.
            let sent = try await TestClient.request(
                port: port, "POST", "/v1/matches", headers: ["Authorization": "Bearer \(coordinator)", "Content-Type": "application/json"],
                body: #"{"companyId":"\#(company.id)","needId":"\#(need.id)","channel":"coordinator","companyNameEn":"Other"}"#)
            #expect(sent.status == 422 && sent.text.contains("companyNameEn"))
        }
    }

    struct Named: Decodable {
        let id: UUID
        let companyNameJa: String?
        let companyNameEn: String?
    }
}
