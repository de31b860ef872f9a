import Accounts
import DomainKit
import Foundation
import HTTPServer
import Postgres
import Synchronization
import TestSupport

/// A fresh database, a service on it with a test clock, and an administrator made by the bootstrap path.
struct AccountsFixture {
    static let adminPassword = "correct horse battery staple"

    let pool: PostgresPool
    let clock: TestClock
    let service: AccountService
    let admin: Principal
    let adminUser: User

    init(configuration: AccountService.Configuration = .test, pool: PostgresPool? = nil) async throws {
        if let pool { self.pool = pool } else { self.pool = try await TestDatabase.fresh() }
        let clock = TestClock()
        self.clock = clock
        service = AccountService(pool: self.pool, configuration: configuration, clock: clock.programme, permissions: Self.permissions)
        adminUser = try await service.createUser(
            NewUser(email: "Admin@Yokohama.example.jp", displayName: "横浜 管理者", role: .admin, password: Self.adminPassword),
            actor: nil)
        admin = Principal(userID: adminUser.id, role: .admin)
    }

    /// A small route table standing in for App's, so that the key rules (a subset of the role's scopes at
    /// creation, the intersection at each request) are tested against a policy this file states.
    static let permissions = AccessPolicy(routes: [
        ("leads:read", [.admin, .coordinator]), ("leads:write", [.admin, .coordinator]),
        ("needs:read", [.admin, .coordinator, .company, .liaison]), ("needs:write", [.admin, .coordinator, .liaison]),
        ("cities:read", [.admin, .coordinator, .liaison]), ("kpi:read", [.admin, .coordinator, .viewer]),
        ("kpi:write", [.admin]), ("companies:write", [.admin, .coordinator, .company]), ("users:write", [.admin]),
    ].map { (scope: String, roles: Set<Role>) in
        Route(.get, "/v1/\(scope)", operationID: scope, access: .roles(roles, scope: Scope(scope)!)) { _ in .noContent }
    })

    /// A user made by the administrator (its company or liaison base made first, if missing); each call moves the clock a second so creation order is total.
    @discardableResult
    func makeUser(
        email: String = "user-\(UUID().uuidString.prefix(8).lowercased())@example.jp", displayName: String = "山田 花子",
        role: Role = .coordinator, companyID: UUID? = nil, liaisonBaseID: UUID? = nil, password: String = "みなとみらい21の風が心地よい"
    ) async throws -> User {
        clock.advance(seconds: 1)
        if let companyID { try await DirectoryPlaceholders.company(companyID, in: pool) }
        if let liaisonBaseID { try await DirectoryPlaceholders.liaisonBase(liaisonBaseID, in: pool) }
        return try await service.createUser(
            NewUser(email: email, displayName: displayName, role: role, companyID: companyID, liaisonBaseID: liaisonBaseID, password: password),
            actor: admin)
    }

    func principal(of user: User) -> Principal {
        Principal(userID: user.id, role: user.role, companyID: user.companyID, liaisonBaseID: user.liaisonBaseID)
    }
}
