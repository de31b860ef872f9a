import Accounts
import DomainKit
import Foundation
import Postgres
import Testing

@Suite("User lists and the audit log")
struct ListingAndAuditTests {
    @Test("paging continues correctly when users are added between pages")
    func stablePaging() async throws {
        let fixture = try await AccountsFixture()
        var originals = [fixture.adminUser.id]
        for index in 0..<6 { originals.append(try await fixture.makeUser(email: "page\(index)@example.jp").id) }

        var seen: [UUID] = []
        var cursor: String?
        var added: [UUID] = []
        repeat {
            let page = try await fixture.service.listUsers(cursor: cursor, limit: 3, actor: fixture.admin)
            seen += page.items.map(\.id)
            cursor = page.nextCursor
            if added.count < 4 {
                for _ in 0..<2 { added.append(try await fixture.makeUser().id) }
            }
        } while cursor != nil
        #expect(seen == originals + added)
        #expect(Set(seen).count == seen.count)
    }

    @Test("filters narrow the user list by role, state and text")
    func filters() async throws {
        let fixture = try await AccountsFixture()
        let tanaka = try await fixture.makeUser(email: "tanaka@example.jp", displayName: "田中 一郎", role: .organizer)
        try await fixture.makeUser(email: "suzuki_100%@example.jp", displayName: "鈴木 次郎", role: .viewer)
        let byRole = try await fixture.service.listUsers(filter: UserFilter(role: .organizer), actor: fixture.admin)
        #expect(byRole.items.map(\.id) == [tanaka.id] && byRole.nextCursor == nil)
        let byName = try await fixture.service.listUsers(filter: UserFilter(text: "田中"), actor: fixture.admin)
        #expect(byName.items.map(\.id) == [tanaka.id])
        let literal = try await fixture.service.listUsers(filter: UserFilter(text: "_100%"), actor: fixture.admin)
        #expect(literal.items.map(\.email) == ["suzuki_100%@example.jp"])
        let wildcardsAreLiteral = try await fixture.service.listUsers(filter: UserFilter(text: "%"), actor: fixture.admin)
        #expect(wildcardsAreLiteral.items.count == 1)
        let enabled = try await fixture.service.listUsers(filter: UserFilter(disabled: false), actor: fixture.admin)
        #expect(enabled.items.count == 3)
    }

    @Test("a foreign cursor is a 400 and a limit outside 1…100 is a 422")
    func badPagingInput() async throws {
        let fixture = try await AccountsFixture()
        let cursor = await #expect(throws: Problem.self) {
            try await fixture.service.listUsers(cursor: "bm90IGEgY3Vyc29y", actor: fixture.admin)
        }
        #expect(cursor?.status == 400)
        #expect(cursor?.errors?.map(\.field) == ["cursor"])
        let limit = await #expect(throws: Problem.self) {
            try await fixture.service.listUsers(limit: 101, actor: fixture.admin)
        }
        #expect(limit?.status == 422)
        #expect(limit?.errors?.map(\.field) == ["limit"])
    }

    @Test("every mutation writes an audit entry, and none holds a password or a token")
    func auditTrail() async throws {
        let fixture = try await AccountsFixture()
        let password = "みなとみらい21の風が心地よい"
        let newPassword = "象の鼻パークで会いましょう"
        let user = try await fixture.makeUser(email: "audit@example.jp", password: password)
        let session = try await fixture.service.login(email: user.email, password: password, clientAddress: "192.0.2.1")
        let owner = fixture.principal(of: user)
        let key = try await fixture.service.createAPIKey(owner, name: "sync", scopes: [Scope("leads:read")!])
        try await fixture.service.revokeAPIKey(id: key.id, principal: owner)
        try await fixture.service.logout(token: session.token, requestID: "req-42")
        var current = try await fixture.service.setDisabled(true, userID: user.id, expectedVersion: user.version, actor: fixture.admin)
        current = try await fixture.service.setDisabled(false, userID: user.id, expectedVersion: current.version, actor: fixture.admin)
        current = try await fixture.service.changeRole(.organizer, userID: user.id, expectedVersion: current.version, actor: fixture.admin)
        _ = try await fixture.service.resetPassword(newPassword, userID: user.id, expectedVersion: current.version, actor: fixture.admin)

        let log = try await fixture.service.auditLog(limit: 100, actor: fixture.admin)
        #expect(log.items.reversed().map(\.action) == [
            "user.create", "user.create", "session.create", "api_key.create", "api_key.revoke", "session.revoke",
            "user.disable", "user.enable", "user.change_role", "user.reset_password",
        ])
        #expect(log.items.first { $0.action == "session.revoke" }?.requestID == "req-42")
        let created = try #require(log.items.first { $0.action == "user.create" && $0.entityID == user.id.uuidString.lowercased() })
        #expect(created.actorUserID == fixture.adminUser.id && created.changes["email"] == "audit@example.jp")
        #expect(created.changes["role"] == "coordinator")
        #expect(log.items.last?.actorUserID == nil)

        let raw = try await fixture.pool.query("SELECT string_agg(changes::text || coalesce(request_id, ''), ' ') AS all_text FROM audit_log")
        let text: String = try raw[0].decode("all_text")
        for secret in [password, newPassword, AccountsFixture.adminPassword, session.token, key.token] {
            #expect(!text.contains(secret))
        }

        let forUser = try await fixture.service.auditLog(
            filter: AuditFilter(entity: "user", entityID: user.id.uuidString.lowercased()), limit: 2, actor: fixture.admin)
        #expect(forUser.items.map(\.action) == ["user.reset_password", "user.change_role"])
        let rest = try await fixture.service.auditLog(
            filter: AuditFilter(entity: "user", entityID: user.id.uuidString.lowercased()), cursor: forUser.nextCursor, limit: 10, actor: fixture.admin)
        #expect(rest.items.map(\.action) == ["user.enable", "user.disable", "user.create"] && rest.nextCursor == nil)
        let byActor = try await fixture.service.auditLog(filter: AuditFilter(actorUserID: user.id), actor: fixture.admin)
        #expect(byActor.items.count == 4)
    }

    @Test("a failed mutation leaves no audit entry")
    func auditRollsBack() async throws {
        let fixture = try await AccountsFixture()
        try await fixture.makeUser(email: "dup@example.jp")
        await #expect(throws: AccountsError.self) { try await fixture.makeUser(email: "dup@example.jp") }
        let log = try await fixture.service.auditLog(filter: AuditFilter(action: "user.create"), actor: fixture.admin)
        #expect(log.items.count == 2)
    }
}
