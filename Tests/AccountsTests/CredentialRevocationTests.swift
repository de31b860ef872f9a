import Accounts
import DomainKit
import Foundation
import Postgres
import Testing

@Suite("Credential revocation on password reset, change and logout")
struct CredentialRevocationTests {
    static let password = "みなとみらい21の風が心地よい"

    /// A user with two sessions and two API keys (one already revoked, so it is not counted again).
    private func userWithCredentials(_ fixture: AccountsFixture) async throws -> (User, [String]) {
        let user = try await fixture.makeUser(role: .coordinator)
        let first = try await fixture.service.login(email: user.email, password: Self.password, clientAddress: "192.0.2.1")
        let second = try await fixture.service.login(email: user.email, password: Self.password, clientAddress: "192.0.2.2")
        let owner = fixture.principal(of: user)
        let key = try await fixture.service.createAPIKey(owner, name: "CRM sync", scopes: [Scope("leads:read")!])
        let revoked = try await fixture.service.createAPIKey(owner, name: "old", scopes: [Scope("leads:read")!])
        try await fixture.service.revokeAPIKey(id: revoked.id, principal: owner)
        return (user, [first.token, second.token, key.token])
    }

    @Test("an admin password reset revokes every session and API key of the user and says how many")
    func resetRevokesEverything() async throws {
        let fixture = try await AccountsFixture()
        let (user, tokens) = try await userWithCredentials(fixture)
        let reset = try await fixture.service.resetPassword(
            "象の鼻パークで会いましょう", userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        #expect(reset.revokedSessions == 2 && reset.revokedApiKeys == 1)
        #expect(reset.user.version == user.version + 1)
        for token in tokens { #expect(try await fixture.service.authenticate(token: token) == nil) }
        let audit = try await fixture.service.auditLog(filter: AuditFilter(action: "user.reset_password"), actor: fixture.admin)
        #expect(audit.items.first?.changes["revokedApiKeys"] == "1")
    }

    @Test("a password change revokes every session and key of the user, and a wrong current password is a 422 changing nothing")
    func changeRevokesEverything() async throws {
        let fixture = try await AccountsFixture()
        let (user, tokens) = try await userWithCredentials(fixture)
        let session = try #require(try await fixture.service.authenticate(token: tokens[0]))
        let wrong = await #expect(throws: AccountsError.self) {
            try await fixture.service.changePassword(
                current: "not the password at all", new: "象の鼻パークで会いましょう", principal: session, clientAddress: "192.0.2.1")
        }
        #expect(wrong?.problem.status == 422 && wrong?.problem.errors?.map(\.field) == ["currentPassword"])
        for token in tokens { #expect(try await fixture.service.authenticate(token: token) != nil) }
        let weak = await #expect(throws: AccountsError.self) {
            try await fixture.service.changePassword(current: Self.password, new: "yokohama2026!", principal: session, clientAddress: "192.0.2.1")
        }
        #expect(weak?.problem.errors?.map(\.field) == ["newPassword"])

        let revoked = try await fixture.service.changePassword(
            current: Self.password, new: "象の鼻パークで会いましょう", principal: session, clientAddress: "192.0.2.1")
        #expect(revoked == RevokedCredentials(revokedSessions: 2, revokedApiKeys: 1))
        for token in tokens { #expect(try await fixture.service.authenticate(token: token) == nil) }
        _ = try await fixture.service.login(email: user.email, password: "象の鼻パークで会いましょう", clientAddress: "192.0.2.1")
    }

    @Test("an API key can neither change the password nor log out; logout refuses it with 403 and the key stays valid")
    func keysAreNotSessions() async throws {
        let fixture = try await AccountsFixture()
        let (_, tokens) = try await userWithCredentials(fixture)
        let key = try #require(try await fixture.service.authenticate(token: tokens[2]))
        let change = await #expect(throws: AccountsError.self) {
            try await fixture.service.changePassword(current: Self.password, new: "象の鼻パークで会いましょう", principal: key, clientAddress: "192.0.2.1")
        }
        #expect(change?.problem.status == 403)
        let logout = await #expect(throws: AccountsError.self) { try await fixture.service.logout(token: tokens[2]) }
        #expect(logout?.problem.status == 403)
        #expect(try await fixture.service.authenticate(token: tokens[2]) != nil)
    }
}
