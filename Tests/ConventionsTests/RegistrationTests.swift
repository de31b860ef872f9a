import Conventions
import DomainKit
import Foundation
import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Events and registration")
struct RegistrationTests {
    @Test("the fiscal year follows the start date in Japan: 2025-04-01 00:30 JST is FY2025 though it is March 31 in UTC")
    func fiscalYear() async throws {
        let service = try await freshService()
        let start = Date(timeIntervalSince1970: 1_743_435_000)  // 2025-03-31T15:30:00Z
        let event = try await service.createEvent(eventDraft(startsAt: start), by: admin)
        #expect(event.fiscalYear == FiscalYear(2025))
    }

    @Test("capacities must match the format: online seats on an in-person event and a missing in-person capacity are both named")
    func capacityMatchesFormat() async throws {
        let service = try await freshService()
        var draft = eventDraft(format: .inPerson)
        draft.onlineCapacity = 10
        draft.inPersonCapacity = nil
        let error = await #expect(throws: ConventionsError.self) { try await service.createEvent(draft, by: admin) }
        #expect(Set(error?.problem.errors?.map(\.field) ?? []) == ["inPersonCapacity", "onlineCapacity"])
    }

    @Test("cancelling a seat gives it to the first waitlisted person of the same kind, in registration order")
    func promotion() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(inPerson: 1), by: admin)
        let first = try await service.register(registration("a@example.jp"), eventID: event.id, by: admin)
        let second = try await service.register(registration("b@example.jp"), eventID: event.id, by: admin)
        let third = try await service.register(registration("c@example.jp"), eventID: event.id, by: admin)
        let online = try await service.register(registration("d@example.jp", attendance: .online), eventID: event.id, by: admin)
        #expect([first.status, second.status, third.status, online.status] == [.registered, .waitlisted, .waitlisted, .registered])
        let cancellation = try await service.cancel(first.id, by: admin)
        #expect(cancellation.cancelled.status == .cancelled)
        #expect(cancellation.promoted?.id == second.id)
        let listed = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items
        #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.id, $0.status) })
                == [first.id: .cancelled, second.id: .registered, third.id: .waitlisted, online.id: .registered])
        let again = try await service.cancel(first.id, by: admin)
        #expect(again.promoted == nil)
        #expect(try await service.event(event.id, by: admin).inPersonSeats == SeatCount(capacity: 1, taken: 1, waitlisted: 1))
    }

    @Test("a second registration with the same email in other letter case is a 409 naming the email")
    func duplicate() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        _ = try await service.register(registration("Tanaka@Example.JP"), eventID: event.id, by: admin)
        let error = await #expect(throws: ConventionsError.self) {
            try await service.register(registration("tanaka@example.jp"), eventID: event.id, by: admin)
        }
        #expect(error?.problem.status == 409)
        #expect(error?.problem.errors?.first?.field == "participant.email")
    }

    @Test("an ASCII address no message can be sent to is a 422 naming the email; plus, IDN and non-ASCII addresses are registered")
    func undeliverableAddress() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(inPerson: 20), by: admin)
        for address in ["taro@example,jp", "taro@example", "taro<x>@example.jp", "taro;x@example.jp", "\"taro\"@example.jp", "taro@example.jp.",
                        "taro@mail..example.jp"] {
            let error = await #expect(throws: ConventionsError.self, "\(address)") {
                try await service.register(registration(address), eventID: event.id, by: admin)
            }
            #expect(error?.problem.status == 422)
            #expect(error?.problem.errors?.map(\.field) == ["participant.email"])
        }
        // A Japanese carrier's older addresses have dots side by side before the @, and are delivered.
        for address in ["taro+convention@example.jp", "taro..x.@docomo.ne.jp", "太郎@example.jp", "taro@例え.jp"] {
            _ = try await service.register(registration(address), eventID: event.id, by: admin)
        }
        #expect(try await service.event(event.id, by: admin).inPersonSeats?.taken == 4)
    }

    @Test("a public registration of a new address that another event's registration records at the same moment succeeds, for the same person")
    func sameNewAddressAtOnce() async throws {
        // The registration waits on the other transaction by design, as long as the suite's load delays the
        // commit: no statement timeout on that wait.
        let pool = try await TestDatabase.fresh(statementTimeout: false)
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(eventDraft(), by: admin)
        let other = TestDatabase.pool(pool.configuration)
        defer { other.close() }
        let (outcome, personID) = try await other.withConnection { concurrent in
            // Another event's public registration of the address, not yet committed.
            try await concurrent.execute("BEGIN")
            let personID: UUID = try await concurrent.query("""
                INSERT INTO participants (name_en, email, sector, role) VALUES ('Nguyen An', 'same@example.vn', 'industry', 'overseas_company')
                RETURNING id
                """)[0].decode("id")
            let registering = Task { try await service.registerPublicly(registration("same@example.vn"), eventID: event.id) }
            // Until this registration waits on the address the other transaction holds (a wait in this
            // test's database: the cluster's other databases belong to other tests).
            try await TestDatabase.waitForLockWaiters(1, on: other)
            try await concurrent.execute("COMMIT")
            return (try await registering.value, personID)
        }
        guard case .registered(let registration) = outcome else {
            Issue.record("expected a new registration, got \(outcome)")
            return
        }
        #expect(registration.participant.id == personID)
        #expect(registration.status == .registered)
    }

    @Test("a registration code already used at the event is drawn again, and codes use only the unambiguous alphabet")
    func codeCollision() async throws {
        let codes = LockedCodes(["ACDEFG", "ACDEFG", "HJKMNP"])
        let service = try await freshService(drawCode: { codes.next() })
        let event = try await service.createEvent(eventDraft(), by: admin)
        let first = try await service.register(registration("a@example.jp"), eventID: event.id, by: admin)
        let second = try await service.register(registration("b@example.jp"), eventID: event.id, by: admin)
        #expect(first.code == "ACDEFG")
        #expect(second.code == "HJKMNP")
        var generator = SystemRandomNumberGenerator()
        let drawn = (0..<200).map { _ in RegistrationCode.random(using: &generator) }
        #expect(drawn.allSatisfy { $0.count == 6 && $0.allSatisfy { !"0O1IL2Z5S8B".contains($0) } })
    }

    @Test("registration outside the window is refused with 409 and writes nothing")
    func window() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(
            eventDraft(opens: Date(timeIntervalSince1970: 1_500_000_000), closes: Date(timeIntervalSince1970: 1_600_000_000)), by: admin)
        let error = await #expect(throws: ConventionsError.self) {
            try await service.register(registration(), eventID: event.id, by: admin)
        }
        #expect(error?.problem.status == 409)
        #expect(try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items.isEmpty)
    }

    @Test("a student names a known university; a university on a non-academic participant is refused")
    func university() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        let student = try await service.register(
            RegistrationDraft(participant: person("s@ynu.ac.jp", sector: .academia, role: .student, university: "ynu")), eventID: event.id, by: admin)
        #expect(student.participant.universityId == "ynu")
        let unknown = await #expect(throws: ConventionsError.self) {
            try await service.register(
                RegistrationDraft(participant: person("x@example.jp", sector: .academia, role: .student, university: "nowhere")), eventID: event.id, by: admin)
        }
        #expect(unknown?.problem.errors?.first?.field == "participant.universityId")
        let mismatch = await #expect(throws: ConventionsError.self) {
            try await service.register(
                RegistrationDraft(participant: person("y@example.jp", sector: .industry, role: .student, university: "ynu")), eventID: event.id, by: admin)
        }
        #expect(Set(mismatch?.problem.errors?.map(\.field) ?? []) == ["participant.role", "participant.universityId"])
        let inYokohama = try await service.universities(by: admin).filter(\.inYokohama).map(\.id)
        #expect(inYokohama.contains("ynu") && inYokohama.contains("keio") && !inYokohama.contains("utokyo"))
    }
}

