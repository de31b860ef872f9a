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
}
