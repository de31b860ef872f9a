public import DomainKit
import FoundationEssentials
public import Postgres

/// Demo figures for `make run`: the other modules' demo records already enqueued recounts through the
/// triggers; this recounts every known fiscal year at once, so the KPIs show before the worker runs.
public enum KPIDemoData {
    public static func load(pool: PostgresPool, clock: ProgrammeClock) async throws {
        let store = KPIStore()
        try await pool.transaction { db in
            for fy in try await store.knownFiscalYears(now: clock.now(), on: db) {
                try await store.recount(fiscalYear: fy, on: db)
            }
        }
    }
}