/// Codes handed out in order, for forcing a collision.
final class LockedCodes: Sendable {
    private let codes: Mutex<[String]>
    init(_ codes: [String]) { self.codes = Mutex(codes) }
    func next() -> String { codes.withLock { $0.removeFirst() } }
}

@Suite("No-shows")
struct NoShowTests {
    @Test("after an event, seated people who never checked in become no-shows; before it ends the request is a 409")
    func noShows() async throws {
        let service = try await freshService()
        // 2025-06-01 09:00 JST, long over.
        let past = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 2, startsAt: Date(timeIntervalSince1970: 1_748_736_000)), by: admin)
        let came = try await service.register(registration("came@example.jp"), eventID: past.id, by: admin)
        let absent = try await service.register(registration("absent@example.jp"), eventID: past.id, by: admin)
        let waiting = try await service.register(registration("waiting@example.jp"), eventID: past.id, by: admin)
        _ = try await service.checkIn(CheckInRequest(code: came.code, day: CalendarDate("2025-06-01")), eventID: past.id, by: admin)
        #expect(try await service.recordNoShows(eventID: past.id, by: admin) == 1)
        let statuses = Dictionary(uniqueKeysWithValues: try await service.registrations(
            of: past.id, RegistrationFilter(), page: PageRequest(), by: admin).items.map { ($0.id, $0.status) })
        #expect(statuses == [came.id: .attended, absent.id: .noShow, waiting.id: .waitlisted])
        let upcoming = try await service.createEvent(eventDraft(), by: admin)
        let error = await #expect(throws: ConventionsError.self) { try await service.recordNoShows(eventID: upcoming.id, by: admin) }
        #expect(error?.problem.status == 409)
    }
}

