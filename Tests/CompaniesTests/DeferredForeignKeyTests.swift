import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Foreign keys to companies and liaison bases (migration 0007)")
struct DeferredForeignKeyTests {
    @Test("a user or a liaison base bound to a company that does not exist is a 422 naming the field, and nothing is written")
    func unknownCompanyIsRefused() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let missing = UUID().uuidString.lowercased()
            let user = try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: """
                {"email":"nobody@example.jp","displayName":"誰か","role":"company","companyId":"\(missing)",
                 "password":"correct horse battery staple"}
                """)
            #expect(user.status == 422)
            #expect(user.text.contains(#""field":"companyId""#))
            let liaison = try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: """
                {"email":"nobody@example.jp","displayName":"誰か","role":"liaison","liaisonBaseId":"\(missing)",
                 "password":"correct horse battery staple"}
                """)
            #expect(liaison.status == 422)
            #expect(liaison.text.contains(#""field":"liaisonBaseId""#))

            let city = try await TestClient.request(port: port, "POST", "/v1/cities", headers: headers, body: """
                {"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}
                """)
            let cityID = try #require(city.text.firstMatch(of: /"id":"([0-9A-Fa-f-]{36})"/)?.1)
            func base(companyID: String) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "POST", "/v1/liaison-bases", headers: headers, body: """
                    {"name":"Da Nang Office \(companyID.prefix(8))","operatorName":"横浜の会社","companyId":"\(companyID)",
                     "cityId":"\(cityID)","kind":"company_liaison_office"}
                    """)
            }
            let refused = try await base(companyID: missing)
            #expect(refused.status == 422)
            #expect(refused.text.contains(#""field":"companyId""#))
            let company = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(companyDraft(), by: admin)
            #expect(try await base(companyID: company.id.uuidString.lowercased()).status == 201)

            let counts = try await application.pool.query("""
                SELECT (SELECT count(*) FROM users WHERE email = 'nobody@example.jp') AS users,
                       (SELECT count(*) FROM liaison_bases) AS bases
                """)
            #expect(try counts[0].decode("users") as Int == 0)
            #expect(try counts[0].decode("bases") as Int == 1)
        }
    }
}
