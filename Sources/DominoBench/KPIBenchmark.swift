import App
import DomainKit
import Foundation
import KPI
import Postgres
import TestSupport

/// `DominoBench kpi`: a full KPI recount (every fiscal year, the nightly job's work) over
/// `BENCH_KPI_ROWS` (default 1,000,000) source rows made with generate_series: leads and their stage
/// history, liaison-base matches and their status history, participants, registrations and check-ins.
/// The rows are loaded with triggers off (session_replication_role = replica), since the load is not
/// what is measured; the recount is then timed three times.
enum KPIBenchmark {
    static func run() async throws {
        let rows = environmentInteger("BENCH_KPI_ROWS", default: 1_000_000)
        let unit = max(rows / 10, 10)  // 10 units: leads 1, lead history 2, matches 1, match history 2, participants 1, registrations 1.5, check-ins 1.5
        let database = try await BenchDatabase.open()
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: 2))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let loadStarted = ContinuousClock.now
        try await pool.transaction { db in
            try await db.execute("SET LOCAL session_replication_role = replica")
            try await db.execute("""
                INSERT INTO users (id, email, display_name, role, password_hash)
                VALUES ('00000000-0000-4000-8000-00000000b001', 'kpi-bench@example.org', 'Bench', 'coordinator', '$2a$bench')
                ON CONFLICT DO NOTHING
                """)
            try await db.execute("""
                INSERT INTO coordinators (id, user_id, display_name) VALUES ('00000000-0000-4000-8000-00000000b002', '00000000-0000-4000-8000-00000000b001', 'Bench')
                ON CONFLICT DO NOTHING
                """)
            try await db.execute("""
                INSERT INTO overseas_cities (id, name_ja, name_en, country, relationship)
                VALUES ('00000000-0000-4000-8000-00000000b003', 'ベンチ', 'Bench', 'VN', 'other') ON CONFLICT DO NOTHING
                """)
            try await db.execute("INSERT INTO companies (id, name_en, size) VALUES ('00000000-0000-4000-8000-00000000b004', 'Bench', 'sme') ON CONFLICT DO NOTHING")
            try await db.execute("""
                INSERT INTO liaison_bases (id, name, operator_name, city_id, country, kind)
                VALUES ('00000000-0000-4000-8000-00000000b005', 'Bench', 'Bench', '00000000-0000-4000-8000-00000000b003', 'VN', 'yokohama_overseas_office')
                ON CONFLICT DO NOTHING
                """)
            // Leads: a quarter commercialised; two history rows each, spread over FY2023–FY2025.
            try await db.execute("""
                INSERT INTO leads (id, title, city_id, source_channel, owner_coordinator_id, stage)
                SELECT md5('lead' || i)::uuid, 'Lead ' || i, '00000000-0000-4000-8000-00000000b003', 'inquiry',
                       '00000000-0000-4000-8000-00000000b002', CASE WHEN i % 4 = 0 THEN 'commercialized' ELSE 'won' END
                FROM generate_series(1, \(unit)::int) i
                """)
            try await db.execute("""
                INSERT INTO lead_stage_history (lead_id, to_stage, changed_at, occurred_on)
                SELECT md5('lead' || i)::uuid, s, timestamptz '2023-04-01 00:00+09' + (i % 1000) * interval '1 day' + (k * interval '1 hour'),
                       date '2023-04-01' + (i % 1000)::int
                FROM generate_series(1, \(unit)) i, LATERAL (VALUES (0, 'won'), (1, CASE WHEN i % 4 = 0 THEN 'commercialized' ELSE 'won' END)) v(k, s)
                """)
            try await db.execute("""
                INSERT INTO matches (id, company_id, city_id, channel, liaison_base_id, status)
                SELECT md5('match' || i)::uuid, '00000000-0000-4000-8000-00000000b004', '00000000-0000-4000-8000-00000000b003',
                       'liaison_base', '00000000-0000-4000-8000-00000000b005', CASE WHEN i % 3 = 0 THEN 'proposed' ELSE 'declined' END
                FROM generate_series(1, \(unit)::int) i
                """)
            try await db.execute("""
                INSERT INTO match_status_history (match_id, to_status, occurred_on)
                SELECT md5('match' || i)::uuid, s, date '2023-04-01' + (i % 1000)::int + k
                FROM generate_series(1, \(unit)) i,
                     LATERAL (VALUES (0, CASE WHEN i % 3 = 0 THEN 'proposed' ELSE 'introduced' END), (1, CASE WHEN i % 3 = 0 THEN 'proposed' ELSE 'declined' END)) v(k, s)
                """)
            try await db.execute("""
                INSERT INTO events (id, kind, title_en, starts_at, ends_at, fiscal_year, format, in_person_capacity)
                SELECT md5('event' || e)::uuid, CASE WHEN e % 2 = 0 THEN 'convention' ELSE 'seminar' END, 'Event ' || e,
                       timestamptz '2023-05-01 10:00+09' + e * interval '10 days', timestamptz '2023-05-01 18:00+09' + e * interval '10 days',
                       fiscal_year_of(timestamptz '2023-05-01 10:00+09' + e * interval '10 days'), 'in_person', 100000
                FROM generate_series(1, 100) e
                """)
            try await db.execute("""
                INSERT INTO participants (id, name_en, email, sector, role, university_id)
                SELECT md5('person' || i)::uuid, 'P ' || i, 'p' || i || '@bench.example', CASE WHEN i % 5 = 0 THEN 'academia' ELSE 'industry' END,
                       CASE WHEN i % 5 = 0 THEN 'student' ELSE 'other' END, CASE WHEN i % 5 = 0 THEN 'ynu' END
                FROM generate_series(1, \(unit)::int) i
                """)
            try await db.execute("""
                INSERT INTO registrations (id, event_id, participant_id, attendance, status, code)
                SELECT md5('reg' || i)::uuid, md5('event' || (i % 97 + 1))::uuid, md5('person' || (i % \(unit) + 1))::uuid, 'in_person', 'attended',
                       substr(translate(md5('code' || i), '0123456789abcdef', 'ACDEFGHJKMNPQRTU'), 1, 6)
                FROM generate_series(1, \(unit * 3 / 2)) i
                ON CONFLICT DO NOTHING
                """)
            try await db.execute("""
                INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
                SELECT r.event_id, r.id, date '2023-05-01' + d::int, 'in_person', 'code', now()
                FROM registrations r, generate_series(0, 1) d
                LIMIT \(unit * 3 / 2)
                ON CONFLICT DO NOTHING
                """)
        }
        let loaded = ContinuousClock.now - loadStarted
        let sourceRows: Int = try await pool.query("""
            SELECT ((SELECT count(*) FROM leads) + (SELECT count(*) FROM lead_stage_history) + (SELECT count(*) FROM matches)
                  + (SELECT count(*) FROM match_status_history) + (SELECT count(*) FROM participants)
                  + (SELECT count(*) FROM registrations) + (SELECT count(*) FROM check_ins))::int
            """)[0].decode(column: 0)
        try await pool.execute("ANALYZE")
        print("## KPI: full recount (every fiscal year) over \(sourceRows) source rows (loaded in \(loaded))\n")
        print("| run | seconds |")
        print("|---:|---:|")
        let store = KPIStore()
        for run in 1...3 {
            let started = ContinuousClock.now
            try await pool.transaction { db in
                for fy in try await store.knownFiscalYears(now: ProgrammeClock.system.now(), on: db) { try await store.recount(fiscalYear: fy, on: db) }
            }
            let elapsed = ContinuousClock.now - started
            print("| \(run) | \(formatted(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, decimals: 2)) |")
        }
        pool.close()
    }
}
