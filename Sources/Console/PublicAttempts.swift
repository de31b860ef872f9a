import DomainKit
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

    /// Records one submission from `address` (its source, `ClientAddress.limitKey`: an IPv6 host's /64) and says
    /// whether it is within the limit. Submissions from one source take turns on a transaction-level advisory lock:
    /// under READ COMMITTED a statement does not see rows that concurrent statements have not committed yet, so
    /// thirty posts sent at once all counted the same earlier attempts and all passed a limit of 20. With the lock
    /// held, the count starts after the previous submission committed. Then one statement: rows that left the
    /// window are deleted, and the attempt is inserted only when it is within the limit (a CTE's reads do not see
    /// its own inserts, hence the count before it, + 1). A refused attempt writes nothing (audit36): it used to be
    /// stored too, so one caller posting without pause added a row per post, unbounded until the window passed;
    /// now a source holds at most `limit` rows, and a refused source is admitted again as its oldest admitted
    /// attempt leaves the window.
    func admit(address: String, now: Date) async throws -> Bool {
        let since = now.addingTimeInterval(-window)
        let source = ClientAddress.limitKey(address)
        return try await pool.transaction { db in
            try await db.execute("SELECT pg_advisory_xact_lock(hashtextextended(\("public-attempt:" + source), 0))")
            let rows = try await db.query("""
                WITH expired AS (DELETE FROM console_public_attempts WHERE attempted_at <= \(since)),
                     earlier AS (SELECT count(*) AS n FROM console_public_attempts
                                 WHERE address_digest = sha256(convert_to(\(source), 'UTF8')) AND attempted_at > \(since)),
                     attempt AS (INSERT INTO console_public_attempts (address_digest, attempted_at)
                                 SELECT sha256(convert_to(\(source), 'UTF8')), \(now) FROM earlier WHERE n < \(limit))
                SELECT n < \(limit) AS admitted FROM earlier
                """)
            return try rows[0].decode("admitted", as: Bool.self)
        }
    }
}
