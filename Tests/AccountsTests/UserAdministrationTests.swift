import Accounts
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("User administration")
struct UserAdministrationTests {
    @Test("only administrators may manage users or read the audit log")
    func adminOnly() async throws {
        let fixture = try await AccountsFixture()
        let coordinator = fixture.principal(of: try await fixture.makeUser(role: .coordinator))
        let target = fixture.adminUser
        let keyWithoutUsers = try await fixture.service.createAPIKey(fixture.admin, name: "kpi only", scopes: [Scope("kpi:read")!])
        let limitedAdmin = try #require(try await fixture.service.authenticate(token: keyWithoutUsers.token))
        for actor in [coordinator, limitedAdmin] {
            let attempts: [@Sendable () async throws -> Void] = [
                { _ = try await fixture.service.createUser(
                    NewUser(email: "x@example.jp", displayName: "X", role: .viewer, password: "a long enough password"), actor: actor) },
                { _ = try await fixture.service.user(id: target.id, actor: actor) },
                { _ = try await fixture.service.listUsers(actor: actor) },
                { _ = try await fixture.service.setDisabled(true, userID: target.id, expectedVersion: 1, actor: actor) },
                { _ = try await fixture.service.changeRole(.viewer, userID: target.id, expectedVersion: 1, actor: actor) },
                { _ = try await fixture.service.resetPassword("another long password", userID: target.id, expectedVersion: 1, actor: actor) },
                { _ = try await fixture.service.auditLog(actor: actor) },
            ]
            for attempt in attempts {
                let error = await #expect(throws: AccountsError.self) { try await attempt() }
                #expect(error?.problem.status == 403)
            }
        }
    }

    @Test("a stale version gets 412 and changes nothing")
    func staleVersion() async throws {
        let fixture = try await AccountsFixture()
        let user = try await fixture.makeUser(role: .organizer)
        let disabled = try await fixture.service.setDisabled(true, userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        #expect(disabled.version == user.version + 1 && disabled.disabled)
        let stale = await #expect(throws: AccountsError.self) {
            try await fixture.service.changeRole(.viewer, userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        }
        #expect(stale?.problem.status == 412)
        let stalePassword = await #expect(throws: AccountsError.self) {
            try await fixture.service.resetPassword("a fresh long password", userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        }
        #expect(stalePassword?.problem.status == 412)
        #expect(try await fixture.service.user(id: user.id, actor: fixture.admin) == disabled)
        let missing = await #expect(throws: AccountsError.self) {
            try await fixture.service.setDisabled(false, userID: UUID(), expectedVersion: 1, actor: fixture.admin)
        }
        #expect(missing?.problem.status == 404)
    }

    @Test("a duplicate email, in any case, gets 409 naming the field")
    func duplicateEmail() async throws {
        let fixture = try await AccountsFixture()
        try await fixture.makeUser(email: "sato@example.jp")
        let error = await #expect(throws: AccountsError.self) { try await fixture.makeUser(email: "SATO@Example.JP") }
        #expect(error?.problem.status == 409)
        #expect(error?.problem.errors?.map(\.field) == ["email"])
    }

