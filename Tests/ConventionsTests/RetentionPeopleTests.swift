import App
import Conventions
import DomainKit
import Foundation
import TestSupport
import Testing

/// The retention page counts people (probe10): since a person who cancelled may register again
/// (migration 0102), one person can hold two registrations at an event.
@Suite("Retention counts people, not registrations")
struct RetentionPeopleTests {
    @Test("a person who cancelled and registered again is one person held, one to anonymise, and one anonymised")
    func registeredAgainCountsOnce() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { _, application in
            let service = application.conventions
            var draft = eventDraft(format: .inPerson, inPerson: 10)
            draft.retentionDays = 30
            let event = try await service.createEvent(draft, by: admin)
            let first = try await service.register(RetentionTests.person("again@example.jp"), eventID: event.id, by: admin)
            _ = try await service.cancel(first.id, by: admin)
            _ = try await service.register(RetentionTests.person("again@example.jp"), eventID: event.id, by: admin)
            _ = try await service.register(RetentionTests.person("once@example.jp"), eventID: event.id, by: admin)
            _ = try await service.register(RetentionTests.person("stay@example.jp", stayInTouch: true), eventID: event.id, by: admin)

            let held = try await service.retentionStatus(of: event.id, by: admin)
            #expect(held.heldWithoutConsent == 2 && held.keptByConsent == 1 && held.anonymised == 0)
            clock.set(conventionEnd.addingTimeInterval(31 * 86_400))
            #expect(try await service.retentionDue(withinDays: 0, by: admin).first { $0.eventId == event.id }?.toAnonymise == 2)
            #expect(try await service.anonymiseDueBatch() == 2)
            let after = try await service.retentionStatus(of: event.id, by: admin)
            #expect(after.heldWithoutConsent == 0 && after.keptByConsent == 1 && after.anonymised == 2)
        }
    }
}
