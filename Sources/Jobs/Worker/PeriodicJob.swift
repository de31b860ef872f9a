public import FoundationEssentials
import Postgres

/// A job enqueued once per period across all workers: every `interval`, or daily at a time in Japan.
/// Each worker's scheduler tries to record the current period in `periodic_job_periods`; the primary
/// key lets exactly one insert win, and the winner enqueues in the same transaction. No leader is
/// needed, a restart never repeats a period, and a period missed while no worker ran is caught up once.
public struct PeriodicJob: Sendable {
    public enum Schedule: Sendable, Equatable {
        case every(Duration)
        /// Japan has no daylight saving time, so JST is always UTC+9.
        case dailyInJapan(hour: Int, minute: Int)
    }

    public let name: String
    public let schedule: Schedule
    /// The job for the period starting at the given time.
    public let makeJob: @Sendable (Date) throws -> NewJob

    public init(name: String, schedule: Schedule, makeJob: @escaping @Sendable (Date) throws -> NewJob) {
        self.name = name
        self.schedule = schedule
        self.makeJob = makeJob
    }

    static let japanOffset: Int64 = 9 * 3600
    static let day: Int64 = 86_400

    /// The start of the period that contains `now`. Whole seconds since the epoch, so that every
    /// worker computes the same key whatever its clock's sub-second part.
    public func periodStart(containing now: Date) -> Date {
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        switch schedule {
        case .every(let interval):
            let length = max(Int64(interval.secondsValue.rounded()), 1)
            return Date(timeIntervalSince1970: Double(seconds - seconds.modulo(length)))
        case .dailyInJapan(let hour, let minute):
            let local = seconds + Self.japanOffset
            var start = local - local.modulo(Self.day) + Int64(hour * 3600 + minute * 60)
            if start > local { start -= Self.day }
            return Date(timeIntervalSince1970: Double(start - Self.japanOffset))
        }
    }

    /// Enqueues the period's job unless some worker already did; returns the job id when this call did.
    func enqueueIfDue(at now: Date, in pool: PostgresPool) async throws -> Int64? {
        let period = periodStart(containing: now)
        let job = try makeJob(period)
        return try await pool.transaction { db -> Int64? in
            let claimed = try await db.query("""
                INSERT INTO periodic_job_periods (name, period_start) VALUES (\(name), \(period))
                ON CONFLICT DO NOTHING RETURNING name
                """)
            guard !claimed.isEmpty else { return nil }
            let id = try await JobQueue.enqueue(job, on: db)
            try await db.execute("UPDATE periodic_job_periods SET job_id = \(id) WHERE name = \(name) AND period_start = \(period)")
            return id
        }
    }
}

extension Int64 {
    /// The mathematical modulo (never negative for a positive divisor), for times before 1970 too.
    func modulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
