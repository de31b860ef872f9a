import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The retention and duplicate pages of an event (issue 15), on the real server.
@Suite("Retention and duplicate participant pages")
struct RetentionAndDuplicatePagesTests {
    @Test("an organizer sees the event's retention and changes the period; a stale form says so; only admins see what is due")
    func retention() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizer, event, _) = try await ConventionPagesTests.organizerWithGuest(port: port, application)
            var browser = organizer
            let path = ConventionPagesTests.path(event) + "/retention"
            #expect(try await browser.get(ConventionPagesTests.path(event)).text.contains("href=\"\(path)\""))
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.text.contains("終了後 730 日") && page.text.contains("保存中"))
            let refused = try await browser.post(path, form: [("version", String(event.version)), ("retentionDays", "9999")])
            #expect(refused.status == 422 && refused.text.contains("0から3650までの日数を入力してください"))
            let saved = try await browser.post(path, form: [("version", String(event.version)), ("retentionDays", "90")])
            #expect(saved.status == 303)
            #expect(try await application.conventions.event(event.id, by: ConventionPagesTests.admin).retentionDays == 90)
            let stale = try await browser.post(path, form: [("version", String(event.version)), ("retentionDays", "60")])
            #expect(stale.status == 409 && stale.text.contains("他の人がイベントを更新しました"))
            let refusedDue = try await browser.get("/conventions/retention").status
            #expect(refusedDue == 403 || refusedDue == 404, "an organizer does not see the admins' list")

            let (adminEmail, _) = try await ConsoleBrowser.user(application, .admin)
            var adminBrowser = ConsoleBrowser(port: port)
            _ = try await adminBrowser.signIn(adminEmail)
            let due = try await adminBrowser.get("/conventions/retention")
            #expect(due.status == 200 && due.text.contains("予定はありません"), "the period ends 90 days after the event, not within 30 days of today")
        }
    }

    @Test("an organizer sees a likely duplicate with its reasons and merges it; the page says what moved")
    func duplicates() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (organizer, event, kept) = try await ConventionPagesTests.organizerWithGuest(port: port, application)
            var browser = organizer
            let twin = try await ConventionPagesTests.register(application, event, "an.nguyen@example.com", nameJa: "グエン アン")
            let path = ConventionPagesTests.path(event) + "/duplicates"
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.text.contains("氏名（日本語表記）") && page.text.contains("an.nguyen@example.com"))
            let merged = try await browser.post(path, form: [
                ("keep", kept.participant.id.uuidString.lowercased()), ("merge", twin.participant.id.uuidString.lowercased()),
            ])
            #expect(merged.status == 200 && merged.text.contains("統合しました") && merged.text.contains("同じイベントに両方の登録がありました"))
            #expect(try await browser.get(path).text.contains("重複の候補はありません"))
            let registrations = try await application.conventions.registrations(
                of: event.id, RegistrationFilter(), page: PageRequest(), by: ConventionPagesTests.admin).items
            #expect(registrations.count == 2 && registrations.filter { $0.status == .cancelled }.map(\.id) == [twin.id])
        }
    }

    /// An online seminar on 1 December 2026 and the organizer who runs it (their e-mail address).
    static func onlineSeminar(_ application: Application) async throws -> (email: String, event: Event) {
        let (email, user) = try await ConsoleBrowser.user(application, .organizer)
        let start = CalendarDate("2026-12-01")!.startInJapan.addingTimeInterval(9 * 3600)
        let event = try await application.conventions.createEvent(EventDraft(
            kind: .seminar, titleJa: "オンラインセミナー", titleEn: "Online seminar", startsAt: start, endsAt: start.addingTimeInterval(8.5 * 3600),
            format: .online, onlineCapacity: 10, organizerUserIds: [user.id]), by: ConventionPagesTests.admin)
        return (email, event)
    }

    @Test("an organizer uploads a Zoom report, sees each person's outcome in the dry run with nothing written, then confirms")
    func attendanceImport() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, event) = try await Self.onlineSeminar(application)
            _ = try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
                nameJa: "グエン・アン", nameEn: "Nguyen An", email: "an.nguyen@example.vn", sector: .industry, role: .overseasCompany),
                attendance: .online), eventID: event.id, by: ConventionPagesTests.admin)
            let csv = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
                + "Nguyen An,An.Nguyen@example.vn,12/01/2026 09:58:03 AM,12/01/2026 11:30:10 AM,93,Yes\r\n"
                + "Unknown Person,who@example.com,12/01/2026 10:21:00 AM,12/01/2026 10:51:00 AM,30,Yes\r\n"
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = ConventionPagesTests.path(event) + "/attendance-import"
            #expect(try await browser.get(ConventionPagesTests.path(event)).text.contains("href=\"\(path)\""))
            #expect(try await browser.get(path).status == 200)
            let checked = try await browser.postMultipart(path, fields: [("source", "zoom")], file: ("file", "participants.csv", Array(csv.utf8)))
            #expect(checked.status == 200)
            #expect(checked.text.contains("an.nguyen@example.vn") || checked.text.contains("An.Nguyen@example.vn"))
            #expect(checked.text.contains("取り込まない: このイベントに登録されていない") && checked.text.contains("1 人を出席として取り込む"))
            let online = { try await application.conventions.attendance(of: event.id, by: ConventionPagesTests.admin).map(\.attendedOnline).reduce(0, +) }
            #expect(try await online() == 0, "the dry run wrote nothing")
            let marker = "name=\"content\" value=\""
            let start64 = try #require(checked.text.range(of: marker))
            let content = String(checked.text[start64.upperBound...].prefix { $0 != "\"" })
            let done = try await browser.postMultipart(path + "/confirm", fields: [("source", "zoom"), ("content", content)], file: nil)
            #expect(done.status == 200 && done.text.contains("1 人を出席として受付しました"))
            #expect(try await online() == 1)
        }
    }

    @Test("a report refused as a whole says why in the reader's language, not the API's English")
    func attendanceReportRefused() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, event) = try await Self.onlineSeminar(application)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = ConventionPagesTests.path(event) + "/attendance-import"
            #expect(try await browser.get(path).status == 200)
            let wrongColumns = Array("Topic,Host\r\nWeekly call,Sato\r\n".utf8)
            let badTime = Array("Name (Original Name),User Email,Join Time\r\nNguyen An,an@example.vn,yesterday\r\n".utf8)
            let notText: [UInt8] = [0x81, 0x20, 0xFF, 0xFE, 0x00, 0x85] + Array(repeating: 0xFF, count: 20)
            let cases: [([UInt8], String, String)] = [
                (wrongColumns, "参加者の表が見つかりません", "No table of participants"),
                (badTime, "2行目", "Line 2"),
                (notText, "UTF-16（BOM 付き）、Shift_JIS のどのテキストでもありません", "UTF-8, UTF-16 (with its byte order mark) or Shift_JIS; in Excel"),
            ]
            for (bytes, japanese, english) in cases {
                browser.cookies["domino_lang"] = "ja"
                let ja = try await browser.postMultipart(path, fields: [("source", "zoom")], file: ("file", "report.csv", bytes))
                #expect(ja.status == 422 && ja.text.contains("ファイルを読めませんでした") && ja.text.contains(japanese), "\(japanese)")
                #expect(!ja.text.contains("The request has invalid fields") && !ja.text.contains("is not a date and time")
                        && !ja.text.contains("The file is neither"))
                browser.cookies["domino_lang"] = "en"
                let en = try await browser.postMultipart(path, fields: [("source", "zoom")], file: ("file", "report.csv", bytes))
                #expect(en.status == 422 && en.text.contains(english), "\(english)")
            }
            browser.cookies["domino_lang"] = "ja"
            let time = try await browser.postMultipart(path, fields: [("source", "zoom")], file: ("file", "report.csv", badTime))
            #expect(time.text.contains("参加時刻「yesterday」を日時として読めません"))
        }
    }
}
