import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Notifications' constraint table over real HTTP")
struct NotificationConstraintFieldHTTPTests {
    @Test("a second endpoint with a name in use, in any case, is a 409 naming name, on create and on rename; nothing changes")
    func uniqueName() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            func create(_ name: String) async throws -> TestClient.Response {
                try await TestClient.request(
                    port: port, "POST", "/v1/notification-endpoints", headers: headers,
                    body: ##"{"channel":"slack","name":"\##(name)","url":"https://hooks.slack.com/services/T0/B0/xyz","events":["kpi_at_risk"]}"##)
            }
            let expected = [FieldError(field: "name", message: "is already the name of another endpoint")]
            #expect(try await create("#domino-coordinators").status == 201)

            // notification_endpoints_name: the same name in other letters' case.
            let twice = try await create("#Domino-Coordinators")
            #expect(twice.status == 409)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(twice.body)).errors == expected)

            let other = try await create("#kpi")
            #expect(other.status == 201)
            struct Created: Decodable { struct Endpoint: Decodable { let id: UUID }; let endpoint: Endpoint }
            let id = try JSONDecoder().decode(Created.self, from: Data(other.body)).endpoint.id
            headers["If-Match"] = "\"1\""
            let renamed = try await TestClient.request(
                port: port, "PATCH", "/v1/notification-endpoints/\(id)", headers: headers, body: ##"{"name":"#DOMINO-coordinators"}"##)
            #expect(renamed.status == 409)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(renamed.body)).errors == expected)
            let names = try await application.pool.query("SELECT name FROM notification_endpoints ORDER BY name").map { try $0.decode("name", as: String.self) }
            #expect(names == ["#domino-coordinators", "#kpi"])
        }
    }
}
