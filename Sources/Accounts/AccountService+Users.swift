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
        var validation = Validation()
        let (email, displayName) = UserFields.check(new, into: &validation)
        try AccountsError.check(validation)
        let now = clock.now()
        do {
            return try await pool.transaction { connection in
                let row = try await connection.query("""
                    INSERT INTO users (email, display_name, role, company_id, liaison_base_id, password_hash, created_at, updated_at)
                    VALUES (\(email), \(displayName), \(new.role.rawValue), \(new.companyID), \(new.liaisonBaseID),
                            crypt(encode(sha256(convert_to(\(new.password), 'UTF8')), 'hex'), gen_salt('bf', 12)), \(now), \(now))
                    RETURNING \(User.columns)
                    """)[0]
                let user = try User(row: row)
                try await AuditLog.record(
                    on: connection, actor: actor?.userID, action: "user.create", entity: "user", entityID: user.id.lowercasedString,
                    changes: [
                        "email": user.email, "displayName": user.displayName, "role": user.role.rawValue,
                        "companyId": user.companyID?.lowercasedString, "liaisonBaseId": user.liaisonBaseID?.lowercasedString,
                    ],
                    requestID: requestID, at: now)
                return user
            }
        } catch let error as PostgresError where error.isDuplicateEmail {
            throw AccountsError.duplicateEmail
        } catch let error as PostgresError {
            throw error.unknownBinding ?? error
        }
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
        if let after = request.after {
            query.append(" AND (created_at, id) > (\(after.createdAt), \(after.id))")
        }
        if let role = filter.role { query.append(" AND role = \(role.rawValue)") }
        if let disabled = filter.disabled { query.append(" AND disabled = \(disabled)") }
        if let text = filter.text?.trimmed, !text.isEmpty {
            let pattern = likePattern(text)
            query.append(" AND (email ILIKE \(pattern) OR display_name ILIKE \(pattern))")
        }
        query.append(" ORDER BY created_at, id LIMIT \(request.fetchLimit)")
        let users = try await pool.query(query).map { try User(row: $0) }
        return Page(fetched: users, request: request) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
    }

    /// Disabling revokes the user's sessions; its API keys stop working while it stays disabled.
    public func setDisabled(
        _ disabled: Bool, userID: UUID, expectedVersion: Int, actor: Principal, requestID: String? = nil
    ) async throws -> User {
        try requireAdmin(actor, Self.usersWrite)
        if disabled, userID == actor.userID {
            throw AccountsError.invalid([FieldError(field: "disabled", message: "an administrator cannot disable their own account")])
        }
        return try await updateUser(
            userID, expectedVersion: expectedVersion, set: "disabled = \(disabled)", action: disabled ? "user.disable" : "user.enable",
            changes: ["disabled": String(disabled)], revoke: disabled ? .sessions : .nothing, actor: actor, requestID: requestID).user
    }

    /// Changes the role and, with it, the company or liaison-base binding the role requires.
    public func changeRole(
        _ role: Role, companyID: UUID? = nil, liaisonBaseID: UUID? = nil, userID: UUID, expectedVersion: Int,
        actor: Principal, requestID: String? = nil
    ) async throws -> User {
        try requireAdmin(actor, Self.usersWrite)
        var validation = Validation()
        UserFields.checkBinding(role: role, companyID: companyID, liaisonBaseID: liaisonBaseID, into: &validation)
        if userID == actor.userID, role != .admin {
            validation.add("role", "an administrator cannot remove their own administrator role")
        }
        try AccountsError.check(validation)
        return try await updateUser(
            userID, expectedVersion: expectedVersion,
            set: "role = \(role.rawValue), company_id = \(companyID), liaison_base_id = \(liaisonBaseID)", action: "user.change_role",
            changes: [
                "role": role.rawValue, "companyId": companyID?.lowercasedString, "liaisonBaseId": liaisonBaseID?.lowercasedString,
            ],
            revoke: .nothing, actor: actor, requestID: requestID).user
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
        // The version check in the UPDATE still guards the window between the read above and this write.
        let (user, revoked) = try await updateUser(
            userID, expectedVersion: expectedVersion,
            set: "password_hash = crypt(encode(sha256(convert_to(\(newPassword), 'UTF8')), 'hex'), gen_salt('bf', 12))",
            action: "user.reset_password", changes: [:], revoke: .everyCredential, actor: actor, requestID: requestID)
        return PasswordReset(user: user, revokedSessions: revoked.revokedSessions, revokedApiKeys: revoked.revokedApiKeys)
    }

    /// What an update of a user revokes in the same transaction.
    enum Revocation {
        case nothing
        case sessions
        case everyCredential
    }

    /// One optimistic update: applies `set` only at `expectedVersion`, bumps the version, revokes
    /// what it is asked to, and records the audit entry (with the counts revoked), all in one transaction.
    private func updateUser(
        _ id: UUID, expectedVersion: Int, set: PostgresQuery, action: String, changes: [String: String?], revoke: Revocation,
        actor: Principal, requestID: String?
    ) async throws -> (user: User, revoked: RevokedCredentials) {
        let now = clock.now()
        do {
            return try await updatedUser(
                id, expectedVersion: expectedVersion, set: set, action: action, changes: changes, revoke: revoke,
                actor: actor, requestID: requestID, now: now)
        } catch let error as PostgresError {
            throw error.unknownBinding ?? error
        }
    }

    private func updatedUser(
        _ id: UUID, expectedVersion: Int, set: PostgresQuery, action: String, changes: [String: String?], revoke: Revocation,
        actor: Principal, requestID: String?, now: Date
    ) async throws -> (user: User, revoked: RevokedCredentials) {
        try await pool.transaction { connection in
            // The actor's request was authenticated before this transaction: another administrator may
            // have disabled or demoted them since. Both rows are locked in id order (two administrators
            // acting on each other take turns, without a deadlock) and the actor is read again, so the
            // second of two mutual changes is refused and one administrator always remains.
            let locked = try await connection.query("""
                SELECT id, role, disabled FROM users WHERE id IN (\(actor.userID), \(id)) ORDER BY id FOR UPDATE
                """)
            let actorStillAdmin = try locked.contains { row in
                let (userID, role, disabled) = (try row.decode("id", as: UUID.self), try row.decode("role", as: String.self), try row.decode("disabled", as: Bool.self))
                return userID == actor.userID && role == Role.admin.rawValue && !disabled
            }
            guard actorStillAdmin else { throw AccountsError.forbidden("only an administrator may do this") }
            var update: PostgresQuery = "UPDATE users SET "
            update.append(set)
            update.append("""
                , version = version + 1, updated_at = \(now) WHERE id = \(id) AND version = \(expectedVersion)
                RETURNING \(User.columns)
                """)
            guard let row = try await connection.query(update).first else {
                let exists = try await connection.query("SELECT 1 AS one FROM users WHERE id = \(id)")
                throw exists.isEmpty ? AccountsError.userNotFound : AccountsError.staleUser
            }
            let user = try User(row: row)
            var changes = changes
            var revoked = RevokedCredentials(revokedSessions: 0, revokedApiKeys: 0)
            switch revoke {
            case .nothing:
                break
            case .sessions:
                try await connection.execute("""
                    UPDATE auth_tokens SET revoked_at = \(now) WHERE user_id = \(id) AND kind = 'session' AND revoked_at IS NULL
                    """)
            case .everyCredential:
                revoked = try await revokeAllCredentials(of: id, now: now, on: connection)
                changes["revokedSessions"] = String(revoked.revokedSessions)
                changes["revokedApiKeys"] = String(revoked.revokedApiKeys)
            }
            try await AuditLog.record(
                on: connection, actor: actor.userID, action: action, entity: "user", entityID: id.lowercasedString,
                changes: changes, requestID: requestID, at: now)
            return (user, revoked)
        }
    }

    /// The audit log, for administrators.
    public func auditLog(
        filter: AuditFilter = AuditFilter(), cursor: String? = nil, limit: Int? = nil, actor: Principal
    ) async throws -> Page<AuditEntry> {
        try requireAdmin(actor, Self.auditRead)
        return try await AuditLog.list(in: pool, filter: filter, cursor: cursor, limit: limit)
    }
}
