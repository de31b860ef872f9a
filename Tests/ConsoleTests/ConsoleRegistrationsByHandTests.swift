import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// An organizer's registrations by hand, cancellations, an admin's erasure, a session's own check-in and
/// attendance import, and meeting requests recorded in the browser, on the real server (console14).
@Suite("Registrations by hand, cancellation, erasure, session check-in and meeting requests in the console")
struct ConsoleRegistrationsByHandTests {
    static let admin = ConventionPagesTests.admin

    static func registrations(_ application: Application, _ event: Event) async throws -> [Registration] {
        try await ConsoleRegistrationImportTests.registrations(application, event)
    }

    /// A browser signed in as a new user of `role`.
    static func signedIn(_ application: Application, port: Int, _ role: Role) async throws -> ConsoleBrowser {
        let (email, _) = try await ConsoleBrowser.user(application, role)
        var browser = ConsoleBrowser(port: port)
        _ = try await browser.signIn(email)
        return browser
    }

    /// An organizer signed in, and an event of theirs (the convention on 1 December 2026).
    static func organizer(_ application: Application, port: Int, seats: Int = 5) async throws -> (ConsoleBrowser, Event) {
        let (email, user) = try await ConsoleBrowser.user(application, .organizer)
        let event = try await ConventionPagesTests.event(application, organizer: user.id, seats: seats)
        var browser = ConsoleBrowser(port: port)
        _ = try await browser.signIn(email)
        return (browser, event)
    }

    /// An organizer signed in, an event of theirs with one person registered, and the path of `action` on that registration.
    static func registered(_ application: Application, port: Int, action: String) async throws -> (ConsoleBrowser, Event, Registration, String) {
        let (browser, event) = try await organizer(application, port: port)
        let registration = try await ConventionPagesTests.register(application, event, "an@example.vn")
        return (browser, event, registration, "\(ConventionPagesTests.path(event))/registrations/\(registration.id.uuidString.lowercased())/\(action)")
    }

    /// An organizer signed in, and an in-person event of theirs from 09:00 on 1 December 2026 lasting `hours`, its registration closing at `closes`.
    static func organizer(
        _ application: Application, port: Int, title: String, hours: Double, closes: Date? = nil
    ) async throws -> (ConsoleBrowser, Event) {
        let (email, user) = try await ConsoleBrowser.user(application, .organizer)
        let start = CalendarDate("2026-12-01")!.startInJapan.addingTimeInterval(9 * 3600)
        let event = try await application.conventions.createEvent(EventDraft(
            kind: .seminar, titleJa: title, startsAt: start, endsAt: start.addingTimeInterval(hours * 3600), venue: "横浜市役所",
            format: .inPerson, inPersonCapacity: 10, registrationClosesAt: closes, organizerUserIds: [user.id]), by: admin)
        var browser = ConsoleBrowser(port: port)
        _ = try await browser.signIn(email)
        return (browser, event)
    }

    static func person(_ email: String, sector: String = "industry", role: String = "overseas_company") -> [(String, String)] {
        [("nameJa", "グエン・アン"), ("nameEn", "Nguyen An"), ("email", email), ("organisation", "Da Nang Solar JSC"), ("country", "vn"),
         ("sector", sector), ("role", role), ("consent", "yes")]
    }

    @Test("an organizer registers people by hand with the public page's questions; a full event puts the next on the waitlist and says so; refusals keep the input and write nothing")
    func registerByHand() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let signedIn = try await Self.organizer(application, port: port, seats: 1)
            var browser = signedIn.0
            let event = signedIn.1
            let path = ConventionPagesTests.path(event) + "/registrations/new"
            #expect(try await browser.get(ConventionPagesTests.path(event)).text.contains("href=\"\(path)\""))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.text.contains("name=\"campusId\"") && form.text.contains("name=\"universityId\""))
            #expect(form.text.contains("name=\"stayInTouch\"") && !form.text.contains("name=\"website\""), "the public questions, no honeypot")

