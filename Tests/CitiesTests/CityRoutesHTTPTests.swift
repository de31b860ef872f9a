import App
import Cities
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// What works over HTTP before Accounts lands: authentication is refused before any handler runs, and
/// routing answers 404/405. Authenticated behaviour is covered at the service layer.
@Suite("Cities routes over real HTTP")
struct CityRoutesHTTPTests {
    @Test("every Cities route answers 401 problem+json without a bearer token")
    func unauthenticated() async throws {
        try await withTestServer { port, _ in
            let id = UUID().uuidString
            let requests: [(String, String)] = [
                ("GET", "/v1/cities"), ("POST", "/v1/cities"), ("GET", "/v1/cities/\(id)"), ("PATCH", "/v1/cities/\(id)"),
                ("GET", "/v1/cities/\(id)/policy-dialogues"), ("GET", "/v1/cities/\(id)/local-partners"),
                ("PATCH", "/v1/local-partners/\(id)"), ("GET", "/v1/liaison-bases"), ("GET", "/v1/needs?q=%E5%BB%83"),
                ("POST", "/v1/needs"), ("PATCH", "/v1/needs/\(id)"), ("GET", "/v1/taxonomy"),
            ]
            for (method, path) in requests {
                let response = try await TestClient.request(port: port, method, path)
                #expect(response.status == 401, "\(method) \(path)")
                #expect(response.header("Content-Type") == "application/problem+json")
            }
        }
    }

    @Test("a method a Cities path lacks is 405 with Allow; an unknown path is 404")
    func routing() async throws {
        try await withTestServer { port, _ in
            let deleted = try await TestClient.request(port: port, "DELETE", "/v1/needs/\(UUID().uuidString)")
            #expect(deleted.status == 405)
            #expect(deleted.header("Allow") == "GET, PATCH, HEAD")
            #expect(try await TestClient.request(port: port, "GET", "/v1/local-partners").status == 404)
        }
    }
}

@Suite("Cities demo data")
struct CityDemoDataTests {
    @Test("loading the demo data twice leaves one copy, and 廃棄物発電 finds both waste-to-energy needs")
    func idempotent() async throws {
        let pool = try await TestDatabase.fresh()
        try await CityDemoData.load(pool: pool)
        try await CityDemoData.load(pool: pool)
        let service = CityService(pool: pool)
        let admin = Principal(userID: UUID(), role: .admin)
        #expect(try await service.cities(CityFilter(), page: PageRequest(), by: admin).items.count == 9)
        #expect(try await service.liaisonBases(LiaisonBaseFilter(), page: PageRequest(), by: admin).items.count == 6)
        #expect(try await service.needs(CityNeedFilter(), page: PageRequest(), by: admin).items.count == 10)
        let found = try await service.needs(CityNeedFilter(text: "廃棄物発電"), page: PageRequest(), by: admin).items
        #expect(found.count == 2)
        let mou = try await service.cities(CityFilter(relationship: .mouPartner), page: PageRequest(), by: admin).items
        #expect(Set(mou.map(\.nameEn)) == ["Cebu City", "Da Nang", "Bangkok"])
    }

    @Test("a write over HTTP leaves trigger-written audit rows naming the actor and the request id")
    func auditNamesTheRequest() async throws {
        try await withTestServer { port, application in
            let (token, admin) = try await application.token(for: .admin)
            let created = try await TestClient.request(
                port: port, "POST", "/v1/cities",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "X-Request-Id": "req-audit-12"],
                body: #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","region":"Southeast Asia","relationship":"mou_partner"}"#)
            #expect(created.status == 201)
            let rows = try await application.pool.query("""
                SELECT actor_user_id, request_id FROM audit_log WHERE entity = 'overseas_cities' ORDER BY id
                """)
            #expect(rows.count == 1)
            #expect(try rows.first?.decode("actor_user_id", as: UUID?.self) == admin.userID)
            #expect(try rows.first?.decode("request_id", as: String?.self) == "req-audit-12")
        }
    }
}
