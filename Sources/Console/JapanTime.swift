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

    /// The instant of a timestamp as PostgreSQL writes one into JSON (the audit log's values: `to_jsonb` of a
    /// `timestamptz`, `2026-12-06T09:06:27.288698+00:00`), recognised strictly: a real day, a time of day, up to six
    /// fractional digits, and an offset (`Z` or `±HH:MM`); nil for anything else (a day alone, a time without its
    /// offset, a number, a name that looks like one), which is shown as stored.
    static func stored(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<from + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }
        guard bytes.count >= 20, byte(4) == UInt8(ascii: "-"), byte(7) == UInt8(ascii: "-"), byte(10) == UInt8(ascii: "T"),
              byte(13) == UInt8(ascii: ":"), byte(16) == UInt8(ascii: ":"),
              let year = number(0, 4), let month = number(5, 2), let dayNumber = number(8, 2),
              let day = CalendarDate(year: year, month: month, day: dayNumber),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              hour < 24, minute < 60, second < 60 else { return nil }
        var at = 19
        var fraction = 0.0
        if byte(at) == UInt8(ascii: ".") {
            var digits = 0
            while let next = byte(at + 1 + digits), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { digits += 1 }
            guard (1...6).contains(digits), let value = number(at + 1, digits) else { return nil }
            fraction = Double(value) / Double([1, 10, 100, 1000, 10000, 100_000, 1_000_000][digits])
            at += 1 + digits
        }
        var offset = 0
        if byte(at) == UInt8(ascii: "Z"), bytes.count == at + 1 {
            offset = 0
        } else {
            guard let sign = byte(at), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes.count == at + 6,
                  byte(at + 3) == UInt8(ascii: ":"), let hours = number(at + 1, 2), let minutes = number(at + 4, 2), hours < 24, minutes < 60 else { return nil }
            offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let seconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `2026-12-01 09:00` for a value as typed (the field's `T` replaced), for the list of differences.
    static func readable(_ value: String) -> String {
        value.replacing("T", with: " ")
    }
}
