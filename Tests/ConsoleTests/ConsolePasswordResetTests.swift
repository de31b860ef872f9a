import Accounts
import App
@testable import Console
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// "I forgot my password" by e-mail (reset29), on the real server and a fresh database; the mail is read from the outbox.
@Suite("Console password reset by mailed link")
struct ConsolePasswordResetTests {
    static let newPassword = "a fresh passphrase for reset 29"

    /// The reset mails in the outbox, oldest first: recipient, subject, text.
    static func mails(_ application: Application) async throws -> [(to: String, subject: String, text: String)] {
        try await application.pool.query("SELECT recipient, subject, text_body FROM mail_outbox WHERE kind = 'password_reset' ORDER BY id").map {
            (try $0.decode("recipient"), try $0.decode("subject"), try $0.decode("text_body"))
        }
    }

    static func link(in text: String) throws -> String {
        let match = try #require(text.firstMatch(of: /\/password-reset\/dmr_[A-Za-z0-9_-]{43}/))
        return String(match.output)
    }

    static func ask(_ browser: inout ConsoleBrowser, _ email: String) async throws -> TestClient.Response {
        _ = try await browser.get("/password-reset")
        return try await browser.post("/password-reset", form: [("email", email)])
    }

    @Test("the whole round trip in Japanese then English: mail, link, policy refusals, new password, sessions ended, link used once", arguments: ["ja", "en"])
    func roundTrip(language: String) async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var signedIn = ConsoleBrowser(port: port)
            #expect(try await signedIn.signIn(email).status == 303)
            var browser = ConsoleBrowser(port: port)
            browser.cookies["domino_lang"] = language
            let ja = language == "ja"
            let login = try await browser.get("/login")
            #expect(login.text.contains("href=\"/password-reset\">" + (ja ? "パスワードを忘れた場合" : "Forgot your password?")))
            let sent = try await Self.ask(&browser, email.uppercased())
            #expect(sent.status == 200)
            #expect(sent.text.contains(ja ? "このメールアドレスのアカウントがあれば" : "If an account has this address, a mail with a link is on its way"))
            let mails = try await Self.mails(application)
            try #require(mails.count == 1)
            #expect(mails[0].to == email)
            #expect(mails[0].subject == "Domino パスワードの再設定 / Reset your Domino password")
            let japanese = try #require(mails[0].text.range(of: "Domino のパスワードの再設定が申し込まれました"))
            let english = try #require(mails[0].text.range(of: "Someone asked to reset your Domino password"))
            #expect(japanese.lowerBound < english.lowerBound, "Japanese first")
            let link = try Self.link(in: mails[0].text)

            let form = try await browser.get(link)
            #expect(form.status == 200 && form.text.contains(email))
            let differ = try await browser.post(link, form: [("newPassword", Self.newPassword), ("newPasswordAgain", "something else")])
            #expect(differ.status == 422)
            let weak = try await browser.post(link, form: [("newPassword", "password"), ("newPasswordAgain", "password")])
            #expect(weak.status == 422)
            #expect(weak.text.contains("error-summary") && !weak.text.contains("value=\"password\""))
            let done = try await browser.post(link, form: [("newPassword", Self.newPassword), ("newPasswordAgain", Self.newPassword)])
            #expect(done.status == 200)
            #expect(done.text.contains(ja ? "パスワードを変更しました。新しいパスワードでログインしてください。" : "Password changed; sign in with your new password."))

            #expect(try await signedIn.get("/").header("location") == "/login?expired=1", "the session made with the old password is over")
            var again = ConsoleBrowser(port: port)
            #expect(try await again.signIn(email).status == 401, "the old password no longer works")
            #expect(try await again.signIn(email, password: Self.newPassword).status == 303)
            let used = try await browser.get(link)
            #expect(used.status == 404)
            #expect(used.text.contains(ja ? "このリンクは無効です" : "This link is no longer valid") && used.text.contains("href=\"/password-reset\""))
            _ = try await browser.get("/password-reset")  // a form with the public token: the sign-in page's is another
            #expect(try await browser.post(link, form: [("newPassword", "another passphrase 2026"), ("newPasswordAgain", "another passphrase 2026")]).status == 404)
            let audit: Int = try await application.pool.query(
                "SELECT count(*) AS n FROM audit_log WHERE action = 'user.reset_password_by_link'")[0].decode("n")
            #expect(audit == 1)
        }
    }

    @Test("an unknown or disabled address gets the same page and no mail")
    func noEnumeration() async throws {
        try await withTestServer { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .viewer)
            try await application.pool.execute("UPDATE users SET disabled = true WHERE id = \(user.id)")
            var browser = ConsoleBrowser(port: port)
            let unknown = try await Self.ask(&browser, "nobody-here@console.test.domino.example")
            let disabled = try await Self.ask(&browser, email)
            for page in [unknown, disabled] {
                #expect(page.status == 200 && page.text.contains("このメールアドレスのアカウントがあれば"))
            }
            #expect(try await Self.mails(application).isEmpty)
        }
    }

    @Test("a superseded link and an expired one are refused")
    func supersededAndExpired() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            _ = try await Self.ask(&browser, email)
            _ = try await Self.ask(&browser, email)
            let mails = try await Self.mails(application)
            try #require(mails.count == 2)
            let (first, second) = (try Self.link(in: mails[0].text), try Self.link(in: mails[1].text))
            #expect(try await browser.get(first).status == 404, "the newer link supersedes the older")
            #expect(try await browser.get(second).status == 200)
            clock.advance(seconds: 3601)
            #expect(try await browser.get(second).status == 404, "an hour later the link has expired")
            #expect(try await browser.post(second, form: [("newPassword", Self.newPassword), ("newPasswordAgain", Self.newPassword)]).status == 404)
        }
    }

    @Test("past three requests an hour for one account, the same page and no mail")
    func throttle() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            for _ in 0..<4 {
                let page = try await Self.ask(&browser, email)
                #expect(page.status == 200 && page.text.contains("このメールアドレスのアカウントがあれば"))
            }
            #expect(try await Self.mails(application).count == 3)
            clock.advance(seconds: 3601)
            _ = try await Self.ask(&browser, email)
            #expect(try await Self.mails(application).count == 4, "an hour later the account may ask again")
        }
    }
}
