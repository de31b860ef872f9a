import App
import Companies
import Conventions
import DomainKit
import Matches
import Foundation
import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Business meeting requests and exports")
struct MeetingAndExportTests {
    @Test("a company accepts its own request once, which records a business match with channel convention; another company gets 404")
    func meetingRequests() async throws {
        let pool = try await TestDatabase.fresh()
        let recorded = Mutex<[(AcceptedMeeting, UUID)]>([])
        let service = ConventionService(pool: pool, clock: .test, recordBusinessMatch: { meeting, db in
            let matchID = try await MatchService.recordConventionMeeting(
                company: meeting.companyID, meetingRequest: meeting.meetingRequestID, acceptedBy: meeting.acceptedBy,
                acceptedOn: CalendarDate(inJapanAt: meeting.acceptedAt), on: db)
            recorded.withLock { $0.append((meeting, matchID)) }
            return matchID
        })
        let companies = CompanyService(pool: pool, clock: .test)
        let company = try await companies.createCompany(CompanyDraft(nameEn: "Yokohama Green Energy", size: .sme), by: admin)
        let owner = organizer()
        let event = try await service.createEvent(eventDraft(), by: owner)
        let visitor = try await service.register(registration("visitor@example.vn"), eventID: event.id, by: owner)
        let request = try await service.requestMeeting(
            MeetingRequestDraft(participantId: visitor.participant.id, companyId: company.id, message: "太陽光の件で"), eventID: event.id, by: owner)
        #expect(request.status == .requested)
        let duplicate = await #expect(throws: ConventionsError.self) {
            try await service.requestMeeting(MeetingRequestDraft(participantId: visitor.participant.id, companyId: company.id), eventID: event.id, by: owner)
        }
        #expect(duplicate?.problem.status == 409)
        let stranger = Principal(userID: UUID(), role: .company, companyID: UUID())
        let hidden = await #expect(throws: ConventionsError.self) { try await service.decideMeeting(request.id, MeetingDecision(decision: .accepted), by: stranger) }
        #expect(hidden?.problem.status == 404)
        #expect(try await service.meetingRequests(of: event.id, page: PageRequest(), by: stranger).items.isEmpty)
        let staff = Principal(userID: UUID(), role: .company, companyID: company.id)
        let accepted = try await service.decideMeeting(request.id, MeetingDecision(decision: .accepted), by: staff)
        #expect(accepted.status == .accepted)
        #expect(accepted.businessMatchId != nil)
        #expect(accepted.businessMatchId == recorded.withLock { $0.first?.1 })
        #expect(recorded.withLock { $0.map(\.0.companyID) } == [company.id])
        #expect(recorded.withLock { $0.first?.0.channel } == "convention")
        let again = await #expect(throws: ConventionsError.self) { try await service.decideMeeting(request.id, MeetingDecision(decision: .declined), by: staff) }
        #expect(again?.problem.status == 409)
    }

    @Test("the student list export is Excel-friendly CSV with each student's university and whether it is in Yokohama")
    func studentExport() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: owner)
            var reading = person("a@ynu.example.jp", sector: .academia, role: .student, university: "ynu")
            reading.nameReading = "グエン アン"
            _ = try await service.register(RegistrationDraft(participant: reading), eventID: event.id, by: owner)
            _ = try await service.register(
                RegistrationDraft(participant: person("b@chula.example.th", sector: .academia, role: .student, university: "chula")), eventID: event.id, by: owner)
            _ = try await service.register(registration("=cmd@example.jp"), eventID: event.id, by: owner)
            let response = try await TestClient.request(
                port: port, "GET", "/v1/events/\(event.id)/exports/students", headers: ["Authorization": "Bearer \(token)"])
            #expect(response.status == 200)
            #expect(Array(response.body.prefix(3)) == CSVWriter.byteOrderMark)
            let records = try CSVReader.parse(String(decoding: response.body.dropFirst(3), as: UTF8.self))
            #expect(records.count == 3)
            // Columns by their header: the reading follows the names, as in the participants export (conv35).
            let header = try #require(records.first?.fields)
            #expect(Array(header.prefix(3)) == ["nameJa", "nameEn", "nameReading"])
            let column = { (name: String) in try #require(header.firstIndex(of: name), "no \(name) column") }
            let rows = Dictionary(uniqueKeysWithValues: try records.dropFirst().map { (try $0.fields[column("email")], $0.fields) })
            #expect(rows["a@ynu.example.jp"]?[try column("universityJa")] == "横浜国立大学")
            #expect(rows["a@ynu.example.jp"]?[try column("universityInYokohama")] == "true")
            #expect(rows["b@chula.example.th"]?[try column("universityInYokohama")] == "false")
            #expect(rows["a@ynu.example.jp"]?[try column("nameReading")] == "グエン アン")
            let participants = try await TestClient.request(
                port: port, "GET", "/v1/events/\(event.id)/exports/participants", headers: ["Authorization": "Bearer \(token)"])
            #expect(participants.text.contains("'=cmd@example.jp"))
        }
    }

    @Test("the participant and student exports take the list's filters and hold what the list shows; a bad filter is the list's 400")
    func filteredExports() async throws {
        try await withTestServer { port, application in
            let (token, owner) = try await application.token(for: .organizer)
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let event = try await service.createEvent(eventDraft(), by: owner)
            for (email, university) in [("a@ynu.example.jp", "ynu"), ("b@chula.example.th", "chula")] {
                _ = try await service.register(
                    RegistrationDraft(participant: person(email, sector: .academia, role: .student, university: university)), eventID: event.id, by: owner)
            }
            _ = try await service.register(registration("c@example.vn"), eventID: event.id, by: owner)
            let cancelled = try await service.register(
                RegistrationDraft(participant: person("d@ynu.example.jp", sector: .academia, role: .student, university: "ynu")), eventID: event.id, by: owner)
            _ = try await service.cancel(cancelled.id, by: owner)
            let auth = ["Authorization": "Bearer \(token)"]
            let base = "/v1/events/\(event.id)"
            func emails(_ path: String) async throws -> [String] {
                let response = try await TestClient.request(port: port, "GET", base + path, headers: auth)
                #expect(response.status == 200, "\(path): \(response.status) \(response.text)")
                if path.hasPrefix("/registrations") {
                    let page = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                    return ((page?["items"] as? [[String: Any]]) ?? []).compactMap { ($0["participant"] as? [String: Any])?["email"] as? String }.sorted()
                }
                let records = try CSVReader.parse(String(decoding: response.body.dropFirst(3), as: UTF8.self))
                let column = try #require(records.first?.fields.firstIndex(of: "email"), "\(path): no email column")
                return records.dropFirst().map { $0.fields[column] }.sorted()
            }
            for filter in ["sector=academia", "inForce=true&sector=academia", "q=chula", "status=cancelled", "role=student&inForce=true"] {
                let listed = try await emails("/registrations?\(filter)")
                #expect(try await emails("/exports/participants?\(filter)") == listed, "\(filter)")
            }
            #expect(try await emails("/exports/participants?inForce=true&sector=academia") == ["a@ynu.example.jp", "b@chula.example.th"])
            #expect(try await emails("/exports/students?inForce=true") == ["a@ynu.example.jp", "b@chula.example.th"])
            #expect(try await emails("/exports/students?q=chula") == ["b@chula.example.th"])
            #expect(try await emails("/exports/students") == ["a@ynu.example.jp", "b@chula.example.th", "d@ynu.example.jp"])
            for path in ["/registrations", "/exports/participants", "/exports/students"] {
                let refused = try await TestClient.request(port: port, "GET", base + path + "?sector=space", headers: auth)
                #expect(refused.status == 400 && refused.text.contains(#""field":"sector""#), "\(path): \(refused.status) \(refused.text)")
            }
            let role = try await TestClient.request(port: port, "GET", base + "/exports/students?role=student", headers: auth)
            #expect(role.status == 400 && role.text.contains("role"), "the students' export is students only")
        }
    }
}

