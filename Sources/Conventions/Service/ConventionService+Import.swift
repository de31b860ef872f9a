public import DomainKit
public import FoundationEssentials
public import Postgres

/// The outcome of a registration CSV import: what would be (dry run) or was written, and every bad row.
public struct RegistrationImportReport: Sendable, Codable, Equatable {
    public let dryRun: Bool
    public let encoding: CSVEncoding
    public let rows: Int
    public let registered: Int
    public let waitlisted: Int
    public let errors: [CSVRowError]
}

/// The outcome of an online attendance import.
public struct AttendanceImportReport: Sendable, Codable, Equatable {
    public struct Skipped: Sendable, Codable, Equatable {
        public let line: Int
        public let name: String
        public let email: String?
        public let reason: String
    }

    /// One person of the report and what the import does with them (the console's dry-run table).
    public struct Row: Sendable, Codable, Equatable {
        public enum Outcome: String, Sendable, Codable {
            case checkedIn = "checked_in"
            case alreadyCheckedIn = "already_checked_in"
            case skipped
        }

        public let line: Int
        public let name: String
        public let email: String?
        public let day: CalendarDate
        public let minutes: Int?
        public let outcome: Outcome
        /// Why a skipped person was skipped, as a code (the console words it) and in English.
        public let skippedBecause: SkipCause?
        public let reason: String?
    }

    public enum SkipCause: String, Sendable, Codable {
        case noEmail = "no_email"
        case notRegistered = "not_registered"
        case noSeat = "no_seat"
        case notAnEventDay = "not_an_event_day"
    }

    /// True: everything was checked and rolled back; the counts are what a real run gives.
    public let dryRun: Bool
    public let source: OnlineAttendanceSource
    public let encoding: CSVEncoding
    /// Distinct people in the report (by email, or by name for guests without one).
    public let attendees: Int
    public let checkedIn: Int
    public let alreadyCheckedIn: Int
    public let skipped: [Skipped]
    /// Every person of the report in file order (at most 2,000).
    public let rows: [Row]
}

extension ConventionService {
    /// Columns of the registrations CSV, by header name; `consentToShareContact` is true/false (or yes/no, 1/0).
    static let importColumns = [
        "email", "nameJa", "nameEn", "nameReading", "organisation", "country", "sector", "role", "universityId", "campusId", "consentToShareContact", "consentToStayInTouch", "attendance",
    ]
    /// The Japanese headers each column is also known by (conv35), as Japanese organizers' Excel files say them and the
    /// public form asks: compared in NFKC, so （ ） and ( ), ＩＤ and ID are one (docs/conventions.md, "CSV import").
    /// The values stay the codes the English columns take (industry, student, in_person; はい/いいえ for the consents).
    static let importColumnsJa: [String: [String]] = [
        "email": ["メールアドレス", "メール", "Eメール", "電子メール"],
        "nameJa": ["氏名", "名前", "氏名（日本語表記）", "氏名（日本語）"],
        "nameEn": ["氏名（ローマ字表記）", "氏名（ローマ字）", "氏名（英語）", "ローマ字氏名"],
        "nameReading": ["フリガナ", "ふりがな", "よみがな", "氏名（フリガナ）"],
        "organisation": ["所属", "所属（会社・団体・大学）", "会社名", "団体名"],
        "country": ["国・地域", "国"],
        "sector": ["分野"],
        "role": ["立場"],
        "universityId": ["大学ID"],
        "campusId": ["キャンパスID"],
        "consentToShareContact": ["連絡先共有の同意"],
        "consentToStayInTouch": ["今後の案内の同意"],
        "attendance": ["参加方法"],
    ]
    static let requiredImportColumns = ["email", "sector", "role"]
    static let maximumImportRows = 10_000

