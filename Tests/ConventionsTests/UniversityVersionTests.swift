import App
import DomainKit
import Foundation
import HTTPServer
import TestSupport
import Testing

/// The university registry has row versions (migration 0104, harden11): a PUT answers the version as its
/// ETag, and one sent with a stale If-Match is a 412 that changes nothing. These PUTs create as well as
/// replace: without If-Match they only create, and one that finds its record is a 428 that changes nothing
/// (harden12), as every other versioned write answers without If-Match.
@Suite("University registry versions")
struct UniversityVersionTests {
    struct Versioned: Decodable { let nameJa: String?; let municipality: String?; let version: Int }

    @Test("a university and a campus carry a version; a stale If-Match is 412, none on an existing one 428, and neither writes")
    func versions() async throws {
        try await withTestServer { port, application in
            let (admin, _) = try await application.token(for: .admin)
            func put(_ path: String, _ body: String, ifMatch: String? = nil) async throws -> TestClient.Response {
                var headers = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
                headers["If-Match"] = ifMatch
                return try await TestClient.request(port: port, "PUT", path, headers: headers, body: body)
            }
            func decoded(_ response: TestClient.Response) throws -> Versioned { try JSONDecoder().decode(Versioned.self, from: Data(response.body)) }

            let university = "/v1/universities/ynu"
            let renamed = try await put(university, #"{"nameJa":"国立大学法人 横浜国立大学","nameEn":"Yokohama National University"}"#, ifMatch: "\"1\"")
            #expect(renamed.status == 200 && renamed.header("ETag") == "\"2\"")
            #expect(try decoded(renamed).version == 2)
            let stale = try await put(university, #"{"nameJa":"横浜国大","nameEn":"YNU"}"#, ifMatch: "\"1\"")
            #expect(stale.status == 412)
            let unversioned = try await put(university, #"{"nameJa":"横浜国立大学","nameEn":"Yokohama National University"}"#)
            #expect(unversioned.status == 428 && unversioned.text.contains("If-Match"))
            #expect(try await put("/v1/universities/no_such_one", #"{"nameJa":"無","nameEn":"None"}"#, ifMatch: "\"1\"").status == 404)
            let created = try await put("/v1/universities/minato_tech", #"{"nameJa":"港湾工科大学","nameEn":"Minato Tech"}"#)
            #expect(created.status == 201 && created.header("ETag") == "\"1\"")

            let campus = "/v1/universities/ynu/campuses/ynu_tokiwadai"
            let body = #"{"nameJa":"常盤台キャンパス","nameEn":"Tokiwadai campus","municipality":"横浜市保土ケ谷区常盤台","inYokohama":true}"#
            let edited = try await put(campus, body, ifMatch: "\"1\"")
            #expect(edited.status == 200 && edited.header("ETag") == "\"2\"")
            let staleCampus = try await put(campus, body.replacingOccurrences(of: "常盤台\",", with: "\","), ifMatch: "\"1\"")
            #expect(staleCampus.status == 412)
            #expect(try await put(campus, body.replacingOccurrences(of: "常盤台\",", with: "\",")).status == 428)
            let list = try await TestClient.request(port: port, "GET", "/v1/universities", headers: ["Authorization": "Bearer \(admin)"])
            #expect(list.text.contains("横浜市保土ケ谷区常盤台") && list.text.contains("\"version\":2"))
            #expect(list.text.contains("国立大学法人 横浜国立大学") && !list.text.contains("\"version\":3"), "the PUTs without If-Match wrote nothing")
        }
    }
}
