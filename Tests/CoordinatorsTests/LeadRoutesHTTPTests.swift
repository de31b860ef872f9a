import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

@Suite("Coordinators routes over real HTTP")
struct LeadRoutesHTTPTests {
    /// A coordinator with a profile and a lead it owns, on the test server's database.
    func setUp(_ application: Application) async throws -> (token: String, lead: Lead, service: CoordinatorService) {
        let (_, admin) = try await application.token(for: .admin)
        let cities = CityService(pool: application.pool, clock: application.clock)
        let service = CoordinatorService(
            pool: application.pool, cities: cities, companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
        let city = try await cities.createCity(
            CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", region: "Southeast Asia", relationship: .mouPartner), by: admin)
        let (token, coordinator) = try await application.token(for: .coordinator)
        _ = try await service.createCoordinator(CoordinatorDraft(userId: coordinator.userID, displayName: "山田 太郎"), by: admin)
        let lead = try await service.createLead(
            LeadDraft(title: "ダナン 廃棄物発電", cityId: city.id, sourceChannel: .inquiry, estimatedValueYen: 900_000_000), by: coordinator)
        return (token, lead, service)
    }

    @Test("a transition needs If-Match (428), a stale one is 412, a forbidden move is 422 naming the allowed stages, and a good one returns the new ETag")
    func transitions() async throws {
        try await withTestServer { port, application in
            let (token, lead, _) = try await setUp(application)
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let path = "/v1/leads/\(lead.id)/transitions"
            let missing = try await TestClient.request(port: port, "POST", path, headers: headers, body: #"{"to":"qualified"}"#)
            #expect(missing.status == 428)
            headers["If-Match"] = "\"7\""
            let stale = try await TestClient.request(port: port, "POST", path, headers: headers, body: #"{"to":"qualified"}"#)
            #expect(stale.status == 412)
            headers["If-Match"] = "\"1\""
            let forbidden = try await TestClient.request(port: port, "POST", path, headers: headers, body: #"{"to":"won"}"#)
            #expect(forbidden.status == 422)
            #expect(forbidden.header("Content-Type") == "application/problem+json")
            #expect(forbidden.text.contains("qualified, lost, on_hold"))
            let moved = try await TestClient.request(port: port, "POST", path, headers: headers, body: #"{"to":"qualified","note":"面談済み"}"#)
            #expect(moved.status == 200)
            #expect(moved.header("ETag") == "\"2\"")
            #expect(moved.text.contains(#""stage":"qualified""#))
            let history = try await TestClient.request(port: port, "GET", "/v1/leads/\(lead.id)/history", headers: headers)
            #expect(history.status == 200)
            #expect(history.text.contains("面談済み"))
        }
    }

    @Test("a lead's activities come oldest first by default and newest first with order=newest, each order paged by its own cursor; another order is a 400 naming it")
    func activityOrder() async throws {
        try await withTestServer { port, application in
            let (token, lead, _) = try await setUp(application)
            _ = try await application.pool.query("""
                INSERT INTO lead_activities (lead_id, kind, occurred_on, notes, created_at)
                SELECT \(lead.id), 'call', date '2026-01-01', 'Call ' || g, timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, 5) g
                """)
            let headers = ["Authorization": "Bearer \(token)"]
            let path = "/v1/leads/\(lead.id)/activities"
            func notes(_ query: String) async throws -> (notes: [String], next: String?) {
                let response = try await TestClient.request(port: port, "GET", path + query, headers: headers)
                #expect(response.status == 200, "\(query)")
                let page = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                let items = page?["items"] as? [[String: Any]] ?? []
                return (items.compactMap { $0["notes"] as? String }, page?["nextCursor"] as? String)
            }
            #expect(try await notes("?limit=2").notes == ["Call 1", "Call 2"])
            let newest = try await notes("?order=newest&limit=2")
            #expect(newest.notes == ["Call 5", "Call 4"])
            let next = try #require(newest.next)
            #expect(try await notes("?order=newest&limit=2&cursor=\(next)").notes == ["Call 3", "Call 2"], "the cursor continues newest first")
            let bad = try await TestClient.request(port: port, "GET", path + "?order=latest", headers: headers)
            #expect(bad.status == 400 && bad.text.contains("order"))
            // polish25: a cursor keeps its order; sent with the other one it is refused, not read as a position in it.
            let oldest = try #require(try await notes("?limit=2").next)
            for query in ["?limit=2&cursor=\(next)", "?order=oldest&limit=2&cursor=\(next)", "?order=newest&limit=2&cursor=\(oldest)"] {
                let refused = try await TestClient.request(port: port, "GET", path + query, headers: headers)
                #expect(refused.status == 400 && refused.text.contains(#""field":"cursor""#), "\(query)")
            }
        }
    }

    @Test("a lead is not given to the profile of a disabled user (POST and PATCH: 422 on ownerCoordinatorId, nothing written); a lead whose owner was since disabled still saves its other fields")
    func disabledOwner() async throws {
        try await withTestServer { port, application in
            let (_, lead, service) = try await setUp(application)
            let (adminToken, admin) = try await application.token(for: .admin)
            let (_, leaving) = try await application.token(for: .coordinator)
            let profile = try await service.createCoordinator(CoordinatorDraft(userId: leaving.userID, displayName: "佐藤 花子"), by: admin)
            func disable(_ userID: UUID) async throws {
                let user = try await application.accounts.user(id: userID, actor: admin)
                _ = try await application.accounts.setDisabled(true, userID: userID, expectedVersion: user.version, actor: admin)
            }
            try await disable(leaving.userID)
            func leads() async throws -> Int { try await application.pool.query("SELECT count(*)::int AS n FROM leads")[0].decode("n") }
            let before = try await leads()
            let owner = profile.id.uuidString.lowercased()
            let created = try await TestClient.request(
                port: port, "POST", "/v1/leads", headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"],
                body: #"{"title":"ダナン 太陽光","cityId":"\#(lead.cityId.uuidString.lowercased())","sourceChannel":"inquiry","ownerCoordinatorId":"\#(owner)"}"#)
            #expect(created.status == 422 && created.text.contains(#""field":"ownerCoordinatorId""#) && created.text.contains("disabled user"))
            #expect(try await leads() == before, "no lead made")

            let patch = ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/merge-patch+json", "If-Match": "\"\(lead.version)\""]
            let path = "/v1/leads/\(lead.id.uuidString.lowercased())"
            let moved = try await TestClient.request(port: port, "PATCH", path, headers: patch, body: #"{"ownerCoordinatorId":"\#(owner)","title":"改題"}"#)
            #expect(moved.status == 422 && moved.text.contains(#""field":"ownerCoordinatorId""#) && moved.text.contains("disabled user"))
            let kept = try await service.lead(lead.id, by: admin)
            #expect(kept.ownerCoordinatorId == lead.ownerCoordinatorId && kept.title == lead.title && kept.version == lead.version, "nothing written")

            // The lead's own owner disabled since: an edit that leaves the owner alone saves.
            let coordinator = try await service.coordinator(lead.ownerCoordinatorId, by: admin)
            try await disable(coordinator.userId)
            let saved = try await TestClient.request(
                port: port, "PATCH", path, headers: patch, body: #"{"ownerCoordinatorId":"\#(lead.ownerCoordinatorId.uuidString.lowercased())","title":"改題"}"#)
            #expect(saved.status == 200)
            let edited = try await service.lead(lead.id, by: admin)
            #expect(edited.title == "改題" && edited.ownerCoordinatorId == lead.ownerCoordinatorId)
        }
    }

    @Test("a company user gets 403 on leads; a liaison user of another base gets 404 for a lead; an unknown pipeline grouping is 400")
    func access() async throws {
        try await withTestServer { port, application in
            let (_, lead, _) = try await setUp(application)
            let (company, _) = try await application.token(for: .company)
            let companyList = try await TestClient.request(port: port, "GET", "/v1/leads", headers: ["Authorization": "Bearer \(company)"])
            #expect(companyList.status == 403)
            let (liaison, _) = try await application.token(for: .liaison)
            let hidden = try await TestClient.request(port: port, "GET", "/v1/leads/\(lead.id)", headers: ["Authorization": "Bearer \(liaison)"])
            #expect(hidden.status == 404)
            let list = try await TestClient.request(port: port, "GET", "/v1/leads", headers: ["Authorization": "Bearer \(liaison)"])
            #expect(list.status == 200)
            #expect(!list.text.contains(lead.id.uuidString.lowercased()))
            let (viewer, _) = try await application.token(for: .viewer)
            let pipeline = try await TestClient.request(
                port: port, "GET", "/v1/leads/pipeline?by=stage", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(pipeline.status == 200)
            #expect(pipeline.text.contains(#"{"count":1,"key":"lead","valueYen":900000000}"#))
            let bad = try await TestClient.request(port: port, "GET", "/v1/leads/pipeline?by=mood", headers: ["Authorization": "Bearer \(viewer)"])
            #expect(bad.status == 400)
            #expect(bad.text.contains(#""field":"by""#))
        }
    }
}

@Suite("Coordinator profiles and knowledge notes over real HTTP")
struct CoordinatorRoutesHTTPTests {
    @Test("an admin POSTs a profile (201 with ETag), an organizer lists it but the council may not, and a percent-encoded 廃棄物発電 finds an English note")
    func profilesAndNotes() async throws {
        try await withTestServer { port, application in
            let (adminToken, _) = try await application.token(for: .admin)
            let (coordinatorToken, coordinator) = try await application.token(for: .coordinator)
            let admin = ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"]
            let body = #"{"userId":"\#(coordinator.userID)","displayName":"山田 太郎","expertiseCodes":["waste_to_energy"],"countries":["VN"]}"#
            let created = try await TestClient.request(port: port, "POST", "/v1/coordinators", headers: admin, body: body)
            #expect(created.status == 201)
            #expect(created.header("ETag") == "\"1\"")
            #expect(created.text.contains("山田 太郎"))
            let (viewerToken, _) = try await application.token(for: .viewer)
            let (organizerToken, _) = try await application.token(for: .organizer)
            let listed = try await TestClient.request(
                port: port, "GET", "/v1/coordinators?taxonomyCode=waste&country=VN", headers: ["Authorization": "Bearer \(organizerToken)"])
            #expect(listed.status == 200)
            #expect(listed.text.contains("山田 太郎"))
            let council = try await TestClient.request(port: port, "GET", "/v1/coordinators", headers: ["Authorization": "Bearer \(viewerToken)"])
            #expect(council.status == 403)
            let badCountry = try await TestClient.request(
                port: port, "GET", "/v1/coordinators?country=vn", headers: ["Authorization": "Bearer \(organizerToken)"])
            #expect(badCountry.status == 400)

            let coordinatorHeaders = ["Authorization": "Bearer \(coordinatorToken)", "Content-Type": "application/json"]
            let note = #"{"titleEn":"Stoker furnaces and wet refuse","taxonomyCodes":["waste_to_energy"],"countries":["VN"]}"#
            #expect(try await TestClient.request(port: port, "POST", "/v1/knowledge-notes", headers: coordinatorHeaders, body: note).status == 201)
            let query = "廃棄物発電".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try await TestClient.request(port: port, "GET", "/v1/knowledge-notes?q=\(query)", headers: coordinatorHeaders)
            #expect(found.status == 200)
            #expect(found.text.contains("Stoker furnaces"))
            let viewerNotes = try await TestClient.request(port: port, "GET", "/v1/knowledge-notes", headers: ["Authorization": "Bearer \(viewerToken)"])
            #expect(viewerNotes.status == 403)
        }
    }
}
