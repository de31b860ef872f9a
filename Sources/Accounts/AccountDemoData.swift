public import FoundationEssentials
public import Postgres

/// The demo's side of the users table: App's seed names the demo users, this module writes them.
public enum AccountDemoData {
    /// Renames demo users still carrying the display name an earlier seed gave them, so a re-seed of an
    /// old database corrects the text in place. Only an exact earlier name changes: a name someone edited
    /// since is theirs, and a second run finds nothing to do. The users are found by email, as the seed
    /// finds them.
    public static func renameEarlierNames(_ renames: [(email: String, earlier: String, now: String)], at instant: Date, pool: PostgresPool) async throws {
        _ = try await pool.execute("""
            UPDATE users u SET display_name = r.now, version = u.version + 1, updated_at = \(instant)
            FROM unnest(\(renames.map(\.email))::text[], \(renames.map(\.earlier))::text[], \(renames.map(\.now))::text[]) AS r (email, earlier, now)
            WHERE u.email = r.email AND u.display_name = r.earlier
            """)
    }
}
