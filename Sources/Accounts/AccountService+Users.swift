public import DomainKit
public import FoundationEssentials
import Postgres

/// User management: administrators only (and the CLI bootstrap, which acts as nobody).
extension AccountService {
    static let usersRead = Scope(resource: "users", action: .read)
    static let usersWrite = Scope(resource: "users", action: .write)
    static let auditRead = Scope(resource: "audit", action: .read)

    func requireAdmin(_ principal: Principal, _ scope: Scope) throws(AccountsError) {
        guard principal.role == .admin, principal.allows(scope) else {
            throw AccountsError.forbidden("only an administrator may do this")
        }
    }

    /// Creates a user. `actor` is the administrator; nil only for the CLI bootstrap
    /// (`domino user create`), which runs with database access and no HTTP caller. Routes never pass nil.
    public func createUser(_ new: NewUser, actor: Principal?, requestID: String? = nil) async throws -> User {
        if let actor { try requireAdmin(actor, Self.usersWrite) }
        return try await insertUser(new, password: new.password, actor: actor?.userID, requestID: requestID) { _, _, _ in }
    }

    /// Validates and stores `new` with `password` (nil: a password no one knows, for an invitation), audits it,
    /// and runs `then` in the same transaction.
    func insertUser(
        _ new: NewUser, password: String?, actor: UUID?, requestID: String?,
        then: (User, Date, PostgresConnection) async throws -> Void
    ) async throws -> User {
        let now = clock.now()
        do {
            return try await pool.transaction { connection in
                try await insertUser(new, password: password, actor: actor, requestID: requestID, now: now, on: connection, then: then)
            }
        } catch let error as PostgresError where error.isDuplicateEmail {
            throw AccountsError.duplicateEmail
        } catch let error as PostgresError {
            throw error.unknownBinding ?? error
        }
    }

    /// `insertUser` in the caller's transaction (another module's decision that adds a user, signup31).
    func insertUser(
        _ new: NewUser, password: String?, actor: UUID?, requestID: String?, now: Date, on connection: PostgresConnection,
        then: (User, Date, PostgresConnection) async throws -> Void
    ) async throws -> User {
        var validation = Validation()
        let (email, displayName) = UserFields.check(new, checkingPassword: password != nil, into: &validation)
        try AccountsError.check(validation)
        let row: PostgresRow
        do {
            row = try await connection.query("""
                INSERT INTO users (email, display_name, role, company_id, liaison_base_id, password_hash, created_at, updated_at)
                VALUES (\(email), \(displayName), \(new.role.rawValue), \(new.companyID), \(new.liaisonBaseID),\u{20}
                """ + (password.map(storedPassword) ?? Self.unknowablePassword) + ", \(now), \(now)) RETURNING \(User.columns)")[0]
        } catch {
            // The statement throws `PostgresError` alone (typed throws).
            if error.isDuplicateEmail { throw AccountsError.duplicateEmail }
            throw error.unknownBinding ?? error
        }
        let user = try User(row: row)
        try await AuditLog.record(
            on: connection, actor: actor, action: "user.create", entity: "user", entityID: user.id.lowercasedString,
            changes: [
                "email": user.email, "displayName": user.displayName, "role": user.role.rawValue,
                "companyId": user.companyID?.lowercasedString, "liaisonBaseId": user.liaisonBaseID?.lowercasedString,
            ],
            requestID: requestID, at: now)
        try await then(user, now, connection)
        return user
    }

    /// Whether any user exists whose email is not in `emails` (the CLI's guard before demo data).
    public func hasUsers(besides emails: [String]) async throws -> Bool {
        try await pool.query("SELECT EXISTS (SELECT 1 FROM users WHERE email <> ALL (\(emails))) AS found")[0].decode("found")
    }

    public func user(id: UUID, actor: Principal) async throws -> User {
        try requireAdmin(actor, Self.usersRead)
        return try await findUser(id)
    }

