public import FoundationEssentials
import Postgres

/// A Japanese fiscal year (年度): April 1 to March 31, Japan time. FY2024 runs from
/// 2024-04-01 00:00 JST to 2025-03-31 24:00 JST. Japan has kept UTC+9 without daylight saving since
/// 1951, so a fixed offset is exact here and needs no time-zone database.
public struct FiscalYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let startYear: Int

    static let japanOffset: TimeInterval = 9 * 3600

    public init(_ startYear: Int) {
        self.startYear = startYear
    }

    /// The fiscal year that contains an instant.
    public init(containing date: Date) {
        let japanSeconds = Int64((date.timeIntervalSince1970 + Self.japanOffset).rounded(.down))
        let days = Int(japanSeconds >= 0 ? japanSeconds / 86_400 : (japanSeconds - 86_399) / 86_400)
        let day = CalendarDate(daysSinceEpoch: days)
        startYear = day.month >= 4 ? day.year : day.year - 1
    }

    /// The first instant of the fiscal year (April 1, 00:00 JST).
    public var start: Date {
        let firstDay = CalendarDate(year: startYear, month: 4, day: 1)!.daysSinceEpoch
        return Date(timeIntervalSince1970: TimeInterval(firstDay) * 86_400 - Self.japanOffset)
    }

    /// The first instant after the fiscal year (next April 1, 00:00 JST); ranges are half-open.
    public var end: Date { FiscalYear(startYear + 1).start }

    public func contains(_ date: Date) -> Bool { date >= start && date < end }

    /// "FY2024".
    public var description: String { "FY\(startYear)" }

    /// The Japanese era name for reports: FY2024 is 令和6年度, FY2019 is 令和元年度.
    public var japaneseName: String {
        let (era, year) = startYear >= 2019 ? ("令和", startYear - 2018) : ("平成", startYear - 1988)
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
