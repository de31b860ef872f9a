import App
import Cities
import DomainKit
import Foundation
import HTTPServer
import TestSupport
import Testing

/// Generated from the route table: every route is called anonymously and as every role, and the
/// answer must match the route's declared access. Adding a route adds its rows here automatically.
@Suite("Role × route authorization")
struct AuthorizationMatrixTests {
    @Test("every route answers 401, 403 or passes the gate exactly as its access rule says")
    func matrix() async throws {
        try await withTestServer { port, application in
            // A liaison user must belong to a real base, or object-level rules rightly refuse it.
            let (_, admin) = try await application.token(for: .admin)
            let cities = CityService(pool: application.pool)
            let city = try await cities.createCity(
                CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", region: "Southeast Asia", relationship: .mouPartner), by: admin)
            let base = try await cities.createLiaisonBase(
                LiaisonBaseDraft(name: "Da Nang office", operatorName: "Yokohama engineering", cityId: city.id, kind: .companyLiaisonOffice),
                by: admin)
            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await application.token(for: role, liaisonBaseID: base.id).token }
            // Logout revokes the caller's token, so it runs last.
            let routes = application.routes.sorted { lhs, _ in lhs.operationID != "logout" }
            var checked = 0
            for route in routes {
                let path = route.template.segments.map { segment -> String in
                    switch segment {
                    case .literal(let text): text
                    case .parameter: UUID().uuidString.lowercased()
                    }
                }.joined(separator: "/")
                let target = "/" + path
                let body = [.post, .put, .patch].contains(route.method) ? "{}" : ""
                let headers = body.isEmpty ? [:] : ["Content-Type": "application/json"]
                let anonymous = try await TestClient.request(port: port, route.method.rawValue, target, headers: headers, body: body)
                switch route.access {
                case .anonymous:
                    #expect(anonymous.status != 401 && anonymous.status != 403, "\(route.operationID) anonymous got \(anonymous.status)")
                case .roles(let allowed, _):
                    #expect(anonymous.status == 401, "\(route.operationID) anonymous got \(anonymous.status)")
                    for role in Role.allCases {
                        var withToken = headers
                        withToken["Authorization"] = "Bearer \(tokens[role]!)"
                        let response = try await TestClient.request(port: port, route.method.rawValue, target, headers: withToken, body: body)
                        if allowed.contains(role) {
                            #expect(![401, 403].contains(response.status) || route.operationID == "createApiKey",
                                    "\(route.operationID) as \(role) got \(response.status)")
                        } else {
                            #expect(response.status == 403, "\(route.operationID) as \(role) got \(response.status)")
                        }
                        #expect(response.status < 500, "\(route.operationID) as \(role) got \(response.status): \(response.text)")
                        checked += 1
                    }
                }
            }
            #expect(checked >= 6 * 10)
        }
    }
}