    /// Users ordered by creation time then id, `limit` (1…100, default 50) at a time.
    public func listUsers(
        filter: UserFilter = UserFilter(), cursor: String? = nil, limit: Int? = nil, actor: Principal
    ) async throws -> Page<User> {
        try requireAdmin(actor, Self.usersRead)
        let request = try PageRequest.parse(limit: limit, cursor: cursor)
        var query: PostgresQuery = "SELECT \(User.columns) FROM users WHERE true"
        if let after = try request.after {
            query.append(" AND (created_at, id) > (\(after.createdAt), \(after.id))")
        }
        if let role = filter.role { query.append(" AND role = \(role.rawValue)") }
        if let disabled = filter.disabled { query.append(" AND disabled = \(disabled)") }
        if let text = filter.text?.trimmed, !text.isEmpty {
            let pattern = likePattern(text)
            query.append(" AND (search_form(email) LIKE \(pattern) OR search_form(display_name) LIKE \(pattern))")
        }
        query.append(" ORDER BY created_at, id LIMIT \(request.fetchLimit)")
        let users = try await pool.query(query).map { try User(row: $0) }
        return Page(fetched: users, request: request) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
    }

    /// Disabling revokes the user's sessions; its API keys stop working while it stays disabled.
    public func setDisabled(
        _ disabled: Bool, userID: UUID, expectedVersion: Int, actor: Principal, requestID: String? = nil
    ) async throws -> User {
        try await updateUser(userID, expectedVersion: expectedVersion, disabled: disabled, actor: actor, requestID: requestID)
    }

    /// Changes the role and, with it, the company or liaison-base binding the role requires.
    public func changeRole(
        _ role: Role, companyID: UUID? = nil, liaisonBaseID: UUID? = nil, userID: UUID, expectedVersion: Int,
        actor: Principal, requestID: String? = nil
    ) async throws -> User {
        try await updateUser(
            userID, expectedVersion: expectedVersion, role: role, companyID: companyID, liaisonBaseID: liaisonBaseID,
            actor: actor, requestID: requestID)
    }

    /// Disables or enables a user and/or changes its role with the binding the role requires (`companyID`,
    /// `liaisonBaseID` go with a role only: without one they are refused), in one transaction at `expectedVersion`:
    /// every field is checked before anything is written, so a refused role leaves the account enabled as it was. An edit
    /// that changes nothing answers the user as it is, with the same version and no audit entry (DomainKit
    /// `Versioned.saving`); otherwise each part changed is audited as its own action (`user.disable` or
    /// `user.enable`, `user.change_role`), and disabling revokes the user's sessions.
    public func updateUser(
        _ id: UUID, expectedVersion: Int, disabled: Bool? = nil, role: Role? = nil, companyID: UUID? = nil, liaisonBaseID: UUID? = nil,
        actor: Principal, requestID: String? = nil
    ) async throws -> User {
        try requireAdmin(actor, Self.usersWrite)
        var validation = Validation()
        validation.check(disabled != nil || role != nil, "disabled", "give disabled, role, or both")
        if disabled == true, id == actor.userID {
            validation.add("disabled", "an administrator cannot disable their own account")
        }
        if role == nil {
            // A binding is the role's: named alone it would be ignored, and a 200 would say the user was moved (probe13).
            if companyID != nil { validation.add("companyId", "give role with companyId") }
            if liaisonBaseID != nil { validation.add("liaisonBaseId", "give role with liaisonBaseId") }
        }
        if let role {
            UserFields.checkBinding(role: role, companyID: companyID, liaisonBaseID: liaisonBaseID, into: &validation)
            if id == actor.userID, role != .admin {
                validation.add("role", "an administrator cannot remove their own administrator role")
            }
        }
        try AccountsError.check(validation)
        let now = clock.now()
        return try await adminTransaction(on: id, actor: actor) { connection, current in
            let draft = try current.edited(expecting: expectedVersion, as: AccountsError.self) { draft in
                if let disabled { draft.disabled = disabled }
                if let role { (draft.role, draft.companyID, draft.liaisonBaseID) = (role, companyID, liaisonBaseID) }
            }
            return try await current.saving(draft, as: AccountsError.self) { draft in
                guard let user = try await storeUpdate(
                    id, expectedVersion: expectedVersion, now: now,
                    set: "disabled = \(draft.disabled), role = \(draft.role.rawValue), company_id = \(draft.companyID), liaison_base_id = \(draft.liaisonBaseID)",
                    on: connection) else { return nil }
                if draft.disabled != current.disabled {
                    if draft.disabled {
                        try await connection.execute("""
                            UPDATE auth_tokens SET revoked_at = \(now) WHERE user_id = \(id) AND kind = 'session' AND revoked_at IS NULL
                            """)
                    }
                    try await AuditLog.record(
                        on: connection, actor: actor.userID, action: draft.disabled ? "user.disable" : "user.enable", entity: "user",
                        entityID: id.lowercasedString, changes: ["disabled": String(draft.disabled)], requestID: requestID, at: now)
                }
                if (draft.role, draft.companyID, draft.liaisonBaseID) != (current.role, current.companyID, current.liaisonBaseID) {
                    try await AuditLog.record(
                        on: connection, actor: actor.userID, action: "user.change_role", entity: "user", entityID: id.lowercasedString,
                        changes: [
                            "role": draft.role.rawValue, "companyId": draft.companyID?.lowercasedString,
                            "liaisonBaseId": draft.liaisonBaseID?.lowercasedString,
                        ],
                        requestID: requestID, at: now)
                }
                return user
            }
        }
    }

