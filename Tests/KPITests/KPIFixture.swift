import App
import Foundation
import Jobs
import KPI
import Postgres
import TestSupport

/// Source records written straight into the other modules' tables (their services are tested in
/// their own suites), and the worker that runs the recount jobs the triggers enqueue.
struct KPIFixture {
    let pool: PostgresPool
    let coordinator: UUID
    let city: UUID
    let company: UUID
    let base: UUID

    static func make() async throws -> KPIFixture {
        let pool = try await TestDatabase.fresh()
        let ids = try await pool.query("""
            WITH u AS (
                INSERT INTO users (email, display_name, role, password_hash)
                VALUES ('kpi-owner@test.domino.example', 'Owner', 'coordinator', '$2a$12$' || repeat('x', 53)) RETURNING id
            ), c AS (INSERT INTO coordinators (user_id, display_name) SELECT id, 'Owner' FROM u RETURNING id),
            city AS (INSERT INTO overseas_cities (name_ja, name_en, country, relationship) VALUES ('ダナン', 'Da Nang', 'VN', 'mou_partner') RETURNING id),
            co AS (INSERT INTO companies (name_en, size) VALUES ('Yokohama Water', 'large') RETURNING id),
            b AS (
                INSERT INTO liaison_bases (name, operator_name, city_id, country, kind)
                SELECT 'Da Nang desk', 'Yokohama Water', id, 'VN', 'company_liaison_office' FROM city RETURNING id
            )
            SELECT (SELECT id FROM c) AS coordinator, (SELECT id FROM city) AS city, (SELECT id FROM co) AS company, (SELECT id FROM b) AS base
            """)[0]
        return KPIFixture(pool: pool, coordinator: try ids.decode("coordinator"), city: try ids.decode("city"),
                          company: try ids.decode("company"), base: try ids.decode("base"))
    }

    /// A lead moved through `stages` at the given moments (history rows and the current stage).
    @discardableResult
    func lead(_ moves: [(String, String)]) async throws -> UUID {
        try await pool.transaction { db in
            let id: UUID = try await db.query("""
                INSERT INTO leads (title, city_id, source_channel, owner_coordinator_id) VALUES ('A lead', \(city), 'inquiry', \(coordinator))
                RETURNING id
                """)[0].decode("id")
            var from: String? = nil
            for (stage, moment) in moves {
                try await move(id, from: from, to: stage, at: moment, on: db)
                from = stage
            }
            return id
        }
    }

    func move(_ lead: UUID, from: String?, to stage: String, at moment: String, on db: PostgresConnection) async throws {
        let reason: String? = stage == "lost" || stage == "on_hold" ? "reason" : nil
        try await db.execute("""
            INSERT INTO lead_stage_history (lead_id, from_stage, to_stage, reason, changed_at)
            VALUES (\(lead), \(from), \(stage), \(reason), \(moment)::timestamptz)
            """)
        try await db.execute("UPDATE leads SET stage = \(stage) WHERE id = \(lead)")
    }

    /// A match with its status history: (status, day).
    @discardableResult
    func match(channel: String, _ moves: [(String, String)]) async throws -> UUID {
        try await pool.transaction { db in
            let base: UUID? = channel == "liaison_base" ? self.base : nil
            let id: UUID = try await db.query("""
                INSERT INTO matches (company_id, city_id, channel, liaison_base_id) VALUES (\(company), \(city), \(channel), \(base)) RETURNING id
                """)[0].decode("id")
            var from: String? = nil
            for (status, day) in moves {
                try await db.execute("""
                    INSERT INTO match_status_history (match_id, from_status, to_status, occurred_on) VALUES (\(id), \(from), \(status), \(day)::date)
                    """)
                try await db.execute("UPDATE matches SET status = \(status) WHERE id = \(id)")
                from = status
            }
            return id
        }
    }

    func event(kind: String, fiscalYear: Int, startsAt: String) async throws -> UUID {
        try await pool.query("""
            INSERT INTO events (kind, title_en, starts_at, ends_at, fiscal_year, format, online_capacity)
            VALUES (\(kind), 'Event', \(startsAt)::timestamptz, \(startsAt)::timestamptz + interval '8 hours', \(fiscalYear), 'online', 1000)
            RETURNING id
            """)[0].decode("id")
    }

    func participant(_ email: String, role: String = "local_company", university: String? = nil) async throws -> UUID {
        let sector = university == nil ? (role == "city_official" ? "government" : "industry") : "academia"
        return try await pool.query("""
            INSERT INTO participants (name_en, email, sector, role, university_id) VALUES ('P', \(email), \(sector), \(role), \(university))
            RETURNING id
            """)[0].decode("id")
    }

    /// Registers and checks in once per day given.
    @discardableResult
    func attend(_ participant: UUID, _ event: UUID, days: [String]) async throws -> UUID {
        let code = String((0..<6).map { _ in "ACDEFGHJKMNPQRTUVWXY34679".randomElement()! })
        let registration: UUID = try await pool.query("""
            INSERT INTO registrations (event_id, participant_id, attendance, status, code) VALUES (\(event), \(participant), 'online', 'attended', \(code))
            RETURNING id
            """)[0].decode("id")
        for day in days {
            try await pool.execute("""
                INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
                VALUES (\(event), \(registration), \(day)::date, 'online', 'code', \(day)::date + time '10:00')
                """)
        }
        return registration
    }

    /// Runs every waiting job (the recounts the triggers enqueued) until none is left; a job that fails
    /// fails the test with its error instead of being retried forever.
    func settle() async throws {
        var handlers = JobHandlers()
        KPIRecount.register(into: &handlers)
        let worker = JobWorker(pool: pool, configuration: WorkerConfiguration(id: "kpi-test"), handlers: handlers)
        for _ in 0..<10 {
            try await worker.runOnce()
            let failed = try await pool.query("SELECT last_error FROM jobs WHERE state IN ('retryable', 'discarded') LIMIT 1")
            if let error = try failed.first?.decode("last_error", as: String?.self) { throw SettleFailure(message: error) }
            if try await pool.query("SELECT count(*)::int AS n FROM jobs WHERE state = 'available'")[0].decode("n", as: Int.self) == 0 { return }
        }
        throw SettleFailure(message: "jobs still waiting after ten rounds")
    }

    struct SettleFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { "a recount job failed: \(message)" }
    }

    func stored(_ code: String, _ year: Int) async throws -> Int? {
        try await pool.query("SELECT count FROM kpi_counts WHERE code = \(code) AND fiscal_year = \(year)").first?.decode("count")
    }
}
