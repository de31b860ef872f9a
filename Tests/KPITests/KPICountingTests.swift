import Foundation
import KPI
import Postgres
import TestSupport
import Testing

@Suite("KPI counting rules")
struct KPICountingTests {
    @Test("each KPI counts by its rule and fiscal year in Japan time; the recount jobs the writes enqueued store exactly that")
    func rules() async throws {
        let world = try await KPIFixture.make()
        // ① commercialised leads, in the year they became so (JST year boundary at April 1 00:00).
        try await world.lead([("lead", "2024-04-10T10:00:00+09:00"), ("won", "2024-05-01T10:00:00+09:00"), ("commercialized", "2024-06-01T10:00:00+09:00")])
        try await world.lead([("lead", "2024-04-10T10:00:00+09:00"), ("commercialized", "2025-03-31T23:30:00+09:00")])
        try await world.lead([("lead", "2024-04-10T10:00:00+09:00"), ("commercialized", "2025-04-01T00:10:00+09:00")])
        try await world.lead([("lead", "2024-04-10T10:00:00+09:00"), ("won", "2024-12-01T10:00:00+09:00")])
        // ② liaison-base matches introduced (a later decline still counts); other channels never.
        try await world.match(channel: "liaison_base", [("proposed", "2024-05-01"), ("introduced", "2024-05-10"), ("declined", "2024-06-01")])
        try await world.match(channel: "liaison_base", [("proposed", "2025-03-01"), ("introduced", "2025-03-31"), ("meeting_held", "2025-04-15")])
        try await world.match(channel: "liaison_base", [("proposed", "2025-03-20"), ("introduced", "2025-04-01")])
        try await world.match(channel: "liaison_base", [("proposed", "2024-07-01"), ("withdrawn", "2024-07-02")])
        try await world.match(channel: "coordinator", [("proposed", "2024-07-01"), ("introduced", "2024-07-02")])
        // ③ distinct people per convention, summed; ④ distinct Yokohama students per programme event, summed.
        let convention = try await world.event(kind: "convention", fiscalYear: 2024, startsAt: "2024-11-20T09:00:00+09:00")
        let second = try await world.event(kind: "convention", fiscalYear: 2024, startsAt: "2025-02-10T09:00:00+09:00")
        let workshop = try await world.event(kind: "workshop", fiscalYear: 2024, startsAt: "2024-12-05T09:00:00+09:00")
        let company = try await world.participant("a@example.vn", role: "overseas_company")
        let official = try await world.participant("b@example.vn", role: "city_official")
        let ynu = try await world.participant("s1@ynu.example.jp", role: "student", university: "ynu")
        let tokyo = try await world.participant("s2@utokyo.example.jp", role: "student", university: "utokyo")
        let absent = try await world.participant("s3@ynu.example.jp", role: "student", university: "ynu")
        try await world.attend(company, convention, days: ["2024-11-20", "2024-11-21"])
        try await world.attend(official, convention, days: ["2024-11-20"])
        try await world.attend(company, second, days: ["2025-02-10"])
        try await world.attend(ynu, convention, days: ["2024-11-21"])
        try await world.attend(ynu, workshop, days: ["2024-12-05"])
        try await world.attend(tokyo, workshop, days: ["2024-12-05"])
        try await world.attend(absent, convention, days: [])

        try await world.settle()
        #expect(try await world.stored("commercializations", 2024) == 2)
        #expect(try await world.stored("commercializations", 2025) == 1)
        #expect(try await world.stored("liaison_matches", 2024) == 2)
        #expect(try await world.stored("liaison_matches", 2025) == 1)
        #expect(try await world.stored("convention_participants", 2024) == 4)
        #expect(try await world.stored("yokohama_students", 2024) == 2)

        // APPI erasure removes the person's fields and keeps the counts.
        try await world.pool.execute("""
            UPDATE participants SET email = NULL, name_ja = NULL, name_en = NULL, organisation = NULL, erased_at = now() WHERE id = \(ynu)
            """)
        try await world.settle()
        #expect(try await world.stored("convention_participants", 2024) == 4)
        #expect(try await world.stored("yokohama_students", 2024) == 2)
    }

    @Test("a burst of writes in one fiscal year leaves one waiting recount job for it")
    func burstsCollapse() async throws {
        let world = try await KPIFixture.make()
        for _ in 0..<5 { try await world.lead([("lead", "2024-04-10T10:00:00+09:00"), ("commercialized", "2024-06-01T10:00:00+09:00")]) }
        let waiting = try await world.pool.query("""
            SELECT unique_key FROM jobs WHERE kind = 'kpi.recount' AND state IN ('available', 'retryable') ORDER BY unique_key
            """).map { try $0.decode("unique_key", as: String.self) }
        #expect(waiting == ["kpi.recount:2024"])
    }

    @Test("★ ratings: ★5 at the target, else by count ÷ plan to date against 1.10, 0.90 and 0.70")
    func ratings() {
        let thresholds = KPIThresholds()
        #expect(thresholds.rating(count: 5, target: 5, planToDate: 2.5) == 5)
        #expect(thresholds.rating(count: 11, target: 20, planToDate: 10) == 4)
        #expect(thresholds.rating(count: 9, target: 20, planToDate: 10) == 3)
        #expect(thresholds.rating(count: 7, target: 20, planToDate: 10) == 2)
        #expect(thresholds.rating(count: 6.9, target: 20, planToDate: 10) == 1)
        #expect(thresholds.rating(count: 3, target: nil, planToDate: nil) == nil)
    }
}
