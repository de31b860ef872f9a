import App
import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

/// An explanation's concept says which of the company's concepts the score credited (issue 16): a need for leak
/// detection (`water_supply`) listed 汚泥 for a sludge company as if it were the company's word for water supply,
/// when 汚泥 names `sludge_energy`, a sibling the score credits at 0.2.
@Suite("An explanation names the company's own concept")
struct MatchConceptExplanationHTTPTests {
    @Test("a sibling's word is listed with the sibling's code and fit; beside the exact concept it is not listed, as the score did not count it")
    func siblingNamedWithItsConcept() async throws {
        try await withTestServer { port, application in
            let cities = CityService(pool: application.pool, clock: application.clock)
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let city = try await cities.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
            let need = try await cities.createNeed(
                CityNeedDraft(cityId: city.id, titleEn: "Leak detection for the water supply network",
                              descriptionEn: "The utility wants to find leaks in its distribution mains.", source: .policyDialogue),
                by: admin)
            func company(_ name: String, titleJa: String? = nil, titleEn: String? = nil, codes: [String] = []) async throws -> Company {
                let company = try await companies.createCompany(CompanyDraft(nameEn: name, inYokohama: true, size: .sme), by: admin)
                _ = try await companies.createTechnology(
                    CompanyTechnologyDraft(titleJa: titleJa, titleEn: titleEn, taxonomyCodes: codes, maturity: .commercial, disclosure: .public),
                    companyID: company.id, by: admin)
                return company
            }
            let sludge = try await company("Sludge Co.", titleJa: "汚泥の燃料化")
            let leaks = try await company("Leak Co.", titleJa: "漏水探知サービス")
            // Tagged with the need's own concept, and writing a sibling's word: the score credits the exact concept once.
            let both = try await company("Both Co.", titleEn: "Sludge dewatering", codes: ["water_supply"])

            let (token, _) = try await application.token(for: .coordinator)
            let response = try await TestClient.request(port: port, "GET", "/v1/needs/\(need.id)/matches", headers: ["Authorization": "Bearer \(token)"])
            #expect(response.status == 200)
            let list = try JSONDecoder().decode(Listed.self, from: Data(response.body))
            func concept(_ company: Company) -> Listed.Concept? {
                list.items.first { $0.companyId == company.id }?.explanation.matchedConcepts.first { $0.code == "water_supply" }
            }

            let sibling = try #require(concept(sludge))
            #expect(sibling.needTerms == ["leak detection", "water supply"])
            #expect(sibling.companyCode == "sludge_energy" && sibling.fit == "sibling", "\(sibling)")
            #expect(sibling.companyTerms == ["汚泥"])

            let exact = try #require(concept(leaks))
            #expect(exact.companyCode == "water_supply" && exact.fit == "exact" && exact.companyTerms == ["漏水"], "\(exact)")

            let tagged = try #require(concept(both))
            #expect(tagged.companyCode == "water_supply" && tagged.fit == "exact", "\(tagged)")
            #expect(tagged.companyTerms.isEmpty, "sludge counted nothing for water supply: \(tagged.companyTerms)")
        }
    }

    struct Listed: Decodable {
        struct Item: Decodable {
            let companyId: UUID
            let explanation: Explanation
        }
        struct Explanation: Decodable {
            let matchedConcepts: [Concept]
        }
        struct Concept: Decodable {
            let code: String
            let needTerms: [String]
            let companyCode: String?
            let fit: String?
            let companyTerms: [String]
        }
        let items: [Item]
    }
}
