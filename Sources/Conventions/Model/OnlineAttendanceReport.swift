public import DomainKit
public import FoundationEssentials
import Postgres

/// Where an online attendance report comes from.
public enum OnlineAttendanceSource: String, Sendable, Codable, CaseIterable {
    case zoom, teams

    var method: CheckInMethod { self == .zoom ? .zoom : .teams }
}

/// The people in a Zoom or Teams attendance report, one per email address: first join and total minutes.
///
/// Layouts read (docs/conventions.md has examples):
/// - Zoom "Meeting participants" report (Reports → Usage → Participants → Export), comma-separated
///   UTF-8: `Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,…`, one row per
///   join, optionally after a meeting summary block (`Meeting ID,Topic,Start Time,…`). Times like
///   `11/27/2026 10:02:15 AM`, or `2026/11/27 10:02:15` from a Japanese-language account.
/// - Teams attendance report (Attendance → Download), UTF-16 with a byte order mark, tab-separated, in
///   sections: `1. Summary`, then `2. Participants` with `Name, First Join, Last Leave, In-Meeting
///   Duration, Email, Participant ID (UPN), Role`, then `3. In-Meeting Activities`. Times like
///   `11/27/26, 10:00:03 AM`, durations like `1h 2m 3s`. The older layout (`Full Name, Join Time,
///   Leave Time, Duration, Email, Role`) is read too.
/// - Zoom webinar attendee reports (`Attended,User Name (Original Name),…,Email,…,Join Time,Leave Time,
///   Time in Session (minutes),…`) match the same columns.
/// The first row that has a name, an email and a join-time column is the header; rows end at the first
/// short row (the next section). Times are taken as Japan time, the time zone of the organizers'
/// accounts, unless they name their offset (RFC 3339); only the day and the first join are kept.
public struct OnlineAttendee: Sendable, Equatable {
    public let line: Int
    public let name: String
    public let email: String?
    public let firstJoin: Date
    public let minutes: Int
}

/// What can make a whole attendance report unreadable, as the API words it (English, in a `FieldError`).
/// `init?(_:)` reads such an error back, so the console words it in the reader's language from the same
/// definitions (as `CSVFileProblem` does for the file itself).
public enum AttendanceReportProblem: Sendable, Equatable {
    case noParticipantTable
    case unreadableJoinTime(line: Int, String)
    case tooManyAttendees(Int)

    public var fieldError: FieldError {
        switch self {
        case .noParticipantTable:
            FieldError(field: "file", message: "has no participant table: expected a header with a name, an email and a join time column")
        case .unreadableJoinTime(let line, let value):
            FieldError(field: "line \(line)", message: "the join time \"\(value)\" is not a date and time")
        case .tooManyAttendees(let limit):
            FieldError(field: "file", message: "has more than \(limit) attendees")
        }
    }

    public init?(_ error: FieldError) {
        let message = error.message
        if error.field == "file", message == Self.noParticipantTable.fieldError.message {
            self = .noParticipantTable
        } else if error.field == "file", message.hasPrefix("has more than "), message.hasSuffix(" attendees"),
                  let limit = Int(message.dropFirst("has more than ".count).dropLast(" attendees".count)) {
            self = .tooManyAttendees(limit)
        } else if error.field.hasPrefix("line "), let line = Int(error.field.dropFirst("line ".count)),
                  message.hasPrefix("the join time \""), message.hasSuffix("\" is not a date and time") {
            self = .unreadableJoinTime(line: line, String(message.dropFirst("the join time \"".count).dropLast("\" is not a date and time".count)))
        } else {
            return nil
        }
    }
}

enum OnlineAttendanceReport {
    static let maximumAttendees = 20_000

