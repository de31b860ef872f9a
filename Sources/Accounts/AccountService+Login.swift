import DomainKit
import FoundationEssentials
import Postgres

extension AccountService {
    /// A bcrypt hash of cost 12 that no password matches. An unknown email is still checked against
    /// it, so answering "no such user" costs the same bcrypt round as a wrong password.
    static let unmatchableHash = "$2a$12$Q9M5yD0.6pSWuXpAGnqYCeiO0OQnS3vHS.Yu8Hcv2oVR7BFqgSbGW"

    /// Exchanges an email and password for a session token.
    ///
    /// Unknown email, wrong password and disabled account all throw the same `invalidCredentials`
    /// after the same single bcrypt computation. Failures are counted per account and per client
    /// address; past the limits the attempt is refused before any password is checked.
    public func login(email: String, password: String, clientAddress: String, requestID: String? = nil) async throws -> IssuedToken {
        let now = clock.now()
        let email = UserFields.normalizedEmail(email)
        let accountKey = "account:" + email
        let addressKey = "address:" + clientAddress
        // PostgreSQL text cannot hold NUL and no stored password contains one: check the empty string
        // instead (same cost) and refuse.
        let acceptable = !password.utf8.contains(0)
        let outcome = try await pool.transaction { connection -> LoginOutcome in
            // Attempts on one account queue here, so concurrent guesses cannot overshoot the account limit
            // between the count and the insert. The lock ends with the transaction.
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(accountKey), 0))")
            if let retryAfter = try await retryAfterSeconds(accountKey: accountKey, addressKey: addressKey, now: now, on: connection) {
                return .throttled(retryAfter)
            }
            // Always exactly one row and one crypt(): the LEFT JOIN keeps the row for an unknown email.
            let row = try await connection.query("""
                SELECT u.id, u.disabled,
                       crypt(encode(sha256(convert_to(\(acceptable ? password : ""), 'UTF8')), 'hex'),
                             coalesce(u.password_hash, \(Self.unmatchableHash))) = u.password_hash AS matches
                FROM (VALUES (1)) AS one LEFT JOIN users u ON u.email = \(email)
                """)[0]
            let userID: UUID? = try row.decode("id")
            let matches = try row.decode("matches", as: Bool?.self) ?? false
            let disabled = try row.decode("disabled", as: Bool?.self) ?? true
            let succeeded = acceptable && matches && !disabled
            try await connection.execute("""
                INSERT INTO login_attempts (key, attempted_at, succeeded)
                VALUES (\(accountKey), \(now), \(succeeded)), (\(addressKey), \(now), \(succeeded))
                """)
            guard succeeded, let userID else { return .refused }
            let token = try await issueToken(
                .session, userID: userID, expiresAt: now.addingTimeInterval(configuration.sessionLifetime.seconds), now: now,
                on: connection)
            try await AuditLog.record(
                on: connection, actor: userID, action: "session.create", entity: "session", entityID: token.id.lowercasedString,
                requestID: requestID, at: now)
            return .issued(token)
        }
        // Thrown only after the commit, so the failed attempt stays counted.
        switch outcome {
        case .issued(let token): return token
        case .refused: throw AccountsError.invalidCredentials
        case .throttled(let seconds): throw AccountsError.throttled(retryAfterSeconds: seconds)
        }
    }

    private enum LoginOutcome {
        case issued(IssuedToken)
        case refused
        case throttled(Int)
    }

    /// Seconds until the account or the address may try again, or nil when neither is over its limit.
    ///
    /// For a limit of n, the n-th most recent failure inside the window is the one that must age out
    /// before another attempt is allowed. An account's count restarts at its last success; an
    /// address's does not, or an attacker could reset it by signing in to an account of its own.
    func retryAfterSeconds(accountKey: String, addressKey: String, now: Date, on connection: PostgresConnection) async throws -> Int? {
        let window = configuration.throttleWindow.seconds
        let since = now.addingTimeInterval(-window)
        let rows = try await connection.query("""
            SELECT attempted_at FROM (
                SELECT key, attempted_at, row_number() OVER (PARTITION BY key ORDER BY attempted_at DESC) AS position
                FROM login_attempts
                WHERE key IN (\(accountKey), \(addressKey)) AND NOT succeeded AND attempted_at > \(since)
                  AND (key = \(addressKey) OR attempted_at > coalesce(
                      (SELECT max(attempted_at) FROM login_attempts WHERE key = \(accountKey) AND succeeded), '-infinity'))
            ) AS recent
            WHERE (key = \(accountKey) AND position = \(configuration.accountFailureLimit))
               OR (key = \(addressKey) AND position = \(configuration.addressFailureLimit))
            """)
        let waits = try rows.map { row in
            let failedAt: Date = try row.decode("attempted_at")
            return Int((failedAt.timeIntervalSince(now) + window).rounded(.up))
        }
        return waits.max().map { max(1, $0) }
    }

    /// Deletes login attempts older than the throttle window; for a periodic job. Returns how many.
    @discardableResult
    public func pruneLoginAttempts() async throws -> Int {
        try await pool.execute("DELETE FROM login_attempts WHERE attempted_at < \(clock.now().addingTimeInterval(-configuration.throttleWindow.seconds))")
    }
}
