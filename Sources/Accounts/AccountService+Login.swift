import DomainKit
import FoundationEssentials
import Postgres

/// The `login_attempts` keys of one attempt. Every attempt is recorded under all three.
struct LoginKeys {
    /// The account from anywhere; also the advisory-lock key that serialises attempts on the account.
    let account: String
    /// The account from this client address: the count that slows a guesser down, and, through its
    /// successes, what makes the address "known" to the account.
    let pair: String
    /// This client address over every account.
    let address: String

    /// `clientAddress` counts as its source (`ClientAddress.limitKey`: an IPv6 host's /64).
    init(email: String, clientAddress: String) {
        let clientAddress = ClientAddress.limitKey(clientAddress)
        account = "account:" + email
        pair = "account:" + email + " address:" + clientAddress
        address = "address:" + clientAddress
    }
}

extension AccountService {
    /// A bcrypt hash at `cost` that no password matches. An unknown email is still checked against it at the
    /// configured cost, so answering "no such user" costs the same bcrypt round as a wrong password for an
    /// account whose password was set under the same setting. The salt and digest are of a cost-12 hash of a
    /// secret never kept; under another cost they match nothing either.
    static func unmatchableHash(cost: Int) -> String {
        "$2a$" + (cost < 10 ? "0" : "") + String(cost) + "$Q9M5yD0.6pSWuXpAGnqYCeiO0OQnS3vHS.Yu8Hcv2oVR7BFqgSbGW"
    }

    /// Exchanges an email and password for a session token.
    ///
    /// Unknown email, wrong password and disabled account all throw the same `invalidCredentials`
    /// after the same single bcrypt computation. Failures are counted per account and address, per
    /// account and per address; past a limit the attempt is refused before any password is checked.
    public func login(email: String, password: String, clientAddress: String, requestID: String? = nil) async throws -> IssuedToken {
        let now = clock.now()
        let email = UserFields.normalizedEmail(email)
        let keys = LoginKeys(email: email, clientAddress: clientAddress)
        // PostgreSQL text cannot hold NUL and no stored password contains one: check the empty string
        // instead (same cost) and refuse.
        let acceptable = !password.utf8.contains(0)
        let outcome = try await pool.transaction { connection -> LoginOutcome in
            // Attempts on one account queue here, so concurrent guesses cannot overshoot the account limits
            // between the count and the insert. The lock ends with the transaction.
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(keys.account), 0))")
            if let retryAfter = try await retryAfterSeconds(keys, now: now, on: connection) {
                return .throttled(retryAfter)
            }
            // Always exactly one row and one crypt(): the LEFT JOIN keeps the row for an unknown email.
            let row = try await connection.query("""
                SELECT u.id, u.disabled,
                       crypt(encode(sha256(convert_to(\(acceptable ? password : ""), 'UTF8')), 'hex'),
                             coalesce(u.password_hash, \(Self.unmatchableHash(cost: configuration.passwordCost)))) = u.password_hash AS matches
                FROM (VALUES (1)) AS one LEFT JOIN users u ON u.email = \(email)
                """)[0]
            let userID: UUID? = try row.decode("id")
            let matches = try row.decode("matches", as: Bool?.self) ?? false
            let disabled = try row.decode("disabled", as: Bool?.self) ?? true
            let succeeded = acceptable && matches && !disabled
            try await recordAttempt(keys, succeeded: succeeded, now: now, on: connection)
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

    func recordAttempt(_ keys: LoginKeys, succeeded: Bool, now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute("""
            INSERT INTO login_attempts (key, attempted_at, succeeded)
            VALUES (\(keys.account), \(now), \(succeeded)), (\(keys.pair), \(now), \(succeeded)), (\(keys.address), \(now), \(succeeded))
            """)
    }

    /// Seconds until this account may be tried from this address again, or nil when no limit is reached.
    ///
    /// For a limit of n, the n-th most recent failure inside the window is the one that must age out
    /// before another attempt is allowed: a sliding window that slows guessing to n per window, never
    /// a lock that outlasts it. Three counts:
    /// - account from this address, since its last success there: a guesser at one address is slowed
    ///   without touching the owner at another (the old per-account lock let anyone lock anyone out);
    /// - account from everywhere, since its last success: a guesser spread over many addresses; this
    ///   one is skipped for an address the account signed in from within `knownAddressPeriod`, so the
    ///   owner keeps a way in from home while the account is under attack;
    /// - this address over every account, never restarted by a success (an attacker could otherwise
    ///   reset it by signing in to an account of its own).
    func retryAfterSeconds(_ keys: LoginKeys, now: Date, on connection: PostgresConnection) async throws -> Int? {
        let window = configuration.throttleWindow.seconds
        let since = now.addingTimeInterval(-window)
        let knownSince = now.addingTimeInterval(-configuration.knownAddressPeriod.seconds)
        let rows = try await connection.query("""
            WITH known AS (
                SELECT EXISTS (SELECT 1 FROM login_attempts WHERE key = \(keys.pair) AND succeeded AND attempted_at > \(knownSince)) AS yes
            ), recent AS (
                SELECT a.key, a.attempted_at, row_number() OVER (PARTITION BY a.key ORDER BY a.attempted_at DESC) AS position
                FROM login_attempts a
                WHERE a.key IN (\(keys.account), \(keys.pair), \(keys.address)) AND NOT a.succeeded AND a.attempted_at > \(since)
                  AND (a.key = \(keys.address) OR a.attempted_at > coalesce(
                      (SELECT max(s.attempted_at) FROM login_attempts s WHERE s.key = a.key AND s.succeeded), '-infinity'))
            )
            SELECT attempted_at FROM recent
            WHERE (key = \(keys.pair) AND position = \(configuration.accountFailureLimit))
               OR (key = \(keys.account) AND position = \(configuration.accountWideFailureLimit) AND NOT (SELECT yes FROM known))
               OR (key = \(keys.address) AND position = \(configuration.addressFailureLimit))
            """)
        let waits = try rows.map { row in
            let failedAt: Date = try row.decode("attempted_at")
            return Int((failedAt.timeIntervalSince(now) + window).rounded(.up))
        }
        return waits.max().map { max(1, $0) }
    }

    /// Deletes login attempts older than the throttle window, keeping successes as long as they make
    /// an address known; for a periodic job. Returns how many.
    @discardableResult
    public func pruneLoginAttempts() async throws -> Int {
        let now = clock.now()
        let failuresBefore = now.addingTimeInterval(-configuration.throttleWindow.seconds)
        let successesBefore = now.addingTimeInterval(-max(configuration.throttleWindow.seconds, configuration.knownAddressPeriod.seconds))
        try await prunePasswordResetRequests(now: now)
        return try await pool.execute("""
            DELETE FROM login_attempts
            WHERE attempted_at < \(failuresBefore) AND (NOT succeeded OR attempted_at < \(successesBefore))
            """)
    }

    /// Deletes up to `batch` session tokens that expired before now, which no lookup accepts any more;
    /// API keys stay, expired or revoked, since their owners list them. Returns how many.
    @discardableResult
    public func pruneExpiredSessions(batch: Int) async throws -> Int {
        try await pool.execute("""
            DELETE FROM auth_tokens WHERE token_digest IN (
                SELECT token_digest FROM auth_tokens WHERE kind = 'session' AND expires_at <= \(clock.now()) LIMIT \(batch))
            """)
    }
}
