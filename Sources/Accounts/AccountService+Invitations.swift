public import DomainKit
public import FoundationEssentials
public import Postgres

/// An invitation mailed and not used yet (it may have expired): when it was sent and until when it works.
public struct PendingInvitation: Sendable, Equatable {
    public let sentAt: Date
    public let expiresAt: Date
}

/// An account made by an administrator without a password: the person sets their own from a link mailed to them
/// (a password link of purpose `invitation`, 7 days, once), so no password is typed by one person for another and
/// passed on by some other channel. Until then the stored password is one no one knows.
extension AccountService {
    /// bcrypt over 32 random bytes that are never kept: no password signs in until the invitation sets one. Cost 4,
    /// since the secret is not guessable and the cost of a guess adds nothing.
    static let unknowablePassword: PostgresQuery = "crypt(encode(gen_random_bytes(32), 'hex'), gen_salt('bf', 4))"

    /// Creates the user as `createUser` does, with no password, and mails the invitation: `send` runs in the
    /// transaction that stores the user and the link, so either both are made and the mail queued, or nothing.
    public func inviteUser(
        _ new: NewUser, actor: Principal, requestID: String? = nil,
        send: @Sendable (PasswordLink, PostgresConnection) async throws -> Void
    ) async throws -> User {
        try requireAdmin(actor, Self.usersWrite)
        return try await insertUser(new, password: nil, actor: actor.userID, requestID: requestID) { user, now, connection in
            try await invite(user, actor: actor, requestID: requestID, now: now, on: connection, send: send)
        }
    }

    /// `inviteUser` in the caller's transaction, which commits or rolls back the user, the link and the mail with its own
    /// writes: an approved application to join adds its applicant this way (signup31). Its statements' errors abort
    /// the caller's transaction.
    public func inviteUser(
        _ new: NewUser, actor: Principal, requestID: String? = nil, on connection: PostgresConnection,
        send: @Sendable (PasswordLink, PostgresConnection) async throws -> Void
    ) async throws -> User {
        try requireAdmin(actor, Self.usersWrite)
        return try await insertUser(new, password: nil, actor: actor.userID, requestID: requestID, now: clock.now(), on: connection) { user, now, connection in
            try await invite(user, actor: actor, requestID: requestID, now: now, on: connection, send: send)
        }
    }

    /// What follows the insert of an invited user: its invitation link, issued and mailed in the same transaction.
    private func invite(
        _ user: User, actor: Principal, requestID: String?, now: Date, on connection: PostgresConnection,
        send: @Sendable (PasswordLink, PostgresConnection) async throws -> Void
    ) async throws {
        let holder = PasswordLinkHolder(id: user.id, email: user.email, displayName: user.displayName)
        try await send(try await issuePasswordLink(.invitation, to: holder, actor: actor.userID, requestID: requestID, now: now, on: connection), connection)
    }

    /// The user's newest unused invitation, expired or not; nil when none is waiting (used, replaced by a reset
    /// link, or the account was made with a password).
    public func pendingInvitation(ofUser userID: UUID, actor: Principal) async throws -> PendingInvitation? {
        try requireAdmin(actor, Self.usersRead)
        let rows = try await pool.query("""
            SELECT created_at, expires_at FROM password_reset_tokens
            WHERE user_id = \(userID) AND purpose = 'invitation' AND used_at IS NULL ORDER BY created_at DESC LIMIT 1
            """)
        return try rows.first.map { PendingInvitation(sentAt: try $0.decode("created_at"), expiresAt: try $0.decode("expires_at")) }
    }

    /// Mails a new invitation in place of a waiting one (the person lost it, or its 7 days passed). Refused with
    /// `.conflict` when no invitation is waiting or the user is disabled: an invitation never replaces a password
    /// the person has set.
    public func resendInvitation(
        userID: UUID, actor: Principal, requestID: String? = nil,
        send: @Sendable (PasswordLink, PostgresConnection) async throws -> Void
    ) async throws {
        try requireAdmin(actor, Self.usersWrite)
        let now = clock.now()
        try await pool.transaction { connection in
            let rows = try await connection.query("""
                SELECT u.id, u.email, u.display_name FROM users u
                WHERE u.id = \(userID) AND NOT u.disabled
                  AND EXISTS (SELECT 1 FROM password_reset_tokens t WHERE t.user_id = u.id AND t.purpose = 'invitation' AND t.used_at IS NULL)
                FOR UPDATE OF u
                """)
            guard let row = rows.first else { throw AccountsError.noPendingInvitation }
            let holder = try PasswordLinkHolder(id: row.decode("id"), email: row.decode("email"), displayName: row.decode("display_name"))
            try await send(try await issuePasswordLink(.invitation, to: holder, actor: actor.userID, requestID: requestID, now: now, on: connection), connection)
        }
    }
}
