import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Retention of personal data (issue 15): the anonymisation on the programme clock keeps every count.
@Suite("Retention of participants' personal data")
struct RetentionTests {
    static func person(_ email: String, student: Bool = false, stayInTouch: Bool = false) -> RegistrationDraft {
        RegistrationDraft(participant: ParticipantDraft(
            nameJa: "山田 花子", nameEn: "Hanako Yamada", email: email, organisation: "横浜環境株式会社", country: "JP",
            sector: student ? .academia : .industry, role: student ? .student : .localCompany, universityId: student ? "ycu" : nil,
            campusId: student ? "ycu_tsurumi" : nil, consentToStayInTouch: stayInTouch), attendance: .inPerson)
    }

    /// KPI ③ and ④ as the KPI module counts them, from its published view of the source records.
    static func kpiCounts(_ pool: PostgresPool) async throws -> [String: Int] {
        let rows = try await pool.query("""
            SELECT code, count(*) AS n FROM kpi_records WHERE code IN ('convention_participants', 'yokohama_students') GROUP BY code
            """)
        return try Dictionary(uniqueKeysWithValues: rows.map { (try $0.decode("code", as: String.self), try $0.decode("n", as: Int.self)) })
    }

    static func get(_ port: Int, _ token: String, _ path: String) async throws -> TestClient.Response {
        try await TestClient.request(port: port, "GET", path, headers: ["Authorization": "Bearer \(token)"])
    }

