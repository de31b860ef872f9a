import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Registration and online attendance imports")
struct ImportTests {
    @Test("a dry run reports bad rows by line and column and the seats a real run would give, and writes nothing")
    func dryRun() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 1), by: admin)
        let csv = """
            email,nameEn,sector,role,universityId,consentToShareContact
            a@example.jp,Aoki,industry,local_company,,yes
            b@example.jp,Baba,academia,student,ynu,no
            not-an-email,Chiba,industry,local_company,,
            A@example.jp,Aoki again,industry,local_company,,
            d@example.jp,Doi,government,astronaut,,maybe

            """
        let report = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: true, by: admin)
        #expect(report.rows == 5)
        #expect(report.registered == 1)
        #expect(report.waitlisted == 1)
        #expect(report.errors.contains { $0.line == 4 && $0.column == "email" })
        #expect(report.errors.contains { $0.line == 5 && $0.column == "email" })
        #expect(report.errors.contains { $0.line == 6 && $0.column == "role" })
        #expect(report.errors.contains { $0.line == 6 && $0.column == "consentToShareContact" })
        #expect(try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items.isEmpty)
    }

    @Test("a registration file saved by Excel with empty trailing columns imports, and an exported name keeps no formula apostrophe")
    func excelTrailingColumnsAndApostrophe() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 5), by: admin)
        let csv = "email,nameEn,sector,role,,\r\na@example.jp,'-Aoki,industry,local_company,,\r\n,,,,,\r\nb@example.jp,Baba,academia,student,,stray\r\n"
        let report = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: true, by: admin)
        #expect(report.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-")" } == ["4:row:valuesBeyondHeader"])
        let fixed = csv.replacing(",,stray", with: ",,")
        let imported = try await service.importRegistrations(csv: Array(fixed.utf8), eventID: event.id, dryRun: false, by: admin)
        #expect(imported.registered == 2)
        let names = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items.map(\.participant.nameEn)
        #expect(Set(names) == ["-Aoki", "Baba"])
    }

    @Test("a registration row with more values than the header is refused, not read shifted; nothing is written")
    func valuesBeyondHeader() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 5), by: admin)
        let csv = """
            email,nameEn,sector,role
            a@example.jp,Aoki, Taro,industry,local_company
            b@example.jp,Baba,academia,student,,

            """
        let report = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: true, by: admin)
        #expect(report.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-")" } == ["2:row:valuesBeyondHeader"])
        #expect(report.registered == 1)
        let refused = await #expect(throws: ConventionsError.self) {
            try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: false, by: admin)
        }
        #expect(refused?.problem.status == 422)
        #expect(try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items.isEmpty)
    }

    @Test("a Shift_JIS (CP932) file from Excel imports its Japanese names intact, ㈱ included")
    func shiftJIS() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        // 山田太郎 and 横浜環境㈱ as Python's cp932 codec encodes them.
        let name: [UInt8] = [0x8E, 0x52, 0x93, 0x63, 0x91, 0xBE, 0x98, 0x59]
        let organisation: [UInt8] = [0x89, 0xA1, 0x95, 0x6C, 0x8A, 0xC2, 0x8B, 0xAB, 0x87, 0x8A]
        let bytes = Array("email,nameJa,organisation,sector,role\r\nyamada@example.jp,".utf8) + name + [0x2C] + organisation
            + Array(",industry,local_company\r\n".utf8)
        let report = try await service.importRegistrations(csv: bytes, eventID: event.id, dryRun: false, by: admin)
        #expect(report.encoding == .shiftJIS)
        #expect(report.registered == 1)
        let stored = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items
        #expect(stored.first?.participant.nameJa == "山田太郎")
        #expect(stored.first?.participant.organisation == "横浜環境㈱")
    }

    @Test("Japanese headers (氏名, メールアドレス, フリガナ, 所属, 分野, 立場) in a Shift_JIS file import as the English columns; a row's problem names the column as the file does")
    func japaneseHeaders() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        // 氏名,メールアドレス,フリガナ,所属,分野,立場, 山田太郎 and ﾔﾏﾀﾞ ﾀﾛｳ as Python's cp932 codec encodes them.
        let header: [UInt8] = [0x8E, 0x81, 0x96, 0xBC, 0x2C, 0x83, 0x81, 0x81, 0x5B, 0x83, 0x8B, 0x83, 0x41, 0x83, 0x68, 0x83, 0x8C, 0x83, 0x58, 0x2C,
                               0x83, 0x74, 0x83, 0x8A, 0x83, 0x4B, 0x83, 0x69, 0x2C, 0x8F, 0x8A, 0x91, 0xAE, 0x2C, 0x95, 0xAA, 0x96, 0xEC, 0x2C,
                               0x97, 0xA7, 0x8F, 0xEA]
        let name: [UInt8] = [0x8E, 0x52, 0x93, 0x63, 0x91, 0xBE, 0x98, 0x59]
        let reading: [UInt8] = [0xD4, 0xCF, 0xC0, 0xDE, 0x20, 0xC0, 0xDB, 0xB3]  // ﾔﾏﾀﾞ ﾀﾛｳ, half-width
        let bytes = header + Array("\r\n".utf8) + name + Array(",yamada@example.jp,".utf8) + reading
            + Array(",Yokohama Eco,industry,local_company\r\n".utf8)
            + name + Array(",kato@example,,,industry,local_company\r\n".utf8)
        let checked = try await service.importRegistrations(csv: bytes, eventID: event.id, dryRun: true, by: admin)
        #expect(checked.encoding == .shiftJIS)
        #expect(checked.errors.map { "\($0.line):\($0.column)" } == ["3:メールアドレス"])
        let fixed = bytes.prefix(bytes.count - Array("kato@example,,,industry,local_company\r\n".utf8).count - name.count - 1)
        let report = try await service.importRegistrations(csv: Array(fixed), eventID: event.id, dryRun: false, by: admin)
        #expect(report.registered == 1)
        let person = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items.first?.participant
        #expect(person?.nameJa == "山田太郎" && person?.email == "yamada@example.jp" && person?.nameReading == "ヤマダ タロウ" && person?.organisation == "Yokohama Eco")
    }

    @Test("a file naming one column twice, in English and in Japanese (full-width brackets folded), is a 422 naming both headers; an unknown header is reported as before")
    func sameColumnTwice() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        let csv = "\u{FEFF}email,メールアドレス,氏名（ローマ字表記）,nameEn,sector,role,備考\r\na@example.jp,a@example.jp,Aoki,Aoki,industry,local_company,\r\n"
        let refused = await #expect(throws: ConventionsError.self) {
            try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: true, by: admin)
        }
        #expect(refused?.problem.status == 422)
        #expect(refused?.problem.errors?.compactMap(CSVFileProblem.init) == [
            .sameColumnTwice("email", "メールアドレス"), .sameColumnTwice("氏名（ローマ字表記）", "nameEn"), .unknownColumn("備考"),
        ])
    }

    @Test("a Zoom participants report checks in registered people online once per day, summing their minutes; a re-import changes nothing")
    func zoom() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        _ = try await service.register(registration("an.nguyen@example.vn", attendance: .online), eventID: event.id, by: admin)
        _ = try await service.register(registration("somchai@example.th", attendance: .online), eventID: event.id, by: admin)
        // The layout of Zoom's "Meeting participants" export with the meeting data block.
        let csv = """
            Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r
            812 3456 7890,Yokohama Decarbonization Convention,12/01/2026 09:55:12 AM,12/01/2026 05:03:40 PM,host@city.yokohama.example,429,3\r
            \r
            Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r
            Nguyen An,An.Nguyen@example.vn,12/01/2026 09:58:03 AM,12/01/2026 11:30:10 AM,93,Yes,Y\r
            Nguyen An,an.nguyen@example.vn,12/01/2026 01:02:00 PM,12/01/2026 02:00:00 PM,58,Yes,Y\r
            Somchai (Bangkok),somchai@example.th,12/01/2026 10:15:44 AM,12/01/2026 04:40:01 PM,385,Yes,Y\r
            Guest Phone,,12/01/2026 10:20:00 AM,12/01/2026 10:50:00 AM,30,Yes,\r
            Unknown Person,who@example.com,12/01/2026 10:21:00 AM,12/01/2026 10:51:00 AM,30,Yes,Y\r

            """
        let report = try await service.importAttendance(csv: Array(csv.utf8), source: .zoom, sessionID: nil, eventID: event.id, by: admin)
        #expect(report.attendees == 4)
        #expect(report.checkedIn == 2)
        #expect(report.skipped.map(\.name) == ["Guest Phone", "Unknown Person"])
        let counts = try await service.attendance(of: event.id, by: admin)
        #expect(counts.map(\.attendedOnline) == [2])
        let again = try await service.importAttendance(csv: Array(csv.utf8), source: .zoom, sessionID: nil, eventID: event.id, by: admin)
        #expect(again.checkedIn == 0)
        #expect(again.alreadyCheckedIn == 2)
    }

    /// Found probing dates (2026-12-04): `2026-11-30T23:58:03Z` (08:58 on 1 December in Japan) was read as 23:58
    /// Japan time on 30 November, a day before the event, and the person was left out.
    @Test("a join time that names its offset (Z, +07:00) is the instant it names; one without is Japan time")
    func joinTimeOffsets() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)  // 2026-12-01 09:00 to 12-02 18:00 JST
        for email in ["an.nguyen@example.vn", "somchai@example.th", "maria@example.ph"] {
            _ = try await service.register(registration(email, attendance: .online), eventID: event.id, by: admin)
        }
        let csv = """
            Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r
            Nguyen An,an.nguyen@example.vn,2026-11-30T23:58:03Z,2026-12-01T01:30:00Z,92\r
            Somchai,somchai@example.th,2026-12-01T06:58:03+07:00,2026-12-01T08:00:00+07:00,62\r
            Maria,maria@example.ph,2026/12/01 09:58:03,2026/12/01 11:00:00,62\r

            """
        let report = try await service.importAttendance(csv: Array(csv.utf8), source: .zoom, sessionID: nil, eventID: event.id, dryRun: true, by: admin)
        #expect(report.checkedIn == 3, "\(report.skipped)")
        #expect(report.rows.map(\.day) == Array(repeating: CalendarDate("2026-12-01")!, count: 3))
    }

    @Test("a Zoom webinar attendee report is read by the same columns, and registrants who never joined are left out")
    func zoomWebinar() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        _ = try await service.register(registration("suda@example.th", attendance: .online), eventID: event.id, by: admin)
        let csv = """
            Attended,User Name (Original Name),First Name,Last Name,Email,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Country/Region Name
            Yes,Suda Wongsa,Suda,Wongsa,suda@example.th,11/20/2026 03:12:40 PM,approved,12/01/2026 01:00:12 PM,12/01/2026 02:31:40 PM,92,Thailand
            No,Anan Boonmee,Anan,Boonmee,anan@example.th,11/21/2026 09:00:00 AM,approved,--,--,--,Thailand

            """
        let report = try await service.importAttendance(csv: Array(csv.utf8), source: .zoom, sessionID: nil, eventID: event.id, by: admin)
        #expect(report.checkedIn == 1)
        #expect(report.attendees == 1)
        let checkedIn = try await service.registrations(of: event.id, RegistrationFilter(status: .attended), page: PageRequest(), by: admin)
        #expect(checkedIn.items.map(\.participant.email) == ["suda@example.th"])
    }

    @Test("a Teams attendance report (UTF-16 with BOM, tab-separated, in sections) checks in from its Participants section")
    func teams() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        _ = try await service.register(registration("maria.santos@example.ph", attendance: .online), eventID: event.id, by: admin)
        let text = [
            "1. Summary", "Meeting title\tYokohama Decarbonization Convention", "Attended participants\t2",
            "Start time\t12/1/26, 9:58:01 AM", "End time\t12/1/26, 5:02:11 PM", "Meeting duration\t7h 4m 10s", "",
            "2. Participants", "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
            "Maria Santos\t12/1/26, 10:01:05 AM\t12/1/26, 3:30:00 PM\t5h 28m 55s\tmaria.santos@example.ph\tmaria.santos@example.ph\tAttendee",
            "Organizer Yokohama\t12/1/26, 9:58:01 AM\t12/1/26, 5:02:11 PM\t7h 4m 10s\torganizer@city.yokohama.example\torganizer@city.yokohama.example\tOrganizer",
            "", "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
            "Maria Santos\t12/1/26, 10:01:05 AM\t12/1/26, 3:30:00 PM\t5h 28m 55s\tmaria.santos@example.ph\tAttendee", "",
        ].joined(separator: "\r\n")
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let report = try await service.importAttendance(csv: bytes, source: .teams, sessionID: nil, eventID: event.id, by: admin)
        #expect(report.encoding == .utf16LittleEndian)
        #expect(report.attendees == 2)
        #expect(report.checkedIn == 1)
        #expect(report.skipped.map(\.email) == ["organizer@city.yokohama.example"])
        let attended = try await service.registrations(of: event.id, RegistrationFilter(status: .attended), page: PageRequest(), by: admin)
        #expect(attended.items.count == 1)
    }
}

