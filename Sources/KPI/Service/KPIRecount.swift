public import DomainKit
import FoundationEssentials
public import Jobs
import Notifications
import Postgres

/// The `kpi.recount` job: recounts one fiscal year (payload `{"fiscalYear": 2024}`) or, without one,
/// every known fiscal year (the nightly full recount). Triggers on the source tables enqueue it in the
/// writing transaction (migration 0019, `enqueue_job`), unique per fiscal year, and paced: a year's
/// recount runs at most once every two seconds while writes keep coming (migration 0073), counted from
/// the start this job records first. The counts, the snapshot and the job's completion commit together.
public enum KPIRecount {
    public static let kind = "kpi.recount"

    /// Every night at 02:30 in Japan, a full recount of all fiscal years.
    public static let nightly = PeriodicJob(name: "kpi.nightly_recount", schedule: .dailyInJapan(hour: 2, minute: 30)) { _ in
        NewJob(kind: kind, payloadJSON: "{}", maxAttempts: 5, uniqueKey: "kpi.recount:all")
    }

    struct Payload: Decodable { let fiscalYear: Int? }

    public static func register(into handlers: inout JobHandlers, clock: ProgrammeClock) {
        handlers.register(kind) { context in
            let payload = try JSONDecoder().decode(Payload.self, from: Data(context.job.payloadJSON.utf8))
            let store = KPIStore()
            let ticket: Int64?
            if let fy = payload.fiscalYear, kpiFiscalYears.contains(fy) {
                ticket = try await store.recordRecountStart(fiscalYear: fy, in: context.pool)
            } else {
                ticket = nil
            }
            try await context.pool.transaction { db in
                let instant = clock.now()
                let years: [Int]
                if let fy = payload.fiscalYear {
                    guard kpiFiscalYears.contains(fy), let ticket else { throw KPIError.fiscalYearOutOfRange(field: "fiscalYear") }
                    // Superseded while it waited for the year: the newer recount counts, and alerts, after this one.
                    years = try await store.recount(fiscalYear: fy, unlessSupersededAfter: ticket, on: db) ? [fy] : []
                } else {
                    years = try await store.knownFiscalYears(now: instant, on: db)
                    for fy in years { try await store.recount(fiscalYear: fy, on: db) }
                }
                // Only a recount of the current fiscal year can change its forecast.
                if years.contains(FiscalYear(containing: instant).startYear) { try await alertAtRisk(at: instant, on: db) }
                try await context.complete(on: db)
            }
        }
    }

    /// Publishes `kpi_at_risk` for each KPI of the current fiscal year whose forecast rates ★2 or below,
    /// once per KPI, year and rating (table `kpi_alerts`), in the recount's transaction.
    static func alertAtRisk(at instant: Date, on db: PostgresConnection) async throws {
        let fy = FiscalYear(containing: instant).startYear
        let overview = try await KPIService.overview(fiscalYear: fy, at: instant, on: db)
        for kpi in overview.kpis {
            guard let rating = kpi.forecastRating, rating <= 2, let forecast = kpi.forecast, let target = kpi.target else { continue }
            let fresh = try await db.query("""
                INSERT INTO kpi_alerts (code, fiscal_year, forecast_rating) VALUES (\(kpi.code), \(fy), \(rating))
                ON CONFLICT DO NOTHING RETURNING code
                """)
            guard !fresh.isEmpty else { continue }
            _ = try await Notifications.publish(NotificationEvent(
                kind: .kpiAtRisk,
                summary: "KPI \(kpi.number) \(kpi.nameJa) / \(kpi.nameEn): forecast \(forecast) of \(target) for \(overview.fiscalYearJa) (FY\(fy)), ★\(rating)",
                data: ["code": .string(kpi.code), "fiscalYear": .number(Double(fy)), "forecast": .number(Double(forecast)),
                       "target": .number(Double(target)), "forecastRating": .number(Double(rating))], occurredAt: instant), on: db)
        }
    }
}