    /// Imports registrations in file order, each with the rules of `register` (capacity, waitlist, one
    /// per email), in one transaction with the event locked. A dry run does all of it and rolls back, so
    /// its counts of seats and waitlist are exactly what a real run would give; a real run with any bad
    /// row writes nothing.
    public func importRegistrations(csv bytes: [UInt8], eventID: UUID, dryRun: Bool, by principal: Principal) async throws -> RegistrationImportReport {
        do {
            return try await write(by: principal) { db in
                let event = try await managedEvent(eventID, by: principal, lock: true, on: db)
                var (records, encoding) = try await CSVReader.read(bytes, using: db)
                guard !records.isEmpty else { throw ConventionsError.invalid([CSVFileProblem.noHeaderRow.fieldError]) }
                let header = CSVHeader(records.removeFirst().fields, known: Self.importColumns, required: Self.requiredImportColumns,
                                       aliases: Self.importColumnsJa)
                if !header.problems.isEmpty { throw ConventionsError.invalid(header.problems) }
                guard records.count <= Self.maximumImportRows else {
                    throw ConventionsError.invalid([CSVFileProblem.tooManyRows(Self.maximumImportRows).fieldError])
                }
                var errors: [CSVRowError] = []
                var statuses: [RegistrationStatus] = []
                // Counted once: the event stays locked to the commit, so only this import's own rows change the tally.
                var seatsTaken: [AttendanceMode: Int] = [:]
                for attendance in AttendanceMode.allCases {
                    seatsTaken[attendance] = try await registrations.seatsTaken(eventID: event.id, attendance: attendance, on: db)
                }
                for record in records {
                    // A shifted row's values are in the wrong columns: its one problem is the shift.
                    if let overflow = header.overflow(of: record) { errors.append(overflow); continue }
                    do {
                        let draft = try Self.registrationDraft(record, header: header)
                        // A savepoint per row: a refused row leaves no participant behind.
                        let registration = try await db.transaction { [seatsTaken] db in
                            try await register(draft, in: event, seatsTaken: seatsTaken, on: db)
                        }
                        if registration.status.holdsSeat { seatsTaken[registration.attendance, default: 0] += 1 }
                        statuses.append(registration.status)
                    } catch let error as ConventionsError {
                        // The column as the file names it (メールアドレス in a Japanese file), where the person fixes it.
                        for field in error.problem.errors ?? [FieldError(field: "row", message: error.problem.detail)] {
                            let column = field.field.replacing("participant.", with: "")
                            errors.append(.init(line: record.line, column: header.written[column] ?? column, message: field.message))
                        }
                    } catch let error as PostgresError where error.violation != nil {
                        // A CHECK the model's own validation did not foresee; the row is refused, the rest goes on.
                        errors.append(.init(line: record.line, column: "row", message: "breaks a rule of the data (a value is too long or malformed)"))
                    }
                }
                let report = RegistrationImportReport(
                    dryRun: dryRun, encoding: encoding, rows: records.count, registered: statuses.count { $0 == .registered },
                    waitlisted: statuses.count { $0 == .waitlisted }, errors: errors)
                if dryRun { throw DryRunRollback(report: report) }
                if !errors.isEmpty {
                    throw ConventionsError.invalidRows(errors)
                }
                return report
            }
        } catch let rollback as DryRunRollback<RegistrationImportReport> {
            return rollback.report
        }
    }

    /// Thrown to roll a dry run back, carrying its report out of the transaction.
    private struct DryRunRollback<Report: Sendable>: Error {
        let report: Report
    }

