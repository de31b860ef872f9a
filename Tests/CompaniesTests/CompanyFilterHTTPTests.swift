import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The directory's municipality and size filters (gaps11), on the list and its CSV export over HTTP.
@Suite("Company directory by municipality and size")
struct CompanyFilterHTTPTests {
    @Test("municipality matches text in either case, size one of sme or large; the export filters alike; a size that is none is a 400")
    func municipalityAndSize() async throws {
        try await withTestServer { port, application in
            let service = CompanyService(pool: application.pool, clock: application.clock)
            var large = companyDraft(nameEn: "Tsurumi Heavy Industries", nameJa: nil)
            large.municipality = "横浜市鶴見区"
            large.size = .large
            var ward = companyDraft(nameEn: "Naka Water Co.", nameJa: nil)
            ward.municipality = "横浜市中区"
            let kawasaki = companyDraft(nameEn: "Kawasaki Solar Co.", nameJa: nil, inYokohama: false)
            for draft in [large, ward, kawasaki] { _ = try await service.createCompany(draft, by: admin) }
            let (token, _) = try await application.token(for: .organizer)
            func names(_ query: String) async throws -> [String] {
                let response = try await TestClient.request(port: port, "GET", "/v1/companies?\(query)", headers: ["Authorization": "Bearer \(token)"])
                #expect(response.status == 200, "\(query)")
                return try JSONDecoder().decode(Listed.self, from: Data(response.body)).items.compactMap(\.nameEn)
            }
            #expect(try await names("municipality=%E6%A8%AA%E6%B5%9C%E5%B8%82") == ["Tsurumi Heavy Industries", "Naka Water Co."])
            #expect(try await names("municipality=KAWA") == ["Kawasaki Solar Co."])
            #expect(try await names("size=large") == ["Tsurumi Heavy Industries"])
            #expect(try await names("size=sme&municipality=%E4%B8%AD%E5%8C%BA") == ["Naka Water Co."])
            #expect(try await names("municipality=%25") == [], "a LIKE wildcard typed is a character")

            let csv = try await TestClient.request(port: port, "GET", "/v1/companies/export?size=sme", headers: ["Authorization": "Bearer \(token)"])
            let text = String(decoding: csv.body, as: UTF8.self)
            #expect(csv.status == 200 && text.contains("Naka Water Co.") && text.contains("Kawasaki Solar Co."))
            #expect(!text.contains("Tsurumi Heavy Industries"))

            for path in ["/v1/companies?size=medium", "/v1/companies/export?size=SME"] {
                let refused = try await TestClient.request(port: port, "GET", path, headers: ["Authorization": "Bearer \(token)"])
                #expect(refused.status == 400, "\(path)")
                #expect(try JSONDecoder().decode(Problem.self, from: Data(refused.body)).errors?.map(\.field) == ["size"])
            }
        }
    }

    struct Listed: Decodable {
        struct Item: Decodable { let nameEn: String? }
        let items: [Item]
    }
}
