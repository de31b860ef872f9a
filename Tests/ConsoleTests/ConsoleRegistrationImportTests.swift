import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Registrations an organizer uploads (dry run, then confirm) and no-shows after an event, on the real server.
@Suite("Registration import and no-show pages")
struct ConsoleRegistrationImportTests {
    static let admin = ConventionPagesTests.admin

    static func registrations(_ application: Application, _ event: Event) async throws -> [Registration] {
        try await application.conventions.registrations(of: event.id, RegistrationFilter(), page: PageRequest(limit: 100), by: admin).items
    }

    static func content(_ page: TestClient.Response) throws -> String {
        let marker = "name=\"content\" value=\""
        let start = try #require(page.text.range(of: marker))
        return String(page.text[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test("the dry run lists bad rows in the reader's language and writes nothing; a clean CP932 file shows seats and waitlist, then the confirm registers")
    func importRegistrations() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id, seats: 2)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = ConventionPagesTests.path(event) + "/registrations/import"
            #expect(try await browser.get(ConventionPagesTests.path(event)).text.contains("href=\"\(path)\""))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.text.contains("local_company＝市内企業"), "each code with the form's own word for it")

            let bad = [0xEF, 0xBB, 0xBF] + Array(("email,nameJa,nameEn,sector,role\r\n"
                + "an@example.vn,,Nguyen An,industry,overseas_company\r\n"
                + "binh@example.vn,,Tran Binh,business,overseas_company\r\n"
                + "not-an-address,,Le Chi,industry,overseas_company\r\n"
                + "dung@example.vn,,Pham\u{202E}Dung,industry,overseas_company\r\n").utf8)
            let refused = try await browser.postMultipart(path, fields: [], file: ("file", "people.csv", bad))
            #expect(refused.status == 422 && refused.text.contains("このファイルは登録できません") && refused.text.contains("UTF-8（BOM 付き）"))
            #expect(refused.text.contains("次のいずれかを入力してください：industry＝産業（企業）、academia＝学術（大学・研究機関）、government＝行政・国際機関"))
            #expect(refused.text.contains("メールアドレスを254文字以内で正しく入力してください"))
            #expect(refused.text.contains("この値から制御文字・文字方向の制御記号を取り除いてください"), "said as such, not as a missing name")
            #expect(!refused.text.contains("name=\"content\""), "a file with bad rows offers no confirm")
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.postMultipart(path, fields: [], file: ("file", "people.csv", bad))
            #expect(english.status == 422 && english.text.contains("Enter one of: industry = Industry, academia = Academia, government = Government and international bodies"))
            browser.cookies["domino_lang"] = "ja"
            #expect(try await Self.registrations(application, event).isEmpty, "the dry run wrote nothing")

            // 山田太郎 in CP932, as Excel saves a CSV on a Japanese Windows.
            let yamada: [UInt8] = [142, 82, 147, 99, 145, 190, 152, 89]
            let clean = Array("email,nameJa,sector,role\r\nyamada@example.jp,".utf8) + yamada + Array((",government,city_official\r\n"
                + "an@example.vn,Nguyen An,industry,overseas_company\r\n").utf8)
                + Array("binh@example.vn,".utf8) + yamada + Array(",academia,student\r\n".utf8)
            let checked = try await browser.postMultipart(path, fields: [], file: ("file", "people.csv", clean))
            #expect(checked.status == 200 && checked.text.contains("Shift_JIS（CP932）") && checked.text.contains("3人を登録する"))
            #expect(checked.text.contains("<dt>席を確保する人</dt><dd>2</dd>") && checked.text.contains("<dt>キャンセル待ちになる人</dt><dd>1</dd>"))
            #expect(try await Self.registrations(application, event).isEmpty)
            let done = try await browser.postMultipart(path + "/confirm", fields: [("content", try Self.content(checked))], file: nil)
            #expect(done.status == 200 && done.text.contains("2人を登録し、1人をキャンセル待ちにしました"))
            let stored = try await Self.registrations(application, event)
            #expect(stored.count == 3 && stored.filter { $0.status == .waitlisted }.count == 1)
            #expect(stored.contains { $0.participant.nameJa == "山田太郎" })

            let again = try await browser.postMultipart(path, fields: [], file: ("file", "people.csv", clean))
            #expect(again.status == 422 && again.text.contains("このメールアドレスの人はすでにこのイベントに登録されています"))
        }
    }

    @Test("after the event its organizer marks people who did not come as no-shows; before it, and for others, there is no such form")
    func noShows() async throws {
        try await withTestServer(clock: ProgrammeClock.japan("2026-12-02")) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id)
            _ = try await ConventionPagesTests.register(application, event, "an@example.vn")
            _ = try await ConventionPagesTests.register(application, event, "binh@example.vn", nameJa: "チャン・ビン")
            let (otherEmail, _) = try await ConsoleBrowser.user(application, .organizer)
            var other = ConsoleBrowser(port: port)
            _ = try await other.signIn(otherEmail)
            _ = try await other.get("/conventions")
            let path = ConventionPagesTests.path(event)
            #expect(try await other.post(path + "/no-shows", form: []).status == 404)
            let (coordinatorEmail, _) = try await ConsoleBrowser.user(application, .coordinator)
            var coordinator = ConsoleBrowser(port: port)
            _ = try await coordinator.signIn(coordinatorEmail)
            #expect(!(try await coordinator.get(path).text.contains("/no-shows")))
            #expect(try await coordinator.post(path + "/no-shows", form: []).status == 403)
            #expect(try await Self.registrations(application, event).allSatisfy { $0.status == .registered })

            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let page = try await browser.get(path)
            #expect(page.text.contains("action=\"\(path)/no-shows\"") && page.text.contains("受付をしなかった人を欠席にする"))
            let marked = try await browser.post(path + "/no-shows", form: [])
            #expect(marked.status == 303)
            #expect(try await browser.get(try #require(marked.header("Location"))).text.contains("2人を欠席にしました"))
            #expect(try await Self.registrations(application, event).allSatisfy { $0.status == .noShow })
        }
    }

    @Test("before the event has ended its page offers no no-show form")
    func noShowsBeforeTheEnd() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            #expect(!(try await browser.get(ConventionPagesTests.path(event)).text.contains("/no-shows")))
        }
    }
}
