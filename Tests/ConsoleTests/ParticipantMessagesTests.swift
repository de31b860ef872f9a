import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The reminder the day before and the signed cancellation link (issue 15), on the real server.
@Suite("Reminders and the signed cancellation link")
struct ParticipantMessagesTests {
    static let admin = Principal(userID: UUID(), role: .admin)

    static func links(_ configuration: inout AppConfiguration) {
        configuration.publicURL = "https://domino.example.jp"
    }

    /// 2026-12-01 09:00–17:30 in Japan, one seat.
    static func event(_ application: Application, day: String = "2026-12-01") async throws -> Event {
        let start = CalendarDate(day)!.startInJapan.addingTimeInterval(9 * 3600)
        return try await application.conventions.createEvent(EventDraft(
            kind: .workshop, titleJa: "脱炭素ワークショップ", titleEn: "Decarbonization workshop", startsAt: start,
            endsAt: start.addingTimeInterval(8.5 * 3600), venue: "横浜市役所", format: .inPerson, inPersonCapacity: 1), by: admin)
    }

    static func register(_ application: Application, _ event: Event, _ email: String) async throws -> Registration {
        try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
            nameJa: "グエン・アン", nameEn: "Nguyen An", email: email, sector: .industry, role: .overseasCompany)), eventID: event.id, by: admin)
    }

    static func outbox(_ application: Application) async throws -> [(kind: String, recipient: String, text: String)] {
        try await application.pool.query("SELECT kind, recipient, text_body FROM mail_outbox ORDER BY id").map {
            (try $0.decode("kind"), try $0.decode("recipient"), try $0.decode("text_body"))
        }
    }

    static func link(in text: String) throws -> (path: String, signature: String) {
        let start = try #require(text.range(of: "https://domino.example.jp/registrations/"))
        let url = String(text[start.lowerBound...].prefix { !$0.isWhitespace })
        let path = String(url.dropFirst("https://domino.example.jp".count))
        let signature = try #require(path.split(separator: "?s=").last.map(String.init))
        return (path, signature)
    }

    @Test("the day before, people holding a seat get the reminder with their code, once; the waitlist and other days get none")
    func reminder() async throws {
        // 2026-11-30 in Japan: the workshop on 1 December is tomorrow, the one on 3 December is not.
        let clock = TestClock(CalendarDate("2026-11-30")!.startInJapan.addingTimeInterval(9 * 3600))
        try await withTestServer(clock: clock.programme) { _, application in
            let tomorrow = try await Self.event(application)
            let later = try await Self.event(application, day: "2026-12-03")
            let seat = try await Self.register(application, tomorrow, "an@example.vn")
            _ = try await Self.register(application, tomorrow, "binh@example.vn")
            _ = try await Self.register(application, later, "chi@example.vn")
            let before = try await Self.outbox(application).count
            let service = application.conventions
            #expect(try await application.pool.transaction { try await service.sendReminders(on: $0) } == 1)
            #expect(try await application.pool.transaction { try await service.sendReminders(on: $0) } == 0, "never twice")
            let reminders = try await Self.outbox(application).dropFirst(before)
            #expect(reminders.map(\.kind) == ["event_reminder"])
            #expect(reminders.first?.recipient == "an@example.vn")
            #expect(reminders.first?.text.contains("受付コード: \(seat.code ?? "?")") == true)
        }
    }

    @Test("the signed link asks before cancelling; confirming cancels, promotes the waitlist and confirms by mail; a forged link is a 404")
    func cancellation() async throws {
        try await withTestServer(configure: Self.links) { port, application in
            let event = try await Self.event(application)
            let seat = try await Self.register(application, event, "an@example.vn")
            _ = try await Self.register(application, event, "binh@example.vn")
            let (path, signature) = try Self.link(in: try #require(try await Self.outbox(application).first?.text))
            #expect(path.hasPrefix("/registrations/\(seat.id.uuidString.lowercased())/cancel"))
            var browser = ConsoleBrowser(port: port)
            let ask = try await browser.get(path)
            #expect(ask.status == 200 && ask.text.contains("参加登録を取り消しますか"))
            #expect(try await application.conventions.event(event.id, by: Self.admin).inPersonSeats?.waitlisted == 1, "opening the link changed nothing")
            let forged = String(signature.dropLast()) + (signature.last == "0" ? "1" : "0")
            #expect(try await browser.get("/registrations/\(seat.id.uuidString.lowercased())/cancel?s=\(forged)").status == 404)
            let refused = try await browser.post("/registrations/\(seat.id.uuidString.lowercased())/cancel", form: [("s", forged)])
            #expect(refused.status == 404)
            let done = try await browser.post("/registrations/\(seat.id.uuidString.lowercased())/cancel", form: [("s", signature)])
            #expect(done.status == 200 && done.text.contains("参加登録を取り消しました"))
            let registrations = try await application.conventions.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: Self.admin).items
            #expect(registrations.map(\.status) == [.cancelled, .registered], "the waitlisted person moved up")
            let kinds = try await Self.outbox(application).map(\.kind)
            #expect(kinds == ["registration_confirmation", "registration_confirmation", "waitlist_promotion", "registration_cancelled"])
            let again = try await browser.get(path)
            #expect(again.text.contains("すでに取り消されています") && !again.text.contains("<form method=\"post\" action=\"/registrations"))
        }
    }

    @Test("the cancellation page speaks to someone cancelling: no seat count, no invitation to the waitlist, in either language")
    func cancellationPageWords() async throws {
        try await withTestServer(configure: Self.links) { port, application in
            let event = try await Self.event(application)
            _ = try await Self.register(application, event, "an@example.vn")
            let (path, _) = try Self.link(in: try #require(try await Self.outbox(application).first?.text))
            var browser = ConsoleBrowser(port: port)
            let ja = try await browser.get(path)
            #expect(ja.status == 200 && ja.text.contains("参加登録を取り消しますか") && ja.text.contains("横浜市役所"))
            #expect(!ja.text.contains("満席です") && !ja.text.contains("キャンセル待ちとなり") && !ja.text.contains("残り"))
            browser.cookies["domino_lang"] = "en"
            let en = try await browser.get(path)
            #expect(en.status == 200 && en.text.contains("Cancel my registration"))
            #expect(!en.text.contains("If you register you join the waitlist") && !en.text.contains("seats left"))
        }
    }

    @Test("without DOMINO_PUBLIC_URL messages carry no link and link pages are 404")
    func noLinks() async throws {
        try await withTestServer { port, application in
            let event = try await Self.event(application)
            let seat = try await Self.register(application, event, "an@example.vn")
            #expect(try await Self.outbox(application).first?.text.contains("/cancel?s=") == false)
            var browser = ConsoleBrowser(port: port)
            #expect(try await browser.get("/registrations/\(seat.id.uuidString.lowercased())/cancel?s=\(String(repeating: "0", count: 64))").status == 404)
        }
    }
}

