import DomainKit
public import FoundationEssentials
public import Postgres

/// What a password link is for: a forgotten password (1 hour), or an account made without one (7 days).
public enum PasswordLinkPurpose: String, Sendable, Equatable {
    case reset
    case invitation

    var lifetime: TimeInterval {
        switch self {
        case .reset: 3600
        case .invitation: 7 * 86400
        }
    }
}

/// A link that may still set a password (unused, unexpired, its user enabled), as read when its page opens;
/// `resetPassword(through:new:)` checks it again in the transaction that uses it.
public struct ValidPasswordLink: Sendable {
    public let email: String
    public let displayName: String
    public let purpose: PasswordLinkPurpose
    let secret: Data
}

/// A password link as issued, for its mail: `token` is the only copy of the secret.
public struct PasswordLink: Sendable {
    public let token: String
    public let purpose: PasswordLinkPurpose
    public let email: String
    public let displayName: String
    public let expiresAt: Date
}

/// "I forgot my password" by e-mail (reset29). The link's secret is 32 random bytes from PostgreSQL; only its
/// SHA-256 digest is stored (as for sessions and API keys). A link works once, until it expires; a new link
/// deletes the user's older unused ones. Using it sets the password and ends every session and API key of the
/// user, as a password change does (issue 17).
extension AccountService {
    /// Requests per account, and per client address, in `passwordResetRequestWindow` that get a mail.
    static let passwordResetAccountLimit = 3
    static let passwordResetAddressLimit = 10
    static let passwordResetRequestWindow: TimeInterval = 3600
    static let passwordLinkPrefix = "dmr_"

