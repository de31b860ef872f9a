public import FoundationEssentials

/// A calendar date without time or zone: PostgreSQL's `date`. Fiscal years and MOU dates are these.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Refuses impossible dates (February 30th) instead of rolling them over.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date its caller knows is real (April 1 of a fiscal year), with nothing to unwrap. Only the
    /// package's own code may say so (`package`); input goes through `init?(year:month:day:)`, which
    /// refuses February 30th where this would count on into March.
    package init(knownValidYear year: Int, month: Int, day: Int) {
        self.init(daysSinceEpoch: daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil), for arithmetic without Calendar.
    public var daysSinceEpoch: Int {
        daysFromCivil(year: year, month: month, day: day)
    }

    public init(daysSinceEpoch days: Int) {
        let (year, month, day) = civilFromDays(days)
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a date as YYYY-MM-DD"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CalendarDate: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .date }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        buffer.append(contentsOf: description.utf8)
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> CalendarDate {
        guard let date = CalendarDate(String(decoding: bytes, as: UTF8.self)) else {
            throw decodingFailure(CalendarDate.self, type)
        }
        return date
    }
}

/// `timestamptz`, exchanged as ISO text in UTC (the session's TimeZone is set to UTC on connect) with
/// microsecond precision, PostgreSQL's own.
extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .timestamptz }

    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        // Up to 9999-12-31T23:59:59.999999Z, the "never" people write for an expiry: four-digit years, which
        // is what this encoder and `decode` exchange with PostgreSQL (2.5e17, the former bound, fell in 9892).
        guard micros.isFinite, micros < 253_402_300_800_000_000 else { throw PostgresError(.encoding, "dates after 9999 are not supported") }
        let total = Int64(micros)
        let (seconds, fraction) = floorDivide(total, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let civil = civilFromDays(Int(days))
        guard civil.year >= 1 else { throw PostgresError(.encoding, "dates before year 1 are not supported") }
        // Digits straight into the buffer: every statement that stamps a time encodes one or two
        // of these, and building the text from Strings showed in the `/v1/me` profile.
        buffer.appendDigits(civil.year, count: 4)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendDigits(civil.month, count: 2)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendDigits(civil.day, count: 2)
        buffer.append(UInt8(ascii: " "))
        buffer.appendDigits(Int(secondOfDay / 3600), count: 2)
        buffer.append(UInt8(ascii: ":"))
        buffer.appendDigits(Int(secondOfDay / 60 % 60), count: 2)
        buffer.append(UInt8(ascii: ":"))
        buffer.appendDigits(Int(secondOfDay % 60), count: 2)
        buffer.append(UInt8(ascii: "."))
        buffer.appendDigits(Int(fraction), count: 6)
        buffer.append(contentsOf: "+00".utf8)
    }

    /// Reads `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Date {
        var cursor = TextCursor(bytes)
        guard let year = cursor.number(digits: 4), cursor.skip("-"), let month = cursor.number(digits: 2), cursor.skip("-"),
              let day = cursor.number(digits: 2), cursor.skip(" ") || cursor.skip("T"),
              let hour = cursor.number(digits: 2), cursor.skip(":"), let minute = cursor.number(digits: 2), cursor.skip(":"),
              let second = cursor.number(digits: 2)
        else { throw decodingFailure(Date.self, type) }
        var micros = 0
        if cursor.skip(".") {
            var scale = 100_000
            while let digit = cursor.digit() {
                micros += digit * scale
                scale /= 10
            }
        }
        var offsetSeconds = 0
        if let sign = cursor.sign() {
            guard let hours = cursor.number(digits: 2) else { throw decodingFailure(Date.self, type) }
            var offset = hours * 3600
            if cursor.skip(":"), let minutes = cursor.number(digits: 2) { offset += minutes * 60 }
            if cursor.skip(":"), let seconds = cursor.number(digits: 2) { offset += seconds }
            offsetSeconds = sign * offset
        }
        guard cursor.isAtEnd else { throw decodingFailure(Date.self, type) }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}

extension Array where Element == UInt8 {
    /// `value` (not negative, below 10^count) as exactly `count` decimal digits: how timestamps are
    /// written, here for PostgreSQL and in API responses (DomainKit's ResponseJSONEncoder).
    public mutating func appendDigits(_ value: Int, count: Int) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}

func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
    var quotient = value / divisor
    var remainder = value % divisor
    if remainder < 0 {
        quotient -= 1
        remainder += divisor
    }
    return (quotient, remainder)
}

func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

/// A forward-only reader over ASCII text, for the fixed formats PostgreSQL prints.
struct TextCursor {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func digit() -> Int? {
        guard index < bytes.count else { return nil }
        let value = bytes[index] &- UInt8(ascii: "0")
        guard value < 10 else { return nil }
        index += 1
        return Int(value)
    }

    mutating func number(digits: Int) -> Int? {
        var value = 0
        for _ in 0..<digits {
            guard let next = digit() else { return nil }
            value = value * 10 + next
        }
        return value
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
