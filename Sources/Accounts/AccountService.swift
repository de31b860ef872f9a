public import DomainKit
public import FoundationEssentials
public import Postgres

/// Users, login, bearer tokens and API keys. No HTTP here: App maps these calls to routes and
/// `AccountsError` to problems.
///
/// Passwords never leave PostgreSQL's pgcrypto: bcrypt (cost 12, `Configuration.passwordCost`) over the hex SHA-256 of the UTF-8
/// password. The pre-hash matters because bcrypt reads only 72 bytes, i.e. 24 Japanese characters;
/// without it two passwords sharing those would both verify. Tokens are 32 bytes from
/// `gen_random_bytes`, stored only as their SHA-256.
public struct AccountService: Sendable {
    public struct Configuration: Sendable {
        public var sessionLifetime: Duration
        /// Failed logins tolerated within `throttleWindow` per account from one client address (since
        /// the last success from there), per account from every address together, and per client
        /// address over every account; the next attempt gets 429 with a retry-after.
        public var accountFailureLimit: Int
        /// Past this many failures of an account from anywhere, only addresses the account signed in
        /// from within `knownAddressPeriod` may still try: its owner keeps a way in during an attack.
        public var accountWideFailureLimit: Int
        public var addressFailureLimit: Int
        public var throttleWindow: Duration
        public var knownAddressPeriod: Duration
        /// `last_used_at` is written at most this often per token, so authentication rarely writes.
        public var lastUsedResolution: Duration
        /// bcrypt's cost (the log2 of its rounds) for passwords stored from now on, and for the login's work on an
        /// unknown email. A stored hash names its own cost, so a change never locks out a password set before it.
        /// Production's is `productionPasswordCost`; App lowers it only in development, where tests run at
        /// `minimumPasswordCost` (docs/accounts.md).
        public var passwordCost: Int

        /// About 250 ms of PostgreSQL's CPU per hash here: what makes a stolen hash slow to guess.
        public static let productionPasswordCost = 12
        /// bcrypt's floor (pgcrypto refuses less), some 250 times cheaper than 12: for tests and development only.
        public static let minimumPasswordCost = 4

        public init(
            sessionLifetime: Duration = .seconds(12 * 3600), accountFailureLimit: Int = 5, accountWideFailureLimit: Int = 20,
            addressFailureLimit: Int = 50, throttleWindow: Duration = .seconds(15 * 60), knownAddressPeriod: Duration = .seconds(30 * 86400),
            lastUsedResolution: Duration = .seconds(60), passwordCost: Int = productionPasswordCost
        ) {
            self.sessionLifetime = sessionLifetime
            self.accountFailureLimit = accountFailureLimit
            self.accountWideFailureLimit = accountWideFailureLimit
            self.addressFailureLimit = addressFailureLimit
            self.throttleWindow = throttleWindow
            self.knownAddressPeriod = knownAddressPeriod
            self.lastUsedResolution = lastUsedResolution
            self.passwordCost = passwordCost
        }
    }

    public let pool: PostgresPool
    public let configuration: Configuration
    let clock: ProgrammeClock
    /// The API's access policy, derived from its route table (App passes it): which scopes each role
    /// may put on an API key. The default, an empty policy, grants none (fail closed).
    public let permissions: AccessPolicy
    /// When set, tokens the database verified are reused until a revocation anywhere is committed
    /// (`VerifiedTokenCache`); nil asks the database on every request.
    let verifiedTokens: VerifiedTokenCache?

    public init(
        pool: PostgresPool, configuration: Configuration = Configuration(), clock: ProgrammeClock,
        permissions: AccessPolicy = AccessPolicy(routes: []), verifiedTokens: VerifiedTokenCache? = nil
    ) {
        self.pool = pool
        self.configuration = configuration
        self.clock = clock
        self.permissions = permissions
        self.verifiedTokens = verifiedTokens
    }

    /// This service under `permissions` (App's composition root builds the route table first), with
    /// the same token cache: a cached caller's scopes were cut to the policy, which never changes in a
    /// process.
    public func governed(by permissions: AccessPolicy) -> AccountService {
        AccountService(pool: pool, configuration: configuration, clock: clock, permissions: permissions, verifiedTokens: verifiedTokens)
    }

    // MARK: Tokens

    /// The caller behind a bearer token, or nil when the token is malformed, unknown, revoked, expired,
    /// or its user is disabled. One statement, by the digest's primary key; it also stamps
    /// `last_used_at` when the stamp is older than `lastUsedResolution` (otherwise it writes nothing).
    public func authenticate(token: String) async throws -> Principal? {
        try await authentication(token: token)?.principal
    }

    /// `authenticate(token:)` with the user row the same statement read, as the request's `account`.
    /// With a `VerifiedTokenCache`, a token verified recently costs no statement (see there for why a
    /// revocation is still in force before the next request is answered).
    public func authentication(token: String) async throws -> Authentication? {
        guard let secret = TokenSecret(token) else { return nil }
        let now = clock.now()
        guard let verifiedTokens else { return try await lookUp(secret, now: now)?.authentication }
        let digest = SHA256.hash(secret.bytes)
        if let cached = await verifiedTokens.authentication(digest: digest, kind: secret.kind, now: now) { return cached }
        let generation = await verifiedTokens.generationBeforeLookup()
        guard let found = try await lookUp(secret, now: now) else { return nil }
        if let generation {
            verifiedTokens.store(
                found.authentication, digest: digest, kind: secret.kind, expiresAt: found.expiresAt, now: now, generation: generation)
        }
        return found.authentication
    }