@Suite("Erasure of a participant")
struct ErasureTests {
    @Test("erasure removes the personal fields and their audit values but keeps every attendance count")
    func erasureKeepsCounts() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(eventDraft(), by: admin)
        let student = try await service.register(
            RegistrationDraft(participant: person("student@ynu.ac.jp", sector: .academia, role: .student, university: "ynu", consent: true)),
            eventID: event.id, by: admin)
        _ = try await service.register(registration("other@example.jp"), eventID: event.id, by: admin)
        _ = try await service.checkIn(CheckInRequest(code: student.code, day: CalendarDate("2026-12-01")), eventID: event.id, by: admin)
        let before = try await service.attendance(of: event.id, by: admin)
        try await service.eraseParticipant(student.participant.id, by: admin)
        let after = try await service.attendance(of: event.id, by: admin)
        #expect(after == before)
        #expect(before.first { $0.role == .student }?.attended == 1)
        let erased = try await service.registrations(of: event.id, RegistrationFilter(role: .student), page: PageRequest(), by: admin).items[0]
        #expect(erased.participant.email == nil && erased.participant.nameJa == nil && erased.participant.nameEn == nil)
        #expect(erased.participant.erasedAt != nil)
        #expect(erased.participant.universityId == "ynu")
        #expect(erased.status == .attended)
        let audit = try await pool.query("""
            SELECT count(*) AS n FROM audit_log WHERE entity = 'participants' AND entity_id = \(student.participant.id.uuidString.lowercased())
              AND changes::text LIKE '%student@ynu.ac.jp%'
            """)
        #expect(try audit[0].decode("n", as: Int.self) == 0)
        let notAdmin = await #expect(throws: ConventionsError.self) { try await service.eraseParticipant(student.participant.id, by: coordinator) }
        #expect(notAdmin?.problem.status == 404)
    }
}