            // Every field the API takes: names, e-mail, organisation, country, sector and role, campus, university, both consents.
            let student = [("nameJa", "山田花子"), ("nameEn", "Hanako Yamada"), ("email", "hanako@example.ac.jp"), ("organisation", "横浜国立大学"),
                           ("country", "jp"), ("sector", "academia"), ("role", "student"), ("campusId", "ynu_tokiwadai"), ("universityId", "ynu"),
                           ("consent", "yes"), ("shareContact", "yes"), ("stayInTouch", "yes")]
            let done = try await browser.post(path, form: student)
            #expect(done.status == 200 && done.text.contains("山田花子 / Hanako Yamadaさんを登録しました") && done.text.contains("hanako@example.ac.jp"))
            let seated = try #require(try await Self.registrations(application, event).first)
            #expect(seated.status == .registered && done.text.contains("受付コードは \(seated.code ?? "?") です"))
            let stored = seated.participant
            #expect(stored.country == "JP" && stored.campusId == "ynu_tokiwadai" && stored.universityId == "ynu" && stored.organisation == "横浜国立大学")
            #expect(stored.consentToShareContact && stored.consentToStayInTouch && stored.role == .student)

            _ = try await browser.get(path)
            let waitlisted = try await browser.post(path, form: Self.person("an@example.vn"))
            #expect(waitlisted.status == 200 && waitlisted.text.contains("満席のため、グエン・アン / Nguyen Anさんをキャンセル待ちにしました"))
            #expect(try await Self.registrations(application, event).filter { $0.status == .waitlisted }.count == 1)
            // Staff read a full event as staff: not the public page's promise to e-mail "you" (ux37).
            for page in [ConventionPagesTests.path(event), path] {
                let text = try await browser.get(page).text
                #expect(text.contains("満席（1席）。これから登録する人はキャンセル待ちになります。") && !text.contains("ご登録いただくと"), "\(page)")
            }

            // Refused: the form's own rules, the service's, and an address already registered; input kept, nothing written.
            _ = try await browser.get(path)
            let missing = try await browser.post(path, form: [("nameJa", "チャン・ビン"), ("email", "binh@example.vn"), ("sector", "industry")])
            #expect(missing.status == 422 && missing.text.contains("class=\"error-summary\"") && missing.text.contains("value=\"チャン・ビン\""))
            let wrongRole = try await browser.post(path, form: Self.person("binh@example.vn", sector: "government", role: "student"))
            #expect(wrongRole.status == 422 && wrongRole.text.contains("value=\"binh@example.vn\""))
            let twice = try await browser.post(path, form: Self.person("AN@example.vn"))
            #expect(twice.status == 409 && twice.text.contains("このメールアドレスの人はすでにこのイベントに登録されています"))
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.post(path, form: Self.person("an@example.vn"))
            #expect(english.status == 409 && english.text.contains("A person with this e-mail address is already registered for this event"))
            #expect(try await Self.registrations(application, event).count == 2)

