import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Marks that show nothing, pasted into a report or a sheet, are read as a person sees the text (polish24): the
/// online attendance reports go through the same cell and header reading as every other import.
@Suite("Convention imports of invisible marks over HTTP")
struct ImportInvisiblesHTTPTests {
    @Test("a Teams report with a zero-width space after a column name and inside an email, or a word joiner in a name, checks the person in; a zero-width joiner stays")
    func teamsAttendance() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: admin)
            for email in ["maria.santos@example.ph", "an.nguyen@example.vn"] {
                _ = try await service.register(registration(email, attendance: .online), eventID: event.id, by: admin)
            }
            let text = [
                "1. Summary", "Meeting title\tYokohama Decarbonization Convention", "",
                "2. Participants", "Name\tFirst Join\u{200B}\tLast Leave\tIn-Meeting Duration\tEmail\u{FEFF}\tRole",
                "Maria\u{2060} Santos\t12/1/26, 10:01:05 AM\t12/1/26, 3:30:00 PM\t5h 28m 55s\tmaria.\u{200B}santos@example.ph\tAttendee",
                "An 👩\u{200D}💻 Nguyen\t12/1/26, 10:05:00 AM\t12/1/26, 11:00:00 AM\t55m 0s\t\u{FEFF}an.nguyen@example.vn\u{2060}\tAttendee", "",
            ].joined(separator: "\r\n")
            let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let response = try await TestClient.request(
                port: port, "POST", "/v1/events/\(event.id)/check-ins/import?source=teams",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"], bytes: bytes)
            #expect(response.status == 200, Comment(rawValue: response.text))
            let report = try JSONDecoder().decode(AttendanceImportReport.self, from: Data(response.body))
            #expect(report.checkedIn == 2, "\(report.rows)")
            #expect(report.rows.map(\.name) == ["Maria Santos", "An 👩\u{200D}💻 Nguyen"])
            #expect(report.rows.map(\.email) == ["maria.santos@example.ph", "an.nguyen@example.vn"])
            let attended = try await service.registrations(of: event.id, RegistrationFilter(status: .attended), page: PageRequest(), by: admin)
            #expect(attended.items.count == 2)
        }
    }

    @Test("a registration file with a zero-width space, a word joiner or a BOM inside a cell stores the text without them")
    func registrations() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: admin)
            let csv = "email,nameJa,nameEn,organisation,sector,role\r\n"
                + "aoki\u{200B}@example.jp,青木\u{2060}太郎,Aoki\u{FEFF} Taro,横浜\u{200B}エコ 👨\u{200D}🔧,industry,local_company\r\n"
            let response = try await TestClient.request(
                port: port, "POST", "/v1/events/\(event.id)/registrations/import",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"], body: csv)
            #expect(response.status == 201 || response.status == 200, Comment(rawValue: response.text))
            let stored = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items
            #expect(stored.map(\.participant.email) == ["aoki@example.jp"])
            #expect(stored.map(\.participant.nameJa) == ["青木太郎"])
            #expect(stored.map(\.participant.nameEn) == ["Aoki Taro"])
            #expect(stored.map(\.participant.organisation) == ["横浜エコ 👨\u{200D}🔧"])
        }
    }
}
