import FoundationEssentials
import Postgres

/// The upkeep of the matching change feed (`matching_company_changes`, migrations 0010 and 0021).
struct ChangeFeedStore {
    /// Deletes up to `batch` changes written before `cutoff`, oldest first, and returns how many. In the
    /// same statement it adds them to their companies' pruned counts (so versions never go down) and
    /// raises the feed's floor to the newest transaction it deleted from, so an index that might still
    /// need one of them (its horizon is not past that transaction) rebuilds rather than miss it. That
    /// makes deleting any committed change safe, even one of a transaction that ran for days.
    func prune(olderThan window: Duration, batch: Int, on db: PostgresConnection) async throws -> Int {
        let rows = try await db.query("""
            WITH gone AS (
                DELETE FROM matching_company_changes WHERE seq IN (
                    SELECT seq FROM matching_company_changes
                    WHERE changed_at < now() - make_interval(secs => \(Double(window.components.seconds)))
                    ORDER BY seq LIMIT \(batch))
                RETURNING company_id, xid
            ), counted AS (
                INSERT INTO matching_company_pruned_changes (company_id, pruned)
                SELECT company_id, count(*) FROM gone GROUP BY company_id
                ON CONFLICT (company_id) DO UPDATE SET pruned = matching_company_pruned_changes.pruned + EXCLUDED.pruned
            ), floor AS (
                INSERT INTO matching_change_feed_floor (pruned_through)
                SELECT xid FROM gone ORDER BY xid DESC LIMIT 1
                ON CONFLICT (only_row) DO UPDATE SET pruned_through = greatest(matching_change_feed_floor.pruned_through, EXCLUDED.pruned_through)
            )
            SELECT count(*)::int AS pruned FROM gone
            """)
        return try rows[0].decode("pruned")
    }
}
