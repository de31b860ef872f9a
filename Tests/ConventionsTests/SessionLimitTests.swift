import Conventions
import DomainKit
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("An event's sessions: a cap on creation, so the list always comes whole")
struct SessionLimitTests {
    @Test("the 300th session is accepted, the 301st is a 409 that changes nothing, and the list returns all 300")
    func capAndWholeList() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(eventDraft(), by: admin)
        try await pool.execute("""
            INSERT INTO event_sessions (event_id, type, title_en, starts_at, ends_at)
            SELECT \(event.id), 'panel', 'Panel ' || n, \(conventionStart)::timestamptz + n * interval '1 minute',
                   \(conventionStart)::timestamptz + n * interval '1 minute' + interval '30 minutes'
            FROM generate_series(1, 299) AS n
            """)
        let draft = EventSessionDraft(type: .keynote, titleEn: "Closing keynote", startsAt: conventionStart, endsAt: conventionStart.addingTimeInterval(3600))
        _ = try await service.createSession(draft, eventID: event.id, by: admin)
        let refused = await #expect(throws: ConventionsError.self) {
            try await service.createSession(draft, eventID: event.id, by: admin)
        }
        #expect(refused?.problem.status == 409)
        let sessions = try await service.sessions(of: event.id, by: admin)
        #expect(sessions.count == 300)
        #expect(sessions.first?.titleEn == "Closing keynote")  // programme order: it starts first
    }
}