    private static func registrationDraft(_ record: CSVRecord, header: CSVHeader) throws(ConventionsError) -> RegistrationDraft {
        func value(_ column: String) -> String? { header.value(column, in: record) }
        var validation = Validation()
        let sector = value("sector").flatMap(Sector.init(rawValue:))
        validation.check(sector != nil, "sector", "must be one of \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
        let role = value("role").flatMap(ParticipantRole.init(rawValue:))
        validation.check(role != nil, "role", "must be one of \(ParticipantRole.allCases.map(\.rawValue).joined(separator: ", "))")
        var attendance: AttendanceMode?
        if let text = value("attendance") {
            attendance = AttendanceMode(rawValue: text)
            validation.check(attendance != nil, "attendance", "must be in_person or online")
        }
        func consent(_ column: String) -> Bool? {
            guard let text = value(column)?.lowercased() else { return nil }
            let answer: Bool? = ["true", "yes", "1", "はい"].contains(text) ? true : ["false", "no", "0", "いいえ"].contains(text) ? false : nil
            validation.check(answer != nil, column, "must be true or false")
            return answer
        }
        let shareContact = consent("consentToShareContact"), stayInTouch = consent("consentToStayInTouch")
        try validation.validate(as: ConventionsError.self)
        guard let sector, let role else { throw ConventionsError.field("sector", "is required") }
        return RegistrationDraft(
            participant: ParticipantDraft(
                nameJa: value("nameJa"), nameEn: value("nameEn"), email: value("email") ?? "", organisation: value("organisation"),
                country: value("country"), sector: sector, role: role, universityId: value("universityId"), consentToShareContact: shareContact, campusId: value("campusId"),
                consentToStayInTouch: stayInTouch, nameReading: value("nameReading")),
            attendance: attendance)
    }

    /// Checks in the people of a Zoom or Teams attendance report who registered for the event (matched
    /// by email), online, on the day of their first join. Importing the same report again changes nothing.
    /// A dry run does all of it and rolls back, so its rows say exactly what a real run would do.
    public func importAttendance(
        csv bytes: [UInt8], source: OnlineAttendanceSource, sessionID: UUID?, eventID: UUID, dryRun: Bool = false, by principal: Principal
    ) async throws -> AttendanceImportReport {
        do {
            return try await write(by: principal) { db in
                let event = try await managedEvent(eventID, by: principal, seats: false, on: db)
                let (records, encoding) = try await CSVReader.read(bytes, using: db) { $0.contains("\t") ? "\t" : "," }
                let attendees = try OnlineAttendanceReport.attendees(in: records)
                var checkedIn = 0, already = 0
                var skipped: [AttendanceImportReport.Skipped] = []
                var rows: [AttendanceImportReport.Row] = []
                func note(
                    _ attendee: OnlineAttendee, _ outcome: AttendanceImportReport.Row.Outcome, _ cause: AttendanceImportReport.SkipCause? = nil,
                    _ reason: String? = nil
                ) {
                    if let reason, skipped.count < 500 {
                        skipped.append(.init(line: attendee.line, name: attendee.name, email: attendee.email, reason: reason))
                    }
                    if rows.count < 2_000 {
                        rows.append(.init(line: attendee.line, name: attendee.name, email: attendee.email, day: CalendarDate(inJapanAt: attendee.firstJoin),
                                          minutes: attendee.minutes, outcome: outcome, skippedBecause: cause, reason: reason))
                    }
                }
                for attendee in attendees {
                    guard let email = attendee.email else { note(attendee, .skipped, .noEmail, "no email in the report (a guest)"); continue }
                    guard let registration = try await registrations.find(email: email, eventID: eventID, on: db) else {
                        note(attendee, .skipped, .notRegistered, "not registered for this event"); continue
                    }
                    guard registration.status.holdsSeat else { note(attendee, .skipped, .noSeat, "registration is \(registration.status.rawValue)"); continue }
                    let day = CalendarDate(inJapanAt: attendee.firstJoin)
                    do {
                        let outcome = try await db.transaction { db in
                            try await checkIn(registration, in: event, sessionID: sessionID, day: day, attendance: .online, method: source.method,
                                              at: attendee.firstJoin, durationMinutes: attendee.minutes, by: principal, on: db)
                        }
                        if outcome.created { checkedIn += 1 } else { already += 1 }
                        note(attendee, outcome.created ? .checkedIn : .alreadyCheckedIn)
                    } catch let error as ConventionsError where error.problem.status == 422 {
                        if error.problem.errors?.first?.field == "sessionId" { throw error }
                        note(attendee, .skipped, .notAnEventDay, error.problem.errors?.first?.message ?? error.problem.detail)
                    }
                }
                let report = AttendanceImportReport(
                    dryRun: dryRun, source: source, encoding: encoding, attendees: attendees.count, checkedIn: checkedIn, alreadyCheckedIn: already,
                    skipped: skipped, rows: rows)
                if dryRun { throw DryRunRollback(report: report) }
                return report
            }
        } catch let rollback as DryRunRollback<AttendanceImportReport> {
            return rollback.report
        }
    }
}
