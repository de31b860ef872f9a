import Conventions
import DomainKit
import Foundation
import Postgres
import Testing
import TestSupport

/// What Conventions publishes to other modules (migration 0059): KPI ③ and ④ read only these views.
@Suite("Published views: attendance, events and registrations")
struct PublishedAttendanceTests {
    @Test("a person checked in on two days is one attendance row, dated by the first check-in; nobody absent appears")
    func attendanceIsOneRowPerPersonAndEvent() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let clock = TestClock(CalendarDate("2026-12-02")!.startInJapan.addingTimeInterval(10 * 3600))  // 10:00 JST, the second day
        let service = ConventionService(pool: pool, clock: clock.programme)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)  // 2026-12-01 and 12-02
        let guest = try await service.register(registration("guest@example.jp"), eventID: event.id, by: admin)
        _ = try await service.register(registration("absent@example.jp"), eventID: event.id, by: admin)

        _ = try await service.checkIn(CheckInRequest(code: guest.code), eventID: event.id, by: admin)
        _ = try await service.checkIn(CheckInRequest(code: guest.code, day: CalendarDate("2026-12-01")), eventID: event.id, by: admin)

        let rows = try await pool.query("""
            SELECT event_id, event_kind, fiscal_year, event_title, participant_id, participant_role, yokohama_student, first_day::text AS first_day
            FROM published_attendance
            """)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(try row.decode("event_id", as: UUID.self) == event.id)
        #expect(try row.decode("participant_id", as: UUID.self) == guest.participant.id)
        #expect(try row.decode("event_kind", as: String.self) == "convention")
        #expect(try row.decode("fiscal_year", as: Int.self) == 2026)
        #expect(try row.decode("event_title", as: String.self) == "横浜脱炭素ビジネスマッチング・コンベンション")
        #expect(try row.decode("participant_role", as: String.self) == "overseas_company")
        #expect(try row.decode("yokohama_student", as: Bool.self) == false)
        #expect(try row.decode("first_day", as: String.self) == "2026-12-01")

        let registrations: Int = try await pool.query(
            "SELECT count(*)::int FROM published_registrations WHERE event_id = \(event.id)")[0].decode(column: 0)
        #expect(registrations == 2)
        let published: Int = try await pool.query(
            "SELECT fiscal_year FROM published_events WHERE id = \(event.id)")[0].decode(column: 0)
        #expect(published == 2026)
    }
}