@Suite("Check-in per session")
struct SessionCheckInTests {
    @Test("a session check-in is separate from the day's and idempotent; a session of another event is a 422 naming sessionId")
    func sessions() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(), by: admin)
        let other = try await service.createEvent(eventDraft(), by: admin)
        let keynote = try await service.createSession(
            EventSessionDraft(type: .keynote, titleEn: "Opening keynote", startsAt: conventionStart, endsAt: conventionStart.addingTimeInterval(3600),
                              room: "Main hall"), eventID: event.id, by: admin)
        let elsewhere = try await service.createSession(
            EventSessionDraft(type: .panel, titleEn: "Panel", startsAt: conventionStart, endsAt: conventionStart.addingTimeInterval(3600)),
            eventID: other.id, by: admin)
        let guest = try await service.register(registration(), eventID: event.id, by: admin)
        let day = CalendarDate("2026-12-01")
        let forDay = try await service.checkIn(CheckInRequest(code: guest.code, day: day), eventID: event.id, by: admin)
        let forSession = try await service.checkIn(CheckInRequest(registrationId: guest.id, sessionId: keynote.id, day: day), eventID: event.id, by: admin)
        let again = try await service.checkIn(CheckInRequest(code: guest.code, sessionId: keynote.id, day: day), eventID: event.id, by: admin)
        #expect(forDay.created && forSession.created && !again.created)
        #expect(forSession.checkIn.id != forDay.checkIn.id)
        #expect(again.checkIn.id == forSession.checkIn.id)
        #expect(forSession.checkIn.method == .search && again.checkIn.method == .search)
        let wrong = await #expect(throws: ConventionsError.self) {
            try await service.checkIn(CheckInRequest(code: guest.code, sessionId: elsewhere.id, day: day), eventID: event.id, by: admin)
        }
        #expect(wrong?.problem.errors?.first?.field == "sessionId")
        let outside = await #expect(throws: ConventionsError.self) {
            try await service.createSession(
                EventSessionDraft(type: .panel, titleEn: "Too late", startsAt: conventionEnd, endsAt: conventionEnd.addingTimeInterval(60)),
                eventID: event.id, by: admin)
        }
        #expect(outside?.problem.errors?.first?.field == "startsAt")
    }
}