    @Test("a role change brings its binding; a missing binding, or one to a company that does not exist, is a 422")
    func roleChange() async throws {
        let fixture = try await AccountsFixture()
        let user = try await fixture.makeUser(role: .coordinator)
        let unbound = await #expect(throws: AccountsError.self) {
            try await fixture.service.changeRole(.company, userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        }
        #expect(unbound?.problem.errors?.map(\.field) == ["companyId"])
        let unknown = await #expect(throws: AccountsError.self) {
            try await fixture.service.changeRole(
                .company, companyID: UUIDs.company, userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        }
        #expect(unknown?.problem.status == 422 && unknown?.problem.errors?.map(\.field) == ["companyId"])
        try await DirectoryPlaceholders.company(UUIDs.company, in: fixture.pool)
        let changed = try await fixture.service.changeRole(
            .company, companyID: UUIDs.company, userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        #expect(changed.role == .company && changed.companyID == UUIDs.company && changed.version == 2)
    }

    @Test("a password reset revokes the user's sessions and the new password works")
    func passwordReset() async throws {
        let fixture = try await AccountsFixture()
        let user = try await fixture.makeUser(email: "mori@example.jp")
        let session = try await fixture.service.login(email: user.email, password: "みなとみらい21の風が心地よい", clientAddress: "192.0.2.1")
        let updated = try await fixture.service.resetPassword("象の鼻パークで会いましょう", userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        #expect(updated.user.version == user.version + 1 && updated.revokedSessions == 1)
        #expect(try await fixture.service.authenticate(token: session.token) == nil)
        await #expect(throws: AccountsError.invalidCredentials) {
            try await fixture.service.login(email: user.email, password: "みなとみらい21の風が心地よい", clientAddress: "192.0.2.1")
        }
        _ = try await fixture.service.login(email: user.email, password: "象の鼻パークで会いましょう", clientAddress: "192.0.2.1")
    }

    @Test("an administrator cannot disable or demote themselves")
    func noSelfLockout() async throws {
        let fixture = try await AccountsFixture()
        await #expect(throws: AccountsError.self) {
            try await fixture.service.setDisabled(true, userID: fixture.adminUser.id, expectedVersion: 1, actor: fixture.admin)
        }
        await #expect(throws: AccountsError.self) {
            try await fixture.service.changeRole(.viewer, userID: fixture.adminUser.id, expectedVersion: 1, actor: fixture.admin)
        }
    }

    @Test("two administrators disabling or demoting each other, one request still in flight, leave one administrator: the second is a 403")
    func noMutualLockout() async throws {
        let fixture = try await AccountsFixture()
        let second = try await fixture.makeUser(role: .admin)
        // The second administrator's request authenticated before the first one's change committed.
        let inFlight = fixture.principal(of: second)
        let disabled = try await fixture.service.setDisabled(true, userID: second.id, expectedVersion: second.version, actor: fixture.admin)
        #expect(disabled.disabled)
        for attempt: @Sendable () async throws -> Void in [
            { _ = try await fixture.service.setDisabled(true, userID: fixture.adminUser.id, expectedVersion: 1, actor: inFlight) },
            { _ = try await fixture.service.changeRole(.viewer, userID: fixture.adminUser.id, expectedVersion: 1, actor: inFlight) },
            { _ = try await fixture.service.resetPassword("a password nobody knows", userID: fixture.adminUser.id, expectedVersion: 1, actor: inFlight) },
        ] {
            let refused = await #expect(throws: AccountsError.self) { try await attempt() }
            #expect(refused?.problem.status == 403)
        }
        let first = try await fixture.service.user(id: fixture.adminUser.id, actor: fixture.admin)
        #expect(first.role == .admin && !first.disabled && first.version == 1)

        // Demoted rather than disabled: the same.
        let third = try await fixture.makeUser(role: .admin)
        let demoted = try await fixture.service.changeRole(.coordinator, userID: third.id, expectedVersion: third.version, actor: fixture.admin)
        #expect(demoted.role == .coordinator)
        let refused = await #expect(throws: AccountsError.self) {
            try await fixture.service.setDisabled(true, userID: fixture.adminUser.id, expectedVersion: 1, actor: fixture.principal(of: third))
        }
        #expect(refused?.problem.status == 403)

        // At the same moment, many times over: never both.
        for _ in 0..<10 {
            let other = try await fixture.makeUser(role: .admin)
            let current = try await fixture.service.user(id: fixture.adminUser.id, actor: fixture.admin)
            async let one = try? fixture.service.setDisabled(true, userID: other.id, expectedVersion: other.version, actor: fixture.admin)
            async let two = try? fixture.service.setDisabled(true, userID: current.id, expectedVersion: current.version, actor: fixture.principal(of: other))
            _ = await (one, two)
            let admins = try await fixture.service.listUsers(filter: UserFilter(role: .admin, disabled: false), limit: 100, actor: fixture.admin).items
            #expect(!admins.isEmpty)
            if admins.allSatisfy({ $0.id != fixture.adminUser.id }) { return }
        }
    }
}