    static func json(_ response: TestClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test("retention keeps counts: KPI ③/④ and export totals are identical after anonymisation, personal fields leave the audit trail, consenting people stay")
    func retentionKeepsCounts() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            var (token, _) = try await application.token(for: .admin)
            let service = application.conventions
            var draft = eventDraft(format: .inPerson, inPerson: 10)
            draft.retentionDays = 30
            let event = try await service.createEvent(draft, by: admin)
            // A workshop half a year later keeps its own people's data for its own (default) period.
            let later = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 10, startsAt: conventionStart.addingTimeInterval(180 * 86_400)), by: admin)
            let student = try await service.register(Self.person("student@ycu.ac.jp", student: true), eventID: event.id, by: admin)
            let absent = try await service.register(Self.person("absent@example.jp"), eventID: event.id, by: admin)
            let consenting = try await service.register(Self.person("stay@example.jp", stayInTouch: true), eventID: event.id, by: admin)
            let returning = try await service.register(Self.person("again@example.jp"), eventID: event.id, by: admin)
            _ = try await service.register(Self.person("again@example.jp"), eventID: later.id, by: admin)
            for seat in [student, consenting, returning] {
                _ = try await service.checkIn(CheckInRequest(code: seat.code, day: CalendarDate("2026-12-01")), eventID: event.id, by: admin)
            }
            let exports = ["participants", "students", "attendance"]
            func exportTotals(_ token: String) async throws -> [String: Int] {
                var totals: [String: Int] = [:]
                for name in exports {
                    let response = try await Self.get(port, token, "/v1/events/\(event.id)/exports/\(name)")
                    #expect(response.status == 200)
                    totals[name] = response.text.split(separator: "\r\n").count
                }
                return totals
            }
            let attendanceBefore = try await Self.get(port, token, "/v1/events/\(event.id)/exports/attendance").text
            let kpiBefore = try await Self.kpiCounts(application.pool)
            let totalsBefore = try await exportTotals(token)
            #expect(kpiBefore == ["convention_participants": 3, "yokohama_students": 1])
            #expect(totalsBefore["participants"] == 5 && totalsBefore["students"] == 2)

            #expect(try Self.json(try await Self.get(port, token, "/v1/events/\(event.id)/retention"))["state"] as? String == "retained")
            #expect(try await service.anonymiseDueBatch() == 0, "nothing is due before the period ends")

            // 31 days after the end: the convention's period has passed, the workshop's has not.
            clock.set(conventionEnd.addingTimeInterval(31 * 86_400))
            (token, _) = try await application.token(for: .admin)  // tokens expire on the same clock
            let status = try Self.json(try await Self.get(port, token, "/v1/events/\(event.id)/retention"))
            #expect(status["state"] as? String == "due")
            let due = try Self.json(try await Self.get(port, token, "/v1/retention/due"))
            let items = try #require(due["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["eventId"] as? String == event.id.uuidString.lowercased() || items.first?["eventId"] as? String == event.id.uuidString)
            #expect(items.first?["toAnonymise"] as? Int == 2, "the student and the absent person; not the consenting or the returning one")

            #expect(try await service.anonymiseDueBatch() == 2)
            #expect(try await service.anonymiseDueBatch() == 0, "a second run changes nothing")

            #expect(try await Self.kpiCounts(application.pool) == kpiBefore)
            #expect(try await exportTotals(token) == totalsBefore)
            #expect(try await Self.get(port, token, "/v1/events/\(event.id)/exports/attendance").text == attendanceBefore)

            let after = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items
            let byID = Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0) })
            for gone in [student, absent] {
                let person = try #require(byID[gone.id]?.participant)
                #expect(person.email == nil && person.nameJa == nil && person.nameEn == nil && person.organisation == nil)
                #expect(person.erasedAt == clock.now)
                #expect(byID[gone.id]?.status == gone.status || byID[gone.id]?.status == .attended)
            }
            #expect(byID[student.id]?.participant.campusId == "ycu_tsurumi", "what KPI ④ reads stays")
            #expect(byID[consenting.id]?.participant.email == "stay@example.jp")
            #expect(byID[returning.id]?.participant.email == "again@example.jp", "held for the later workshop")
            let leaked = try await application.pool.query("""
                SELECT count(*) AS n FROM audit_log
                WHERE (changes::text || previous::text) LIKE '%student@ycu.ac.jp%' OR (changes::text || previous::text) LIKE '%absent@example.jp%'
                   OR (entity = 'participants' AND entity_id = \(student.participant.id.uuidString.lowercased()) AND changes::text LIKE '%花子%')
                """)
            #expect(try leaked[0].decode("n", as: Int.self) == 0)
            let redactions = try await application.pool.query("""
                SELECT count(*) AS n FROM audit_log WHERE action = 'redact' AND changes->>'reason' = 'retention'
                """)
            #expect(try redactions[0].decode("n", as: Int.self) == 2)

            let shredded = try Self.json(try await Self.get(port, token, "/v1/events/\(event.id)/retention"))
            #expect(shredded["state"] as? String == "shredded")
            #expect(shredded["anonymised"] as? Int == 2 && shredded["keptByConsent"] as? Int == 1)
            #expect(shredded["heldWithoutConsent"] as? Int == 1 && shredded["waitingForLaterEvent"] as? Int == 1)
            #expect(try Self.json(try await Self.get(port, token, "/v1/retention/due"))["items"] as? [Any] != nil)

            // After the workshop's own period the returning person goes too; the consenting one never.
            clock.set(later.endsAt.addingTimeInterval(731 * 86_400))
            #expect(try await service.anonymiseDueBatch() == 1)
            #expect(try await Self.kpiCounts(application.pool) == kpiBefore)
            let last = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items
            #expect(last.filter { $0.participant.email != nil }.map(\.participant.email) == ["stay@example.jp"])
        }
    }

    @Test("retentionDays defaults to 730, is edited by the event's organizers within 0–3650, and only admins see what is due")
    func settingsAndAccess() async throws {
        try await withTestServer { port, application in
            let (organizerToken, organizer) = try await application.token(for: .organizer)
            let (otherToken, _) = try await application.token(for: .organizer)
            let event = try await application.conventions.createEvent(eventDraft(organizers: [organizer.userID]), by: admin)
            #expect(event.retention == 730)
            let path = "/v1/events/\(event.id)"
            let got = try await Self.get(port, organizerToken, path)
            let body = try Self.json(got)
            #expect(body["retentionDays"] as? Int == 730)
            #expect(body["retainUntil"] as? String != nil)
            let etag = try #require(got.header("etag"))
            func patch(_ days: String, _ match: String) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "PATCH", path, headers: [
                    "Authorization": "Bearer \(organizerToken)", "Content-Type": "application/merge-patch+json", "If-Match": match,
                ], body: #"{"retentionDays":\#(days)}"#)
            }
            let refused = try await patch("4000", etag)
            #expect(refused.status == 422 && refused.text.contains("retentionDays"))
            let edited = try await patch("90", etag)
            #expect(edited.status == 200)
            #expect(try Self.json(edited)["retentionDays"] as? Int == 90)
            #expect(try await Self.get(port, otherToken, "\(path)/retention").status == 404, "another organizer's event")
            #expect(try await Self.get(port, organizerToken, "\(path)/retention").status == 200)
            #expect(try await Self.get(port, organizerToken, "/v1/retention/due").status == 403)
            let (adminToken, _) = try await application.token(for: .admin)
            #expect(try await Self.get(port, adminToken, "/v1/retention/due?withinDays=4000").status == 400)
        }
    }
}
