import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// What the import's own seat tally (perf38: counted once under the event lock, then kept row by row) must give:
/// exactly what registering the rows one by one gives.
@Suite("Registration import: seats and waitlist as one-by-one registration gives them")
struct ImportSeatTests {
    @Test("an import seats each way of attending until full, then waitlists, in file order, counting seats held before it and not cancelled ones")
    func capacityCrossedInsideOneFile() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .hybrid, inPerson: 2, online: 1), by: admin)
        _ = try await service.register(registration("before@example.jp", attendance: .inPerson), eventID: event.id, by: admin)
        let gone = try await service.register(registration("gone@example.jp", attendance: .online), eventID: event.id, by: admin)
        _ = try await service.cancel(gone.id, by: admin)
        let csv = """
            email,nameEn,sector,role,attendance
            a@example.jp,A,industry,local_company,in_person
            b@example.jp,B,industry,local_company,online
            c@example.jp,C,industry,local_company,in_person
            d@example.jp,D,industry,local_company,online
            e@example.jp,E,industry,local_company,in_person

            """
        let dry = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: true, by: admin)
        let report = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: false, by: admin)
        #expect(dry.registered == 2 && dry.waitlisted == 3)
        #expect(report.registered == 2 && report.waitlisted == 3)
        let statuses = try await service.registrations(of: event.id, RegistrationFilter(inForce: true), page: PageRequest(), by: admin).items
            .map { "\($0.participant.email ?? "-"):\($0.status.rawValue)" }
        #expect(statuses == [
            "before@example.jp:registered", "a@example.jp:registered", "b@example.jp:registered", "c@example.jp:waitlisted",
            "d@example.jp:waitlisted", "e@example.jp:waitlisted",
        ])
    }

    @Test("a refused row in the middle of a dry run takes no seat: the next row gets it")
    func refusedRowTakesNoSeat() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 2), by: admin)
        let csv = """
            email,nameEn,sector,role,universityId
            a@example.jp,A,industry,local_company,
            A@example.jp,A again,industry,local_company,
            b@example.jp,B,academia,student,no-such-university
            c@example.jp,C,industry,local_company,
            d@example.jp,D,industry,local_company,

            """
        let report = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: true, by: admin)
        #expect(report.errors.map { "\($0.line):\($0.column)" } == ["3:email", "4:universityId"])
        #expect(report.registered == 2 && report.waitlisted == 1)
    }

    @Test("a public registration during an import waits for it: the event never holds more seats than it has")
    func concurrentPublicRegistration() async throws {
        let service = try await freshService()
        let seats = 40
        let event = try await service.createEvent(eventDraft(format: .inPerson, inPerson: seats), by: admin)
        var csv = "email,nameEn,sector,role\n"
        for index in 0..<seats { csv += "row\(index)@example.jp,Row \(index),industry,local_company\n" }
        let file = csv
        async let imported = service.importRegistrations(csv: Array(file.utf8), eventID: event.id, dryRun: false, by: admin)
        async let publicly = service.registerPublicly(registration("walk-in@example.jp"), eventID: event.id)
        let (report, outcome) = try await (imported, publicly)
        guard case .registered(let walkIn) = outcome else { Issue.record("the public registration was not recorded"); return }
        let all = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(limit: 100), by: admin).items
        #expect(all.count == seats + 1)
        #expect(all.count { $0.status == .registered } == seats)
        // Whichever took the lock first, the other found the seats as it left them.
        #expect(report.registered + (walkIn.status == .registered ? 1 : 0) == seats)
        #expect(report.waitlisted + (walkIn.status == .waitlisted ? 1 : 0) == 1)
    }
}