/// An organizer's message to a segment, through the console's two steps.
@Suite("Message to a segment of an event")
struct SegmentMessageTests {
    @Test("the first step counts without writing; sending reaches exactly the segment and sector, once for a double-submitted send; missing English is refused")
    func segment() async throws {
        try await withTestServer(clock: ProgrammeClock.japan("2026-12-01", hour: 10)) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let start = CalendarDate("2026-12-01")!.startInJapan.addingTimeInterval(9 * 3600)
            let event = try await application.conventions.createEvent(EventDraft(
                kind: .workshop, titleJa: "脱炭素ワークショップ", titleEn: "Decarbonization workshop", startsAt: start,
                endsAt: start.addingTimeInterval(8.5 * 3600), venue: "横浜市役所", format: .inPerson, inPersonCapacity: 10,
                organizerUserIds: [user.id]), by: ParticipantMessagesTests.admin)
            for (address, sector, role) in [("an@example.vn", Sector.industry, ParticipantRole.overseasCompany),
                                            ("binh@example.vn", .academia, .student), ("chi@example.vn", .academia, .researcher)] {
                _ = try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
                    nameEn: address, email: address, sector: sector, role: role)), eventID: event.id, by: ParticipantMessagesTests.admin)
            }
            let attended = try await application.conventions.registrations(
                of: event.id, RegistrationFilter(text: "chi@"), page: PageRequest(), by: ParticipantMessagesTests.admin).items[0]
            _ = try await application.conventions.checkIn(CheckInRequest(registrationId: attended.id), eventID: event.id, by: ParticipantMessagesTests.admin)
            let before = try await ParticipantMessagesTests.outbox(application).count
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = "/conventions/events/\(event.id.uuidString.lowercased())/message"
            #expect(try await browser.get(path).status == 200)
            let form = [("segment", "registered"), ("sector", "academia"), ("subjectJa", "会場のご案内"), ("bodyJa", "ホールBです。"),
                        ("subjectEn", "The venue"), ("bodyEn", "It is Hall B.")]
            let preview = try await browser.post(path, form: form)
            #expect(preview.status == 200 && preview.text.contains("1人に送信されます"))
            #expect(try await ParticipantMessagesTests.outbox(application).count == before, "counting writes nothing")
            let confirm = [("confirm", "yes"), ("sendId", Self.hidden("sendId", in: preview.text))]
            let sent = try await browser.post(path, form: form + confirm)
            #expect(sent.status == 200 && sent.text.contains("1人にメッセージを送信しました"))
            let new = try await ParticipantMessagesTests.outbox(application).dropFirst(before)
            #expect(new.map(\.kind) == ["organizer_message"] && new.map(\.recipient) == ["binh@example.vn"])
            #expect(new.first?.text.contains("ホールBです。") == true && new.first?.text.contains("It is Hall B.") == true)
            // The same send again (a double click, the answer page reloaded): the same answer, nobody mailed twice.
            let again = try await browser.post(path, form: form + confirm)
            #expect(again.status == 200 && again.text.contains("1人にメッセージを送信しました"))
            #expect(try await ParticipantMessagesTests.outbox(application).count == before + 1, "one send, one message per person")
            let refused = try await browser.post(path, form: form.map { $0.0 == "bodyEn" ? ("bodyEn", " ") : $0 } + confirm)
            #expect(refused.status == 422 && refused.text.contains("id=\"bodyEn-error\""))
            #expect(try await ParticipantMessagesTests.outbox(application).count == before + 1)
            // Counted again, it is a new send: sent on purpose a second time, it goes.
            let recount = try await browser.post(path, form: form)
            let second = try await browser.post(path, form: form + [("confirm", "yes"), ("sendId", Self.hidden("sendId", in: recount.text))])
            #expect(second.status == 200 && recount.text.contains("sendId"))
            #expect(try await ParticipantMessagesTests.outbox(application).count == before + 2)
            #expect(try await browser.post(path, form: form + [("confirm", "yes")]).status == 400, "a confirmed send names its send")
        }
    }

    /// A hidden field's value in a page, or "" when the page has none.
    static func hidden(_ name: String, in html: String) -> String {
        guard let start = html.range(of: "name=\"\(name)\" value=\"") else { return "" }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }
}
