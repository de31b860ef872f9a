public import FoundationEssentials
import Postgres

/// Timestamps as the API reads them: RFC 3339 §5.6, `2027-04-01T00:30:00+09:00`, `2027-03-31T15:30:00.25Z`.
/// Foundation's `.iso8601` strategy counted 2027-02-30 on into March 2 and 2027-02-29 into March 1, so an
/// impossible date was stored as another day; and what it refused came back as "not valid JSON", naming no
/// field. This reader refuses every impossible value and says which part is wrong.
public enum RFC3339 {
    /// The first instant a timestamp may name (0001-01-01T00:00:00Z) and the first it may not
    /// (10000-01-01T00:00:00Z): four-digit years in UTC, which is what PostgreSQL exchanges with us.
    static let earliest: Int64 = -62_135_596_800
    static let afterLatest: Int64 = 253_402_300_800

    /// What the field must be; every refusal starts with it.
    public static let rule = "must be a date and time in RFC 3339, such as 2026-04-01T09:00:00+09:00"

    /// The instant `text` names, or the reason it names none (a field error's message).
    public static func instant(_ text: String) -> Result<Date, Refusal> {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + digits] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += digits
            return value
        }
        func skip(_ characters: String) -> Bool {
            guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else {
            return .failure(Refusal(""))
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            return .failure(Refusal("\(text.prefix(10)) is not a day of the calendar"))
        }
        guard position < bytes.count else {
            return .failure(Refusal("a date alone is not a time; give the time and its offset, such as \(date)T00:00:00+09:00"))
        }
        // ABNF strings are case-insensitive (RFC 5234 §2.3), so RFC 3339 takes "t" and "z" too.
        guard skip("Tt"), let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2) else {
            return .failure(Refusal(""))
        }
        guard hour < 24, minute < 60, second < 60 else {
            return .failure(Refusal("\(text.dropFirst(11).prefix(8)) is not a time of day (00:00:00 to 23:59:59)"))
        }
        // Microseconds are what PostgreSQL keeps; further digits are dropped.
        var micros = 0
        if skip(".") {
            var scale = 100_000, digits = 0
            while let digit = number(1) {
                micros += digit * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return .failure(Refusal("")) }
        }
        var offset = 0
        if !skip("Zz") {
            let sign = skip("-") ? -1 : skip("+") ? 1 : 0
            guard sign != 0 else {
                return .failure(Refusal("the offset from UTC is missing; add Z for UTC or +09:00 for Japan time"))
            }
            let malformed = Refusal("the offset from UTC must be Z or like +09:00")
            guard let hours = number(2) else { return .failure(malformed) }
            // `+0900`, ISO 8601's basic format, is read too, as Foundation's reader did.
            _ = skip(":")
            guard let minutes = number(2), hours < 24, minutes < 60 else { return .failure(malformed) }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard position == bytes.count else { return .failure(Refusal("")) }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        // Checked as the Double it becomes: 9999-12-31T23:59:59.999999Z is the year 10000's first instant there.
        let instant = Double(seconds) + Double(micros) / 1_000_000
        guard instant >= Double(earliest) && instant < Double(afterLatest) else {
            return .failure(Refusal("it must fall in the years 0001 to 9999 in UTC"))
        }
        return .success(Date(timeIntervalSince1970: instant))
    }

    /// Why a text names no instant, as a field error's message.
    public struct Refusal: Error, Sendable, Equatable {
        public let message: String

        init(_ detail: String) {
            message = detail.isEmpty ? RFC3339.rule : "\(RFC3339.rule) (\(detail))"
        }
    }

    /// The API's date decoding: a refusal is a `DecodingError` at the field's path, which the request
    /// decoder turns into a 422 naming the field.
    static let decoding = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        switch instant(text) {
        case .success(let date): return date
        case .failure(let refusal): throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: refusal.message))
        }
    }
}
