import App
import Companies
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

@Suite("Companies routes over real HTTP")
struct CompanyRoutesHTTPTests {
    @Test("the showcase is anonymous, cacheable for five minutes, and answers 304 to its own ETag")
    func showcase() async throws {
        try await withTestServer { port, application in
            let service = CompanyService(pool: application.pool)
            _ = try await service.createCompany(companyDraft(showcase: true), by: admin)
            let first = try await TestClient.request(port: port, "GET", "/v1/showcase/companies")
            #expect(first.status == 200)
            #expect(first.header("Cache-Control") == "public, max-age=300")
            #expect(first.text.contains("横浜グリーンエナジー株式会社"))
            #expect(!first.text.contains("本町"))
            let tag = try #require(first.header("ETag"))
            let again = try await TestClient.request(port: port, "GET", "/v1/showcase/companies", headers: ["If-None-Match": tag])
            #expect(again.status == 304)
        }
    }

    @Test("a company user's PATCH needs If-Match (428), and another company's id is a 404")
    func companyUserPatch() async throws {
        try await withTestServer { port, application in
            let service = CompanyService(pool: application.pool)
            let mine = try await service.createCompany(companyDraft(), by: admin)
            let theirs = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
            let (token, _) = try await application.token(for: .company, companyID: mine.id)
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json"]
            let body = #"{"website":"https://example.jp"}"#
            let missing = try await TestClient.request(port: port, "PATCH", "/v1/companies/\(mine.id)", headers: headers, body: body)
            #expect(missing.status == 428)
            headers["If-Match"] = "\"1\""
            let other = try await TestClient.request(port: port, "PATCH", "/v1/companies/\(theirs.id)", headers: headers, body: body)
            #expect(other.status == 404)
            let own = try await TestClient.request(port: port, "PATCH", "/v1/companies/\(mine.id)", headers: headers, body: body)
            #expect(own.status == 200)
            #expect(own.header("ETag") == "\"2\"")
        }
    }
}
