public import DomainKit
import FoundationEssentials
import Postgres

/// How many of a user's credentials a password reset or change revoked.
public struct RevokedCredentials: Sendable, Equatable, Codable {
    public let revokedSessions: Int
    public let revokedApiKeys: Int

    public init(revokedSessions: Int, revokedApiKeys: Int) {
        self.revokedSessions = revokedSessions
        self.revokedApiKeys = revokedApiKeys
    }
}

/// The answer to an administrator's password reset: the user as it is now and what was revoked.
public struct PasswordReset: Sendable, Equatable, Codable {
    public let user: User
    public let revokedSessions: Int
    public let revokedApiKeys: Int
}

/// Password resets and changes end every credential of the user: whoever knew the old password may
/// have made a session or an API key with it, and a key outlives any session (issue 17, item 1).
extension AccountService {
    /// The stored form of a new password, computed by pgcrypto: bcrypt (at `configuration.passwordCost`, production's 12) over
    /// the password's SHA-256 in hex, so that a password longer than bcrypt's 72 bytes still counts whole (docs/accounts.md).
    /// The one place it is written.
    func storedPassword(_ password: String) -> PostgresQuery {
        "crypt(encode(sha256(convert_to(\(password), 'UTF8')), 'hex'), gen_salt('bf', \(Int32(configuration.passwordCost))))"
    }

    /// Revokes every live session and API key of `userID` on `connection`, in the caller's transaction.
    func revokeAllCredentials(of userID: UUID, now: Date, on connection: PostgresConnection) async throws -> RevokedCredentials {
        let rows = try await connection.query("""
            UPDATE auth_tokens SET revoked_at = \(now) WHERE user_id = \(userID) AND revoked_at IS NULL RETURNING kind
            """)
        let kinds = try rows.map { try $0.decode("kind", as: String.self) }
        return RevokedCredentials(
            revokedSessions: kinds.count { $0 == TokenKind.session.rawValue },
            revokedApiKeys: kinds.count { $0 == TokenKind.apiKey.rawValue })
    }

    /// The signed-in user changes its own password, giving the current one. Every session (this one
    /// too) and API key of the user is revoked; sign in again with the new password.
    ///
    /// Only a login session may do this: an API key is a credential of an integration, not of the person.
    /// A wrong current password counts as a failed login for the account from this address, so a
    /// stolen session cannot be used to guess the password faster than the login route allows.
    public func changePassword(
        current: String, new newPassword: String, principal: Principal, clientAddress: String, requestID: String? = nil
    ) async throws -> RevokedCredentials {
        guard principal.scopes == nil else {
            throw AccountsError.forbidden("a password is changed from a login session, not with an API key")
        }
        let user = try await findUser(principal.userID)
        var validation = Validation()
        PasswordPolicy.check(newPassword, email: user.email, displayName: user.displayName, field: "newPassword", into: &validation)
        if newPassword == current { validation.add("newPassword", PasswordRule.sameAsCurrent.message) }
        try AccountsError.check(validation)
        let now = clock.now()
        let keys = LoginKeys(email: user.email, clientAddress: clientAddress)
        // PostgreSQL text cannot hold NUL and no stored password contains one.
        let given = current.utf8.contains(0) ? "" : current
        let outcome = try await pool.transaction { connection -> ChangeOutcome in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(keys.account), 0))")
            if let retryAfter = try await retryAfterSeconds(keys, now: now, on: connection) { return .throttled(retryAfter) }
            let changed = try await connection.query("UPDATE users SET password_hash = " + storedPassword(newPassword) + """
                , version = version + 1, updated_at = \(now)
                WHERE id = \(user.id) AND NOT disabled
                  AND password_hash = crypt(encode(sha256(convert_to(\(given), 'UTF8')), 'hex'), password_hash)
                RETURNING id
                """)
            guard !changed.isEmpty else {
                try await recordAttempt(keys, succeeded: false, now: now, on: connection)
                return .wrongPassword
            }
            let revoked = try await revokeAllCredentials(of: user.id, now: now, on: connection)
            try await AuditLog.record(
                on: connection, actor: user.id, action: "user.change_password", entity: "user", entityID: user.id.lowercasedString,
                changes: ["revokedSessions": String(revoked.revokedSessions), "revokedApiKeys": String(revoked.revokedApiKeys)],
                requestID: requestID, at: now)
            return .changed(revoked)
        }
        switch outcome {
        case .changed(let revoked): return revoked
        case .wrongPassword: throw AccountsError.invalid([FieldError(field: "currentPassword", message: "is not your current password")])
        case .throttled(let seconds): throw AccountsError.throttled(retryAfterSeconds: seconds)
        }
    }

    private enum ChangeOutcome {
        case changed(RevokedCredentials)
        case wrongPassword
        case throttled(Int)
    }
}
