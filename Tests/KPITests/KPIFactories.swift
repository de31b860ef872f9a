import DomainKit
import Foundation
import Jobs
import KPI
import Postgres
import TestSupport

/// Source rows built by hand in SQL, so every test states the records it counts.
struct KPIFixture {
    let pool: PostgresPool
    let coordinator = UUID()
    let city = UUID()
    let company = UUID()
    let base = UUID()

    static func make(_ pool: PostgresPool) async throws -> KPIFixture {
        let fixture = KPIFixture(pool: pool)
        let user = UUID()
        try await pool.execute("""
            INSERT INTO users (id, email, display_name, role, password_hash)
            VALUES (\(user), \("c-\(user.uuidString.lowercased())@example.org"), 'C', 'coordinator', '$2a$x')
            """)
        try await pool.execute("INSERT INTO coordinators (id, user_id, display_name) VALUES (\(fixture.coordinator), \(user), '山田')")
        try await pool.execute("""
            INSERT INTO overseas_cities (id, name_ja, name_en, country, relationship) VALUES (\(fixture.city), 'ダナン', 'Da Nang', 'VN', 'mou_partner')
            """)
        try await pool.execute("INSERT INTO companies (id, name_en, size) VALUES (\(fixture.company), 'Co', 'sme')")
        try await pool.execute("""
            INSERT INTO liaison_bases (id, name, operator_name, city_id, country, kind)
            VALUES (\(fixture.base), 'Base', 'Op', \(fixture.city), 'VN', 'yokohama_overseas_office')
            """)
        return fixture
    }

    /// A lead at `stage` with its history rows `(to, at)`.
    @discardableResult
    func lead(stage: String, history: [(String, String)]) async throws -> UUID {
        let id = UUID()
        try await pool.execute("""
            INSERT INTO leads (id, title, city_id, source_channel, owner_coordinator_id, stage)
            VALUES (\(id), 'Lead', \(city), 'inquiry', \(coordinator), \(stage))
            """)
        for (to, at) in history {
            let reason: String? = ["lost", "on_hold"].contains(to) ? "理由 reason" : nil
            try await pool.execute("""
                INSERT INTO lead_stage_history (lead_id, to_stage, reason, changed_at, occurred_on)
                VALUES (\(id), \(to), \(reason), \(at)::timestamptz, (\(at)::timestamptz AT TIME ZONE 'Asia/Tokyo')::date)
                """)
        }
        return id
    }

    /// A match on `channel` at `status` with history rows `(to, on)`.
    @discardableResult
    func match(channel: String, status: String, history: [(String, String)]) async throws -> UUID {
        let id = UUID()
        let base: UUID? = channel == "liaison_base" ? self.base : nil
        try await pool.execute("""
            INSERT INTO matches (id, company_id, city_id, channel, liaison_base_id, status)
            VALUES (\(id), \(company), \(city), \(channel), \(base), \(status))
            """)
        for (to, on) in history {
            try await pool.execute("INSERT INTO match_status_history (match_id, to_status, occurred_on) VALUES (\(id), \(to), \(on)::date)")
        }
        return id
    }

    func event(kind: String, fiscalYear: Int, startsAt: String) async throws -> UUID {
        let id = UUID()
        try await pool.execute("""
            INSERT INTO events (id, kind, title_ja, starts_at, ends_at, fiscal_year, format, online_capacity, in_person_capacity)
            VALUES (\(id), \(kind), '脱炭素コンベンション', \(startsAt)::timestamptz, \(startsAt)::timestamptz + interval '1 day',
                    \(fiscalYear), 'hybrid', 1000, 1000)
            """)
        return id
    }

    func participant(role: String = "other", university: String? = nil) async throws -> UUID {
        let id = UUID()
        let sector = university == nil ? "industry" : "academia"
        try await pool.execute("""
            INSERT INTO participants (id, name_en, email, sector, role, university_id)
            VALUES (\(id), 'P', \("p-\(id.uuidString.lowercased())@example.org"), \(sector), \(role), \(university))
            """)
        return id
    }

    func registration(event: UUID, participant: UUID) async throws -> UUID {
        let id = UUID()
        let code = String((0..<6).map { _ in "ACDEFGHJKMNPQRTUVWXY34679".randomElement()! })
        try await pool.execute("""
            INSERT INTO registrations (id, event_id, participant_id, attendance, status, code)
            VALUES (\(id), \(event), \(participant), 'in_person', 'registered', \(code))
            """)
        return id
    }

    func checkIn(event: UUID, registration: UUID, day: String, attendance: String = "in_person") async throws {
        try await pool.execute("""
            INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
            VALUES (\(event), \(registration), \(day)::date, \(attendance), 'code', \(day)::date::timestamp AT TIME ZONE 'Asia/Tokyo')
            """)
    }
}

/// A worker in this process running the KPI recount, drained with `runOnce()`.
func kpiWorker(_ pool: PostgresPool, id: String = "kpi-test") -> JobWorker {
    var handlers = JobHandlers()
    KPIRecount.register(into: &handlers, clock: .test)
    let configuration = WorkerConfiguration(id: id, concurrency: 2, lease: .seconds(30), backoff: RetryBackoff(base: .zero, jitter: 0))
    return JobWorker(pool: pool, configuration: configuration, handlers: handlers, clock: .test)
}

/// Runs jobs until none is waiting. A recount that coalescing made due later (migration 0073: at most one
/// recount of a year every two seconds) is made due now first: the test stands in for the time passing,
/// so no test waits for the clock.
func settle(_ pool: PostgresPool) async throws {
    let worker = kpiWorker(pool)
    while true {
        try await bringDue(pool)
        _ = try await worker.runOnce()
        let waiting: Int = try await pool.query("SELECT count(*)::int FROM jobs WHERE state IN ('available', 'retryable')")[0].decode(column: 0)
        if waiting == 0 { break }
    }
    let failed: [String] = try await pool.query("SELECT coalesce(last_error, '') FROM jobs WHERE kind = 'kpi.recount' AND last_error IS NOT NULL")
        .map { try $0.decode(column: 0) }
    if let first = failed.first { throw KPITestFailure(message: "a recount failed: \(first)") }
}

/// Makes the waiting recounts due now, as the pace's two seconds passing would.
func bringDue(_ pool: PostgresPool) async throws {
    try await pool.execute("UPDATE jobs SET run_at = now() WHERE kind = 'kpi.recount' AND state IN ('available', 'retryable') AND run_at > now()")
}

struct KPITestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

func storedCount(_ code: String, _ fy: Int, in pool: PostgresPool) async throws -> Int? {
    try await pool.query("SELECT count FROM kpi_counts WHERE code = \(code) AND fiscal_year = \(fy)").first?.decode("count")
}