    /// The one statement behind a token, and the token's expiry for the cache.
    private func lookUp(_ secret: TokenSecret, now: Date) async throws -> (authentication: Authentication, expiresAt: Date?)? {
        let stampBefore = now.addingTimeInterval(-configuration.lastUsedResolution.seconds)
        let rows = try await pool.query(Self.tokenLookup(secret: secret.bytes, kind: secret.kind, now: now, stampBefore: stampBefore))
        guard let row = rows.first else { return nil }
        let user = try User(row: row)
        // A key keeps only what its owner's current role allows, so a demotion shrinks old keys at once.
        let scopes = try row.decode("scopes", as: [String]?.self)
            .map { Set(try APIKey.scopes($0)).intersection(permissions.scopes(for: user.role)) }
        let principal = Principal(
            userID: user.id, role: user.role, companyID: user.companyID, liaisonBaseID: user.liaisonBaseID, scopes: scopes)
        return (Authentication(principal: principal, account: user), try row.decode("expires_at", as: Date?.self))
    }

    private static let userColumnsOfTokenLookup = User.columns.qualified(by: "u")

    /// The statement behind every bearer token: its parameters are the secret (hashed in the
    /// statement), the token kind, the time and the oldest `last_used_at` left unstamped. Public so
    /// that `DominoBench me` runs this very statement under pgbench.
    public static func tokenLookup(secret: Data, kind: TokenKind, now: Date, stampBefore: Date) -> PostgresQuery {
        """
        WITH found AS (
            SELECT t.token_digest, t.scopes, t.expires_at, \(userColumnsOfTokenLookup)
            FROM auth_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_digest = sha256(\(secret)) AND t.kind = \(kind.rawValue)
              AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > \(now)) AND NOT u.disabled
        ), stamped AS (
            UPDATE auth_tokens SET last_used_at = \(now)
            WHERE token_digest = (SELECT token_digest FROM found)
              AND (last_used_at IS NULL OR last_used_at <= \(stampBefore))
        )
        SELECT scopes, expires_at, \(User.columns) FROM found
        """
    }

    /// Revokes the session behind `token`. Unknown, malformed or already revoked tokens are ignored:
    /// logging out twice is not an error. An API key is refused with 403 rather than revoked: an
    /// integration's key is ended deliberately, by `DELETE /v1/api-keys/{id}` (and so in the audit log
    /// as `api_key.revoke`), never as a side effect of a client's generic "log out" (issue 17, item 2).
    public func logout(token: String, requestID: String? = nil) async throws {
        guard let secret = TokenSecret(token) else { return }
        guard secret.kind == .session else {
            throw AccountsError.forbidden("an API key is not a session and cannot log out; revoke it with DELETE /v1/api-keys/{id}")
        }
        let now = clock.now()
        try await pool.transaction { connection in
            let rows = try await connection.query("""
                UPDATE auth_tokens SET revoked_at = \(now)
                WHERE token_digest = sha256(\(secret.bytes)) AND kind = 'session' AND revoked_at IS NULL
                RETURNING user_id, id
                """)
            guard let row = rows.first else { return }
            let userID: UUID = try row.decode("user_id")
            try await AuditLog.record(
                on: connection, actor: userID, action: "session.revoke", entity: "session",
                entityID: try row.decode("id", as: UUID.self).lowercasedString, requestID: requestID, at: now)
        }
    }

    /// The signed-in user's own record.
    public func me(_ principal: Principal) async throws -> User {
        try await findUser(principal.userID)
    }

    /// Creates a token of `kind` on `connection` and returns its only copy.
    func issueToken(
        _ kind: TokenKind, userID: UUID, name: String? = nil, scopes: [Scope]? = nil, expiresAt: Date?, now: Date,
        on connection: PostgresConnection
    ) async throws -> IssuedToken {
        let bytes: Data = try await connection.query("SELECT gen_random_bytes(32) AS secret")[0].decode("secret")
        let secret = TokenSecret(kind: kind, bytes: bytes)
        let row = try await connection.query("""
            INSERT INTO auth_tokens (token_digest, user_id, kind, name, scopes, created_at, expires_at)
            VALUES (sha256(\(bytes)), \(userID), \(kind.rawValue), \(name), \(scopes?.map(\.description)), \(now), \(expiresAt))
            RETURNING id
            """)[0]
        return IssuedToken(
            token: secret.text, kind: kind, id: try row.decode("id"), userID: userID, expiresAt: expiresAt, name: name,
            scopes: scopes)
    }

    func findUser(_ id: UUID) async throws -> User {
        let rows = try await pool.query("SELECT \(User.columns) FROM users WHERE id = \(id)")
        guard let row = rows.first else { throw AccountsError.userNotFound }
        return try User(row: row)
    }
}

extension Duration {
    var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension UUID {
    /// PostgreSQL's spelling, used for audit entity ids.
    var lowercasedString: String { uuidString.lowercased() }
}
