import Foundation
import Jobs
import Testing

@Suite("Periodic schedules and retry backoff (pure)")
struct ScheduleTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("a daily job at 02:00 in Japan: its period starts at 17:00 UTC the day before, and not before 02:00 JST")
    func dailyInJapan() {
        let nightly = PeriodicJob(name: "kpi.nightly", schedule: .dailyInJapan(hour: 2, minute: 0)) { _ in NewJob(kind: "kpi.recount") }
        // 2026-04-01 10:00 JST is 01:00 UTC: the period began at 02:00 JST that day.
        #expect(nightly.periodStart(containing: Self.date("2026-04-01T01:00:00Z")) == Self.date("2026-03-31T17:00:00Z"))
        // 2026-04-01 01:59 JST (16:59 UTC the day before) is still in the previous day's period.
        #expect(nightly.periodStart(containing: Self.date("2026-03-31T16:59:59Z")) == Self.date("2026-03-30T17:00:00Z"))
        #expect(nightly.periodStart(containing: Self.date("2026-03-31T17:00:00Z")) == Self.date("2026-03-31T17:00:00Z"))
    }

    @Test("an interval job's periods are aligned to the epoch, so every worker computes the same one")
    func interval() {
        let every = PeriodicJob(name: "reminders", schedule: .every(.seconds(900))) { _ in NewJob(kind: "reminders.send") }
        #expect(every.periodStart(containing: Self.date("2026-04-01T00:14:59Z")) == Self.date("2026-04-01T00:00:00Z"))
        #expect(every.periodStart(containing: Self.date("2026-04-01T00:15:00Z")) == Self.date("2026-04-01T00:15:00Z"))
    }

    @Test("backoff doubles per attempt, is capped, and jitter moves it by at most its fraction")
    func backoff() {
        let backoff = RetryBackoff(base: .seconds(1), maximum: .seconds(60), jitter: 0.2)
        #expect(backoff.delay(afterAttempt: 1, random: 0.5) == .seconds(1))
        #expect(backoff.delay(afterAttempt: 4, random: 0.5) == .seconds(8))
        #expect(backoff.delay(afterAttempt: 30, random: 0.5) == .seconds(60))
        #expect(backoff.delay(afterAttempt: 4, random: 0) == .milliseconds(6400))
        #expect(backoff.delay(afterAttempt: 4, random: 1) == .milliseconds(9600))
    }
}
