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

    @Test("a user and a notification endpoint keep their ETag and audit trail on a PATCH of their own values; a change still writes")
    func noOpPatchesOfAccountsAndEndpoints() async throws {
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
            let user = try await send("POST", "/v1/users", #"""
                {"email":"noop@example.jp","displayName":"No-op","role":"coordinator","password":"みなとみらいの長いパスワード"}
                """#)
            let endpoint = try await send("POST", "/v1/notification-endpoints", #"""
                {"channel":"webhook","name":"crm","url":"https://crm.example.jp/hook","events":["lead_stage_changed"]}
                """#)
            #expect(user.status == 201 && endpoint.status == 201, "\(user.text) \(endpoint.text)")
            let endpointID = try #require(((try JSONSerialization.jsonObject(with: Data(endpoint.body)) as? [String: Any])?["endpoint"] as? [String: Any])?["id"] as? String)
            let records: [(path: String, same: [String], changed: String)] = [
                ("/v1/users/\(try id(of: user))", [#"{"disabled":false}"#, #"{"role":"coordinator"}"#, #"{"disabled":false,"role":"coordinator"}"#],
                 #"{"disabled":true}"#),
                ("/v1/notification-endpoints/\(endpointID)",
                 [#"{"name":"crm","url":"https://crm.example.jp/hook","events":["lead_stage_changed"],"enabled":true}"#, "{}"],
                 #"{"url":"https://crm.example.jp/other-hook"}"#),
            ]
            for record in records {
                let before = try await auditRows()
                for same in record.same {
                    let answer = try await send("PATCH", record.path, same, ifMatch: "\"1\"")
                    #expect(answer.status == 200 && answer.header("ETag") == "\"1\"", "\(record.path) \(same): \(answer.text)")
                }
                #expect(try await auditRows() == before, "\(record.path): a PATCH that changes nothing writes no audit row")
                let changed = try await send("PATCH", record.path, record.changed, ifMatch: "\"1\"")
                #expect(changed.status == 200 && changed.header("ETag") == "\"2\"", "\(record.path): \(changed.text)")
                #expect(try await auditRows() > before, "\(record.path): a change is audited")
            }
            let urlChanges: Int = try await application.pool.query("""
                SELECT count(*)::int FROM audit_log WHERE action = 'notification_endpoint.url_change' AND entity_id = lower(\(endpointID))
                """)[0].decode(column: 0)
            #expect(urlChanges == 1, "a new URL masked alike (same host, same last four characters) is audited all the same")
        }
    }

    @Test("a PATCH of a user that disables it and names a role it cannot take is one 422 that leaves the user enabled")
    func userPatchIsOneWrite() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let created = try await TestClient.request(port: port, "POST", "/v1/users", headers: headers, body: #"""
                {"email":"half@example.jp","displayName":"Half","role":"coordinator","password":"みなとみらいの長いパスワード"}
                """#)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])?["id"] as? String)
            var patch = headers
            patch["If-Match"] = "\"1\""
            let refused = try await TestClient.request(port: port, "PATCH", "/v1/users/\(id)", headers: patch, body: #"{"disabled":true,"role":"company"}"#)
            #expect(refused.status == 422 && refused.text.contains("companyId"), "\(refused.text)")
            let after = try await TestClient.request(port: port, "GET", "/v1/users/\(id)", headers: headers)
            #expect(after.header("ETag") == "\"1\"" && after.text.contains(#""disabled":false"#), "\(after.text)")
        }
    }
}
