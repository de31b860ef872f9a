import Foundation
import KPI
import Postgres
import Testing
import TestSupport

/// A seeded generator (SplitMix64), so a failing sequence can be replayed from the printed seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("KPI recount property")
struct KPIPropertyTests {
    /// Fixed seeds replay the same sequences on every run (a failure in them is never luck); one fresh
    /// seed per run keeps exploring, printed so its failure can be replayed by adding it here.
    static let fixedSeeds: [UInt64] = [0x5EED_0001, 0x00C0_FFEE_2026, 0x7A3B_19D4_0C55_E801]

    @Test("After random lead, match and attendance changes and a settled worker, every stored count equals a direct count")
    func storedEqualsDirect() async throws {
        let fresh = UInt64.random(in: 1...UInt64.max)
        print("KPI property test seeds: fixed \(Self.fixedSeeds), this run's fresh seed \(fresh)")
        for seed in Self.fixedSeeds + [fresh] { try await check(seed: seed) }
    }

    func check(seed: UInt64) async throws {
        var rng = SplitMix64(state: seed)
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let days = ["2023-06-01", "2024-03-31", "2024-04-01", "2024-09-15", "2025-03-31", "2025-04-01", "2025-12-01"]
        let leadStages = ["lead", "qualified", "won", "commercialized", "lost", "on_hold"]
        let matchStatuses = ["proposed", "introduced", "meeting_held", "won", "declined", "withdrawn"]
        var leads: [UUID] = []
        var matches: [UUID] = []
        var events: [UUID] = []
        for (kind, fy, day) in [("convention", 2024, "2024-10-01"), ("workshop", 2024, "2024-11-01"), ("convention", 2025, "2025-10-01")] {
            events.append(try await f.event(kind: kind, fiscalYear: fy, startsAt: day + "T09:00:00+09:00"))
        }
        var participants: [UUID] = []
        for university in ["ynu", "ycu", "utokyo", nil, nil] as [String?] {
            participants.append(try await f.participant(role: university == nil ? "other" : "student", university: university))
        }
        var registrations: [(UUID, UUID)] = []  // (registration, event)
        for step in 0..<120 {
            let at = days[Int.random(in: 0..<days.count, using: &rng)]
            switch Int.random(in: 0..<8, using: &rng) {
            case 0:
                leads.append(try await f.lead(stage: "lead", history: [("lead", at + "T10:00:00+09:00")]))
            case 1 where !leads.isEmpty:
                // A stage change, reversals included: the stage and its history row together.
                let lead = leads[Int.random(in: 0..<leads.count, using: &rng)]
                let stage = leadStages[Int.random(in: 0..<leadStages.count, using: &rng)]
                try await pool.transaction { db in
                    try await db.execute("UPDATE leads SET stage = \(stage) WHERE id = \(lead)")
                    try await db.execute("""
                        INSERT INTO lead_stage_history (lead_id, to_stage, reason, changed_at, occurred_on)
                        VALUES (\(lead), \(stage), \(["lost", "on_hold"].contains(stage) ? "理由" : nil as String?),
                                \(at + "T10:00:00+09:00")::timestamptz + \(step) * interval '1 second', \(at)::date)
                        """)
                }
            case 2:
                let channel = Bool.random(using: &rng) ? "liaison_base" : "direct"
                matches.append(try await f.match(channel: channel, status: "proposed", history: [("proposed", at)]))
            case 3 where !matches.isEmpty:
                let match = matches[Int.random(in: 0..<matches.count, using: &rng)]
                let status = matchStatuses[Int.random(in: 0..<matchStatuses.count, using: &rng)]
                try await pool.transaction { db in
                    try await db.execute("UPDATE matches SET status = \(status) WHERE id = \(match)")
                    try await db.execute("INSERT INTO match_status_history (match_id, to_status, occurred_on) VALUES (\(match), \(status), \(at)::date)")
                }
            case 4:
                let event = events[Int.random(in: 0..<events.count, using: &rng)]
                let person = participants[Int.random(in: 0..<participants.count, using: &rng)]
                if try await pool.query("SELECT 1 FROM registrations WHERE event_id = \(event) AND participant_id = \(person)").isEmpty {
                    registrations.append((try await f.registration(event: event, participant: person), event))
                }
            case 5 where !registrations.isEmpty:
                let (registration, event) = registrations[Int.random(in: 0..<registrations.count, using: &rng)]
                let day = ["2024-10-01", "2024-10-02"][Int.random(in: 0..<2, using: &rng)]
                try await pool.execute("""
                    INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
                    VALUES (\(event), \(registration), \(day)::date, 'online', 'zoom', now())
                    ON CONFLICT DO NOTHING
                    """)
            case 6 where !registrations.isEmpty:
                // A cancellation: the registration is cancelled and its check-ins removed.
                let (registration, _) = registrations[Int.random(in: 0..<registrations.count, using: &rng)]
                try await pool.transaction { db in
                    try await db.execute("DELETE FROM check_ins WHERE registration_id = \(registration)")
                    try await db.execute("UPDATE registrations SET status = 'cancelled' WHERE id = \(registration)")
                }
            case 7:
                let person = participants[Int.random(in: 0..<participants.count, using: &rng)]
                try await pool.execute("""
                    UPDATE participants SET name_en = NULL, name_ja = NULL, email = NULL, organisation = NULL,
                        consent_share_contact = false, erased_at = coalesce(erased_at, now()) WHERE id = \(person)
                    """)
            default:
                break
            }
            // Sometimes the worker runs in the middle of the sequence, as it would in production.
            if Int.random(in: 0..<10, using: &rng) == 0 { try await settle(pool) }
        }
        try await settle(pool)
        // Direct counts, written here independently of migration 0019's view.
        let direct: [String: PostgresQuery] = [
            "commercializations": """
                SELECT fy, count(*)::int FROM (
                    SELECT DISTINCT ON (l.id) extract(year FROM h.occurred_on - interval '3 months')::int AS fy
                    FROM leads l JOIN lead_stage_history h ON h.lead_id = l.id AND h.to_stage = 'commercialized'
                    WHERE l.stage = 'commercialized' ORDER BY l.id, h.id DESC) x GROUP BY fy
                """,
            "liaison_matches": """
                SELECT fy, count(*)::int FROM (
                    SELECT extract(year FROM min(h.occurred_on) - interval '3 months')::int AS fy
                    FROM matches m JOIN match_status_history h ON h.match_id = m.id
                    WHERE m.channel = 'liaison_base' AND h.to_status NOT IN ('proposed', 'declined', 'withdrawn')
                    GROUP BY m.id) x GROUP BY fy
                """,
            "convention_participants": """
                SELECT e.fiscal_year, count(DISTINCT (e.id, r.participant_id))::int FROM check_ins c
                JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
                WHERE e.kind = 'convention' GROUP BY e.fiscal_year
                """,
            "yokohama_students": """
                SELECT e.fiscal_year, count(DISTINCT (e.id, r.participant_id))::int FROM check_ins c
                JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
                JOIN participants p ON p.id = r.participant_id
                WHERE p.role = 'student' AND p.university_id IN ('ynu', 'ycu') GROUP BY e.fiscal_year
                """,
        ]
        for (code, query) in direct {
            var expected: [Int: Int] = [:]
            for row in try await pool.query(query) { expected[try row.decode(column: 0)] = try row.decode(column: 1) }
            for fy in 2023...2026 {
                let stored = try await storedCount(code, fy, in: pool) ?? 0
                #expect(stored == expected[fy, default: 0], "seed \(seed): \(code) FY\(fy)")
            }
        }
    }
}
