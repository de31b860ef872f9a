public import FoundationEssentials
public import Postgres

/// A Japanese fiscal year (年度): April 1 to March 31, Japan time. FY2024 runs from
/// 2024-04-01 00:00 JST to 2025-03-31 24:00 JST. SQL computes the same with `fiscal_year_of(timestamptz)`
/// and `fiscal_year_of(date)` (migration 0022), the only fiscal-year rule in the database.
public struct FiscalYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let startYear: Int

    public init(_ startYear: Int) {
        self.startYear = startYear
    }

    /// The fiscal year that contains an instant.
    public init(containing date: Date) {
        self.init(containing: CalendarDate(inJapanAt: date))
    }

    /// The fiscal year that contains a day in Japan.
    public init(containing day: CalendarDate) {
        startYear = day.month >= 4 ? day.year : day.year - 1
    }

    /// The first day (April 1).
    public var firstDay: CalendarDate { CalendarDate(knownValidYear: startYear, month: 4, day: 1) }

    /// The last day (March 31 of the next calendar year).
    public var lastDay: CalendarDate { FiscalYear(startYear + 1).firstDay.adding(days: -1) }

    /// The first instant of the fiscal year (April 1, 00:00 JST).
    public var start: Date { firstDay.startInJapan }

    /// The first instant after the fiscal year (next April 1, 00:00 JST); ranges are half-open.
    public var end: Date { FiscalYear(startYear + 1).start }

    public func contains(_ date: Date) -> Bool { date >= start && date < end }

    public func contains(_ day: CalendarDate) -> Bool { FiscalYear(containing: day) == self }

    /// "FY2024".
    public var description: String { "FY\(startYear)" }

    /// The Japanese era year of the fiscal year's start: 令和6 for FY2024, 令和元 for FY2019.
    public var japaneseEraYear: (era: String, year: Int) {
        startYear >= 2019 ? ("令和", startYear - 2018) : ("平成", startYear - 1988)
    }

    /// The Japanese era name for reports: FY2024 is 令和6年度, FY2019 is 令和元年度.
    public var japaneseName: String {
        let (era, year) = japaneseEraYear
        return "\(era)\(year == 1 ? "元" : String(year))年度"
    }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.startYear < rhs.startYear }

    public init(from decoder: any Decoder) throws {
        startYear = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(startYear)
    }
}
