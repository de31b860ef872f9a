import Accounts
import DomainKit
import Foundation
import Testing

@Suite("Model JSON")
struct ModelCodingTests {
    @Test("users and issued tokens serialise with camelCase keys and nothing secret but the token itself")
    func camelCaseKeys() async throws {
        let fixture = try await AccountsFixture()
        let user = try await fixture.makeUser(role: .liaison, liaisonBaseID: UUIDs.base)
        let userJSON = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(user)) as? [String: Any]
        #expect(Set(userJSON?.keys.map { $0 } ?? []) == [
            "id", "email", "displayName", "role", "liaisonBaseId", "disabled", "version", "createdAt", "updatedAt",
        ])
        let issued = try await fixture.service.createAPIKey(fixture.principal(of: user), name: "sync", scopes: [Scope("needs:read")!])
        let tokenJSON = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(issued)) as? [String: Any]
        #expect(Set(tokenJSON?.keys.map { $0 } ?? []) == ["token", "kind", "id", "userId", "name", "scopes"])
        #expect(tokenJSON?["kind"] as? String == "api_key")
        #expect(tokenJSON?["scopes"] as? [String] == ["needs:read"])
    }
}
