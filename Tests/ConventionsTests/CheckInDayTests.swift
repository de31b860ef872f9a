import Conventions
import DomainKit
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Check-in days follow the programme clock")
struct CheckInDayTests {
    @Test("a check-in without a day is for today in Japan, refused with 422 naming day when today is not one of the event's days")
    func today() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let clock = TestClock(CalendarDate("2026-11-30")!.startInJapan.addingTimeInterval(23 * 3600 + 59 * 60))  // 23:59 JST the day before
        let service = ConventionService(pool: pool, clock: clock.programme)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)  // 2026-12-01 and 12-02
        let guest = try await service.register(registration("guest@example.jp"), eventID: event.id, by: admin)

        let early = await #expect(throws: ConventionsError.self) {
            try await service.checkIn(CheckInRequest(code: guest.code), eventID: event.id, by: admin)
        }
        #expect(early?.problem.status == 422 && early?.problem.errors?.first?.field == "day")

        clock.advance(seconds: 60)  // 00:00 JST on the first day
        let first = try await service.checkIn(CheckInRequest(code: guest.code), eventID: event.id, by: admin)
        #expect(first.created && first.checkIn.day == CalendarDate("2026-12-01"))
        #expect(first.checkIn.checkedInAt == clock.now)

        clock.set(CalendarDate("2026-12-03")!.startInJapan)  // the day after the last day
        let late = await #expect(throws: ConventionsError.self) {
            try await service.checkIn(CheckInRequest(code: guest.code), eventID: event.id, by: admin)
        }
        #expect(late?.problem.status == 422)
        // An explicit day of the event is still accepted afterwards (a desk catching up on paper lists).
        let caughtUp = try await service.checkIn(CheckInRequest(code: guest.code, day: CalendarDate("2026-12-02")), eventID: event.id, by: admin)
        #expect(caughtUp.created && caughtUp.checkIn.day == CalendarDate("2026-12-02"))
        let counted: Int = try await pool.query("SELECT count(*)::int FROM check_ins WHERE registration_id = \(guest.id)")[0].decode(column: 0)
        #expect(counted == 2)
    }

    /// Found probing dates (2026-12-04): the second day's panel, scanned on the first day, was stored as attendance
    /// on the first day, and scanned again at the panel it became a second check-in for the same session.
    @Test("a check-in for a session is for a day the session runs in Japan: on another day of the event it is a 422 naming day")
    func sessionDay() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let clock = TestClock(conventionStart.addingTimeInterval(3600))  // 2026-12-01 10:00 JST, the first day
        let service = ConventionService(pool: pool, clock: clock.programme)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)  // 2026-12-01 and 12-02
        let panelStart = conventionStart.addingTimeInterval(24 * 3600)  // 2026-12-02 09:00 JST
        let panel = try await service.createSession(
            EventSessionDraft(type: .panel, titleEn: "Da Nang and Yokohama utilities", startsAt: panelStart, endsAt: panelStart.addingTimeInterval(5400)),
            eventID: event.id, by: admin)
        let guest = try await service.register(registration("guest@example.jp"), eventID: event.id, by: admin)

        for request in [CheckInRequest(code: guest.code, sessionId: panel.id),
                        CheckInRequest(registrationId: guest.id, sessionId: panel.id, day: CalendarDate("2026-12-01"))] {
            let early = await #expect(throws: ConventionsError.self) { try await service.checkIn(request, eventID: event.id, by: admin) }
            #expect(early?.problem.status == 422 && early?.problem.errors?.first?.field == "day")
            #expect(early?.problem.errors?.first?.message == "must be the day of the session, 2026-12-02 (Japan time)")
        }
        // The same day without a session is the event's, and accepted.
        #expect(try await service.checkIn(CheckInRequest(code: guest.code), eventID: event.id, by: admin).checkIn.day == CalendarDate("2026-12-01"))

        clock.set(panelStart)
        let atPanel = try await service.checkIn(CheckInRequest(code: guest.code, sessionId: panel.id), eventID: event.id, by: admin)
        #expect(atPanel.created && atPanel.checkIn.day == CalendarDate("2026-12-02") && atPanel.checkIn.sessionId == panel.id)
        let sessionCheckIns: Int = try await pool.query("SELECT count(*)::int FROM check_ins WHERE session_id = \(panel.id)")[0].decode(column: 0)
        #expect(sessionCheckIns == 1)
    }
}
