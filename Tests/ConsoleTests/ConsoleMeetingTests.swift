import Accounts
import App
import Companies
import Conventions
import DomainKit
import Foundation
import TestSupport
import Testing

/// Meeting requests through the console (journey 3) and a track record's edit.
@Suite("Console meeting requests and track record edits")
struct ConsoleMeetingTests {
    /// Two requests to company A at a convention: one from a person who agreed to share contact
    /// details, one from a person who did not.
    static func requests(_ world: ConsoleWorld, _ application: Application, organizer: UUID) async throws -> (Event, shared: MeetingRequest, hidden: MeetingRequest) {
        let admin = ConventionPagesTests.admin
        let event = try await ConventionPagesTests.event(application, organizer: organizer)
        var made: [MeetingRequest] = []
        for (email, name, consent, message) in [("an@example.vn", "グエン・アン", true, "<script>alert(1)</script>焼却炉について"),
                                                ("binh@example.vn", "チャン・ビン", false, "Rooftop solar")] {
            let registration = try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
                nameJa: name, email: email, organisation: "Da Nang Solar JSC", country: "VN", sector: .industry, role: .overseasCompany,
                consentToShareContact: consent)), eventID: event.id, by: admin)
            made.append(try await application.conventions.requestMeeting(
                MeetingRequestDraft(participantId: registration.participant.id, companyId: world.companyA, message: message), eventID: event.id, by: admin))
        }
        return (event, made[0], made[1])
    }

    @Test("company staff see the requests to their company (a name only with consent), accept one; a second answer is explained and changes nothing")
    func companyAnswers() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (_, organizer) = try await ConsoleBrowser.user(application, .organizer)
            let (_, shared, hidden) = try await Self.requests(world, application, organizer: organizer.id)
            var browser = world.browsers[.company]!
            let path = "/companies/\(world.companyA.uuidString.lowercased())/meetings"
            #expect(try await browser.get("/companies/\(world.companyA.uuidString.lowercased())").text.contains("href=\"\(path)\""))
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.text.contains("グエン・アン") && !page.text.contains("チャン・ビン"))
            #expect(page.text.contains("参加者（連絡先の共有に同意していません）"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;焼却炉について") && !page.text.contains("<script>alert(1)"))
            let decision = "/meeting-requests/\(shared.id.uuidString.lowercased())/decision"
            #expect(page.text.contains("action=\"\(decision)\""))
            let form = [("decision", "accepted"), ("from", "company"), ("returnId", world.companyA.uuidString.lowercased())]
            let accepted = try await browser.post(decision, form: form)
            #expect(accepted.status == 303 && accepted.header("location") == "\(path)?answered=accepted")
            let after = try await browser.get("\(path)?answered=accepted")
            #expect(after.text.contains("商談成立として記録しました") && after.text.contains(">承諾"))
            let again = try await browser.post(decision, form: [("decision", "declined")] + form.dropFirst())
            #expect(again.status == 303 && again.header("location") == "\(path)?alreadyAnswered=1")
            #expect(try await browser.get("\(path)?alreadyAnswered=1").text.contains("他の人が先に回答していました"))
            let stored = try await application.conventions.meetingRequests(of: shared.eventId, page: PageRequest(limit: 10), by: ConventionPagesTests.admin)
            #expect(stored.items.first { $0.id == shared.id }?.status == .accepted, "the second answer changed nothing")
            #expect(stored.items.first { $0.id == shared.id }?.businessMatchId != nil, "accepting recorded a business match")
            #expect(stored.items.first { $0.id == hidden.id }?.status == .requested)
            // A request without its return path is refused before anything is decided.
            let bare = try await browser.post("/meeting-requests/\(hidden.id.uuidString.lowercased())/decision", form: [("decision", "declined")])
            #expect(bare.status == 400)
        }
    }

    @Test("another company's requests are a 404 page for company staff, and its answer form too; organizers see their event's requests, coordinators answer there")
    func otherTenantsAndStaff() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (organizerEmail, organizer) = try await ConsoleBrowser.user(application, .organizer)
            let (event, shared, hidden) = try await Self.requests(world, application, organizer: organizer.id)
            let other = try await DirectoryPlaceholders.company(in: application.pool)
            let otherRequest = try await application.conventions.requestMeeting(
                MeetingRequestDraft(participantId: shared.participantId, companyId: other), eventID: event.id, by: ConventionPagesTests.admin)
            var company = world.browsers[.company]!
            #expect(try await company.get("/companies/\(other.uuidString.lowercased())/meetings").status == 404)
            _ = try await company.get("/")
            let refused = try await company.post("/meeting-requests/\(otherRequest.id.uuidString.lowercased())/decision",
                                                 form: [("decision", "accepted"), ("from", "company"), ("returnId", world.companyA.uuidString.lowercased())])
            #expect(refused.status == 404)

            var organizerBrowser = ConsoleBrowser(port: port)
            _ = try await organizerBrowser.signIn(organizerEmail)
            let eventPath = ConventionPagesTests.path(event)
            #expect(try await organizerBrowser.get(eventPath).text.contains("href=\"\(eventPath)/meetings\""))
            let list = try await organizerBrowser.get(eventPath + "/meetings")
            #expect(list.status == 200 && list.text.contains("グエン・アン") && list.text.contains("チャン・ビン"), "managers see every requester")
            #expect(!list.text.contains("/decision\""), "organizers do not answer for companies (decideMeetingRequest)")
            let organizerAnswer = try await organizerBrowser.post("/meeting-requests/\(hidden.id.uuidString.lowercased())/decision",
                                                                  form: [("decision", "accepted"), ("from", "event"), ("returnId", event.id.uuidString.lowercased())])
            #expect(organizerAnswer.status == 403)
            var coordinator = world.browsers[.coordinator]!
            let coordinatorList = try await coordinator.get(eventPath + "/meetings")
            #expect(coordinatorList.status == 200 && coordinatorList.text.contains("/meeting-requests/\(hidden.id.uuidString.lowercased())/decision"))
            let declined = try await coordinator.post("/meeting-requests/\(hidden.id.uuidString.lowercased())/decision",
                                                     form: [("decision", "declined"), ("from", "event"), ("returnId", event.id.uuidString.lowercased())])
            #expect(declined.status == 303 && declined.header("location") == "\(eventPath)/meetings?answered=declined")
            let (_, stranger) = try await ConsoleBrowser.user(application, .organizer)
            let theirs = try await ConventionPagesTests.event(application, organizer: stranger.id)
            #expect(try await organizerBrowser.get(ConventionPagesTests.path(theirs) + "/meetings").status == 404)
        }
    }

    @Test("a track record is edited; a stale edit keeps the input, names the saved values that differ, and writes nothing")
    func trackRecordEdit() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            let record = try await service.createTrackRecord(
                CompanyTrackRecordDraft(country: "VN", city: "Da Nang", year: 2023, client: "ダナン市", summary: "焼却発電の設計", disclosure: .public),
                companyID: world.companyA, by: admin)
            var browser = world.browsers[.company]!
            let company = "/companies/\(world.companyA.uuidString.lowercased())"
            let edit = "\(company)/track-records/\(record.id.uuidString.lowercased())/edit"
            #expect(try await browser.get(company).text.contains("href=\"\(edit)\""))
            let form = try await browser.get(edit)
            #expect(form.status == 200 && form.text.contains("value=\"Da Nang\"") && form.text.contains("name=\"version\" value=\"\(record.version)\""))
            let fields = [("country", "VN"), ("city", "Da Nang"), ("year", "2024"), ("client", "ダナン市"), ("summary", "焼却発電の設計と施工"),
                          ("disclosure", "partners")]
            let saved = try await browser.post(edit, form: [("version", String(record.version))] + fields)
            #expect(saved.status == 303 && saved.header("location") == "\(company)?recordUpdated=1")
            let updated = try #require(try await service.trackRecords(of: world.companyA, page: PageRequest(limit: 10), by: admin).items.first)
            #expect(updated.year == 2024 && updated.summary == "焼却発電の設計と施工" && updated.disclosure == .partners)

            _ = try await service.updateTrackRecord(updated.id, ifVersion: updated.version, by: admin) { $0.client = "ダナン市人民委員会" }
            _ = try await browser.get(edit)
            let stale = try await browser.post(edit, form: [("version", String(updated.version)), ("country", "VN"), ("city", "Hue"), ("year", "2024"),
                                                            ("client", "ダナン市"), ("summary", "焼却発電の設計と施工"), ("disclosure", "partners")])
            #expect(stale.status == 409 && stale.text.contains("他の人がこの実績を変更しました") && stale.text.contains("value=\"Hue\""))
            #expect(stale.text.contains("ダナン市人民委員会") && stale.text.contains("name=\"version\" value=\"\(updated.version + 1)\""))
            let now = try #require(try await service.trackRecords(of: world.companyA, page: PageRequest(limit: 10), by: admin).items.first)
            #expect(now.city == "Da Nang", "nothing written")
            let bad = try await browser.post(edit, form: [("version", String(now.version)), ("country", "Vietnam"), ("disclosure", "public")])
            #expect(bad.status == 422 && bad.text.contains("国・地域を一覧から選んでください"))

            let other = try await DirectoryPlaceholders.company(in: application.pool)
            let theirs = try await service.createTrackRecord(CompanyTrackRecordDraft(country: "TH", disclosure: .public), companyID: other, by: admin)
            #expect(try await browser.get("/companies/\(other.uuidString.lowercased())/track-records/\(theirs.id.uuidString.lowercased())/edit").status == 404)
            #expect(try await browser.get("\(company)/track-records/\(theirs.id.uuidString.lowercased())/edit").status == 404,
                    "another company's record under my company's path")
        }
    }
}
