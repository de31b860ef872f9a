public import FoundationEssentials
public import Postgres

/// The demo story of `domino seed` is written as of `anchor`; every date in it moves by the days between
/// the anchor and today on the programme clock. So a demo loaded on any date shows a convention that is
/// over and a workshop still to come, next actions due around today and KPIs for the current fiscal year.
public struct DemoCalendar: Sendable {
    public static let anchor = CalendarDate(daysSinceEpoch: 20_807)  // 2026-12-20
    public let days: Int

    public init(today: CalendarDate) {
        days = today.daysSinceEpoch - Self.anchor.daysSinceEpoch
    }

    /// A day of the story (YYYY-MM-DD as written in it), moved to today's calendar.
    public func day(_ written: String) -> CalendarDate {
        guard let day = CalendarDate(written) else { preconditionFailure("the demo story has a bad date: \(written)") }
        return day.adding(days: days)
    }

    /// An instant of the story, moved by whole days.
    public func instant(_ written: Date) -> Date {
        written.addingTimeInterval(Double(days) * 86_400)
    }

    /// Noon in Japan on a day of the story.
    public func noon(_ written: String) -> Date {
        day(written).startInJapan.addingTimeInterval(12 * 3600)
    }
}

/// The demo tables name a record they did not create: a mistake in the demo data, reported by name.
public struct DemoDataError: Error, CustomStringConvertible {
    public let description: String
}

extension Dictionary {
    /// A record the demo data made earlier in the same load, by its key (a name or number in the demo
    /// tables); a missing one throws instead of trapping.
    public func demoRecord(_ key: Key) throws -> Value {
        guard let value = self[key] else { throw DemoDataError(description: "the demo data names \(key), which it did not create") }
        return value
    }
}
