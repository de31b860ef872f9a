import FoundationEssentials
import Postgres

/// The rate limit of the public forms (Migrations/0030): at most `limit` submissions per client address
/// in a sliding `window`. Counted in PostgreSQL, so every instance behind the proxy shares the count.
struct PublicAttempts: Sendable {
    /// A university lab or a company behind one NAT address registers several people; a script
    /// trying addresses or filling the waitlist sends hundreds.
    static let defaultLimit = 20
    static let defaultWindow: TimeInterval = 60 * 60

    let pool: PostgresPool
    let limit: Int
    let window: TimeInterval

    /// Records one submission from `address` and says whether it is within the limit. One statement:
    /// rows that left the window are deleted, this attempt is inserted, and the earlier attempts still
    /// in the window are counted (a CTE's reads do not see its own inserts, hence the + 1).
    func admit(address: String, now: Date) async throws -> Bool {
        let since = now.addingTimeInterval(-window)
        let rows = try await pool.query("""
            WITH expired AS (DELETE FROM console_public_attempts WHERE attempted_at <= \(since)),
                 attempt AS (INSERT INTO console_public_attempts (address_digest, attempted_at)
                             VALUES (sha256(convert_to(\(address), 'UTF8')), \(now)))
            SELECT count(*) + 1 AS attempts FROM console_public_attempts
            WHERE address_digest = sha256(convert_to(\(address), 'UTF8')) AND attempted_at > \(since)
            """)
        let attempts: Int = try rows[0].decode("attempts")
        return attempts <= limit
    }
}
