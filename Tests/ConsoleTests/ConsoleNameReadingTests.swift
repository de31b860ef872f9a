import App
import Conventions
import Foundation
import TestSupport
import Testing

/// The name reading (フリガナ, conv34) in the console: asked when registering by hand (the public page's form),
/// refused beside its field with the input kept, shown under the name in the list, and found there by kana.
@Suite("Name reading in the console")
struct ConsoleNameReadingTests {
    @Test("a reading that is not kana is refused beside its field with the input kept and nothing written; a kana one is listed and found by さとう")
    func registerByHand() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            let path = ConventionPagesTests.path(event) + "/registrations/new"
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.text.contains("name=\"nameReading\"") && form.text.contains("フリガナ（任意）"))

            let person = [("nameJa", "佐藤 花子"), ("email", "hanako@example.jp"), ("sector", "industry"), ("role", "local_company"), ("consent", "yes")]
            let refused = try await browser.post(path, form: person + [("nameReading", "Sato Hanako")])
            #expect(refused.status == 422 && refused.text.contains("value=\"Sato Hanako\""))
            #expect(refused.text.contains("フリガナはひらがなかカタカナで入力してください"))
            #expect(try await ConsoleRegistrationsByHandTests.registrations(application, event).isEmpty)

            _ = try await browser.get(path)
            let done = try await browser.post(path, form: person + [("nameReading", "ｻﾄｳ ﾊﾅｺ")])
            #expect(done.status == 200)
            let found = try await browser.get(ConventionPagesTests.path(event) + "?q=%E3%81%95%E3%81%A8%E3%81%86")  // さとう
            #expect(found.text.contains("佐藤 花子") && found.text.contains("サトウ ハナコ"))
        }
    }

    /// gojuon36: the 受付名簿 sorted by フリガナ. 101 people, one more than a page: 大野 陽子 (オオノ ヨウコ) registered before
    /// 大野 洋 (オーノ ヒロシ), whom 五十音順 puts first (ー reads オ, and ヒ comes before ヨ); the 99 without a reading after, by name.
    @Test("the event page's 並び順 lists registrations in 五十音順, and carries the order to the next page and to the exports")
    func receptionListByReading() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            func register(_ email: String, _ nameJa: String, _ reading: String?) async throws {
                _ = try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
                    nameJa: nameJa, email: email, sector: .industry, role: .localCompany, nameReading: reading)), eventID: event.id, by: ConventionPagesTests.admin)
            }
            try await register("yoko@example.jp", "大野 陽子", "オオノ ヨウコ")
            for i in (1...99).reversed() { try await register("p\(i)@example.jp", "横浜 参加者\(i + 100)", nil) }
            try await register("hiroshi@example.jp", "大野 洋", "オーノ ヒロシ")
            let path = ConventionPagesTests.path(event)

            let first = try await browser.get(path + "?order=reading")
            #expect(first.status == 200 && first.text.contains("<option value=\"reading\" selected>五十音順</option>"))
            let text = first.text
            let order = ["大野 洋", "大野 陽子", "横浜 参加者101", "横浜 参加者198"].map { text.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order == order.sorted { ($0 ?? text.startIndex) < ($1 ?? text.startIndex) })
            #expect(!text.contains("横浜 参加者199"))
            #expect(text.contains("participants.csv?order=reading") && text.contains("students.csv?order=reading"))
            let next = try #require(text.range(of: #"href="([^"]*cursor=[^"]*)""#, options: .regularExpression).map { String(text[$0]) })
            #expect(next.contains("order=reading"))
            let href = String(next.dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&")
            let second = try await browser.get(href)
            #expect(second.status == 200 && second.text.contains("横浜 参加者199") && !second.text.contains("大野 洋"))

            let csv = try await browser.get(path + "/participants.csv?order=reading").text
            let names = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[3] }
            #expect(names.prefix(3) == ["大野 洋", "大野 陽子", "横浜 参加者101"] && names.count == 101)
        }
    }
}
