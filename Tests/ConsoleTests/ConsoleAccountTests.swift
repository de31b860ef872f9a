import Accounts
import App
@testable import Console
import DomainKit
import Foundation
import TestSupport
import Testing

/// My account: who I am, and changing my password, which ends every session and API key of mine.
@Suite("Console: my account")
struct ConsoleAccountTests {
    static let newPassword = "港の見える丘で待ち合わせ 2026"

    @Test("every role reaches its account from the name in the header and sees who it is, its company or liaison base")
    func whoIAm() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            for role in Role.allCases {
                var browser = world.browsers[role]!
                let home = try await browser.get("/")
                #expect(home.text.contains("<a class=\"who\" href=\"/account\">"), "\(role)")
                let page = try await browser.get("/account")
                #expect(page.status == 200 && page.text.contains("Console \(role.rawValue)") && page.text.contains("@console.test.domino.example"))
                #expect(page.text.contains(Catalogue.ja[Layout.roleMessage(role)]!) && page.text.contains("href=\"/api-keys\""))
                #expect(page.text.contains("<dd>日本語 <a href=\"/language?to=en&amp;back=%2Faccount\" lang=\"en\">Show in English</a></dd>"))
                #expect(page.text.contains("あなたが作ったAPIキーもすべて無効になります"), "the page says what a change ends")
                #expect(page.text.contains("Da Nang office") == (role == .liaison), "\(role)")
                #expect(page.text.contains("href=\"/companies/\(world.companyA.uuidString.lowercased())\"") == (role == .company), "\(role)")
                world.browsers[role] = browser
            }
            var english = world.browsers[.viewer]!
            english.cookies["domino_lang"] = "en"
            let page = try await english.get("/account")
            #expect(page.text.contains("<h1>My account</h1>") && page.text.contains("Change my password") && page.text.contains("日本語で表示する"))
        }
    }

    @Test("a password change ends every session and API key of mine, this one included; the new password signs in, the old one not")
    func change() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .coordinator)
            var browser = ConsoleBrowser(port: port), elsewhere = ConsoleBrowser(port: port)
            #expect(try await browser.signIn(email).status == 303)
            #expect(try await elsewhere.signIn(email).status == 303)
            _ = try await browser.get("/api-keys")
            let made = try await browser.post("/api-keys", form: [("name", "CRM"), ("scopes", "leads:read")])
            let key = String(made.text[try #require(made.text.range(of: "<code class=\"secret\">")).upperBound...].prefix { $0 != "<" })
            #expect(try await TestClient.request(port: port, "GET", "/v1/leads", headers: ["Authorization": "Bearer \(key)"]).status == 200)

            _ = try await browser.get("/account")
            let changed = try await browser.post("/account/password", form: [
                ("currentPassword", ConsoleBrowser.password), ("newPassword", Self.newPassword), ("newPasswordAgain", Self.newPassword),
            ])
            #expect(changed.status == 200 && changed.text.contains("パスワードを変更しました"))
            #expect(changed.text.contains("このブラウザを含むセッション2件とAPIキー1件を無効にしました"))
            #expect(changed.text.contains("action=\"/login\"") && changed.text.contains("value=\"\(email)\""), "the sign-in form, email filled in")
            #expect(browser.cookies["domino_session"] == nil, "this browser's session cookie is cleared")
            #expect(try await elsewhere.get("/").status == 303, "the other session ended")
            #expect(try await TestClient.request(port: port, "GET", "/v1/leads", headers: ["Authorization": "Bearer \(key)"]).status == 401)
            #expect(try await browser.signIn(email).status == 401, "the old password no longer signs in")
            #expect(try await browser.signIn(email, password: Self.newPassword).status == 303)
        }
    }

    @Test("refusals are worded per rule beside their field, in Japanese and English, and change nothing")
    func refused() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            #expect(try await browser.signIn(email).status == 303)
            _ = try await browser.get("/account")
            func change(_ current: String, _ new: String, again: String? = nil) async throws -> TestClient.Response {
                try await browser.post("/account/password", form: [("currentPassword", current), ("newPassword", new), ("newPasswordAgain", again ?? new)])
            }
            let cases: [(String, String, String?, String)] = [
                ("wrong password 2026", Self.newPassword, nil, "現在のパスワードが正しくありません"),
                (ConsoleBrowser.password, Self.newPassword, "港の見える丘", "確認のために入力したパスワードが、新しいパスワードと一致しません"),
                (ConsoleBrowser.password, "short", nil, "パスワードは12文字以上にしてください"),
                (ConsoleBrowser.password, "Yokohama2026!", nil, "「Domino」や「横浜」に数字や記号を付けただけのパスワードは使えません"),
                (ConsoleBrowser.password, "password1234", nil, "よく使われているパスワードのため使えません"),
                (ConsoleBrowser.password, "ああああああああああああ", nil, "同じ文字の繰り返しは使えません"),
                (ConsoleBrowser.password, "my \(email.prefix { $0 != "@" }) password", nil, "メールアドレスを含むパスワードは使えません"),
                (ConsoleBrowser.password, ConsoleBrowser.password, nil, "新しいパスワードは現在のパスワードと別のものにしてください"),
                ("", "", nil, "現在のパスワードを入力してください"),
            ]
            for (current, new, again, expected) in cases {
                let response = try await change(current, new, again: again)
                #expect(response.status == 422 && response.text.contains(expected), "\(new): \(response.status)")
                #expect(response.text.contains("class=\"error-summary\"") && response.text.contains("class=\"field-error\""))
                #expect(!response.text.contains("value=\"\(new)\"") || new.isEmpty, "a password is never written back into the page")
            }
            browser.cookies["domino_lang"] = "en"
            _ = try await browser.get("/account")
            let english = try await change(ConsoleBrowser.password, "short", again: "short")
            #expect(english.status == 422 && english.text.contains("The password must be at least 12 characters long"))
            #expect(try await change("not it at all 2026", Self.newPassword).text.contains("That is not your current password"))
            #expect(try await browser.get("/account").status == 200, "the session still holds")
            var again = ConsoleBrowser(port: port)
            #expect(try await again.signIn(email).status == 303, "the password is unchanged")
        }
    }

    @Test("every password rule has its own wording in both catalogues")
    func rulesWorded() {
        for language in Language.allCases {
            let generic = language(.passwordRejected)
            let worded = PasswordRule.allCases.map { Console.passwordMessage($0.message, language) }
            #expect(Set(worded).count == PasswordRule.allCases.count && !worded.contains(generic), "\(language)")
        }
        #expect(Console.passwordMessage("something new", .en) == Language.en(.passwordRejected))
    }
}
