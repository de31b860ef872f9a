import Foundation
import KPI
import Postgres
import TestSupport
import Testing

/// A small deterministic generator, so a failing sequence can be replayed from its printed seed.
struct SplitMix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

@Suite("KPI recount property")
struct KPIPropertyTests {
    @Test("random lead, match and attendance changes (reversals, cancellations, erasures), then the worker settles: every stored count equals a direct SQL count", arguments: [20261127 as UInt64, 7, 42])
    func storedEqualsDirect(seed: UInt64) async throws {
        print("KPI property seed \(seed)")
        var random = SplitMix(state: seed)
        let world = try await KPIFixture.make()
        let moments = ["2023-06-01T10:00:00+09:00", "2024-03-31T23:59:00+09:00", "2024-04-01T00:01:00+09:00", "2024-10-10T10:00:00+09:00",
                       "2025-03-31T12:00:00+09:00", "2025-04-01T09:00:00+09:00", "2025-09-09T09:00:00+09:00"]
        let days = ["2023-05-01", "2024-03-31", "2024-04-01", "2024-12-24", "2025-03-31", "2025-04-01", "2025-08-08"]
        let leadPaths = [["lead", "qualified", "commercialized"], ["lead", "won", "commercialized"], ["lead", "lost", "lead", "won"],
                         ["lead", "on_hold", "qualified"], ["lead", "commercialized"]]
        let matchPaths = [["proposed", "introduced", "declined"], ["proposed", "withdrawn"], ["proposed", "introduced", "meeting_held", "won"],
                          ["proposed", "introduced"], ["proposed"]]
        var events: [UUID] = []
        for (kind, year, start) in [("convention", 2023, "2023-11-20T09:00:00+09:00"), ("convention", 2024, "2024-11-20T09:00:00+09:00"),
                                    ("workshop", 2024, "2024-12-05T09:00:00+09:00"), ("seminar", 2025, "2025-06-05T09:00:00+09:00")] {
            events.append(try await world.event(kind: kind, fiscalYear: year, startsAt: start))
        }
        var participants: [UUID] = []
        var checkIns: [UUID] = []
        for step in 0..<60 {
            switch random.next(5) {
            case 0:
                let path = leadPaths[random.next(leadPaths.count)]
                var at = random.next(moments.count - path.count + 1)
                var moves: [(String, String)] = []
                for stage in path { moves.append((stage, moments[at])); at += 1 }
                try await world.lead(moves)
            case 1:
                let path = matchPaths[random.next(matchPaths.count)]
                var at = random.next(days.count - path.count + 1)
                var moves: [(String, String)] = []
                for status in path { moves.append((status, days[at])); at += 1 }
                try await world.match(channel: random.next(3) == 0 ? "direct" : "liaison_base", moves)
            case 2:
                let university = [nil, "ynu", "ycu", "utokyo"][random.next(4)]
                let person = try await world.participant("p\(step)-\(seed)@example.jp", role: university == nil ? "local_company" : "student", university: university)
                participants.append(person)
                let registration = try await world.attend(person, events[random.next(events.count)], days: random.next(4) == 0 ? [] : ["2024-11-20"])
                checkIns.append(registration)
            case 3 where !checkIns.isEmpty:
                // A cancelled check-in (a scan at the wrong event, undone by the organizer).
                try await world.pool.execute("DELETE FROM check_ins WHERE registration_id = \(checkIns[random.next(checkIns.count)])")
            case 4 where !participants.isEmpty:
                try await world.pool.execute("""
                    UPDATE participants SET email = NULL, name_ja = NULL, name_en = NULL, organisation = NULL, erased_at = now()
                    WHERE id = \(participants[random.next(participants.count)]) AND erased_at IS NULL
                    """)
            default:
                break
            }
        }
        try await world.settle()
        for year in 2023...2025 {
            for (code, direct) in Self.directCounts(year) {
                let expected: Int = try await world.pool.query(direct)[0].decode("n")
                #expect((try await world.stored(code, year)) ?? 0 == expected, "seed \(seed), \(code) FY\(year)")
            }
        }
    }

    /// The rules of issue 7 as plain SQL, written apart from migration 0019's view.
    static func directCounts(_ year: Int) -> [(String, PostgresQuery)] {
        let fiscal = "CASE WHEN extract(month FROM t) >= 4 THEN extract(year FROM t) ELSE extract(year FROM t) - 1 END"
        return [
            ("commercializations", """
                SELECT count(*)::int AS n FROM leads l
                WHERE l.stage = 'commercialized' AND \(year) = (
                    SELECT \(unescaped: fiscal) FROM (SELECT max(changed_at) AT TIME ZONE 'Asia/Tokyo' AS t FROM lead_stage_history
                                                      WHERE lead_id = l.id AND to_stage = 'commercialized') AS last)
                """),
            ("liaison_matches", """
                SELECT count(*)::int AS n FROM matches m
                WHERE m.channel = 'liaison_base' AND \(year) = (
                    SELECT \(unescaped: fiscal) FROM (SELECT min(occurred_on) AS t FROM match_status_history
                                                      WHERE match_id = m.id AND to_status <> 'proposed' AND to_status NOT IN ('declined', 'withdrawn')) AS first)
                """),
            ("convention_participants", """
                SELECT count(*)::int AS n FROM (
                    SELECT DISTINCT c.event_id, r.participant_id FROM check_ins c JOIN registrations r ON r.id = c.registration_id
                    JOIN events e ON e.id = c.event_id WHERE e.kind = 'convention' AND e.fiscal_year = \(year)) AS people
                """),
            ("yokohama_students", """
                SELECT count(*)::int AS n FROM (
                    SELECT DISTINCT c.event_id, r.participant_id FROM check_ins c JOIN registrations r ON r.id = c.registration_id
                    JOIN events e ON e.id = c.event_id JOIN participants p ON p.id = r.participant_id
                    JOIN universities u ON u.id = p.university_id
                    WHERE p.role = 'student' AND u.in_yokohama AND e.fiscal_year = \(year)) AS students
                """),
        ]
    }
}
