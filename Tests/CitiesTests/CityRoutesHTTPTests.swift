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
                ("PATCH", "/v1/local-partners/\(id)"), ("GET", "/v1/policy-dialogues/\(id)"), ("PATCH", "/v1/policy-dialogues/\(id)"),
                ("GET", "/v1/liaison-bases"), ("GET", "/v1/needs?q=%E5%BB%83"),
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
        let service = CityService(pool: pool, clock: .test)
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

@Suite("Constraint violations name their field")
struct ConstraintFieldHTTPTests {
    @Test("a unique violation is a 409 and a foreign-key violation a 422, each naming the field from the module's constraint table")
    func namedFields() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let city = #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#
            #expect(try await TestClient.request(port: port, "POST", "/v1/cities", headers: headers, body: city).status == 201)

            // overseas_cities_country_name_en_key: the same English name in the same country.
            let twice = try await TestClient.request(port: port, "POST", "/v1/cities", headers: headers, body: city)
            #expect(twice.status == 409)
            let conflict = try JSONDecoder().decode(Problem.self, from: Data(twice.body))
            #expect(conflict.errors?.map(\.field) == ["nameEn"])

            // liaison_bases_company_id_fkey: a company that does not exist.
            let cityID = try await application.pool.query("SELECT id FROM overseas_cities")[0].decode("id", as: UUID.self)
            let base = """
                {"name":"Da Nang desk","operatorName":"Minato Engineering","cityId":"\(cityID.uuidString)",
                 "kind":"company_liaison_office","companyId":"\(UUID().uuidString)"}
                """
            let unknown = try await TestClient.request(port: port, "POST", "/v1/liaison-bases", headers: headers, body: base)
            #expect(unknown.status == 422)
            let invalid = try JSONDecoder().decode(Problem.self, from: Data(unknown.body))
            #expect(invalid.errors?.map(\.field) == ["companyId"])
            #expect(try await application.pool.query("SELECT count(*) AS n FROM liaison_bases")[0].decode("n", as: Int.self) == 0)
        }
    }
}
