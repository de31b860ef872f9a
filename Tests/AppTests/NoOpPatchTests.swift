import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A PATCH that changes nothing answers 200 with the same ETag and writes nothing, neither a new row version
/// nor an audit row (harden12; DomainKit `Versioned.saving`): a client that sends its whole form back would
/// otherwise make every other reader's If-Match stale for nothing.
@Suite("A PATCH that changes nothing")
struct NoOpPatchTests {
    @Test("a city, a need, a company and an event keep their ETag and audit trail on a PATCH of their own values; a change still writes")
    func noOpPatches() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            func send(_ method: String, _ path: String, _ body: String, ifMatch: String? = nil) async throws -> TestClient.Response {
                var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
                headers["If-Match"] = ifMatch
                return try await TestClient.request(port: port, method, path, headers: headers, body: body)
            }
            func id(of response: TestClient.Response) throws -> String {
                try #require((try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["id"] as? String)
            }
            func auditRows() async throws -> Int {
                try await application.pool.query("SELECT count(*)::int FROM audit_log")[0].decode(column: 0)
            }
            let city = try await send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","region":"Southeast Asia","relationship":"mou_partner"}"#)
            #expect(city.status == 201)
            let cityID = try id(of: city)
            let need = try await send("POST", "/v1/needs", #"{"cityId":"\#(cityID)","titleEn":"Rooftop solar for schools","source":"inquiry"}"#)
            let company = try await send("POST", "/v1/companies", #"{"nameEn":"Yokohama Green Energy","size":"sme"}"#)
            let event = try await send("POST", "/v1/events", #"""
                {"kind":"seminar","titleEn":"Solar seminar","startsAt":"2027-06-01T01:00:00Z","endsAt":"2027-06-01T03:00:00Z","format":"online","onlineCapacity":50}
                """#)
            #expect(need.status == 201 && company.status == 201 && event.status == 201)
            let records: [(path: String, same: String, changed: String)] = [
                ("/v1/cities/\(cityID)", #"{"nameEn":"Da Nang","region":"Southeast Asia"}"#, #"{"nameEn":"Da Nang City"}"#),
                ("/v1/needs/\(try id(of: need))", #"{"titleEn":"Rooftop solar for schools","status":"open"}"#, #"{"status":"in_progress"}"#),
                ("/v1/companies/\(try id(of: company))", #"{"nameEn":"Yokohama Green Energy","size":"sme"}"#, #"{"size":"large"}"#),
                ("/v1/events/\(try id(of: event))", #"{"titleEn":"Solar seminar","onlineCapacity":50}"#, #"{"onlineCapacity":60}"#),
            ]
            for record in records {
                let before = try await auditRows()
                let same = try await send("PATCH", record.path, record.same, ifMatch: "\"1\"")
                #expect(same.status == 200 && same.header("ETag") == "\"1\"", "\(record.path): \(same.text)")
                #expect(try await auditRows() == before, "\(record.path): a PATCH that changes nothing writes no audit row")
                #expect(try await send("PATCH", record.path, "{}", ifMatch: "\"1\"").header("ETag") == "\"1\"")
                let changed = try await send("PATCH", record.path, record.changed, ifMatch: "\"1\"")
                #expect(changed.status == 200 && changed.header("ETag") == "\"2\"", "\(record.path): \(changed.text)")
                #expect(try await auditRows() > before, "\(record.path): a change is audited")
            }
        }
    }

    @Test("a PATCH that writes the same text in another Unicode form (café precomposed for cafe + U+0301) is a change: written, with a new ETag")
    func otherUnicodeFormIsAChange() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            // Swift's String == holds canonically equivalent texts equal; PostgreSQL stores, compares and searches bytes.
            let city = try await TestClient.request(port: port, "POST", "/v1/cities", headers: headers,
                body: #"{"nameJa":"カフェ","nameEn":"Cafe\u0301 Town","country":"VN","relationship":"prospect"}"#)
            #expect(city.status == 201)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(city.body)) as? [String: Any])?["id"] as? String)
            var ifMatch = headers
            ifMatch["If-Match"] = "\"1\""
            let patched = try await TestClient.request(port: port, "PATCH", "/v1/cities/\(id)", headers: ifMatch, body: #"{"nameEn":"Caf\u00e9 Town"}"#)
            #expect(patched.status == 200 && patched.header("ETag") == "\"2\"", "\(patched.text)")
            let cityID = try #require(UUID(uuidString: id))
            let stored: String = try await application.pool.query("SELECT name_en FROM overseas_cities WHERE id = \(cityID)")[0].decode("name_en")
            #expect(Array(stored.unicodeScalars) == Array("Caf\u{E9} Town".unicodeScalars))
        }
    }
}
