import DomainKit
public import FoundationEssentials
public import Jobs
import Notifications
import Postgres

/// The recount jobs. `kpi.recount` (payload `fiscalYear`) is enqueued by the row triggers of migration
/// 0019 in every writer's transaction, one waiting job per year; `kpi.recount.nightly` recounts every
/// year from the programme's start to the current one. A recount of the current year that forecasts
/// ★2 or below publishes `kpi_at_risk`, at most once a day per KPI (the event id is the KPI and the date).
public enum KPIRecount {
    public static let kind = "kpi.recount"
    public static let nightlyKind = "kpi.recount.nightly"

    struct Payload: Codable { let fiscalYear: Int }

    /// Nightly at 02:00 in Japan: the safety net behind the triggers.
    public static let nightly = PeriodicJob(name: nightlyKind, schedule: .dailyInJapan(hour: 2, minute: 0)) { _ in
        NewJob(kind: nightlyKind, maxAttempts: 5)
    }

    public static func register(into handlers: inout JobHandlers, now: @escaping @Sendable () -> Date = { Date() }) {
        handlers.register(kind) { context in
            let year = try context.job.payload(as: Payload.self).fiscalYear
            try await recount(years: [year], context: context, now: now)
        }
        handlers.register(nightlyKind) { context in
            let start: Int = try await context.pool.query("SELECT programme_start_year FROM kpi_settings")[0].decode("programme_start_year")
            let current = FiscalYear(containing: now()).startYear
            try await recount(years: Array(min(start, current)...current), context: context, now: now)
        }
    }

    static func recount(years: [Int], context: JobContext, now: @escaping @Sendable () -> Date) async throws {
        try await context.pool.transaction { db in
            for year in years { try await db.execute("SELECT kpi_recount(\(year)::integer)") }
            let current = FiscalYear(containing: now()).startYear
            if years.contains(current) {
                try await publishRisks(fiscalYear: current, service: KPIService(pool: context.pool, now: now), on: db, now: now)
            }
            try await context.complete(on: db)
        }
    }

    static func publishRisks(fiscalYear: Int, service: KPIService, on db: PostgresConnection, now: @escaping @Sendable () -> Date) async throws {
        let overview = try await service.overview(fiscalYear: fiscalYear, on: db)
        let day = try await db.query("SELECT to_char((\(now()) AT TIME ZONE 'Asia/Tokyo')::date, 'YYYY-MM-DD') AS day")[0].decode("day", as: String.self)
        for figure in overview.kpis {
            guard let forecast = figure.forecast, let rating = forecast.rating, rating <= 2 else { continue }
            let id: UUID = try await db.query("SELECT md5(\("kpi_at_risk/\(figure.code)/\(fiscalYear)/\(day)"))::uuid AS id")[0].decode("id")
            _ = try await Notifications.publish(NotificationEvent(
                kind: .kpiAtRisk,
                summary: "KPI \(figure.number) \(figure.nameJa) — \(overview.fiscalYearJa): forecast \(forecast.count) of \(figure.target ?? 0), ★\(rating)",
                data: ["code": .string(figure.code), "fiscalYear": .number(Double(fiscalYear)), "forecast": .number(forecast.count),
                       "rating": .number(Double(rating))],
                id: id), on: db)
        }
    }
}
