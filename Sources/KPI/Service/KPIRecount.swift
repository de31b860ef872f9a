import DomainKit
public import FoundationEssentials
public import Jobs
import Postgres

/// The `kpi.recount` job: recounts one fiscal year (payload `{"fiscalYear": 2024}`) or, without one,
/// every known fiscal year (the nightly full recount). Triggers on the source tables enqueue it in the
/// writing transaction (migration 0019, `enqueue_job`), unique per fiscal year. The counts, the
/// snapshot and the job's completion commit together.
public enum KPIRecount {
    public static let kind = "kpi.recount"

    /// Every night at 02:30 in Japan, a full recount of all fiscal years.
    public static let nightly = PeriodicJob(name: "kpi.nightly_recount", schedule: .dailyInJapan(hour: 2, minute: 30)) { _ in
        NewJob(kind: kind, payloadJSON: "{}", maxAttempts: 5, uniqueKey: "kpi.recount:all")
    }

    struct Payload: Decodable { let fiscalYear: Int? }

    public static func register(into handlers: inout JobHandlers, now: @escaping @Sendable () -> Date = { Date() }) {
        handlers.register(kind) { context in
            let payload = try JSONDecoder().decode(Payload.self, from: Data(context.job.payloadJSON.utf8))
            let store = KPIStore()
            try await context.pool.transaction { db in
                if let fy = payload.fiscalYear {
                    guard kpiFiscalYears.contains(fy) else { throw Problem.badRequest("fiscalYear out of range") }
                    try await store.recount(fiscalYear: fy, on: db)
                } else {
                    for fy in try await store.knownFiscalYears(now: now(), on: db) {
                        try await store.recount(fiscalYear: fy, on: db)
                    }
                }
                try await context.complete(on: db)
            }
        }
    }
}
