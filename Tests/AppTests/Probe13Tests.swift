import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// What probing last session's changes from outside found (probe13), each over HTTP.
@Suite("probe13's fixes")
struct Probe13Tests {
    @Test("a notification endpoint's URL rewritten in another Unicode form is stored as sent and audited as a URL change")
    func endpointURLInAnotherUnicodeForm() async throws {
        try await withTestServer { port, application in
            let admin = try await NoOpPatchTests.Admin(port: port, application: application)
            let created = try await admin.send("POST", "/v1/notification-endpoints", #"""
                {"channel":"webhook","name":"crm","url":"https://crm.example.jp/caf\u00e9","events":["lead_stage_changed"]}
                """#)
            #expect(created.status == 201, "\(created.text)")
            let id = try admin.id(of: created, in: "endpoint")
            // Swift's == holds café precomposed and cafe + U+0301 equal; the URL a delivery is sent to is not.
            let patched = try await admin.send("PATCH", "/v1/notification-endpoints/\(id)", #"{"url":"https://crm.example.jp/cafe\u0301"}"#, ifMatch: "\"1\"")
            #expect(patched.status == 200 && patched.header("ETag") == "\"2\"", "\(patched.text)")
            let endpointID = try #require(UUID(uuidString: id))
            let stored: String = try await application.pool.query("""
                SELECT pgp_sym_decrypt(url_encrypted, \(AppConfiguration.developmentSecretsKey)) AS url FROM notification_endpoints WHERE id = \(endpointID)
                """)[0].decode("url")
            #expect(Array(stored.unicodeScalars) == Array("https://crm.example.jp/cafe\u{301}".unicodeScalars), "the URL the answer's new version stands for")
            let urlChanges: Int = try await application.pool.query("""
                SELECT count(*)::int FROM audit_log WHERE action = 'notification_endpoint.url_change' AND entity_id = lower(\(id))
                """)[0].decode(column: 0)
            #expect(urlChanges == 1)
        }
    }

    @Test("a user's PATCH naming a company or liaison base without a role is a 422 that changes nothing, not a 200 that ignored it")
    func bindingWithoutRoleIsRefused() async throws {
        try await withTestServer { port, application in
            let admin = try await NoOpPatchTests.Admin(port: port, application: application)
            let created = try await admin.createUser("bound@example.jp")
            let path = "/v1/users/\(try admin.id(of: created))"
            let before = try await admin.auditRows()
            for body in [#"{"companyId":"\#(UUID())"}"#, #"{"disabled":true,"liaisonBaseId":"\#(UUID())"}"#] {
                let refused = try await admin.send("PATCH", path, body, ifMatch: "\"1\"")
                #expect(refused.status == 422 && refused.text.contains("role"), "\(body): \(refused.text)")
            }
            let after = try await admin.send("GET", path)
            #expect(after.header("ETag") == "\"1\"" && after.text.contains(#""disabled":false"#), "\(after.text)")
            #expect(try await admin.auditRows() == before)
        }
    }

    @Test("DOMINO_PUBLIC_URL's host is labels of letters, digits and inner hyphens: a host of dots or hyphens, or with an empty label, stops start-up")
    func publicURLHostHasLabels() throws {
        for refused in ["https://.", "https://-", "https://...", "https://domino..example.jp", "https://.example.jp", "https://-domino.example.jp", "https://domino-.example.jp:8443"] {
            let error = #expect(throws: ConfigurationError.self, "\(refused)") { try AppConfiguration(environment: ["DOMINO_PUBLIC_URL": refused]) }
            #expect(error?.variable == "DOMINO_PUBLIC_URL", "\(refused)")
        }
        for kept in ["https://domino-yokohama.example.jp", "http://127.0.0.1:8080", "http://localhost:8080", "https://xn--eckwd4c7c.jp"] {
            #expect(try AppConfiguration(environment: ["DOMINO_PUBLIC_URL": kept]).publicURL == kept)
        }
    }

    @Test("an API key asking for a scope no route has is told the scope does not exist, not that the role may not have it")
    func unknownScopeIsNamedSo() async throws {
        try await withTestServer { port, application in
            let admin = try await NoOpPatchTests.Admin(port: port, application: application)
            let refused = try await admin.send("POST", "/v1/api-keys", #"{"name":"dashboard","scopes":["events:read","kpi:read"]}"#)
            #expect(refused.status == 422 && refused.text.contains("events:read is not a scope of this API"), "\(refused.text)")
            #expect(!refused.text.contains("beyond what the admin role"), "an administrator may have every scope there is")
        }
    }
}
