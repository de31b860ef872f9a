import Accounts
import App
import Cities
import DomainKit
import Foundation
import HTTPServer
import TestSupport
import Testing

/// Generated from the one declaration of the access policy, the route table (`Application.policy`):
/// every route is called anonymously, with a session of every role, with an API key of every role
/// holding all the scopes its role may hold, and with a key holding only other scopes; each answer
/// must match the route's declared access. Adding a route adds its rows here automatically. The other
/// tests of this suite cover the rest of issue 17's items 1-7 over HTTP.
@Suite("Role × route authorization")
struct AuthorizationMatrixTests {
    private enum Caller: CustomStringConvertible {
        case session(Role), fullKey(Role), otherScopesKey(Role)
        var description: String {
            switch self {
            case .session(let role): "\(role) session"
            case .fullKey(let role): "\(role) key with its role's scopes"
            case .otherScopesKey(let role): "\(role) key without the route's scope"
            }
        }
    }

    @Test("every route answers 401, 403 or passes the gate exactly as its access rule says, for sessions and API keys alike")
    func matrix() async throws {
        try await withTestServer { port, application in
            // A liaison user must belong to a real base, or object-level rules rightly refuse it.
            let base = try await makeDaNang(application).bases[0]
            let policy = application.policy
            var sessions: [Role: String] = [:]
            var principals: [Role: Principal] = [:]
            var fullKeys: [Role: String] = [:]
            var otherScopesKeys: [String: String] = [:]
            for role in Role.allCases {
                let (session, principal) = try await application.token(for: role, liaisonBaseID: base.id)
                sessions[role] = session
                principals[role] = principal
                let scopes = policy.scopes(for: role)
                #expect(!scopes.isEmpty, "\(role) may hold no scope")
                fullKeys[role] = try await application.accounts.createAPIKey(principal, name: "all of \(role)", scopes: Array(scopes)).token
            }
            // Logout revokes the caller's session, so it runs last.
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
                func call(_ token: String?) async throws -> TestClient.Response {
                    var withToken = headers
                    withToken["Authorization"] = token.map { "Bearer \($0)" }
                    return try await TestClient.request(port: port, route.method.rawValue, target, headers: withToken, body: body)
                }
                let anonymous = try await call(nil)
                guard case .roles(let allowed, let scope) = route.access else {
                    #expect(anonymous.status != 401 && anonymous.status != 403, "\(route.operationID) anonymous got \(anonymous.status)")
                    continue
                }
                #expect(anonymous.status == 401, "\(route.operationID) anonymous got \(anonymous.status)")
                for role in Role.allCases {
                    // A key with every scope of its role but this route's (none when the role has no other).
                    let others = policy.scopes(for: role).subtracting(scope.map { [$0] } ?? [])
                    var callers: [(Caller, String)] = [(.session(role), sessions[role]!), (.fullKey(role), fullKeys[role]!)]
                    if let scope, !others.isEmpty {
                        let name = "\(role) without \(scope)"
                        if otherScopesKeys[name] == nil {
                            otherScopesKeys[name] = try await application.accounts.createAPIKey(
                                principals[role]!, name: String(name.prefix(100)), scopes: Array(others)).token
                        }
                        callers.append((.otherScopesKey(role), otherScopesKeys[name]!))
                    }
                    for (caller, token) in callers {
                        let response = try await call(token)
                        let admitted: Bool = switch caller {
                        case .session, .fullKey: allowed.contains(role)
                        case .otherScopesKey: false
                        }
                        if !admitted {
                            #expect(response.status == 403, "\(route.operationID) as \(caller) got \(response.status)")
                        } else if case .fullKey = caller, route.operationID == "logout" {
                            // A key does not log out (issue 17, item 2): a 403 that says so.
                            #expect(response.status == 403 && response.text.contains("DELETE /v1/api-keys"), "logout as \(caller)")
                        } else if case .fullKey = caller, route.operationID == "createApiKey" {
                            // A key does not mint keys; the empty body is refused first (APIKeyTests covers the rule).
                            #expect([403, 422].contains(response.status), "createApiKey as \(caller) got \(response.status)")
                        } else {
                            #expect(![401, 403].contains(response.status), "\(route.operationID) as \(caller) got \(response.status)")
                        }
                        #expect(response.status < 500, "\(route.operationID) as \(caller) got \(response.status): \(response.text)")
                        checked += 1
                    }
                }
            }
            #expect(checked >= 6 * 2 * 100)
        }
    }
}

/// Da Nang (`nameEn` "Da Nang", `nameJa` "ダナン") and liaison bases there named `bases`, made by a new admin.
func makeDaNang(_ application: Application, bases names: [String] = ["Da Nang office"]) async throws -> (cityID: UUID, bases: [LiaisonBase]) {
    let (_, admin) = try await application.token(for: .admin)
    let cities = CityService(pool: application.pool, clock: application.clock)
    let city = try await cities.createCity(
        CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", region: "Southeast Asia", relationship: .mouPartner), by: admin)
    var bases: [LiaisonBase] = []
    for name in names {
        bases.append(try await cities.createLiaisonBase(
            LiaisonBaseDraft(name: name, operatorName: "Yokohama engineering", cityId: city.id, kind: .companyLiaisonOffice), by: admin))
    }
    return (city.id, bases)
}
