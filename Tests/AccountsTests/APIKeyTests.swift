import Accounts
import DomainKit
import Foundation
import Postgres
import Testing

@Suite("API keys")
struct APIKeyTests {
    @Test("a key's scopes cannot exceed its owner's role")
    func scopesWithinRole() async throws {
        let fixture = try await AccountsFixture()
        let viewer = try await fixture.makeUser(role: .viewer)
        let error = await #expect(throws: AccountsError.self) {
            try await fixture.service.createAPIKey(
                fixture.principal(of: viewer), name: "council dashboard", scopes: [Scope("kpi:read")!, Scope("companies:write")!, Scope("kpi:write")!])
        }
        #expect(error?.problem.status == 422)
        #expect(error?.problem.errors == [
            FieldError(field: "scopes", message: "companies:write is beyond what the viewer role may do"),
            FieldError(field: "scopes", message: "kpi:write is beyond what the viewer role may do"),
        ])
        let noScopes = await #expect(throws: AccountsError.self) {
            try await fixture.service.createAPIKey(fixture.principal(of: viewer), name: " ", scopes: [])
        }
        #expect(Set(noScopes?.problem.errors?.map(\.field) ?? []) == ["name", "scopes"])
    }

    @Test("a key lists at most 50 scopes, as every list of the API: the 51st is a 422 on scopes and no key is made")
    func scopeCountLimit() async throws {
        let fixture = try await AccountsFixture()
        let viewer = fixture.principal(of: try await fixture.makeUser(role: .viewer))
        let error = await #expect(throws: AccountsError.self) {
            try await fixture.service.createAPIKey(viewer, name: "too many", scopes: Array(repeating: Scope("kpi:read")!, count: 51))
        }
        #expect(error?.problem.status == 422 && error?.problem.errors == [FieldError(field: "scopes", message: "must have at most 50 items")])
        #expect(try await fixture.service.listAPIKeys(viewer).isEmpty)
        let fifty = try await fixture.service.createAPIKey(viewer, name: "fifty", scopes: Array(repeating: Scope("kpi:read")!, count: 50))
        #expect(fifty.scopes == [Scope("kpi:read")!])
    }

    @Test("a key authenticates with its scopes, is listed without its secret, and stops when revoked")
    func lifecycle() async throws {
        let fixture = try await AccountsFixture()
        let liaison = try await fixture.makeUser(role: .liaison, liaisonBaseID: UUIDs.base)
        let owner = fixture.principal(of: liaison)
        let scopes: Set<Scope> = [Scope("needs:write")!, Scope("cities:read")!]
        let issued = try await fixture.service.createAPIKey(owner, name: "Da Nang office sync", scopes: Array(scopes))
        #expect(issued.token.hasPrefix("dmk_") && issued.kind == .apiKey && issued.expiresAt == nil)

        let principal = try #require(try await fixture.service.authenticate(token: issued.token))
        #expect(principal == Principal(userID: liaison.id, role: .liaison, liaisonBaseID: UUIDs.base, scopes: scopes))
        #expect(principal.allows(Scope("needs:write")!) && !principal.allows(Scope("partners:write")!))

        let listed = try await fixture.service.listAPIKeys(owner)
        #expect(listed.map(\.id) == [issued.id] && listed[0].name == "Da Nang office sync")
        #expect(listed[0].scopes == scopes.sorted())
        let json = String(decoding: try JSONEncoder().encode(listed), as: UTF8.self)
        #expect(!json.contains(issued.token.dropFirst(4)))

        let other = try await fixture.makeUser(role: .liaison, liaisonBaseID: UUIDs.base)
        let foreign = await #expect(throws: AccountsError.self) {
            try await fixture.service.revokeAPIKey(id: issued.id, principal: fixture.principal(of: other))
        }
        #expect(foreign?.problem.status == 404)

        try await fixture.service.revokeAPIKey(id: issued.id, principal: owner)
        #expect(try await fixture.service.authenticate(token: issued.token) == nil)
        #expect(try await fixture.service.listAPIKeys(owner).isEmpty)
    }

    /// Found probing dates (2026-12-04): `"expiresAt":"9999-12-31T23:59:59Z"` was a 422 saying the text held a NUL
    /// character; the timestamp encoder stopped in the year 9892.
    @Test("a key may expire at 9999-12-31T23:59:59Z, and works until then")
    func farExpiry() async throws {
        let fixture = try await AccountsFixture()
        let owner = fixture.principal(of: try await fixture.makeUser(role: .viewer))
        let never = Date(timeIntervalSince1970: 253_402_300_799)
        let issued = try await fixture.service.createAPIKey(owner, name: "council board", scopes: [Scope("kpi:read")!], expiresAt: never)
        #expect(issued.expiresAt == never)
        #expect(try await fixture.service.authenticate(token: issued.token) != nil)
        #expect(try await fixture.service.listAPIKeys(owner).map(\.expiresAt) == [never])
    }

    @Test("a key cannot create another key")
    func keysCannotMintKeys() async throws {
        let fixture = try await AccountsFixture()
        let issued = try await fixture.service.createAPIKey(fixture.admin, name: "ops", scopes: [Scope("users:write")!])
        let viaKey = try #require(try await fixture.service.authenticate(token: issued.token))
        let error = await #expect(throws: AccountsError.self) {
            try await fixture.service.createAPIKey(viaKey, name: "second", scopes: [Scope("users:write")!])
        }
        #expect(error?.problem.status == 403)
    }

    @Test("a key keeps only what its owner's current role allows")
    func demotionShrinksKeys() async throws {
        let fixture = try await AccountsFixture()
        let user = try await fixture.makeUser(role: .coordinator)
        let issued = try await fixture.service.createAPIKey(
            fixture.principal(of: user), name: "reports", scopes: [Scope("kpi:read")!, Scope("leads:write")!])
        _ = try await fixture.service.changeRole(.viewer, userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        let principal = try #require(try await fixture.service.authenticate(token: issued.token))
        #expect(principal.role == .viewer && principal.scopes == [Scope("kpi:read")!])
    }
}
