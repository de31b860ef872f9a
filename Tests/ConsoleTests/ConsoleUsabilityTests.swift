import Accounts
import App
import Companies
@testable import Console
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The console's usability leftovers (ux12), on the real server: the cancelled person is told, a person
/// who cancelled registers again, and the paginated lists' titles say which page they are.
@Suite("Console usability: cancellation mail, registering again, page titles")
struct ConsoleUsabilityTests {
    static func outbox(_ application: Application) async throws -> [(kind: String, recipient: String, subject: String, text: String)] {
        // A message cleared at its person's erasure (ops35) reads as empty.
        try await application.pool.query("""
            SELECT kind, coalesce(recipient, '') AS recipient, coalesce(subject, '') AS subject, coalesce(text_body, '') AS text_body
            FROM mail_outbox ORDER BY id
            """).map {
            (try $0.decode("kind"), try $0.decode("recipient"), try $0.decode("subject"), try $0.decode("text_body"))
        }
    }

    @Test("an organizer's cancellation mails the person, in Japanese then English, and the answer page says it was sent; a second cancel mails nobody")
    func cancellationMailed() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port, seats: 1)
            let seated = try await ConventionPagesTests.register(application, event, "an@example.vn")
            let waiting = try await ConventionPagesTests.register(application, event, "binh@example.vn", nameJa: "チャン・ビン")
            let before = try await Self.outbox(application).count
            let path = "\(ConventionPagesTests.path(event))/registrations/\(seated.id.uuidString.lowercased())/cancel"
            #expect(try await browser.get(path).text.contains("本人には、取り消したことをメールで知らせます"))
            let done = try await browser.post(path, form: [])
            #expect(done.status == 200)
            #expect(done.text.contains("グエン・アン / Nguyen Anさんに、参加登録を取り消したことをメールで知らせました（an@example.vn）"))
            let mails = try await Self.outbox(application).dropFirst(before)
            #expect(mails.map(\.kind) == ["waitlist_promotion", "registration_cancelled"])
            let cancelled = try #require(mails.last)
            #expect(cancelled.recipient == "an@example.vn")
            #expect(cancelled.subject == "【登録取消】横浜脱炭素コンベンション / Registration cancelled: Yokohama Decarbonization Convention")
            #expect(cancelled.text.contains("主催者が参加登録を取り消しました") && cancelled.text.contains("The organizers have cancelled your registration"))
            #expect(!cancelled.text.contains(seated.code ?? "?"), "no door code in a cancellation")

            let again = try await browser.post(path, form: [])
            #expect(again.text.contains("すでに取り消されています") && !again.text.contains("メールで知らせました"))
            #expect(try await Self.outbox(application).count == before + 2, "cancelling twice mails nobody again")

            // In English, for the person who had moved up.
            browser.cookies["domino_lang"] = "en"
            let other = "\(ConventionPagesTests.path(event))/registrations/\(waiting.id.uuidString.lowercased())/cancel"
            let english = try await browser.post(other, form: [])
            #expect(english.text.contains("チャン・ビン / Nguyen An has been told by e-mail that the registration is cancelled (binh@example.vn)."))
            #expect(try await Self.outbox(application).last?.subject.hasSuffix("Registration cancelled: Yokohama Decarbonization Convention") == true)
        }
    }

    @Test("a person whose address was erased is cancelled without a mail, and the page says none was sent")
    func cancellationNotMailed() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            let seated = try await ConventionPagesTests.register(application, event, "an@example.vn")
            try await application.conventions.eraseParticipant(seated.participant.id, by: ConventionPagesTests.admin)
            let before = try await Self.outbox(application).count
            let path = "\(ConventionPagesTests.path(event))/registrations/\(seated.id.uuidString.lowercased())/cancel"
            _ = try await browser.get(path)
            let done = try await browser.post(path, form: [])
            #expect(done.status == 200 && done.text.contains("取消のお知らせは送っていません"))
            #expect(try await Self.outbox(application).count == before)
        }
    }

    /// A guest opens the public page (for its form token) and sends the form with `email`.
    static func registerPublicly(_ guest: inout ConsoleBrowser, _ event: Event, _ email: String, nameJa: String = "グエン・アン") async throws -> TestClient.Response {
        _ = try await guest.get(PublicRegistrationTests.path(event))
        return try await guest.post(PublicRegistrationTests.path(event), form: PublicRegistrationTests.form(email, nameJa: nameJa))
    }

    @Test("someone who cancelled registers again on the public page: a new registration with a new code and its confirmation; the old one stays cancelled")
    func registerAgainPublicly() async throws {
        try await withTestServer { port, application in
            let event = try await PublicRegistrationTests.event(application, seats: 1)
            var guest = ConsoleBrowser(port: port)
            #expect(try await Self.registerPublicly(&guest, event, "an@example.vn").status == 303)
            let first = try #require(try await PublicRegistrationTests.registrations(application, event).first)
            _ = try await application.conventions.cancel(first.id, by: PublicRegistrationTests.admin)
            let before = try await Self.outbox(application).count

            let again = try await Self.registerPublicly(&guest, event, "AN@example.vn")
            #expect(again.status == 303 && again.header("location") == PublicRegistrationTests.path(event) + "/thanks?place=seat&attendance=in_person")
            let registrations = try await PublicRegistrationTests.registrations(application, event)
            #expect(registrations.map(\.status) == [.cancelled, .registered], "the seat freed by the cancellation is the new registration's")
            #expect(registrations[0].id == first.id && registrations[0].code == first.code)
            #expect(registrations[1].code != first.code && registrations[1].participant.id == first.participant.id)
            let mails = try await Self.outbox(application).dropFirst(before)
            #expect(mails.map(\.kind) == ["registration_confirmation"])
            #expect(mails.first?.text.contains("受付コード: \(registrations[1].code ?? "?")") == true)

            // Registered again, the address is known once more: a third post only sends the message again.
            _ = try await Self.registerPublicly(&guest, event, "an@example.vn")
            #expect(try await PublicRegistrationTests.registrations(application, event).count == 2)

            // Someone else takes the waitlist; when the second registration is cancelled too, they move up, and
            // the first person registering a third time joins the waitlist.
            _ = try await Self.registerPublicly(&guest, event, "binh@example.vn", nameJa: "チャン・ビン")
            _ = try await application.conventions.cancel(registrations[1].id, by: PublicRegistrationTests.admin)
            _ = try await Self.registerPublicly(&guest, event, "an@example.vn")
            let third = try await PublicRegistrationTests.registrations(application, event)
            #expect(third.map(\.status) == [.cancelled, .cancelled, .registered, .waitlisted])
        }
    }

    @Test("an organizer registers by hand someone whose registration was cancelled; someone still registered is the 409 beside the e-mail")
    func registerAgainByHand() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            let first = try await ConventionPagesTests.register(application, event, "an@example.vn")
            let path = ConventionPagesTests.path(event) + "/registrations/new"
            _ = try await browser.get(path)
            let refused = try await browser.post(path, form: ConsoleRegistrationsByHandTests.person("an@example.vn"))
            #expect(refused.status == 409)
            _ = try await application.conventions.cancel(first.id, by: ConventionPagesTests.admin)
            _ = try await browser.get(path)
            let done = try await browser.post(path, form: ConsoleRegistrationsByHandTests.person("an@example.vn"))
            #expect(done.status == 200 || done.status == 303)
            let registrations = try await ConsoleRegistrationsByHandTests.registrations(application, event)
            #expect(registrations.map(\.status) == [.cancelled, .registered])
        }
    }

    @Test("a list's title and heading say a page reached by a cursor continues the list, in both languages, whatever page= says; the first page says nothing")
    func pageNumbers() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let companies = ConsoleCompanyDirectoryTests.service(application)
            for index in 0...100 {
                _ = try await companies.createCompany(CompanyDraft(nameEn: "Paged Company \(index)", size: .sme), by: world.coordinator)
            }
            var browser = world.browsers[.coordinator]!
            let first = try await browser.get("/companies?q=paged")
            #expect(first.text.contains("<title>企業ディレクトリ – Domino</title>") && first.text.contains("<h1>企業ディレクトリ</h1>"))
            let next = try #require(first.text.components(separatedBy: "href=\"/companies?q=paged&amp;cursor=").dropFirst().first?.prefix { $0 != "\"" })
            // ux20: the link carries no page number of its own making; the server knows where the cursor is, not which page.
            #expect(!next.contains("page="), "the next link carries the cursor alone")
            let href = "/companies?q=paged&cursor=" + next.replacingOccurrences(of: "&amp;", with: "&")
            let second = try await browser.get(href)
            #expect(second.status == 200 && second.text.contains("Paged Company"))
            #expect(second.text.contains("<title>企業ディレクトリ（続き） – Domino</title>") && second.text.contains("<h1>企業ディレクトリ（続き）</h1>"))
            // A page= added by hand (or by an old bookmark) names no page: it was the link's word, not the server's.
            let edited = try await browser.get(href + "&page=7")
            #expect(edited.text.contains("<title>企業ディレクトリ（続き） – Domino</title>") && !edited.text.contains("7ページ目"))
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get(href)
            #expect(english.text.contains("<title>Company directory (continued) – Domino</title>") && english.text.contains("<h1>Company directory (continued)</h1>"))
            // Without a cursor it is a first page, whatever `page` says.
            #expect(try await browser.get("/companies?q=paged&page=7").text.contains("<title>Company directory – Domino</title>"))
        }
    }

    @Test("the meeting-request form's lists are narrowed on the server by a search, without a script; a company chosen by its link stays offered; a refused post keeps the search")
    func meetingFormSearch() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            let an = try await ConventionPagesTests.register(application, event, "an@example.vn")
            let binh = try await ConventionPagesTests.register(application, event, "binh@example.vn", nameJa: "チャン・ビン")
            let companies = ConsoleCompanyDirectoryTests.service(application)
            let solar = try await companies.createCompany(CompanyDraft(nameJa: "みなと太陽光株式会社", size: .sme), by: world.coordinator)
            let harbour = try await companies.createCompany(CompanyDraft(nameEn: "Harbour Incineration", size: .large), by: world.coordinator)
            let path = ConventionPagesTests.path(event) + "/meetings/new"
            func option(_ id: UUID) -> String { "<option value=\"\(id.uuidString.lowercased())\"" }

            let all = try await browser.get(path)
            #expect(all.text.contains("role=\"search\"") && all.text.contains("name=\"findPerson\"") && all.text.contains("name=\"findCompany\""))
            #expect(all.text.contains(option(an.participant.id)) && all.text.contains(option(binh.participant.id)))
            #expect(all.text.contains(option(solar.id)) && all.text.contains(option(harbour.id)))

            let narrowed = try await browser.get(path + "?findPerson=%E3%83%81%E3%83%A3%E3%83%B3&findCompany=harbour")
            #expect(narrowed.status == 200 && narrowed.text.contains("見つかったのは参加者1人、企業1社です"))
            #expect(narrowed.text.contains(option(binh.participant.id)) && !narrowed.text.contains(option(an.participant.id)))
            #expect(narrowed.text.contains(option(harbour.id)) && !narrowed.text.contains(option(solar.id)))
            #expect(narrowed.text.contains("name=\"findCompany\" value=\"harbour\""), "the search stays in its field and rides in the post")

            // From a company's requests the company is chosen: a search for someone keeps it offered and chosen.
            let chosen = try await browser.get(path + "?company=\(solar.id.uuidString.lowercased())&findCompany=harbour")
            #expect(chosen.text.contains(option(solar.id) + " selected>") && chosen.text.contains("name=\"company\" value=\"\(solar.id.uuidString.lowercased())\""))

            let refused = try await browser.post(path, form: [("findPerson", "チャン"), ("findCompany", "harbour"), ("companyId", harbour.id.uuidString.lowercased())])
            #expect(refused.status == 422 && !refused.text.contains(option(an.participant.id)) && refused.text.contains(option(binh.participant.id)))
            _ = try await browser.get(path)
            let recorded = try await browser.post(path, form: [("findPerson", "チャン"), ("findCompany", "harbour"),
                                                               ("participantId", binh.participant.id.uuidString.lowercased()),
                                                               ("companyId", harbour.id.uuidString.lowercased())])
            #expect(recorded.status == 303)
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get(path + "?findPerson=nobody")
            #expect(english.text.contains("Found: participants 0, companies "))
        }
    }
}