    static func attendees(in records: [CSVRecord]) throws(ConventionsError) -> [OnlineAttendee] {
        guard let headerIndex = records.firstIndex(where: { columns($0.fields) != nil }), let columns = columns(records[headerIndex].fields) else {
            throw ConventionsError.invalid([AttendanceReportProblem.noParticipantTable.fieldError])
        }
        var byKey: [String: OnlineAttendee] = [:]
        var order: [String] = []
        for record in records[(headerIndex + 1)...] {
            guard record.fields.count > max(columns.name, columns.email, columns.join) else { break }
            // Every cell as every import reads it (`CSVReader.cellValue`): a zero-width space pasted into an email
            // made it another address, and the attendee was skipped as not registered.
            let name = CSVReader.cellValue(record.fields[columns.name])
            let email = CSVReader.cellValue(record.fields[columns.email])
            let joinText = CSVReader.cellValue(record.fields[columns.join])
            // Webinar reports list registrants who never came with "--" (or nothing) as their join time.
            if ["", "--"].contains(joinText) { continue }
            guard let join = parseTime(joinText) else {
                throw ConventionsError.invalid([AttendanceReportProblem.unreadableJoinTime(line: record.line, String(joinText.prefix(40))).fieldError])
            }
            let minutes = columns.duration.flatMap { $0 < record.fields.count ? parseMinutes(CSVReader.cellValue(record.fields[$0])) : nil } ?? 0
            let key = email.isEmpty ? "name:" + name : email.lowercased()
            if let seen = byKey[key] {
                byKey[key] = OnlineAttendee(line: seen.line, name: seen.name, email: seen.email, firstJoin: min(seen.firstJoin, join),
                                            minutes: seen.minutes + minutes)
            } else {
                guard order.count < maximumAttendees else { throw ConventionsError.invalid([AttendanceReportProblem.tooManyAttendees(maximumAttendees).fieldError]) }
                order.append(key)
                byKey[key] = OnlineAttendee(line: record.line, name: name, email: email.isEmpty ? nil : email, firstJoin: join, minutes: minutes)
            }
        }
        return order.compactMap { byKey[$0] }
    }

    struct Columns { let name, email, join: Int; let duration: Int? }

    static func columns(_ header: [String]) -> Columns? {
        let names = header.map { CSVHeader.columnName($0).lowercased() }
        func first(_ test: (String) -> Bool) -> Int? { names.firstIndex(where: test) }
        guard let name = first({ $0.hasPrefix("name") || $0.hasPrefix("full name") || $0.hasPrefix("user name") || $0.contains("名前") }),
              let email = first({ $0.contains("email") || $0.contains("メール") }),
              let join = first({ $0.contains("join time") || $0 == "first join" || $0.contains("参加時刻") || $0.contains("参加時間") })
        else { return nil }
        return Columns(name: name, email: email, join: join,
                       duration: first { $0.contains("duration") || $0.contains("time in session") || $0.contains("期間") || $0.contains("時間 (分)") })
    }

    /// `11/27/2026 10:02:15 AM`, `11/27/26, 10:00:03 AM`, `2026/11/27 10:02:15`, `2026-11-27 10:02:15`,
    /// read as Japan time; a time that names its offset (`2026-11-27T01:02:15Z` as Zoom's API writes it,
    /// `…T08:02:15+07:00`) is the instant it names.
    static func parseTime(_ text: String) -> Date? {
        if case .success(let instant) = RFC3339.instant(text.trimmed) { return instant }
        let upper = text.uppercased()
        let numbers = upper.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 5, numbers.count <= 6 else { return nil }
        var (year, month, day) = numbers[0] > 31 ? (numbers[0], numbers[1], numbers[2]) : (numbers[2], numbers[0], numbers[1])
        if year < 100 { year += 2000 }
        guard (2000...2100).contains(year) else { return nil }
        var hour = numbers[3]
        let minute = numbers[4], second = numbers.count == 6 ? numbers[5] : 0
        if upper.contains("PM") && hour < 12 { hour += 12 }
        if upper.contains("AM") && hour == 12 { hour = 0 }
        guard let date = CalendarDate(year: year, month: month, day: day), (0..<24).contains(hour), (0..<60).contains(minute),
              (0..<61).contains(second) else { return nil }
        let secondsOfDay: Int = hour * 3600 + minute * 60 + second
        let seconds: Int = date.daysSinceEpoch * 86_400 + secondsOfDay - 9 * 3600
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Zoom's whole minutes (`42`) or Teams's `1h 2m 3s`; seconds are rounded down to minutes.
    static func parseMinutes(_ text: String) -> Int? {
        let text = text.trimmed
        if let minutes = Int(text) { return (0...100_000).contains(minutes) ? minutes : nil }
        var seconds = 0
        var number = 0
        var sawUnit = false
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                number = number * 10 + digit
                guard number < 10_000_000 else { return nil }
            } else if "hms".contains(character) {
                seconds += number * (character == "h" ? 3600 : character == "m" ? 60 : 1)
                number = 0
                sawUnit = true
            }
        }
        return sawUnit ? min(seconds / 60, 100_000) : nil
    }
}
