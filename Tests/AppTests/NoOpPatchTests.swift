import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A PATCH (or a versioned PUT, harden14) that changes nothing answers 200 with the same ETag and writes nothing,
/// neither a new row version nor an audit row (harden12, harden13; DomainKit `Versioned.saving`): a client that sends its whole form back
/// would otherwise make every other reader's If-Match stale for nothing.
@Suite("A PATCH that changes nothing")
struct NoOpPatchTests {
    /// An administrator's requests to one test server, and the length of the audit trail.
    struct Admin {
        let port: Int
        let token: String
        let application: Application

        init(port: Int, application: Application) async throws {
            self.port = port
            self.application = application
            token = try await application.token(for: .admin).token
        }

        func send(_ method: String, _ path: String, _ body: String = "", ifMatch: String? = nil) async throws -> TestClient.Response {
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            headers["If-Match"] = ifMatch
            return try await TestClient.request(port: port, method, path, headers: headers, body: body)
        }

        func id(of response: TestClient.Response, in member: String? = nil) throws -> String {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            let record = try member.map { try #require(object[$0] as? [String: Any]) } ?? object
            return try #require(record["id"] as? String)
        }

        func auditRows() async throws -> Int {
            try await application.pool.query("SELECT count(*)::int FROM audit_log")[0].decode(column: 0)
        }

        /// A coordinator user made through the API.
        func createUser(_ email: String) async throws -> TestClient.Response {
            try await send("POST", "/v1/users", #"{"email":"\#(email)","displayName":"Sato","role":"coordinator","password":"みなとみらいの長いパスワード"}"#)
        }

        /// Each of `same` at version 1 answers 200 with ETag 1 and adds no audit row; `changed` then writes version 2, audited.
        func expectNoOpWrites(_ path: String, method: String = "PATCH", same: [String], changed: String) async throws {
            let before = try await auditRows()
            for body in same {
                let answer = try await send(method, path, body, ifMatch: "\"1\"")
                #expect(answer.status == 200 && answer.header("ETag") == "\"1\"", "\(method) \(path) \(body): \(answer.text)")
            }
            #expect(try await auditRows() == before, "\(method) \(path): a write that changes nothing writes no audit row")
            let answer = try await send(method, path, changed, ifMatch: "\"1\"")
            #expect(answer.status == 200 && answer.header("ETag") == "\"2\"", "\(method) \(path): \(answer.text)")
            #expect(try await auditRows() > before, "\(method) \(path): a change is audited")
        }
    }

    @Test("a city, a need, a company and an event keep their ETag and audit trail on a PATCH of their own values; a change still writes")
    func noOpPatches() async throws {
        try await withTestServer { port, application in
            let admin = try await Admin(port: port, application: application)
            let city = try await admin.send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","region":"Southeast Asia","relationship":"mou_partner"}"#)
            #expect(city.status == 201)
            let cityID = try admin.id(of: city)
            let need = try await admin.send("POST", "/v1/needs", #"{"cityId":"\#(cityID)","titleEn":"Rooftop solar for schools","source":"inquiry"}"#)
            let company = try await admin.send("POST", "/v1/companies", #"{"nameEn":"Yokohama Green Energy","size":"sme"}"#)
            let event = try await admin.send("POST", "/v1/events", #"""
                {"kind":"seminar","titleEn":"Solar seminar","startsAt":"2027-06-01T01:00:00Z","endsAt":"2027-06-01T03:00:00Z","format":"online","onlineCapacity":50}
                """#)
            #expect(need.status == 201 && company.status == 201 && event.status == 201)
            try await admin.expectNoOpWrites("/v1/cities/\(cityID)", same: [#"{"nameEn":"Da Nang","region":"Southeast Asia"}"#, "{}"], changed: #"{"nameEn":"Da Nang City"}"#)
            try await admin.expectNoOpWrites(
                "/v1/needs/\(try admin.id(of: need))", same: [#"{"titleEn":"Rooftop solar for schools","status":"open"}"#, "{}"], changed: #"{"status":"in_progress"}"#)
            try await admin.expectNoOpWrites(
                "/v1/companies/\(try admin.id(of: company))", same: [#"{"nameEn":"Yokohama Green Energy","size":"sme"}"#, "{}"], changed: #"{"size":"large"}"#)
            try await admin.expectNoOpWrites(
                "/v1/events/\(try admin.id(of: event))", same: [#"{"titleEn":"Solar seminar","onlineCapacity":50}"#, "{}"], changed: #"{"onlineCapacity":60}"#)
        }
    }

    @Test("a user and a notification endpoint keep their ETag and audit trail on a PATCH of their own values; a change still writes")
    func noOpPatchesOfAccountsAndEndpoints() async throws {
        try await withTestServer { port, application in
            let admin = try await Admin(port: port, application: application)
            let user = try await admin.createUser("noop@example.jp")
            let endpoint = try await admin.send("POST", "/v1/notification-endpoints", #"""
                {"channel":"webhook","name":"crm","url":"https://crm.example.jp/hook","events":["lead_stage_changed"]}
                """#)
            #expect(user.status == 201 && endpoint.status == 201, "\(user.text) \(endpoint.text)")
            try await admin.expectNoOpWrites(
                "/v1/users/\(try admin.id(of: user))", same: [#"{"disabled":false}"#, #"{"role":"coordinator"}"#, #"{"disabled":false,"role":"coordinator"}"#],
                changed: #"{"disabled":true}"#)
            let endpointID = try admin.id(of: endpoint, in: "endpoint")
            try await admin.expectNoOpWrites(
                "/v1/notification-endpoints/\(endpointID)",
                same: [#"{"name":"crm","url":"https://crm.example.jp/hook","events":["lead_stage_changed"],"enabled":true}"#, "{}"],
                changed: #"{"url":"https://crm.example.jp/other-hook"}"#)
            let urlChanges: Int = try await application.pool.query("""
                SELECT count(*)::int FROM audit_log WHERE action = 'notification_endpoint.url_change' AND entity_id = lower(\(endpointID))
                """)[0].decode(column: 0)
            #expect(urlChanges == 1, "a new URL masked alike (same host, same last four characters) is audited all the same")
        }
    }

    @Test("a notification endpoint PATCH that resends its channel or its events in another order changes nothing; another channel is a 422")
    func endpointChannelAndEventsAsStored() async throws {
        try await withTestServer { port, application in
            let admin = try await Admin(port: port, application: application)
            let endpoint = try await admin.send("POST", "/v1/notification-endpoints", #"""
                {"channel":"slack","name":"domino-chat","url":"https://hooks.slack.example/T1/B2/XYZ9","events":["kpi_at_risk","lead_stage_changed"]}
                """#)
            #expect(endpoint.status == 201, "\(endpoint.text)")
            #expect(endpoint.text.contains(#""events":["lead_stage_changed","kpi_at_risk"]"#), "events are a set, answered in one order: \(endpoint.text)")
            let path = "/v1/notification-endpoints/\(try admin.id(of: endpoint, in: "endpoint"))"
            try await admin.expectNoOpWrites(
                path, same: [#"{"channel":"slack"}"#, #"{"events":["kpi_at_risk","lead_stage_changed"]}"#, #"{"events":["lead_stage_changed","kpi_at_risk"]}"#,
                             #"{"channel":"slack","name":"domino-chat","events":["kpi_at_risk","lead_stage_changed"],"enabled":true}"#],
                changed: #"{"events":["kpi_at_risk"]}"#)
            let moved = try await admin.send("PATCH", path, #"{"channel":"teams"}"#, ifMatch: "\"2\"")
            #expect(moved.status == 422 && moved.text.contains(#""field":"channel""#), "\(moved.text)")
            let repeated = try await admin.send("PATCH", path, #"{"events":["kpi_at_risk","kpi_at_risk"]}"#, ifMatch: "\"2\"")
            #expect(repeated.status == 422 && repeated.text.contains(#""field":"events""#), "\(repeated.text)")
        }
    }

    @Test("a PUT of a KPI target, the KPI settings, a university, a campus and a need decision as stored keeps the ETag and audit trail; a change still writes")
    func noOpPuts() async throws {
        try await withTestServer { port, application in
            let admin = try await Admin(port: port, application: application)
            let target = "/v1/kpi/targets/liaison_matches/2090"
            #expect(try await admin.send("PUT", target, #"{"target":40}"#).status == 201)
            try await admin.expectNoOpWrites(target, method: "PUT", same: [#"{"target":40}"#], changed: #"{"target":41}"#)
            let settings = try await admin.send("GET", "/v1/kpi/settings")
            #expect(settings.header("ETag") == "\"1\"", "\(settings.text)")
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(settings.body)) as? [String: Any])
            let current = String(decoding: try JSONSerialization.data(withJSONObject: fields.filter { $0.key != "version" && $0.key != "notes" }), as: UTF8.self)
            try await admin.expectNoOpWrites("/v1/kpi/settings", method: "PUT", same: [current, "{}"], changed: #"{"studentsRule":"per_fiscal_year"}"#)

            let university = "/v1/universities/minato_tech"
            #expect(try await admin.send("PUT", university, #"{"nameJa":"港湾工科大学","nameEn":"Minato Tech"}"#).status == 201)
            try await admin.expectNoOpWrites(university, method: "PUT", same: [#"{"nameJa":"港湾工科大学","nameEn":"Minato Tech","country":"JP"}"#, #"{"nameJa":"港湾工科大学","nameEn":"Minato Tech"}"#],
                                             changed: #"{"nameJa":"港湾工科大学","nameEn":"Minato Institute of Technology"}"#)
            let campus = "\(university)/campuses/minato_tech_bay"
            let campusBody = #"{"nameJa":"ベイ","nameEn":"Bay","municipality":"横浜市中区","inYokohama":true}"#
            #expect(try await admin.send("PUT", campus, campusBody).status == 201)
            try await admin.expectNoOpWrites(campus, method: "PUT", same: [campusBody], changed: #"{"nameJa":"ベイ","nameEn":"Bay","municipality":"横浜市西区","inYokohama":true}"#)

            let city = try await admin.send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#)
            let need = try await admin.send("POST", "/v1/needs", #"{"cityId":"\#(try admin.id(of: city))","titleEn":"Rooftop solar for schools","source":"inquiry"}"#)
            let company = try await admin.send("POST", "/v1/companies", #"{"nameEn":"Yokohama Green Energy","size":"sme"}"#)
            let decision = "/v1/needs/\(try admin.id(of: need))/decisions/\(try admin.id(of: company))"
            #expect(try await admin.send("PUT", decision, #"{"decision":"pinned","reason":"実績あり"}"#).status == 201)
            try await admin.expectNoOpWrites(decision, method: "PUT", same: [#"{"decision":"pinned","reason":"実績あり"}"#], changed: #"{"decision":"excluded","reason":"実績あり"}"#)
        }
    }

    @Test("a PATCH of a user that disables it and names a role it cannot take is one 422 that leaves the user enabled")
    func userPatchIsOneWrite() async throws {
        try await withTestServer { port, application in
            let admin = try await Admin(port: port, application: application)
            let created = try await admin.createUser("half@example.jp")
            let path = "/v1/users/\(try admin.id(of: created))"
            let refused = try await admin.send("PATCH", path, #"{"disabled":true,"role":"company"}"#, ifMatch: "\"1\"")
            #expect(refused.status == 422 && refused.text.contains("companyId"), "\(refused.text)")
            let after = try await admin.send("GET", path)
            #expect(after.header("ETag") == "\"1\"" && after.text.contains(#""disabled":false"#), "\(after.text)")
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
