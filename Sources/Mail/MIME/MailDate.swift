public import FoundationEssentials

/// The `Date` header (RFC 5322 §3.3), in Japan time, where the programme runs:
/// `Thu, 15 Oct 2026 10:00:00 +0900`. Written by hand: the format is fixed, English, and must not
/// follow the machine's locale.
public enum MailDate {
    static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"] // 1970-01-01 was a Thursday
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let japanOffsetSeconds = 9 * 3600

    public static func format(_ instant: Date) -> String {
        let local = Int((instant.timeIntervalSince1970).rounded(.down)) + japanOffsetSeconds
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - dayNumber * 86_400
        let (year, month, day) = civil(fromDays: dayNumber)
        let weekday = days[((dayNumber % 7) + 7) % 7]
        let time = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60].map { String($0).leftPadded(to: 2) }.joined(separator: ":")
        return "\(weekday), \(day) \(months[month - 1]) \(year) \(time) +0900"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// An instant as a person in Japan reads it, for message bodies.
public struct JapanTime: Sendable, Equatable {
    public let year: Int
    public let month: Int
    public let day: Int
    /// 0 = Sunday … 6 = Saturday.
    public let weekday: Int
    public let hour: Int
    public let minute: Int

    public init(_ instant: Date) {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + MailDate.japanOffsetSeconds
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - dayNumber * 86_400
        (year, month, day) = MailDate.civil(fromDays: dayNumber)
        weekday = ((dayNumber + 4) % 7 + 7) % 7
        hour = second / 3600
        minute = second / 60 % 60
    }

    /// `2026年10月20日（火）13:00`: full-width parentheses in Japanese text, and no space after them.
    public var japanese: String {
        "\(year)年\(month)月\(day)日（\(["日", "月", "火", "水", "木", "金", "土"][weekday])）\(clock)"
    }

    /// `Tue 20 Oct 2026, 13:00`
    public var english: String {
        "\(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday]) \(day) \(MailDate.months[month - 1]) \(year), \(clock)"
    }

    public var clock: String { String(hour).leftPadded(to: 2) + ":" + String(minute).leftPadded(to: 2) }
    public var sameDay: (Int, Int, Int) { (year, month, day) }
}
