import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Undoing a mistaken check-in over real HTTP")
struct UndoCheckInHTTPTests {
    @Test("DELETE of a check-in removes it (204), audited, the registration registered again; another event's check-in, another organizer's or a second DELETE is the 404; a viewer is refused")
    func undoCheckIn() async throws {
        try await withTestServer { port, application in
            let (token, principal) = try await application.token(for: .organizer)
            let (otherToken, other) = try await application.token(for: .organizer)
            let (viewerToken, _) = try await application.token(for: .viewer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 5), by: principal)
            let theirs = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 5), by: other)
            let guest = try await service.register(registration("a@example.jp"), eventID: event.id, by: principal)
            let stranger = try await service.register(registration("b@example.jp"), eventID: theirs.id, by: other)
            let mistaken = try await service.checkIn(CheckInRequest(code: guest.code, day: CalendarDate("2026-12-01")), eventID: event.id, by: principal)
            let theirCheckIn = try await service.checkIn(CheckInRequest(code: stranger.code, day: CalendarDate("2026-12-01")), eventID: theirs.id, by: other)
            func delete(_ eventID: UUID, _ checkInID: UUID, as token: String) async throws -> Int {
                try await TestClient.request(port: port, "DELETE", "/v1/events/\(eventID)/check-ins/\(checkInID)",
                                             headers: ["Authorization": "Bearer \(token)"]).status
            }
            #expect(try await delete(event.id, theirCheckIn.checkIn.id, as: token) == 404, "a check-in of another event, named under mine")
            #expect(try await delete(theirs.id, theirCheckIn.checkIn.id, as: token) == 404, "another organizer's event")
            #expect(try await delete(event.id, mistaken.checkIn.id, as: otherToken) == 404)
            #expect(try await delete(event.id, mistaken.checkIn.id, as: viewerToken) == 403)
            #expect(try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: principal).items.first?.status == .attended)
            #expect(try await delete(event.id, mistaken.checkIn.id, as: token) == 204)
            #expect(try await delete(event.id, mistaken.checkIn.id, as: token) == 404, "undone once")
            let left: [UUID] = try await application.pool.query("SELECT id FROM check_ins").map { try $0.decode("id") }
            #expect(left == [theirCheckIn.checkIn.id])
            #expect(try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: principal).items.first?.status == .registered)
            let audited: Int = try await application.pool.query("""
                SELECT count(*)::int AS n FROM audit_log WHERE entity = 'check_ins' AND action = 'delete' AND actor_user_id = \(principal.userID)
                """)[0].decode("n")
            #expect(audited == 1)
            // Checked in again after the undo: a new check-in, as the first scan of the day.
            let again = try await service.checkIn(CheckInRequest(code: guest.code, day: CalendarDate("2026-12-01")), eventID: event.id, by: principal)
            #expect(again.created)
        }
    }
}