    /// Mails a reset link to `email` if it is an enabled account and neither the account nor the address has
    /// asked too often this hour. Says nothing either way (no account enumeration): `send` is called, inside
    /// the transaction that stores the link, only when there is a link to mail.
    public func requestPasswordReset(
        email: String, clientAddress: String, requestID: String? = nil,
        send: @Sendable (PasswordLink, PostgresConnection) async throws -> Void
    ) async throws {
        let now = clock.now()
        let email = UserFields.normalizedEmail(email)
        let accountKey = "account:" + email
        let addressKey = "address:" + ClientAddress.limitKey(clientAddress)
        let since = now.addingTimeInterval(-Self.passwordResetRequestWindow)
        try await pool.transaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\("password-reset " + accountKey), 0))")
            let counts = try await connection.query("""
                SELECT count(*) FILTER (WHERE key = \(accountKey)) AS account, count(*) FILTER (WHERE key = \(addressKey)) AS address
                FROM password_reset_requests WHERE key IN (\(accountKey), \(addressKey)) AND requested_at > \(since)
                """)[0]
            let overLimit = try counts.decode("account", as: Int.self) >= Self.passwordResetAccountLimit
                || counts.decode("address", as: Int.self) >= Self.passwordResetAddressLimit
            // A request past a limit is not stored (audit36): each used to add two rows, so one caller sending
            // requests for made-up addresses without pause grew the table without bound until the hour passed.
            guard !overLimit else { return }
            try await connection.execute("""
                INSERT INTO password_reset_requests (key, requested_at) VALUES (\(accountKey), \(now)), (\(addressKey), \(now))
                """)
            let rows = try await connection.query("SELECT id, email, display_name FROM users WHERE email = \(email) AND NOT disabled")
            guard let row = rows.first else { return }
            let holder = try PasswordLinkHolder(id: row.decode("id"), email: row.decode("email"), displayName: row.decode("display_name"))
            try await send(try await issuePasswordLink(.reset, to: holder, actor: nil, requestID: requestID, now: now, on: connection), connection)
        }
    }

    /// Whose password a link sets; the caller has just read or written the user in its transaction.
    struct PasswordLinkHolder {
        let id: UUID
        let email: String
        let displayName: String
    }

    /// Stores and audits a new link for `holder`, deleting its older unused ones, in the caller's transaction.
    func issuePasswordLink(
        _ purpose: PasswordLinkPurpose, to holder: PasswordLinkHolder, actor: UUID?, requestID: String?, now: Date, on connection: PostgresConnection
    ) async throws -> PasswordLink {
        let bytes: Data = try await connection.query("SELECT gen_random_bytes(32) AS secret")[0].decode("secret")
        let expiresAt = now.addingTimeInterval(purpose.lifetime)
        try await connection.execute("DELETE FROM password_reset_tokens WHERE user_id = \(holder.id) AND used_at IS NULL")
        try await connection.execute("""
            INSERT INTO password_reset_tokens (token_digest, user_id, purpose, created_at, expires_at)
            VALUES (sha256(\(bytes)), \(holder.id), \(purpose.rawValue), \(now), \(expiresAt))
            """)
        try await AuditLog.record(
            on: connection, actor: actor, action: "user.password_link", entity: "user", entityID: holder.id.lowercasedString,
            changes: ["purpose": purpose.rawValue], requestID: requestID, at: now)
        return PasswordLink(
            token: Self.passwordLinkPrefix + bytes.base64URLEncoded, purpose: purpose, email: holder.email,
            displayName: holder.displayName, expiresAt: expiresAt)
    }

    /// The secret bytes of a well-formed link token, nil for anything else (garbage never reaches the database).
    static func passwordLinkBytes(_ token: String) -> Data? {
        guard token.hasPrefix(passwordLinkPrefix) else { return nil }
        let body = String(token.dropFirst(passwordLinkPrefix.count))
        guard body.utf8.count == 43, let bytes = Data(base64URLEncoded: body), bytes.count == 32 else { return nil }
        return bytes
    }

    /// The link if it may still set a password (unused, unexpired, its user enabled), or nil.
    public func validPasswordLink(token: String) async throws -> ValidPasswordLink? {
        guard let bytes = Self.passwordLinkBytes(token) else { return nil }
        let rows = try await pool.query("""
            SELECT u.email, u.display_name, t.purpose FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_digest = sha256(\(bytes)) AND t.used_at IS NULL AND t.expires_at > \(clock.now()) AND NOT u.disabled
            """)
        guard let row = rows.first, let purpose = PasswordLinkPurpose(rawValue: try row.decode("purpose")) else { return nil }
        return ValidPasswordLink(email: try row.decode("email"), displayName: try row.decode("display_name"), purpose: purpose, secret: bytes)
    }

    /// Sets the password through a link: `AccountsError.notFound` when the link was used, expired or superseded
    /// since it was read, `.invalid` with the password policy's refusals on `newPassword`. Every session and API
    /// key of the user is revoked.
    public func resetPassword(through link: ValidPasswordLink, new newPassword: String, requestID: String? = nil) async throws -> RevokedCredentials {
        let bytes = link.secret
        var validation = Validation()
        PasswordPolicy.check(newPassword, email: link.email, displayName: link.displayName, field: "newPassword", into: &validation)
        try AccountsError.check(validation)
        let now = clock.now()
        let revoked = try await pool.transaction { connection -> RevokedCredentials? in
            let used = try await connection.query("""
                UPDATE password_reset_tokens t SET used_at = \(now)
                FROM users u
                WHERE t.token_digest = sha256(\(bytes)) AND t.used_at IS NULL AND t.expires_at > \(now) AND u.id = t.user_id AND NOT u.disabled
                RETURNING t.user_id, t.purpose
                """)
            guard let row = used.first else { return nil }
            let userID: UUID = try row.decode("user_id")
            try await connection.execute("UPDATE users SET password_hash = " + storedPassword(newPassword) + """
                , version = version + 1, updated_at = \(now) WHERE id = \(userID)
                """)
            try await connection.execute("DELETE FROM password_reset_tokens WHERE user_id = \(userID) AND used_at IS NULL")
            let revoked = try await revokeAllCredentials(of: userID, now: now, on: connection)
            try await AuditLog.record(
                on: connection, actor: userID, action: "user.reset_password_by_link", entity: "user", entityID: userID.lowercasedString,
                changes: ["purpose": try row.decode("purpose", as: String.self), "revokedSessions": String(revoked.revokedSessions),
                          "revokedApiKeys": String(revoked.revokedApiKeys)],
                requestID: requestID, at: now)
            return revoked
        }
        guard let revoked else { throw AccountsError.passwordLinkInvalid }
        return revoked
    }

    /// Deletes password link requests older than the hour they count in; with `pruneLoginAttempts`.
    @discardableResult
    func prunePasswordResetRequests(now: Date) async throws -> Int {
        try await pool.execute("DELETE FROM password_reset_requests WHERE requested_at < \(now.addingTimeInterval(-Self.passwordResetRequestWindow))")
    }
}
