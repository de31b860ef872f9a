public import DomainKit
public import FoundationEssentials
import Postgres
import Synchronization

/// A programme clock that tests set and move, so no test depends on the date the machine has.
public final class TestClock: Sendable {
    /// 2026-10-15 10:00 in Japan: the middle of FY2026, a weekday. Tests that care about a boundary set
    /// their own instant; the rest share this one.
    public static let standardStart = Date(timeIntervalSince1970: 1_792_026_000)

    private let instant: Mutex<Date>

    public init(_ start: Date = TestClock.standardStart) {
        instant = Mutex(start)
    }

    public var now: Date { instant.withLock { $0 } }

    public func set(_ date: Date) { instant.withLock { $0 = date } }

    public func advance(seconds: Double) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The clock to inject into services; it follows every later `set` and `advance`.
    public var programme: ProgrammeClock { ProgrammeClock { [self] in now } }
}

extension ProgrammeClock {
    /// The standard test instant, stopped.
    public static let test = ProgrammeClock.fixed(TestClock.standardStart)

    /// A clock stopped at a day in Japan, at `hour` o'clock Japan time.
    public static func japan(_ day: String, hour: Int = 10) -> ProgrammeClock {
        guard let date = CalendarDate(day) else { preconditionFailure("not a YYYY-MM-DD date: \(day)") }
        return .fixed(date.startInJapan.addingTimeInterval(Double(hour) * 3600))
    }
}
