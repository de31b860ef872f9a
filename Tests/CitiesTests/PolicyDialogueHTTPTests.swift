import App
import Cities
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// Correcting a policy dialogue over real HTTP: the roles that record one correct it, with the version
/// they read; a stale version, a refused role and a bad field each change nothing.
@Suite("Policy dialogue corrections over real HTTP")
struct PolicyDialogueHTTPTests {
    @Test("a coordinator corrects a dialogue with If-Match; stale is 412, the council and an organizer 403, a bad field or the city 422")
    func correct() async throws {
        try await withTestServer { port, application in
            let (coordinator, _) = try await application.token(for: .coordinator)
            let (viewer, _) = try await application.token(for: .viewer)
            let (organizer, _) = try await application.token(for: .organizer)
            func headers(_ token: String, _ extra: [String: String] = [:]) -> [String: String] {
                ["Authorization": "Bearer \(token)", "Content-Type": "application/json"].merging(extra) { $1 }
            }
            let city = #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#
            let created = try await TestClient.request(port: port, "POST", "/v1/cities", headers: headers(coordinator), body: city)
            let cityText = try JSONDecoder().decode(Created.self, from: Data(created.body)).id
            let recorded = try await TestClient.request(
                port: port, "POST", "/v1/cities/\(cityText)/policy-dialogues", headers: headers(coordinator),
                body: #"{"heldOn":"2024-02-01","participants":["Da Nang People's Committee"],"topics":["waste-to-energy"]}"#)
            #expect(recorded.status == 201)
            let id = try JSONDecoder().decode(Created.self, from: Data(recorded.body)).id
            let path = "/v1/policy-dialogues/\(id)"

            // The council reads it (with its version); a role that may not list dialogues does not.
            let read = try await TestClient.request(port: port, "GET", path, headers: headers(viewer))
            #expect(read.status == 200 && read.header("ETag") == "\"1\"")
            #expect(try await TestClient.request(port: port, "GET", path, headers: headers(organizer)).status == 403)
            #expect(try await TestClient.request(port: port, "GET", "/v1/policy-dialogues/\(UUID())", headers: headers(viewer)).status == 404)

            let patch = #"{"outcomes":"Agreed to draft a roadmap by March.","topics":["waste-to-energy","landfill gas"]}"#
            for token in [viewer, organizer] {
                let refused = try await TestClient.request(port: port, "PATCH", path, headers: headers(token, ["If-Match": "\"1\""]), body: patch)
                #expect(refused.status == 403)
            }
            #expect(try await TestClient.request(port: port, "PATCH", path, headers: headers(coordinator), body: patch).status == 428)
            for (body, field) in [(#"{"heldOn":"2024-02-30"}"#, "heldOn"), (#"{"cityId":"\#(UUID())"}"#, "cityId"), (#"{"heldOn":null}"#, "heldOn")] {
                let bad = try await TestClient.request(port: port, "PATCH", path, headers: headers(coordinator, ["If-Match": "\"1\""]), body: body)
                #expect(bad.status == 422, "\(body)")
                #expect(try JSONDecoder().decode(Problem.self, from: Data(bad.body)).errors?.map(\.field) == [field], "\(body)")
            }

            let corrected = try await TestClient.request(port: port, "PATCH", path, headers: headers(coordinator, ["If-Match": "\"1\""]), body: patch)
            #expect(corrected.status == 200 && corrected.header("ETag") == "\"2\"")
            let stale = try await TestClient.request(
                port: port, "PATCH", path, headers: headers(coordinator, ["If-Match": "\"1\""]), body: #"{"outcomes":"Overwritten"}"#)
            #expect(stale.status == 412)

            let stored = try await CityService(pool: application.pool, clock: application.clock).policyDialogue(
                try #require(UUID(uuidString: id)), by: Principal(userID: UUID(), role: .admin))
            #expect(stored.version == 2 && stored.outcomes == "Agreed to draft a roadmap by March.")
            #expect(stored.topics == ["waste-to-energy", "landfill gas"] && stored.participants == ["Da Nang People's Committee"])
            #expect(stored.cityID.uuidString.lowercased() == cityText.lowercased())
        }
    }

    struct Created: Decodable { let id: String }
}
