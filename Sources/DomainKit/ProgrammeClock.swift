public import FoundationEssentials
public import Postgres

/// The programme's one clock: every "now", "today in Japan" and "this fiscal year" in Domino comes from
/// the instance the composition root injects (ARCHITECTURE.md, Time). `system` is the only place that
/// reads the wall clock; tests and demo data pass clocks of their own, so nothing depends on the date
/// the machine happens to have.
public struct ProgrammeClock: Sendable {
    private let reading: @Sendable () -> Date

    public init(_ reading: @escaping @Sendable () -> Date) {
        self.reading = reading
    }

    /// The machine's clock.
    public static let system = ProgrammeClock { Date() }

    /// A clock stopped at `instant`.
    public static func fixed(_ instant: Date) -> ProgrammeClock {
        ProgrammeClock { instant }
    }

    public func now() -> Date { reading() }

    /// Today's date in Japan.
    public func today() -> CalendarDate { CalendarDate(inJapanAt: now()) }

    /// The fiscal year (年度) that contains this instant.
    public func fiscalYear() -> FiscalYear { FiscalYear(containing: now()) }
}

extension CalendarDate {
    /// Japan has kept UTC+9 without daylight saving since 1951, so a fixed offset is exact and needs no
    /// time-zone database.
    static let japanOffset: Double = 9 * 3600

    /// The calendar date in Japan at an instant.
    public init(inJapanAt instant: Date) {
        let seconds = Int((instant.timeIntervalSince1970 + Self.japanOffset).rounded(.down))
        self.init(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// 00:00 Japan time on this date.
    public var startInJapan: Date {
        Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400 - Self.japanOffset)
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }
}
