import DomainKit
import FoundationEssentials
import Postgres

/// Times as organizers type and read them: in Japan (UTC+9 all year, no daylight saving time), as an
/// HTML `datetime-local` field sends them (`2026-12-01T09:00`, HTML §2.3.5.5); a browser without that
/// field lets people type `2026-12-01 09:00` or `2026/12/01 9:00`, which are read too.
enum JapanTime {
    static func date(_ text: String) -> Date? {
        let parts = text.trimmed.replacing("/", with: "-").split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2 else { return nil }
        let dayParts = parts[0].split(separator: "-")
        let clockParts = parts[1].split(separator: ":")
        guard dayParts.count == 3, (2...3).contains(clockParts.count), let year = Int(dayParts[0]), let month = Int(dayParts[1]),
              let dayNumber = Int(dayParts[2]), let day = CalendarDate(year: year, month: month, day: dayNumber),
              let hour = Int(clockParts[0]), let minute = Int(clockParts[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = clockParts.count == 3 ? Int(clockParts[2]) : 0
        guard let second, (0...59).contains(second) else { return nil }
        return day.startInJapan.addingTimeInterval(Double(hour * 3600 + minute * 60 + second))
    }

    /// The value a `datetime-local` field shows for `instant`, in Japan time.
    static func text(_ instant: Date) -> String {
        "\(CalendarDate(inJapanAt: instant))T\(GuestPages.clock(instant))"
    }

    /// `2026-12-01 09:00` for a value as typed (the field's `T` replaced), for the list of differences.
    static func readable(_ value: String) -> String {
        value.replacing("T", with: " ")
    }
}
