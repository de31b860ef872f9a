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
            let service = CompanyService(pool: application.pool, clock: application.clock)
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
            let service = CompanyService(pool: application.pool, clock: application.clock)
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

    /// RFC 8259 leaves a repeated name's meaning to each parser (ours took the first); a body another reader
    /// would understand differently is refused, and nothing is written.
    @Test("a name with a control character or a text-direction override is a 422 naming the field, and nothing is written")
    func invisibleControls() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let json = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            for name in [#"Yokohama \u202Egnp.exe"#, #"bell\u0007"#, #"nul\u0000"#] {
                let create = try await TestClient.request(port: port, "POST", "/v1/companies", headers: json,
                                                          body: #"{"nameJa":"横浜","nameEn":"\#(name)","size":"sme"}"#)
                #expect(create.status == 422, "\(create.text)")
                #expect(create.text.contains(#""field":"nameEn""#), "\(create.text)")
            }
            let listed = try await TestClient.request(port: port, "GET", "/v1/companies", headers: json)
            #expect(listed.status == 200 && listed.text.contains(#""items":[]"#), "\(listed.text)")
        }
    }

    @Test("a country that is two capitals but no country (UK for GB, XX) is a 422 naming its place in the list; nothing is stored")
    func unassignedCountryCodes() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let json = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            for code in ["UK", "XX"] {
                let create = try await TestClient.request(port: port, "POST", "/v1/companies", headers: json,
                                                          body: #"{"nameJa":"横浜","size":"sme","countriesWithExperience":["VN","\#(code)"]}"#)
                #expect(create.status == 422 && create.text.contains(#""field":"countriesWithExperience.1""#), "\(create.text)")
            }
            let listed = try await TestClient.request(port: port, "GET", "/v1/companies", headers: json)
            #expect(listed.status == 200 && listed.text.contains(#""items":[]"#), "\(listed.text)")
            let created = try await TestClient.request(port: port, "POST", "/v1/companies", headers: json,
                                                       body: #"{"nameJa":"横浜","size":"sme","countriesWithExperience":["VN","GB"]}"#)
            #expect(created.status == 201, "\(created.text)")
        }
    }

    @Test("a member the request does not read (misspelt, or set only by the server) is a 422 naming it, on a create and a merge patch; nothing changes")
    func unreadMembers() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let json = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let typo = try await TestClient.request(port: port, "POST", "/v1/companies", headers: json,
                                                    body: #"{"nameJa":"綴り","nameEN":"Spelt wrong","size":"sme"}"#)
            #expect(typo.status == 422 && typo.text.contains(#""field":"nameEN""#), "\(typo.text)")
            let listed = try await TestClient.request(port: port, "GET", "/v1/companies", headers: json)
            #expect(listed.status == 200 && listed.text.contains(#""items":[]"#), "\(listed.text)")
            let created = try await TestClient.request(port: port, "POST", "/v1/companies", headers: json,
                                                       body: #"{"nameJa":"綴り","nameEn":"Spelt right","size":"sme"}"#)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.text.components(separatedBy: #""id":""#).dropFirst().first?.prefix(36))
            var patch = json
            (patch["Content-Type"], patch["If-Match"]) = ("application/merge-patch+json", "\"1\"")
            for body in [#"{"nameEn":"Renamed","version":7}"#, #"{"nameEn":"Renamed","createdAt":"2020-01-01T00:00:00Z"}"#, #"{"sizes":"large"}"#] {
                let refused = try await TestClient.request(port: port, "PATCH", "/v1/companies/\(id)", headers: patch, body: body)
                #expect(refused.status == 422, "\(refused.text)")
            }
            let read = try await TestClient.request(port: port, "GET", "/v1/companies/\(id)", headers: json)
            #expect(read.text.contains(#""nameEn":"Spelt right""#) && read.text.contains(#""version":1"#), "\(read.text)")
            let renamed = try await TestClient.request(port: port, "PATCH", "/v1/companies/\(id)", headers: patch, body: #"{"nameEn":"Renamed"}"#)
            #expect(renamed.status == 200 && renamed.text.contains(#""nameEn":"Renamed""#), "\(renamed.text)")
        }
    }

    @Test("a body giving a field twice, plainly or escaped, is a 400 naming it, on a create and on a merge patch; nothing changes")
    func repeatedFieldInBody() async throws {
        try await withTestServer { port, application in
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let existing = try await service.createCompany(companyDraft(), by: admin)
            let (token, _) = try await application.token(for: .admin)
            let json = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            for body in [#"{"nameJa":"重複","nameEn":"First","nameEn":"Second","size":"sme"}"#,
                         #"{"nameJa":"重複","nameEn":"First","\u006eameEn":"Second","size":"sme"}"#] {
                let create = try await TestClient.request(port: port, "POST", "/v1/companies", headers: json, body: body)
                #expect(create.status == 400, "\(create.text)")
                #expect(create.text.contains(#""field":"nameEn""#), "\(create.text)")
            }
            let listed = try await TestClient.request(port: port, "GET", "/v1/companies?q=%E9%87%8D%E8%A4%87", headers: json)
            #expect(listed.status == 200 && listed.text.contains(#""items":[]"#), "\(listed.text)")
            let patch = ["Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json", "If-Match": "\"1\""]
            let twice = try await TestClient.request(port: port, "PATCH", "/v1/companies/\(existing.id)", headers: patch,
                                                     body: #"{"website":"https://a.example.jp","website":"https://b.example.jp"}"#)
            #expect(twice.status == 400, "\(twice.text)")
            #expect(try await service.company(existing.id, by: admin).version == 1)
            // The same name in two different objects, or a value that looks like a name, is fine.
            let once = try await TestClient.request(port: port, "PATCH", "/v1/companies/\(existing.id)", headers: patch,
                                                    body: #"{"website":"https://a.example.jp","nameEn":"website"}"#)
            #expect(once.status == 200, "\(once.text)")
        }
    }
}

