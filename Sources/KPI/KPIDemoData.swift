public import DomainKit
import FoundationEssentials
public import Postgres

/// Demo figures for `make run`: targets for every fiscal year from the plan's end through the current one
/// (the plan's last yearly targets, as an administrator would carry them on), so the demo shows ratings
/// on any date; then every known fiscal year recounted at once, so the KPIs show before the worker runs.
public enum KPIDemoData {
    public static func load(pool: PostgresPool, clock: ProgrammeClock) async throws {
        let store = KPIStore()
        let current = clock.fiscalYear().startYear
        try await pool.transaction { db in
            if current > kpiPlanLastYear.startYear {
                try await db.execute("""
                    INSERT INTO kpi_targets (code, fiscal_year, target)
                    SELECT t.code, y, t.target FROM kpi_targets t, generate_series(\(kpiPlanLastYear.startYear + 1)::int, \(current)::int) y
                    WHERE t.fiscal_year = \(kpiPlanLastYear.startYear)
                    ON CONFLICT (code, fiscal_year) DO NOTHING
                    """)
            }
            for fy in try await store.knownFiscalYears(now: clock.now(), on: db) {
                try await store.recount(fiscalYear: fy, on: db)
            }
        }
    }
}
