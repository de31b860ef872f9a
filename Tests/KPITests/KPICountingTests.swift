import Foundation
import KPI
import Postgres
import Testing
import TestSupport

@Suite("KPI counting rules")
struct KPICountingTests {
    @Test("KPI ① counts leads now commercialised in the fiscal year they most recently became so, in Japan time")
    func commercializations() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        // 2024-03-31 23:30 JST is FY2023; 2024-04-01 00:30 JST is FY2024 (15:30 UTC the day before).
        try await f.lead(stage: "commercialized", history: [("commercialized", "2024-03-31T23:30:00+09:00")])
        try await f.lead(stage: "commercialized", history: [("commercialized", "2024-04-01T00:30:00+09:00")])
        // Commercialised in FY2023, reversed, commercialised again in FY2024: counts once, in FY2024.
        try await f.lead(stage: "commercialized", history: [
            ("commercialized", "2023-06-01T10:00:00+09:00"), ("won", "2023-07-01T10:00:00+09:00"),
            ("commercialized", "2024-06-01T10:00:00+09:00"),
        ])
        // Commercialised once but now lost: not counted.
        try await f.lead(stage: "lost", history: [("commercialized", "2024-05-01T10:00:00+09:00"), ("lost", "2024-05-02T10:00:00+09:00")])
        try await settle(pool)
        #expect(try await storedCount("commercializations", 2023, in: pool) == 1)
        #expect(try await storedCount("commercializations", 2024, in: pool) == 2)
    }

    @Test("KPI ② counts liaison-base matches introduced or later in the FY of the introduction, declines included")
    func liaisonMatches() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        try await f.match(channel: "liaison_base", status: "introduced", history: [("proposed", "2024-04-10"), ("introduced", "2024-05-01")])
        // Introduced in FY2024, declined in FY2025: still one in FY2024.
        try await f.match(channel: "liaison_base", status: "declined", history: [("introduced", "2025-03-31"), ("declined", "2025-04-02")])
        // Jumped to meeting_held: introduced or later.
        try await f.match(channel: "liaison_base", status: "meeting_held", history: [("meeting_held", "2025-04-01")])
        // Never introduced: not counted.
        try await f.match(channel: "liaison_base", status: "withdrawn", history: [("proposed", "2024-04-10"), ("withdrawn", "2024-04-11")])
        // Other channel: not counted.
        try await f.match(channel: "direct", status: "won", history: [("introduced", "2024-05-01"), ("won", "2024-06-01")])
        try await settle(pool)
        #expect(try await storedCount("liaison_matches", 2024, in: pool) == 2)
        #expect(try await storedCount("liaison_matches", 2025, in: pool) == 1)
    }

    @Test("KPI ②'s records are labelled with the company and the need that met, not the match's id")
    func liaisonMatchLabels() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        try await pool.execute("UPDATE companies SET name_ja = '横浜グリーンエナジー' WHERE id = \(f.company)")
        let need = UUID()
        try await pool.execute("""
            INSERT INTO city_needs (id, city_id, title_ja, source) VALUES (\(need), \(f.city), 'ダナンの廃棄物発電', 'liaison_base')
            """)
        let withNeed = try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-05-01")])
        try await pool.execute("UPDATE matches SET need_id = \(need) WHERE id = \(withNeed)")
        let companyOnly = try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-06-01")])
        let labels: [String: String] = Dictionary(uniqueKeysWithValues: try await pool.query(
            "SELECT record_id, label FROM kpi_records WHERE code = 'liaison_matches' AND fiscal_year = 2024"
        ).map { (try $0.decode("record_id"), try $0.decode("label")) })
        #expect(labels[withNeed.uuidString.lowercased()] == "横浜グリーンエナジー — ダナンの廃棄物発電")
        #expect(labels[companyOnly.uuidString.lowercased()] == "横浜グリーンエナジー")
    }

    @Test("KPI ② counts a pairing of company and need once: a live record kept as a duplicate from before migration 0105 does not count")
    func liaisonMatchPairingOnce() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let need = UUID()
        try await pool.execute("INSERT INTO city_needs (id, city_id, title_ja, source) VALUES (\(need), \(f.city), '廃棄物発電', 'liaison_base')")
        let kept = try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-05-01")])
        let duplicate = try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-06-01")])
        try await pool.execute("UPDATE matches SET need_id = \(need) WHERE id = \(kept)")
        try await pool.execute("UPDATE matches SET need_id = \(need), duplicate_of = \(kept) WHERE id = \(duplicate)")
        try await settle(pool)
        #expect(try await storedCount("liaison_matches", 2024, in: pool) == 1)
        let records: [String] = try await pool.query(
            "SELECT record_id FROM kpi_records WHERE code = 'liaison_matches' AND fiscal_year = 2024").map { try $0.decode("record_id") }
        #expect(records == [kept.uuidString.lowercased()])
    }

    @Test("KPI ③ and ④ count distinct people per event, summed over events, never twice for two days")
    func attendance() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let convention = try await f.event(kind: "convention", fiscalYear: 2024, startsAt: "2024-10-01T09:00:00+09:00")
        let workshop = try await f.event(kind: "workshop", fiscalYear: 2024, startsAt: "2024-11-01T09:00:00+09:00")
        let student = try await f.participant(role: "student", university: "ynu")
        let outsider = try await f.participant(role: "student", university: "utokyo")
        let company = try await f.participant()
        let noShow = try await f.participant(role: "student", university: "ycu")
        // The Yokohama student attends both days of the convention and the workshop.
        let r1 = try await f.registration(event: convention, participant: student)
        try await f.checkIn(event: convention, registration: r1, day: "2024-10-01")
        try await f.checkIn(event: convention, registration: r1, day: "2024-10-02", attendance: "online")
        let r2 = try await f.registration(event: workshop, participant: student)
        try await f.checkIn(event: workshop, registration: r2, day: "2024-11-01")
        let r3 = try await f.registration(event: convention, participant: outsider)
        try await f.checkIn(event: convention, registration: r3, day: "2024-10-01", attendance: "online")
        let r4 = try await f.registration(event: convention, participant: company)
        try await f.checkIn(event: convention, registration: r4, day: "2024-10-02")
        _ = try await f.registration(event: convention, participant: noShow)
        try await settle(pool)
        // ③: student, outsider, company at the convention (the workshop is not a convention).
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 3)
        // ④: the Yokohama student at the convention and at the workshop.
        #expect(try await storedCount("yokohama_students", 2024, in: pool) == 2)
        // Erasure keeps role and university: the counts do not change.
        try await pool.execute("""
            UPDATE participants SET name_en = NULL, name_ja = NULL, email = NULL, organisation = NULL, erased_at = now() WHERE id = \(student)
            """)
        try await settle(pool)
        #expect(try await storedCount("yokohama_students", 2024, in: pool) == 2)
        // Deleting a check-in is a write that recounts: the outsider no longer counts.
        try await pool.execute("DELETE FROM check_ins WHERE registration_id = \(r3)")
        try await settle(pool)
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 2)
    }

    @Test("KPI ④ under the per-fiscal-year rule counts a Yokohama student once a year; ③ and the other rule's records are untouched by the choice")
    func studentsPerFiscalYear() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let convention2024 = try await f.event(kind: "convention", fiscalYear: 2024, startsAt: "2024-10-01T09:00:00+09:00")
        let workshop2024 = try await f.event(kind: "workshop", fiscalYear: 2024, startsAt: "2024-11-01T09:00:00+09:00")
        let convention2025 = try await f.event(kind: "convention", fiscalYear: 2025, startsAt: "2025-10-01T09:00:00+09:00")
        let student = try await f.participant(role: "student", university: "ynu")
        let outsider = try await f.participant(role: "student", university: "utokyo")
        let company = try await f.participant()
        for (event, day) in [(convention2024, "2024-10-01"), (workshop2024, "2024-11-01"), (convention2025, "2025-10-01")] {
            try await f.checkIn(event: event, registration: try await f.registration(event: event, participant: student), day: day)
        }
        for person in [outsider, company] {
            try await f.checkIn(event: convention2024, registration: try await f.registration(event: convention2024, participant: person), day: "2024-10-01")
        }
        try await settle(pool)
        // Per event (the default): the Yokohama student at the 2024 convention and workshop, and at the 2025 convention.
        #expect(try await storedCount("yokohama_students", 2024, in: pool) == 2)
        #expect(try await storedCount("yokohama_students", 2025, in: pool) == 1)
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 3)
        // The settings' trigger recounts every year.
        try await pool.execute("UPDATE kpi_settings SET students_rule = 'per_fiscal_year', version = version + 1")
        try await settle(pool)
        #expect(try await storedCount("yokohama_students", 2024, in: pool) == 1)
        #expect(try await storedCount("yokohama_students", 2025, in: pool) == 1)
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 3)
        #expect(try await storedCount("convention_participants", 2025, in: pool) == 1)
        let records: [String] = try await pool.query("""
            SELECT record_kind || ' ' || record_id AS r FROM kpi_records WHERE code = 'yokohama_students' AND fiscal_year = 2024
            """).map { try $0.decode("r") }
        #expect(records == ["student \(student.uuidString.lowercased())"])
        try await pool.execute("UPDATE kpi_settings SET students_rule = 'per_event', version = version + 1")
        try await settle(pool)
        #expect(try await storedCount("yokohama_students", 2024, in: pool) == 2)
    }

    @Test("A write enqueues exactly one waiting recount per fiscal year however many rows it touches")
    func enqueuesOncePerYear() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        for _ in 0..<5 {
            try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-05-01")])
        }
        let keys: [String] = try await pool.query("""
            SELECT unique_key FROM jobs WHERE kind = 'kpi.recount' AND state = 'available' AND unique_key LIKE 'kpi.recount:2024' ORDER BY 1
            """).map { try $0.decode("unique_key") }
        #expect(keys == ["kpi.recount:2024"])
    }

    @Test("A write enqueues its recount when it commits, not when the row changes; a rolled-back write enqueues none")
    func enqueuesAtCommit() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        try await f.match(channel: "liaison_base", status: "introduced", history: [("introduced", "2024-05-01")])
        try await pool.execute("DELETE FROM jobs")
        let waiting: PostgresQuery = "SELECT count(*)::int FROM jobs WHERE kind = 'kpi.recount' AND unique_key = 'kpi.recount:2024'"
        // Rolled back: no job.
        _ = try? await pool.transaction { db in
            try await db.execute("UPDATE matches SET updated_at = updated_at")
            throw CancellationError()
        }
        #expect(try await pool.query(waiting)[0].decode(column: 0, as: Int.self) == 0)
        let inside = try await pool.transaction { db -> Int in
            try await db.execute("UPDATE matches SET updated_at = updated_at")
            try await db.execute("UPDATE matches SET updated_at = updated_at")
            // The trigger waits for the commit: nothing is inserted while the transaction is open.
            return try await db.query(waiting)[0].decode(column: 0, as: Int.self)
        }
        #expect(inside == 0)
        #expect(try await pool.query(waiting)[0].decode(column: 0, as: Int.self) == 1)
        // The years this transaction enqueued are its own: a later transaction enqueues again once the
        // waiting job was claimed (the running job does not hold the key).
        try await pool.execute("UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'test', lease_expires_at = now() + interval '1 minute' WHERE unique_key = 'kpi.recount:2024'")
        try await pool.execute("UPDATE matches SET updated_at = updated_at")
        #expect(try await pool.query(waiting)[0].decode(column: 0, as: Int.self) == 2)
    }
}