@Suite("Convention demo data")
struct ConventionDemoDataTests {
    @Test("the demo convention has 200 participants in all three sectors, two in three checked in, and loading twice changes nothing")
    func demoData() async throws {
        let pool = try await TestDatabase.fresh()
        let owner = organizer()
        try await ConventionDemoData.load(pool: pool, organizerID: owner.userID, story: DemoCalendar(today: CalendarDate(inJapanAt: TestClock.standardStart)))
        try await ConventionDemoData.load(pool: pool, organizerID: owner.userID, story: DemoCalendar(today: CalendarDate(inJapanAt: TestClock.standardStart)))
        let service = ConventionService(pool: pool, clock: .test)
        let events = try await service.events(EventFilter(organizedBy: owner.userID), page: PageRequest(), by: owner).items
        #expect(Set(events.map(\.kind)) == [.convention, .workshop])
        let convention = try #require(events.first { $0.kind == .convention })
        let counts = try await service.attendance(of: convention.id, by: owner)
        #expect(counts.reduce(0) { $0 + $1.registered } == 200)
        #expect(Set(counts.map(\.sector)) == [.industry, .academia, .government])
        // Indexes 0…199 with index % 3 == 2 (66 of them) are not checked in.
        #expect(counts.reduce(0) { $0 + $1.attended } == 134)
        #expect(try await service.sessions(of: convention.id, by: owner).count == 5)
        let students = try await service.registrations(of: convention.id, RegistrationFilter(role: .student), page: PageRequest(limit: 100), by: owner).items
        let universities = Dictionary(uniqueKeysWithValues: try await service.universities(by: owner).map { ($0.id, $0.inYokohama) })
        #expect(students.count == 50)
        #expect(Set(students.compactMap { $0.participant.universityId.flatMap { universities[$0] } }) == [true, false])
    }
}
