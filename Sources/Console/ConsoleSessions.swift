import FoundationEssentials
import Postgres

/// The SQL of console sessions (Migrations/0027). A session row lives beside the Accounts session
/// token in the cookie; both must be valid for a request to be signed in.
struct ConsoleSessions: Sendable {
    /// A person away this long signs in again (DADS and NISC guidance for shared office machines).
    static let idleTimeout: TimeInterval = 30 * 60

    let pool: PostgresPool

    /// Records a new session for a token just issued by login and returns its CSRF token. Rows of
    /// sessions past their absolute expiry are cleared on the way, so the table stays small without a job.
    func start(token: String, expiresAt: Date, now: Date) async throws -> String {
        try await pool.transaction { db in
            try await db.execute("DELETE FROM console_sessions WHERE expires_at <= \(now)")
            let row = try await db.query("""
                INSERT INTO console_sessions (token_digest, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (sha256(convert_to(\(token), 'UTF8')), encode(gen_random_bytes(24), 'hex'), \(now), \(now), \(expiresAt))
                RETURNING csrf_token
                """)[0]
            return try row.decode("csrf_token")
        }
    }

    /// The session's CSRF token when the session is neither idle too long nor past its expiry; it also
    /// moves the idle deadline. One statement, so two tabs cannot race an expiry check against a touch.
    func touch(token: String, now: Date) async throws -> String? {
        let idleSince = now.addingTimeInterval(-Self.idleTimeout)
        let rows = try await pool.query("""
            UPDATE console_sessions SET last_seen_at = \(now)
            WHERE token_digest = sha256(convert_to(\(token), 'UTF8')) AND last_seen_at > \(idleSince) AND expires_at > \(now)
            RETURNING csrf_token
            """)
        return try rows.first?.decode("csrf_token")
    }

    func end(token: String) async throws {
        try await pool.execute("DELETE FROM console_sessions WHERE token_digest = sha256(convert_to(\(token), 'UTF8'))")
    }
}