            // Another organizer's event: the form and its POST are the 404 page; a coordinator reads the event but registers nobody.
            var other = try await Self.signedIn(application, port: port, .organizer)
            #expect(try await other.get(path).status == 404)
            _ = try await other.get("/conventions")
            #expect(try await other.post(path, form: Self.person("chi@example.vn")).status == 404)
            var coordinator = try await Self.signedIn(application, port: port, .coordinator)
            #expect(!(try await coordinator.get(ConventionPagesTests.path(event)).text.contains(path)))
            #expect(try await coordinator.get(path).status == 403)
            #expect(try await Self.registrations(application, event).count == 2)
        }
    }

    @Test("outside the registration window the form says so and points to the import, writing nothing")
    func registerOutsideWindow() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let closedAt = CalendarDate("2026-11-30")!.startInJapan
            let signedIn = try await Self.organizer(application, port: port, title: "締切済みのセミナー", hours: 8, closes: closedAt)
            let event = signedIn.1
            var browser = signedIn.0
            let path = ConventionPagesTests.path(event) + "/registrations/new"
            _ = try await browser.get(path)
            let closed = try await browser.post(path, form: Self.person("an@example.vn"))
            #expect(closed.status == 409 && closed.text.contains("参加登録の受付期間外です") && closed.text.contains("value=\"an@example.vn\""))
            #expect(try await Self.registrations(application, event).isEmpty)
        }
    }

    @Test("cancelling asks first and changes nothing until confirmed; a seat freed goes to the first waitlisted person, and the page says who moved up")
    func cancel() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let signedIn = try await Self.organizer(application, port: port, seats: 1)
            let event = signedIn.1
            let seated = try await ConventionPagesTests.register(application, event, "an@example.vn")
            let waiting = try await ConventionPagesTests.register(application, event, "binh@example.vn", nameJa: "チャン・ビン")
            var browser = signedIn.0
            #expect(waiting.status == .waitlisted)
            let path = "\(ConventionPagesTests.path(event))/registrations/\(seated.id.uuidString.lowercased())/cancel"
            #expect(try await browser.get(ConventionPagesTests.path(event)).text.contains("href=\"\(path)\""))
            let ask = try await browser.get(path)
            #expect(ask.status == 200 && ask.text.contains("グエン・アン / Nguyen Anさんの「横浜脱炭素コンベンション」への参加登録を取り消しますか？"))
            #expect(ask.text.contains("キャンセル待ちの先頭の人に移り"))
            #expect(try await Self.registrations(application, event).allSatisfy { $0.status != .cancelled }, "asking changed nothing")

            // Another organizer: the confirmation and the POST are the 404 page; a coordinator is refused (403), as the API.
            var other = try await Self.signedIn(application, port: port, .organizer)
            #expect(try await other.get(path).status == 404)
            _ = try await other.get("/conventions")
            #expect(try await other.post(path, form: []).status == 404)
            var coordinator = try await Self.signedIn(application, port: port, .coordinator)
            #expect(try await coordinator.get(path).status == 403)
            #expect(try await Self.registrations(application, event).allSatisfy { $0.status != .cancelled })

            let done = try await browser.post(path, form: [])
            #expect(done.status == 200 && done.text.contains("グエン・アン / Nguyen Anさんの参加登録を取り消しました"))
            #expect(done.text.contains("キャンセル待ちだったチャン・ビン / Nguyen Anさんの参加が確定しました"))
            let after = try await Self.registrations(application, event)
            #expect(after.first { $0.id == seated.id }?.status == .cancelled && after.first { $0.id == waiting.id }?.status == .registered)
            // Cancelled already: the page says so and offers nothing; the row has no cancel link any more.
            let again = try await browser.get(path)
            #expect(again.text.contains("すでに取り消されています") && !again.text.contains("action=\"\(path)\""))
            #expect(!(try await browser.get(ConventionPagesTests.path(event)).text.contains("href=\"\(path)\"")))
            browser.cookies["domino_lang"] = "en"
            let waitPath = "\(ConventionPagesTests.path(event))/registrations/\(waiting.id.uuidString.lowercased())/cancel"
            #expect(try await browser.get(waitPath).text.contains("Cancel チャン・ビン / Nguyen An&#39;s registration for “Yokohama Decarbonization Convention”?"))
        }
    }

    @Test("an attended registration cannot be cancelled: the POST answers 409 with the reason and nothing changes")
    func cancelAfterCheckIn() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (signedIn, event, registration, path) = try await Self.registered(application, port: port, action: "cancel")
            var browser = signedIn
            _ = try await application.conventions.checkIn(CheckInRequest(code: registration.code), eventID: event.id, by: Self.admin)
            #expect(try await browser.get(path).text.contains("取り消せません"))
            let refused = try await browser.post(path, form: [])
            #expect(refused.status == 409 && refused.text.contains("取り消せません"))
            #expect(try await Self.registrations(application, event).first?.status == .attended)
        }
    }

    @Test("an admin erases a participant after a page that says what is erased and kept and that it cannot be undone; organizers cannot")
    func erase() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (signedIn, event, _, path) = try await Self.registered(application, port: port, action: "erase")
            var organizer = signedIn
            #expect(!(try await organizer.get(ConventionPagesTests.path(event)).text.contains(path)))
            #expect(try await organizer.get(path).status == 403)
            #expect(try await organizer.post(path, form: []).status == 403)

            var admin = try await Self.signedIn(application, port: port, .admin)
            #expect(try await admin.get(ConventionPagesTests.path(event)).text.contains("href=\"\(path)\""))
            let ask = try await admin.get(path)
            #expect(ask.status == 200 && ask.text.contains("消去するもの") && ask.text.contains("残すもの") && ask.text.contains("消去は取り消せません"))
            #expect(ask.text.contains("an@example.vn"))
            #expect(try await Self.registrations(application, event).first?.participant.email == "an@example.vn", "asking erased nothing")
            admin.cookies["domino_lang"] = "en"
            let english = try await admin.get(path)
            #expect(english.text.contains("What is erased") && english.text.contains("What is kept") && english.text.contains("Erasure cannot be undone"))

            let done = try await admin.post(path, form: [])
            #expect(done.status == 200 && done.text.contains("The personal data is erased"))
            let erased = try #require(try await Self.registrations(application, event).first)
            #expect(erased.participant.nameJa == nil && erased.participant.email == nil && erased.participant.organisation == nil)
            #expect(erased.participant.erasedAt != nil && erased.participant.sector == .industry && erased.participant.role == .overseasCompany)
            #expect(erased.status == .registered, "the registration stays")
            #expect(try await admin.get(path).text.contains("This person&#39;s personal data was erased on"))
        }
    }

    @Test("a session's own desk and attendance import are the event's pages for that session, linked from its row; check-ins carry the session")
    func sessionCheckIn() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, event) = try await RetentionAndDuplicatePagesTests.onlineSeminar(application)
            let session = try await application.conventions.createSession(EventSessionDraft(
                type: .panel, titleJa: "パネル討論", titleEn: "Panel", startsAt: event.startsAt.addingTimeInterval(3600),
                endsAt: event.startsAt.addingTimeInterval(2 * 3600)), eventID: event.id, by: Self.admin)
            let an = try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
                nameJa: "グエン・アン", nameEn: "Nguyen An", email: "an.nguyen@example.vn", sector: .industry, role: .overseasCompany),
                attendance: .online), eventID: event.id, by: Self.admin)
            _ = try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
                nameEn: "Tran Binh", email: "binh@example.vn", sector: .industry, role: .overseasCompany), attendance: .online), eventID: event.id, by: Self.admin)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let id = session.id.uuidString.lowercased()
            let eventPath = ConventionPagesTests.path(event)
            let page = try await browser.get(eventPath)
            #expect(page.text.contains("href=\"\(eventPath)/desk?session=\(id)\"") && page.text.contains("href=\"\(eventPath)/attendance-import?session=\(id)\""))

            let desk = try await browser.get("\(eventPath)/desk?session=\(id)")
            #expect(desk.status == 200 && desk.text.contains("受付 — パネル討論（オンラインセミナー）") && desk.text.contains("name=\"sessionId\" value=\"\(id)\""))
            let checked = try await browser.post("\(eventPath)/desk", form: [("sessionId", id), ("code", an.code ?? "")])
            #expect(checked.status == 200 && checked.text.contains("チェックインしました"))
            let sessions: [UUID?] = try await application.pool.query("SELECT session_id FROM check_ins").map { try $0.decode("session_id") }
            #expect(sessions == [session.id], "the check-in is the session's, not the day's")

            let csv = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
                + "Tran Binh,binh@example.vn,12/01/2026 10:02:00 AM,12/01/2026 10:58:00 AM,56,Yes\r\n"
            let importPage = try await browser.get("\(eventPath)/attendance-import?session=\(id)")
            #expect(importPage.status == 200 && importPage.text.contains("パネル討論") && importPage.text.contains("name=\"sessionId\" value=\"\(id)\""))
            let dryRun = try await browser.postMultipart(eventPath + "/attendance-import", fields: [("sessionId", id), ("source", "zoom")],
                                                         file: ("file", "panel.csv", Array(csv.utf8)))
            #expect(dryRun.status == 200 && dryRun.text.contains("name=\"sessionId\" value=\"\(id)\""))
            let content = try ConsoleRegistrationImportTests.content(dryRun)
            let done = try await browser.postMultipart(eventPath + "/attendance-import/confirm",
                                                       fields: [("sessionId", id), ("source", "zoom"), ("content", content)], file: nil)
            #expect(done.status == 200)
            let all: [UUID?] = try await application.pool.query("SELECT session_id FROM check_ins").map { try $0.decode("session_id") }
            #expect(all == [session.id, session.id])

            // A session that is not this event's is the 404 page; another organizer cannot open this one's desk.
            #expect(try await browser.get("\(eventPath)/desk?session=\(UUID().uuidString.lowercased())").status == 404)
            var other = try await Self.signedIn(application, port: port, .organizer)
            #expect(try await other.get("\(eventPath)/desk?session=\(id)").status == 404)
            #expect(try await other.get("\(eventPath)/attendance-import?session=\(id)").status == 404)
        }
    }

    @Test("a session's desk on a day the session does not run says so and checks nobody in")
    func sessionNotToday() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (signedIn, event) = try await Self.organizer(application, port: port, title: "二日間のセミナー", hours: 32)
            let secondDay = try await application.conventions.createSession(EventSessionDraft(
                type: .panel, titleJa: "二日目のパネル", startsAt: event.startsAt.addingTimeInterval(25 * 3600),
                endsAt: event.startsAt.addingTimeInterval(26 * 3600)), eventID: event.id, by: Self.admin)
            let code = try #require(try await ConventionPagesTests.register(application, event, "an@example.vn").code)
            let id = secondDay.id.uuidString.lowercased()
            var browser = signedIn
            #expect(try await browser.get("\(ConventionPagesTests.path(event))/desk?session=\(id)").text.contains("二日目のパネル"))
            let refused = try await browser.post("\(ConventionPagesTests.path(event))/desk", form: [("sessionId", id), ("code", code)])
            #expect(refused.status == 422 && refused.text.contains("今日はこのセッションの開催日ではありません"))
            #expect(try await application.pool.query("SELECT 1 FROM check_ins").isEmpty, "nobody was checked in")
        }
    }

    @Test("meeting requests are recorded from the event's requests and a company's; refused choices keep the input; another organizer gets the 404 page")
    func meetingRequests() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            let signedIn = try await Self.organizer(application, port: port)
            var browser = signedIn.0
            let event = signedIn.1
            let registration = try await ConventionPagesTests.register(application, event, "an@example.vn")
            let company = world.companyA.uuidString.lowercased()
            let person = registration.participant.id.uuidString.lowercased()
            let path = ConventionPagesTests.path(event) + "/meetings/new"
            #expect(try await browser.get(ConventionPagesTests.path(event) + "/meetings").text.contains("href=\"\(path)\""))
            #expect(try await browser.get("/companies/\(company)/meetings").text.contains("href=\"\(path)?company=\(company)\""))
            let form = try await browser.get("\(path)?company=\(company)")
            #expect(form.status == 200 && form.text.contains("<option value=\"\(company)\" selected>") && form.text.contains("グエン・アン / Nguyen An"))

            let unchosen = try await browser.post(path, form: [("companyId", company), ("message", "焼却炉について")])
            #expect(unchosen.status == 422 && unchosen.text.contains("参加者を選んでください") && unchosen.text.contains("焼却炉について"))
            let recorded = try await browser.post(path, form: [("participantId", person), ("companyId", company), ("message", "焼却炉について")])
            #expect(recorded.status == 303 && recorded.header("Location") == ConventionPagesTests.path(event) + "/meetings?recorded=1")
            let list = try await browser.get(try #require(recorded.header("Location")))
            #expect(list.text.contains("商談の申込みを記録しました") && list.text.contains("焼却炉について"))
            _ = try await browser.get(path)
            let twice = try await browser.post(path, form: [("participantId", person), ("companyId", company)])
            #expect(twice.status == 409 && twice.text.contains("すでにこの企業に商談を申し込んでいます"))
            let stored = try await application.conventions.meetingRequests(of: event.id, page: PageRequest(limit: 10), by: Self.admin).items
            #expect(stored.count == 1 && stored.first?.companyId == world.companyA && stored.first?.message == "焼却炉について")

            // A coordinator records too (the API allows it); another organizer gets the 404 page; company staff are refused.
            var coordinator = world.browsers[.coordinator]!
            #expect(try await coordinator.get(path).status == 200)
            var other = world.browsers[.organizer]!
            #expect(try await other.get(path).status == 404)
            _ = try await other.get("/conventions")
            #expect(try await other.post(path, form: [("participantId", person), ("companyId", company)]).status == 404)
            var staff = world.browsers[.company]!
            #expect(try await staff.get(path).status == 403)
            #expect(!(try await staff.get("/companies/\(company)/meetings").text.contains("/meetings/new")))
            world.browsers[.coordinator] = coordinator
            world.browsers[.organizer] = other
            world.browsers[.company] = staff
            #expect(try await application.conventions.meetingRequests(of: event.id, page: PageRequest(limit: 10), by: Self.admin).items.count == 1)
        }
    }
}