    /// Sets a new password chosen by an administrator and revokes every session and API key of the
    /// user: a key made by whoever took over the account must not survive the reset (issue 17, item 1).
    public func resetPassword(
        _ newPassword: String, userID: UUID, expectedVersion: Int, actor: Principal, requestID: String? = nil
    ) async throws -> PasswordReset {
        try requireAdmin(actor, Self.usersWrite)
        let current = try await findUser(userID)
        guard current.version == expectedVersion else { throw AccountsError.staleUser }
        var validation = Validation()
        PasswordPolicy.check(newPassword, email: current.email, displayName: current.displayName, into: &validation)
        try AccountsError.check(validation)
        let now = clock.now()
        // The version check in the UPDATE still guards the window between the read above and this write.
        return try await adminTransaction(on: userID, actor: actor) { connection, _ in
            guard let user = try await storeUpdate(
                userID, expectedVersion: expectedVersion, now: now,
                set: "password_hash = " + storedPassword(newPassword),
                on: connection) else { throw AccountsError.staleUser }
            let revoked = try await revokeAllCredentials(of: userID, now: now, on: connection)
            try await AuditLog.record(
                on: connection, actor: actor.userID, action: "user.reset_password", entity: "user", entityID: userID.lowercasedString,
                changes: ["revokedSessions": String(revoked.revokedSessions), "revokedApiKeys": String(revoked.revokedApiKeys)],
                requestID: requestID, at: now)
            return PasswordReset(user: user, revokedSessions: revoked.revokedSessions, revokedApiKeys: revoked.revokedApiKeys)
        }
    }

    /// Runs `body` in one transaction with the user `id` as it is now, locked, once the actor is known to be an
    /// administrator still. The actor's request was authenticated before this transaction: another administrator
    /// may have disabled or demoted them since. Both rows are locked in id order (two administrators acting on
    /// each other take turns, without a deadlock) and the actor is read again, so the second of two mutual
    /// changes is refused and one administrator always remains.
    private func adminTransaction<Value: Sendable>(
        on id: UUID, actor: Principal, _ body: (PostgresConnection, User) async throws -> Value
    ) async throws -> Value {
        do {
            return try await pool.transaction { connection in
                let locked = try await connection.query("""
                    SELECT \(User.columns) FROM users WHERE id IN (\(actor.userID), \(id)) ORDER BY id FOR UPDATE
                    """).map { try User(row: $0) }
                guard locked.contains(where: { $0.id == actor.userID && $0.role == .admin && !$0.disabled }) else {
                    throw AccountsError.forbidden("only an administrator may do this")
                }
                guard let current = locked.first(where: { $0.id == id }) else { throw AccountsError.userNotFound }
                return try await body(connection, current)
            }
        } catch let error as PostgresError {
            throw error.unknownBinding ?? error
        }
    }

    /// `set` applied to the user at `expectedVersion`, with the next version; nil when the version moved on.
    private func storeUpdate(
        _ id: UUID, expectedVersion: Int, now: Date, set: PostgresQuery, on connection: PostgresConnection
    ) async throws -> User? {
        var update: PostgresQuery = "UPDATE users SET "
        update.append(set)
        update.append("""
            , version = version + 1, updated_at = \(now) WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(User.columns)
            """)
        return try await connection.query(update).first.map { try User(row: $0) }
    }

    /// The audit log, for administrators.
    public func auditLog(
        filter: AuditFilter = AuditFilter(), cursor: String? = nil, limit: Int? = nil, actor: Principal
    ) async throws -> Page<AuditEntry> {
        try requireAdmin(actor, Self.auditRead)
        return try await AuditLog.list(in: pool, filter: filter, cursor: cursor, limit: limit)
    }
}
